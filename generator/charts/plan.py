"""Charts: laid out once in points, handed to both writers.

The PDF needs vector primitives with real, searchable text in the embedded Carlito; the deck needs
a sharp PNG. So each chart is planned once, in points, by the module of its kind (kinds.py): the
plan becomes the PDF's vector items directly (vectors.py) and, only when a picture is asked for,
a PNG painted in the same order (paint.py, the one module that loads matplotlib).

The layout is computed here in points rather than by axes and tight_layout: every text is anchored
at its baseline-left corner and measured from the same font file (generator.measure), unhinted and
without kerning or ligatures (reportlab's drawString has neither), so Agg and reportlab put each
glyph in the same place, and collisions are avoided by construction instead of hoped away.
Normally there is no value axis: every bar carries its value, so an axis would only repeat it.
"""

from __future__ import annotations

from dataclasses import replace

from .hbar import rows
from .kinds import CHART_KINDS
from .layout import Plan, Span, value_range
from .rendered import RenderedChart
from .vectors import VectorChart, vector_chart
from ..model import ChartBlock, Document
from ..theme import DEFAULT_THEME, Theme


def plan_chart(block: ChartBlock, theme: Theme, width: float, height: float,
               span: Span | None = None, whole: ChartBlock | None = None) -> Plan:
    """The chart placed in a box of `width` by `height` points by the module of its kind.

    `span` (least, greatest value) fixes the scale, so the parts of a chart shown on several
    slides draw equal values as equal bars. A horizontal chart printed in parts also passes the
    `whole` chart, so every part has the same label column and value-label room, and so the same bars."""
    if block.kind not in CHART_KINDS:
        raise ValueError(f"no layout for chart kind {block.kind!r}; known: {', '.join(CHART_KINDS)}")
    return CHART_KINDS[block.kind].plan(block, theme, width, height, span, whole)


def drawn_as(block: ChartBlock, width: float | None = None) -> ChartBlock:
    """The chart as both outputs draw it (a vertical chart whose labels would crowd out its bars is
    drawn horizontally); the writers and checks ask this once per chart, before any layout. `width`
    is a print width narrower than the theme's (a column of the page), where labels crowd sooner."""
    return CHART_KINDS[block.kind].drawn(block, width) if block.kind in CHART_KINDS else block


def hbar_rows(block: ChartBlock, theme: Theme = DEFAULT_THEME) -> tuple[float, float]:
    """A horizontal chart's height as (fixed part, height per category): each bar needs room for its
    value label, and a long category label for its lines."""
    return rows(block, theme)


def render_part(block: ChartBlock, start: int, stop: int, theme: Theme = DEFAULT_THEME) -> VectorChart:
    """Categories start..stop of a horizontal chart, as vectors for one page of a chart printed in
    parts: on the whole chart's scale, with its label column, and exactly as tall as its bars need,
    so equal values are equal bars on every page."""
    part = replace(block, categories=block.categories[start:stop],
                   series=tuple(replace(s, values=s.values[start:stop]) for s in block.series))
    fixed, slot = rows(block, theme)
    width, height = theme.chart.width_in * 72, fixed + (stop - start) * slot
    plan = plan_chart(part, theme, width, height, value_range(block, None), whole=block)
    return vector_chart(plan, theme, width, height)


def render_chart(block: ChartBlock, theme: Theme = DEFAULT_THEME) -> RenderedChart:
    """Lay out one chart as vectors (for the PDF), with a print-size picture drawn only if asked."""
    block = drawn_as(block)
    width, height = theme.chart.width_in * 72, needed_height(block, theme)
    plan = plan_chart(block, theme, width, height)

    def draw() -> bytes:
        from .paint import picture
        return picture(plan, theme, width, height)[0]

    return RenderedChart(vector_chart(plan, theme, width, height), block.alt_text(), draw)


def render_charts(document: Document, theme: Theme = DEFAULT_THEME) -> dict[ChartBlock, RenderedChart]:
    """Every distinct chart of the document, each rendered once."""
    rendered: dict[ChartBlock, RenderedChart] = {}
    for block in document.charts():
        if block not in rendered:
            rendered[block] = render_chart(block, theme)
    return rendered


def needed_height(block: ChartBlock, theme: Theme) -> float:
    """The least height, in points, at which the chart's labels do not collide (grows with hbar bars)."""
    return CHART_KINDS[block.kind].height(block, theme)


def render_picture(block: ChartBlock, theme: Theme, width: float, height: float,
                   span: tuple[float, float] | None = None) -> tuple[bytes, tuple[int, int]]:
    """The chart drawn to a given box (points) at the theme's chart sizes, as a transparent PNG, as the deck shows it.

    Laid out and painted in one call; the deck lays out its pictures with `plan_chart` while it plans
    its slides and paints them with `paint_picture` when the deck is drawn, so each is laid out once."""
    return paint_picture(plan_chart(block, theme, width, height, span), theme, width, height)


def paint_picture(plan: Plan, theme: Theme, width: float, height: float) -> tuple[bytes, tuple[int, int]]:
    """A plan from `plan_chart` painted for a slide: a PNG with a transparent background, so a
    template's coloured background shows through as it does through a native chart; its bytes and
    pixel size. (The print-size picture of `render_chart` stays on paper.)"""
    from .paint import picture  # matplotlib is loaded only when a picture is painted
    return picture(plan, theme, width, height, transparent=True)
