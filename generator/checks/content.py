"""Checks on a whole briefing that no single writer can make: sources nothing cites, charts with
nothing to compare, and headline figures a reader cannot find in the data.

Each finding is a `Diagnostic` placed at the content that caused it; the build later adds the
page and slide where that content lands. Layout findings (text that does not fit) come from the
writers themselves, which alone know where text falls.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator

from ..errors import Diagnostic
from .charts import chart_findings
from ..model import NOWHERE, Document, NumberFormat, Stat, StatsBlock, TableBlock


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
    """A headline figure should be checkable against a chart or table from the same source.

    A card bound to a cell (`value: {table: ...}`) is in the data by construction. Each block's data
    is formatted once and filed under every source it cites, so the check is one pass over the
    blocks and a lookup per stat, not a pass over every block for every stat."""
    shown_by = _data_by_source(document)
    for block in document.blocks():
        if not isinstance(block, StatsBlock):
            continue
        for stat in block.stats:
            if stat.bound_to:
                continue  # its figure was taken from a chart's or table's cell
            data = shown_by.get(stat.source)
            if data is None or not data.shows(stat):
                origin = block.origin if stat.origin is NOWHERE else stat.origin
                short = document.source(stat.source).short
                yield Diagnostic.at(origin, f"the figure {stat.shown} ({_clipped(stat.label)!r}) appears in no chart or table citing {short}",
                                    level="warning", hint="a reader can check a headline figure only against data from the same source")


class _SourceData:
    """The numbers (sorted, for a search by tolerance) and texts of the blocks citing one source."""

    def __init__(self, numbers: list[float], texts: list[str]):
        self.numbers = sorted(value for value in numbers if math.isfinite(value))
        self.text = "\x00".join(texts)  # no content text holds NUL, so a figure cannot match across two texts

    def shows(self, stat: Stat) -> bool:
        """The stat's value among the numbers, or its figure as written in a text."""
        tolerance = max(1e-9 * abs(stat.value), 1e-12)
        at = bisect.bisect_left(self.numbers, stat.value - 2 * tolerance)
        while at < len(self.numbers) and self.numbers[at] <= stat.value + 2 * tolerance:
            if math.isclose(self.numbers[at], stat.value, rel_tol=1e-9, abs_tol=1e-12):
                return True
            at += 1
        return stat.shown in self.text


def _data_by_source(document: Document) -> dict[str, _SourceData]:
    numbers: dict[str, list[float]] = {}
    texts: dict[str, list[str]] = {}
    for block in document.blocks():
        data = block.data()
        if data is None:
            continue
        for key in dict.fromkeys(block.sources):
            numbers.setdefault(key, []).extend(data[0])
            texts.setdefault(key, []).extend(data[1])
    return {key: _SourceData(numbers[key], texts[key]) for key in numbers}


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
