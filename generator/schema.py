"""The content-file format: which keys each part takes, and how they become the document model.

One small function per part of the format. Each reads through `Reader`/`Fields`, so a bad
value is recorded with its position and path and the rest of the file is still checked.
Source keys are checked last, once the whole registry is known.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fields import Fields, Reader, is_null, printable, suggest
from .model import (
    ALIGNMENTS,
    CHART_KINDS,
    FORMAT_STYLES,
    PAGE_SIZES,
    Block,
    BulletItem,
    BulletsBlock,
    CalloutBlock,
    Cell,
    ChartBlock,
    Column,
    Document,
    Meta,
    NumberFormat,
    Section,
    Series,
    Source,
    Stat,
    StatsBlock,
    TableBlock,
)

META_KEYS = ("title", "subtitle", "date", "author", "organisation", "marking", "page_size", "keywords", "template")
TOP_KEYS = (*META_KEYS, "sources", "cites", "sections")
BLOCK_TYPES = ("stats", "chart", "table", "bullets", "callout")
_KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class DocumentReader(Reader):
    """Reads a whole document; remembers every citation to check against the registry at the end."""

    def __init__(self, file: str):
        super().__init__(file)
        self.citations: list[tuple[str, Node, str]] = []

    def document(self, root: Node) -> Document | None:
        self.screen(root)
        fields = self.mapping(root, "", TOP_KEYS, required=("title", "sources", "sections"))
        if fields is None:
            self.diagnostics.sort(key=lambda d: (d.line, d.column))
            return None
        meta = self.meta(fields)
        sources, defined = self.sources(fields)
        cites = self.cite_list(fields.get("cites"), "cites")
        sections = self.sections(fields)
        self.check_citations(defined)
        self.diagnostics.sort(key=lambda d: (d.line, d.column))
        if self.diagnostics or meta is None:
            return None
        return Document(meta, tuple(sources), tuple(sections), cites, self.origin(root, ""))

    # --- document level ------------------------------------------------------------------

    def meta(self, fields: Fields) -> Meta | None:
        title = fields.text("title")
        page_size = fields.get("page_size")
        keywords = fields.get("keywords")
        if title is None:
            return None
        return Meta(
            title=title,
            subtitle=fields.text("subtitle"),
            date=fields.text("date"),
            author=fields.text("author"),
            organisation=fields.text("organisation"),
            marking=fields.text("marking"),
            page_size=(self.choice(page_size, "page_size", PAGE_SIZES) or "A4") if page_size else "A4",
            keywords=self.texts(keywords, "keywords") if keywords else (),
            **self.template(fields),
            origins=tuple((key, self.origin(node, key)) for key, node, _ in fields.pairs() if key in META_KEYS),
        )

    def template(self, fields: Fields) -> dict:
        """The deck template's path, taken relative to the content file, and where it was written."""
        text = fields.text("template")
        if not text:
            return {}
        path = Path(text) if Path(text).is_absolute() else Path(self.file).parent / text
        return {"template": str(path), "template_origin": self.origin(fields.get("template"), "template")}

    def sources(self, fields: Fields) -> tuple[list[Source], set[str]]:
        """The registry's valid entries, and every key it defines: a key whose entry has an error is
        still defined, so citing it is not reported as well."""
        node = fields.get("sources")
        if node is None or self.foreign_tag(node, "sources"):
            return [], set()
        if not isinstance(node, MappingNode):
            self.expect(node, "sources", "a mapping of source keys to sources (title, publisher, ...)")
            return [], set()
        if not node.value:
            self.error(node, "sources", "the sources registry is empty; every figure must cite a source from it")
            return [], set()
        found: dict[str, Source | None] = {}
        for key_node, value_node in node.value:
            if self.foreign_tag(key_node, "sources"):
                continue
            if not isinstance(key_node, ScalarNode) or is_null(key_node):
                self.expect(key_node, "sources", "a source key (letters, digits, '-', '_' or '.')",
                            f'to name a source "{key_node.value}", quote it' if is_null(key_node) and key_node.value else None)
                continue
            key = key_node.value
            path = f"sources.{key}"
            if key in found:
                self.error(key_node, path, f"duplicate source key {key!r}")
            elif not _KEY_PATTERN.match(key):
                self.error(key_node, path, f"a source key must be letters, digits, '-', '_' or '.', found {printable(key)!r}")
            else:
                found[key] = self.source(key, value_node, path)
        return [source for source in found.values() if source is not None], set(found)

    def source(self, key: str, node: Node, path: str) -> Source | None:
        fields = self.mapping(node, path, ("title", "publisher", "short", "date", "url"), required=("title", "publisher"))
        if fields is None:
            return None
        title, publisher = fields.text("title"), fields.text("publisher")
        url = fields.text("url")
        if url is not None and not re.match(r"^https?://\S+$", url):
            self.error(fields.get("url"), fields.child("url"), f"expected a web address starting http:// or https://, found {url!r}")
        if title is None or publisher is None:
            return None
        short = fields.text("short") or title
        return Source(key, title, publisher, short, fields.text("date"), url, self.origin(node, path))

    def cite_list(self, node: Node | None, path: str, min_length: int = 0) -> tuple[str, ...]:
        if node is None:
            return ()
        if isinstance(node, ScalarNode):
            keys = [(node, path)]  # a single key may be written without brackets
        else:
            keys = list(self.items(node, path, min_length))
        found = []
        for child, child_path in keys:
            key = self.text(child, child_path)
            if key is not None:
                self.citations.append((key, child, child_path))
                found.append(key)
        return tuple(dict.fromkeys(found))

    def check_citations(self, known: set[str]) -> None:
        listed = ", ".join(sorted(known)) or "none"
        for key, node, path in self.citations:
            if key not in known:
                near = suggest(key, sorted(known))
                hint = f"did you mean {near!r}? " if near else ""
                self.error(node, path, f"source {key!r} is not in the sources registry", f"{hint}defined sources: {listed}")

    def sections(self, fields: Fields) -> list[Section]:
        node = fields.get("sections")
        if node is None:
            if "sections" in fields.values:
                self.expect(fields.values["sections"], "sections", "a list of sections")
            return []
        return self.each(node, "sections", self.section)

    def section(self, node: Node, path: str) -> Section | None:
        fields = self.mapping(node, path, ("title", "blocks"), required=("title", "blocks"))
        if fields is None:
            return None
        title = fields.text("title")
        blocks_node = fields.get("blocks")
        blocks = self.each(blocks_node, fields.child("blocks"), self.block)
        if blocks_node is None and "blocks" in fields.values:
            self.error(fields.values["blocks"], fields.child("blocks"), "expected a list of blocks, found nothing")
        return Section(title, tuple(blocks), self.origin(node, path)) if title else None

    # --- blocks --------------------------------------------------------------------------

    def block(self, node: Node, path: str) -> Block | None:
        if not isinstance(node, MappingNode) or len(node.value) != 1:
            self.expect(node, path, f"a block: a mapping with one key naming its type ({', '.join(BLOCK_TYPES)})")
            return None
        key_node, body = node.value[0]
        kind = key_node.value if isinstance(key_node, ScalarNode) else ""
        if kind not in BLOCK_TYPES:
            near = suggest(kind, BLOCK_TYPES)
            hint = f"did you mean {near!r}?" if near else f"block types: {', '.join(BLOCK_TYPES)}"
            self.error(key_node, path, f"unknown block type {kind!r}", hint)
            return None
        return getattr(self, f"{kind}_block")(body, f"{path}.{kind}")

    def stats_block(self, node: Node, path: str) -> StatsBlock | None:
        fields = self.mapping(node, path, ("title", "cards", "notes"), required=("cards",))
        if fields is None:
            return None
        cards_node = fields.get("cards")
        cards = self.each(cards_node, fields.child("cards"), self.stat)
        return StatsBlock(tuple(cards), fields.text("title"), fields.text("notes"), self.origin(node, path))

    def stat(self, node: Node, path: str) -> Stat | None:
        fields = self.mapping(node, path, ("value", "format", "label", "source"), required=("value", "label", "source"))
        if fields is None:
            return None
        value_node = fields.get("value")
        number_format = self.number_format(fields)
        value = self.figure(value_node, fields.child("value"), number_format) if value_node else None
        label = fields.text("label")
        sources = self.cite_list(fields.get("source"), fields.child("source"), 1)
        if len(sources) > 1:
            self.error(fields.values["source"], fields.child("source"), f"expected one source for a stat card, found {len(sources)}")
        if value is None or label is None or len(sources) != 1 or number_format is None:
            return None
        return Stat(value, label, sources[0], number_format, self.origin(node, path))

    def chart_block(self, node: Node, path: str) -> ChartBlock | None:
        keys = ("type", "title", "subtitle", "categories", "series", "note", "sources", "format", "notes")
        fields = self.mapping(node, path, keys, required=("title", "categories", "series", "sources"))
        if fields is None:
            return None
        kind = self.choice(fields.get("type"), fields.child("type"), CHART_KINDS) if fields.get("type") else "bar"
        title = fields.text("title")
        categories_node = fields.get("categories")
        categories = self.texts(categories_node, fields.child("categories"), 1) if categories_node else ()
        number_format = self.number_format(fields)
        series = self.series_list(fields, title or "Value", categories_node, number_format)
        sources = self.cite_list(fields.get("sources"), fields.child("sources"), 1)
        if None in (kind, title, number_format) or not categories or not series or not sources:
            return None
        return ChartBlock(
            title, categories, tuple(series), sources, kind, fields.text("subtitle"), fields.text("note"),
            number_format, fields.text("notes"), self.origin(node, path),
        )

    def series_list(self, fields: Fields, default_name: str, categories_node: Node | None,
                    number_format: NumberFormat | None) -> list[Series]:
        expected = len(categories_node.value) if isinstance(categories_node, SequenceNode) else None
        return self.each(fields.get("series"), fields.child("series"),
                         lambda child, path: self.series(child, path, default_name, expected, number_format))

    def series(self, node: Node, path: str, default_name: str, expected: int | None,
               number_format: NumberFormat | None) -> Series | None:
        fields = self.mapping(node, path, ("name", "values"), required=("values",))
        values_node = fields.get("values") if fields else None
        if values_node is None:
            return None
        values_path = fields.child("values")
        values = [self.figure(v, p, number_format, minimum=0) for v, p in self.items(values_node, values_path, 1)]
        if expected is not None and isinstance(values_node, SequenceNode) and len(values) != expected:
            self.error(values_node, values_path, f"expected {expected} values, one per category, found {len(values)}",
                       _split_thousands_hint(values_node))
            return None
        if not values or None in values:
            return None
        return Series(fields.text("name") or default_name, tuple(values))

    def table_block(self, node: Node, path: str) -> TableBlock | None:
        fields = self.mapping(node, path, ("title", "columns", "rows", "note", "sources", "notes"), required=("title", "columns", "rows", "sources"))
        if fields is None:
            return None
        title = fields.text("title")
        columns_node = fields.get("columns")
        columns = self.each(columns_node, fields.child("columns"), self.column)
        rows_node = fields.get("rows")
        rows = self.each(rows_node, fields.child("rows"), lambda child, path: self.row(child, path, columns))
        sources = self.cite_list(fields.get("sources"), fields.child("sources"), 1)
        if title is None or not columns or not rows or not sources:
            return None
        return TableBlock(title, tuple(columns), tuple(rows), sources, fields.text("note"), fields.text("notes"), self.origin(node, path))

    def column(self, node: Node, path: str) -> Column | None:
        if isinstance(node, ScalarNode):
            name = self.text(node, path)
            return Column(name) if name else None
        fields = self.mapping(node, path, ("name", "align", "format"), required=("name",))
        if fields is None:
            return None
        name = fields.text("name")
        number_format = self.number_format(fields) if fields.get("format") else None
        align_node = fields.get("align")
        align = self.choice(align_node, fields.child("align"), ALIGNMENTS) if align_node else ("right" if number_format else "left")
        if name is None or align is None:
            return None
        return Column(name, align, number_format)

    def row(self, node: Node, path: str, columns: list[Column]) -> tuple[Cell, ...] | None:
        entries = list(self.items(node, path))
        if columns and isinstance(node, SequenceNode) and len(entries) != len(columns):
            self.error(node, path, f"expected {len(columns)} cells, one per column ({', '.join(c.name for c in columns)}), found {len(entries)}",
                       _split_thousands_hint(node))
            return None
        cells: list[Cell] = []
        for (child, cell_path), column in zip(entries, columns):
            cells.append(self.cell(child, cell_path, column))
        return tuple(cells) if len(cells) == len(columns) and columns else None

    def cell(self, node: Node, path: str, column: Column) -> Cell:
        if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
            return None
        if column.format is not None and (not isinstance(node, ScalarNode) or node.tag.endswith((":int", ":float"))):
            return self.figure(node, path, column.format)  # a list or mapping here is reported as not a number
        if column.format is not None and isinstance(node, ScalarNode) and re.fullmatch(r"[+-]?[\d,]+(\.\d+)?%?", node.value):
            self.number(node, path)  # reports the number written as text, with a hint
            return None
        return self.text(node, path)

    def bullets_block(self, node: Node, path: str) -> BulletsBlock | None:
        fields = self.mapping(node, path, ("title", "intro", "items", "sources", "notes"), required=("title", "items"))
        if fields is None:
            return None
        title = fields.text("title")
        items_node = fields.get("items")
        items = self.each(items_node, fields.child("items"), self.bullet)
        sources = self.cite_list(fields.get("sources"), fields.child("sources"))
        if title is None or not items:
            return None
        return BulletsBlock(title, tuple(items), fields.text("intro"), sources, fields.text("notes"), self.origin(node, path))

    def bullet(self, node: Node, path: str) -> BulletItem | None:
        if isinstance(node, ScalarNode):
            text = self.text(node, path)
            return BulletItem(text) if text else None
        fields = self.mapping(node, path, ("lead", "text"), required=("text",))
        text = fields.text("text") if fields else None
        return BulletItem(text, fields.text("lead")) if text else None

    def callout_block(self, node: Node, path: str) -> CalloutBlock | None:
        fields = self.mapping(node, path, ("text", "sources", "notes"), required=("text", "sources"))
        if fields is None:
            return None
        text = fields.text("text")
        sources = self.cite_list(fields.get("sources"), fields.child("sources"), 1)
        if text is None or not sources:
            return None
        return CalloutBlock(text, sources, fields.text("notes"), self.origin(node, path))

    # --- number formats --------------------------------------------------------------------

    def figure(self, node: Node, path: str, number_format: NumberFormat | None, minimum: float | None = None) -> float | None:
        """A number a reader will see in `number_format`: refused if the format would show it as zero."""
        value = self.number(node, path, minimum)
        if value is None or number_format is None or not number_format.hides(value):
            return value
        needed = next(places for places in range(number_format.decimals or 0, 40)
                      if not replace(number_format, decimals=places).hides(value))
        self.error(node, path, f"{node.value} would show as {number_format.format(value)} with decimals: {number_format.decimals}",
                   f"set decimals: {needed} or more, or leave decimals out to show the value as written")
        return None

    def number_format(self, fields: Fields) -> NumberFormat | None:
        """`format: compact` or `format: {style: number, decimals: 1, prefix: "$", suffix: " bn"}`."""
        node = fields.get("format")
        path = fields.child("format")
        if node is None:
            return NumberFormat()
        if isinstance(node, ScalarNode):
            style = self.choice(node, path, FORMAT_STYLES)
            return NumberFormat(style) if style else None
        spec = self.mapping(node, path, ("style", "decimals", "prefix", "suffix"))
        if spec is None:
            return None
        style = self.choice(spec.get("style"), spec.child("style"), FORMAT_STYLES) if spec.get("style") else "number"
        decimals = self.integer(spec.get("decimals"), spec.child("decimals"), 0, 6) if spec.get("decimals") else None
        prefix = self.affix(spec.values.get("prefix"), spec.child("prefix"))
        suffix = self.affix(spec.values.get("suffix"), spec.child("suffix"))
        if style is None or (spec.get("decimals") is not None and decimals is None) or None in (prefix, suffix):
            return None
        return NumberFormat(style, decimals, prefix, suffix)


def _split_thousands_hint(values: Node) -> str | None:
    """`[4700, 67,000]` is three numbers to YAML; say so when a comma sits right before three digits."""
    items = values.value if isinstance(values, SequenceNode) else []
    for before, after in zip(items, items[1:]):
        if (isinstance(after, ScalarNode) and len(after.value) == 3 and after.value.isdigit()
                and after.start_mark.index == before.end_mark.index + 1):
            joined = f"{before.value},{after.value}"
            return f"{joined} reads as two numbers, {before.value} and {after.value}: write {joined.replace(',', '')}"
    return None
