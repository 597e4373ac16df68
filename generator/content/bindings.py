"""Stat cards bound to a cell of a table or a chart, and the ids that name those blocks.

`value: {table: platforms, row: OpenAI, column: Reports}` takes a card's figure from the data
instead of retyping it, so the card and its table cannot disagree, and the coverage check knows
the figure is in the data. An id may be used before the block that defines it, so bindings are
collected while the blocks are read and resolved once every block is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, Node, ScalarNode

from ..model import Block, ChartBlock, ColumnsBlock, NumberFormat, Section, Stat, StatsBlock, TableBlock
from .nodes import Fields, printable, suggest
from .numbers import plain_number

if TYPE_CHECKING:
    from .document import DocumentReader

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_KEYS = {"table": ("table", "row", "column"), "chart": ("chart", "category", "series")}


def binds(node: Node) -> bool:
    """Whether a stat card's mapping takes its value from the data (`value: {table: ...}`)."""
    return isinstance(node, MappingNode) and any(
        isinstance(key, ScalarNode) and key.value == "value" and isinstance(value, MappingNode) for key, value in node.value)


@dataclass
class _Binding:
    """A card waiting for its figure: the placeholder it was read as, and what it names."""

    card: Stat
    fields: Fields
    kind: str
    names: dict[str, tuple[str, Node]]  # key -> (text, node): table/row/column or chart/category/series
    own_format: bool
    own_source: bool

    def error(self, reader: DocumentReader, key: str | None, message: str, hint: str | None = None) -> None:
        node = self.names[key][1] if key in self.names else self.fields.node
        reader.error(node, self.fields.child(key) if key in self.names else self.fields.path, message, hint)


class Bindings:
    """The ids defined so far (a block read with errors is defined as None, so what cites it is not
    reported again) and the cards bound to them."""

    def __init__(self) -> None:
        self.blocks: dict[str, tuple[Block | None, int]] = {}
        self.waiting: list[_Binding] = []

    def define(self, reader: DocumentReader, fields: Fields, block: TableBlock | ChartBlock | None):
        """The block with its `id`, if it has one; an id is unique in the document."""
        node, name = fields.get("id"), fields.text("id")
        if node is None or name is None:
            return block if node is None else None
        if not _ID.match(name):
            reader.error(node, fields.child("id"), f"an id must be letters, digits, '-', '_' or '.', found {printable(name)!r}")
            return None
        if name in self.blocks:
            reader.error(node, fields.child("id"), f"duplicate id {name!r} (first set on line {self.blocks[name][1]})")
            return None
        self.blocks[name] = (replace(block, id=name) if block else None, node.start_mark.line + 1)
        return self.blocks[name][0]

    def card(self, reader: DocumentReader, node: MappingNode, path: str, card: Stat, own_format: bool, own_source: bool) -> Stat | None:
        """The card read so far, marked bound, to be given its figure by `resolve`."""
        kind = "chart" if any(isinstance(key, ScalarNode) and key.value == "chart" for key, _ in node.value) else "table"
        keys = _KEYS[kind]
        fields = reader.mapping(node, path, keys, required=keys[:2] if kind == "chart" else keys)
        if fields is None:
            return None
        names = {key: (reader.text(fields.values[key], fields.child(key)), fields.values[key]) for key in keys if key in fields.values}
        required = keys[:2] if kind == "chart" else keys
        if any(text is None for text, _ in names.values()) or not all(key in names for key in required):
            return None
        bound = ", ".join(f"{key} {text}" for key, (text, _) in names.items())
        placeholder = replace(card, bound_to=bound)
        self.waiting.append(_Binding(placeholder, fields, kind, names, own_format, own_source))
        return placeholder

    def resolve(self, reader: DocumentReader, sections: list[Section]) -> list[Section]:
        """The sections with every bound card given its figure, format and source."""
        found = {id(binding.card): stat for binding in self.waiting if (stat := self.figure(reader, binding)) is not None}
        if not found:
            return sections
        return [replace(section, blocks=tuple(_rebound(block, found) for block in section.blocks)) for section in sections]

    def figure(self, reader: DocumentReader, binding: _Binding) -> Stat | None:
        name = binding.names[binding.kind][0]
        if name not in self.blocks:
            ids = sorted(self.blocks)
            near = suggest(name, ids)
            listed = f"ids: {', '.join(ids)}" if ids else f"give the {binding.kind} `id: {name}`"
            binding.error(reader, binding.kind, f"no table or chart has the id {name!r}", f"did you mean {near!r}? {listed}" if near else listed)
            return None
        block = self.blocks[name][0]
        if block is None:  # its errors are reported where it is written
            if not reader.diagnostics:
                binding.error(reader, binding.kind, f"the {binding.kind} {name!r} could not be read")
            return None
        if not isinstance(block, TableBlock if binding.kind == "table" else ChartBlock):
            other = "chart" if binding.kind == "table" else "table"
            binding.error(reader, binding.kind, f"{name!r} is the id of a {other}, not a {binding.kind}",
                          f"write {{{other}: {name}, {', '.join(key + ': ...' for key in _KEYS[other][1:])}}}")
            return None
        cell = _table_cell(reader, binding, block) if isinstance(block, TableBlock) else _chart_cell(reader, binding, block)
        source = binding.card.source if binding.own_source else _one_source(reader, binding, block)
        if cell is None or source is None:
            return None
        number_format = binding.card.format if binding.own_format else cell[1]
        node = ScalarNode("tag:yaml.org,2002:float", plain_number(cell[0]), binding.fields.node.start_mark)
        if reader.figure(node, binding.fields.path, number_format) is None:
            return None  # the card's own format would hide the figure
        return replace(binding.card, value=cell[0], format=number_format, source=source)


