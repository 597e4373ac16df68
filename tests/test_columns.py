"""The columns block: two blocks side by side, read back from both outputs as a reader meets them.

tests/fixtures/columns.yaml is a briefing an analyst would write: a chart beside its takeaways, a
table read from a file beside a text block, stat cards (one bound to the nested table) beside a
chart of long, accented labels, and a callout beside a list kept to the deck.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.build import prepare
from generator.content import load
from generator.model import ChartBlock, ColumnsBlock, StatsBlock
from generator.theme import DEFAULT_THEME, ColumnStyle
from generator.writers import Options

from .conftest import FIXTURES, build_into, run_cli
from .readback import flat, notes_text, pdf_collisions, slide_texts
from .test_deck_template import make_template

COLUMNS = FIXTURES / "columns.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_into(COLUMNS, tmp_path_factory.mktemp("columns"))


def _words(pdf_bytes_or_path, phrase: str) -> list[tuple[int, float, float]]:
    """(page, x, top) of each place the phrase's first word starts a run of its words."""
    first, found = phrase.split()[0], []
    source = pdf_bytes_or_path if isinstance(pdf_bytes_or_path, Path) else io.BytesIO(pdf_bytes_or_path)
    with pdfplumber.open(source) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words()
            for index, word in enumerate(words):
                following = " ".join(w["text"] for w in words[index:index + len(phrase.split())])
                if word["text"] == first and following == phrase:
                    found.append((number, word["x0"], word["top"]))
    return found


def test_the_fixture_is_clean_and_its_nested_blocks_are_blocks_of_the_document():
    result = run_cli("check", str(COLUMNS))
    assert result.returncode == 0 and result.stdout.strip().endswith("0 errors, 0 warnings, 0 notes"), result.stdout + result.stderr
    document = load(COLUMNS)
    kinds = [type(block).__name__ for block in document.blocks()]
    assert kinds.count("ColumnsBlock") == 4 and "TableBlock" in kinds and "TextBlock" in kinds
    chart = next(b for b in document.charts() if b.id == "spending")
    bound = next(stat for b in document.blocks() if isinstance(b, StatsBlock) for stat in b.stats if stat.bound_to)
    assert bound.value == chart.series[1].values[2] == 150 and bound.source == "audit"  # bound to the nested chart


def test_the_pdf_prints_the_two_blocks_side_by_side(built):
    chart = _words(built.pdf, "Figure 1. Spending by region")
    bullets = _words(built.pdf, "Three takeaways")
    assert len(chart) == len(bullets) == 1
    (page_a, x_a, top_a), (page_b, x_b, top_b) = chart[0], bullets[0]
    assert page_a == page_b and abs(top_a - top_b) < 2 and x_b - x_a > 200  # same band, the right column
    table, prose = _words(built.pdf, "Table 1. Regional totals")[0], _words(built.pdf, "What the table shows")[0]
    assert table[0] == prose[0] and abs(table[2] - prose[2]) < 2 and prose[1] > table[1] + 200
    assert pdf_collisions(built.pdf) == (0, 0)


def test_figures_are_numbered_in_reading_order_and_every_source_and_file_is_listed(built):
    text = flat(" ".join(page.extract_text() for page in PdfReader(built.pdf).pages))
    assert text.index("Figure 1. Spending by region") < text.index("Table 1. Regional totals") < text.index("Figure 2. Services")
    assert "Figure 3" not in text and "Questions for the room" not in text  # kept to the deck
    for entry in ("1. Annual Audit 2025 (June 2025) — Audit Office.", "2. Household Survey 2025 — Statistics Office",
                  "3. Regional Census of Services — Office for Regional Statistics"):
        assert entry in text
    assert "Table 1. Regional totals from the audit file: data-files/data/regions.csv, sha256" in text
    assert "Source: Census [3]" in text and "Source: Audit [1]" in text
    assert "£150m" in text and "131M" in text  # cards bound to a nested chart and a nested table
    outline = [item.title for item in PdfReader(built.pdf).outline if not isinstance(item, list)]
    nested = [item.title for item in PdfReader(built.pdf).outline if isinstance(item, list) for item in item]
    assert "Overview" in outline and nested[:1] == ["Figure 1. Spending by region"]


