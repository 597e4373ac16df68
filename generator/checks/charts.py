"""Checks that a chart shows its data: drawn as another kind so its labels fit (a note), bars too
thin to print visibly, and values too far apart to read on one scale (warnings).

They lay each chart out at print size, as the PDF draws it, so what they report is what prints;
the deck's slides are checked by the deck writer's own chart check, from its pictures' plans.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..charts import drawn_as, needed_height, plan_chart
from ..errors import Diagnostic
from ..model import ChartBlock, Document
from ..theme import DEFAULT_THEME, Theme

THINNEST_PRINT = 1.0  # points: a bar narrower than this (0.35 mm) prints as a hairline, not a bar
SPREAD = 1000.0  # largest to smallest non-zero magnitude beyond which the small bars cannot be read


def chart_findings(document: Document, theme: Theme = DEFAULT_THEME) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for block in dict.fromkeys(document.charts()):
        found += [*_turned(block), *_thin(block, theme), *_spread(block)]
    return found


def _turned(block: ChartBlock) -> Iterator[Diagnostic]:
    drawn = drawn_as(block)
    if drawn.kind != block.kind:
        yield Diagnostic.at(block.origin, f"chart {block.title!r} is drawn as horizontal bars: its {len(block.categories)} category "
                            "labels, turned under vertical bars, would take more than half its height or be cut short", level="note",
                            hint="write `type: hbar` to say so, or shorten the category labels")


def _thin(block: ChartBlock, theme: Theme) -> Iterator[Diagnostic]:
    drawn = drawn_as(block)
    width, height = theme.chart.width_in * 72, needed_height(drawn, theme)
    thickness = plan_chart(drawn, theme, width, height).thickness
    if thickness is not None and thickness < THINNEST_PRINT:
        yield Diagnostic.at(block.origin, f"the bars of chart {block.title!r} are {thickness:.2f} pt wide in print, too thin to see "
                            f"(at least {THINNEST_PRINT:g} pt)", level="warning",
                            hint="show fewer categories (split the chart), or use a line chart for a long series")


def _spread(block: ChartBlock) -> Iterator[Diagnostic]:
    sizes = [abs(v) for v in block.values() if v]
    if sizes and max(sizes) / min(sizes) > SPREAD:
        least, most = block.format.format(min(sizes)), block.format.format(max(sizes))
        yield Diagnostic.at(block.origin, f"chart {block.title!r} shows {least} beside {most}: on one scale the small values "
                            "are too short to read", level="warning",
                            hint="give the figures in a table, or chart the small and the large values separately")
