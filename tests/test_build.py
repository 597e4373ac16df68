"""A build as a whole: same bytes every time, and nothing lost when something fails."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import Refused, build
from generator.outputs import sweep_stale_partials, write_atomically
from generator.writers import Options, Output

from .conftest import EXAMPLE, FIXTURES, ROOT, run_cli
from .conftest import images_beside


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
    images_beside(content)
    written = build(content, tmp_path / "deep" / "out", ("pdf",), Options(page_size="A4")).written
    assert [w.path.name for w in written] == ["pack.pdf"]


def test_characters_the_typeface_lacks_are_reported_with_their_place(tmp_path: Path):
    content = tmp_path / "glyphs.yaml"
    images_beside(content)
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    content.write_text(text.replace("Wages rose faster than prices", "Wages rose 📈 faster than prices"), encoding="utf-8")
    with pytest.raises(Refused):
        build(content, tmp_path, ("pdf",))  # text that would print as nothing is an error: only --force builds it
    glyphs = [f for f in build(content, tmp_path, ("pdf",), force=True).findings if "cannot draw" in f.message]
    assert len(glyphs) == 1
    error = str(glyphs[0])
    assert "U+1F4C8" in error and "error:" in error and "[sections[1].blocks[2].bullets]" in error
    assert not [f for f in build(FIXTURES / "minimal.yaml", tmp_path, ("pdf",)).findings if "cannot draw" in f.message]


def test_a_place_with_many_texts_the_typeface_lacks_is_one_finding_naming_each_character_once(tmp_path: Path):
    content = tmp_path / "names.yaml"
    images_beside(content)
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    content.write_text(text.replace("Wages rose faster than prices", "王小明 and 王小红").replace("a new hospital opened", "王小明"),
                       encoding="utf-8")
    glyphs = [f for f in build(content, tmp_path, ("pdf",), force=True).findings if "cannot draw" in f.message]
    assert len(glyphs) == 1, glyphs
    assert glyphs[0].message.count("U+738B") == 1 and "U+7EA2" in glyphs[0].message


def test_right_to_left_text_is_refused_by_name_not_printed_scrambled(tmp_path: Path):
    content = tmp_path / "rtl.yaml"
    images_beside(content)
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    content.write_text(text.replace("Wages rose faster than prices", "שלום and مرحبا"), encoding="utf-8")
    findings = [f for f in build(content, tmp_path, ("pdf",), force=True).findings if f.level == "error"]
    assert len(findings) == 1 and "right-to-left" in findings[0].message and "cannot draw" not in findings[0].message


def test_deck_text_longer_than_a_slide_continues_and_each_split_is_reported(tmp_path: Path):
    from .readback import deck, slide_texts

    result = build(FIXTURES / "long-cells.yaml", tmp_path, ("pptx",))
    assert [w for w in result.findings if w.level != "note" and "continues over" not in w.message] == []
    notes = [str(w) for w in result.findings]
    assert any('long-cells.yaml:8:11: note: Table 1 "Huge" continues over ' in m for m in notes)
    assert any("[sections[0].blocks[2].bullets] (slides " in m for m in notes)
    words = sum(text.count("word") for slide in deck(tmp_path / "long-cells.pptx").slides for text in slide_texts(slide))
    assert words == 3 * 1200
    assert build(EXAMPLE, tmp_path, ("pptx",)).findings == []


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
    images_beside(changed)
    changed.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("Minimal briefing", "Minimal briefing 2"), encoding="utf-8")
    assert PdfReader(build(changed, tmp_path / "c", ("pdf",)).written[0].path).trailer["/ID"] != first_id


def test_stale_temporaries_of_dead_builds_are_swept_and_nothing_else(tmp_path: Path):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead, alive = int(finished.stdout), os.getpid()
    names = {
        f".pack.pdf.{dead}.k3j_x9.partial": "removed",    # left by a build that was killed
        f".pack.pptx.{dead}.a1b2c3.partial": "removed",
        f".pack.pdf.{alive}.q8w7e6.partial": "kept",      # a build still writing
        ".pack.pdf.notes": "kept", "pack.partial": "kept", f".other.pdf.{dead}.zz.partial": "kept",
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    for suffix in ("pdf", "pptx"):
        sweep_stale_partials(tmp_path / f"pack.{suffix}")
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {name for name, fate in names.items() if fate == "kept"}


def test_a_build_sweeps_what_a_killed_build_left(tmp_path: Path):
    content = tmp_path / "pack.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", content)
    images_beside(content)
    out = tmp_path / "out"
    out.mkdir()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / f".pack.pptx.{int(finished.stdout)}.abc123.partial").write_bytes(b"PK half a deck")
    build(content, out, ("pdf",))
    assert sorted(p.name for p in out.iterdir()) == ["pack.pdf"]


KILL_PAUSE = 0.4  # seconds each write waits before its rename, to widen the window a kill can land in


def test_a_build_killed_at_any_moment_leaves_whole_files_and_the_next_build_leaves_no_strays(tmp_path: Path):
    """SIGKILL a real build at moments spread over its run, and twice while a temporary sits on disk.

    After each kill every output is either its previous bytes or the complete new bytes (the PDF
    may already be new while the deck is still old); a temporary may remain until the next build,
    which must sweep it."""
    content = tmp_path / "pack.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", content)
    images_beside(content)
    out, reference = tmp_path / "out", tmp_path / "reference"
    assert run_cli("build", str(content), "--out", str(out)).returncode == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    content.write_text(content.read_text(encoding="utf-8").replace("Minimal briefing", "Minimal briefing, revised"), encoding="utf-8")
    started = time.monotonic()
    assert run_cli("build", str(content), "--out", str(reference)).returncode == 0
    duration = time.monotonic() - started + 2 * KILL_PAUSE
    new = {p.name: p.read_bytes() for p in reference.iterdir()}
    assert set(new) == set(old) and all(new[name] != old[name] for name in new)

    report = []
    moments = [duration * fraction for fraction in (0.2, 0.5, 0.7, 0.9)] + ["pack.pdf", "pack.pptx"]
    for moment in moments:
        for name, data in old.items():
            (out / name).write_bytes(data)
        killed, strays = _kill_build_at(content, out, moment)
        state = {}
        for name in old:
            data = (out / name).read_bytes()
            assert data in (old[name], new[name]), f"{name} is neither the old nor the new file after a kill at {moment}"
            state[name] = "new" if data == new[name] else "old"
        report.append((moment, killed, strays, state))
    kills = [entry for entry in report if entry[1]]
    print(f"kills survived: {len(kills)} of {len(moments)} moments, {sum(bool(entry[2]) for entry in kills)} with a temporary on disk")
    assert len(kills) >= 4, report  # a spread moment may land after a fast build has finished
    assert any(entry[2] for entry in kills), "no kill landed while a temporary was on disk"

    assert run_cli("build", str(content), "--out", str(out)).returncode == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == new


def _kill_build_at(content: Path, out: Path, moment) -> tuple[bool, list[str]]:
    """Start a build and SIGKILL it after `moment` seconds, or once a temporary of the named
    output exists; returns whether it was killed mid-run and the temporaries it left."""
    before = set(out.iterdir())
    paused = [sys.executable, str(ROOT / "tests" / "paused_build.py"), str(KILL_PAUSE)]
    process = subprocess.Popen([*paused, "build", str(content), "--out", str(out)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if isinstance(moment, str):
        deadline = time.monotonic() + 30
        while not any(p.name.startswith(f".{moment}.") for p in out.iterdir()):
            assert time.monotonic() < deadline and process.poll() is None, f"no temporary of {moment} appeared"
            time.sleep(0.005)
    else:
        time.sleep(moment)
    process.send_signal(signal.SIGKILL)
    returncode = process.wait()
    return returncode == -signal.SIGKILL, sorted(p.name for p in set(out.iterdir()) - before if p.name.endswith(".partial"))
