"""Checking a `fonts:` file before anything is drawn with it: every output must be able to use it.

reportlab embeds TrueType outlines only (a `glyf` table): a font of PostScript (CFF) outlines, the
usual OpenType `.otf`, or one of bitmaps only, would fail deep inside the PDF writer, and a font
whose licence forbids embedding is refused by reportlab too. Each is named here instead, at the
`fonts:` entry, with the file read through `read_regular` so a pipe or a device is never opened.
"""

from __future__ import annotations

import struct
from pathlib import Path

from ..file_kinds import FileRefused, read_regular
from .. import measure

FONT_CAP = 64 * 1024 * 1024  # the largest CJK TrueType fonts are about 30 MB
NEEDED = ("cmap", "head", "hhea", "hmtx", "maxp", "name")
TRUETYPE = (b"\x00\x01\x00\x00", b"true")


def font_problem(path: Path) -> str | None:
    """Why the file at `path` cannot be a fallback font, in words for the content's author; None
    when every output can use it."""
    try:
        data, _size = read_regular(path, FONT_CAP)
    except FileRefused as refused:
        return _refusal(path, refused)
    try:
        return _outline_problem(path, data) or _cmap_problem(path)
    except (struct.error, ValueError, KeyError, IndexError) as error:
        return f"{path} is not a font file this tool can read ({error})"


def _refusal(path: Path, refused: FileRefused) -> str:
    if refused.reason == "missing":
        return f"font file {path} does not exist"
    if refused.reason == "irregular":
        return f"font file {path} is {refused.detail}, not a file"
    if refused.reason == "too large":
        return f"font file {path} is {refused.detail:,} bytes, more than the {FONT_CAP:,} a font may have"
    return f"font file {path} cannot be read: {refused.detail}"


def _outline_problem(path: Path, data: bytes) -> str | None:
    start = measure.first_font(data)
    version = data[start:start + 4]
    if version == b"OTTO":
        return (f"{path} has PostScript (CFF) outlines, which the PDF cannot embed; name a TrueType font "
                "(.ttf, outlines in a 'glyf' table)")
    if version not in TRUETYPE:
        return f"{path} is not a TrueType font file"
    tables = measure.table_lengths(data)
    if "glyf" not in tables or "loca" not in tables:
        return f"{path} has bitmap glyphs only, which the PDF cannot embed; name a TrueType font with outlines"
    lacking = [tag for tag in NEEDED if tag not in tables]
    if lacking:
        return f"{path} lacks the font tables {', '.join(lacking)}"
    fs_type = struct.unpack_from(">H", data, tables["OS/2"][0] + 8)[0] if "OS/2" in tables else 0
    if fs_type == 0x0002 or fs_type & 0x0300:  # reportlab's own test: restricted, or no subsetting, or bitmap embedding only
        return f"{path} is licensed against embedding or subsetting (OS/2 fsType {fs_type:04X}), so the PDF cannot carry it"
    return None


def _cmap_problem(path: Path) -> str | None:
    if not measure.covered(path):
        return f"{path} maps no characters to glyphs"
    measure.family(path)
    return None
