"""The printed briefing, read back with pdfplumber and pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.content import load
from generator.model import TableBlock
from generator.theme import DEFAULT_THEME

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


def test_a_block_that_cannot_be_laid_out_is_a_placed_finding_and_a_scaled_draft(tmp_path):
    result = run_cli("build", "too-large-card.yaml", "--out", str(tmp_path / "out"), cwd=FIXTURES)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("too-large-card.yaml:6:16: error: this block of stat cards is too tall for one page even alone; "
            "it is printed scaled to 17% [sections[0].blocks[0].stats] (page") in result.stderr
    assert not (tmp_path / "out").exists()
    forced = run_cli("build", "too-large-card.yaml", "--out", str(tmp_path / "out"), "--force", cwd=FIXTURES)
    assert forced.returncode == 0, forced.stderr
    pdf = pdfplumber.open(tmp_path / "out" / "too-large-card.pdf")
    assert "Source: S" in pdf.pages[0].extract_text()  # the scaled card prints on the first page, not after an empty one


def test_bullets_without_own_sources_name_the_briefings_general_sources(pages):
    text = flat(" ".join(pages))
    general = "General sources: IWF AI CSAM Report 2026, IWF 2025 Annual Report, Stanford Cyberlaw, Thorn, Fortune"
    for title in ("How AI Is Being Used by Predators", "What Platforms Are Doing About It"):
        start = text.index(title)
        assert general in text[start:start + 1200]


# --- the large fixture: many sections, 20 charts, a 300-row table, a nine-column table ----------

LARGE = FIXTURES / "large.yaml"
MM = 72 / 25.4


@pytest.fixture(scope="session")
def large(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("large")
    result = run_cli("build", str(LARGE), "--out", str(out), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    return out / "large.pdf"


@pytest.fixture(scope="session")
def large_pages(large) -> list[str]:
    return pdf_pages(large)


@pytest.fixture(scope="session")
def large_words(large) -> list[list[dict]]:
    with pdfplumber.open(large) as pdf:
        return [page.extract_words(extra_attrs=["upright"]) for page in pdf.pages]


def test_large_prints_without_collisions_and_reads_back_whole(large, large_pages):
    document = load(LARGE)
    text = flat(" ".join(large_pages))
    assert pdf_collisions(large) == (0, 0)
    for label in ("Zoë Ångström", "Łódź", "São Paulo", "Škoda", "Ångström Lab"):
        assert label in text
    charts = document.charts()
    assert len(charts) == 20
    for number, chart in enumerate(charts, 1):
        assert f"Figure {number}. {chart.title}" in text


def test_running_header_after_the_first_page_and_footer_on_every_page(large, large_words):
    reader = PdfReader(large)
    total = len(reader.pages)
    assert total > 15
    for number, (page, words) in enumerate(zip(reader.pages, large_words), 1):
        height = float(page.mediabox[3])
        head = " ".join(w["text"] for w in words if w["bottom"] < 22 * MM)
        foot = " ".join(w["text"] for w in words if w["top"] > height - 20 * MM)
        assert f"Page {number} of {total}" in foot and "25 November 2026" in foot and "TLP:AMBER" in foot
        assert "TLP:AMBER" in head
        if number > 1:
            assert head.startswith("Clean urban transport and air quality")


def test_outline_lists_sections_with_their_figures_and_tables(large):
    reader = PdfReader(large)
    document = load(LARGE)
    top = reader.outline
    titles = [item.title for item in top if not isinstance(item, list)]
    assert titles == [section.title for section in document.sections] + ["Sources"]
    nested = [item for group in top if isinstance(group, list) for item in group]
    figures = [item.title for item in nested if item.title.startswith("Figure ")]
    tables = [item.title for item in nested if item.title.startswith("Table ")]
    assert figures == [f"Figure {n}. {chart.title}" for n, chart in enumerate(document.charts(), 1)]
    assert len(tables) == 5 and tables[2].startswith("Table 3. Annual mean PM2.5")
    for item in nested:  # each entry opens the page its figure or table starts on
        page_text = flat(reader.pages[reader.get_destination_page_number(item)].extract_text())
        assert item.title.split(".")[0] + "." in page_text


def test_long_table_repeats_its_header_and_says_continued_on_every_later_page(large, large_pages):
    document = load(LARGE)
    table = table_titled(document, "Annual mean PM2.5")
    pages = [flat(text) for text in large_pages]
    title = f"Table 3. {table.title}"
    on = [n for n, text in enumerate(pages) if title in text]
    assert len(on) >= 5 and on == list(range(on[0], on[0] + len(on)))
    assert f"{title} (continued)" not in pages[on[0]]
    header = [word for column in table.columns for word in column.name.split()]
    with pdfplumber.open(large) as pdf:
        for n in on:
            assert sorted(header_row(pdf.pages[n], "3").split()) == sorted(header)
        if n != on[0]:
            assert f"{title} (continued)" in pages[n]
    last_row = flat(" ".join(table.shown_rows()[-1][:3]))
    assert last_row in pages[on[-1]] and table.note in pages[on[-1]], "note and source stay with the last rows"
    assert "Source: EEA 2026, Eurostat [1, 2]" in pages[on[-1]]
    body = " ".join(pages[n] for n in on)
    population = table.columns[2]
    assert all(population.show(row[2]) in body for row in table.rows)


def table_titled(document, start: str) -> TableBlock:
    return next(b for b in document.blocks() if isinstance(b, TableBlock) and b.title.startswith(start))


def header_row(page, number: str | None = None) -> str:
    """The bold words between a table's title and its first row of figures: its header row (of
    table `number`, when another table ends on the same page)."""
    words = page.extract_words(extra_attrs=["fontname"])
    title = next(w for w, after in zip(words, words[1:]) if w["text"] == "Table" and "Bold" in w["fontname"]
                 and (number is None or after["text"] == f"{number}."))
    below = sorted((w for w in words if w["top"] > title["bottom"] + 1), key=lambda w: (round(w["top"]), w["x0"]))
    first_row = next(w["top"] for w in below if "Bold" not in w["fontname"])
    return " ".join(w["text"] for w in below if w["top"] < first_row)


def test_no_glyph_outside_the_margins(large, large_words):
    reader = PdfReader(large)
    for page, words in zip(reader.pages, large_words):
        width, height = float(page.mediabox[2]), float(page.mediabox[3])
        for word in words:
            assert 20 * MM - 0.5 <= word["x0"] and word["x1"] <= width - 20 * MM + 0.5, word
            assert 10 * MM <= word["top"] and word["bottom"] <= height - 10 * MM, word


def test_no_two_words_overlap(large_words, example):
    """Word boxes, not just glyphs: a line set on top of another fails even where letters miss."""
    with pdfplumber.open(example.pdf) as pdf:
        example_words = [page.extract_words(extra_attrs=["upright"]) for page in pdf.pages]
    for number, words in enumerate([*large_words, *example_words], 1):
        rows = sorted((w for w in words if w["upright"]), key=lambda w: w["top"])
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if b["top"] >= a["bottom"]:
                    break
                across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                assert not (across > 0.5 and down > 0.25 * min(a["bottom"] - a["top"], b["bottom"] - b["top"])), \
                    (number, a["text"], b["text"])


def test_every_citation_mark_links_to_its_numbered_source_entry(large, example):
    for path, content in ((large, LARGE), (example.pdf, EXAMPLE)):
        document = load(content)
        reader = PdfReader(path)
        links, entries = 0, {}
        with pdfplumber.open(path) as pdf:
            for page, plumbed in zip(reader.pages, pdf.pages):
                height = float(page.mediabox[3])
                for annot in page.get("/Annots", []):
                    annot = annot.get_object()
                    if "/Dest" not in annot:
                        continue
                    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                    mark = plumbed.within_bbox((x0 - 0.5, height - y1 - 0.5, x1 + 0.5, height - y0 + 0.5)).extract_text().strip()
                    target, _, _, top, _ = annot["/Dest"]
                    target_page = [p.indirect_reference.idnum for p in reader.pages].index(target.idnum)
                    if target_page not in entries:
                        entries[target_page] = pdf.pages[target_page].extract_text_lines()
                    lines, target_height = entries[target_page], pdf.pages[target_page].height
                    entry = max((line for line in lines if target_height - line["top"] <= float(top) + 1),
                                key=lambda line: -line["top"])  # the first line below the destination
                    number = int(mark.strip("[], "))
                    assert entry["text"].startswith(f"{number}. {document.sources[number - 1].citation()}"[:40])
                    links += 1
        blocks = document.blocks()
        cited = sum(len(getattr(b, "stats", ())) for b in blocks) + len(document.charts())
        assert links >= cited


def test_sources_list_gives_clickable_urls(large):
    reader = PdfReader(large)
    uris = {annot.get_object()["/A"]["/URI"] for page in reader.pages for annot in page.get("/Annots", [])
            if "/A" in annot.get_object()}
    document = load(LARGE)
    assert uris == {source.url for source in document.sources if source.url}


def test_large_metadata(large):
    info = PdfReader(large).metadata
    assert info.title.startswith("Clean urban transport")
    assert info.author == "Institute for Urban Mobility Research — Łódź office · Zoë Ångström and Łukasz Wróbel"
    assert info.subject.startswith("A review of forty cities")
    assert "São Paulo" in info["/Keywords"]


def test_wide_table_is_set_landscape_and_whole(large, large_pages):
    reader = PdfReader(large)
    document = load(LARGE)
    table = table_titled(document, "Monitoring station register")
    index = next(i for i, text in enumerate(large_pages) if "Monitoring station register" in text)
    width, height = (float(v) for v in reader.pages[index].mediabox[2:])
    assert width > height
    with pdfplumber.open(large) as pdf:
        words = {w["text"] for w in pdf.pages[index].extract_words()}
        sizes = {round(c["size"], 1) for c in pdf.pages[index].chars}
    for row in table.shown_rows():
        assert row[2] in words and row[8] in words, "identifiers and URLs are never cut"
    assert min(sizes) >= 7


def test_stat_cards_form_an_even_grid_of_equal_cards(large, example):
    """Nine cards: three rows of three (never a lone ninth); every card the same size, and each
    label (however long) inside its own card."""
    panel = tuple(round(c / 255, 3) for c in bytes.fromhex(DEFAULT_THEME.palette.panel[1:]))
    with pdfplumber.open(large) as pdf:
        page = pdf.pages[0]
        cards = [r for r in page.rects if tuple(round(c, 3) for c in r["non_stroking_color"] or ()) == panel
                 and r["width"] < page.width / 3]
        words = page.extract_words()
    assert len(cards) == 9
    assert len({(round(r["width"], 1), round(r["height"], 1)) for r in cards}) == 1
    rows = sorted({round(r["top"]) for r in cards})
    assert [sum(round(r["top"]) == top for r in cards) for top in rows] == [3, 3, 3]
    middle = sorted((r for r in cards if round(r["top"]) == rows[-1]), key=lambda r: r["x0"])[1]
    assert abs((middle["x0"] + middle["x1"]) / 2 - page.width / 2) < 1  # each row spans the frame, centred
    for word in ("despite", "low-emission", "zones"):  # the long label wraps inside the second card
        box = next(w for w in words if w["text"] == word)
        second = sorted((r for r in cards if round(r["top"]) == rows[0]), key=lambda r: r["x0"])[1]
        assert second["x0"] < box["x0"] and box["x1"] < second["x1"] and second["top"] < box["top"] < second["bottom"]
    with pdfplumber.open(example.pdf) as pdf:
        page = pdf.pages[0]
        four = [r for r in page.rects if tuple(round(c, 3) for c in r["non_stroking_color"] or ()) == panel
                and r["width"] < page.width / 3]
    assert len(four) == 4 and len({round(r["top"]) for r in four}) == 1


def test_section_headings_and_figure_titles_never_end_a_page(large_pages):
    document = load(LARGE)
    stranded = {section.title for section in document.sections} | {"Sources"}
    for number, text in enumerate(large_pages[:-1], 1):
        body = [line for line in text.splitlines() if not line.startswith(("TLP:AMBER", "Clean urban transport"))]
        assert body[-1].strip() not in stranded, number
        assert not re.match(r"(Figure|Table) \d+\.", body[-1]), number


def test_nothing_is_set_smaller_than_7pt(large, example):
    for path in (large, example.pdf):
        with pdfplumber.open(path) as pdf:  # a turned glyph's size is its extent across the page
            sizes = [c["size"] if c["upright"] else c["x1"] - c["x0"] for page in pdf.pages for c in page.chars]
        assert min(sizes) >= 7 - 0.01


def test_a_table_wider_than_a_landscape_page_still_builds_with_every_column_readable(tmp_path):
    """A number column whose header is one 300-character word once left no room for the others."""
    from generator.build import build

    content = tmp_path / "wide.yaml"
    content.write_text(f"""title: Wide
sources: {{s: {{title: S, publisher: P}}}}
sections:
  - title: A
    blocks:
      - table:
          title: Too wide
          columns: [{{name: {"Measurement" * 30}, format: number}}, Area, Remark]
          rows: [[1250, North, Sensor moved in 2023]]
          sources: [s]
""", encoding="utf-8")
    pdf = build(content, tmp_path, ("pdf",)).written[0].path
    text = " ".join(pdf_pages(pdf))
    assert "North" in text and "Sensor" in text and "1,250" in text
    assert pdf_collisions(pdf) == (0, 0)
