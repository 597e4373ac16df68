"""One reader per block kind, in a table keyed by the name the content file uses.

Each reads one block's mapping through the document reader (positions, errors, citations) and
returns its model class, or None when the block had errors (already reported). Adding a block
kind is a function here and a line in BLOCK_READERS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from yaml.nodes import Node, ScalarNode, SequenceNode

from ..model import (ALIGNMENTS, CHART_KINDS, OUTPUTS, Block, BulletItem, BulletsBlock, CalloutBlock, Cell, ChartBlock, Column,
                     NumberFormat, Series, Stat, StatsBlock, TableBlock)
from .nodes import Fields

if TYPE_CHECKING:
    from .document import DocumentReader


def read_stats(reader: DocumentReader, node: Node, path: str) -> StatsBlock | None:
    fields = reader.mapping(node, path, ("title", "cards", "notes", "only"), required=("cards",))
    if fields is None:
        return None
    cards_node = fields.get("cards")
    cards = reader.each(cards_node, fields.child("cards"), lambda child, path: _stat(reader, child, path))
    return _common(reader, fields, StatsBlock(tuple(cards), fields.text("title"), fields.text("notes"), reader.origin(node, path)))


def _stat(reader: DocumentReader, node: Node, path: str) -> Stat | None:
    fields = reader.mapping(node, path, ("value", "format", "label", "source", "lead"), required=("value", "label", "source"))
    if fields is None:
        return None
    value_node = fields.get("value")
    number_format = reader.number_format(fields)
    value = reader.figure(value_node, fields.child("value"), number_format) if value_node else None
    label = fields.text("label")
    sources = reader.cite_list(fields.get("source"), fields.child("source"), 1)
    if len(sources) > 1:
        reader.error(fields.values["source"], fields.child("source"), f"expected one source for a stat card, found {len(sources)}")
    if value is None or label is None or len(sources) != 1 or number_format is None:
        return None
    lead = _flag(reader, fields, "lead")
    return Stat(value, label, sources[0], number_format, reader.origin(node, path), lead=bool(lead))


def read_chart(reader: DocumentReader, node: Node, path: str) -> ChartBlock | None:
    keys = ("type", "title", "subtitle", "categories", "series", "note", "sources", "format", "notes", "only", "deck")
    fields = reader.mapping(node, path, keys, required=("title", "categories", "series", "sources"))
    if fields is None:
        return None
    kind = reader.choice(fields.get("type"), fields.child("type"), CHART_KINDS) if fields.get("type") else "bar"
    title = fields.text("title")
    categories_node = fields.get("categories")
    categories = reader.texts(categories_node, fields.child("categories"), 1) if categories_node else ()
    number_format = reader.number_format(fields)
    series = _series_list(reader, fields, title or "Value", categories_node, number_format)
    sources = reader.cite_list(fields.get("sources"), fields.child("sources"), 1)
    if None in (kind, title, number_format) or not categories or not series or not sources:
        return None
    return _common(reader, fields, ChartBlock(
        title, categories, tuple(series), sources, kind, fields.text("subtitle"), fields.text("note"),
        number_format, fields.text("notes"), reader.origin(node, path),
    ), "categories")


def _series_list(reader: DocumentReader, fields: Fields, default_name: str, categories_node: Node | None,
                number_format: NumberFormat | None) -> list[Series]:
    expected = len(categories_node.value) if isinstance(categories_node, SequenceNode) else None
    return reader.each(fields.get("series"), fields.child("series"),
                     lambda child, path: _series(reader, child, path, default_name, expected, number_format))


def _series(reader: DocumentReader, node: Node, path: str, default_name: str, expected: int | None,
           number_format: NumberFormat | None) -> Series | None:
    fields = reader.mapping(node, path, ("name", "values"), required=("values",))
    values_node = fields.get("values") if fields else None
    if values_node is None:
        return None
    values_path = fields.child("values")
    values = [reader.figure(v, p, number_format, minimum=0) for v, p in reader.items(values_node, values_path, 1)]
    if expected is not None and isinstance(values_node, SequenceNode) and len(values) != expected:
        reader.error(values_node, values_path, f"expected {expected} values, one per category, found {len(values)}",
                   _split_thousands_hint(values_node))
        return None
    if not values or None in values:
        return None
    return Series(fields.text("name") or default_name, tuple(values))


def read_table(reader: DocumentReader, node: Node, path: str) -> TableBlock | None:
    keys = ("title", "subtitle", "columns", "rows", "footnotes", "note", "sources", "notes", "only", "deck")
    fields = reader.mapping(node, path, keys, required=("title", "columns", "rows", "sources"))
    if fields is None:
        return None
    title = fields.text("title")
    columns_node = fields.get("columns")
    columns = reader.each(columns_node, fields.child("columns"), lambda child, path: _column(reader, child, path))
    rows_node = fields.get("rows")
    rows = reader.each(rows_node, fields.child("rows"), lambda child, path: _row(reader, child, path, columns))
    sources = reader.cite_list(fields.get("sources"), fields.child("sources"), 1)
    if title is None or not columns or not rows or not sources:
        return None
    footnotes = reader.texts(fields.get("footnotes"), fields.child("footnotes")) if fields.get("footnotes") else ()
    table = TableBlock(title, tuple(columns), tuple(rows), sources, fields.text("note"), fields.text("notes"),
                       reader.origin(node, path), subtitle=fields.text("subtitle"), footnotes=tuple(footnotes))
    return _common(reader, fields, table, "rows")


def _column(reader: DocumentReader, node: Node, path: str) -> Column | None:
    if isinstance(node, ScalarNode):
        name = reader.text(node, path)
        return Column(name) if name else None
    fields = reader.mapping(node, path, ("name", "align", "format"), required=("name",))
    if fields is None:
        return None
    name = fields.text("name")
    number_format = reader.number_format(fields) if fields.get("format") else None
    align_node = fields.get("align")
    align = reader.choice(align_node, fields.child("align"), ALIGNMENTS) if align_node else ("right" if number_format else "left")
    if name is None or align is None:
        return None
    return Column(name, align, number_format)


def _row(reader: DocumentReader, node: Node, path: str, columns: list[Column]) -> tuple[Cell, ...] | None:
    entries = list(reader.items(node, path))
    if columns and isinstance(node, SequenceNode) and len(entries) != len(columns):
        reader.error(node, path, f"expected {len(columns)} cells, one per column ({', '.join(c.name for c in columns)}), found {len(entries)}",
                   _split_thousands_hint(node))
        return None
    cells: list[Cell] = []
    for (child, cell_path), column in zip(entries, columns):
        cells.append(_cell(reader, child, cell_path, column))
    return tuple(cells) if len(cells) == len(columns) and columns else None


def _cell(reader: DocumentReader, node: Node, path: str, column: Column) -> Cell:
    if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
        return None
    if column.format is not None and (not isinstance(node, ScalarNode) or node.tag.endswith((":int", ":float"))):
        return reader.figure(node, path, column.format)  # a list or mapping here is reported as not a number
    if column.format is not None and isinstance(node, ScalarNode) and re.fullmatch(r"[+-]?[\d,]+(\.\d+)?%?", node.value):
        reader.number(node, path)  # reports the number written as text, with a hint
        return None
    return reader.text(node, path)


def read_bullets(reader: DocumentReader, node: Node, path: str) -> BulletsBlock | None:
    fields = reader.mapping(node, path, ("title", "intro", "items", "sources", "notes", "only"), required=("title", "items"))
    if fields is None:
        return None
    title = fields.text("title")
    items_node = fields.get("items")
    items = reader.each(items_node, fields.child("items"), lambda child, path: _bullet(reader, child, path))
    sources = reader.cite_list(fields.get("sources"), fields.child("sources"))
    if title is None or not items:
        return None
    return _common(reader, fields, BulletsBlock(title, tuple(items), fields.text("intro"), sources, fields.text("notes"),
                                                reader.origin(node, path)))


def _bullet(reader: DocumentReader, node: Node, path: str) -> BulletItem | None:
    if isinstance(node, ScalarNode):
        text = reader.text(node, path)
        return BulletItem(text) if text else None
    fields = reader.mapping(node, path, ("lead", "text"), required=("text",))
    text = fields.text("text") if fields else None
    return BulletItem(text, fields.text("lead")) if text else None


def read_callout(reader: DocumentReader, node: Node, path: str) -> CalloutBlock | None:
    fields = reader.mapping(node, path, ("text", "sources", "notes", "only"), required=("text", "sources"))
    if fields is None:
        return None
    text = fields.text("text")
    sources = reader.cite_list(fields.get("sources"), fields.child("sources"), 1)
    if text is None or not sources:
        return None
    return _common(reader, fields, CalloutBlock(text, sources, fields.text("notes"), reader.origin(node, path)))


def _common(reader: DocumentReader, fields: Fields, block, deck_key: str | None = None):
    """The keys every block takes besides its own: `only` (pdf or deck: the one output that shows
    it) and, on tables and charts, `deck: {rows: N}` or `deck: {categories: N}`, so a long ranking
    is presented as its top N while the PDF keeps it whole."""
    only_node = fields.get("only")
    only = reader.choice(only_node, fields.child("only"), OUTPUTS) if only_node else None
    changes: dict = {"only": only} if only else {}
    deck_node = fields.get("deck")
    if deck_node is not None and deck_key:
        deck = reader.mapping(deck_node, fields.child("deck"), (deck_key,))
        count_node = deck.get(deck_key) if deck else None
        if count_node is not None:
            count = reader.integer(count_node, deck.child(deck_key), 1, 10_000)
            if count is not None:
                changes["deck_rows" if deck_key == "rows" else "deck_categories"] = count
    return replace(block, **changes) if changes else block


def _flag(reader: DocumentReader, fields: Fields, key: str) -> bool | None:
    """A true/false key; anything else is an error that says so."""
    node = fields.get(key)
    if node is None:
        return None
    if isinstance(node, ScalarNode) and node.tag.endswith(":bool") and node.value.lower() in ("true", "false"):
        return node.value.lower() == "true"
    reader.expect(node, fields.child(key), "true or false")
    return None


def _split_thousands_hint(values: Node) -> str | None:
    """`[4700, 67,000]` is three numbers to YAML; say so when a comma sits right before three digits."""
    items = values.value if isinstance(values, SequenceNode) else []
    for before, after in zip(items, items[1:]):
        if (isinstance(after, ScalarNode) and len(after.value) == 3 and after.value.isdigit()
                and after.start_mark.index == before.end_mark.index + 1):
            joined = f"{before.value},{after.value}"
            return f"{joined} reads as two numbers, {before.value} and {after.value}: write {joined.replace(',', '')}"
    return None


class BlockKind(NamedTuple):
    """A block kind as the content file names it: the model class it becomes and its reader."""

    model: type
    read: Callable[["DocumentReader", Node, str], Block | None]


BLOCK_READERS: dict[str, BlockKind] = {
    "stats": BlockKind(StatsBlock, read_stats),
    "chart": BlockKind(ChartBlock, read_chart),
    "table": BlockKind(TableBlock, read_table),
    "bullets": BlockKind(BulletsBlock, read_bullets),
    "callout": BlockKind(CalloutBlock, read_callout),
}
