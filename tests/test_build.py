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
    result = build(content, tmp_path, ("pdf",))
    assert len(result.warnings) == 1
    warning = str(result.warnings[0])
    assert "U+1F4C8" in warning and "warning:" in warning and "[sections[1].blocks[2].bullets]" in warning
    assert build(FIXTURES / "minimal.yaml", tmp_path, ("pdf",)).warnings == []


def test_deck_text_longer_than_a_slide_continues_and_each_split_is_reported(tmp_path: Path):
    from .readback import deck, slide_texts

    result = build(FIXTURES / "long-cells.yaml", tmp_path, ("pptx",))
    assert [w for w in result.warnings if w.level != "note"] == []
    notes = [str(w) for w in result.warnings]
    assert any('long-cells.yaml:8:11: note: Table 1 "Huge" continues over ' in m for m in notes)
    assert any("[sections[0].blocks[2].bullets] (slides " in m for m in notes)
    words = sum(text.count("word") for slide in deck(tmp_path / "long-cells.pptx").slides for text in slide_texts(slide))
    assert words == 3 * 1200
    assert build(EXAMPLE, tmp_path, ("pptx",)).warnings == []
