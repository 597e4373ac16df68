"""Real content (tests/fixtures/real-ranking.yaml: a 51-row ranking, 19-row tables, nine, seven and
five stat cards, headings near a page foot, long URLs) read back from both outputs for what a
reader notices at once: a heading alone at a page foot, a split leaving a row or two, a lone card."""

from __future__ import annotations

import pytest

from .conftest import FIXTURES, run_cli
from .layout_probe import headings_at_foot, rows_per_page


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    result = run_cli("build", "real-ranking.yaml", "--out", str(out), cwd=FIXTURES)
    assert result.returncode == 0, result.stderr
    return out / "real-ranking.pdf", out / "real-ranking.pptx", result.stderr


def test_no_page_ends_with_a_heading(real):
    assert headings_at_foot(real[0]) == []


def test_no_page_of_the_large_fixture_ends_with_a_heading(tmp_path):
    result = run_cli("build", "large.yaml", "--out", str(tmp_path), "--format", "pdf", cwd=FIXTURES)
    assert result.returncode == 0, result.stderr
    assert headings_at_foot(tmp_path / "large.pdf") == []


@pytest.mark.parametrize("key", [r"R\d\d", r"G0\d\d", r"G1\d\d", r"G2\d\d", r"G3\d\d", r"G4\d\d"])
def test_a_table_split_leaves_three_rows_or_more_on_each_side(real, key):
    sides = [count for count in rows_per_page(real[0], key) if count]
    assert sides and min(sides) >= 3, sides
