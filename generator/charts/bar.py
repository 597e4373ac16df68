"""Vertical bars: one column of bars per category, the categories labelled under the baseline.

Every bar carries its value, across while it fits and turned upwards past that; a chart with too
many bars for that gets a light value axis instead, and its category labels turn to read upwards,
as many as fit side by side.
"""

from __future__ import annotations

import math
from dataclasses import replace

from .columns import Columns, columns, label_depth, shortened, turned_labels
from .fonts import Font, chart_fonts
from .layout import (BAR_MAX, CAT_GAP, LABEL_GAP, PAD, Axis, ChartKind, Plan, Span, bar_colour, legend, on_colour, positions,
                     reference_room, runs, shown_values, stack_tips, value_range, widest_value)
from .vectors import RULE_WIDTH
from .ticks import tick_format
from ..model import ChartBlock
from ..theme import DEFAULT_THEME, Theme


def plan(block: ChartBlock, theme: Theme, width: float, height: float,
         span: Span | None = None, whole: ChartBlock | None = None) -> Plan:
    """Place bars, value labels, category labels, legend and baseline so that nothing collides."""
    cat, val = chart_fonts(theme)
    out = Plan([], [], [])
    top = height - PAD - legend(out, block, theme, cat, width, height)
    vmin, vmax = value_range(block, span)
    widest = widest_value(whole or block, val)
    right = reference_room(block, val)  # reference labels sit past the plot's right end
    layout = columns(block, width - right, cat, val, BAR_MAX * theme.chart.bar_scale, span)
    bottom = PAD + CAT_GAP + label_depth(block, layout, cat)
    if layout.ticks:  # a value axis: no labels on the bars, the top tick's label needs half a line
        vmin, vmax = layout.ticks[0], layout.ticks[-1]
        room = val.ascent / 2 + 1
    else:
        room = LABEL_GAP + (val.ascent + val.descent if layout.upright else widest)
    below = room if vmin < 0 and not layout.ticks else 0.0  # negative bars need label room too
    axis = Axis.fit(bottom, top, room, below, vmin, vmax)
    _bars(out, block, theme, layout, axis, val)
    out.thickness = layout.group / positions(block) - (1.0 if positions(block) > 1 else 0.0)
    if block.stacked and not layout.ticks:
        _totals(out, block, layout, axis, val)
    _categories(out, block, layout, cat, bottom)
    for tick in layout.ticks:
        y, label = axis.base + tick * axis.scale, tick_format(block).format(tick)
        if tick:
            out.grid.append((layout.left, y, width - right - PAD, y))
        out.texts.append((layout.left - LABEL_GAP - val.width(label), y - (val.ascent - val.descent) / 2, label, val, 0.0))
    out.rules.append((layout.left, axis.base, width - right - PAD, axis.base))
    for reference in block.references:  # dashed across the plot, labelled past its right end
        y = axis.base + reference.value * axis.scale
        out.lines.append((((layout.left, y), (width - right - PAD, y)), theme.palette.muted, RULE_WIDTH, True))
        out.texts.append((width - right - PAD + LABEL_GAP, y - (val.ascent - val.descent) / 2, reference.label, val, 0.0))
    return out


def _bars(out: Plan, block: ChartBlock, theme: Theme, layout: Columns, axis: Axis, val: Font) -> None:
    """Each series' bars side by side in their category's slot (or stacked), each with its value
    unless there is an axis: past the bar's end on its own side, or inside a stack's segment where it fits."""
    k = positions(block)
    shown, bar = shown_values(block), layout.group / k
    thick = bar - (1.0 if k > 1 else 0.0)  # a hairline of paper between bars of one group
    for run in runs(block, axis):
        colour = bar_colour(theme, block, run.j, run.i)
        tip, label, length = run.end, shown[run.j][run.i], run.length
        mid = layout.left + layout.slot * (run.i + 0.5) - layout.group / 2 + bar * (run.place + 0.5)
        if run.value:
            out.bars.append((mid - thick / 2, min(run.start, tip), thick, abs(length), colour))
        if layout.ticks:
            continue
        if block.stacked:  # a segment's value inside it, only where it fits
            if val.width(label) + 2 <= thick and val.ascent + val.descent + 2 <= abs(length):
                y = (run.start + tip) / 2 - (val.ascent - val.descent) / 2
                out.inside.append((mid - val.width(label) / 2, y, label, val, 0.0, on_colour(theme, colour)))
        elif layout.upright:
            y = tip + LABEL_GAP + val.descent if length >= 0 else tip - LABEL_GAP - val.ascent
            out.texts.append((mid - val.width(label) / 2, y, label, val, 0.0))
        else:  # read upwards from past the bar's end
            reach = LABEL_GAP + (0 if length >= 0 else val.width(label))
            y = tip + reach if length >= 0 else tip - reach
            out.texts.append((mid + (val.ascent - val.descent) / 2, y, label, val, 90.0))


def _totals(out: Plan, block: ChartBlock, layout: Columns, axis: Axis, val: Font) -> None:
    """A stack's total past the end of the stack on the total's side."""
    for i, tip, total in stack_tips(block, axis):
        label, mid = block.format.format(total), layout.left + layout.slot * (i + 0.5)
        if layout.upright:
            y = tip + LABEL_GAP + val.descent if total >= 0 else tip - LABEL_GAP - val.ascent
            out.texts.append((mid - val.width(label) / 2, y, label, val, 0.0))
        else:
            reach = LABEL_GAP + (0 if total >= 0 else val.width(label))
            out.texts.append((mid + (val.ascent - val.descent) / 2, tip + reach if total >= 0 else tip - reach, label, val, 90.0))


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


def drawn(block: ChartBlock, width: float | None = None) -> ChartBlock:
    """The chart as horizontal bars when its category labels, turned upwards under the bars, would
    take more than half its height at print size, or would have to be cut short to stay in two
    lines: the plot must keep at least half the chart's box, and a label column beside horizontal
    bars holds long labels in a line or two. Decided on
    the print geometry (the deck's slide has about the same width per em), so both outputs agree."""
    theme = DEFAULT_THEME if width is None else replace(DEFAULT_THEME, chart=replace(DEFAULT_THEME.chart, width_in=width / 72))
    cat, val = chart_fonts(theme)
    layout = columns(block, theme.chart.width_in * 72, cat, val, BAR_MAX * theme.chart.bar_scale)
    if layout.turned and (label_depth(block, layout, cat) > height(block, theme) / 2 or shortened(block, layout, cat)):
        return replace(block, kind="hbar")
    return block


KIND = ChartKind(plan, height, drawn)
