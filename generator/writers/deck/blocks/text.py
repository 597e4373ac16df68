"""Text blocks: paragraphs of prose under the block's title (or the section's), one size for all.

Measured and continued as a bullet list is: the largest size that fits one slide, else the largest
that needs no more slides than the smallest, spread over evenly filled '(cont.)' slides. A
paragraph longer than a slide is cut at line boundaries, and its spans with it, so bold, italic
and links keep their words on every slide. A paragraph with any bold or italic span is measured
as bold throughout, which is never narrower, so measuring never underestimates a line.
"""

from __future__ import annotations

from ....measure import LINE_SPACING, wrap
from ....model import Document, Section, Span, TextBlock
from ....theme import SLIDE, Theme
from ..pagination import balanced, largest_on_fewest_slides
from ..shapes import Para, Run, SlidePlan, TextBox
from ..text import MIN_BODY, below, content_top, continued, headline, lines_in, source_box, speaker_notes


def slides(document: Document, section: Section, block: TextBlock, theme: Theme) -> list[SlidePlan]:
    title = block.title or section.title
    source = source_box(document, block.sources, theme) if block.sources else None
    bottom = (source.y - 8) if source else SLIDE.bottom
    top = content_top(title, theme, 18, document.words)
    width = SLIDE.content_width

    def layout(size: float):
        most = lines_in(bottom - top - size * 0.6, size)  # a paragraph longer than a slide is cut to this
        pieces = [piece for paragraph in block.paragraphs for piece in cut(paragraph, width, size, most)]
        heights = [_height(piece, width, size) for piece in pieces]
        return pieces, heights, balanced(heights, lambda n: bottom - top)

    sizes = (theme.screen.body, 18, 16, MIN_BODY)
    size, (pieces, heights, counts) = largest_on_fewest_slides(sizes, layout, lambda laid: len(laid[2]))
    planned, start = [], 0
    for index, count in enumerate(counts):
        head = headline(continued(title, index, document.words), theme)
        paragraphs = [_para(piece, size, theme) for piece in pieces[start:start + count]]
        box = TextBox(SLIDE.margin, below(head, 18), width, sum(heights[start:start + count]), paragraphs, origin=block.origin)
        start += count
        planned.append(SlidePlan("text", [head, box] + ([source] if source else []),
                                 notes=speaker_notes(document, block.sources, block.notes)))
    return planned


def describe(document: Document, block: TextBlock) -> str:
    return f'The text "{block.title}"' if block.title else "The text block"


def _bold(spans: tuple[Span, ...]) -> bool:
    return any(span.bold or span.italic for span in spans)


def _height(spans: tuple[Span, ...], width: float, size: float) -> float:
    text = "".join(span.text for span in spans)
    return len(wrap(text, width, size, _bold(spans))) * size * LINE_SPACING + size * 0.6


def cut(spans: tuple[Span, ...], width: float, size: float, max_lines: int) -> list[tuple[Span, ...]]:
    """The paragraph in pieces of at most `max_lines` lines, evenly filled, each a run of its spans.

    The text holds single spaces only (content/inline.py tidies it), so each wrapped line is found
    again in it; a piece starts at its first line and ends at its last, and the spans are cut there."""
    text = "".join(span.text for span in spans)
    lines = wrap(text, width, size, _bold(spans))
    if len(lines) <= max(1, max_lines):
        return [spans]
    count = -(-len(lines) // max(1, max_lines))
    step = -(-len(lines) // count)
    starts, position = [], 0
    for line in lines:
        position = text.find(line, position)
        starts.append(position)
        position += len(line)
    bounds = [starts[i] for i in range(0, len(lines), step)] + [len(text)]
    return [_slice(spans, low, high) for low, high in zip(bounds, bounds[1:])]


def _slice(spans: tuple[Span, ...], low: int, high: int) -> tuple[Span, ...]:
    """The spans' characters from `low` to `high`, trimmed of the space where the cut fell."""
    out, offset = [], 0
    for span in spans:
        start, stop = max(low, offset), min(high, offset + len(span.text))
        if start < stop:
            out.append(Span(span.text[start - offset:stop - offset], span.bold, span.italic, span.href))
        offset += len(span.text)
    if out:
        out[0] = Span(out[0].text.lstrip(" "), out[0].bold, out[0].italic, out[0].href)
        out[-1] = Span(out[-1].text.rstrip(" "), out[-1].bold, out[-1].italic, out[-1].href)
    return tuple(span for span in out if span.text)


def _para(spans: tuple[Span, ...], size: float, theme: Theme) -> Para:
    runs = [Run(span.text, span.bold, span.italic, href=span.href) for span in spans]
    return Para(runs, size, theme.palette.ink, space_after=size * 0.6)
