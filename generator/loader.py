"""Content file -> checked document model, or every problem of the file with its position.

The file is composed, never constructed: PyYAML builds a node tree with positions and runs no
tags, so nothing in a content file can execute. Validation then walks that tree (schema.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ContentError, Diagnostic
from .model import Document
from .schema import DocumentReader

MAX_BYTES = 5 * 1024 * 1024
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same nodes and marks, 5x faster


def load(path: str | Path) -> Document:
    """Read and validate a content file; raise ContentError listing every problem found."""
    name = str(path)
    text = _read_text(Path(path), name)
    root = _compose(text, name)
    reader = DocumentReader(name)
    document = reader.document(root)
    if reader.diagnostics or document is None:
        raise ContentError(reader.diagnostics or [Diagnostic(name, 0, 0, "", "the content could not be read")])
    return document


def _read_text(path: Path, name: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(name, f"the file is {size / 1e6:.1f} MB; content files are limited to {MAX_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except IsADirectoryError:
        raise _fail(name, "this is a folder, expected a content file") from None
    except OSError as error:
        raise _fail(name, f"cannot read the file: {error.strerror}") from None
    if b"\x00" in data:
        at = data.index(b"\x00")
        line, column = data.count(b"\n", 0, at) + 1, at - (data.rfind(b"\n", 0, at) + 1) + 1
        raise _fail(name, "the file holds binary data (a NUL byte), expected YAML text", line, column)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise _fail(name, f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})", line, column,
                    "save the file as UTF-8") from None
    if not text.strip():
        raise _fail(name, "the file is empty; expected a mapping with title, sources and sections", 1, 1)
    return text


def _compose(text: str, name: str) -> yaml.Node:
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if _char_at(text, line, column) == "\t":
            raise _fail(name, "YAML syntax: a tab character here; YAML is indented with spaces", line, column,
                        "replace the tab with spaces") from None
        raise _fail(name, f"YAML syntax: {message}", line, column) from None
    except yaml.YAMLError as error:
        raise _fail(name, f"YAML syntax: {error}") from None
    except RecursionError:
        raise _fail(name, "the content is nested too deeply to be a briefing") from None
    if root is None:
        raise _fail(name, "the file holds no content; expected a mapping with title, sources and sections", 1, 1)
    return root


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _fail(name: str, message: str, line: int = 0, column: int = 0, hint: str | None = None) -> ContentError:
    return ContentError([Diagnostic(name, line, column, "", message, hint)])
