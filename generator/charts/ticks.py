"""A light value axis, for a chart with too many bars for each to carry its value: round ticks."""

from __future__ import annotations

import math
from dataclasses import replace

from ..model import ChartBlock, NumberFormat


def ticks(low: float, high: float, count: int = 5) -> tuple[float, ...]:
    """Round values (1, 2, 2.5 or 5 times a power of ten apart) spanning low..high in about `count` steps."""
    raw = ((high - low) or 1.0) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return tuple(round(i * step, 10) + 0.0 for i in range(first, last + 1))


def tick_format(block: ChartBlock) -> NumberFormat:
    """The chart's format, but ticks are round numbers: '400', not '400.0'."""
    return replace(block.format, decimals=None)
