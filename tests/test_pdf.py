"""The printed briefing, read back with pdfplumber and pypdf."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.loader import load

from .conftest import EXAMPLE, FIXTURES, run_cli
from .readback import SEED_TEXTS, flat, pdf_collisions, pdf_pages


@pytest.fixture(scope="module")
def pages(example) -> list[str]:
    return pdf_pages(example.pdf)


def test_every_figure_label_and_note_of_the_seed_page_is_printed(pages):
    text = flat(" ".join(pages))
    missing = [item for item in SEED_TEXTS if flat(item) not in text]
    assert not missing


def test_a4_with_page_numbers_on_every_page(example, pages):
    reader = PdfReader(example.pdf)
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    total = len(pages)
    assert total >= 2
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text


def test_handling_marking_on_every_page(pages):
    assert all("TLP:CLEAR" in text for text in pages)


def test_charts_are_vector_with_searchable_labels(example):
    with pdfplumber.open(example.pdf) as pdf:
        assert all(not page.images for page in pdf.pages)
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
    for label in ("4,700", "67,000", "485,000", "13", "3,443", "2023", "2025"):
        assert label in words
    text = flat(" ".join(pdf_pages(example.pdf)))
    assert "Figure 1. NCMEC AI-CSAM Reports" in text and "Figure 2. AI-Generated CSAM Videos (IWF)" in text


def test_value_labels_sit_above_their_bars(example):
    """The label of the tallest bar is higher on the page than that of the smallest."""
    with pdfplumber.open(example.pdf) as pdf:
        words = {w["text"]: w for page in pdf.pages[:1] for w in page.extract_words()}
    assert words["485,000"]["top"] < words["67,000"]["top"] < words["4,700"]["top"]


def test_tables_are_set_as_rows_and_columns(example):
    """Each row's cells share a baseline, left to right in column order; numbers are right-aligned."""
    with pdfplumber.open(example.pdf) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words(keep_blank_chars=False)]
    def find(text):
        return next(w for w in words if w["text"] == text)
    for row in (("OpenAI", "32,079", "+9,650%"), ("Netherlands", "83,037", "29%"), ("Poland", "8,077", "3%", "YoY:")):
        cells = [find(t) for t in row]
        assert max(c["top"] for c in cells) - min(c["top"] for c in cells) < 1.5
        assert [c["x0"] for c in cells] == sorted(c["x0"] for c in cells)
    assert abs(find("83,037")["x1"] - find("8,077")["x1"]) < 0.5


def test_source_list_at_the_end_names_every_registry_source(example, pages):
    document = load(EXAMPLE)
    tail = flat(" ".join(pages))
    tail = tail[tail.rindex("Sources Sources:"):]
    for number, source in enumerate(document.sources, 1):
        assert f"{number}. {source.citation()}" in tail


def test_every_chart_and_table_has_its_source_beside_it(pages):
    text = flat(" ".join(pages))
    for title, source in (("NCMEC AI-CSAM Reports", "Source: NCMEC, Thorn"),
                          ("AI-Generated CSAM Videos (IWF)", "Source: IWF 2025 Annual Report"),
                          ("AI Platform Reports to NCMEC (2024)", "Source: NCMEC"),
                          ("CSAM Hosting by Country (2024)", "Source: IWF")):
        start = text.index(title)
        assert source in text[start:start + 700]


def test_metadata_and_embedded_fonts(example):
    reader = PdfReader(example.pdf)
    info = reader.metadata
    assert info.title == "AI-Generated CSAM Threats"
    assert info.subject.startswith("Artificial intelligence is supercharging")
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[font["/BaseFont"]] = "/FontFile2" in descendant["/FontDescriptor"]
    assert fonts and all(fonts.values())
    assert all("Carlito" in name or "Brief" in name for name in fonts)


def test_special_characters_survive(pages):
    text = " ".join(pages)
    for character in "×—·+%":
        assert character in text


def test_no_text_collides_or_leaves_the_page(example, minimal):
    assert pdf_collisions(example.pdf) == (0, 0)
    assert pdf_collisions(minimal.pdf) == (0, 0)


def test_letter_page_size_from_content_or_flag(minimal, tmp_path):
    reader = PdfReader(minimal.pdf)
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]
    assert run_cli("build", str(EXAMPLE), "--out", str(tmp_path), "--format", "pdf", "--page-size", "Letter").returncode == 0
    assert [round(float(v)) for v in PdfReader(tmp_path / "briefing.pdf").pages[0].mediabox[2:]] == [612, 792]


def test_minimal_fixture_prints_formats_and_accents(minimal):
    text = flat(" ".join(pdf_pages(minimal.pdf)))
    for item in ("1.3M", "42.5%", "£131m", "£101.25m", "131M", "+8.7%", "Île-de-Crète", "n/a",
                 "Spending rose in every region for the third year running.", "East — a new hospital opened",
                 "Example Research Unit", "2026-11-25", "https://example.org/survey-2025"):
        assert item in text
    assert re.search(r"Page 1 of \d", text)


def test_a_cell_longer_than_a_page_breaks_inside_its_row(tmp_path):
    result = run_cli("build", str(FIXTURES / "long-cells.yaml"), "--out", str(tmp_path), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(tmp_path / "long-cells.pdf")
    assert len(pages) > 3 and sum(text.count("word") for text in pages) == 3 * 1200
    assert pdf_collisions(tmp_path / "long-cells.pdf") == (0, 0)


def test_a_block_that_cannot_be_laid_out_is_named_with_its_position(tmp_path):
    result = run_cli("build", "too-large-card.yaml", "--out", str(tmp_path / "out"), cwd=FIXTURES)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "too-large-card.yaml:6:16: error: this block is too large to lay out on one PDF page [sections[0].blocks[0].stats]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_bullets_without_own_sources_name_the_briefings_general_sources(pages):
    text = flat(" ".join(pages))
    general = "General sources: IWF AI CSAM Report 2026, IWF 2025 Annual Report, Stanford Cyberlaw, Thorn, Fortune"
    for title in ("How AI Is Being Used by Predators", "What Platforms Are Doing About It"):
        start = text.index(title)
        assert general in text[start:start + 1200]
