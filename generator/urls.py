"""Where a long URL may break over lines: only after `/`, `.`, `?` or `&` (never inside `//`, and
never at a hyphen inside a word, which reads as part of the address), so a reader can type the
line breaks away. Both outputs wrap URLs with it, measured by the caller's own width function."""

from __future__ import annotations

import re
from collections.abc import Callable

_BREAK_AFTER = re.compile(r"(?<=[/.?&])(?!/)")


def url_lines(url: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """The URL cut into lines no wider than `width` where it can be; a piece with no break point
    inside it stays whole on its line (it runs long rather than break mid-word)."""
    pieces = [piece for piece in _BREAK_AFTER.split(url) if piece]
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if line and measure(line + piece) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    return lines + [line] if line else lines
