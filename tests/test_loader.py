"""The loader turns content into the model, and bad content into positioned messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.loader import load
from generator.model import BulletsBlock, ChartBlock, StatsBlock, TableBlock

from .conftest import EXAMPLE, FIXTURES

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))


def test_example_reproduces_the_seed_page():
    document = load(EXAMPLE)
    assert document.meta.title == "AI-Generated CSAM Threats"
    stats = document.blocks()[0]
    assert isinstance(stats, StatsBlock)
    assert [(s.shown, s.label, s.source) for s in stats.stats] == [
        ("485K", "AI-CSAM Reports H1 2025", "ncmec"),
        ("15,036", "AI CSAM items (2 years)", "iwf"),
        ("97%", "AI CSAM victims are girls", "iwf"),
        ("65%", "Category A (most severe)", "iwf"),
    ]
    charts = document.charts()
    assert [c.title for c in charts] == ["NCMEC AI-CSAM Reports", "AI-Generated CSAM Videos (IWF)"]
    assert charts[0].series[0].values == (4700, 67000, 485000)
    assert charts[1].categories == ("2024", "2025")
    tables = [b for b in document.blocks() if isinstance(b, TableBlock)]
    assert tables[0].shown_rows()[0] == ["OpenAI", "32,079", "+9,650% from 2023"]
    assert tables[1].shown_rows()[2] == ["Poland", "8,077", "3%", "YoY: +8,488%"]
    bullets = [b for b in document.blocks() if isinstance(b, BulletsBlock)]
    assert len(bullets[0].items) == 6 and len(bullets[1].items) == 5
    assert [document.source(k).label for k in document.cites] == [
        "IWF AI CSAM Report 2026", "IWF 2025 Annual Report", "Stanford Cyberlaw", "Thorn CyberTipline Analysis", "Fortune (April 2026)"]


def test_every_node_keeps_its_position():
    chart = load(EXAMPLE).charts()[1]
    assert chart.origin.path == "sections[1].blocks[1].chart"
    assert chart.origin.line > 1 and chart.origin.file.endswith("briefing.yaml")


def test_text_fields_keep_what_was_written(tmp_path: Path):
    content = tmp_path / "norway.yaml"
    content.write_text("title: NO\nsources: {s: {title: S, publisher: P}}\nsections:\n"
                       "  - title: 2024\n    blocks:\n      - callout: {text: yes, sources: s}\n")
    document = load(content)
    assert document.meta.title == "NO"
    assert document.sections[0].title == "2024"
    assert document.blocks()[0].text == "yes"


def test_minimal_fixture_uses_every_block_type():
    document = load(FIXTURES / "minimal.yaml")
    kinds = {type(b).__name__ for b in document.blocks()}
    assert kinds == {"StatsBlock", "CalloutBlock", "ChartBlock", "TableBlock", "BulletsBlock"}
    chart = next(b for b in document.blocks() if isinstance(b, ChartBlock))
    assert chart.kind == "hbar" and len(chart.series) == 2
    assert chart.format.format(120.5) == "£120.5m"


def test_all_errors_of_a_file_are_reported_at_once(tmp_path: Path):
    content = tmp_path / "many.yaml"
    content.write_text(
        "title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n"
        "      - chrt: {}\n      - callout: {text: X, sources: [nope]}\n      - stats: {cards: [{value: ten, label: L, source: s}]}\n")
    with pytest.raises(ContentError) as caught:
        load(content)
    lines = [(d.line, d.message.split(" ")[0]) for d in caught.value.diagnostics]
    assert lines == [(6, "unknown"), (7, "source"), (8, "expected")]


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_gives_its_message(fixture: Path, monkeypatch):
    monkeypatch.chdir(fixture.parent)
    with pytest.raises(ContentError) as caught:
        load(fixture.name)
    text = str(caught.value)
    for expected in fixture.with_suffix(".expect").read_text(encoding="utf-8").splitlines():
        assert expected in text


def test_bad_corpus_is_not_empty():
    assert len(BAD) >= 15
    assert all(p.with_suffix(".expect").exists() for p in BAD)
