"""How a chart of upright columns spends its width: one slot per category, its bars, its value
labels (across, turned upwards, or replaced by a value axis) and its category labels (wrapped
across, or turned upwards, every n-th when even those cannot all fit)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .fonts import Font
from .layout import LABEL_GAP, PAD, Span, positions, stack_ends, widest_value
from .ticks import tick_format, ticks
from ..model import ChartBlock

TURNED_DEPTH = 12.0  # ems: a turned category label longer than this wraps into lines side by side


@dataclass(frozen=True)
class Columns:
    """How a vertical chart spends its width, and how its category labels are set."""

    left: float  # where the bars start (after the value axis, if any)
    slot: float  # width per category
    group: float  # width of one category's bars
    ticks: tuple[float, ...]  # value-axis ticks; empty when every bar carries its value
    upright: bool  # value labels read across (else upwards)
    turned: bool  # category labels read upwards
    step: int  # label every step-th category


def columns(block: ChartBlock, width: float, cat: Font, val: Font, bar_max: float, span: Span | None = None) -> Columns:
    """Value labels on every bar while they fit (across, else turned upwards); past that, a value
    axis covering the values (and `span`, when the scale is shared)."""
    n, k = max(1, len(block.categories)), positions(block)
    widest = widest_value(block, val)
    left, marks = PAD, ()
    slot = (width - PAD - left) / n
    group = min(slot * (0.72 if k == 1 else 0.8), k * bar_max)
    pitch = group / k if k > 1 else slot
    upright = widest + 2 <= pitch
    if not upright and pitch < val.ascent + val.descent + 1:  # even turned, neighbouring labels would touch
        values = (stack_ends(block) if block.stacked else block.values()) + list(span or ())
        values += [reference.value for reference in block.references]
        marks = ticks(min([0.0, *values]), max([0.0, *values]))
        left = PAD + max(val.width(tick_format(block).format(t)) for t in marks) + LABEL_GAP
        slot = (width - PAD - left) / n
        group = min(slot * (0.72 if k == 1 else 0.8), k * bar_max)
    words = [cat.width(word) for c in block.categories for word in c.split()]
    turned = max(words, default=0.0) > slot - 4 or max(len(cat.wrap(c, slot - 4)) for c in block.categories) > 5
    step = max(1, math.ceil((cat.ascent + cat.descent + 1) / slot)) if turned else 1
    return Columns(left, slot, group, marks, upright, turned, step)


def shortened(block: ChartBlock, columns: Columns, cat: Font) -> bool:
    """Whether a turned label had to be cut short with an ellipsis to stay in two lines."""
    labelled = block.categories[::columns.step]
    return columns.turned and any(" ".join(lines) != label for label, lines in zip(labelled, turned_labels(block, columns, cat)))


def label_depth(block: ChartBlock, columns: Columns, cat: Font) -> float:
    """Room below the baseline for the category labels."""
    if columns.turned:
        return max(cat.width(line) for lines in turned_labels(block, columns, cat) for line in lines)
    lines = max(len(cat.wrap(c, columns.slot - 4)) for c in block.categories)
    return cat.ascent + (lines - 1) * cat.pitch + cat.descent


def turned_labels(block: ChartBlock, columns: Columns, cat: Font) -> list[list[str]]:
    """Each labelled category's turned label as lines side by side in its slot: one line while it is
    no longer than TURNED_DEPTH ems, else wrapped (a word longer than a line breaks with a hyphen) to
    that depth in at most two lines, the second shortened with an ellipsis when there is more (the
    alt text has it whole), or one when the slot holds only one. A 500-character label
    cannot make the chart thousands of points tall."""
    depth = TURNED_DEPTH * cat.size
    across = max(1, math.floor((columns.slot * columns.step - 2 - cat.ascent - cat.descent) / cat.pitch) + 1)
    labels = []
    for label in block.categories[::columns.step]:
        lines = cat.label(label, depth, min(2, across)) if cat.width(label) > depth else [label]
        labels.append(lines)
    return labels
