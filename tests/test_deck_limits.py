"""Hostile but valid content on slides: text far too long for its place, a 15-digit figure, a
340-character marking. Each slide is either fitted or its problem is a placed error finding; the
build never crashes, and a forced draft keeps every shape on the slide, clear of the others."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx.util import Emu, Pt

from generator.measure import LINE_SPACING, text_width, wrap
from generator.theme import DECK_CHART_MIN_HEIGHT, DEFAULT_THEME

from .conftest import FIXTURES, run_cli
from .readback import deck, inside

LAYOUT = FIXTURES / "layout"
NUMBER = re.compile(r"^\d+ / \d+$")


def long_text(seed: str, length: int = 2000) -> str:
    words, out = seed.split(), []
    while len(" ".join(out)) < length - 12:
        out.append(words[len(out) % len(words)])
    return " ".join(out)


def every_long_text(path: Path) -> Path:
    """One file with a 2,000-character text in every place a slide shows text."""
    L = long_text
    path.write_text(f"""title: {L("The state of online child protection in the year under review")}
subtitle: {L("What the hotlines saw and what changed")}
author: {L("Research unit of the national hotline", 300)}
marking: {L("Restricted handling for the named recipients only", 340)}
sources: {{s: {{title: Report, publisher: Hotline, short: {L("Annual report of the national hotline")}}}}}
sections:
  - title: {L("How removals kept pace with reports in every region")}
    blocks:
      - chart: {{title: {L("Reports rose in every region")}, subtitle: {L("Thousands")}, note: {L("Provisional figures")},
                 categories: [a, b], series: [{{values: [1, 2]}}], sources: [s]}}
      - chart: {{type: hbar, title: {L("Removals by region")}, categories: [a, b, c], series: [{{values: [1, 2, 3]}}], sources: [s]}}
      - table: {{title: {L("Regional totals")}, note: {L("Figures are nominal")}, columns: [A, B], rows: [[x, 1]], sources: [s]}}
  - title: B
    blocks:
      - bullets: {{title: {L("What changed this year")}, intro: {L("Three things moved the totals")}, items: [one, two]}}
      - callout: {{text: {L("Removals rose for the third year running")}, sources: [s]}}
      - stats: {{title: {L("The year in figures")}, cards: [{{value: 999999999999999, label: {L("Images assessed")}, source: s}},
                 {{value: 5, label: Hotlines, source: s}}]}}
