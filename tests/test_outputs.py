"""A build's files are written all or none: never a new PDF beside an old deck."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import outputs
from generator.outputs import OutputError, check_targets, write_all

from .conftest import FIXTURES, run_cli


def _old(folder: Path) -> dict[str, bytes]:
    files = {"pack.pdf": b"%PDF-old", "pack.pptx": b"PK-old"}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_a_folder_in_place_of_an_output_is_refused_before_anything_is_written(tmp_path: Path):
    (tmp_path / "minimal.pptx").mkdir()
    (tmp_path / "minimal.pdf").write_bytes(b"%PDF-old")
    result = run_cli("build", str(FIXTURES / "minimal.yaml"), "--out", str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "minimal.pptx is a folder, so it cannot be replaced by the output; nothing was written" in result.stderr
    assert (tmp_path / "minimal.pdf").read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal.pdf", "minimal.pptx"]  # no temporary left


def test_check_targets_passes_files_and_missing_paths(tmp_path: Path):
    (tmp_path / "a.pdf").write_bytes(b"x")
    check_targets([tmp_path / "a.pdf", tmp_path / "b.pptx"])
    with pytest.raises(OutputError, match="is a folder"):
        check_targets([tmp_path])


def test_a_failed_rename_puts_back_what_was_already_replaced(tmp_path: Path, monkeypatch):
    old = _old(tmp_path)
    real = os.replace
    calls = []

    def failing(source, target):
        calls.append(target)
        if str(target).endswith("pack.pptx") and str(source).endswith(".partial") and "backup" not in str(source):
            raise PermissionError(13, "Permission denied", str(target))
        return real(source, target)

    monkeypatch.setattr(outputs.os, "replace", failing)
    with pytest.raises(PermissionError):
        write_all({tmp_path / "pack.pdf": b"%PDF-new", tmp_path / "pack.pptx": b"PK-new"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old  # the PDF is the old one again, nothing left over


def test_a_failed_rename_removes_an_output_that_had_no_previous_file(tmp_path: Path, monkeypatch):
    real = os.replace

    def failing(source, target):
        if str(target).endswith("pack.pptx"):
            raise OSError(28, "No space left on device")
        return real(source, target)

    monkeypatch.setattr(outputs.os, "replace", failing)
    with pytest.raises(OSError):
        write_all({tmp_path / "pack.pdf": b"%PDF-new", tmp_path / "pack.pptx": b"PK-new"})
    assert list(tmp_path.iterdir()) == []


def test_a_failed_temporary_writes_nothing(tmp_path: Path, monkeypatch):
    old = _old(tmp_path)
    real = outputs.tempfile.mkstemp

    def failing(prefix, suffix, dir):
        if prefix.startswith(".pack.pptx."):
            raise OSError(28, "No space left on device")
        return real(prefix=prefix, suffix=suffix, dir=dir)

    monkeypatch.setattr(outputs.tempfile, "mkstemp", failing)
    with pytest.raises(OSError):
        write_all({tmp_path / "pack.pdf": b"%PDF-new", tmp_path / "pack.pptx": b"PK-new"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old


def test_write_all_replaces_every_target_and_leaves_no_backup(tmp_path: Path):
    _old(tmp_path)
    write_all({tmp_path / "pack.pdf": b"%PDF-new", tmp_path / "pack.pptx": b"PK-new"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"pack.pdf": b"%PDF-new", "pack.pptx": b"PK-new"}
