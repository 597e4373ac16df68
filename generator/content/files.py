"""The content file's bytes: refused unopened when the path is no regular file, capped in size,
and decoded as UTF-8, each fault placed at its line and column.

A FIFO blocks whoever opens it until a writer comes, and a device never ends, so the path is
looked at before it is opened; the size is capped before reading, so a huge file costs nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Diagnostic, Unreadable
from ..file_kinds import FileRefused, read_regular

MAX_BYTES = 5 * 1024 * 1024


def read_content(path: str | Path) -> bytes:
    """The file's bytes, refused if too large or unreadable; the build fingerprints these same bytes."""
    return _read_capped(Path(path), str(path))


def decoded(data: bytes, name: str) -> str:
    if b"\x00" in data:
        at = data.index(b"\x00")
        line, column = data.count(b"\n", 0, at) + 1, at - (data.rfind(b"\n", 0, at) + 1) + 1
        raise fail(name, "the file holds binary data (a NUL byte), expected YAML text", line, column)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise fail(name, f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})", line, column,
                    "save the file as UTF-8") from None
    if not text.strip():
        raise fail(name, "the file is empty; expected a mapping with title, sources and sections", 1, 1)
    return text


def _read_capped(path: Path, name: str) -> bytes:
    """Reads at most one byte past the cap, so a huge file costs no memory; anything but a regular
    file (a FIFO would block the build until a writer came, a device never ends) is refused unopened."""
    try:
        data, _ = read_regular(path, MAX_BYTES)
    except FileRefused as refused:
        if refused.reason == "too large":
            raise Unreadable(_too_large(name, refused.detail).diagnostics) from None
        message = {"missing": "no such file", "irregular": f"this is {refused.detail}, expected a content file",
                   "unreadable": f"cannot read the file: {refused.detail}"}[refused.reason]
        raise Unreadable(fail(name, message).diagnostics) from None
    if len(data) > MAX_BYTES:
        raise Unreadable(_too_large(name, None).diagnostics)
    return data


def _too_large(name: str, size: int | None) -> ContentError:
    found = f"the file is {size / 2**20:.1f} MB" if size else "the file is larger than the limit"
    return fail(name, f"{found}; content files are limited to {MAX_BYTES // 2**20} MB",
                 hint="a briefing's content is a few kilobytes: check that this is the right file")




def fail(name: str, message: str, line: int = 0, column: int = 0, hint: str | None = None) -> ContentError:
    return ContentError([Diagnostic(name, line, column, "", message, hint)])