def test_the_deck_shows_both_blocks_on_one_slide_in_its_left_and_right_halves(built):
    deck = Presentation(str(built.pptx))
    width, height = deck.slide_width, deck.slide_height
    slide = next(s for s in deck.slides if any("Three takeaways" in t for t in slide_texts(s)))
    texts = " ".join(slide_texts(slide))
    assert "Spending by region" in texts and "Spending grew fastest in the East" in texts
    chart = next(s for s in slide.shapes if s.name == "Chart: Spending by region")
    takeaways = next(s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith("East"))
    assert chart.left + chart.width <= width / 2 <= takeaways.left
    for shape in slide.shapes:
        assert shape.left >= 0 and shape.top >= 0 and shape.left + shape.width <= width and shape.top + shape.height <= height
    notes = notes_text(slide)
    assert notes.startswith("Start with the chart") and "East overtook North in 2024." in notes and "[1] Annual Audit 2025" in notes
    assert notes.count("Sources:") == 1  # both blocks cite the audit: listed once
    table_slide = next(s for s in deck.slides if any("What the table shows" in t for t in slide_texts(s)))
    assert "Data: data-files/data/regions.csv, sha256 " in notes_text(table_slide)
    assert any("Questions for the room" in t for s in deck.slides for t in slide_texts(s))  # `only: deck` kept there


def test_the_deck_plan_of_the_fixture_has_nothing_cut_or_overlapping():
    prepared = prepare(COLUMNS, ("pptx",))
    assert [f for f in prepared.findings if f.level != "note"] == []
    assert not [f for f in prepared.findings if "continues" in f.message]


def test_a_narrow_page_prints_the_blocks_one_after_the_other():
    theme = replace(DEFAULT_THEME, columns=ColumnStyle(min_width=300.0))
    pdf = prepare(COLUMNS, ("pdf",), theme=theme).outputs["pdf"].data
    (page_a, x_a, top_a), (page_b, x_b, top_b) = _words(pdf, "Figure 1. Spending by region")[0], _words(pdf, "Three takeaways")[0]
    assert abs(x_a - x_b) < 2 and (page_b, top_b) > (page_a, top_a)
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert text.index("Figure 1.") < text.index("Table 1.") < text.index("Figure 2.") and "Figure 3" not in text


TALL = """title: A pair too tall for a page
sources: {audit: {title: Annual Audit, publisher: Audit Office}}
sections:
  - title: Overview
    blocks:
      - columns:
          - chart:
              title: Spending by region
              categories: [North, South, East]
              series: [{values: [131, 101, 150]}]
              sources: audit
          - bullets:
              title: Forty findings
              items: [%s]
              sources: audit
      - chart: {title: After the pair, categories: [a, b], series: [{values: [1, 2]}], sources: audit}
"""


def test_a_pair_too_tall_for_a_page_or_a_half_slide_is_shown_block_by_block(tmp_path):
    content = tmp_path / "tall.yaml"
    items = ", ".join(f'"Finding number {n}, which takes a line or two to say in full on the page"' for n in range(40))
    content.write_text(TALL % items, encoding="utf-8")
    built = build_into(content, tmp_path)
    chart, bullets = _words(built.pdf, "Figure 1. Spending by region")[0], _words(built.pdf, "Forty findings")[0]
    assert abs(chart[1] - bullets[1]) < 2 and (bullets[0], bullets[2]) > (chart[0], chart[2])
    assert _words(built.pdf, "Figure 2. After the pair")
    deck = Presentation(str(built.pptx))
    headlines = [slide.shapes[0].text_frame.text for slide in deck.slides if slide.shapes and slide.shapes[0].has_text_frame]
    assert "Spending by region" in headlines and "Forty findings (cont.)" in headlines
    result = run_cli("check", str(content))
    assert ("note: The columns block, shown block by block as one of them does not fit half a slide, continues over 4 slides"
            in result.stdout + result.stderr)


def test_a_nested_chart_is_laid_out_for_its_column_and_checked_there(tmp_path):
    content = tmp_path / "crowded.yaml"
    labels = ", ".join(f"Municipality of Saint-Étienne number {n}" for n in range(12))
    content.write_text(TALL.replace("[North, South, East]", f"[{labels}]").replace("[131, 101, 150]", "[" + ", ".join(["5"] * 12) + "]")
                       % '"One"', encoding="utf-8")
    prepared = prepare(content)
    chart = next(b for b in prepared.document.blocks() if isinstance(b, ChartBlock))
    assert chart.kind == "bar"
    assert any("drawn as horizontal bars" in f.message for f in prepared.findings)
    assert not prepared.errors


