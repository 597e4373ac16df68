"""The deck as LibreOffice draws it: converted to PDF headlessly, every slide a page, every text
there, on its page, and no glyph drawn over another. Skipped only where LibreOffice is absent
(CI installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from .conftest import EXAMPLE, FIXTURES, run_cli
from .readback import deck, pdf_collisions, pdf_pages

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def to_pdf(pptx: Path, out: Path) -> Path:
    """A private profile per conversion, so parallel runs and a user's open LibreOffice never clash."""
    profile = out / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(pptx)], check=True, capture_output=True, timeout=240)
    return out / f"{pptx.stem}.pdf"


def build(content: Path, out: Path, *options: str) -> Path:
    result = run_cli("build", str(content), "--out", str(out), "--format", "pptx", *options)
    assert result.returncode == 0, result.stderr
    about_content = ("on one scale", "continues over")  # warnings about the content itself (a 15-digit figure beside 12), not its layout
    layout = [line for line in result.stderr.splitlines()
              if " error: " in line or (" warning: " in line and not any(words in line for words in about_content))]
    assert layout == [], result.stderr
    return out / f"{content.stem}.pptx"


def shown_texts(slide) -> list[str]:
    """What a slide draws as text: frames and table cells (not a picture's alt text)."""
    found = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    found += [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    return [text for text in found if text.strip()]


@pytest.fixture(scope="module", params=[(EXAMPLE, ()), (FIXTURES / "stress.yaml", ()),
                                        (FIXTURES / "stress.yaml", ("--pptx-charts", "native")),
                                        (EXAMPLE, ("--template", "house.pptx")),
                                        (FIXTURES / "layout" / "deck-15-digit-figure.yaml", ()),
                                        (FIXTURES / "layout" / "deck-long-marking.yaml", ())],
                ids=["example", "stress", "stress-native", "example-template", "15-digit-figure", "long-marking"])
def rendered(request, tmp_path_factory):
    content, options = request.param
    out = tmp_path_factory.mktemp("render")
    if "--template" in options:
        from .test_deck_template import make_template

        options = ("--template", str(make_template(out / "house.pptx")))
    pptx = build(content, out, *options)
    return pptx, to_pdf(pptx, out)


def test_every_slide_is_one_page_with_all_its_text(rendered):
    pptx, pdf = rendered
    slides = list(deck(pptx).slides)
    pages = [set(text.split()) for text in pdf_pages(pdf)]
    assert len(pages) == len(slides)
    for number, (slide, page) in enumerate(zip(slides, pages), 1):  # by word: cards side by side interleave lines
        missing = [word for text in shown_texts(slide) for word in text.split() if word not in page]
        assert not missing, f"slide {number}"


def test_no_text_leaves_its_slide_or_runs_into_other_text(rendered):
    _, pdf = rendered
    assert pdf_collisions(pdf) == (0, 0)
    with pdfplumber.open(pdf) as document:
        for page in document.pages:  # nothing reaches into the footer band but the footer itself
            body = [c for c in page.chars if c["size"] > 12.5 and c["text"].strip()]
            assert all(c["bottom"] <= page.height * 496 / 540 + 1 for c in body), page.page_number


def test_native_chart_labels_read_as_the_content_formats_them(rendered, request):
    pptx, pdf = rendered
    if "native" not in request.node.callspec.id:
        pytest.skip("picture charts carry their labels in the image")
    from generator.content import load

    document = load(FIXTURES / "stress.yaml")
    chart = document.charts()[0]
    text = " ".join(pdf_pages(pdf))
    for series in chart.series:
        for value in series.values:
            assert chart.format.format(value) in text
