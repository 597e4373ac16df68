"""Measuring and placing text on a slide: the rules every slide kind shares.

Sizes are chosen only when the wrapped text, measured with the metrics of the font the deck
names (see measure.py), fits its box; text that cannot fit even at the smallest size is cut after
its last whole line and the box carries the problem, so the check reports it where it comes from.
The slide's geometry (margins, the content area, caps) is the theme's `SLIDE`.
"""

from __future__ import annotations

import math

from ...measure import LINE_SPACING, text_width, wrap
from ...model import DataOrigin, Document, Origin, Source, attribution
from ...theme import DECK_HEADLINE_LINES, MINIMUMS, SLIDE, Theme
from ...words import Words
from .shapes import Para, Run, TextBox

MIN_BODY, MIN_TITLE = MINIMUMS.screen_body, MINIMUMS.screen_title  # the smallest text a projector audience is asked to read


def fitted_text(text: str, x: float, y: float, width: float, sizes: tuple[float, ...], max_height: float,
                colour: str, bold: bool = False, italic: bool = False, role: str = "") -> TextBox:
    """The largest of `sizes` at which the wrapped text fits `max_height`; the smallest otherwise."""
    for size in sizes:
        height = len(wrap(text, width, size, bold)) * size * LINE_SPACING
        if height <= max_height:
            break
    return TextBox(x, y, width, height, [Para([Run(text, bold, italic)], size, colour)], role)


def capped_text(text: str, x: float, y: float, width: float, sizes: tuple[float, ...], max_height: float,
                colour: str, cap: float, what: str, origin: Origin | None = None, bold: bool = False,
                italic: bool = False, role: str = "") -> TextBox:
    """`fitted_text`, but never taller than `cap`: text too long for it even at the smallest size is
    cut after the last whole line that fits and ends in '…', and the box carries the problem, so the
    check reports it at `origin` and a forced draft still lays out the rest of the slide."""
    box = fitted_text(text, x, y, width, sizes, max_height, colour, bold, italic, role)
    box.origin = origin
    if box.height <= cap + 1e-6:
        return box
    size = sizes[-1]
    lines = wrap(text, width, size, bold)
    keep = lines_in(cap, size)
    box.paragraphs[0].runs[0].text = " ".join(lines[:keep - 1] + [ellipsized(lines[keep - 1], width, size, bold)])
    box.paragraphs[0].size = size
    box.height = keep * size * LINE_SPACING
    box.problem = (f"{what} does not fit even at {size:g} pt: it needs {len(lines)} lines "
                   f"where there is room for {keep}")
    return box


def ellipsized(line: str, width: float, size: float, bold: bool) -> str:
    """The line shortened, at a word if it can be, until it ends in '…' within `width`."""
    while line and text_width(line + "…", size, bold) > width:
        cut = line.rfind(" ")
        line = line[:cut] if cut > 0 and text_width(line[:cut] + "…", size, bold) <= width else line[:-1]
    return line.rstrip() + "…"


def headline(text: str, theme: Theme, origin: Origin | None = None) -> TextBox:
    """Two lines at most at 28 or 26 pt; past that 24 pt, as many lines as the words need, up to
    DECK_HEADLINE_LINES: a longer one is cut and reported, so the slide keeps room for its content."""
    return capped_text(text, SLIDE.margin, SLIDE.headline_y, SLIDE.content_width, (theme.screen.headline, 26, MIN_TITLE),
                       2 * theme.screen.headline * LINE_SPACING, theme.palette.heading,
                       DECK_HEADLINE_LINES * MIN_TITLE * LINE_SPACING, "the headline", origin, bold=True, role="headline")


def below(box: TextBox, gap: float = 6.0) -> float:
    return box.y + box.height + gap


def source_box(document: Document, keys: tuple[str, ...], theme: Theme, origin: Origin | None = None,
               x: float = SLIDE.margin, width: float = SLIDE.content_width, bottom: float = SLIDE.bottom,
               role: str = "source") -> TextBox | None:
    """The source line, set on the bottom edge of the slide (or of a column: `x`, `width`, `bottom`);
    one longer than the source cap is cut and reported. Its `role` "source" has it read after the
    slide's content (access.reading_order); a column's is read with its own block."""
    line, _ = attribution(document, keys)
    if not line:
        return None
    cap = SLIDE.source_cap
    box = capped_text(line, x, 0, width, (theme.screen.caption,), cap, theme.palette.muted, cap,
                      "the source line", origin, italic=True)
    box.y = bottom - box.height
    box.role = role
    return box


def continued(title: str, slide_index: int, words: Words) -> str:
    """The headline of a block's n-th slide: its title, then '(cont.)' (in the briefing's language)
    on every slide after the first."""
    return title if slide_index == 0 else f"{title} {words('continued_short')}"


def content_top(title: str, theme: Theme, gap: float, words: Words) -> float:
    """Where content starts below the taller of a block's headlines (the '(cont.)' one may wrap further)."""
    return max(below(headline(title, theme), gap), below(headline(continued(title, 1, words), theme), gap))


def speaker_notes(document: Document, keys: tuple[str, ...], own: str | None, data: DataOrigin | None = None) -> str:
    """Speaker notes: the block's own notes, then each source in full, then the data file its figures
    were read from (file, sheet, range and digest), so the presenter can trace a figure to its cell."""
    parts = [own] if own else []
    _, keys = attribution(document, keys)
    if keys:
        parts.append(document.words.lead("sources") + "\n" + "\n".join(full_citation(document, document.source(k)) for k in keys))
    if data:
        parts.append(f"{document.words.lead('data_file')} {data.reference()}")
    return "\n\n".join(parts)


def full_citation(document: Document, source: Source) -> str:
    entry = f"[{document.source_number(source.key)}] {source.citation()}"
    return f"{entry}. {source.url}" if source.url else entry


def lines_in(height: float, size: float) -> int:
    """How many wrapped lines at `size` fit `height` (at least one: a box always shows a line)."""
    return max(1, math.floor(height / (size * LINE_SPACING) + 1e-6))
