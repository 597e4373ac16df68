"""Typed reads from composed YAML nodes that keep positions and collect problems.

We validate the node tree (which still knows where every value sits in the file) rather than
plain dicts, so each problem can name file:line:column. Readers never raise on bad content:
they record a Diagnostic and return None, so one run reports every problem of a file.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Diagnostic
from ..model import Origin
from .numbers import DECIMAL, MAX_NUMBER, misread, number_hint

T = TypeVar("T")
_TAG = "tag:yaml.org,2002:"
_NUMBER_TAGS = {_TAG + "int", _TAG + "float"}
_PLAIN_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")  # no output can hold these
_MERGE = _TAG + "merge"
_BREAKS = re.compile(r"[ ]*[\t\n\r][ \t\n\r]*")
_SEPARATORS = {"\u2028": "line separator", "\u2029": "paragraph separator"}
_INVISIBLE = set("\u115f\u1160\u2800\u3164\uffa0")  # letters and symbols that draw nothing


def describe(node: Node) -> str:
    """How a found value reads in an error message: 'a list', 'the text "67,000"'."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if is_null(node):
        return "nothing"
    if node.tag in _NUMBER_TAGS:
        return f"the number {node.value}"
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f'the text "{printable(shown)}"'


def printable(text: str) -> str:
    """Text as a message may echo it: control characters spelled out, never sent to the terminal."""
    return _UNSHOWABLE.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def is_null(node: Node | None) -> bool:
    return node is None or (isinstance(node, ScalarNode) and node.tag == _TAG + "null")


