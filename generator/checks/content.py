"""Checks on a whole briefing that no single writer can make: sources nothing cites, charts with
nothing to compare, and headline figures a reader cannot find in the data.

Each finding is a `Diagnostic` placed at the content that caused it; the build later adds the
page and slide where that content lands. Layout findings (text that does not fit) come from the
writers themselves, which alone know where text falls.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..errors import Diagnostic
from ..model import NOWHERE, Document, Stat, StatsBlock


def document_findings(document: Document) -> list[Diagnostic]:
    return [*_uncited_sources(document), *_single_category_charts(document), *_stats_not_in_data(document)]


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
    """A headline figure should be checkable against a chart or table from the same source."""
    for block in document.blocks():
        if not isinstance(block, StatsBlock):
            continue
        for number, stat in enumerate(block.stats):
            if not any(_shows(other, stat) for other in document.blocks() if other.data() is not None and stat.source in other.sources):
                origin = block.origin if stat.origin is NOWHERE else stat.origin
                short = document.source(stat.source).short
                yield Diagnostic.at(origin, f"the figure {stat.shown} ({_clipped(stat.label)!r}) appears in no chart or table citing {short}",
                                    level="warning", hint="a reader can check a headline figure only against data from the same source")


def _clipped(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _shows(block, stat: Stat) -> bool:
    """The stat's value among the block's numbers, or its figure as written in the block's text."""
    numbers, texts = block.data()
    if any(math.isclose(value, stat.value, rel_tol=1e-9, abs_tol=1e-12) for value in numbers):
        return True
    return any(stat.shown in text for text in texts)
