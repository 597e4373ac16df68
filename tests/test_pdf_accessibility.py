"""The tagged PDF read back: two PDF/UA checkers we did not write find no failed checkpoint, and
the structure tree says what a screen reader will read, in the order a sighted reader reads it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from generator.build import build
from generator.content.loading import load as load_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CONTENTS = {"example": ROOT / "content" / "briefing.yaml", "minimal": FIXTURES / "minimal.yaml",
            "large": FIXTURES / "large.yaml", "accessible": FIXTURES / "accessible.yaml"}
needs_pdfinfo = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("tagged")
    built = {}
    for name, content in CONTENTS.items():
        build(content, out / name, formats=("pdf",), force=True)
        built[name] = out / name / f"{content.stem}.pdf"
    return built


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@pytest.mark.parametrize("name", list(CONTENTS))
def test_outloud_reports_no_failed_pdfua_checkpoint(pdfs, name):
    run = subprocess.run([_tool("outloud"), "--json", "-", "--fail-on", "never", str(pdfs[name])],
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)["results"][0]
    failed = [c["id"] + " " + c["name"] for c in result["criteria"]["pdfua1"] if c["status"] == "fail"]
    assert failed == [] and result["counts"]["error"] == 0, (failed, [f["message"] for f in result["findings"]])
    assert result["stats"]["tagged"]


@pytest.mark.parametrize("name", list(CONTENTS))
def test_pdfua_reports_no_finding(pdfs, name):
    run = subprocess.run([_tool("pdfua"), "check", str(pdfs[name])], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    assert "not evaluated" not in run.stdout  # every implemented rule ran on the file


def _elements(pdf: pikepdf.Pdf):
    """(role, element) of the whole tree, depth first, in the tree's order."""
    return _elements_under(pdf.Root.StructTreeRoot)


def _struct_text(path: Path) -> list[tuple[str, str]]:
    """poppler's reading of the tree: (role, text) for every element that holds text."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    pairs, role = [], None
    for line in out.splitlines():
        stripped = line.strip()
        if stripped.startswith('"'):
            pairs.append((role, stripped.strip('"')))
        elif stripped and not stripped.startswith("/"):
            role = stripped.split()[0].rstrip(":")
    return pairs


@needs_pdfinfo
@pytest.mark.parametrize("name", ["example", "accessible"])
def test_headings_and_captions_are_read_in_the_documents_order(pdfs, name):
    document = load_document(CONTENTS[name])
    words = document.words
    expected = [("H1", document.meta.title)]
    numbers = {"figure": 0, "table": 0}
    for section in document.sections:
        expected.append(("H2", section.title))
        for block in section.blocks:
            kind = type(block).__name__
            counter = {"ChartBlock": "figure", "ImageBlock": "figure", "TableBlock": "table"}.get(kind)
            if counter:
                numbers[counter] += 1
                expected.append(("Caption", f"{words(counter, number=numbers[counter])}. {block.title}"))
            elif getattr(block, "title", None):
                expected.append(("H3", block.title))
    expected.append(("H2", words("sources")))
    read = [(role, text) for role, text in _struct_text(pdfs[name]) if role in ("H1", "H2", "H3", "Caption")]
    read = [(role, text) for role, text in read if role != "Caption" or re.match(r"\w+ \d+\. ", text)]  # not subtitles
    assert read == expected


@needs_pdfinfo
def test_running_header_and_footer_are_not_read(pdfs):
    texts = " ".join(text for _, text in _struct_text(pdfs["accessible"]))
    assert "Page 1 of" not in texts and "Page 2 of" not in texts
    assert texts.count("Regional services, autumn review") == 1  # the title, not the running header


def test_a_table_over_pages_has_one_header_row_and_every_body_row(pdfs):
    with pikepdf.open(pdfs["accessible"]) as pdf:
        assert len(pdf.pages) >= 3
        tables = [element for role, element in _elements(pdf) if role == "Table"]
        assert len(tables) == 1
        roles = [role for role, _ in _elements_under(tables[0])]
        assert roles.count("THead") == 1 and roles.count("TBody") == 1
        assert roles.count("TH") == 3  # the header repeated on later pages is an artifact, read once
        assert roles.count("TR") == 1 + 32 and roles.count("TD") == 32 * 3
        assert roles[0] == "Caption"
        headers = [element for role, element in _elements_under(tables[0]) if role == "TH"]
        assert all(header.A.Scope == "/Column" for header in headers)
        pages = {element.Pg.objgen for role, element in _elements_under(tables[0]) if role == "TD"}
        assert len(pages) >= 2  # the rows of both pages are in the one table


def _elements_under(element):
    """(role, element) of every element below `element`, depth first, in the tree's order."""
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield str(kid.S)[1:], kid
            yield from _elements_under(kid)


