"""Real content (tests/fixtures/real-ranking.yaml: a 51-row ranking, 19-row tables, nine, seven and
five stat cards, headings near a page foot, long URLs) read back from both outputs for what a
reader notices at once: a heading alone at a page foot, a split leaving a row or two, a lone card."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from pptx import Presentation

from .conftest import EXAMPLE, FIXTURES, run_cli
from .layout_probe import card_cover, card_grids, card_rows, gaps_before_figures, headings_at_foot, rows_per_page, slide_fill


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    result = run_cli("build", "real-ranking.yaml", "--out", str(out), cwd=FIXTURES)
    assert result.returncode == 0, result.stderr
    return out / "real-ranking.pdf", out / "real-ranking.pptx", result.stderr


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    out = tmp_path_factory.mktemp("large")
    result = run_cli("build", "large.yaml", "--out", str(out), "--format", "pdf", cwd=FIXTURES)
    assert result.returncode == 0, result.stderr
    return out / "large.pdf"


def pdf_text(path, page: int) -> str:
    with pdfplumber.open(path) as pdf:
        return pdf.pages[page - 1].extract_text() or ""


def test_no_page_ends_with_a_heading(real):
    assert headings_at_foot(real[0]) == []


def test_no_page_of_the_large_fixture_ends_with_a_heading(large):
    assert headings_at_foot(large) == []


@pytest.fixture(scope="module")
def long_pdfs(tmp_path_factory):
    """The long fixtures as PDFs, each built with exit 0 (no block printed scaled to fit)."""
    out = tmp_path_factory.mktemp("long")
    built = {}
    for name in ("long-cells", "charts-real", "heading-foot", "callout-foot"):
        result = run_cli("build", f"{name}.yaml", "--out", str(out), "--format", "pdf", cwd=FIXTURES)
        assert result.returncode == 0 and "scaled to" not in result.stderr, result.stderr
        built[name] = out / f"{name}.pdf"
    return built


@pytest.mark.parametrize("name", ["long-cells", "charts-real", "heading-foot", "callout-foot"])
def test_no_page_of_a_long_fixture_ends_with_a_heading(long_pdfs, name):
    assert headings_at_foot(long_pdfs[name]) == []


def test_a_page_tall_table_under_a_heading_splits_there_leaving_three_rows_or_more_a_side(long_pdfs):
    pdf = long_pdfs["heading-foot"]
    first, second, third, _ = (rows_per_page(pdf, key + r"\d\d") for key in "ABCD")
    for counts in (first, second):
        sides = [count for count in counts if count]
        assert len(sides) == 2 and min(sides) >= 3, counts
    assert first.index(7) == 0  # table 1 starts on page 1, under its heading, rather than move on without it
    assert [count for count in third if count] == [12]  # table 3 moves on whole, its heading with it


def test_a_one_row_table_taller_than_the_room_starts_under_its_heading(long_pdfs):
    text = pdf_text(long_pdfs["long-cells"], 1)
    assert "Table 1. Huge" in text and text.index("Table 1. Huge") > text.index("\nA\n")


@pytest.mark.parametrize("key", [r"R\d\d", r"G0\d\d", r"G1\d\d", r"G2\d\d", r"G3\d\d", r"G4\d\d"])
def test_a_table_split_leaves_three_rows_or_more_on_each_side(real, key):
    sides = [count for count in rows_per_page(real[0], key) if count]
    assert sides and min(sides) >= 3, sides


def test_stat_cards_fall_in_balanced_rows_with_the_lead_on_its_own(real):
    pdf = real[0]
    assert card_rows(pdf, "123.4M 43.4 6.9 72.1 5.8 4.4 69% 40% 1.5".split()) == [1, 4, 4]  # the lead, then 8 as 4 + 4
    assert card_rows(pdf, "31% 18% 12% 44% 27% 9% 63%".split()) == [4, 3]
    assert card_rows(pdf, "2.1% 1.4% 3.8% 0.9% 2.6%".split(), page=2) == [3, 2]


def test_a_stats_blocks_title_is_printed_above_its_cards(real):
    text = pdf_text(real[0], 1)
    assert text.index("Nine figures that frame the year") < text.index("123.4M")
    assert text.index("Seven figures on household needs") < text.index("31%")


def test_nine_cards_without_a_lead_fall_three_by_three(large):
    assert card_rows(large, "2.5M 212 13.4 8,731 38% -27% 4.1K 96.4M 57".split()) == [3, 3, 3]


def test_deck_spreads_the_lead_and_its_cards_evenly(real):
    deck = Presentation(str(real[1]))
    figures = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame
                and shape.text_frame.text in {"123.4M", "43.4", "6.9", "72.1", "5.8", "4.4", "69%", "40%", "1.5"}]
               for slide in deck.slides]
    assert [len(group) for group in figures if group] == [4, 5]  # the lead counts as two of a slide's eight


def test_deck_card_slides_are_balanced_grids_not_thin_rows(real, large):
    """Nine cards with a lead go 2 + 2 and 3 + 2 (the lead two slots wide), seven 4 + 3 and five
    3 + 2 on one slide each; before, one row a slide left most of each slide empty."""
    assert card_grids(real[1]) == [[2, 2], [3, 2], [4, 3], [3, 2]]
    assert min(card_cover(real[1])) > 0.6


def test_the_large_fixtures_card_slides_leave_no_lone_row_of_three(tmp_path):
    result = run_cli("build", "large.yaml", "--out", str(tmp_path), "--format", "pptx", cwd=FIXTURES)
    assert result.returncode == 0, result.stderr
    assert card_grids(tmp_path / "large.pptx") == [[3, 2], [4], [4], [3, 3]]  # nine as 5 + 4, six as 3 + 3


def test_citation_numbers_ascend(real):
    with pdfplumber.open(real[0]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    marks = [[int(n) for n in group.split(", ")] for group in re.findall(r"\[(\d+(?:, \d+)+)\]", text)]
    assert marks and all(group == sorted(group) for group in marks)


def test_a_tables_subtitle_sits_under_its_title_and_its_footnotes_above_the_source_line(real):
    with pdfplumber.open(real[0]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    title = text.index("Table 1. Households reporting an unmet need, by country\n")
    assert text[title:].split("\n")[1] == "Share of households, per cent, ranked from highest to lowest"
    after = text[text.index("R51"):]
    lines = after.split("\n")
    assert lines[1:5] == ["* France excluding Mayotte.", "** Areas under the effective control of the government only.",
                          "Weighted to each country's household population.", "Source: Regional accounts, HNS 2025 [1, 2]"]


def test_a_long_header_wraps_and_keeps_its_number_column_narrow(real):
    with pdfplumber.open(real[0]) as pdf:
        page = pdf.pages[1]
        words = page.extract_words()
    rank = next(word for word in words if word["text"] == "Rank")
    share = next(word for word in words if word["text"] == "Share" and abs(word["top"] - rank["top"]) < 1)
    header = [word for word in words if abs(word["top"] - share["top"]) < 1 and word["x0"] >= share["x0"]]
    change = next(word for word in header if word["text"] == "Change")  # the next column's header
    assert max(word["x1"] for word in header if word["x0"] < change["x0"]) - share["x0"] < 0.25 * (page.width - 2 * 20 * 72 / 25.4)


def test_the_deck_shows_a_tables_subtitle_and_footnotes(real):
    deck = Presentation(str(real[1]))
    texts = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] for slide in deck.slides]
    first = next(n for n, slide in enumerate(texts) if "Households reporting an unmet need, by country" in slide)
    assert "Share of households, per cent, ranked from highest to lowest" in texts[first]
    assert any("* France excluding Mayotte." in text for slide in texts[first:first + 6] for text in slide)


def test_urls_in_the_sources_list_break_only_after_a_slash_dot_query_or_ampersand_with_a_hanging_indent(real):
    with pdfplumber.open(real[0]) as pdf:
        lines = pdf.pages[-1].extract_text_lines()
    number = next(line for line in lines if line["text"].startswith("1. Household needs survey"))
    url = [line for line in lines if line["text"].startswith(("https://", "annex-b"))]
    assert len(url) >= 4  # the first URL wraps
    assert all(line["x0"] > number["x0"] + 10 for line in url)
    assert all(line["text"][-1] in "/.?&" for line, after in zip(url, url[1:]) if not after["text"].startswith("https://"))
    deck = Presentation(str(real[1]))
    paragraphs = [p for shape in deck.slides[len(deck.slides) - 1].shapes if shape.has_text_frame
                  for p in shape.text_frame.paragraphs]
    texts = [p.text for p in paragraphs]
    start = texts.index("https://www.example-welfare.org/who-we-are/household-needs-survey-2025/methodology-and-weighting/")
    assert texts[start + 1].startswith("annex-b") and texts[start + 1][-1] in "/.?&"


def test_a_block_on_one_page_is_placed_on_that_page_alone():
    from generator.charts import render_charts
    from generator.content import load
    from generator.theme import DEFAULT_THEME
    from generator.writers import Options
    from generator.writers.pdf import write_pdf

    document = load(FIXTURES / "real-ranking.yaml")
    pages: dict[str, set[int]] = {}
    for path, _, page in write_pdf(document, render_charts(document), DEFAULT_THEME, Options()).placements:
        pages.setdefault(path, set()).add(page)
    assert pages["sections[0].blocks[2].stats"] == {2}  # its title and cards moved on whole
    assert all(len(found) == 1 for path, found in pages.items() if path.endswith(".callout")), pages


def test_the_example_and_the_real_fixture_give_no_warnings():
    for content in (EXAMPLE, FIXTURES / "real-ranking.yaml"):
        result = run_cli("check", str(content))
        assert result.returncode == 0 and " warning: " not in result.stdout, result.stdout


def test_a_chart_that_moves_on_leaves_little_of_its_page_empty(large):
    gaps = gaps_before_figures(large)
    assert max(gaps, default=0.0) <= 0.3, gaps  # before: five such pages, up to a third empty


def _slide_texts(path) -> list[list[str]]:
    deck = Presentation(str(path))
    return [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] for slide in deck.slides]


def test_the_deck_shows_a_rankings_top_rows_and_says_where_the_rest_is(real):
    slides = _slide_texts(real[1])
    ranking = [slide for slide in slides if any(t.startswith("Households reporting an unmet need") for t in slide)]
    assert len(ranking) == 1
    assert any(text.startswith("Top 10 of 51; the full table is in the PDF.") for text in ranking[0])
    chart = [slide for slide in slides if any(t.startswith("Unmet need by country, top 25") for t in slide)]
    assert len(chart) == 1 and any(text.startswith("Top 15 of 25; the full chart is in the PDF.") for text in chart[0])


def test_only_keeps_a_block_to_one_output(real):
    with pdfplumber.open(real[0]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    slides = "\n".join(text for slide in _slide_texts(real[1]) for text in slide)
    assert "For the printed briefing only" in text and "For the printed briefing only" not in slides
    assert "For the room only" in slides and "For the room only" not in text


def test_a_table_slide_puts_its_source_line_just_beneath_the_table(real):
    deck = Presentation(str(real[1]))
    slide = next(s for s in deck.slides if any(sh.has_text_frame and sh.text_frame.text.startswith("Top 10 of 51")
                                               for sh in s.shapes))
    table = next(shape for shape in slide.shapes if shape.has_table)
    source = next(shape for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text.startswith("Source:"))
    assert table.width > deck.slide_width * 0.85  # the table spans the slide
    assert source.top - (table.top + table.height) < deck.slide_height * 0.2


def test_no_chart_slide_is_three_quarters_empty(real):
    deck = Presentation(str(real[1]))
    fills = slide_fill(real[1])
    charts = [fill for slide, fill in zip(deck.slides, fills)
              if any(shape.shape_type == 13 for shape in slide.shapes)]  # 13: a picture
    assert charts and min(charts) > 0.6, charts


def test_a_block_on_more_than_four_continuation_slides_is_a_warning_naming_the_options(tmp_path):
    result = run_cli("check", "large.yaml", cwd=FIXTURES)
    warning = next(line for line in result.stdout.splitlines() if "continues over 24 slides" in line)
    assert ": warning: " in warning
    assert "`deck: {rows: 10}`" in result.stdout and "`only: pdf`" in result.stdout


def _deck_tables(path) -> list:
    deck = Presentation(str(path))
    return [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]


def test_long_number_headers_wrap_so_ten_rows_fit_one_slide(tmp_path):
    result = run_cli("build", "deck-headers.yaml", "--out", str(tmp_path), "--format", "pptx", cwd=FIXTURES)
    assert result.returncode == 0 and "continues" not in result.stderr, result.stderr
    tables = _deck_tables(tmp_path / "deck-headers.pptx")
    assert [len(table.rows) - 1 for table in tables] == [10]  # before: two slides of five rows
    widths = [column.width for column in tables[0].columns]
    assert max(widths[1:]) <= 0.21 * sum(widths) < widths[0] / 2  # the figures narrow, the names wide
    header = [tables[0].cell(0, i).text_frame.text for i in range(3)]
    assert header[1] == "Households reached in the first year of the programme"  # wrapped, never cut


def test_the_rankings_top_ten_fit_one_slide_under_a_wrapped_header(real):
    tables = [table for table in _deck_tables(real[1]) if table.cell(0, 0).text_frame.text == "Rank"]
    assert [len(table.rows) - 1 for table in tables] == [10]
    widths = [column.width for column in tables[0].columns]
    assert widths[2] < 0.45 * sum(widths)  # before: the long header took 56% of the table