def suggest(word: str, choices: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


class Reader:
    """Collects diagnostics for one file and turns nodes into checked Python values."""

    def __init__(self, file: str):
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self._refused: set[int] = set()  # nodes whose tag was reported by `screen`

    def screen(self, root: Node) -> None:
        """One walk over every node of the file, keys included, before any part is read.

        Tags that would construct objects are refused wherever they sit (a key, a value no reader
        asks for, a prefix), so no reader can forget the check; merge keys are named as such.
        Paths follow the readers' own (`sections[0].blocks[1].chart.title`)."""
        stack: list[tuple[Node, str]] = [(root, "")]
        seen: set[int] = set()  # an alias names a node again: it is screened once, at its anchor
        while stack:
            node, path = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.tag not in _PLAIN_TAGS and node.tag != _MERGE:
                self._refused.add(id(node))
                shown = printable(node.tag.replace(_TAG, "!!", 1))
                self.error(node, path, f"the tag {shown} is not allowed; nothing in a content file is run or built",
                           "content files hold plain data: remove the tag")
            children: list[tuple[Node, str]] = []
            if isinstance(node, SequenceNode):
                children = [(child, f"{path}[{index}]") for index, child in enumerate(node.value)]
            elif isinstance(node, MappingNode):
                for key, value in node.value:
                    name = key.value if isinstance(key, ScalarNode) else ""
                    child = f"{path}.{name}" if path else name
                    if key.tag == _MERGE:
                        self.error(key, child, "merge keys (<<) are not supported",
                                   "write the keys out in full where they are used")
                    children += [(key, path), (value, child)]
            stack.extend(reversed(children))  # popped in the file's order, so an anchor comes before its aliases

    def origin(self, node: Node, path: str) -> Origin:
        return Origin(self.file, node.start_mark.line + 1, node.start_mark.column + 1, path)

    def error(self, node: Node, path: str, message: str, hint: str | None = None) -> None:
        at = self.origin(node, path)
        self.diagnostics.append(Diagnostic(self.file, at.line, at.column, path, message, hint))

    def expect(self, node: Node, path: str, wanted: str, hint: str | None = None) -> None:
        self.error(node, path, f"expected {wanted}, found {describe(node)}", hint)

    def foreign_tag(self, node: Node, path: str) -> bool:
        """Whether `screen` refused this node's tag (!!python/..., !custom): it is never read."""
        return id(node) in self._refused or node.tag == _MERGE

    # --- scalars -----------------------------------------------------------------------

    def text(self, node: Node, path: str) -> str | None:
        """Any scalar as the text it was written as: `2024` is "2024" and `NO` stays "NO"."""
        if self.foreign_tag(node, path):
            return None
        if not isinstance(node, ScalarNode) or is_null(node):
            self.expect(node, path, "text")
            return None
        # A line break or tab inside text reads as a space, as a PDF paragraph already shows it, so the
        # chart labels and the deck (which would draw them as a missing glyph, or break the line) agree.
        value = _BREAKS.sub(" ", node.value.strip())
        if not value:
            self.expect(node, path, "text", "this value is empty")
            return None
        if not any(_visible(char) for char in value):
            codes = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in value))
            self.error(node, path, f"expected text, found only invisible characters ({codes})",
                       "write the text meant, or remove the key")
            return None
        return self.showable(node, path, value)

    def affix(self, node: Node | None, path: str) -> str | None:
        """A prefix or suffix: text kept with its spaces (`suffix: " bn"`), and may be empty."""
        if node is None or is_null(node):
            return ""
        if self.foreign_tag(node, path):
            return None
        if not isinstance(node, ScalarNode):
            self.expect(node, path, "text")
            return None
        return self.showable(node, path, _BREAKS.sub(" ", node.value))

    def showable(self, node: Node, path: str, value: str) -> str | None:
        """Control characters (often left by a copy from another program) break the deck's XML and
        print as nothing in the PDF, so they are reported where they sit."""
        found = _UNSHOWABLE.search(value)
        separator = next((char for char in value if char in _SEPARATORS), None)
        if found is None and separator is None:
            return value
        if found is not None:
            self.error(node, path, f"the text holds the control character U+{ord(found.group()):04X}, which no output can show",
                       "delete it (it is invisible in most editors), or write the character meant")
        else:  # a PDF line shows it as a space, a slide's run as nothing: the same text would read two ways
            self.error(node, path, f"the text holds a {_SEPARATORS[separator]} (U+{ord(separator):04X}), which the PDF "
                       "and the deck cannot show alike", "write a space, or split the text into separate items")
        return None

    def number(self, node: Node, path: str, minimum: float | None = None) -> float | None:
        if self.foreign_tag(node, path):
            return None
        if not isinstance(node, ScalarNode) or node.tag not in _NUMBER_TAGS:
            self.expect(node, path, "a number", number_hint(node))
            return None
        if not DECIMAL.fullmatch(node.value.strip()) and (reading := misread(node.value.strip(), node.tag)):
            self.error(node, path, reading[0], reading[1])
            return None
        try:  # an explicit `!!int abc` reaches here with text that is no number
            value = _CONSTRUCTOR.construct_yaml_int(node) if node.tag == _TAG + "int" else _CONSTRUCTOR.construct_yaml_float(node)
        except ValueError:
            self.error(node, path, f'expected a number, found the text "{printable(node.value[:40])}" tagged {node.tag.replace(_TAG, "!!")}',
                       "remove the tag and write a number")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.expect(node, path, "a finite number")
            return None
        if abs(value) >= MAX_NUMBER:
            self.error(node, path, f"expected a number smaller than 10^15, found {printable(node.value[:40])}",
                       'give large figures in a unit: 1300 with suffix " trillion"')
            return None
        if minimum is not None and value < minimum:
            self.error(node, path, f"expected a number of at least {minimum:g}, found {node.value}")
            return None
        return value

    def integer(self, node: Node, path: str, minimum: int, maximum: int) -> int | None:
        value = self.number(node, path)
        if value is None:
            return None
        if value != int(value) or not minimum <= value <= maximum:
            self.error(node, path, f"expected a whole number from {minimum} to {maximum}, found {node.value}")
            return None
        return int(value)

    def choice(self, node: Node, path: str, choices: Sequence[str]) -> str | None:
        value = self.text(node, path)
        if value is None or value in choices:
            return value
        near = suggest(value, choices)
        hint = f"did you mean {near!r}?" if near else None
        self.error(node, path, f"expected one of {', '.join(choices)}, found {value!r}", hint)
        return None

    # --- collections ---------------------------------------------------------------------

    def items(self, node: Node, path: str, min_length: int = 0) -> Iterator[tuple[Node, str]]:
        """Each entry of a list with its path; a non-list or a too-short list is reported."""
        if self.foreign_tag(node, path):
            return
        if not isinstance(node, SequenceNode):
            self.expect(node, path, "a list")
            return
        if len(node.value) < min_length:
            plural = "entry" if min_length == 1 else "entries"
            self.error(node, path, f"expected a list of at least {min_length} {plural}, found {len(node.value)}")
        for index, child in enumerate(node.value):
            yield child, f"{path}[{index}]"

    def each(self, node: Node | None, path: str, read: Callable[[Node, str], T | None], min_length: int = 1) -> list[T]:
        """Every entry of a list read by `read`; entries that were reported as bad are left out."""
        if node is None:
            return []
        return [value for child, child_path in self.items(node, path, min_length) if (value := read(child, child_path)) is not None]

    def texts(self, node: Node, path: str, min_length: int = 0) -> tuple[str, ...]:
        return tuple(t for child, p in self.items(node, path, min_length) if (t := self.text(child, p)) is not None)

    def mapping(self, node: Node, path: str, known: Sequence[str], required: Sequence[str] = ()) -> Fields | None:
        if self.foreign_tag(node, path):
            return None
        if not isinstance(node, MappingNode):
            self.expect(node, path, f"a mapping with {_key_list(required or known)}")
            return None
        return Fields(self, node, path, known, required)


