"""The layout fixtures (tests/fixtures/layout/) read back from the PDF as a reader sees them:
what was too large or too long is laid out on sane pages, or is a finding with a scaled draft."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from .conftest import FIXTURES, run_cli

LAYOUT = FIXTURES / "layout"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build a layout fixture's PDF (forced) once, and open it."""
    out = tmp_path_factory.mktemp("layout")
    opened = {}

    def open_pdf(name: str):
        if name not in opened:
            result = run_cli("build", f"{name}.yaml", "--out", str(out), "--format", "pdf", "--force", cwd=LAYOUT)
            assert result.returncode == 0, result.stderr
            opened[name] = pdfplumber.open(out / f"{name}.pdf")
        return opened[name]

    yield open_pdf
    for pdf in opened.values():
        pdf.close()


def _lines(page) -> list[str]:
    return (page.extract_text() or "").splitlines()


def test_a_table_with_one_long_word_stays_on_the_portrait_page_and_breaks_the_word(built):
    pdf = built("table-long-word")
    assert len(pdf.pages) == 1
    page = pdf.pages[0]
    assert page.width < page.height  # portrait, not a landscape page of its own
    text = "".join(page.extract_text().split())
    assert "x" * 500 in text  # every character printed, the word broken over lines inside its cell
    xs = [c for c in page.chars if c["text"] == "x"]
    assert max(c["x1"] for c in xs) < page.width - 50  # inside the frame
