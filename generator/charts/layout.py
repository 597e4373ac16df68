"""What every chart kind shares: the plan record it fills, the spacing it keeps, where values land
along the bars, and the legend.

A plan is in points from the bottom-left, anchored at each text's baseline-left corner, before
anything paints it: vectors.py turns it into the PDF's items, paint.py into a picture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .fonts import Font
from ..model import ChartBlock
from ..theme import Theme

PAD = 2.0  # clear margin at the figure edge
LABEL_GAP = 3.0  # bar end to its value label
CAT_GAP = 5.0  # baseline to category labels
MIN_BAR = 1.0  # a non-zero bar is never shorter, so 13 beside 3,443 still shows (~4 px at 300 dpi)
BAR_MAX, HBAR_MAX = 48.0, 22.0  # a chart of few categories should not become slabs


@dataclass
class Plan:
    """What to draw, in points from the bottom-left, before anything paints it."""

    bars: list[tuple[float, float, float, float, str]]  # x, y, width, height, colour
    rules: list[tuple[float, float, float, float]]  # x0, y0, x1, y1
    texts: list[tuple[float, float, str, Font, float]]  # x, y, text, font, angle
    grid: list[tuple[float, float, float, float]] = field(default_factory=list)  # drawn under the bars


Span = tuple[float, float]  # least and greatest value a chart printed in parts shares


@dataclass(frozen=True)
class ChartKind:
    """A chart kind as the table lists it: how to plan it in a box, and the least height it needs.

    `plan(block, theme, width, height, span, whole)`: `span` fixes the scale, so the parts of a
    chart shown on several slides or pages draw equal values as equal bars; `whole` is the chart a
    part was cut from, so every part has the same label column and value-label room."""

    plan: Callable[[ChartBlock, Theme, float, float, Span | None, ChartBlock | None], Plan]
    height: Callable[[ChartBlock, Theme], float]


@dataclass(frozen=True)
class Axis:
    """Where values land along the bars: `base` is zero, `scale` points per unit."""

    base: float
    scale: float

    @classmethod
    def fit(cls, start: float, end: float, room: float, below: float, least: float, greatest: float) -> Axis:
        """least..greatest between start and end, leaving `room` for labels past the greatest bar
        and `below` past the least."""
        scale = max(end - start - room - below, 1.0) / ((greatest - least) or 1.0)
        return cls(start + below - least * scale, scale)

    def length(self, value: float) -> float:
        """A bar's signed length; a non-zero one is never shorter than MIN_BAR."""
        length = value * self.scale
        if value and abs(length) < MIN_BAR:
            length = math.copysign(MIN_BAR, value)
        return length


def value_range(block: ChartBlock, span: Span | None) -> tuple[float, float]:
    """Least and greatest value drawn, zero included, widened to `span` when the scale is shared."""
    values = [v for s in block.series for v in s.values]
    vmax, vmin = max([0.0, *values]), min([0.0, *values])
    if span is not None:
        vmin, vmax = min(vmin, span[0]), max(vmax, span[1])
    return vmin, vmax


def shown_values(block: ChartBlock) -> list[list[str]]:
    """Each series' values as their labels show them."""
    return [[block.format.format(v) for v in s.values] for s in block.series]


def widest_value(block: ChartBlock, font: Font) -> float:
    return max((font.width(block.format.format(v)) for s in block.series for v in s.values), default=0.0)


def series_colour(theme: Theme, index: int) -> str:
    return theme.palette.series[index % len(theme.palette.series)]


def legend(plan: Plan, block: ChartBlock, theme: Theme, font: Font, width: float, height: float) -> float:
    """A frameless key along the top, only when there is more than one series; returns its depth."""
    if len(block.series) < 2:
        return 0.0
    swatch, x, y = 0.8 * font.size, PAD, height - PAD - font.ascent
    for j, series in enumerate(block.series):
        entry = swatch + 4 + font.width(series.name)
        if x > PAD and x + entry > width - PAD:
            x, y = PAD, y - font.pitch
        plan.bars.append((x, y + 0.33 * font.size - swatch / 2, swatch, swatch, series_colour(theme, j)))
        plan.texts.append((x + swatch + 4, y, series.name, font, 0.0))
        x += entry + 12
    return height - PAD - y + font.descent + 6
