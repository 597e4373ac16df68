"""The document model: what a briefing says, independent of how any output draws it.

The loader builds these frozen dataclasses from the content file; charts and writers read them.
Nothing here knows about YAML, matplotlib, reportlab or python-pptx. Every node keeps the
`Origin` it was read from, so a problem found late (in a writer) can still be reported as
file:line:column with its path inside the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Iterator
from typing import Literal, Union

from .formatting import FORMAT_STYLES, NumberFormat  # noqa: F401  (FORMAT_STYLES: the readers' choices)
from .words import Words

Align = Literal["left", "center", "right"]
ChartKind = Literal["bar", "hbar", "line"]

PAGE_SIZES: tuple[str, ...] = ("A4", "Letter")
# each chart kind with the chart keys beyond the common ones it accepts (the reader refuses the rest)
CHART_OPTIONS: dict[str, tuple[str, ...]] = {"bar": ("stacked", "highlight", "reference"),
                                             "hbar": ("stacked", "highlight", "reference"), "line": ("reference",)}
CHART_KINDS: tuple[str, ...] = tuple(CHART_OPTIONS)
ALIGNMENTS: tuple[str, ...] = ("left", "center", "right")
OUTPUTS: tuple[str, ...] = ("pdf", "deck")  # what `only:` on a block may name


@dataclass(frozen=True)
class Origin:
    """Where a node came from, so late problems still point at the content file."""

    file: str
    line: int
    column: int
    path: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Origin("<built-in>", 0, 0, "")


@dataclass(frozen=True)
class Source:
    """One entry of the sources registry; `short` is the name used in source lines."""

    key: str
    title: str
    publisher: str
    short: str
    date: str | None = None
    url: str | None = None
    origin: Origin = NOWHERE

    @property
    def label(self) -> str:
        """Title with its date, as a sources line names it: 'Fortune (April 2026)'."""
        return f"{self.title} ({self.date})" if self.date else self.title

    def citation(self) -> str:
        """The full reference as the source lists print it (without the URL)."""
        return self.label if self.publisher == self.title else f"{self.label} — {self.publisher}"


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str | None = None
    language: str = "en"  # a BCP 47 tag: how numbers and the outputs' own words are written
    locale: str = "en"  # the same language as CLDR (and Babel) names it: 'fr_CA' for 'fr-CA'
    date: str | None = None
    author: str | None = None
    organisation: str | None = None
    marking: str | None = None
    keywords: tuple[str, ...] = ()
    origins: tuple[tuple[str, Origin], ...] = ()  # where each field was written: ("title", Origin), ...

    def origin_of(self, key: str) -> Origin:
        """Where `key` (title, marking, ...) was written, so a finding about it points at the file."""
        return dict(self.origins).get(key, NOWHERE)

    @property
    def byline(self) -> str | None:
        """Organisation and author as one line, in that order, when either is set."""
        parts = [part for part in (self.organisation, self.author) if part]
        return " · ".join(parts) or None


@dataclass(frozen=True)
class DataOrigin:
    """The data file a table's rows or a chart's values were read from, so a reader can trace a
    figure to its cell and see when the data changed: the file as the content names it, the sheet
    and range read, and the first 12 hex digits of the SHA-256 of its bytes (never its time, so
    builds stay reproducible)."""

    file: str
    digest: str
    sheet: str | None = None
    range: str | None = None

    def reference(self) -> str:
        """The line a reader sees: 'data/regions.xlsx, sheet Regions, A1:C20, sha256 3f2a9c1e04b7'."""
        parts = (self.file, f"sheet {self.sheet}" if self.sheet else "", self.range or "", f"sha256 {self.digest}")
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class Stat:
    value: float
    label: str
    source: str
    format: NumberFormat = NumberFormat()
    origin: Origin = NOWHERE
    bound_to: str | None = None  # the cell the value was taken from ("table platforms, row OpenAI, column Reports")
    lead: bool = False  # the block's lead figure: a wider card with a larger figure

    @property
    def shown(self) -> str:
        return self.format.format(self.value)


@dataclass(frozen=True)
class Series:
    """One named row of a chart's values, one per category; None is a value the source lacks (a gap
    in a line, no bar), never drawn as zero."""

    name: str
    values: tuple[float | None, ...]

    @property
    def present(self) -> list[float]:
        return [v for v in self.values if v is not None]


@dataclass(frozen=True)
class Reference:
    """A labelled line across a chart's plot at one value ("France +0.3 %"), for comparison."""

    value: float
    label: str


