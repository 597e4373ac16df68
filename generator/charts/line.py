"""Lines: one per series across evenly spaced categories (months, quarters), on a light value axis.

A line chart is for many points (60 months is normal), so no point can carry its value: a value
axis with round ticks does, and each line's last point is labelled at the line's end with the
series' name, so no legend lookup is needed (a legend along the top takes over when the names
would take too much of the width). Category labels are thinned to every n-th that fits side by
side; the alt text keeps them all. A missing value (null) is a gap in the line, never a zero;
markers are drawn only where points are few enough to tell apart, and every point is labelled
only in a single-series chart of few points.
"""

from __future__ import annotations

import math

from .fonts import Font, chart_fonts
from .layout import CAT_GAP, LABEL_GAP, PAD, ChartKind, Plan, Span, legend, series_colour
from .ticks import tick_format, ticks
from .vectors import RULE_WIDTH
from ..model import ChartBlock
from ..theme import Theme

FEW = 12  # points per series at or below which each gets a marker
END_SHARE = 0.3  # the most of the width the end labels (name and last value) may take before a legend replaces the names


def plan(block: ChartBlock, theme: Theme, width: float, height: float,
         span: Span | None = None, whole: ChartBlock | None = None) -> Plan:
    """Place the value axis, the lines, their end labels, the thinned category labels and any reference lines."""
    cat, val = chart_fonts(theme)
    out = Plan([], [], [])
    named = _end_width(block, val, True) <= END_SHARE * width or len(block.series) == 1
    top = height - PAD - (0.0 if named else legend(out, block, theme, cat, width, height)) - val.ascent  # the top tick's label fits
    values = block.values() + [r.value for r in block.references] + list(span or ())
    marks = ticks(min(0.0, *values), max(0.0, *values))
    fmt = tick_format(block)
    left = PAD + max(val.width(fmt.format(t)) for t in marks) + LABEL_GAP
    right = width - PAD - _end_width(block, val, named)
    bottom = PAD + cat.descent + cat.ascent + CAT_GAP + val.descent  # the zero tick's label clears the category labels
    scale = (top - bottom) / ((marks[-1] - marks[0]) or 1.0)

    def y_of(value: float) -> float:
        return bottom + (value - marks[0]) * scale

    for tick in marks:
        y = y_of(tick)
        out.grid.append((left, y, right, y))
        out.texts.append((left - LABEL_GAP - val.width(fmt.format(tick)), y - (val.ascent - val.descent) / 2, fmt.format(tick), val, 0.0))
    out.rules.append((left, y_of(0.0), right, y_of(0.0)))
    xs = _xs(len(block.categories), left, right)
    _categories(out, block, cat, xs, width)
    ends = _lines(out, block, theme, val, xs, y_of)
    ends += [(y_of(r.value), r.label, None) for r in block.references]
    for reference in block.references:
        out.lines.append((((left, y_of(reference.value)), (right, y_of(reference.value))), theme.palette.muted, RULE_WIDTH, True))
    _end_labels(out, ends, val, right, bottom, top + val.ascent)
    return out


def _xs(n: int, left: float, right: float) -> list[float]:
    """Evenly spaced points, the first and last at the plot's edges (inset a little for the markers)."""
    inset = 4.0
    if n == 1:
        return [(left + right) / 2]
    return [left + inset + (right - left - 2 * inset) * i / (n - 1) for i in range(n)]


def _categories(out: Plan, block: ChartBlock, cat: Font, xs: list[float], width: float) -> None:
    """Every step-th category label, centred on its point, as many as fit side by side (the first
    and last kept inside the chart's edges, which the step leaves room for)."""
    n = len(block.categories)
    spacing = (xs[-1] - xs[0]) / (n - 1) if n > 1 else width
    widest = max(cat.width(c) for c in block.categories)
    step = max(1, math.ceil((widest + 6) / spacing))
    y = PAD + cat.descent
    for i in range(0, n, step):
        label = block.categories[i]
        x = min(max(xs[i] - cat.width(label) / 2, PAD), width - PAD - cat.width(label))
        out.texts.append((x, y, label, cat, 0.0))


