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
from generator.build import TEST_PAUSE_VARIABLE, build, sweep_stale_partials, write_atomically
from generator.writers import Options, Output

from .conftest import EXAMPLE, FIXTURES, ROOT, run_cli


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


def test_deck_text_that_cannot_fit_is_reported_against_its_block(tmp_path: Path):
    result = build(FIXTURES / "long-cells.yaml", tmp_path, ("pptx",))
    messages = [str(w) for w in result.warnings]
    assert any("long-cells.yaml:8:11: warning: deck slide 2: text does not fit the slide" in m for m in messages)
    assert any("[sections[0].blocks[2].bullets]" in m for m in messages)
    assert build(EXAMPLE, tmp_path, ("pptx",)).warnings == []


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
    assert len(kills) >= 4, report  # a spread moment may land after a fast build has finished
    assert any(entry[2] for entry in kills), "no kill landed while a temporary was on disk"

    assert run_cli("build", str(content), "--out", str(out)).returncode == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == new


def _kill_build_at(content: Path, out: Path, moment) -> tuple[bool, list[str]]:
    """Start a build and SIGKILL it after `moment` seconds, or once a temporary of the named
    output exists; returns whether it was killed mid-run and the temporaries it left."""
    before = set(out.iterdir())
    env = {**os.environ, TEST_PAUSE_VARIABLE: str(KILL_PAUSE)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(content), "--out", str(out)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