@dataclass(frozen=True)
class Column:
    """A table column; `format` None means a text column."""

    name: str
    align: Align = "left"
    format: NumberFormat | None = None

    def show(self, cell: Cell) -> str:
        if cell is None:
            return ""
        if isinstance(cell, str):
            return cell
        return (self.format or NumberFormat()).format(cell)


Cell = Union[str, float, None]


@dataclass(frozen=True)
class StatsBlock:
    stats: tuple[Stat, ...]
    title: str | None = None
    notes: str | None = None
    origin: Origin = NOWHERE
    only: str | None = None  # "pdf" or "deck": the one output that shows this block; None: both

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(stat.source for stat in self.stats))

    def texts(self) -> Iterator[str]:
        """Every string a reader may see of this block (for the glyph check)."""
        yield from (text for stat in self.stats for text in (stat.label, stat.shown))
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        """The numbers and texts a headline figure can be checked against; None: this block holds no data."""
        return None


@dataclass(frozen=True)
class ChartBlock:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    sources: tuple[str, ...]
    kind: ChartKind = "bar"
    subtitle: str | None = None
    note: str | None = None
    format: NumberFormat = NumberFormat()
    notes: str | None = None
    origin: Origin = NOWHERE
    id: str | None = None  # the name stat cards bind to
    data_from: DataOrigin | None = None  # set when the data came from a file
    stacked: bool = False  # bar and hbar with several series: segments in series order
    highlight: tuple[str, ...] = ()  # categories in the accent colour, the rest muted
    references: tuple[Reference, ...] = ()  # labelled lines across the plot

    def values(self) -> list[float]:
        """Every value given, the missing ones left out."""
        return [value for series in self.series for value in series.present]
    only: str | None = None  # "pdf" or "deck": the one output that shows this block; None: both
    deck_categories: int | None = None  # the deck shows only the first this many categories

    def texts(self) -> Iterator[str]:
        yield from (self.title, self.subtitle or "", self.note or "", *self.categories)
        yield from (series.name for series in self.series)
        yield from (self.format.format(v) for v in self.values())
        yield from (reference.label for reference in self.references)
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        return self.values(), [self.title, self.subtitle or "", self.note or "", *self.categories]

    def alt_text(self, words: Words = Words()) -> str:
        """Title and every value, for readers who cannot see the picture."""
        parts, colon = [], words.colon
        for series in self.series:
            values = ", ".join(f"{cat}{colon} {words('missing') if v is None else self.format.format(v)}"
                               for cat, v in zip(self.categories, series.values))
            parts.append(f"{series.name}{colon} {values}" if len(self.series) > 1 else values)
        head = f"{words.lead(self.kind + '_chart')} {self.title}."
        return f"{head} {'; '.join(parts)}."


@dataclass(frozen=True)
class TableBlock:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    sources: tuple[str, ...]
    note: str | None = None
    notes: str | None = None
    origin: Origin = NOWHERE
    id: str | None = None  # the name stat cards bind to
    data_from: DataOrigin | None = None  # set when the data came from a file
    subtitle: str | None = None
    footnotes: tuple[str, ...] = ()  # notes tied to rows by markers such as "*" in the cells
    only: str | None = None  # "pdf" or "deck": the one output that shows this block; None: both
    deck_rows: int | None = None  # the deck shows only the first this many rows

    def shown_rows(self) -> list[list[str]]:
        return [[col.show(cell) for col, cell in zip(self.columns, row)] for row in self.rows]

    def texts(self) -> Iterator[str]:
        yield from (self.title, self.subtitle or "", self.note or "", *self.footnotes, *(column.name for column in self.columns))
        yield from (cell for row in self.shown_rows() for cell in row)
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        numbers = [cell for row in self.rows for cell in row if isinstance(cell, (int, float))]
        return numbers, [self.title, self.subtitle or "", self.note or "", *self.footnotes,
                         *(cell for row in self.shown_rows() for cell in row)]


