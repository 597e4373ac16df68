"""Bullet lists: an optional intro, then the bullets, one size for the whole list.

The size is chosen as for tables (the largest that fits one slide, else the largest that needs no
more slides than the smallest), and the list continues on evenly filled '(cont.)' slides. A bullet
longer than a slide continues, unmarked, on the next, lined up with the bullet's text.
"""

from __future__ import annotations

from ....measure import LINE_SPACING, text_width, wrap
from ....model import BulletItem, BulletsBlock, Document, Section
from ....theme import SLIDE, Theme
from ..pagination import balanced, largest_on_fewest_slides, line_pieces
from ..shapes import Para, Run, SlidePlan, TextBox
from ..text import MIN_BODY, below, capped_text, content_top, continued, headline, lines_in, source_box, speaker_notes


def slides(document: Document, section: Section, block: BulletsBlock, theme: Theme) -> list[SlidePlan]:
    palette = theme.palette
    source = source_box(document, block.sources, theme)
    bottom = (source.y - 8) if source else SLIDE.bottom
    first_top = below(headline(block.title, theme), 18)
    intro = None
    if block.intro:
        cap = bottom - first_top - 10 - _bullet_height("•", MIN_BODY, None)  # room for one bullet beneath it
        intro = capped_text(block.intro, SLIDE.margin, first_top, SLIDE.content_width, (theme.screen.body, 18, 16, MIN_BODY),
                            100, palette.ink, cap, "the bullet list's intro")
        first_top = below(intro, 10)
    later_top = content_top(block.title, theme, 18, document.words)

    def layout(size: float):
        tallest = bottom - max(first_top, later_top) - size * 0.6
        pieces = [piece for item in block.items for piece in _bullet_pieces(item, size, tallest)]
        heights = [_bullet_height(text, size, lead if first else None) for text, lead, first in pieces]
        return pieces, heights, balanced(heights, lambda n: bottom - (first_top if n == 0 else later_top))

    size, (pieces, heights, counts) = largest_on_fewest_slides((theme.screen.body, 18, 16, MIN_BODY), layout,
                                                                lambda laid: len(laid[2]))
    spacing = size * 0.6
    planned: list[SlidePlan] = []
    start = 0
    for index, count in enumerate(counts):
        head = headline(continued(block.title, index, document.words), theme)
        top = below(head, 18)
        shapes: list = [head] + ([source] if source else [])
        if intro and index == 0:
            shapes.append(intro)
            top = first_top
        paragraphs = [_bullet_para(text, lead, first, size, spacing, palette.ink) for text, lead, first in pieces[start:start + count]]
        shapes.append(TextBox(SLIDE.margin, top, SLIDE.content_width, sum(heights[start:start + count]), paragraphs))
        start += count
        planned.append(SlidePlan("bullets", shapes, notes=speaker_notes(document, block.sources, block.notes)))
    return planned


def describe(document: Document, block: BulletsBlock) -> str:
    return f'The bullet list "{block.title}"'


def _bullet_width(lead: str | None, size: float) -> float:
    """The line width to wrap at: narrower by what the bold lead adds, so measuring never underestimates."""
    extra = text_width(lead, size, bold=True) - text_width(lead, size) if lead else 0.0
    return SLIDE.content_width - SLIDE.bullet_indent - extra


def _bullet_height(text: str, size: float, lead: str | None) -> float:
    return len(wrap(text, _bullet_width(lead, size), size)) * size * LINE_SPACING + size * 0.6


def _bullet_pieces(item: BulletItem, size: float, room: float) -> list[tuple[str, str | None, bool]]:
    """(text, lead, is the bullet's first piece) for a bullet, cut at line boundaries when it is taller than `room`."""
    texts = line_pieces(item.full_text, _bullet_width(item.lead, size), size, lines_in(room, size))
    lead = item.lead if item.lead and texts[0].startswith(f"{item.lead} — ") else None
    return [(text, lead, n == 0) for n, text in enumerate(texts)]


def _bullet_para(text: str, lead: str | None, first: bool, size: float, spacing: float, colour: str) -> Para:
    runs = [Run(lead, bold=True), Run(" — "), Run(text.removeprefix(f"{lead} — "))] if lead and first else [Run(text)]
    return Para(runs, size, colour, bullet=first, space_after=spacing, indent=SLIDE.bullet_indent)
