"""Charts for real data, read back from the outputs: negative values, nulls, line charts of 60
points, stacked bars, highlight and reference lines, 25 long category labels (charts-real.yaml).

The PDF's chart text is read with pdfplumber, the native charts' XML with python-pptx, and the
slide pictures' plans are measured, so each test checks what a reader gets, not what the code meant."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest
from PIL import Image
from pptx.enum.chart import XL_CHART_TYPE

from generator.charts import drawn_as, plan_chart, render_chart
from generator.checks.charts import chart_findings
from generator.content import load
from generator.model import ChartBlock, Reference, Series
from generator.theme import DEFAULT_THEME
from generator.writers.deck import plan_deck
from generator.writers.deck.shapes import ChartBox

from .conftest import FIXTURES, run_cli
from .readback import deck

REAL = FIXTURES / "charts-real.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    for args in ((), ("--format", "pptx", "--pptx-charts", "native")):
        folder = out / ("native" if args else "pictures")
        result = run_cli("build", str(REAL), "--out", str(folder), *args)
        assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def document():
    return load(REAL)


def words_on(pdf, page: int) -> list[dict]:
    with pdfplumber.open(pdf) as opened:
        return opened.pages[page].extract_words(keep_blank_chars=False)


def test_negative_values_load_and_missing_ones_are_none(document):
    overseas = document.charts()[1]
    assert overseas.series[0].values[:2] == (-1.0, -0.7)
    assert overseas.series[1].values[-1] is None
    assert "Mayotte: no data" in overseas.alt_text()


def test_pdf_negative_labels_sit_left_of_zero_and_clear_of_the_category_labels(built):
    words = words_on(built / "pictures" / "charts-real.pdf", 0)
    by_text = {w["text"]: w for w in words}
    category = next(w for w in words if w["text"] == "Martinique")  # the first chart's, on its own row
    negative = next(w for w in words if w["text"] == "-1.0%" and abs(w["top"] - category["top"]) < 3)
    positive = by_text["+0.3%"]
    assert negative["x1"] < positive["x0"]  # the negative label ends left of where positive bars start
    assert category["x1"] < negative["x0"]  # and never runs into its category's label
    assert "+2.1%" in by_text and "France" in by_text  # values formatted with their sign; the reference line's label


def test_pdf_vertical_negative_labels_sit_below_the_positive_ones(built):
    words = {w["text"]: w for w in words_on(built / "pictures" / "charts-real.pdf", 0)}
    assert words["-1.2%"]["top"] > words["+3.8%"]["bottom"]
    assert "no" in words and "change" in words  # the reference line at zero is labelled


def test_pdf_line_chart_thins_its_60_category_labels_and_labels_each_line_end(built, document):
    line = next(c for c in document.charts() if c.kind == "line" and len(c.categories) == 60)
    with pdfplumber.open(built / "pictures" / "charts-real.pdf") as opened:
        text = " ".join(page.extract_text() for page in opened.pages)
    shown = [c for c in line.categories if c in text]
    assert 4 <= len(shown) < 20  # thinned to what fits side by side
    assert "First-time 11.9" in text and "Minors 1.4" in text  # direct labels with the last value
    alt = line.alt_text()
    assert all(c in alt for c in line.categories) and alt.count("no data") == 5


def test_line_plan_breaks_at_nulls_and_marks_only_few_points(document):
    months = next(c for c in document.charts() if len(c.categories) == 60)
    plan = plan_chart(months, DEFAULT_THEME, 480, 190)
    first = [line for line in plan.lines if not line[3] and line[1] == DEFAULT_THEME.palette.series[0]]
    assert len(first) == 2 and not plan.marks  # one gap (months 4-6 missing), no markers on 60 points
    quarters = next(c for c in document.charts() if c.title.startswith("Decisions"))
    plan = plan_chart(quarters, DEFAULT_THEME, 480, 190)
    assert len(plan.marks) == 11  # six points and five, the missing one unmarked


def test_stacked_segments_follow_series_order_and_totals_sit_past_the_stack(document):
    route = next(c for c in document.charts() if c.title == "Applications by route")
    plan = plan_chart(route, DEFAULT_THEME, 480, 200)
    sea = sorted((b for b in plan.bars if abs(b[3] - plan.thickness) < 0.01), key=lambda b: b[0])
    colours = [b[4] for b in sea if abs(b[1] - sea[-1][1]) < 0.01]
    assert colours[:3] == list(DEFAULT_THEME.palette.series[:3])
    total = next(t for t in plan.texts if t[2] == "7,500")
    assert total[0] > max(b[0] + b[2] for b in plan.bars)  # the total past the longest stack's end
    assert {t[2] for t in plan.inside} >= {"4,300", "1,100", "2,100"}  # segment labels where they fit


def test_stacks_of_mixed_signs_grow_up_and_down_from_zero(document):
    births = next(c for c in document.charts() if c.stacked and c.kind == "bar")
    plan = plan_chart(births, DEFAULT_THEME, 480, 160)
    (zero,) = [rule for rule in plan.rules if rule[1] == rule[3]]
    bars = [b for b in plan.bars if b[2] == plan.thickness]
    assert any(b[1] + b[3] <= zero[1] + 0.01 for b in bars) and any(b[1] >= zero[1] - 0.01 for b in bars)


def test_highlight_paints_picked_categories_in_the_accent(document):
    regions = document.charts()[0]
    plan = plan_chart(regions, DEFAULT_THEME, 480, 400)
    colours = [b[4] for b in sorted(plan.bars, key=lambda b: -b[1])]
    assert colours[:2] == [DEFAULT_THEME.palette.accent] * 2 and set(colours[2:]) == {DEFAULT_THEME.chart.dimmed}
    assert any(line[3] for line in plan.lines)  # the dashed reference line


def test_native_charts_carry_kind_values_format_and_no_inverted_negatives(built):
    charts = [shape.chart for slide in deck(built / "native" / "charts-real.pptx").slides for shape in slide.shapes if shape.has_chart]
    kinds = [chart.chart_type for chart in charts]
    assert XL_CHART_TYPE.LINE in kinds and XL_CHART_TYPE.BAR_STACKED in kinds and XL_CHART_TYPE.COLUMN_STACKED in kinds
    stacked = next(c for c in charts if c.chart_type == XL_CHART_TYPE.COLUMN_STACKED)
    xml = stacked._chartSpace.xml
    assert '<c:grouping val="stacked"/>' in xml and '<c:overlap val="100"/>' in xml
    assert '<c:invertIfNegative val="0"/>' in xml and "-3.9" in xml
    line = next(c for c in charts if c.chart_type == XL_CHART_TYPE.LINE and len(list(c.plots[0].categories)) == 60)
    first = line.series[0]
    assert first.values[3] is None and first.values[0] is not None  # a null is a gap, not a zero
    assert line.value_axis.tick_labels.number_format == "#,##0.0"
    assert '<c:dispBlanksAs val="gap"/>' in line._chartSpace.xml


def test_native_sign_always_is_a_three_section_excel_code():
    from generator.model import NumberFormat
    from generator.writers.deck.native import excel_format

    code = excel_format(NumberFormat("percent", decimals=1, sign="always"), [-1.0, 0.3])
    assert code == '"+"#,##0.0"%";-#,##0.0"%";#,##0.0"%"'


def test_slide_pictures_keep_half_their_box_for_the_plot_and_are_transparent(built, document):
    plan = plan_deck(document, DEFAULT_THEME)
    boxes = [shape for slide in plan.slides for shape in slide.shapes if isinstance(shape, ChartBox)]
    sites = [box for box in boxes if box.block.title == "Returns per site"]
    assert sites and all(box.block.kind == "hbar" for box in sites)  # turned: its labels would crowd out vertical bars
    for box in sites:
        bars = box.picture.bars
        height = max(b[1] + b[3] for b in bars) - min(b[1] for b in bars)
        assert height >= box.height / 2 and box.picture.thickness >= 6
    pictures = [shape for slide in deck(built / "pictures" / "charts-real.pptx").slides for shape in slide.shapes
                if shape.shape_type == 13]
    image = Image.open(io.BytesIO(pictures[0].image.blob))
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


def test_crowded_vertical_chart_is_drawn_horizontally_with_a_note(document):
    sites = next(c for c in document.charts() if c.title == "Returns per site")
    assert drawn_as(sites).kind == "hbar" and "Horizontal bar chart" in render_chart(sites).alt_text
    notes = [d for d in chart_findings(document) if d.level == "note"]
    assert len(notes) == 1 and "drawn as horizontal bars" in notes[0].message


def test_values_a_thousand_times_apart_and_hairline_bars_are_warned_about():
    spread = ChartBlock("Spread", ("a", "b"), (Series("s", (3.0, 4_000_000.0)),), ("s",))
    many = ChartBlock("Many", tuple(f"{i}" for i in range(400)), (Series("s", tuple(float(i) for i in range(400))),), ("s",))
    from generator.model import Document, Meta, Section

    document = Document(Meta("T"), (), (Section("A", (spread, many)),))
    messages = [d.message for d in chart_findings(document)]
    assert any("3 beside 4,000,000" in m for m in messages)
    assert any("too thin to see" in m for m in messages)


def test_reference_lines_widen_the_value_range():
    block = ChartBlock("R", ("a", "b"), (Series("s", (1.0, 2.0)),), ("s",), references=(Reference(5.0, "target"),))
    plan = plan_chart(block, DEFAULT_THEME, 400, 150)
    (line,) = plan.lines
    assert line[0][0][1] > max(b[1] + b[3] for b in plan.bars)  # the target sits above the tallest bar
    assert replace(block, references=()).values() == [1.0, 2.0]


def test_hairline_bars_on_a_slide_are_a_warning():
    from generator.model import Document, Meta, Section, Source
    from generator.writers.deck.check import chart_warnings

    many = ChartBlock("Many", tuple(f"{i}" for i in range(700)), (Series("s", tuple(float(i) for i in range(700))),), ("s",))
    document = Document(Meta("T"), (Source("s", "S", "P", "S"),), (Section("A", (many,)),))
    messages = [d.message for d in chart_warnings(plan_deck(document, DEFAULT_THEME))]
    assert any("too thin to see from the room" in m for m in messages)


def test_no_chart_text_in_the_pdf_is_below_the_print_minimum(built):
    """The 25 long labels once printed at 4.3 pt (commas at 2.1 pt); now every glyph is 7 pt or more."""
    with pdfplumber.open(built / "pictures" / "charts-real.pdf") as opened:
        sizes = [round(char["size"], 2) for page in opened.pages for char in page.chars]
    assert min(sizes) >= DEFAULT_THEME.minimums.print_text
