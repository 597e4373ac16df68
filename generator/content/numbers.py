"""How numbers are written in a content file, and what to say when one would not read as written.

PyYAML reads YAML 1.1, where `017` is octal 15, `1:30` is 90 (base 60) and `1e-9` is text; YAML 1.2
and most people read them otherwise. A number whose two readings differ, or that would not show
as it was written, is refused with the way to write it that both read alike.
"""

from __future__ import annotations

import math
import re

import yaml
from yaml.nodes import Node, ScalarNode

_TAG = "tag:yaml.org,2002:"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
MAX_NUMBER = 10**15  # every whole number below this is exact as a float, so none is shown changed
DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+][0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+][0-9]+)?")


def number_hint(node: Node) -> str | None:
    if isinstance(node, ScalarNode) and (exponent := _exponent_text(node.value.strip())):
        return f"YAML reads {node.value.strip()} as text: write {exponent}"
    if isinstance(node, ScalarNode) and node.value.replace(",", "").replace(".", "", 1).strip().isdigit():
        return f"write the number without separators or quotes: {node.value.replace(',', '')}"
    if isinstance(node, ScalarNode) and node.value.rstrip().endswith("%"):
        return f"write {node.value.rstrip().rstrip('%')} and set format: percent"
    return None




_OTHER_BASES = ((re.compile(r"[-+]?0x[0-9a-fA-F_]+"), "hexadecimal"), (re.compile(r"[-+]?0b[01_]+"), "binary"),
                (re.compile(r"[-+]?0[0-7_]+"), "octal, for its leading 0"), (re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"),
                                                                          "base 60, as minutes and seconds"))


def misread(written: str, tag: str) -> tuple[str, str] | None:
    """A number YAML 1.1 (which PyYAML reads) and YAML 1.2 read differently, or that does not read as
    written: `017` is 15 to one and 17 to the other, `1:30` is 90, `1_000` is text in YAML 1.2."""
    kind = next((label for pattern, label in _OTHER_BASES if pattern.fullmatch(written)), None)
    if kind is None and "_" in written:
        kind = "written with '_' between digits"
    if kind is None:
        return None  # `00.5`, `.inf`: read alike by both, and the finite check follows
    construct = _CONSTRUCTOR.construct_yaml_int if tag == _TAG + "int" else _CONSTRUCTOR.construct_yaml_float
    try:
        plain = plain_number(construct(ScalarNode(tag, written)))
    except ValueError:
        return None
    if kind == "hexadecimal":
        return (f"the number {written} is hexadecimal: it would show as {plain}", f'write {plain}, or "{written}" for text')
    if "octal" in kind:
        digits = written.replace("_", "").lstrip("+")
        shown = ("-" if digits.startswith("-") else "") + str(int(digits.lstrip("-")))
        if shown == plain:
            return None  # `000`, `007`: the same number to both
        return (f"the number {written} reads as {plain} in YAML 1.1 ({kind}) and as {shown} in YAML 1.2",
                f'write {shown} (or {plain}), or "{written}" for text')
    return (f"the number {written} reads as {plain} in YAML 1.1 ({kind}) and as text in YAML 1.2",
            f'write {plain}, or "{written}" for text')


def plain_number(value: float) -> str:
    """A number as a content file should write it: digits, a point, a signed exponent."""
    if float(value).is_integer() and abs(value) < MAX_NUMBER:
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        mantissa, exponent = text.split("e")
        mantissa = mantissa if "." in mantissa else mantissa + ".0"
        text = f"{mantissa}e{int(exponent):+d}"
    return text


def _exponent_text(written: str) -> str | None:
    """`1e-9` or `1E6`: a number to YAML 1.2 and to most people, text to YAML 1.1 (it wants a point
    and a signed exponent). The same number written so that both read it, or None."""
    if not re.fullmatch(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+", written):
        return None
    value = float(written)
    if not math.isfinite(value) or value == 0 and re.search(r"[1-9]", written.split("e")[0].split("E")[0]):
        return None
    return plain_number(value)
