"""Half-slide layouts: each block kind laid out in one column of a `columns` slide.

A half is the left or right part of the content area below the slide's headline. Each layout
measures its text with the deck's font metrics (measure.py) at the deck's sizes, down to the
14 pt body minimum, and returns the shapes of the block in its half, or None when the block does
not fit there (a list too long, a table too wide, a chart that would need '(cont.)' slides): then
the columns slide gives way to each block on slides of its own (blocks/columns.py), since half a
slide continued beside a chart repeated on every slide would show the chart twice.

Text kinds (titles, source lines, bullets, prose, callouts) are here; figures (charts, tables,
stat cards, images) in half_figures.py. `HALVES` names the layout of each kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...measure import LINE_SPACING, text_width, wrap
from ...model import BulletsBlock, CalloutBlock, Document, Origin, Span, TextBlock
from ...theme import SLIDE, Theme
from .shapes import Para, Rect, Run, TextBox
from .text import MIN_BODY, below, capped_text, fitted_text, source_box

BODY_SIZES = (20.0, 18.0, 16.0, MIN_BODY)  # a half's text, as a bullet slide's, but one slide only
HEADING_LINES = 3  # a block's own title in its half: at most this many lines at the smallest size
CALLOUT_SIZES = (32.0, 28.0, 24.0, 20.0)
CALLOUT_BAR = 22.0  # the accent bar's room to the left of a callout's statement


@dataclass(frozen=True)
class Half:
    """One column of the slide, in points from the slide's top-left corner."""

    x: float
    top: float
    width: float
    bottom: float


def heading(title: str | None, half: Half, theme: Theme, origin: Origin | None) -> tuple[list, float]:
    """The block's own title atop its half (bold, in the heading colour), and where its content starts."""
    if not title:
        return [], half.top
    cap = HEADING_LINES * MIN_BODY * LINE_SPACING
    box = capped_text(title, half.x, half.top, half.width, (22.0, 20.0, 18.0, MIN_BODY), 2 * 22.0 * LINE_SPACING,
                      theme.palette.heading, cap, "the block's title in its column", origin, bold=True)
    return [box], below(box, 10)


def half_source(document: Document, keys: tuple[str, ...], half: Half, theme: Theme, origin: Origin | None) -> TextBox | None:
    """The block's source line at the foot of its half (the general sources for a list citing none),
    read with its block rather than after the whole slide."""
    return source_box(document, keys, theme, origin, x=half.x, width=half.width, bottom=half.bottom, role="")


def sourced(document: Document, keys: tuple[str, ...], half: Half, theme: Theme, origin: Origin | None):
    """The source line (or nothing) and the lowest edge left for the content above it."""
    source = half_source(document, keys, half, theme, origin)
    return ([source] if source else []), (source.y - 8 if source else half.bottom)


def bullets_half(document: Document, block: BulletsBlock, half: Half, theme: Theme) -> list | None:
    """The list's title, intro and bullets at the largest size at which all of them fit the half."""
    shapes, top = heading(block.title, half, theme, block.origin)
    source, bottom = sourced(document, block.sources, half, theme, block.origin)
    if block.intro:
        intro = fitted_text(block.intro, half.x, top, half.width, BODY_SIZES, bottom - top, theme.palette.ink)
        shapes.append(intro)
        top = below(intro, 10)
    indent = SLIDE.bullet_indent
    for size in BODY_SIZES:
        paragraphs, height = [], 0.0
        for item in block.items:
            extra = text_width(item.lead, size, bold=True) - text_width(item.lead, size) if item.lead else 0.0
            lines = wrap(item.full_text, half.width - indent - extra, size)
            height += len(lines) * size * LINE_SPACING + size * 0.6
            runs = [Run(item.lead, bold=True), Run(" — "), Run(item.text)] if item.lead else [Run(item.text)]
            paragraphs.append(Para(runs, size, theme.palette.ink, bullet=True, space_after=size * 0.6, indent=indent))
        if height <= bottom - top:
            return [*shapes, TextBox(half.x, top, half.width, height, paragraphs, origin=block.origin), *source]
    return None


def text_half(document: Document, block: TextBlock, half: Half, theme: Theme) -> list | None:
    """The paragraphs at the largest size at which all of them fit the half; a paragraph with bold
    or italic is measured bold throughout, which is never narrower."""
    shapes, top = heading(block.title, half, theme, block.origin)
    source, bottom = sourced(document, block.sources, half, theme, block.origin) if block.sources else ([], half.bottom)
    for size in BODY_SIZES:
        height = sum(len(wrap(_plain(spans), half.width, size, _emphasis(spans))) * size * LINE_SPACING + size * 0.6
                     for spans in block.paragraphs)
        if height <= bottom - top:
            paragraphs = [Para([Run(s.text, s.bold, s.italic, href=s.href) for s in spans], size, theme.palette.ink,
                               space_after=size * 0.6) for spans in block.paragraphs]
            return [*shapes, TextBox(half.x, top, half.width, height, paragraphs, origin=block.origin), *source]
    return None


def _plain(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)


def _emphasis(spans: tuple[Span, ...]) -> bool:
    return any(span.bold or span.italic for span in spans)


def callout_half(document: Document, block: CalloutBlock, half: Half, theme: Theme) -> list | None:
    """The statement large and bold beside its accent bar, centred in the half's height."""
    source, bottom = sourced(document, block.sources, half, theme, block.origin)
    left, width = half.x + CALLOUT_BAR, half.width - CALLOUT_BAR
    box = fitted_text(block.text, left, 0, width, CALLOUT_SIZES, bottom - half.top, theme.palette.heading, bold=True)
    if box.height > bottom - half.top:
        return None
    box.y = half.top + max(0.0, (bottom - half.top - box.height) / 2 - 12)
    box.origin = block.origin
    return [Rect(half.x + 4, box.y, 6, box.height, theme.palette.accent), box, *source]


HalfLayout = Callable[[Document, object, Half, Theme], "list | None"]


def half_layouts() -> dict[type, HalfLayout]:
    """Each kind's half layout; a kind missing here is shown on slides of its own, never drawn as another."""
    from .half_figures import FIGURE_HALVES

    return {BulletsBlock: bullets_half, TextBlock: text_half, CalloutBlock: callout_half, **FIGURE_HALVES}
