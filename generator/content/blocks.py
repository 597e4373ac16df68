"""One reader per block kind, in a table keyed by the name the content file uses.

Each reads one block's mapping through the document reader (positions, errors, citations) and
returns its model class, or None when the block had errors (already reported). Adding a block
kind is a function here and a line in BLOCK_READERS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import (ALIGNMENTS, CHART_KINDS, CHART_OPTIONS, Block, BulletItem, BulletsBlock, CalloutBlock, Cell,
                     ChartBlock, Column, NumberFormat, Reference, Series, Stat, StatsBlock, TableBlock)
from ..model import ColumnsBlock, ImageBlock, TextBlock
from .bindings import binds
from .data_blocks import chart_from_file, table_from_file
from .common import output_keys
from .nodes import Fields, is_null, suggest
from .prose import read_image_block, read_text
from .columns import read_columns

if TYPE_CHECKING:
    from .document import DocumentReader


def read_stats(reader: DocumentReader, node: Node, path: str) -> StatsBlock | None:
    fields = reader.mapping(node, path, ("title", "cards", "notes", "only"), required=("cards",))
    if fields is None:
        return None
    cards_node = fields.get("cards")
    cards = reader.each(cards_node, fields.child("cards"), lambda child, path: _stat(reader, child, path))
    return output_keys(reader, fields, StatsBlock(tuple(cards), fields.text("title"), fields.text("notes"), reader.origin(node, path)))


def _stat(reader: DocumentReader, node: Node, path: str) -> Stat | None:
    bound = binds(node)  # `value: {table: ..., row: ..., column: ...}`: the figure, and by default the source, from the data
    fields = reader.mapping(node, path, ("value", "format", "label", "source", "lead"), required=("value", "label") if bound else ("value", "label", "source"))
    if fields is None:
        return None
    value_node = fields.get("value")
    number_format = reader.number_format(fields)
    value = reader.figure(value_node, fields.child("value"), number_format) if value_node and not bound else None
    label = fields.text("label")
    sources = reader.cite_list(fields.get("source"), fields.child("source"), 1)
    if len(sources) > 1:
        reader.error(fields.values["source"], fields.child("source"), f"expected one source for a stat card, found {len(sources)}")
    lead = bool(_flag(reader, fields, "lead"))
    if bound:  # the binding is read (and later resolved) even when the card has other errors: all are reported at once
        card = Stat(0.0, label or "", sources[0] if sources else "", number_format or NumberFormat(), reader.origin(node, path), lead=lead)
        card = reader.bindings.card(reader, value_node, fields.child("value"), card, fields.get("format") is not None, bool(sources))
        return card if label is not None and number_format is not None and len(sources) <= 1 else None
    if value is None or label is None or len(sources) != 1 or number_format is None:
        return None
    return Stat(value, label, sources[0], number_format, reader.origin(node, path), lead=lead)


def read_chart(reader: DocumentReader, node: Node, path: str) -> ChartBlock | None:
    keys = ("type", "title", "subtitle", "categories", "series", "note", "sources", "format", "notes", "stacked", "highlight",
            "reference", "data", "id", "only", "deck")
    from_file = _has_key(node, "data")  # `data: {file: ...}` in place of categories and series
    fields = reader.mapping(node, path, keys, required=("title", "sources") if from_file else ("title", "categories", "series", "sources"))
    if fields is None:
        return None
    kind = reader.choice(fields.get("type"), fields.child("type"), CHART_KINDS) if fields.get("type") else "bar"
    title = fields.text("title")
    number_format = reader.number_format(fields)
    data_from = None
    if from_file:
        categories, series, data_from = chart_from_file(reader, fields, number_format) or ((), [], None)
    else:
        categories_node = fields.get("categories")
        categories = reader.texts(categories_node, fields.child("categories"), 1) if categories_node else ()
        series = _series_list(reader, fields, title or "Value", categories_node, number_format)
    sources = reader.cite_list(fields.get("sources"), fields.child("sources"), 1)
    extras = _chart_options(reader, fields, kind, categories, series, number_format) if kind else None
    if None in (kind, title, number_format, extras) or not categories or not series or not sources:
        return reader.bindings.define(reader, fields, None)
    return reader.bindings.define(reader, fields, output_keys(reader, fields, ChartBlock(
        title, categories, tuple(series), sources, kind, fields.text("subtitle"), fields.text("note"),
        number_format, fields.text("notes"), reader.origin(node, path), data_from=data_from, **extras,
    ), "categories"))


def _chart_options(reader: DocumentReader, fields: Fields, kind: str, categories: tuple[str, ...], series: list[Series],
                   number_format: NumberFormat | None) -> dict | None:
    """`stacked`, `highlight` and `reference`, each only on the kinds that can draw it (CHART_OPTIONS),
    so a key a chart would silently ignore is an error instead."""
    options, ok = {}, True
    for key in ("stacked", "highlight", "reference"):
        if fields.get(key) is not None and key not in CHART_OPTIONS[kind]:
            kinds = ", ".join(k for k, accepted in CHART_OPTIONS.items() if key in accepted)
            reader.error(fields.get(key), fields.child(key), f"a {kind} chart cannot show {key!r}", f"{key} works on {kinds} charts")
            ok = False
    if (node := fields.get("stacked")) is not None and key_allowed(kind, "stacked"):
        if not (isinstance(node, ScalarNode) and node.tag.endswith(":bool")):
            reader.expect(node, fields.child("stacked"), "true or false")
            ok = False
        else:
            options["stacked"] = node.value.lower() in ("true", "yes", "on")
    if (node := fields.get("highlight")) is not None and key_allowed(kind, "highlight"):
        highlight = _highlight(reader, node, fields.child("highlight"), categories, series, options.get("stacked", False))
        ok = ok and highlight is not None
        options["highlight"] = highlight or ()
    if (node := fields.get("reference")) is not None and key_allowed(kind, "reference"):
        items = [(node, fields.child("reference"))] if not isinstance(node, SequenceNode) else list(reader.items(node, fields.child("reference")))
        references = [_reference(reader, child, at, number_format) for child, at in items]
        ok = ok and None not in references
        options["references"] = tuple(r for r in references if r is not None)
    return options if ok else None


def key_allowed(kind: str, key: str) -> bool:
    return key in CHART_OPTIONS[kind]


def _highlight(reader: DocumentReader, node: Node, path: str, categories: tuple[str, ...], series: list[Series],
               stacked: bool) -> tuple[str, ...] | None:
    """Categories picked out in the accent colour: each must be one of the chart's, and the chart's
    colours must not already mean series (one series, not stacked)."""
    items = [(node, path)] if isinstance(node, ScalarNode) else list(reader.items(node, path, 1))
    picked = []
    for child, at in items:
        name = reader.text(child, at)
        if name is not None and name not in categories:
            near, listed = suggest(name, categories), ", ".join(categories[:12]) + (", ..." if len(categories) > 12 else "")
            reader.error(child, at, f"highlight {name!r} is not one of the chart's categories",
                         (f"did you mean {near!r}? " if near else "") + f"categories: {listed}")
            name = None
        picked.append(name)
    if len(series) > 1 or stacked:
        reader.error(node, path, "highlight needs a chart of one series: with several, colour already tells the series apart",
                     "chart the one series to highlight, or use a reference line")
        return None
    return tuple(picked) if picked and None not in picked else None


def _reference(reader: DocumentReader, node: Node, path: str, number_format: NumberFormat | None):
    """`{value: 0.3, label: "France +0.3 %"}`: a labelled line across the plot."""
    fields = reader.mapping(node, path, ("value", "label"), required=("value", "label"))
    if fields is None or fields.get("value") is None:
        return None
    value = reader.figure(fields.get("value"), fields.child("value"), number_format)
    label = fields.text("label")
    return Reference(value, label) if value is not None and label is not None else None


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
    entries = list(reader.items(values_node, values_path, 1))
    values = [MISSING if is_null(v) else reader.figure(v, p, number_format) for v, p in entries]  # null: a value the source lacks
    if expected is not None and isinstance(values_node, SequenceNode) and len(values) != expected:
        reader.error(values_node, values_path, f"expected {expected} values, one per category, found {len(values)}",
                   _split_thousands_hint(values_node))
        return None
    if not values or None in values:
        return None
    if all(v is MISSING for v in values):
        reader.error(values_node, values_path, "every value is null, so the series shows nothing", "give at least one number")
        return None
    return Series(fields.text("name") or default_name, tuple(None if v is MISSING else v for v in values))


MISSING = object()  # a null value while reading, told apart from None (a value reported as bad)


def read_table(reader: DocumentReader, node: Node, path: str) -> TableBlock | None:
    from_file = _has_key(node, "rows", MappingNode)  # `rows: {file: ...}`: then `columns` pick from the file's, or are its
    keys = ("title", "subtitle", "columns", "rows", "footnotes", "note", "sources", "notes", "id", "only", "deck")
    fields = reader.mapping(node, path, keys, required=("title", "rows", "sources") if from_file else ("title", "columns", "rows", "sources"))
    if fields is None:
        return None
    title = fields.text("title")
    columns_node = fields.get("columns")
    columns = reader.each(columns_node, fields.child("columns"), lambda child, path: _column(reader, child, path))
    rows_node = fields.get("rows")
    data_from = None
    if from_file:
        columns, rows, data_from = table_from_file(reader, fields, columns if columns_node else None) or ([], [], None)
    else:
        rows = reader.each(rows_node, fields.child("rows"), lambda child, path: _row(reader, child, path, columns))
    sources = reader.cite_list(fields.get("sources"), fields.child("sources"), 1)
    if title is None or not columns or not rows or not sources:
        return reader.bindings.define(reader, fields, None)
    footnotes = reader.texts(fields.get("footnotes"), fields.child("footnotes")) if fields.get("footnotes") else ()
    table = TableBlock(title, tuple(columns), tuple(rows), sources, fields.text("note"), fields.text("notes"),
                       reader.origin(node, path), subtitle=fields.text("subtitle"), footnotes=tuple(footnotes), data_from=data_from)
    return reader.bindings.define(reader, fields, output_keys(reader, fields, table, "rows"))


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
    return output_keys(reader, fields, BulletsBlock(title, tuple(items), fields.text("intro"), sources, fields.text("notes"),
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
    return output_keys(reader, fields, CalloutBlock(text, sources, fields.text("notes"), reader.origin(node, path)))


def _flag(reader: DocumentReader, fields: Fields, key: str) -> bool | None:
    """A true/false key; anything else is an error that says so."""
    node = fields.get(key)
    if node is None:
        return None
    if isinstance(node, ScalarNode) and node.tag.endswith(":bool") and node.value.lower() in ("true", "false"):
        return node.value.lower() == "true"
    reader.expect(node, fields.child(key), "true or false")
    return None


def _has_key(node: Node, key: str, kind: type = Node) -> bool:
    """Whether a block's mapping holds `key` with a value of `kind`: what is required depends on it."""
    return isinstance(node, MappingNode) and any(
        isinstance(name, ScalarNode) and name.value == key and isinstance(value, kind) for name, value in node.value)


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
    "text": BlockKind(TextBlock, read_text),
    "image": BlockKind(ImageBlock, read_image_block),
    "columns": BlockKind(ColumnsBlock, read_columns),
}
