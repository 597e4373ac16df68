"""Characters the shipped typeface cannot draw, found before anything is drawn.

A missing glyph prints as an empty box in the PDF and the chart; the reader would not know a
character was lost. Each one is reported with where it was written. Characters a `fonts:`
fallback draws are fine; for the rest the hint names an installed TrueType font that has them,
asked of fontconfig (`fc-list`) when it is there, so the author knows what to add to `fonts:`.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

from .. import measure
from ..content.fonts import font_problem
from ..errors import Diagnostic
from ..model import Document
from ..theme import Typeface


def uncovered(document: Document, typeface: Typeface) -> list[Diagnostic]:
    """One error per place that holds characters the typeface lacks, naming every such character
    once: a table of Chinese names is one finding at the table, not one per cell."""
    covered = measure.typeface_covered(typeface)
    places: dict[tuple[str, int, int, str], tuple[dict[str, None], list[str]]] = {}
    for text, origin in document.texts():
        missing = [ch for ch in text if ord(ch) not in covered and not ch.isspace() and not _right_to_left(ch)]
        if missing:
            chars, texts = places.setdefault((origin.file, origin.line, origin.column, origin.path), ({}, []))
            chars.update(dict.fromkeys(missing))
            texts.append(text)
    everywhere = "".join(dict.fromkeys(ch for chars, _texts in places.values() for ch in chars))
    installed = installed_font(everywhere) if places else None  # one look-up for the whole document, usually
    return [_finding(place, list(chars), texts, typeface, installed or installed_font("".join(chars))) for place, (chars, texts) in places.items()]


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


def _finding(place: tuple[str, int, int, str], chars: list[str], texts: list[str], typeface: Typeface,
             installed: str | None) -> Diagnostic:
    shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in chars[:8]) + (f" and {len(chars) - 8} more" if len(chars) > 8 else "")
    where = f"in {_example(texts[0])!r}" + (f" and {len(texts) - 1} more texts here" if len(texts) > 1 else "")
    who = typeface.family + (" and the fonts: files" if typeface.fallbacks else "")
    hint = (f"add an installed font that has them, e.g. fonts: [{installed}], at the top of the content file, "
            "or use other characters" if installed else
            "name a TrueType font that has them in fonts: at the top of the content file, or use other characters")
    return Diagnostic(*place, f"{who} cannot draw {shown} {where}; they would print as nothing", hint, level="error")


@lru_cache(maxsize=256)
def installed_font(chars: str) -> str | None:
    """A TrueType file fontconfig knows that draws every one of `chars` (a .ttf before a collection,
    then by path, so the hint is the same on each run); None without fc-list, or when it fails or
    takes more than two seconds, which a hint is never worth waiting for."""
    if not chars or shutil.which("fc-list") is None:
        return None
    charset = " ".join(f"{ord(ch):x}" for ch in dict.fromkeys(chars[:200]))
    try:
        listed = subprocess.run(["fc-list", f":charset={charset}", "file"], capture_output=True, text=True,
                                timeout=2, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = {line.split(":")[0].strip() for line in listed.splitlines() if line.strip()}
    usable = sorted((path for path in files if path.lower().endswith((".ttf", ".ttc"))),
                    key=lambda path: (not path.lower().endswith(".ttf"), path))
    return next((path for path in usable if font_problem(Path(path)) is None), None)