""", encoding="utf-8")
    return path


def boxes(slide):
    return [(shape, shape.text_frame.text) for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


def overlap(a, b) -> bool:
    return min(a.left + a.width, b.left + b.width) > max(a.left, b.left) and \
        min(a.top + a.height, b.top + b.height) > max(a.top, b.top)


def built(tmp_path: Path, content: Path, *args: str):
    result = run_cli("build", str(content), "--out", str(tmp_path), "--format", "pptx", "--force", *args)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return deck(tmp_path / f"{content.stem}.pptx"), result.stderr


@pytest.mark.parametrize("charts", ["picture", "native"])
def test_long_text_everywhere_gives_placed_errors_and_a_draft_with_every_shape_on_its_slide(tmp_path, charts):
    content = every_long_text(tmp_path / "long.yaml")
    checked = run_cli("check", str(content), "--pptx-charts", charts)
    assert checked.returncode == 1 and "Traceback" not in checked.stdout + checked.stderr
    presentation, stderr = built(tmp_path, content, "--pptx-charts", charts)
    for expected in ("long.yaml:1:8: error: the title does not fit even at 24 pt",
                     "long.yaml:2:11: error: the subtitle does not fit", "long.yaml:7:5: error: the section title",
                     "long.yaml:9:16: error: the headline does not fit", "error: the chart's note does not fit",
                     "error: the source line does not fit", "error: the stat card's label does not fit"):
        assert expected in stderr
    width, height = presentation.slide_width, presentation.slide_height
    for number, slide in enumerate(presentation.slides, 1):
        assert all(inside(shape, width, height) for shape in slide.shapes), f"slide {number}"
        texts = [shape for shape, _ in boxes(slide)]
        assert not any(overlap(a, b) for i, a in enumerate(texts) for b in texts[i + 1:]), f"slide {number}"
        charts_on_slide = [s for s in slide.shapes if s.shape_type in (13, 3) or getattr(s, "has_chart", False)]
        assert all(chart.height >= Pt(DECK_CHART_MIN_HEIGHT) - 1 for chart in charts_on_slide), f"slide {number}"


def test_a_2000_character_chart_title_is_cut_and_reported_and_the_chart_keeps_its_room(tmp_path):
    presentation, stderr = built(tmp_path, LAYOUT / "deck-long-chart-title.yaml")
    assert "deck-long-chart-title.yaml:6:16: error: the headline does not fit even at 24 pt" in stderr
    slide = presentation.slides[1]
    headline = next(shape for shape, text in boxes(slide) if text.startswith("Reports of online"))
    assert headline.text_frame.text.endswith("…")
    size = headline.text_frame.paragraphs[0].runs[0].font.size.pt
    assert len(wrap(headline.text_frame.text, Emu(headline.width).pt, size, bold=True)) == 4
    picture = next(shape for shape in slide.shapes if shape.shape_type == 13)
    assert picture.height >= Pt(DECK_CHART_MIN_HEIGHT) and picture.top >= headline.top + headline.height


def test_a_15_digit_figure_stays_on_one_line_inside_its_card(tmp_path):
    presentation, stderr = built(tmp_path, LAYOUT / "deck-15-digit-figure.yaml")
    assert "error" not in stderr
    slide = presentation.slides[1]
    figure = next(shape for shape, text in boxes(slide) if text.startswith("999,999"))
    paragraphs = figure.text_frame.paragraphs
    assert len(paragraphs) == 1 and "\n" not in figure.text_frame.text and "\v" not in figure.text_frame.text
    assert paragraphs[0].runs[0].text == "999,999,999,999,999"
    size = paragraphs[0].runs[0].font.size.pt
    assert size >= DEFAULT_THEME.screen.stat_value_min
    assert text_width("999,999,999,999,999", size, bold=True) <= Emu(figure.width).pt
    card = next(s for s in slide.shapes if not s.has_text_frame or not s.text_frame.text
                if s.left <= figure.left and s.left + s.width >= figure.left + figure.width and s.height > Pt(100))
    assert card.top <= figure.top and figure.top + figure.height <= card.top + card.height
    others = [shape for shape, text in boxes(slide) if text in ("12", "3", "4")]
    assert {o.text_frame.paragraphs[0].runs[0].font.size.pt for o in others} == {size}  # cards side by side match


def test_a_figure_too_wide_even_at_the_minimum_is_set_smaller_and_reported_at_its_card(tmp_path):
    content = tmp_path / "wide.yaml"
    content.write_text((LAYOUT / "deck-15-digit-figure.yaml").read_text(encoding="utf-8").replace(
        "value: 999999999999999,", "value: 999999999999999, format: {style: percent, decimals: 3, prefix: 'USD ', suffix: ' a year'},"),
        encoding="utf-8")
    presentation, stderr = built(tmp_path, content)
    assert re.search(r"wide\.yaml:8:15: error: the figure USD 999,999,999,999,999\.000% a year does not fit its card on "
                     r"one line even at 14 pt .*; it is set at [\d.]+ pt \[sections\[0\]\.blocks\[0\]\.stats\.cards\[0\]\]", stderr)
    figure = next(shape for shape, text in boxes(presentation.slides[1]) if text.startswith("USD"))
    run = figure.text_frame.paragraphs[0].runs[0]
    assert len(figure.text_frame.paragraphs) == 1
    assert text_width(run.text, run.font.size.pt, bold=True) <= Emu(figure.width).pt


def test_a_340_character_marking_wraps_in_the_footer_clear_of_the_slide_number(tmp_path):
    presentation, stderr = built(tmp_path, LAYOUT / "deck-long-marking.yaml")
    assert "error" not in stderr
    marking = (LAYOUT / "deck-long-marking.yaml").read_text(encoding="utf-8").split('marking: "')[1].split('"\n')[0]
    assert len(marking) == 340
    for number, slide in enumerate(presentation.slides, 1):
        box = next(shape for shape, text in boxes(slide) if text == marking)
        slide_number = next(shape for shape, text in boxes(slide) if NUMBER.match(text))
        assert not overlap(box, slide_number) and inside(box, presentation.slide_width, presentation.slide_height)
        size = box.text_frame.paragraphs[0].runs[0].font.size.pt
        assert size >= DEFAULT_THEME.screen.footer_min
        lines = wrap(marking, Emu(box.width).pt, size, bold=True)
        assert len(lines) * size * LINE_SPACING <= Emu(box.height).pt + 0.01
        assert box.top + box.height <= presentation.slide_height and box.top >= Pt(496)  # below the content area


def test_a_marking_too_long_for_the_footer_is_cut_and_reported_at_the_marking_once(tmp_path):
    content = tmp_path / "mark.yaml"
    content.write_text((LAYOUT / "deck-long-marking.yaml").read_text(encoding="utf-8").replace(
        'marking: "', 'marking: "' + "Restricted handling " * 20), encoding="utf-8")
    presentation, stderr = built(tmp_path, content)
    assert re.search(r"mark\.yaml:2:10: error: the marking does not fit even at 10 pt: it needs \d+ lines where there is room "
                     r"for 3 \[marking\] \(slides 1-3\)", stderr)
    for slide in presentation.slides:
        box = next(shape for shape, text in boxes(slide) if text.startswith("Restricted"))
        assert box.text_frame.text.endswith("…") and inside(box, presentation.slide_width, presentation.slide_height)


def test_the_plan_never_asks_for_a_chart_smaller_than_the_minimum(tmp_path):
    from generator.content import load
    from generator.writers.deck import plan_deck
    from generator.writers.deck.shapes import ChartBox

    plan = plan_deck(load(every_long_text(tmp_path / "long.yaml")), DEFAULT_THEME)
    charts = [shape for slide in plan.slides for shape in slide.shapes if isinstance(shape, ChartBox)]
    assert len(charts) == 2 and all(c.width > 0 and c.height >= DECK_CHART_MIN_HEIGHT for c in charts)


def test_a_source_title_longer_than_a_slide_is_cut_on_the_sources_slide_and_reported_at_the_source(tmp_path):
    content = tmp_path / "sources.yaml"
    content.write_text((LAYOUT / "deck-long-chart-title.yaml").read_text(encoding="utf-8").replace(
        "title: Annual report,", f"title: {long_text('Annual report on the state of the hotlines', 9000)}, short: Report,"),
        encoding="utf-8")
    presentation, stderr = built(tmp_path, content)
    assert re.search(r"sources\.yaml:2:14: error: the entry in the sources list does not fit a slide even at 14 pt: "
                     r"it needs \d+ lines where there is room for \d+ \[sources\.s\] \(slide 3\)", stderr)
    slide = presentation.slides[-1]
    entry = next(shape for shape, text in boxes(slide) if text.startswith("1."))
    assert entry.text_frame.text.endswith("…") and inside(entry, presentation.slide_width, presentation.slide_height)
    assert entry.top + entry.height <= Pt(496) + 1
