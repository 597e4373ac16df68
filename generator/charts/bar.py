"""Vertical bars: one column of bars per category, the categories labelled under the baseline.

Every bar carries its value, across while it fits and turned upwards past that; a chart with too
many bars for that gets a light value axis instead, and its category labels turn to read upwards,
as many as fit side by side.
"""

from __future__ import annotations

import math

from .columns import Columns, columns, label_depth, turned_labels
from .fonts import Font, chart_fonts
from .layout import (BAR_MAX, CAT_GAP, LABEL_GAP, PAD, Axis, ChartKind, Plan, Span, legend, series_colour, shown_values,
                     value_range, widest_value)
from .ticks import tick_format
from ..model import ChartBlock
from ..theme import Theme


def plan(block: ChartBlock, theme: Theme, width: float, height: float,
         span: Span | None = None, whole: ChartBlock | None = None) -> Plan:
    """Place bars, value labels, category labels, legend and baseline so that nothing collides."""
    cat, val = chart_fonts(theme)
    out = Plan([], [], [])
    top = height - PAD - legend(out, block, theme, cat, width, height)
    vmin, vmax = value_range(block, span)
    widest = widest_value(whole or block, val)
    layout = columns(block, width, cat, val, BAR_MAX * theme.chart.bar_scale, span)
    bottom = PAD + CAT_GAP + label_depth(block, layout, cat)
    if layout.ticks:  # a value axis: no labels on the bars, the top tick's label needs half a line
        vmin, vmax = layout.ticks[0], layout.ticks[-1]
        room = val.ascent / 2 + 1
    else:
        room = LABEL_GAP + (val.ascent + val.descent if layout.upright else widest)
    below = room if vmin < 0 and not layout.ticks else 0.0  # negative bars need label room too
    axis = Axis.fit(bottom, top, room, below, vmin, vmax)
    _bars(out, block, theme, layout, axis, val)
    _categories(out, block, layout, cat, bottom)
    for tick in layout.ticks:
        y, label = axis.base + tick * axis.scale, tick_format(block).format(tick)
        if tick:
            out.grid.append((layout.left, y, width - PAD, y))
        out.texts.append((layout.left - LABEL_GAP - val.width(label), y - (val.ascent - val.descent) / 2, label, val, 0.0))
    out.rules.append((layout.left, axis.base, width - PAD, axis.base))
    return out


def _bars(out: Plan, block: ChartBlock, theme: Theme, layout: Columns, axis: Axis, val: Font) -> None:
    """Each series' bars side by side in their category's slot, each with its value unless there is an axis."""
    n, k = max(1, len(block.categories)), max(1, len(block.series))
    shown, bar = shown_values(block), layout.group / k
    thick = bar - (1.0 if k > 1 else 0.0)  # a hairline of paper between bars of one group
    for j, series in enumerate(block.series):
        colour = series_colour(theme, j)
        for i, value in enumerate(series.values[:n]):
            length = axis.length(value)
            tip, label = axis.base + length, shown[j][i]
            mid = layout.left + layout.slot * (i + 0.5) - layout.group / 2 + bar * (j + 0.5)
            if value:
                out.bars.append((mid - thick / 2, min(axis.base, tip), thick, abs(length), colour))
            if layout.ticks:
                continue
            if layout.upright:
                y = tip + LABEL_GAP + val.descent if length >= 0 else tip - LABEL_GAP - val.ascent
                out.texts.append((mid - val.width(label) / 2, y, label, val, 0.0))
            else:  # read upwards from past the bar's end
                reach = LABEL_GAP + (0 if length >= 0 else val.width(label))
                y = tip + reach if length >= 0 else tip - reach
                out.texts.append((mid + (val.ascent - val.descent) / 2, y, label, val, 90.0))


def _categories(out: Plan, block: ChartBlock, layout: Columns, cat: Font, bottom: float) -> None:
    """Category labels under the baseline: wrapped lines centred on their slot, or turned upwards,
    ending just under the baseline, the lines centred on the slot."""
    left, slot = layout.left, layout.slot
    if layout.turned:
        for i, labels in zip(range(0, len(block.categories), layout.step), turned_labels(block, layout, cat)):
            mid = left + slot * (i + 0.5) + (cat.ascent - cat.descent) / 2 - (len(labels) - 1) * cat.pitch / 2
            for m, label in enumerate(labels):
                out.texts.append((mid + m * cat.pitch, bottom - CAT_GAP - cat.width(label), label, cat, 90.0))
        return
    for i, category in enumerate(block.categories):
        for m, line in enumerate(cat.wrap(category, slot - 4)):
            x, y = left + slot * (i + 0.5) - cat.width(line) / 2, bottom - CAT_GAP - cat.ascent - m * cat.pitch
            out.texts.append((x, y, line, cat, 0.0))


def height(block: ChartBlock, theme: Theme) -> float:
    """The theme's height, or taller: category labels turned upwards take their length below the
    bars, not one line."""
    cat, val = chart_fonts(theme)
    layout = columns(block, theme.chart.width_in * 72, cat, val, BAR_MAX * theme.chart.bar_scale)
    extra = label_depth(block, layout, cat) - (cat.ascent + cat.descent) if layout.turned else 0.0
    return theme.chart.height_in * 72 + math.ceil(max(extra, 0.0))


KIND = ChartKind(plan, height)
