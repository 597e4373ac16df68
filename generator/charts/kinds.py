"""The chart kinds, keyed as the model names them: each a module with its plan and its height.

A new kind is a module beside bar.py, hbar.py and line.py and a line here (tests/test_registry.py checks
that every kind the content may name has one).
"""

from __future__ import annotations

from . import bar, hbar, line
from .layout import ChartKind

CHART_KINDS: dict[str, ChartKind] = {
    "bar": bar.KIND,
    "hbar": hbar.KIND,
    "line": line.KIND,
}
