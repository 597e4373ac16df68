"""YAML text -> a node tree with positions, or the first fault with its line, column and a hint.

The file is composed, never constructed: PyYAML builds nodes and runs no tags, so nothing in a
content file can execute. Before any node is built, one cheap pass over the parser's events
refuses nesting deeper than any briefing needs and aliases that would multiply the content (a
"billion laughs" file), each at the line and column where it happens.
"""

from __future__ import annotations

import re

import yaml

from .files import fail

MAX_DEPTH = 40  # a briefing nests about 10 levels (sections > blocks > chart > series > values)
MAX_ALIASED = 100_000  # values that aliases may add to the content once expanded
_TOO_DEEP = "the content nests too deeply here; a briefing needs about 10 levels"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same nodes and marks, 5x faster


def compose(text: str, name: str) -> yaml.Node:
    try:
        _guard(text, name)
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if "maximum nesting depth" in message:  # libyaml's own cap, met while scanning ahead in flow style
            raise fail(name, _TOO_DEEP, line, column) from None
        if (long_key := _long_key(text, mark, error.context_mark)) is not None:
            raise fail(name, f"a key of {long_key[2]:,} characters; YAML allows keys of at most 1,024",
                        long_key[0], long_key[1], "keys are short names such as title or sources; "
                        "long text belongs in a value") from None
        if _char_at(text, line, column) == "\t":
            raise fail(name, "YAML syntax: a tab character here; YAML is indented with spaces", line, column,
                        "replace the tab with spaces") from None
        raise fail(name, f"YAML syntax: {message}", line, column, _syntax_hint(error)) from None
    except yaml.YAMLError as error:
        raise fail(name, f"YAML syntax: {error}") from None
    if root is None:
        raise fail(name, "the file holds no content; expected a mapping with title, sources and sections", 1, 1)
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
                raise fail(name, f"the alias *{event.anchor} sits inside the value it names, a loop",
                            mark.line + 1, mark.column + 1, "write the value out instead")
            if event.anchor not in sizes:
                raise fail(name, f"the alias *{event.anchor} names no anchor &{event.anchor} defined before it",
                            mark.line + 1, mark.column + 1)
            aliased += sizes[event.anchor]
            if aliased > MAX_ALIASED:
                raise fail(name, f"aliases expand the content past {MAX_ALIASED:,} values (an alias bomb)",
                            mark.line + 1, mark.column + 1, "write the values out; a briefing needs few aliases, if any")
            _close(sizes[event.anchor], None, sizes, open_sizes)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(open_sizes) >= MAX_DEPTH:
                raise fail(name, _TOO_DEEP, mark.line + 1, mark.column + 1)
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


