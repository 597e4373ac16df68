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
from ..theme import Theme, contrast_ratio

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
    # over the rules: polylines (points, colour, width, dashed) and markers (x, y, radius, colour)
    lines: list[tuple[tuple[tuple[float, float], ...], str, float, bool]] = field(default_factory=list)
    marks: list[tuple[float, float, float, str]] = field(default_factory=list)
    inside: list[tuple[float, float, str, Font, float, str]] = field(default_factory=list)  # texts on bars, in their own colour
    thickness: float | None = None  # a bar's width across (None: no bars), for the check that bars print visibly


Span = tuple[float, float]  # least and greatest value a chart printed in parts shares


@dataclass(frozen=True)
class ChartKind:
    """A chart kind as the table lists it: how to plan it in a box, and the least height it needs.

    `plan(block, theme, width, height, span, whole)`: `span` fixes the scale, so the parts of a
    chart shown on several slides or pages draw equal values as equal bars; `whole` is the chart a
    part was cut from, so every part has the same label column and value-label room. `drawn(block)`
    is the chart as both outputs draw it: a vertical chart whose labels would crowd out its bars
    is drawn horizontally, decided once for the whole chart so every part and output agrees."""

    plan: Callable[[ChartBlock, Theme, float, float, Span | None, ChartBlock | None], Plan]
    height: Callable[[ChartBlock, Theme], float]
    # the chart as drawn, when it must be drawn as another kind; `width` (points) is a narrower print
    # width than the theme's (a column of a page), None the theme's own
    drawn: Callable[..., ChartBlock] = lambda block, width=None: block


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
    """Least and greatest value drawn, zero included (a stack's totals of each sign when stacked),
    widened to `span` when the scale is shared and to every reference line."""
    values = stack_ends(block) if block.stacked else block.values()
    values += [reference.value for reference in block.references]
    vmax, vmin = max([0.0, *values]), min([0.0, *values])
    if span is not None:
        vmin, vmax = min(vmin, span[0]), max(vmax, span[1])
    return vmin, vmax


def stack_ends(block: ChartBlock) -> list[float]:
    """Each category's stack ends: the sum of its positive values and the sum of its negative ones
    (positives stack up from zero, negatives down)."""
    ends = []
    for i in range(len(block.categories)):
        column = [s.values[i] for s in block.series if i < len(s.values) and s.values[i] is not None]
        ends += [sum(v for v in column if v > 0), sum(v for v in column if v < 0)]
    return ends


def totals(block: ChartBlock) -> list[float | None]:
    """A stacked chart's total per category (None where the category has no value at all)."""
    out = []
    for i in range(len(block.categories)):
        column = [s.values[i] for s in block.series if i < len(s.values) and s.values[i] is not None]
        out.append(sum(column) if column else None)
    return out


def shown_values(block: ChartBlock) -> list[list[str]]:
    """Each series' values as their labels show them ("" for a missing one, which has no label)."""
    return [["" if v is None else block.format.format(v) for v in s.values] for s in block.series]


def widest_value(block: ChartBlock, font: Font) -> float:
    """The widest value label (a stack's total, when stacked: the values sit inside their segments)."""
    values = [t for t in totals(block) if t is not None] if block.stacked else block.values()
    return max((font.width(block.format.format(v)) for v in values), default=0.0)


def bar_colour(theme: Theme, block: ChartBlock, series: int, category: int) -> str:
    """The series' colour; with `highlight`, the accent for the categories picked out and a muted
    grey for the rest."""
    if block.highlight:
        return theme.palette.accent if block.categories[category] in block.highlight else theme.chart.dimmed
    return series_colour(theme, series)


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


def positions(block: ChartBlock) -> int:
    """Bars side by side in a category's slot: one per series, or one stack."""
    return 1 if block.stacked else max(1, len(block.series))


@dataclass(frozen=True)
class Run:
    """One bar (or stack segment) along the value axis: category `i`, series `j`, side-by-side
    position `place`, from `start` to `end` (points along the value direction)."""

    i: int
    j: int
    place: int
    start: float
    length: float  # signed
    value: float

    @property
    def end(self) -> float:
        return self.start + self.length


def runs(block: ChartBlock, axis: Axis) -> list[Run]:
    """Every bar with a value (a missing value has none), stacked from zero when the chart is:
    positives up (or right), negatives down, each in series order."""
    n = len(block.categories)
    up, down = [axis.base] * n, [axis.base] * n
    out = []
    for j, series in enumerate(block.series):
        for i, value in enumerate(series.values[:n]):
            if value is None:
                continue
            length = axis.length(value)
            if not block.stacked:
                out.append(Run(i, j, j, axis.base, length, value))
                continue
            ends = up if value >= 0 else down
            out.append(Run(i, j, 0, ends[i], length, value))
            ends[i] += length
    return out


def stack_tips(block: ChartBlock, axis: Axis) -> list[tuple[int, float, float]]:
    """Where each stack's total goes: (category, the end of its stack on the total's side, total)."""
    tips = []
    ends = {}
    for run in runs(block, axis):
        key = (run.i, run.value >= 0)
        ends[key] = run.end
    for i, total in enumerate(totals(block)):
        if total is not None:
            tips.append((i, ends.get((i, total >= 0), axis.base), total))
    return tips


def on_colour(theme: Theme, fill: str) -> str:
    """Ink or paper, whichever reads better on a bar of `fill` (a stack segment's label)."""
    return max((theme.palette.ink, theme.palette.paper), key=lambda text: contrast_ratio(text, fill))


def reference_room(block: ChartBlock, font: Font) -> float:
    """Width beside the plot for the reference lines' labels (none without reference lines)."""
    return max((font.width(r.label) + LABEL_GAP for r in block.references), default=0.0)