def _table_cell(reader: DocumentReader, binding: _Binding, table: TableBlock) -> tuple[float, NumberFormat] | None:
    """The number at the named row (found by the first column's text) and column (by its name)."""
    (name, _), (row, _), (column, _) = (binding.names[key] for key in _KEYS["table"])
    columns = [each.name for each in table.columns]
    keys = [_key(cells[0]) for cells in table.rows]
    if column not in columns:
        binding.error(reader, "column", f"table {name!r} has no column {column!r}", _near(column, columns, "columns"))
        return None
    matches = [index for index, key in enumerate(keys) if key == row]
    first = table.columns[0].name
    if not matches:
        binding.error(reader, "row", f"table {name!r} has no row {row!r} in its first column ({first})",
                      _near(row, [key for key in keys if key], "rows"))
        return None
    if len(matches) > 1:
        binding.error(reader, "row", f"table {name!r} has {len(matches)} rows {row!r} in its first column ({first})",
                      "a card needs a row named once")
        return None
    index = columns.index(column)
    return _number(reader, binding, table.rows[matches[0]][index], f"row {row!r}, column {column!r} of table {name!r}",
                   table.columns[index].format or NumberFormat(locale=reader.locale))


def _chart_cell(reader: DocumentReader, binding: _Binding, chart: ChartBlock) -> tuple[float, NumberFormat] | None:
    """The value at the named category and series; a chart of one series needs no `series`."""
    name, category = binding.names["chart"][0], binding.names["category"][0]
    series_names = [series.name for series in chart.series]
    if category not in chart.categories:
        binding.error(reader, "category", f"chart {name!r} has no category {category!r}", _near(category, chart.categories, "categories"))
        return None
    if "series" not in binding.names and len(chart.series) > 1:
        binding.error(reader, None, f"chart {name!r} has {len(chart.series)} series: name one with `series`",
                      f"series: {', '.join(series_names)}")
        return None
    wanted = binding.names["series"][0] if "series" in binding.names else series_names[0]
    if wanted not in series_names:
        binding.error(reader, "series", f"chart {name!r} has no series {wanted!r}", _near(wanted, series_names, "series"))
        return None
    value = chart.series[series_names.index(wanted)].values[chart.categories.index(category)]
    return _number(reader, binding, value, f"category {category!r}, series {wanted!r} of chart {name!r}", chart.format)


def _number(reader: DocumentReader, binding: _Binding, cell: object, place: str, number_format: NumberFormat) -> tuple[float, NumberFormat] | None:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return cell, number_format
    found = "empty" if cell is None else f"the text {printable(str(cell))[:40]!r}"
    binding.error(reader, None, f"the cell at {place} is {found}, not a number", "bind the card to a cell of a number column")
    return None


def _one_source(reader: DocumentReader, binding: _Binding, block: TableBlock | ChartBlock) -> str | None:
    """The block's source, which the card cites; a block of several needs the card to choose."""
    if len(block.sources) == 1:
        return block.sources[0]
    name = binding.names[binding.kind][0]
    binding.error(reader, None, f"{binding.kind} {name!r} cites {len(block.sources)} sources ({', '.join(block.sources)}); "
                  "a stat card cites one", "give the card its own `source`, one of these")
    return None


def _key(cell: object) -> str | None:
    """A row's name as a card writes it: its first cell's text, or its number written plainly."""
    if isinstance(cell, str):
        return cell
    return plain_number(cell) if isinstance(cell, (int, float)) else None


def _near(word: str, choices, plural: str) -> str:
    choices = list(dict.fromkeys(choices))
    near = suggest(word, choices)
    listed = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"did you mean {near!r}? {plural}: {listed}" if near else f"{plural}: {listed}"


def _rebound(block: Block, found: dict[int, Stat]) -> Block:
    if isinstance(block, ColumnsBlock):  # the cards of a nested stats block are bound like any others
        return replace(block, blocks=tuple(_rebound(nested, found) for nested in block.blocks))
    if not isinstance(block, StatsBlock) or not any(id(stat) in found for stat in block.stats):
        return block
    return replace(block, stats=tuple(found.get(id(stat), stat) for stat in block.stats))
