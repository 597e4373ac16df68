"""Tables and charts read from CSV and XLSX files: the model they build, their provenance, stat
cards bound to their cells, the caps on hostile files, and a built PDF showing the file's figures.
The bad data files each have a fixture in tests/fixtures/bad/ (data-*.yaml), run by test_loader."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.checks.content import document_findings
from generator import file_kinds
from generator.content import data_files, load
from generator.errors import ContentError
from generator.model import ChartBlock, DataOrigin, StatsBlock, TableBlock

from .conftest import FIXTURES, ROOT, build_into

DATA = FIXTURES / "data-files"
HEAD = "title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n"
MONTHS = tuple(f"2023-{month:02d}" for month in range(1, 13))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def blocks_of(kind, document):
    return [block for block in document.blocks() if isinstance(block, kind)]


def content(tmp_path: Path, blocks: str, **files: bytes) -> Path:
    for name, data in files.items():
        (tmp_path / name.replace("_", ".")).write_bytes(data)
    path = tmp_path / "c.yaml"
    path.write_text(HEAD + blocks, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    """The messages of a content file loaded from its own folder, so they name files as written."""
    with contextlib.chdir(path.parent), pytest.raises(ContentError) as caught:
        load(path.name)
    return str(caught.value).splitlines()


def test_a_csv_table_picks_its_columns_by_name_in_the_tables_order():
    regions = blocks_of(TableBlock, load(DATA / "briefing-data.yaml"))[0]
    assert [column.name for column in regions.columns] == ["Region", "Spending", "Change"]
    assert regions.rows == (("North", 131000000, 8.7), ("South", 101250000, 3.3), ("East", 98000000, None))
    assert regions.shown_rows() == [["North", "131M", "8.7%"], ["South", "101.3M", "3.3%"], ["East", "98M", ""]]
    assert regions.id == "regions"


def test_a_table_without_columns_takes_the_header_numbers_right_aligned():
    platforms = blocks_of(TableBlock, load(DATA / "briefing-data.yaml"))[1]
    assert [(c.name, c.align, c.format is not None) for c in platforms.columns] == [
        ("Platform", "left", False), ("Reports", "right", True), ("Share", "right", True)]
    assert platforms.shown_rows()[0] == ["OpenAI", "32,079", "41.5"]


def test_an_xlsx_chart_reads_its_range_categories_first_series_by_header():
    chart = blocks_of(ChartBlock, load(DATA / "briefing-data.yaml"))[0]
    assert chart.categories == MONTHS
    assert [series.name for series in chart.series] == ["First-time", "Repeat"]  # column D lies outside the range
    assert chart.series[0].values[:3] == (1000, 1037, 1074) and chart.series[1].values[-1] == 521


def test_provenance_names_file_sheet_range_and_digest():
    document = load(DATA / "briefing-data.yaml")
    regions, platforms = blocks_of(TableBlock, document)
    chart = blocks_of(ChartBlock, document)[0]
    csv, xlsx = digest(DATA / "data" / "regions.csv"), digest(DATA / "data" / "series.xlsx")
    assert regions.data_from.reference() == f"data/regions.csv, sha256 {csv}"
    assert chart.data_from.reference() == f"data/series.xlsx, sheet Monthly, A1:C13, sha256 {xlsx}"
    assert platforms.data_from.reference() == f"data/series.xlsx, sheet Platforms, A1:C4, sha256 {xlsx}"
    assert DataOrigin("data/regions.xlsx", "3f2a9c1e04b7", "Regions", "A1:C20").reference() == \
        "data/regions.xlsx, sheet Regions, A1:C20, sha256 3f2a9c1e04b7"
    assert load(FIXTURES / "minimal.yaml").charts()[0].data_from is None


def test_bound_cards_take_the_cell_its_format_and_its_source_and_count_as_in_the_data():
    document = load(DATA / "briefing-data.yaml")
    cards = blocks_of(StatsBlock, document)[0].stats
    assert [(card.value, card.shown, card.source) for card in cards] == [
        (131000000, "131M", "audit"), (1037, "1,037", "survey"), (32079, "32.1K", "survey")]
    assert cards[0].bound_to == "table regions, row North, column Spending"
    assert cards[1].bound_to == "chart monthly, category 2023-02, series First-time"
    assert not [d for d in document_findings(document) if "appears in no chart" in d.message]


def test_a_card_binds_to_a_table_written_in_yaml_too(tmp_path: Path):
    path = content(tmp_path, "      - stats: {cards: [{value: {table: t, row: '2024', column: N}, label: L, source: s}]}\n"
                   "      - table: {id: t, title: T, columns: [Year, {name: N, format: percent}], rows: [[2024, 12.5]], sources: s}\n")
    card = blocks_of(StatsBlock, load(path))[0].stats[0]
    assert (card.value, card.shown, card.bound_to) == (12.5, "12.5%", "table t, row 2024, column N")


def test_csv_with_a_bom_semicolons_quotes_tabs_and_leading_zeros(tmp_path: Path):
    path = content(tmp_path, "      - table: {title: T, rows: {file: a.csv}, sources: s}\n"
                   "      - table: {title: U, rows: {file: b.csv, delimiter: tab}, sources: s}\n",
                   a_csv='\ufeffName;Value\n"Smith; J.";007\nLee;-1.5e3\n'.encode(), b_csv=b"Name\tValue\nA, B\t1e6\n")
    first, second = blocks_of(TableBlock, load(path))
    assert first.rows == (("Smith; J.", 7), ("Lee", -1500.0)) and first.columns[1].align == "right"
    assert second.rows == (("A, B", 1000000.0),)


def test_a_workbook_gives_dates_as_text_and_numbers_as_written(tmp_path: Path):
    import datetime

    book = Workbook()
    book.active.append(["Month", "Value"])
    book.active.append([datetime.datetime(2023, 2, 1), 5])
    book.active.append([2024, 6.25])
    book.save(tmp_path / "d.xlsx")
    path = content(tmp_path, "      - chart: {title: C, data: {file: d.xlsx}, sources: s}\n")
    chart = load(path).charts()[0]
    assert chart.categories == ("2023-02-01", "2024") and chart.series[0].values == (5, 6.25)
    assert chart.data_from.sheet == "Sheet" and chart.data_from.range == "A1:B3"


def test_a_csv_past_the_cell_cap_is_refused(tmp_path: Path):
    rows = "\n".join(f"r{n},{n}" for n in range(50_001))
    path = content(tmp_path, "      - table: {title: T, rows: {file: big.csv}, sources: s}\n", big_csv=f"A,B\n{rows}\n".encode())
    assert problems(path)[0] == ("c.yaml:6:40: error: big.csv holds more than 100,000 cells, more than a data file may give "
                                 "[sections[0].blocks[0].table.rows.file]")


def test_a_sheet_past_the_cell_cap_is_refused_before_its_cells_are_read(tmp_path: Path):
    book = Workbook()
    book.active["A1"], book.active["Z5000"] = "Name", 1
    book.save(tmp_path / "wide.xlsx")
    path = content(tmp_path, "      - table: {title: T, rows: {file: wide.xlsx}, sources: s}\n")
    assert problems(path)[:2] == [
        "c.yaml:6:40: error: sheet Sheet of wide.xlsx holds 130,000 cells, more than a data file may give (100,000) "
        "[sections[0].blocks[0].table.rows.file]", "  hint: give `range:` with only the cells the block uses"]


def test_a_data_file_over_the_size_cap_is_refused_unread(tmp_path: Path):
    with (tmp_path / "huge.csv").open("wb") as stream:
        stream.truncate(21 * 2**20)
    path = content(tmp_path, "      - table: {title: T, rows: {file: huge.csv}, sources: s}\n")
    assert problems(path)[0] == ("c.yaml:6:40: error: huge.csv is 21.0 MB, more than a data file may be (20 MB) "
                                 "[sections[0].blocks[0].table.rows.file]")


def test_an_unreadable_data_file_says_why(tmp_path: Path, monkeypatch):
    def refuse(path, cap):
        raise data_files.FileRefused("unreadable", "Permission denied")

    monkeypatch.setattr(file_kinds, "read_regular", refuse)  # what read_described reads with
    path = content(tmp_path, "      - table: {title: T, rows: {file: x.csv}, sources: s}\n")
    assert problems(path)[0] == ("c.yaml:6:40: error: the data file x.csv cannot be read (Permission denied) "
                                 "[sections[0].blocks[0].table.rows.file]")


def test_a_zip_bomb_is_refused_from_its_directory_before_openpyxl_sees_it(monkeypatch):
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    monkeypatch.chdir(FIXTURES / "bad")
    with pytest.raises(ContentError) as caught:
        load("data-zip-bomb.yaml")
    assert "inflates to 60 MB, more than 50 MB, so it is not read" in str(caught.value)


def test_a_briefing_of_csv_files_never_loads_openpyxl(tmp_path: Path):
    path = content(tmp_path, "      - table: {title: T, rows: {file: a.csv}, sources: s}\n", a_csv=b"A,B\nx,1\n")
    code = f"import sys; from generator.content import load; load({str(path)!r}); print('openpyxl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False", result.stderr


def test_the_built_pdf_shows_the_files_figures(tmp_path: Path):
    import pdfplumber

    built = build_into(DATA / "briefing-data.yaml", tmp_path)
    with pdfplumber.open(built.pdf) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for figure in ("North 131M 8.7%", "South 101.3M 3.3%", "OpenAI 32,079 41.5", "131M 1,037 32.1K", "2023-12"):
        assert figure in text, figure
    assert built.pptx.exists()


def test_an_entity_bomb_inside_a_workbook_is_refused(tmp_path: Path):
    import io
    import zipfile

    book = Workbook()
    book.active.append(["Name", "Value"])
    book.active.append(["x", 1])
    raw = io.BytesIO()
    book.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    with zipfile.ZipFile(tmp_path / "laughs.xlsx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                body = (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data).replace(b"<v>1</v>", b"<v>&a9;</v>")
                data = f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'.encode() + body
            target.writestr(name, data)
    path = content(tmp_path, "      - table: {title: T, rows: {file: laughs.xlsx}, sources: s}\n")
    assert problems(path)[0].startswith("c.yaml:6:40: error: laughs.xlsx cannot be read as an XLSX workbook (")


def test_a_bound_card_reports_its_binding_and_its_other_faults_at_once(tmp_path: Path):
    path = content(tmp_path, "      - stats: {cards: [{value: {table: nope, row: a, column: b}, source: s}]}\n")
    assert problems(path) == [
        "c.yaml:6:25: error: missing required key 'label' [sections[0].blocks[0].stats.cards[0]]",
        "c.yaml:6:41: error: no table or chart has the id 'nope' [sections[0].blocks[0].stats.cards[0].value.table]",
        "  hint: give the table `id: nope`"]


def test_new_figures_in_a_data_file_give_the_outputs_a_new_document_id(tmp_path: Path):
    """The document ID is a digest of what the briefing shows: the content file and its data files."""
    import shutil

    from generator.build import prepare

    shutil.copytree(DATA, tmp_path / "pack")
    content = tmp_path / "pack" / "briefing-data.yaml"
    before = prepare(content, ("pdf",)).outputs["pdf"].data
    csv = tmp_path / "pack" / "data" / "regions.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("8.7", "8.8"), encoding="utf-8")
    after = prepare(content, ("pdf",)).outputs["pdf"].data

    def document_id(pdf: bytes) -> bytes:
        return pdf[pdf.rindex(b"/ID"):][:80]

    assert document_id(before) != document_id(after)


def test_a_chart_from_a_file_takes_negative_values_and_an_empty_cell_as_a_gap(tmp_path: Path):
    from generator.content import load

    (tmp_path / "gap.csv").write_text("Month,Value\nJan,10\nFeb,\nMar,12\nApr,-3\n", encoding="utf-8")
    content = tmp_path / "c.yaml"
    content.write_text("title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n"
                       "      - chart: {type: line, title: M, data: {file: gap.csv}, sources: s}\n", encoding="utf-8")
    chart = load(content).charts()[0]
    assert chart.series[0].values == (10, None, 12, -3)


def test_the_pdf_sources_and_the_speaker_notes_name_each_data_file_with_its_digest(tmp_path: Path):
    import pdfplumber
    from pptx import Presentation

    built = build_into(DATA / "briefing-data.yaml", tmp_path)
    with pdfplumber.open(built.pdf) as pdf:
        last = pdf.pages[-1].extract_text()
    digest = hashlib.sha256((DATA / "data" / "regions.csv").read_bytes()).hexdigest()[:12]
    assert "Data files:" in last and f"Table 1. Regional totals: data/regions.csv, sha256 {digest}" in last
    assert "Figure 1. Reports by month: data/series.xlsx, sheet Monthly, A1:C13, sha256" in last
    notes = [slide.notes_slide.notes_text_frame.text for slide in Presentation(built.pptx).slides if slide.has_notes_slide]
    assert any(note.endswith(f"Data: data/regions.csv, sha256 {digest}") for note in notes)