def _lines(out: Plan, block: ChartBlock, theme: Theme, val: Font, xs: list[float], y_of) -> list[tuple[float, str, str | None]]:
    """Each series as polylines broken at its missing values (an isolated point is a marker), with
    markers where points are few; returns each series' end label as (y, text, colour)."""
    width = theme.chart.line_width * val.size / 8.5
    few = len(xs) <= FEW
    ends = []
    for j, series in enumerate(block.series):
        colour = series_colour(theme, j)
        run: list[tuple[float, float]] = []
        for i, value in enumerate([*series.values, None]):
            if value is not None:
                run.append((xs[i], y_of(value)))
                continue
            if len(run) > 1:
                out.lines.append((tuple(run), colour, width, False))
            if len(run) == 1 or few:
                out.marks += [(x, y, 1.6 * width, colour) for x, y in run]
            run = []
        last = max(i for i, v in enumerate(series.values) if v is not None)
        shown = block.format.format(series.values[last])
        if few and len(block.series) == 1:  # every point labelled, on the side its line leaves free
            for i, value in enumerate(series.values):
                if value is not None and i != last:
                    _point_label(out, series.values, i, block.format.format(value), xs[i], y_of(value), val, width)
        ends.append((y_of(series.values[last]), f"{series.name} {shown}" if len(block.series) > 1 else shown, colour))
    return ends


def _point_label(out: Plan, values, i: int, label: str, x: float, y: float, val: Font, width: float) -> None:
    """A point's value where its line is not: above a peak, below a trough, above and ahead of a
    falling point, above and behind a rising one (a missing neighbour counts as level)."""
    value = values[i]
    before = values[i - 1] if i > 0 and values[i - 1] is not None else value
    after = values[i + 1] if i + 1 < len(values) and values[i + 1] is not None else value
    clear = LABEL_GAP + width
    if before <= value >= after or before >= value <= after:  # a peak or a trough (or level): centred
        above = before <= value >= after
        out.texts.append((x - val.width(label) / 2, y + clear + val.descent if above else y - clear - val.ascent, label, val, 0.0))
    else:  # on a slope: above, on the side away from the line's rise
        lead = x + clear if before > value else x - clear - val.width(label)
        out.texts.append((lead, y + clear, label, val, 0.0))


def _end_width(block: ChartBlock, val: Font, named: bool) -> float:
    """Width of the column at the right for the end labels: name and last value (or the value alone)."""
    texts = [r.label for r in block.references]
    for series in block.series:
        last = block.format.format(series.present[-1])
        texts.append(f"{series.name} {last}" if named and len(block.series) > 1 else last)
    return LABEL_GAP + max(val.width(t) for t in texts)


def _end_labels(out: Plan, ends: list[tuple[float, str, str | None]], val: Font, right: float, low: float, high: float) -> None:
    """The end labels in the right-hand column at their lines' heights, pushed apart so none overlap."""
    pitch = val.ascent + val.descent + 1
    ends = sorted(ends, key=lambda end: end[0])
    placed: list[float] = []
    for y, _text, _colour in ends:  # upwards from the lowest, each at least a line above the last
        placed.append(max(y, placed[-1] + pitch) if placed else max(y, low + pitch / 2))
    overflow = placed[-1] - (high - pitch / 2) if placed else 0.0
    if overflow > 0:  # pushed past the top: move down together, keeping the gaps
        placed = [min(y, high - pitch / 2 - (len(placed) - 1 - m) * pitch) for m, y in enumerate(placed)]
    for (_y, text, _colour), y in zip(ends, placed):
        out.texts.append((right + LABEL_GAP, y - (val.ascent - val.descent) / 2, text, val, 0.0))


def height(block: ChartBlock, theme: Theme) -> float:
    """The theme's chart height, a quarter taller: lines need height to show their changes."""
    return math.ceil(theme.chart.height_in * 72 * 1.25)


KIND = ChartKind(plan, height)