def test_a_template_with_two_content_gives_the_pair_that_layout(tmp_path):
    template = make_template(tmp_path / "house.pptx")
    out = tmp_path / "out"
    result = run_cli("build", str(COLUMNS), "--out", str(out), "--template", str(template), "--format", "pptx")
    assert result.returncode == 0, result.stderr
    deck = Presentation(str(out / "columns.pptx"))
    layouts = [slide.slide_layout.name for slide in deck.slides]
    assert layouts.count("Two Content") == 4
    pair = deck.slides[layouts.index("Two Content")]
    assert pair.shapes.title.text == "Spending grew fastest in the East"
    assert not [s for s in pair.placeholders if s.placeholder_format.idx != 0]  # the layout's content boxes are removed


def test_nested_columns_are_refused_with_their_place_and_what_was_expected(tmp_path):
    result = run_cli("build", str(FIXTURES / "bad" / "columns-nested.yaml"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert ("columns-nested.yaml:15:15: error: a columns block cannot hold another columns block; expected one of stats, "
            "chart, table, bullets, callout, text, image [sections[0].blocks[0].columns.blocks[1]]") in result.stderr
    assert not list(tmp_path.iterdir())


def test_the_mapping_and_the_list_forms_read_alike():
    document = load(COLUMNS)
    pairs = [b for b in document.blocks() if isinstance(b, ColumnsBlock)]
    assert pairs[0].title == "Spending grew fastest in the East" and pairs[0].notes
    assert all(len(pair.blocks) == 2 for pair in pairs) and pairs[1].title is None
    assert pairs[1].blocks[0].origin.path == "sections[1].blocks[0].columns[0].table"
    assert pairs[0].blocks[0].origin.path == "sections[0].blocks[0].columns.blocks[0].chart"


def test_a_section_heading_moves_on_with_the_pair_after_it():
    """On Letter the second section's pair does not fit under its heading on page 1: both move on
    (the heading's room counts the space the frame puts above the pair)."""
    pdf = prepare(COLUMNS, ("pdf",), Options(page_size="Letter")).outputs["pdf"].data
    heading, table = _words(pdf, "Regions in detail")[0], _words(pdf, "Table 1. Regional totals")[0]
    assert heading[0] == table[0] == 2


def test_a_nested_block_is_checked_and_its_finding_placed_on_its_page_and_slide(tmp_path):
    content = tmp_path / "glyphs.yaml"
    content.write_text("""title: Glyphs
sources: {audit: {title: Annual Audit, publisher: Audit Office}, spare: {title: Spare, publisher: Nobody}}
sections:
  - title: Overview
    blocks:
      - columns:
          - callout: {text: The East grew fastest., sources: audit}
          - bullets: {title: Names, items: [王小明 leads the East]}
""", encoding="utf-8")
    result = run_cli("check", str(content))
    assert result.returncode == 1
    assert (f"{content}:8:22: error: Carlito cannot draw '王' (U+738B), '小' (U+5C0F), '明' (U+660E) in '王小明 leads the East'; "
            "they would print as nothing [sections[0].blocks[0].columns[1].bullets] (page 1, slide 2)") in result.stdout + result.stderr
    assert "source 'spare' (Spare) is cited by nothing" in result.stdout + result.stderr
    assert "source 'audit'" not in result.stdout + result.stderr  # cited by the nested callout


def test_a_pair_printed_one_after_the_other_reports_nothing_about_its_columns(tmp_path):
    content = tmp_path / "crowded.yaml"
    labels = ", ".join(f"Municipality of Saint-Étienne number {n}" for n in range(12))
    content.write_text(TALL.replace("[North, South, East]", f"[{labels}]").replace("[131, 101, 150]", "[" + ", ".join(["5"] * 12) + "]")
                       % ", ".join(f'"Finding number {n}, which takes a line or two to say in full on the page"' for n in range(40)), encoding="utf-8")
    findings = prepare(content, ("pdf",)).findings  # the pair is too tall for a page: printed one block after the other
    assert not any("in its column" in f.message for f in findings)
