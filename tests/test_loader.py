"""The loader turns content into the model, and bad content into positioned messages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.errors import ContentError, Unreadable
from generator.content import yaml_text as loader_module
from generator.content import load
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
    assert kinds == {"StatsBlock", "CalloutBlock", "ChartBlock", "TableBlock", "BulletsBlock", "TextBlock", "ImageBlock",
                     "ColumnsBlock"}
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
def test_bad_fixture_gives_exactly_its_messages(fixture: Path, monkeypatch):
    monkeypatch.chdir(fixture.parent)
    with pytest.raises(ContentError) as caught:
        load(fixture.name)
    lines = [line.strip() for line in str(caught.value).splitlines()]
    assert lines == fixture.with_suffix(".expect").read_text(encoding="utf-8").splitlines()


def test_bad_corpus_covers_the_hostile_cases():
    assert len(BAD) >= 25
    assert all(p.with_suffix(".expect").exists() for p in BAD)


def test_every_bad_fixture_message_has_a_place_unless_the_whole_file_is_at_fault(monkeypatch):
    monkeypatch.chdir(FIXTURES / "bad")
    for fixture in BAD:
        with pytest.raises(ContentError) as caught:
            load(fixture.name)
        assert all(d.line >= 1 and d.column >= 1 for d in caught.value.diagnostics), fixture.name


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path: Path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as stream:  # 25 MB of valid-looking YAML
        stream.write(b"title: T\nsources: {s: {title: S, publisher: P}}\nkeywords:\n")
        line = b"  - a keyword that is repeated a great many times\n"
        stream.write(line * (25 * 2**20 // len(line) + 1))
    assert huge.stat().st_size > 25 * 10**6
    with pytest.raises(ContentError) as caught:
        load(huge)
    assert str(caught.value) == (f"{huge}: error: the file is 25.0 MB; content files are limited to 5 MB\n"
                                 "  hint: a briefing's content is a few kilobytes: check that this is the right file")


@pytest.mark.parametrize("kind", ["fifo", "character device", "socket"])
def test_anything_but_a_regular_file_is_refused_unopened(kind: str, tmp_path: Path):
    """Opening a FIFO waits for a writer and a device never ends: they are refused before any open."""
    import socket

    path = tmp_path / "content.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    else:
        path = Path("/dev/zero")
    expected = {"fifo": "a named pipe (FIFO)", "character device": "a character device", "socket": "a socket"}[kind]
    with pytest.raises(Unreadable) as caught:
        load(path)
    assert str(caught.value) == f"{path}: error: this is {expected}, expected a content file"


def test_an_unreadable_path_exits_2_from_every_command(tmp_path: Path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for command in (["build", str(fifo), "--out", str(tmp_path / "out")], ["check", str(fifo)], ["preview", str(fifo)]):
        result = subprocess.run([sys.executable, "-m", "generator", *command], capture_output=True, text=True, timeout=60)
        assert result.returncode == 2, command
        assert "this is a named pipe (FIFO), expected a content file" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_path_that_does_not_exist(tmp_path: Path):
    with pytest.raises(ContentError) as caught:
        load(tmp_path / "nowhere.yaml")
    assert str(caught.value) == f"{tmp_path / 'nowhere.yaml'}: error: no such file"
    with pytest.raises(ContentError, match="this is a folder, expected a content file"):
        load(tmp_path)


@pytest.mark.parametrize("loader", [loader_module.YAML_LOADER, yaml.SafeLoader], ids=["default", "pure-python"])
@pytest.mark.parametrize("name", ["alias-bomb", "alias-loop", "deep-flow", "deep-block"])
def test_alias_bombs_and_deep_nesting_fail_fast_with_either_parser(name: str, loader, monkeypatch):
    monkeypatch.setattr(loader_module, "YAML_LOADER", loader)
    with pytest.raises(ContentError) as caught:
        load(FIXTURES / "bad" / f"{name}.yaml")
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.line >= 1 and ("alias" in diagnostic.message or "nests too deeply" in diagnostic.message)


def test_a_wider_alias_bomb_is_stopped_at_the_alias_that_tips_it(tmp_path: Path):
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 50) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 50) + "]" for i in range(1, 12)]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\ntitle: T\n")
    with pytest.raises(ContentError, match=r"bomb.yaml:3:\d+: error: aliases expand the content past 100,000 values"):
        load(bomb)


def test_a_few_aliases_are_still_allowed(tmp_path: Path):
    content = tmp_path / "aliases.yaml"
    content.write_text("title: T\nsources: {s: &src {title: S, publisher: P}, t: *src}\nsections:\n"
                       "  - title: A\n    blocks:\n      - callout: &c {text: X, sources: [s]}\n      - callout: *c\n")
    assert len(load(content).blocks()) == 2


PAYLOADS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
    "!!python/object/apply:subprocess.Popen [['touch', '{marker}']]",
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=["os.system", "check_call", "Popen"])
def test_tags_that_would_construct_objects_run_nothing(payload: str, tmp_path: Path):
    marker = tmp_path / "executed"
    content = tmp_path / "hostile.yaml"
    content.write_text(f"title: {payload.format(marker=marker)}\nsources: {{s: {{title: S, publisher: P}}}}\n"
                       "sections:\n  - title: A\n    blocks:\n      - callout: {text: X, sources: [s]}\n")
    with pytest.raises(ContentError, match=r"hostile.yaml:1:8: error: the tag !!python/object/(apply|new):"):
        load(content)
    assert not marker.exists()
    yaml.unsafe_load(content.read_text())  # the control: an unsafe YAML loader does run the payload
    _wait_for(marker)


def _wait_for(path: Path, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def test_an_alias_across_documents_is_reported_not_raised(tmp_path: Path):
    content = tmp_path / "two.yaml"
    content.write_text("--- &a [1]\n--- *a\n")
    with pytest.raises(ContentError, match=r"two.yaml:2:1: error: YAML syntax: expected a single document"):
        load(content)


def test_a_line_break_or_tab_inside_text_reads_as_a_space(tmp_path: Path):
    """A PDF paragraph shows a line break as a space; chart labels and slides now read it the same way,
    rather than drawing a missing glyph."""
    content = tmp_path / "breaks.yaml"
    content.write_text('title: "Two\\nlines"\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n'
                       '      - chart: {title: C, categories: ["a\\tb", "c \\n d"], series: [{name: "x\\ny", values: [1, 2]}],'
                       ' format: {suffix: "\\n%"}, sources: [s]}\n')
    document = load(content)
    chart = document.charts()[0]
    assert document.meta.title == "Two lines"
    assert chart.categories == ("a b", "c d") and chart.series[0].name == "x y" and chart.format.suffix == " %"
