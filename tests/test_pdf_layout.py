"""The layout fixtures (tests/fixtures/layout/) read back from the PDF as a reader sees them:
what was too large or too long is laid out on sane pages, or is a finding with a scaled draft."""

from __future__ import annotations


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
    assert page.extract_text().count("x") == 500  # every character printed, the word broken over lines inside its cell
    xs = [c for c in page.chars if c["text"] == "x"]
    assert max(c["x1"] for c in xs) < page.width - 50  # inside the frame


def test_a_fifteen_digit_figure_shrinks_to_its_card_on_one_line(built):
    page = built("card-15-digits").pages[0]
    assert "999,999,999,999,999 2 3 4" in _lines(page)  # the card row's figures, the first unbroken
    digits = [c for c in page.chars if c["text"] in "9," and c["top"] < 200]
    assert len({round(c["top"]) for c in digits}) == 1
    assert 10 <= digits[0]["size"] < 24  # shrunk, not below the card minimum
    card_right = (page.width - 2 * 20 * 72 / 25.4 - 3 * 8) / 4 + 20 * 72 / 25.4
    assert max(c["x1"] for c in digits) <= card_right


def test_a_figure_too_wide_even_at_the_minimum_is_reported_and_kept_whole(built):
    page = built("card-too-wide").pages[0]
    lines = _lines(page)
    assert "999,999,999,999,999.000" in " ".join(lines).split()  # the number whole, on a line of its own


def test_a_2000_character_title_is_wrapped_and_shrunk_to_half_the_first_page(built):
    pdf = built("long-title")
    page = pdf.pages[0]
    title = [c for c in page.chars if c["top"] < page.height / 2 and c["text"].strip() and c["size"] != 15]  # 15: the heading
    sizes = {round(c["size"], 1) for c in title}
    assert len(sizes) == 1 and 12 <= sizes.pop() < 24
    assert max(c["bottom"] for c in title) < page.height / 2
    assert all(0 <= c["x0"] and c["x1"] <= page.width for c in page.chars)
    assert "Figure 1. C" in page.extract_text()  # the briefing starts on the first page, under the band
    assert "".join(c["text"] for c in title).count("Regionalspendingreview") >= 80


def test_a_title_too_long_for_the_band_is_an_error_at_the_title_and_still_builds(tmp_path):
    content = tmp_path / "huge-title.yaml"
    title = " ".join(["Regional spending review"] * 260)  # 6,500 characters
    content.write_text(f"title: {title}\nsources: {{s: {{title: S, publisher: P}}}}\nsections:\n  - title: A\n"
                       "    blocks:\n      - callout: {text: Short., sources: [s]}\n", encoding="utf-8")
    result = run_cli("build", str(content), "--out", str(tmp_path), "--format", "pdf", "--force")
    assert result.returncode == 0, result.stderr
    assert (f"{content}:1:8: error: the title (6,499 characters) is too long for the title band even at 12 pt; "
            "it is printed at") in result.stderr
    with pdfplumber.open(tmp_path / "huge-title.pdf") as pdf:
        page = pdf.pages[0]
        assert min(c["size"] for c in page.chars) >= 7
        assert all(0 <= c["x0"] and c["x1"] <= page.width and 0 <= c["top"] and c["bottom"] <= page.height for c in page.chars)


def _overlaps(a, b) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def test_a_340_character_marking_wraps_inside_every_page_and_clear_of_the_page_number(built):
    pdf = built("long-marking")
    assert len(pdf.pages) > 1  # the running header is drawn too
    for page in pdf.pages:
        chars = [c for c in page.chars if c["text"].strip()]
        assert all(0 <= c["x0"] and c["x1"] <= page.width and 0 <= c["top"] and c["bottom"] <= page.height for c in chars)
        assert min(c["size"] for c in chars) >= 7
        words = page.extract_words()
        number = [w for w in words if w["text"] == "Page"][-1]
        footer = [c for c in chars if c["top"] > number["top"] - 20]
        label = [c for c in footer if c["x0"] >= number["x0"] - 0.5]
        assert label and not any(_overlaps(c, d) for c in footer if c not in label for d in label)
        text = " ".join(page.extract_text().split())
        assert text.count("TLP:AMB") >= 2  # the marking whole in the footer and in the band or header
    assert "restricted TLP:AMB" in " ".join(pdf.pages[1].extract_text().split())  # its last words too


def test_a_marking_too_long_for_four_lines_is_an_error_at_the_marking_and_cut_short(tmp_path):
    content = tmp_path / "huge-marking.yaml"
    marking = " ".join(["RESTRICTED"] * 200)
    content.write_text(f"title: T\nmarking: {marking}\nsources: {{s: {{title: S, publisher: P}}}}\nsections:\n"
                       "  - title: A\n    blocks:\n      - callout: {text: Short., sources: [s]}\n", encoding="utf-8")
    result = run_cli("build", str(content), "--out", str(tmp_path), "--format", "pdf", "--force")
    assert result.returncode == 0, result.stderr
    assert f"{content}:2:10: error: the marking (2,199 characters) does not fit the title band even at 7 pt" in result.stderr
    with pdfplumber.open(tmp_path / "huge-marking.pdf") as pdf:
        page = pdf.pages[0]
        assert all(0 <= c["x0"] and c["x1"] <= page.width for c in page.chars)
        assert "…" in page.extract_text()


