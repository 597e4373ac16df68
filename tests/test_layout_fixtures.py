"""Valid content whose layout breaks a rule: a finding (exit 1) placed in the content, never exit 2.

Each `tests/fixtures/layout/NAME.yaml` has `NAME.expect` beside it, holding the exact lines
`briefing check NAME.yaml` prints (findings, hints and the summary line). The same file built
with `--force` must write both outputs, so a draft can always be made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import FIXTURES, run_cli

LAYOUT = sorted((FIXTURES / "layout").glob("*.yaml"))


@pytest.mark.parametrize("fixture", LAYOUT, ids=lambda p: p.stem)
def test_layout_fixture_gives_exactly_its_findings(fixture: Path):
    result = run_cli("check", fixture.name, cwd=fixture.parent)
    assert "Traceback" not in result.stdout + result.stderr
    shown = [line.strip() for line in result.stdout.splitlines()]
    assert shown == fixture.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
    assert result.returncode == (1 if any(": error: " in line for line in shown) else 0)


@pytest.mark.parametrize("fixture", LAYOUT, ids=lambda p: p.stem)
def test_layout_fixture_builds_when_forced(fixture: Path, tmp_path: Path):
    result = run_cli("build", fixture.name, "--out", str(tmp_path), "--force", cwd=fixture.parent)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / f"{fixture.stem}.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / f"{fixture.stem}.pptx").read_bytes().startswith(b"PK")


def test_every_layout_fixture_has_its_expectation():
    assert all(p.with_suffix(".expect").exists() for p in LAYOUT)
