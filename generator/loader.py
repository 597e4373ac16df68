"""Content file -> checked document model, or every problem of the file with its position.

The file is composed, never constructed: PyYAML builds a node tree with positions and runs no
tags, so nothing in a content file can execute. Validation then walks that tree (schema.py).

Hostile files are stopped before they cost anything: the size is capped before reading, and
one cheap pass over the parser's events (no nodes built) refuses nesting deeper than any
briefing needs and aliases that would multiply the content (a "billion laughs" file), each at
the line and column where it happens.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from .errors import ContentError, Diagnostic, Unreadable
from .model import Document
from .schema import DocumentReader

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40  # a briefing nests about 10 levels (sections > blocks > chart > series > values)
MAX_ALIASED = 100_000  # values that aliases may add to the content once expanded
_TOO_DEEP = "the content nests too deeply here; a briefing needs about 10 levels"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same nodes and marks, 5x faster


def load(path: str | Path) -> Document:
    """Read and validate a content file; raise ContentError listing every problem found."""
    return parse(read_content(path), str(path))


def read_content(path: str | Path) -> bytes:
    """The file's bytes, refused if too large or unreadable; the build fingerprints these same bytes."""
    return _read_capped(Path(path), str(path))


def parse(data: bytes, name: str) -> Document:
    """Validate content already read; `name` is the file the diagnostics name."""
    text = _decoded(data, name)
    root = _compose(text, name)  # also runs the depth and alias guard
    reader = DocumentReader(name)
    document = reader.document(root)
    if reader.diagnostics or document is None:
        raise ContentError(reader.diagnostics or [Diagnostic(name, 0, 0, "", "the content could not be read")])
    return document


def _decoded(data: bytes, name: str) -> str:
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


def _read_capped(path: Path, name: str) -> bytes:
    """Reads at most one byte past the cap, so a huge file costs no memory.

    The path is looked at before it is opened: opening a FIFO blocks until a writer comes, and
    reading a character device never ends, so anything but a regular file is refused unopened.
    """
    refused = not_a_regular_file(path, "a content file")
    if refused:
        raise Unreadable(_fail(name, refused).diagnostics)
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_BYTES:
                raise Unreadable(_too_large(name, size).diagnostics)
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise Unreadable(_fail(name, "no such file").diagnostics) from None
    except IsADirectoryError:
        raise Unreadable(_fail(name, "this is a folder, expected a content file").diagnostics) from None
    except OSError as error:
        raise Unreadable(_fail(name, f"cannot read the file: {error.strerror or error}").diagnostics) from None
    if len(data) > MAX_BYTES:
        raise Unreadable(_too_large(name, None).diagnostics)
    return data


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def not_a_regular_file(path: Path, wanted: str) -> str | None:
    """Why `path` cannot be read as a file, without opening it: None for a regular file."""
    try:
        mode = path.stat().st_mode  # follows symbolic links: a link to a file is that file
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot read the file: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    kind = next((label for test, label in _KINDS if test(mode)), "not a regular file")
    return f"this is {kind}, expected {wanted}"


def _too_large(name: str, size: int | None) -> ContentError:
    found = f"the file is {size / 2**20:.1f} MB" if size else "the file is larger than the limit"
    return _fail(name, f"{found}; content files are limited to {MAX_BYTES // 2**20} MB",
                 hint="a briefing's content is a few kilobytes: check that this is the right file")


def _compose(text: str, name: str) -> yaml.Node:
    try:
        _guard(text, name)
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if "maximum nesting depth" in message:  # libyaml's own cap, met while scanning ahead in flow style
            raise _fail(name, _TOO_DEEP, line, column) from None
        if (long_key := _long_key(text, mark, error.context_mark)) is not None:
            raise _fail(name, f"a key of {long_key[2]:,} characters; YAML allows keys of at most 1,024",
                        long_key[0], long_key[1], "keys are short names such as title or sources; "
                        "long text belongs in a value") from None
        if _char_at(text, line, column) == "\t":
            raise _fail(name, "YAML syntax: a tab character here; YAML is indented with spaces", line, column,
                        "replace the tab with spaces") from None
        raise _fail(name, f"YAML syntax: {message}", line, column, _syntax_hint(error)) from None
    except yaml.YAMLError as error:
        raise _fail(name, f"YAML syntax: {error}") from None
    if root is None:
        raise _fail(name, "the file holds no content; expected a mapping with title, sources and sections", 1, 1)
    return root


def _guard(text: str, name: str) -> None:
    """Refuse deep nesting and alias expansion from the event stream, before any node exists.

    Each open collection counts the values it holds once aliases are expanded; an alias adds
    the whole size of the value it names. That catches an alias bomb at the alias that tips it
    over, in time linear in the file, and an alias inside its own value (a loop) at once.
    """
    open_sizes: list[int] = []
    open_anchors: list[str | None] = []
    sizes: dict[str, int] = {}
    aliased = 0
    for event in yaml.parse(text, Loader=YAML_LOADER):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise _fail(name, f"the alias *{event.anchor} sits inside the value it names, a loop",
                            mark.line + 1, mark.column + 1, "write the value out instead")
            if event.anchor not in sizes:
                raise _fail(name, f"the alias *{event.anchor} names no anchor &{event.anchor} defined before it",
                            mark.line + 1, mark.column + 1)
            aliased += sizes[event.anchor]
            if aliased > MAX_ALIASED:
                raise _fail(name, f"aliases expand the content past {MAX_ALIASED:,} values (an alias bomb)",
                            mark.line + 1, mark.column + 1, "write the values out; a briefing needs few aliases, if any")
            _close(sizes[event.anchor], None, sizes, open_sizes)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(open_sizes) >= MAX_DEPTH:
                raise _fail(name, _TOO_DEEP, mark.line + 1, mark.column + 1)
            open_sizes.append(1)
            open_anchors.append(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            size, anchor = open_sizes.pop(), open_anchors.pop()
            _close(size, anchor, sizes, open_sizes)
        elif isinstance(event, yaml.ScalarEvent):
            _close(1, event.anchor, sizes, open_sizes)


def _close(size: int, anchor: str | None, sizes: dict[str, int], open_sizes: list[int]) -> None:
    """A finished value: remember its size under its anchor and add it to the value holding it."""
    if anchor is not None:
        sizes[anchor] = size
    if open_sizes:
        open_sizes[-1] += size


def _syntax_hint(error: yaml.MarkedYAMLError) -> str | None:
    """Where the unfinished part began, when the parser noticed the fault further on."""
    if "single document" in (error.context or ""):
        return "a content file holds one document: remove the '---' line and what follows, or merge them"
    began, found = error.context_mark, error.problem_mark
    if began and found and (began.line, began.column) != (found.line, found.column):
        return f"it began at line {began.line + 1}, column {began.column + 1}"
    return None


_KEY = re.compile(r"[^\s:{},\[\]#][^:\n{},\[\]]{1024,}(?=:(?:\s|$))")


def _long_key(text: str, *marks) -> tuple[int, int, int] | None:
    """Line, column and length of a key past YAML's 1,024-character limit on the lines the parser
    stopped at; PyYAML only says it "could not find expected ':'" there."""
    lines = text.split("\n")
    for mark in marks:
        if mark is not None and mark.line < len(lines):
            if found := _KEY.search(lines[mark.line]):
                return mark.line + 1, found.start() + 1, len(found.group().rstrip())
    return None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _fail(name: str, message: str, line: int = 0, column: int = 0, hint: str | None = None) -> ContentError:
    return ContentError([Diagnostic(name, line, column, "", message, hint)])