def test_a_500_character_category_is_turned_in_two_lines_shortened_and_the_chart_keeps_a_sane_height(built):
    from generator.charts import render_chart
    from generator.content import load

    document = load(LAYOUT / "long-category.yaml")
    chart = render_chart(document.charts()[0])
    assert chart.vector.height < 300  # points; one turned line of 500 characters would be over 2,000
    assert chart.alt_text.count("x") >= 500  # the alt text has the label whole
    pdf = built("long-category")
    assert len(pdf.pages) == 1
    page = pdf.pages[0]
    shown = sum(c["text"].count("x") for c in page.chars)
    assert 20 < shown < 500 and any(c["text"] == "…" for c in page.chars)  # two lines, the second ending in an ellipsis
    assert all(c["bottom"] <= page.height - 40 for c in page.chars if c["text"] == "x")


def test_a_500_character_hbar_category_is_two_lines_in_its_label_column_and_stays_clear(built):
    pdf = built("long-hbar-category")
    page = pdf.pages[0]
    assert 20 < sum(c["text"].count("x") for c in page.chars) < 500 and any(c["text"] == "…" for c in page.chars)
    bars = [r for r in page.rects if 20 < r["width"] < page.width - 100 and r["height"] > 5]  # not the title band
    assert len(bars) == 2
    labels = [c for c in page.chars if c["text"] in "x-"]
    assert not any(_overlaps(c, {"x0": r["x0"], "x1": r["x1"], "top": r["top"], "bottom": r["bottom"]})
                   for c in labels for r in bars)


def test_a_300_category_hbar_continues_over_pages_on_one_scale(built):
    pdf = built("hbar-300")
    assert len(pdf.pages) == 7
    titles, labels, ratios, starts = [], [], [], set()
    for page in pdf.pages:
        words = page.extract_words(keep_blank_chars=False)
        lines = _lines(page)
        titles += [line for line in lines if line.startswith("Figure 1.")]
        labels += [f"{a['text']} {b['text']}" for a, b in zip(words, words[1:])
                   if a["text"] == "Category" and abs(a["top"] - b["top"]) < 1]
        bars = [r for r in page.rects if r["height"] > 3 and r["width"] < page.width - 100]
        for bar in bars:
            middle = (bar["top"] + bar["bottom"]) / 2
            value = [w for w in words if w["text"].isdigit() and abs((w["top"] + w["bottom"]) / 2 - middle) < 3
                     and 0 < w["x0"] - bar["x1"] < 8]
            assert len(value) == 1
            starts.add(round(bar["x0"], 2))
            if int(value[0]["text"]) >= 10:  # smaller bars may be held at the minimum length
                ratios.append(bar["width"] / int(value[0]["text"]))
    assert titles[0] == "Figure 1. Three hundred" and len(titles) == 7
    assert all(title == "Figure 1. Three hundred (continued)" for title in titles[1:])
    assert labels == [f"Category {i}" for i in range(1, 301)]  # every category once, in order
    assert len(starts) == 1 and max(ratios) - min(ratios) < 0.01  # one baseline, one scale on every page
    last = _lines(pdf.pages[-1])
    assert "A note." in last and any(line.startswith("Source: S") for line in last)
    assert not any("A note." in _lines(page) for page in pdf.pages[:-1])


def test_a_block_too_tall_for_any_page_is_printed_scaled_where_it_stands(built):
    pdf = built("card-label-too-long")
    first = pdf.pages[0]
    text = first.extract_text()
    assert "The card below" in text and "12" in text  # the scaled card follows the callout on page 1
    card = [c for c in first.chars if c["text"] == "w"]
    assert card and all(first.height * 0.05 < c["top"] and c["bottom"] < first.height - 40 for c in card)
    assert sum(c["text"] == "w" for page in pdf.pages for c in page.chars) == 1500 + 1  # every "word", and "below"
    assert "Table 1. Values" in pdf.pages[1].extract_text()


def test_a_footer_without_a_marking_reports_an_over_long_date_at_the_date(tmp_path):
    content = tmp_path / "long-date.yaml"
    content.write_text("title: T\ndate: '" + "0" * 123 + "'\nsources: {s: {title: S, publisher: P}}\nsections:\n"
                       "  - title: A\n    blocks:\n      - callout: {text: Short., sources: [s]}\n", encoding="utf-8")
    result = run_cli("build", str(content), "--out", str(tmp_path), "--format", "pdf", "--force")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert f"{content}:2:7: error: the date (123 characters) does not fit the footer even at 7 pt" in result.stderr
    with pdfplumber.open(tmp_path / "long-date.pdf") as pdf:
        page = pdf.pages[0]
        number = [w for w in page.extract_words() if w["text"] == "Page"][-1]
        footer = [c for c in page.chars if c["top"] > number["top"] - 3 and c["x1"] < number["x0"]]
        assert footer and max(c["x1"] for c in footer) < number["x0"] - 5  # clear of "Page 1 of 1"


def test_a_5000_character_hbar_label_builds_quickly_in_two_shortened_lines_on_the_first_page(tmp_path):
    import time

    content = tmp_path / "huge-label.yaml"
    content.write_text("title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n"
                       f"      - chart: {{type: hbar, title: C, categories: [{'y' * 5000}, b], series: [{{values: [1, 2]}}], "
                       "sources: [s]}\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("build", str(content), "--out", str(tmp_path), "--format", "pdf", "--force")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30  # breaking the word measures each line, not the whole word per line
    assert "too tall" not in result.stderr  # two lines and an ellipsis: the chart fits its page
    with pdfplumber.open(tmp_path / "huge-label.pdf") as pdf:
        shown = [c["text"] for c in pdf.pages[0].chars]
        assert 10 < shown.count("y") < 200 and "…" in shown
