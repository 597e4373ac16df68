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

A typeface with fallbacks (the content's `fonts:`) measures a string as runs, each in the first
face of the chain that draws its characters, which is how every output draws it (see `runs`).
The deck's and the PDF's many measuring sites name only a size and a weight: the face chain is the
build's, set once where each writer starts (`measuring_with`), so they need not carry it.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .theme import DEFAULT_THEME, Typeface

LINE_SPACING = 1.22  # Carlito/Calibri: (ascender + descender + line gap) / em, from the font's hhea table
_IN_USE: ContextVar[Typeface] = ContextVar("typeface in use", default=DEFAULT_THEME.typeface)


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


def face(path: str | Path) -> Face:
    """The face of a TrueType file, read once however its path is spelt (a str or a Path)."""
    return _face(str(path))


@cache
def _face(path: str) -> Face:
    data = Path(path).read_bytes()
    tables = _tables(data, first_font(data))
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


def typeface_covered(typeface: Typeface) -> frozenset[int]:
    """What a typeface draws in every weight it sets: the shipped faces' common characters and all
    that its fallbacks add."""
    shipped = covered(typeface.regular) & covered(typeface.bold)
    return shipped.union(*(covered(path) for path in typeface.fallbacks))


def width(text: str, size: float, path: str | Path) -> float:
    """Advance width of `text` in points at `size` points, in the font file at `path`."""
    return face(path).width(text, size)


def chain_width(text: str, size: float, paths: tuple[str, ...]) -> float:
    """Advance width of `text` set in a face and its fallbacks: each run in the face that draws it.
    A chain of one face measures exactly as `width` does, to the last bit."""
    if len(paths) == 1:
        return face(paths[0]).width(text, size)
    return 0.001 * size * _chain_thousandths(paths, text)


@lru_cache(maxsize=1 << 14)
def _chain_thousandths(paths: tuple[str, ...], text: str) -> float:
    return sum(_thousandths(path, run) for run, path in runs(text, paths))


def runs(text: str, paths: tuple[str, ...]) -> list[tuple[str, str]]:
    """`text` cut into runs, each with the first face of `paths` that draws all its characters.
    A character no face draws stays with the first face (it prints as that face's missing glyph,
    and the glyph check has reported it), and so do spaces and other characters every face
    draws, so text the first face covers is one run in it."""
    first = paths[0]
    if len(paths) == 1:
        return [(text, first)]
    sets = [covered(path) for path in paths]
    found: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        path = first if code in sets[0] else next((p for p, s in zip(paths[1:], sets[1:]) if code in s), first)
        if found and found[-1][1] == path:
            found[-1] = (found[-1][0] + char, path)
        else:
            found.append((char, path))
    return found or [(text, first)]


def chain(typeface: Typeface, bold: bool = False, italic: bool = False) -> tuple[str, ...]:
    """The files a weight of `typeface` is set in: its own face, then its fallbacks."""
    own = typeface.bold if bold else typeface.italic if italic else typeface.regular
    return (str(own), *(str(path) for path in typeface.fallbacks))


@contextmanager
def measuring_with(typeface: Typeface) -> Iterator[None]:
    """Measure with `typeface` (its fallbacks too) wherever no typeface is named, for as long as
    the block runs: a writer lays out in its theme's faces without handing them to every call."""
    token = _IN_USE.set(typeface)
    try:
        yield
    finally:
        _IN_USE.reset(token)


def typeface_in_use() -> Typeface:
    """The typeface set by the innermost `measuring_with`, else the shipped one."""
    return _IN_USE.get()


@cache
def family(path: str | Path) -> str:
    """The family name in a font file's name table (name 1): the US English Windows name, else any
    Windows one, else the Mac Roman one. It is what the deck asks PowerPoint and LibreOffice for,
    and a font with localised names (WenQuanYi's are Chinese first) is best asked for in English."""
    data = Path(path).read_bytes()
    base = _tables(data, first_font(data))["name"]
    count, strings = struct.unpack_from(">HH", data, base + 2)
    found: dict[int, str] = {}
    for i in range(count):
        platform, _encoding, language, name, length, offset = struct.unpack_from(">6H", data, base + 6 + 12 * i)
        rank = {(3, 0x409): 0, (1, 0): 2}.get((platform, language), 1 if platform == 3 else None)
        if name == 1 and rank is not None and rank not in found:
            raw = data[base + strings + offset:base + strings + offset + length]
            found[rank] = raw.decode("utf-16-be" if platform == 3 else "mac-roman", "replace")
    return found[min(found)] if found else Path(path).stem


def fallback_family(text: str, typeface: Typeface) -> str | None:
    """The family of the fallback `text` needs (the first that draws a character the typeface's own
    face lacks), else of the first fallback; None without fallbacks. PowerPoint and LibreOffice set
    CJK from a run's East Asian slot and complex scripts from its complex-script slot, never from
    its Latin one, so the deck names this family there and they draw what was measured."""
    if not typeface.fallbacks:
        return None
    paths = chain(typeface)
    chosen = next((path for _run, path in runs(text, paths) if path != paths[0]), paths[1])
    return family(chosen)


def text_width(text: str, size: float, bold: bool = False, typeface: Typeface | None = None) -> float:
    """Advance width of `text` in points at `size` points (in the typeface in use unless named)."""
    return chain_width(text, size, chain(typeface or _IN_USE.get(), bold))


def wrap(text: str, width: float, size: float, bold: bool = False, typeface: Typeface | None = None) -> list[str]:
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


def _longest_fitting_prefix(word: str, width: float, size: float, bold: bool, typeface: Typeface | None) -> int:
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


def first_font(data: bytes) -> int:
    """Where the first font's table directory starts: 0, or in a collection (.ttc) the offset of
    its first font, the one reportlab and matplotlib open by default."""
    return _unpack(">I", data, 12) if data[:4] == b"ttcf" else 0


def _directory(data: bytes, start: int) -> list[tuple[str, int, int]]:
    """The table directory of the font starting at `start`: (tag, offset, length) each."""
    count = _unpack(">H", data, start + 4)
    entries = (struct.unpack_from(">4sIII", data, start + 12 + 16 * i) for i in range(count))
    return [(tag.decode("latin-1"), offset, length) for tag, _checksum, offset, length in entries]


def _tables(data: bytes, start: int = 0) -> dict[str, int]:
    return {tag: offset for tag, offset, _length in _directory(data, start)}


def table_lengths(data: bytes) -> dict[str, tuple[int, int]]:
    """Each table of the (first) font in `data` with its offset and length, for checking a file
    is a font every output can use."""
    return {tag: (offset, length) for tag, offset, length in _directory(data, first_font(data))}


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
