"""Horizontal bars: one row of bars per category, the categories labelled in a column at the left.

Every bar carries its value past its end. A chart taller than its page or slide is printed in
parts (`render_part`, the deck's continuation slides), each on the whole chart's scale and with
its label column, so equal values are equal bars on every part.
"""

from __future__ import annotations

import math

from .fonts import Font, chart_fonts
from .layout import (CAT_GAP, HBAR_MAX, LABEL_GAP, PAD, Axis, ChartKind, Plan, Span, legend, series_colour, shown_values,
                     value_range, widest_value)
from ..model import ChartBlock
from ..theme import DEFAULT_THEME, Theme

HBAR_SHARES = (0.3, 0.4, 0.5)  # widths of a horizontal chart's label column to try, as shares of the chart


def plan(block: ChartBlock, theme: Theme, width: float, height: float,
         span: Span | None = None, whole: ChartBlock | None = None) -> Plan:
    """Place bars, value labels, category labels, legend and baseline so that nothing collides."""
    cat, val = chart_fonts(theme)
    out = Plan([], [], [])
    top = height - PAD - legend(out, block, theme, cat, width, height)
    vmin, vmax = value_range(block, span)
    whole = whole or block
    widest = widest_value(whole, val)
    n, k = max(1, len(block.categories)), max(1, len(block.series))
    slot = (top - PAD) / n
    group = min(slot * (0.7 if k == 1 else 0.8), k * HBAR_MAX * theme.chart.bar_scale)
    fits = max(1, math.floor((slot - 2 - cat.ascent - cat.descent) / cat.pitch) + 1)
    for share in HBAR_SHARES:  # the narrowest label column whose wrapped labels fit their slot
        measured = [cat.wrap(c, width * share) for c in whole.categories]
        if max(map(len, measured), default=1) <= fits:
            break
    column = max((cat.width(line) for ls in measured for line in ls), default=0.0)
    lines = measured if whole is block else [cat.wrap(c, width * share) for c in block.categories]
    room = LABEL_GAP + widest
    axis = Axis.fit(PAD + column + CAT_GAP, width - PAD, room, room if vmin < 0 else 0.0, vmin, vmax)
    _bars(out, block, theme, axis, val, top, slot, group)
    for i, ls in enumerate(lines):  # right-aligned, the block of lines centred on its slot
        first = top - slot * (i + 0.5) + (cat.ascent + cat.descent + (len(ls) - 1) * cat.pitch) / 2 - cat.ascent
        for m, line in enumerate(ls):
            out.texts.append((PAD + column - cat.width(line), first - m * cat.pitch, line, cat, 0.0))
    out.rules.append((axis.base, PAD, axis.base, top))
    return out


def _bars(out: Plan, block: ChartBlock, theme: Theme, axis: Axis, val: Font, top: float, slot: float, group: float) -> None:
    """Each series' bars stacked in their category's slot, each with its value past its end."""
    n, k = max(1, len(block.categories)), max(1, len(block.series))
    shown, bar = shown_values(block), group / k
    thick = bar - (1.0 if k > 1 else 0.0)  # a hairline of paper between bars of one group
    for j, series in enumerate(block.series):
        colour = series_colour(theme, j)
        for i, value in enumerate(series.values[:n]):
            length = axis.length(value)
            tip, label = axis.base + length, shown[j][i]
            reach = LABEL_GAP + (0 if length >= 0 else val.width(label))  # value labels sit past the bar end
            mid = top - slot * (i + 0.5) + group / 2 - bar * (j + 0.5)
            if value:
                out.bars.append((min(axis.base, tip), mid - thick / 2, abs(length), thick, colour))
            x = tip + reach if length >= 0 else tip - reach
            out.texts.append((x, mid - (val.ascent - val.descent) / 2, label, val, 0.0))


def rows(block: ChartBlock, theme: Theme = DEFAULT_THEME) -> tuple[float, float]:
    """A horizontal chart's height as (fixed part, height per category): each bar needs room for its
    value label, and a long category label for its lines."""
    cat, val = chart_fonts(theme)
    series = max(1, len(block.series))
    slot = series * (val.ascent + val.descent + 1.5) / (0.7 if series == 1 else 0.8)  # bars fill 70-80% of a slot
    if theme.chart.width_in:  # a long label's lines fit its slot (the deck's chart is sized by its slide instead)
        lines = max(len(cat.wrap(c, theme.chart.width_in * 72 * HBAR_SHARES[-1])) for c in block.categories or [""])
        slot = max(slot, 2 + cat.ascent + cat.descent + (lines - 1) * cat.pitch)
    legend_depth = val.pitch * 2 + 6 if series > 1 else 0.0
    return 2 * PAD + legend_depth, slot


def height(block: ChartBlock, theme: Theme) -> float:
    """The theme's height, or taller: each bar needs room for its value label."""
    fixed, slot = rows(block, theme)
    return max(theme.chart.height_in * 72, math.ceil(fixed + len(block.categories) * slot))


KIND = ChartKind(plan, height)
