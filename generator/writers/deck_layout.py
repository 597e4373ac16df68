"""Measuring and placing text on a slide: the geometry and rules every slide kind shares.

Sizes are chosen only when the wrapped text, measured with the metrics of the font the deck
names, fits its box; what still does not fit is cut at line boundaries into pieces that each fit,
and the pieces are spread evenly over as few slides as they need.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ..measure import LINE_SPACING, text_width, wrap
from ..model import Document, Origin, Source, attribution
from ..theme import DECK_HEADLINE_LINES, MINIMUMS, Theme
from .deck_shapes import Para, Run, TextBox

WIDTH, HEIGHT = 960.0, 540.0  # 13.333 x 7.5 in
MARGIN = 40.0
CONTENT_W = WIDTH - 2 * MARGIN
FOOTER_Y = 508.0
BOTTOM = 496.0  # lowest edge of slide content, above the footer
HEADLINE_Y = 26.0
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
    return capped_text(text, MARGIN, HEADLINE_Y, CONTENT_W, (theme.screen.headline, 26, MIN_TITLE),
                       2 * theme.screen.headline * LINE_SPACING, theme.palette.heading,
                       DECK_HEADLINE_LINES * MIN_TITLE * LINE_SPACING, "the headline", origin, bold=True, role="headline")


def below(box: TextBox, gap: float = 6.0) -> float:
    return box.y + box.height + gap


SOURCE_CAP = 80.0  # the most height a slide's source line takes (four lines at 14 pt)


def source_box(document: Document, keys: tuple[str, ...], theme: Theme, origin: Origin | None = None) -> TextBox | None:
    """The source line, set on the slide's bottom edge; one longer than SOURCE_CAP is cut and reported."""
    line, _ = attribution(document, keys)
    if not line:
        return None
    box = capped_text(line, MARGIN, 0, CONTENT_W, (theme.screen.caption,), SOURCE_CAP, theme.palette.muted, SOURCE_CAP,
                      "the source line", origin, italic=True)
    box.y = BOTTOM - box.height
    return box


def continued(title: str, slide_index: int) -> str:
    """The headline of a block's n-th slide: its title, then '(cont.)' on every slide after the first."""
    return title if slide_index == 0 else f"{title} (cont.)"


def content_top(title: str, theme: Theme, gap: float) -> float:
    """Where content starts below the taller of a block's headlines (the '(cont.)' one may wrap further)."""
    return max(below(headline(title, theme), gap), below(headline(continued(title, 1), theme), gap))


def speaker_notes(document: Document, keys: tuple[str, ...], own: str | None) -> str:
    """Speaker notes: the block's own notes, then each source in full."""
    parts = [own] if own else []
    _, keys = attribution(document, keys)
    if keys:
        parts.append("Sources:\n" + "\n".join(full_citation(document, document.source(k)) for k in keys))
    return "\n\n".join(parts)


def full_citation(document: Document, source: Source) -> str:
    entry = f"[{document.source_number(source.key)}] {source.citation()}"
    return f"{entry}. {source.url}" if source.url else entry


def line_pieces(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """The text cut at line boundaries into as few pieces of at most `max_lines` wrapped lines as
    it needs, evenly filled.

    Greedy wrapping restarts identically at a line boundary, so each piece, wrapped again at the
    same width and size, breaks into the same lines it was measured with."""
    lines = wrap(text, width, size, bold)
    if len(lines) <= max(1, max_lines):
        return [text]  # whole, exactly as written
    pieces = -(-len(lines) // max(1, max_lines))
    step = -(-len(lines) // pieces)  # as many lines in each piece as the others, give or take one
    return [" ".join(lines[i:i + step]) for i in range(0, len(lines), step)] or [""]


def lines_in(height: float, size: float) -> int:
    return max(1, math.floor(height / (size * LINE_SPACING) + 1e-6))


def balanced(heights: list[float], room: Callable[[int], float], tail: float = 0.0) -> list[int]:
    """How many items go on each slide: as few slides as greedy filling needs, then the items
    spread so the slides are as even as that count allows (ten and two become six and six).

    `room(n)` is the height free on the n-th slide; `tail` is what the last slide also carries
    (a table's note). An item taller than its room still takes a slide of its own."""
    fewest = _greedy(heights, room, tail, math.inf)
    if len(fewest) <= 1:
        return fewest
    even = _even(heights, room, tail, len(fewest))
    if even:
        return even
    cap = max(max(heights), sum(heights) / len(fewest))
    while True:
        counts = _greedy(heights, room, tail, cap)
        if len(counts) <= len(fewest):
            return counts
        cap += 2.0


def _even(heights: list[float], room: Callable[[int], float], tail: float, slides: int) -> list[int] | None:
    """Each slide takes what brings it nearest an equal share of what is left; None if that overfills one."""
    counts: list[int] = []
    start = 0
    for index in range(slides):
        target = sum(heights[start:]) / (slides - index)
        used, count = 0.0, 0
        last = index == slides - 1
        while start + count < len(heights) and (last or count == 0 or used + heights[start + count] / 2 <= target):
            used += heights[start + count]
            count += 1
        if used + (tail if last else 0.0) > room(index) or (count == 0 and start < len(heights)):
            return None
        counts.append(count)
        start += count
    return counts if start == len(heights) and all(counts) else None


def _greedy(heights: list[float], room: Callable[[int], float], tail: float, cap: float) -> list[int]:
    counts: list[int] = []
    start = 0
    while start < len(heights):
        limit = room(len(counts))
        used, count = 0.0, 0
        while start + count < len(heights) and (count == 0 or used + heights[start + count] <= min(limit, cap)):
            used += heights[start + count]
            count += 1
        if start + count == len(heights) and used + tail > limit and count > 1:
            used -= heights[start + count - 1]
            count -= 1  # the last item moves on, so the tail fits beside it
        counts.append(count)
        start += count
    return counts
