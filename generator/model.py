"""The document model: what a briefing says, independent of how any output draws it.

The loader builds these frozen dataclasses from the content file; charts and writers read them.
Nothing here knows about YAML, matplotlib, reportlab or python-pptx. Every node keeps the
`Origin` it was read from, so a problem found late (in a writer) can still be reported as
file:line:column with its path inside the document.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from dataclasses import dataclass, field
from collections.abc import Iterator
from typing import Literal, Union

Align = Literal["left", "center", "right"]
ChartKind = Literal["bar", "hbar"]
FormatStyle = Literal["number", "compact", "percent"]

PAGE_SIZES: tuple[str, ...] = ("A4", "Letter")
CHART_KINDS: tuple[str, ...] = ("bar", "hbar")
FORMAT_STYLES: tuple[str, ...] = ("number", "compact", "percent")
ALIGNMENTS: tuple[str, ...] = ("left", "center", "right")


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
class NumberFormat:
    """How a number is shown. Content stores 67000; the format decides '67,000' or '67K'.

    `decimals=None` shows as many decimals as the value has (up to 3), so no figure is
    silently rounded; 'percent' values are percentage points (29 shows as '29%').
    """

    style: FormatStyle = "number"
    decimals: int | None = None
    prefix: str = ""
    suffix: str = ""

    def format(self, value: float) -> str:
        """The sign leads the prefix: -42.5 with prefix '£' shows as '-£42.5'. A prefix that is a
        plus sign ('+' for a change) gives way to the minus of a negative value: '-1%', never '-+1%'."""
        magnitude = abs(value)
        body = _compact(magnitude, self.decimals) if self.style == "compact" else _grouped(magnitude, self.decimals)
        percent = "%" if self.style == "percent" else ""
        negative = value < 0 and bool(body.strip("0.,"))
        prefix = self.prefix[1:] if negative and self.prefix.startswith("+") else self.prefix
        return f"{'-' if negative else ''}{prefix}{body}{percent}{self.suffix}"

    def hides(self, value: float) -> bool:
        """Whether a non-zero value would show as zero: only possible with too few `decimals`."""
        return value != 0 and not self.format(value).translate(_NOT_DIGITS).strip("0")


_NOT_DIGITS = {ord(char): None for char in map(chr, range(0x80)) if not char.isdigit()}


def _natural_decimals(value: float, cap: int = 3) -> int:
    """The fewest decimals that show `value` without rounding it: at most `cap`, or more for a
    value below 0.01, which keeps two significant digits (0.0004, never 0.000), so no non-zero
    figure ever shows as zero."""
    if 0 < abs(value) < 0.01:
        cap = max(cap, 1 - math.floor(math.log10(abs(value))))
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent  # the shortest text that reads back
    return min(max(0, -exponent), cap) if isinstance(exponent, int) else 0


def _grouped(value: float, decimals: int | None) -> str:
    if decimals is not None:
        return _rounded(value, decimals)
    shown = _rounded(value, _natural_decimals(value))
    return shown.rstrip("0").rstrip(".") if "." in shown else shown  # a computed 0.30000000000000004 is '0.3'


def _rounded(value: float, places: int) -> str:
    """Half-up rounding of the value as written (1.25 -> 1.3), as readers expect, with separators."""
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{exact:,.{places}f}"


_COMPACT_STEPS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def _compact(value: float, decimals: int | None) -> str:
    """1,250,000 as '1.3M'. A value that rounds up to 1,000 of its unit takes the next unit, so
    999,999 is '1M', not '1,000.0K'."""
    below = next((index for index, (step, _) in enumerate(_COMPACT_STEPS) if value >= step), len(_COMPACT_STEPS))
    if below == len(_COMPACT_STEPS):
        shown = _grouped(value, decimals)
        if float(shown.replace(",", "")) < 1000:
            return shown
    elif below == 0 or _compact_at(value, below, decimals)[1] < 1000:
        return _compact_at(value, below, decimals)[0] + _COMPACT_STEPS[below][1]
    shown = _compact_at(value, below - 1, decimals)[0]
    if decimals is None and shown.endswith(".0"):
        shown = shown[:-2]  # 999,999 rounds to exactly 1M; '1.0M' would suggest a figure past it
    return shown + _COMPACT_STEPS[below - 1][1]


def _compact_at(value: float, index: int, decimals: int | None) -> tuple[str, float]:
    """The value in the unit `_COMPACT_STEPS[index]`, as shown and as the number it shows."""
    scaled = value / _COMPACT_STEPS[index][0]
    places = min(_natural_decimals(scaled), 1) if decimals is None else decimals
    shown = _rounded(scaled, places)
    return shown, float(shown.replace(",", ""))


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
class Stat:
    value: float
    label: str
    source: str
    format: NumberFormat = NumberFormat()
    origin: Origin = NOWHERE

    @property
    def shown(self) -> str:
        return self.format.format(self.value)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


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

    def texts(self) -> Iterator[str]:
        yield from (self.title, self.subtitle or "", self.note or "", *self.categories)
        yield from (series.name for series in self.series)
        yield from (self.format.format(v) for series in self.series for v in series.values)
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        numbers = [value for series in self.series for value in series.values]
        return numbers, [self.title, self.subtitle or "", self.note or "", *self.categories]

    def alt_text(self) -> str:
        """Title and every value, for readers who cannot see the picture."""
        parts = []
        for series in self.series:
            values = ", ".join(f"{cat}: {self.format.format(v)}" for cat, v in zip(self.categories, series.values))
            parts.append(f"{series.name}: {values}" if len(self.series) > 1 else values)
        head = f"{'Horizontal bar' if self.kind == 'hbar' else 'Bar'} chart: {self.title}."
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

    def shown_rows(self) -> list[list[str]]:
        return [[col.show(cell) for col, cell in zip(self.columns, row)] for row in self.rows]

    def texts(self) -> Iterator[str]:
        yield from (self.title, self.note or "", *(column.name for column in self.columns))
        yield from (cell for row in self.shown_rows() for cell in row)
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        numbers = [cell for row in self.rows for cell in row if isinstance(cell, (int, float))]
        return numbers, [self.title, self.note or "", *(cell for row in self.shown_rows() for cell in row)]


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

    def texts(self) -> Iterator[str]:
        yield self.text
        yield self.notes or ""

    def data(self) -> tuple[list[float], list[str]] | None:
        return None


Block = Union[StatsBlock, ChartBlock, TableBlock, BulletsBlock, CalloutBlock]


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
    _by_key: dict[str, Source] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {source.key: source for source in self.sources})

    def source(self, key: str) -> Source:
        return self._by_key[key]

    def source_number(self, key: str) -> int:
        """1-based position in the registry, the number the source lists print."""
        return self.sources.index(self._by_key[key]) + 1

    def blocks(self) -> list[Block]:
        return [block for section in self.sections for block in section.blocks]

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
            for block in section.blocks:
                for value in block.texts():
                    yield value, block.origin


def source_line(document: Document, keys: tuple[str, ...]) -> str:
    """'Source: NCMEC, Thorn' — the short names of the cited sources, in citing order."""
    if not keys:
        return ""
    return "Source: " + ", ".join(document.source(key).short for key in keys)


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
    return "General sources: " + ", ".join(document.source(key).short for key in document.cites), document.cites