def test_figures_have_alt_text_with_every_value_a_box_and_a_caption(pdfs):
    document = load_document(CONTENTS["accessible"])
    charts = [block for section in document.sections for block in section.blocks if type(block).__name__ == "ChartBlock"]
    with pikepdf.open(pdfs["accessible"]) as pdf:
        figures = [element for role, element in _elements(pdf) if role == "Figure"]
        assert len(figures) == 3  # two charts and the image
        box = pdf.pages[0].mediabox
        for figure in figures:
            x0, y0, x1, y1 = (float(v) for v in figure.A.BBox)
            assert figure.A.O == "/Layout" and 0 <= x0 < x1 <= float(box[2]) and 0 <= y0 < y1 <= float(box[3])
            assert [role for role, _ in _elements_under(figure)][0] == "Caption"
        alts = [str(figure.Alt) for figure in figures]
    assert alts[1] == "A schematic map of the regions; the east is the largest."
    for chart, alt in zip(charts, (alts[0], alts[2])):
        assert chart.title in alt
        assert all(chart.format.format(value) in alt for value in chart.values())
        assert all(category in alt for category in chart.categories)


def test_bullets_are_a_list_of_labelled_items(pdfs):
    with pikepdf.open(pdfs["accessible"]) as pdf:
        lists = [element for role, element in _elements(pdf) if role == "L"]
        assert len(lists) == 1
        items = [kid for kid in lists[0].K]
        assert len(items) == 3
        for item in items:
            assert item.S == "/LI" and [str(kid.S) for kid in item.K] == ["/Lbl", "/LBody"]


@needs_pdfinfo
def test_stat_cards_are_one_group_each_card_read_as_figure_label_source(pdfs):
    pairs = _struct_text(pdfs["example"])
    assert ("P", "485K") in pairs
    at = pairs.index(("P", "485K"))
    assert [text for _, text in pairs[at:at + 3]] == ["485K", "AI-CSAM Reports H1 2025", "Source: NCMEC [1]"]
    with pikepdf.open(pdfs["example"]) as pdf:
        groups = [element for role, element in _elements(pdf) if role == "Div" and element.P.S == "/Document"]
        assert len(groups) == 1 and len(groups[0].K) == 4
        assert all(card.S == "/Div" and [str(kid.S) for kid in card.K] == ["/P"] * 3 for card in groups[0].K)


def test_links_are_link_elements_with_descriptions(pdfs):
    with pikepdf.open(pdfs["accessible"]) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        seen = 0
        for page in pdf.pages:
            assert page.Tabs == "/S"
            for annotation in page.get("/Annots", []):
                seen += 1
                assert str(annotation.Contents).strip() and int(annotation.F) & 4
                link = parents[int(annotation.StructParent)]
                assert link.S == "/Link" and link.K.Obj.objgen == annotation.objgen
        assert seen >= 10
        contents = [str(a.Contents) for page in pdf.pages for a in page.get("/Annots", [])]
    assert "Source 1: National Statistics Office, Population estimates 2026." in contents or any(
        text.startswith("Source 1: ") for text in contents)
    assert "https://example.org/statistics/population-estimates-2026" in contents


def test_catalog_declares_tagging_language_title_and_pdfua(pdfs):
    with pikepdf.open(pdfs["accessible"]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True or bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert '<rdf:li xml:lang="x-default">Regional services, autumn review</rdf:li>' in xmp
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdfs["accessible"])], capture_output=True, text=True).stdout
        assert re.search(r"Tagged:\s+yes", info)


def test_the_tagged_pdf_is_reproducible(pdfs, tmp_path):
    build(CONTENTS["accessible"], tmp_path, formats=("pdf",), force=True)
    assert (tmp_path / "accessible.pdf").read_bytes() == pdfs["accessible"].read_bytes()
