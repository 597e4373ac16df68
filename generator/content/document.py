"""The document as a whole: its metadata, the sources registry, citations and sections.

Each part is read through `Reader`/`Fields`, so a bad value is recorded with its position and path
and the rest of the file is still checked; blocks are read by the table in blocks.py. Source keys
are checked last, once the whole registry is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import Diagnostic
from ..model import NOWHERE, PAGE_SIZES, Block, Document, Meta, Origin, Section, Source
from .bindings import Bindings
from .blocks import BLOCK_READERS
from ..formatting import known_locale
from ..words import FIELDS, Words, template_problem
from .fonts import font_problem
from .formats import FormatReader
from .nodes import Fields, is_null, printable, suggest

@dataclass(frozen=True)
class OutputSettings:
    """What the content file asks of the outputs, kept out of the document model: the PDF's page
    size, the deck's template and where the content names it, and the fallback font files (`fonts:`)
    that the build makes part of the theme's typeface, since charts and both writers set text in them."""

    page_size: str = "A4"
    template: str | None = None
    origin: Origin = NOWHERE
    fonts: tuple[Path, ...] = ()


DEFAULT_LANGUAGE = "en"
META_KEYS = ("title", "subtitle", "language", "date", "author", "organisation", "marking", "page_size", "keywords", "template")
TOP_KEYS = (*META_KEYS, "labels", "sources", "cites", "sections", "fonts")
_KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class DocumentReader(FormatReader):
    """Reads a whole document; remembers every citation to check against the registry at the end."""

    def __init__(self, file: str):
        super().__init__(file)
        self.settings_read = OutputSettings()
        self.citations: list[tuple[str, Node, str]] = []
        self.data_places: dict[int, tuple[int, int]] = {}  # a data file's problem -> where the content uses the file
        self.bindings = Bindings()

    def document(self, root: Node) -> Document | None:
        self.screen(root)
        fields = self.mapping(root, "", TOP_KEYS, required=("title", "sources", "sections"))
        if fields is None:
            self.in_order()
            return None
        meta = self.meta(fields)
        self.settings_read = self.settings(fields)
        sources, defined = self.sources(fields)
        cites = self.cite_list(fields.get("cites"), "cites")
        words = self.labels(fields, meta.language if meta else DEFAULT_LANGUAGE)
        sections = self.bindings.resolve(self, self.sections(fields))
        self.check_citations(defined)
        self.in_order()
        if self.diagnostics or meta is None:
            return None
        return Document(meta, tuple(sources), tuple(sections), cites, self.origin(root, ""), words)

    def in_order(self) -> None:
        """Problems by their place in the content; a data file's problems, in the file's order, at
        the place in the content that uses the file."""
        self.diagnostics.sort(key=lambda d: self.data_places.get(id(d), (d.line, d.column)))

    def data_problem(self, problem: Diagnostic, used_by: Origin) -> None:
        self.diagnostics.append(problem)
        self.data_places[id(problem)] = (used_by.line, used_by.column)

    # --- document level ------------------------------------------------------------------

    def meta(self, fields: Fields) -> Meta | None:
        title = fields.text("title")
        keywords = fields.get("keywords")
        language = self.language(fields)
        if title is None:
            return None
        return Meta(
            title=title,
            language=language,
            locale=self.locale,
            subtitle=fields.text("subtitle"),
            date=fields.text("date"),
            author=fields.text("author"),
            organisation=fields.text("organisation"),
            marking=fields.text("marking"),
            keywords=self.texts(keywords, "keywords") if keywords else (),
            origins=tuple((key, self.origin(node, key)) for key, node, _ in fields.pairs() if key in META_KEYS),
        )

    def language(self, fields: Fields) -> str:
        """`language: fr`: a BCP 47 tag CLDR knows. It sets how every number of the briefing is written,
        so it is read before any block."""
        node = fields.get("language")
        tag = fields.text("language")
        if node is None or tag is None:
            return DEFAULT_LANGUAGE
        locale = known_locale(tag.strip())
        if locale is None:
            self.error(node, "language", f"unknown language {printable(tag)!r}; expected a BCP 47 tag such as en, fr, de, es or en-GB")
            return DEFAULT_LANGUAGE
        self.locale = locale
        return tag.strip()

    def labels(self, fields: Fields, language: str) -> Words:
        """`labels: {figure: "Fig. {number}", sources: References}`: the outputs' own words, replaced."""
        node = fields.get("labels")
        if node is None:
            return Words(language)
        spec = self.mapping(node, "labels", tuple(FIELDS))
        if spec is None:
            return Words(language)
        own = []
        for word in FIELDS:
            template = spec.text(word)
            if template is None:
                continue
            problem = template_problem(word, template)
            if problem:
                self.error(spec.get(word), spec.child(word), problem)
            else:
                own.append((word, template))
        return Words(language, tuple(own))

    def settings(self, fields: Fields) -> OutputSettings:
        """The PDF's page size, and the deck template's path (taken relative to the content file) with
        where it was written: settings of one output each, so kept apart from the model."""
        node = fields.get("page_size")
        page_size = (self.choice(node, "page_size", PAGE_SIZES) or "A4") if node else "A4"
        fonts = self.fonts(fields.get("fonts"))
        text = fields.text("template")
        if not text:
            return OutputSettings(page_size, fonts=fonts)
        path = Path(text) if Path(text).is_absolute() else Path(self.file).parent / text
        return OutputSettings(page_size, str(path), self.origin(fields.get("template"), "template"), fonts)

    def fonts(self, node: Node | None) -> tuple[Path, ...]:
        """`fonts: [fonts/DroidSansFallbackFull.ttf]`: TrueType files (relative to the content file)
        tried in order for characters the shipped typeface lacks; each is checked now, so a font
        the PDF cannot embed is named at its entry rather than failing inside a writer."""
        if node is None:
            return ()
        found: list[Path] = []
        for child, path in self.items(node, "fonts"):
            text = self.text(child, path)
            if text is None:
                continue
            file = Path(text) if Path(text).is_absolute() else Path(self.file).parent / text
            problem = font_problem(file)
            if problem:
                self.error(child, path, problem, "name a TrueType font file (.ttf), e.g. from fonts-droid-fallback")
            elif file.resolve() not in found:
                found.append(file.resolve())
        return tuple(found)

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
            self.expect(node, path, f"a block: a mapping with one key naming its type ({', '.join(tuple(BLOCK_READERS))})")
            return None
        key_node, body = node.value[0]
        kind = key_node.value if isinstance(key_node, ScalarNode) else ""
        if kind not in tuple(BLOCK_READERS):
            near = suggest(kind, tuple(BLOCK_READERS))
            hint = f"did you mean {near!r}?" if near else f"block types: {', '.join(tuple(BLOCK_READERS))}"
            self.error(key_node, path, f"unknown block type {kind!r}", hint)
            return None
        return BLOCK_READERS[kind].read(self, body, f"{path}.{kind}")
