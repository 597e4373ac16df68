"""Characters the shipped typeface cannot draw, found before anything is drawn.

A missing glyph prints as an empty box in the PDF and the chart; the reader would not know a
character was lost. Each one is reported with where it was written.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..errors import Diagnostic
from ..model import Document
from ..theme import Typeface


@cache
def _charmap(path: Path) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font  # matplotlib is loaded by every build for its charts

    return frozenset(FT2Font(str(path)).get_charmap())


def uncovered(document: Document, typeface: Typeface) -> list[Diagnostic]:
    """One warning per text that holds characters the typeface lacks."""
    covered = _charmap(typeface.regular) & _charmap(typeface.bold)
    found = []
    for text, origin in document.texts():
        missing = list(dict.fromkeys(ch for ch in text if ord(ch) not in covered and not ch.isspace()))
        if missing:
            shown = " ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing)
            found.append(Diagnostic(origin.file, origin.line, origin.column, origin.path,
                                    f"{typeface.family} cannot draw {shown}; it will print as an empty box",
                                    "use another character, or spell it out", level="warning"))
    return found
