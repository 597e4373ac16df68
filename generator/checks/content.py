"""Checks on a whole briefing that no single writer can make: sources nothing cites, charts with
nothing to compare, and headline figures that contradict the data they cite.

Each finding is a `Diagnostic` placed at the content that caused it; the build later adds the
page and slide where that content lands. Layout findings (text that does not fit) come from the
writers themselves, which alone know where text falls.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Diagnostic
from .charts import chart_findings
from ..model import NOWHERE, ChartBlock, Document, NumberFormat, Stat, StatsBlock, TableBlock


def document_findings(document: Document) -> list[Diagnostic]:
    return [*_uncited_sources(document), *_single_category_charts(document), *_stats_not_in_data(document),
            *_years_with_separators(document), *chart_findings(document)]


def cited_keys(document: Document) -> set[str]:
    keys = set(document.cites)
    for block in document.blocks():
        keys.update(block.sources)
    return keys


def _uncited_sources(document: Document) -> Iterator[Diagnostic]:
    cited = cited_keys(document)
    for source in document.sources:
        if source.key not in cited:
            yield Diagnostic.at(source.origin, f"source {source.key!r} ({source.title}) is cited by nothing",
                                level="warning", hint="cite it from the block it supports, list it under `cites:`, or remove it")


def _single_category_charts(document: Document) -> Iterator[Diagnostic]:
    for chart in document.charts():
        if len(chart.categories) == 1:
            yield Diagnostic.at(chart.origin, f"chart {chart.title!r} has one category, so it compares nothing",
                                level="warning", hint="show the figure as a stat card, or add the categories it is compared with")


def _stats_not_in_data(document: Document) -> Iterator[Diagnostic]:
    """A headline figure that contradicts the data it cites: a card whose label names a chart's
    category or a table's row from the same source, and whose figure is none of that row's
    figures at the card's displayed precision (485K against 485,000 agrees) nor written in the
    block's title, subtitle, notes or footnotes. A card whose figure is simply not charted is left
    alone: headline figures are often the data themselves, and a careful analyst would not act.

    A card bound to a cell (`value: {table: ...}`) is in the data by construction."""
    labelled = _labelled_figures(document)
    for block in document.blocks():
        if not isinstance(block, StatsBlock):
            continue
        for stat in block.stats:
            if stat.bound_to:
                continue  # its figure was taken from a chart's or table's cell
            found = labelled.get((stat.source, _key(stat.label)), [])
            if not found or any(_agrees(stat, values, texts) for values, texts, _ in found):
                continue
            values, _, where = found[0]
            shown = ", ".join(dict.fromkeys(stat.format.format(value) for value in values)) or "no figure"
            origin = block.origin if stat.origin is NOWHERE else stat.origin
            yield Diagnostic.at(origin, f"the figure {stat.shown} ({_clipped(stat.label)!r}) differs from {where}, which shows "
                                f"{shown} for {_clipped(stat.label)!r}", level="warning",
                                hint="correct the card or the data, or say in the card's label how the two differ")


def _agrees(stat: Stat, values: list[float], texts: list[str]) -> bool:
    """The data shows the card's figure as the card does (1,180,000 and 1.2M), or rounds to the
    card's own value at the precision it was written with (485,123 for a card of 485000), or a
    text states it ("1.5 million" in a note)."""
    tolerance = _precision(stat.value) / 2
    return (any(stat.format.format(value) == stat.shown or abs(value - stat.value) <= tolerance for value in values)
            or any(stat.shown in text for text in texts))


def _precision(value: float) -> float:
    """The place of a figure's last significant digit: 1000 for 485000, 0.1 for 1.5, 0 for zero."""
    for power in range(12, -7, -1):
        scaled = value / 10 ** power
        if round(scaled) and abs(scaled - round(scaled)) < 1e-9 * abs(scaled):
            return 10.0 ** power
    return 0.0


def _key(label: str) -> str:
    """A label as a reader matches it: case, spacing and punctuation aside."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in label.casefold()).split())


def _labelled_figures(document: Document) -> dict[tuple[str, str], list[tuple[list[float], list[str], str]]]:
    """(source, label) -> the figures a chart's category or a table's row shows under that label,
    the block's own texts (title, subtitle, notes) and how a reader names the block."""
    found: dict[tuple[str, str], list[tuple[list[float], list[str], str]]] = {}
    for block in document.blocks():
        if isinstance(block, ChartBlock):
            texts = [block.title, block.subtitle or "", block.note or ""]
            rows = [(category, [series.values[i] for series in block.series]) for i, category in enumerate(block.categories)]
            where = f"the chart {_clipped(block.title)!r}"
        elif isinstance(block, TableBlock):
            texts = [block.title, block.subtitle or "", block.note or "", *block.footnotes]
            rows = [(cell, [c for c in row if isinstance(c, (int, float))]) for row in block.rows for cell in row
                    if isinstance(cell, str)]
            where = f"the table {_clipped(block.title)!r}"
        else:
            continue
        for label, values in rows:
            for key in dict.fromkeys(block.sources):
                found.setdefault((key, _key(label)), []).append((values, texts, where))
    return found


def _years_with_separators(document: Document) -> Iterator[Diagnostic]:
    """2016 written '2,016' (or '2K') reads as a quantity: a year or a code wants `format: plain`."""
    hint = "a year or a code reads as digits alone: give it `format: plain`"
    for block in document.blocks():
        if isinstance(block, StatsBlock):
            for stat in block.stats:
                if _looks_like_year(stat.value, stat.format):
                    origin = block.origin if stat.origin is NOWHERE else stat.origin
                    yield Diagnostic.at(origin, f"{stat.value:.0f} shows as {stat.shown}", level="warning", hint=hint)
        elif isinstance(block, TableBlock):
            for index, column in enumerate(block.columns):
                values = [row[index] for row in block.rows if isinstance(row[index], (int, float))]
                if column.format and values and all(_looks_like_year(value, column.format) for value in values):
                    yield Diagnostic.at(block.origin, f"column {column.name!r} holds years or codes such as {values[0]:.0f}, "
                                        f"shown as {column.format.format(values[0])}", level="warning", hint=hint)


def _looks_like_year(value: float, number_format: NumberFormat) -> bool:
    return float(value).is_integer() and 1900 <= value <= 2100 and f"{value:.0f}" not in number_format.format(value)


def _clipped(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
