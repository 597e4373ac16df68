"""The one text-measuring engine: advance widths and line metrics read from the shipped font files.

The deck, the charts and the PDF all measure here, so a line breaks at the same place whichever
output asks. Widths are the font's own advances (hmtx) scaled by the size, unhinted and without
kerning or ligatures: exactly what reportlab's `stringWidth` returns for a TrueType face (it sums
each character's advance in thousandths of an em and scales, in that order, so the floats agree to
the last bit), what PowerPoint and LibreOffice lay out for Carlito's twin Calibri, and, to within
a 64th of a pixel, what Agg draws unhinted. A character the font does not map measures as its
missing glyph (glyph 0), as reportlab prints it.

Line metrics are the hhea ascender, descender and line gap, which reportlab and the charts use.
The tables are read with `struct` from the file (no FreeType, matplotlib or reportlab), once per
face, and each string's width is cached, so a layout that tries several sizes measures it once.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .theme import DEFAULT_THEME, Typeface

LINE_SPACING = 1.22  # Carlito/Calibri: (ascender + descender + line gap) / em, from the font's hhea table


@dataclass(frozen=True)
class Face:
    """One font file's metrics in font units, with each mapped character's advance in thousandths of an em."""

    path: str
    units_per_em: int
    ascender: int  # hhea, above the baseline
    descender: int  # hhea, below the baseline (a positive number)
    line_gap: int  # hhea
    thousandths: dict[int, float]  # code point -> advance, 1000 to the em
    missing: float  # the advance of glyph 0, which a character the font lacks prints as
    covered: frozenset[int]  # code points the font draws (mapped to a glyph other than the missing one)

    def width(self, text: str, size: float) -> float:
        """Advance width of `text` in points at `size` points."""
        return 0.001 * size * _thousandths(self.path, text)

    def line(self, size: float) -> tuple[float, float, float]:
        """Ascent, descent (positive) and baseline-to-baseline pitch in points at `size` points."""
        em = self.units_per_em
        ascent, descent = self.ascender * size / em, self.descender * size / em
        return ascent, descent, ascent + descent + self.line_gap * size / em


@cache
def face(path: str | Path) -> Face:
    """The face of a TrueType file, read once."""
    data = Path(path).read_bytes()
    tables = _tables(data)
    units_per_em = _unpack(">H", data, tables["head"] + 18)
    ascender, descender, line_gap = struct.unpack_from(">hhh", data, tables["hhea"] + 4)
    metrics = _unpack(">H", data, tables["hhea"] + 34)
    glyphs = _unpack(">H", data, tables["maxp"] + 4)
    advances = list(struct.unpack_from(f">{2 * metrics}H", data, tables["hmtx"])[::2])
    advances += advances[-1:] * (glyphs - metrics)  # glyphs past numberOfHMetrics share the last advance
    scale = 1000 / units_per_em
    scaled = [advance * scale if units_per_em != 1000 else advance for advance in advances]
    cmap = _cmap(data, tables["cmap"])
    widths = {char: scaled[glyph] if glyph < len(scaled) else scaled[0] for char, glyph in cmap.items()}
    for a, b in ((0x20, 0xA0), (0xA0, 0x20)):  # a no-break space is a space, whichever the font maps
        if a in widths:
            widths[b] = widths[a]
            break
    covered = frozenset(char for char, glyph in cmap.items() if 0 < glyph < glyphs)
    return Face(str(path), units_per_em, ascender, -descender, line_gap, widths, scaled[0], covered)


@lru_cache(maxsize=1 << 16)
def _thousandths(path: str, text: str) -> float:
    known = face(path)
    get, missing = known.thousandths.get, known.missing
    return sum(get(ord(char), missing) for char in text)


def covered(path: str | Path) -> frozenset[int]:
    """The code points the font at `path` can draw (what the glyph check needs, without FreeType)."""
    return face(path).covered


def width(text: str, size: float, path: str | Path) -> float:
    """Advance width of `text` in points at `size` points, in the font file at `path`."""
    return face(path).width(text, size)


def text_width(text: str, size: float, bold: bool = False, typeface: Typeface = DEFAULT_THEME.typeface) -> float:
    """Advance width of `text` in points at `size` points."""
    return width(text, size, typeface.bold if bold else typeface.regular)


def wrap(text: str, width: float, size: float, bold: bool = False, typeface: Typeface = DEFAULT_THEME.typeface) -> list[str]:
    """Greedy word wrap as text engines do it; a word longer than the line is broken by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in filter(None, _BREAKS.split(paragraph)):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold, typeface) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while text_width(line, size, bold, typeface) > width and len(line) > 1:
                cut = _longest_fitting_prefix(line, width, size, bold, typeface)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