class Fields:
    """The keys of one mapping: unknown keys, duplicates and missing required keys are reported once."""

    def __init__(self, reader: Reader, node: MappingNode, path: str, known: Sequence[str], required: Sequence[str]):
        self.reader = reader
        self.node = node
        self.path = path
        self.values: dict[str, Node] = {}
        self.seen: dict[str, int] = {}
        merged = any(key_node.tag == _MERGE for key_node, _ in node.value)
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE and not reader.foreign_tag(key_node, path):
                self._add(key_node, value_node, known)
        for key in required if not merged else ():  # a merge key was reported; what it would bring is unknown
            if key not in self.values:
                reader.error(node, path, f"missing required key {key!r}")

    def _add(self, key_node: Node, value_node: Node, known: Sequence[str]) -> None:
        if not isinstance(key_node, ScalarNode) or is_null(key_node):
            self.reader.expect(key_node, self.path, "a key name")
            return
        key = key_node.value
        at = self.child(key)
        if key in self.seen:
            self.reader.error(key_node, at, f"duplicate key {key!r} (first set on line {self.seen[key]})")
            return
        self.seen[key] = key_node.start_mark.line + 1
        if key not in known:
            near = suggest(key, known)
            hint = f"did you mean {near!r}?" if near else f"known keys: {', '.join(known)}"
            self.reader.error(key_node, at, f"unknown key {key!r}", hint)
        else:
            self.values[key] = value_node

    def child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str) -> Node | None:
        """The value node, or None when absent or written as null."""
        node = self.values.get(key)
        return None if is_null(node) else node

    def text(self, key: str) -> str | None:
        node = self.get(key)
        return None if node is None else self.reader.text(node, self.child(key))

    def pairs(self) -> Iterator[tuple[str, Node, str]]:
        for key, node in self.values.items():
            yield key, node, self.child(key)


def _key_list(keys: Sequence[str]) -> str:
    return ", ".join(keys) if len(keys) <= 4 else ", ".join(keys[:4]) + ", ..."




def _visible(char: str) -> bool:
    """Whether a character puts ink on the page: not a space, separator, format mark or filler."""
    return unicodedata.category(char) not in ("Zs", "Zl", "Zp", "Cc", "Cf") and char not in _INVISIBLE and not char.isspace()


