"""Characters the shipped typeface cannot draw, found before anything is drawn.

A missing glyph prints as an empty box in the PDF and the chart; the reader would not know a
character was lost. Each one is reported with where it was written.
"""

from __future__ import annotations

import unicodedata

from .. import measure
from ..errors import Diagnostic
from ..model import Document
from ..theme import Typeface


def uncovered(document: Document, typeface: Typeface) -> list[Diagnostic]:
    """One error per place that holds characters the typeface lacks, naming every such character
    once: a table of Chinese names is one finding at the table, not one per cell."""
    covered = measure.covered(typeface.regular) & measure.covered(typeface.bold)
    places: dict[tuple[str, int, int, str], tuple[dict[str, None], list[str]]] = {}
    for text, origin in document.texts():
        missing = [ch for ch in text if ord(ch) not in covered and not ch.isspace() and not _right_to_left(ch)]
        if missing:
            chars, texts = places.setdefault((origin.file, origin.line, origin.column, origin.path), ({}, []))
            chars.update(dict.fromkeys(missing))
            texts.append(text)
    return [_finding(place, list(chars), texts, typeface) for place, (chars, texts) in places.items()]


def right_to_left(document: Document) -> list[Diagnostic]:
    """One error per place holding right-to-left text. Neither writer shapes Arabic nor reorders
    Hebrew, so such text would print with its letters unjoined and in the wrong order: refused by
    name rather than printed scrambled."""
    found: dict[tuple[str, int, int, str], list[str]] = {}
    for text, origin in document.texts():
        if any(_right_to_left(ch) for ch in text):
            found.setdefault((origin.file, origin.line, origin.column, origin.path), []).append(text)
    return [Diagnostic(*place, f"right-to-left text such as {_example(texts[0])!r} cannot be set yet: both outputs would print "
                       "it unshaped and in the wrong order", "write it in a left-to-right script, or leave it to a picture",
                       level="error") for place, texts in found.items()]


def _right_to_left(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _example(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _finding(place: tuple[str, int, int, str], chars: list[str], texts: list[str], typeface: Typeface) -> Diagnostic:
    shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in chars[:8]) + (f" and {len(chars) - 8} more" if len(chars) > 8 else "")
    where = f"in {_example(texts[0])!r}" + (f" and {len(texts) - 1} more texts here" if len(texts) > 1 else "")
    return Diagnostic(*place, f"{typeface.family} cannot draw {shown} {where}; they would print as nothing",
                      "use other characters, or spell them out", level="error")