# where text engines break a line: any space but the no-break ones ("5 098 666", "Source :", "+0,4 %")
_BREAKS = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def _longest_fitting_prefix(word: str, width: float, size: float, bold: bool, typeface: Typeface) -> int:
    cut = len(word) - 1
    while cut > 1 and text_width(word[:cut], size, bold, typeface) > width:
        cut -= 1
    return cut


def fit_columns(natural: list[float], minimum: list[float], flexible: list[bool], total: float) -> list[float]:
    """Column widths that follow content and fill `total`.

    Spare room goes to the flexible (text) columns, so figures stay next to their labels; when
    the natural widths are too wide, flexible columns give way down to their minimum (they wrap).
    """
    if not any(flexible):
        flexible = [True] * len(natural)
    spare = total - sum(natural)
    if spare >= 0:
        grow = sum(n for n, f in zip(natural, flexible) if f)
        return [n + (spare * n / grow if f else 0.0) for n, f in zip(natural, flexible)]
    give = [n - m if f else 0.0 for n, m, f in zip(natural, minimum, flexible)]
    if sum(give) >= -spare:
        return [n - g * -spare / sum(give) for n, g in zip(natural, give)]
    floor = [m if f else n for n, m, f in zip(natural, minimum, flexible)]
    return [w * total / sum(floor) for w in floor]  # still too wide: scale everything (smaller type is the caller's next step)


# Reading the font file

def _unpack(fmt: str, data: bytes, offset: int) -> int:
    return struct.unpack_from(fmt, data, offset)[0]


def _tables(data: bytes) -> dict[str, int]:
    count = _unpack(">H", data, 4)
    entries = (struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(count))
    return {tag.decode("latin-1"): offset for tag, _checksum, offset, _length in entries}


def _cmap(data: bytes, base: int) -> dict[int, int]:
    """Code point -> glyph, from the subtable reportlab chooses (the last Unicode one), formats 4 and 12."""
    version, count = struct.unpack_from(">HH", data, base)
    if count == 0 and version != 0:
        count = version
    chosen, rank = None, 0
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, rank = offset, 1
        elif platform == 1 and encoding == 0 and rank != 1:
            chosen, rank = offset, 2
    if chosen is None:
        raise ValueError("the font has no Unicode character map")
    start = base + chosen
    kind = _unpack(">H", data, start)
    if kind == 4:
        return _cmap_4(data, start)
    if kind == 12:
        groups = _unpack(">I", data, start + 12)
        mapping = {}
        for first, last, glyph in (struct.unpack_from(">III", data, start + 16 + 12 * g) for g in range(groups)):
            mapping.update((char, glyph + char - first) for char in range(first, last + 1))
        return mapping
    raise ValueError(f"unsupported character map format {kind}")


def _cmap_4(data: bytes, start: int) -> dict[int, int]:
    length, segments = _unpack(">H", data, start + 2), _unpack(">H", data, start + 6) // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    ranges_at = start + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    mapping = {}
    for n, (first, last, delta, spread) in enumerate(zip(starts, ends, deltas, ranges)):
        for char in range(first, last + 1):
            if spread == 0:
                mapping[char] = (char + delta) & 0xFFFF
                continue
            at = ranges_at + 2 * n + spread + 2 * (char - first)
            glyph = _unpack(">H", data, at) if at < start + length else 0
            mapping[char] = (glyph + delta) & 0xFFFF if glyph else 0
    return mapping
