"""Horizontal bars: one row of bars per category, the categories labelled in a column at the left.

Every bar carries its value past its end. A chart taller than its page or slide is printed in
parts (`render_part`, the deck's continuation slides), each on the whole chart's scale and with
its label column, so equal values are equal bars on every part.
"""

from __future__ import annotations

import math

from .fonts import Font, chart_fonts
from .layout import (CAT_GAP, HBAR_MAX, LABEL_GAP, PAD, Axis, ChartKind, Plan, Span, bar_colour, legend, on_colour, positions,
                     runs, shown_values, stack_tips, value_range, widest_value)
from .vectors import RULE_WIDTH
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
    plot_top = top - (val.pitch if whole.references else 0.0)  # reference labels sit above the plot
    n, k = max(1, len(block.categories)), positions(block)
    slot = (plot_top - PAD) / n
    group = min(slot * (0.7 if k == 1 else 0.8), k * HBAR_MAX * theme.chart.bar_scale)
    fits = max(1, math.floor((slot - 2 - cat.ascent - cat.descent) / cat.pitch) + 1)
    for share in HBAR_SHARES:  # the narrowest label column whose wrapped labels fit their slot
        measured = [cat.label(c, width * share) for c in whole.categories]
        if max(map(len, measured), default=1) <= fits:
            break
    column = max((cat.width(line) for ls in measured for line in ls), default=0.0)
    lines = measured if whole is block else [cat.label(c, width * share) for c in block.categories]
    room = LABEL_GAP + widest
    axis = Axis.fit(PAD + column + CAT_GAP, width - PAD, room, room if vmin < 0 else 0.0, vmin, vmax)
    _bars(out, block, theme, axis, val, plot_top, slot, group)
    out.thickness = group / k - (1.0 if k > 1 else 0.0)
    for i, ls in enumerate(lines):  # right-aligned, the block of lines centred on its slot
        first = plot_top - slot * (i + 0.5) + (cat.ascent + cat.descent + (len(ls) - 1) * cat.pitch) / 2 - cat.ascent
        for m, line in enumerate(ls):
            out.texts.append((PAD + column - cat.width(line), first - m * cat.pitch, line, cat, 0.0))
    out.rules.append((axis.base, PAD, axis.base, plot_top))
    for reference in block.references:  # dashed down the plot, labelled above it
        x = axis.base + reference.value * axis.scale
        out.lines.append((((x, PAD), (x, plot_top)), theme.palette.muted, RULE_WIDTH, True))
        label_x = min(max(x - val.width(reference.label) / 2, PAD + column + CAT_GAP), width - PAD - val.width(reference.label))
        out.texts.append((label_x, plot_top + val.descent + 1, reference.label, val, 0.0))
    return out


def _bars(out: Plan, block: ChartBlock, theme: Theme, axis: Axis, val: Font, top: float, slot: float, group: float) -> None:
    """Each series' bars in their category's slot (side by side, or one stack), each with its value
    past its end on its own side, or inside a stack's segment where it fits, with the stack's total past its end."""
    k = positions(block)
    shown, bar = shown_values(block), group / k
    thick = bar - (1.0 if k > 1 else 0.0)  # a hairline of paper between bars of one group
    for run in runs(block, axis):
        colour = bar_colour(theme, block, run.j, run.i)
        tip, label, length = run.end, shown[run.j][run.i], run.length
        mid = top - slot * (run.i + 0.5) + group / 2 - bar * (run.place + 0.5)
        if run.value:
            out.bars.append((min(run.start, tip), mid - thick / 2, abs(length), thick, colour))
        if block.stacked:
            if val.width(label) + 4 <= abs(length) and val.ascent + val.descent <= thick:
                x = (run.start + tip) / 2 - val.width(label) / 2
                out.inside.append((x, mid - (val.ascent - val.descent) / 2, label, val, 0.0, on_colour(theme, colour)))
            continue
        reach = LABEL_GAP + (0 if length >= 0 else val.width(label))  # value labels sit past the bar end
        x = tip + reach if length >= 0 else tip - reach
        out.texts.append((x, mid - (val.ascent - val.descent) / 2, label, val, 0.0))
    if block.stacked:
        for i, tip, total in stack_tips(block, axis):
            label, mid = block.format.format(total), top - slot * (i + 0.5)
            x = tip + LABEL_GAP if total >= 0 else tip - LABEL_GAP - val.width(label)
            out.texts.append((x, mid - (val.ascent - val.descent) / 2, label, val, 0.0))


def rows(block: ChartBlock, theme: Theme = DEFAULT_THEME) -> tuple[float, float]:
    """A horizontal chart's height as (fixed part, height per category): each bar needs room for its
    value label, and a long category label for its lines."""
    cat, val = chart_fonts(theme)
    series = positions(block)
    slot = series * (val.ascent + val.descent + 1.5) / (0.7 if series == 1 else 0.8)  # bars fill 70-80% of a slot
    if theme.chart.width_in:  # a long label's lines fit its slot (the deck's chart is sized by its slide instead)
        lines = max(len(cat.label(c, theme.chart.width_in * 72 * HBAR_SHARES[-1])) for c in block.categories or [""])
        slot = max(slot, 2 + cat.ascent + cat.descent + (lines - 1) * cat.pitch)
    legend_depth = val.pitch * 2 + 6 if len(block.series) > 1 else 0.0
    return 2 * PAD + legend_depth + (val.pitch if block.references else 0.0), slot


def height(block: ChartBlock, theme: Theme) -> float:
    """The theme's height, or taller: each bar needs room for its value label."""
    fixed, slot = rows(block, theme)
    return max(theme.chart.height_in * 72, math.ceil(fixed + len(block.categories) * slot))


KIND = ChartKind(plan, height)