@dataclass(frozen=True)
class BulletItem:
    text: str
    lead: str | None = None

    @property
    def full_text(self) -> str:
        return f"{self.lead} — {self.text}" if self.lead else self.text


@dataclass(frozen=True)
class BulletsBlock:
    title: str
    items: tuple[BulletItem, ...]
    intro: str | None = None
    sources: tuple[str, ...] = ()
    notes: str | None = None
    origin: Origin = NOWHERE
    only: str | None = None  # "pdf" or "deck": the one output that shows this block; None: both

    def texts(self) -> Iterator[str]:
        yield from (self.title, self.intro or "", *(item.full_text for item in self.items))
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        return None


@dataclass(frozen=True)
class CalloutBlock:
    text: str
    sources: tuple[str, ...]
    notes: str | None = None
    origin: Origin = NOWHERE
    only: str | None = None  # "pdf" or "deck": the one output that shows this block; None: both

    def texts(self) -> Iterator[str]:
        yield self.text
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        return None


@dataclass(frozen=True)
class Span:
    """A stretch of a paragraph in one style: the inline markup (**bold**, *italic*, [a](link)) read
    by the content reader, so the writers only style runs and never parse text."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class TextBlock:
    """Paragraphs of prose (a summary, key judgements), each a tuple of styled spans."""

    paragraphs: tuple[tuple[Span, ...], ...]
    title: str | None = None
    sources: tuple[str, ...] = ()
    notes: str | None = None
    origin: Origin = NOWHERE
    only: str | None = None  # "pdf" or "deck": the one output that shows this block; None: both

    def plain(self) -> list[str]:
        """Each paragraph's text without its markup, as a reader sees it."""
        return ["".join(span.text for span in paragraph) for paragraph in self.paragraphs]

    def texts(self) -> Iterator[str]:
        yield from (self.title or "", *self.plain())
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        return None


@dataclass(frozen=True)
class ImageBlock:
    """A PNG or JPEG figure. `image` holds the bytes read and checked once, which both writers print
    (never read again from disk, so what was checked is what is shown); `pixels` is its size."""

    file: str
    image: bytes = field(repr=False, compare=False)
    kind: str  # "PNG" or "JPEG"
    pixels: tuple[int, int]
    alt: str
    sources: tuple[str, ...]
    digest: str = ""  # the first 12 hex digits of the SHA-256 of `image`: it stands for the bytes in comparisons
    title: str | None = None
    note: str | None = None
    notes: str | None = None
    origin: Origin = NOWHERE
    only: str | None = None  # "pdf" or "deck": the one output that shows this block; None: both

    @property
    def aspect(self) -> float:
        """Width over height, which every printed size keeps."""
        return self.pixels[0] / self.pixels[1]

    def texts(self) -> Iterator[str]:
        """The alt text is left out: no output draws it (the deck stores it as the picture's
        description), so a character the typeface lacks there harms nothing."""
        yield from (self.title or "", self.note or "")
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        return None


@dataclass(frozen=True)
class ColumnsBlock:
    """Two blocks side by side (a chart and its takeaways): one slide, and two columns of a page wide
    enough. The nested blocks are blocks like any other, so `Document.blocks()` yields them, in
    reading order (left, then right), for every check, citation, number and file list."""

    blocks: tuple[Block, ...]  # exactly two, neither of them a ColumnsBlock
    title: str | None = None
    notes: str | None = None
    origin: Origin = NOWHERE
    only: str | None = None  # "pdf" or "deck": the one output that shows the pair; None: both

    @property
    def sources(self) -> tuple[str, ...]:
        return ()  # each nested block cites its own

    def texts(self) -> Iterator[str]:
        """Its own title and notes; the nested blocks' texts are theirs (Document.texts walks them)."""
        yield self.title or ""
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        return None


