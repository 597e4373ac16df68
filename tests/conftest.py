"""Shared fixtures: the example and a small fixture, each built once per test session via the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "briefing.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Built:
    content: Path
    pdf: Path
    pptx: Path


def images_beside(content: Path) -> None:
    """The images minimal.yaml names, beside a copy of it: its image path is relative to the file."""
    shutil.copytree(FIXTURES / "images", content.parent / "images", dirs_exist_ok=True)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd or ROOT)


def build_into(content: Path, out: Path) -> Built:
    result = run_cli("build", str(content), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return Built(content, out / f"{content.stem}.pdf", out / f"{content.stem}.pptx")


@pytest.fixture(scope="session")
def example(tmp_path_factory) -> Built:
    return build_into(EXAMPLE, tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="session")
def minimal(tmp_path_factory) -> Built:
    return build_into(FIXTURES / "minimal.yaml", tmp_path_factory.mktemp("minimal"))
