"""The saved deck rewritten with a fixed time on every zip entry, so equal content gives equal bytes.

python-pptx stamps each entry with the clock. Rather than inflate every member and deflate it
again (most of a deck's bytes are chart pictures, deflated once already inside the PNG and once by
python-pptx), each member's compressed bytes are copied as they are, under a new header: deflate
at one level is deterministic, so the result is the same as deflating again, at a fraction of the
cost. Only what changes is compressed anew: a native chart's workbook, a package of its own with
its own times and creation date.

The entries are written as Python's zipfile writes them (version 2.0, deflated, no extra fields,
mode 644, made on Unix), so a deck's bytes do not depend on the platform that built it.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DOS_TIME = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | ZIP_TIME[5] // 2
_DOS_DATE = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
_VERSION, _UNIX, _DEFLATED, _MODE = 20, 3, zipfile.ZIP_DEFLATED, 0o644 << 16
_UTF8 = 0x800  # the entry's name is UTF-8, not CP437
_LIMIT = 0xFFFFFFFF  # past this a zip needs zip64 records, which no deck comes near
_FILE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fixed_times(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The package with a fixed time on every entry, and fixed dates inside any embedded workbook;
    the members named in `replace` hold the bytes given there instead."""
    replace = replace or {}

    def edit(name: str, content: bytes) -> bytes:
        return replace[name] if name in replace else fixed_times_inside(content) if name.endswith(".xlsx") else content

    return _repack(data, edit, lambda name: name.endswith(".xlsx") or name in replace)


def fixed_times_inside(data: bytes) -> bytes:
    """An embedded workbook: fixed entry times, and its own creation and change dates fixed too."""
    return _repack(data, lambda name, content: _FILE_DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content),
                   lambda name: True)


def _repack(data: bytes, edit: Callable[[str, bytes], bytes], edits: Callable[[str], bool]) -> bytes:
    """Every member under a fixed-time header: its compressed bytes copied, unless `edits(name)`
    and `edit` changes its content, or it was not deflated; only those are compressed here."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = _Writer()
    for item in source.infolist():
        raw = _raw(data, item)
        if edits(item.filename) or item.compress_type != _DEFLATED:
            content = source.read(item.filename)
            edited = edit(item.filename, content)
            if edited != content or item.compress_type != _DEFLATED:
                out.add(item.filename, _deflated(edited), zlib.crc32(edited), len(edited))
                continue
        out.add(item.filename, raw, item.CRC, item.file_size)
    return out.close()


def _raw(data: bytes, item: zipfile.ZipInfo) -> bytes:
    """A member's compressed bytes, found after its local header (whose name and extra field may
    differ in length from the central directory's)."""
    name_length, extra_length = struct.unpack_from("<HH", data, item.header_offset + 26)
    start = item.header_offset + 30 + name_length + extra_length
    return data[start:start + item.compress_size]


def _deflated(content: bytes) -> bytes:
    """Raw deflate at zlib's default level, as zipfile compresses a member."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()


class _Writer:
    """A zip written entry by entry from compressed bytes: local headers and data, then the
    central directory and its end record."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.directory: list[bytes] = []

    def add(self, name: str, raw: bytes, crc: int, size: int) -> None:
        if max(len(raw), size, self.buffer.tell()) > _LIMIT:
            raise ValueError("the deck is too large for a zip without zip64 records")
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8
        offset = self.buffer.tell()
        fields = (flags, _DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(raw), size, len(encoded))
        self.buffer.write(struct.pack("<4s2B4HL2L2H", b"PK\003\004", _VERSION, 0, *fields, 0) + encoded)
        self.buffer.write(raw)
        self.directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, *fields,
                                          0, 0, 0, 0, _MODE, offset) + encoded)

    def close(self) -> bytes:
        start = self.buffer.tell()
        for entry in self.directory:
            self.buffer.write(entry)
        size, count = self.buffer.tell() - start, len(self.directory)
        self.buffer.write(struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, count, count, size, start, 0))
        return self.buffer.getvalue()