Block = Union[StatsBlock, ChartBlock, TableBlock, BulletsBlock, CalloutBlock, TextBlock, ImageBlock, ColumnsBlock]


def flattened(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Each block, then the blocks nested in it (a ColumnsBlock's two), in reading order."""
    for block in blocks:
        yield block
        if isinstance(block, ColumnsBlock):
            yield from block.blocks


def shown_in(block: Block, output: str) -> bool:
    """Whether `output` ("pdf" or "deck") shows the block: `only:` keeps a block to one of them."""
    return getattr(block, "only", None) in (None, output)  # a kind without the field is shown (or refused) by both


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Document:
    meta: Meta
    sources: tuple[Source, ...]
    sections: tuple[Section, ...]
    cites: tuple[str, ...] = ()
    origin: Origin = NOWHERE
    words: Words = Words()  # the outputs' own words, in the briefing's language
    _by_key: dict[str, Source] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {source.key: source for source in self.sources})

    def source(self, key: str) -> Source:
        return self._by_key[key]

    def source_number(self, key: str) -> int:
        """1-based position in the registry, the number the source lists print."""
        return self.sources.index(self._by_key[key]) + 1

    def blocks(self) -> list[Block]:
        """Every block in reading order, nested ones included (see `flattened`)."""
        return [block for section in self.sections for block in flattened(section.blocks)]

    def files_shown(self) -> list[tuple[str, str]]:
        """(file, digest) of every file whose contents the briefing shows: the data files its tables
        and charts were read from, then its images, each in reading order."""
        blocks = self.blocks()
        data = [(b.data_from.file, b.data_from.digest) for b in blocks if isinstance(b, (TableBlock, ChartBlock)) and b.data_from]
        return data + [(b.file, b.digest) for b in blocks if isinstance(b, ImageBlock)]

    def charts(self) -> list[ChartBlock]:
        return [block for block in self.blocks() if isinstance(block, ChartBlock)]

    def texts(self) -> Iterator[tuple[str, Origin]]:
        """Every string a reader may see, with where it was written (block-level positions)."""
        meta = self.meta
        for key in ("title", "subtitle", "date", "author", "organisation", "marking"):
            if value := getattr(meta, key):
                yield value, meta.origin_of(key) if meta.origins else self.origin
        for source in self.sources:
            for value in (source.title, source.publisher, source.short, source.date or "", source.url or ""):
                yield value, source.origin
        for section in self.sections:
            yield section.title, section.origin
            for block in flattened(section.blocks):
                for value in block.texts():
                    yield value, block.origin
        for _, template in self.words.own:  # the content's `labels:`, printed beside all of it
            yield template, self.origin


def source_line(document: Document, keys: tuple[str, ...]) -> str:
    """'Source: NCMEC, Thorn' — the short names of the cited sources, in citing order."""
    if not keys:
        return ""
    return f"{document.words.lead('source')} " + ", ".join(document.source(key).short for key in keys)


def cites_line(document: Document) -> str:
    """The briefing's own sources line: 'IWF AI CSAM Report 2026 · ... · Fortune (April 2026)'."""
    return " · ".join(document.source(key).label for key in document.cites)


def attribution(document: Document, keys: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The source line a block shows and the keys behind it.

    A block that cites nothing of its own (bullets may not) falls back to the sources the briefing
    cites as a whole, labelled as such, so no figure a reader sees is left without a source.
    """
    if keys or not document.cites:
        return source_line(document, keys), keys
    shorts = ", ".join(document.source(key).short for key in document.cites)
    return f"{document.words.lead('general_sources')} {shorts}", document.cites
