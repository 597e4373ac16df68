"""A build as a whole: same bytes every time, and nothing lost when something fails."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import build, write_atomically
from generator.writers import Options, Output

from .conftest import EXAMPLE, FIXTURES


def test_same_content_builds_the_same_bytes(tmp_path: Path, example):
    second = build(EXAMPLE, tmp_path).written
    assert [w.path.read_bytes() for w in second] == [example.pdf.read_bytes(), example.pptx.read_bytes()]


def test_a_writer_failure_leaves_previous_outputs_and_no_stray_files(tmp_path: Path, monkeypatch):
    build(FIXTURES / "minimal.yaml", tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken_writer(name):
        def write(*args):
            if name == "pptx":
                raise RuntimeError("deck writer failed")
            return Output(b"%PDF-new")
        return write

    monkeypatch.setattr(build_module, "get_writer", broken_writer)
    with pytest.raises(RuntimeError):
        build(FIXTURES / "minimal.yaml", tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_atomic_write_replaces_whole_files_and_cleans_up_on_failure(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"

    def failing_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomically(target, b"newer")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_build_creates_the_output_folder(tmp_path: Path):
    content = tmp_path / "pack.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", content)
    written = build(content, tmp_path / "deep" / "out", ("pdf",), Options(page_size="A4")).written
    assert [w.path.name for w in written] == ["pack.pdf"]


def test_characters_the_typeface_lacks_are_reported_with_their_place(tmp_path: Path):
    content = tmp_path / "glyphs.yaml"
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    content.write_text(text.replace("Wages rose faster than prices", "Wages rose 📈 faster than prices"), encoding="utf-8")
    glyphs = [f for f in build(content, tmp_path, ("pdf",)).findings if "cannot draw" in f.message]
    assert len(glyphs) == 1
    warning = str(glyphs[0])
    assert "U+1F4C8" in warning and "warning:" in warning and "[sections[1].blocks[2].bullets]" in warning
    assert not [f for f in build(FIXTURES / "minimal.yaml", tmp_path, ("pdf",)).findings if "cannot draw" in f.message]


def test_deck_text_longer_than_a_slide_continues_and_each_split_is_reported(tmp_path: Path):
    from .readback import deck, slide_texts

    result = build(FIXTURES / "long-cells.yaml", tmp_path, ("pptx",))
    assert [w for w in result.findings if w.level != "note" and "appears in no chart" not in w.message] == []
    notes = [str(w) for w in result.findings]
    assert any('long-cells.yaml:8:11: note: Table 1 "Huge" continues over ' in m for m in notes)
    assert any("[sections[0].blocks[2].bullets] (slides " in m for m in notes)
    words = sum(text.count("word") for slide in deck(tmp_path / "long-cells.pptx").slides for text in slide_texts(slide))
    assert words == 3 * 1200
    assert [f for f in build(EXAMPLE, tmp_path, ("pptx",)).findings if "appears in no chart" not in f.message] == []


def test_errors_found_in_checks_refuse_the_build_unless_forced(tmp_path: Path):
    from dataclasses import replace

    from generator.build import Refused
    from generator.theme import DEFAULT_THEME

    faint = replace(DEFAULT_THEME, palette=replace(DEFAULT_THEME.palette, muted="#B0B0B0"))
    with pytest.raises(Refused) as refused:
        build(FIXTURES / "minimal.yaml", tmp_path, ("pdf",), theme=faint)
    assert any("muted on paper text (#B0B0B0 on #FFFFFF)" in str(f) for f in refused.value.findings)
    assert list(tmp_path.iterdir()) == []
    forced = build(FIXTURES / "minimal.yaml", tmp_path, ("pdf",), theme=faint, force=True)
    assert [w.path.name for w in forced.written] == ["minimal.pdf"]
    assert any(f.level == "error" for f in forced.findings)


def test_source_date_epoch_dates_both_outputs_and_the_content_fingerprints_the_pdf(tmp_path: Path, monkeypatch):
    from pptx import Presentation
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")  # 2025-11-25T00:00:00Z
    pdf, deck = (w.path for w in build(FIXTURES / "minimal.yaml", tmp_path / "a").written)
    assert PdfReader(pdf).metadata["/CreationDate"] == "D:20251125000000+00'00'"
    assert Presentation(deck).core_properties.created.isoformat() == "2025-11-25T00:00:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    pdf, deck = (w.path for w in build(FIXTURES / "minimal.yaml", tmp_path / "b").written)
    assert PdfReader(pdf).metadata["/CreationDate"] == "D:20261125000000+00'00'"  # the content's `date: 2026-11-25`
    assert Presentation(deck).core_properties.modified.isoformat() == "2026-11-25T00:00:00"
    first_id = PdfReader(pdf).trailer["/ID"]
    changed = tmp_path / "changed.yaml"
    changed.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("Minimal briefing", "Minimal briefing 2"), encoding="utf-8")
    assert PdfReader(build(changed, tmp_path / "c", ("pdf",)).written[0].path).trailer["/ID"] != first_id
