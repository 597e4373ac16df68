"""The deck as a screen reader meets it, read from the saved XML: each slide's headline in its
title placeholder, alt text on every picture and chart, decorative shapes marked, shapes in
reading order (title, content, source line, footer), table header rows flagged, and the title and
language in the core properties. Checked on the example (picture and native charts, and on a
template), the large fixture, the French fixture, and a template whose layouts have no title.

What each slide should hold is taken from the deck's plan, laid out as the build lays it out; what
it does hold is read from the XML with lxml, so the two are compared, not the code with itself."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from generator.content import load
from generator.measure import measuring_with
from generator.stamp import stamp_for
from generator.theme import DEFAULT_THEME, SLIDE
from generator.writers.deck import plan_deck
from generator.writers.deck.shapes import ChartBox, Picture, Rect, TableBox, TextBox

from .conftest import EXAMPLE, FIXTURES, run_cli
from .test_deck_template import make_template

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "dc": "http://purl.org/dc/elements/1.1/",
      "dcterms": "http://purl.org/dc/terms/",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"}
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
SLIDE_NUMBER = re.compile(r"^\d+ / \d+$")

# name: (content, extra build arguments, a template made for it: None, "house" or "untitled")
BUILDS = {
    "example": (EXAMPLE, (), None),
    "native": (EXAMPLE, ("--pptx-charts", "native"), None),
    "template": (EXAMPLE, (), "house"),
    "large": (FIXTURES / "large.yaml", (), None),
    "french": (FIXTURES / "french.yaml", (), None),
    "untitled-layouts": (FIXTURES / "minimal.yaml", (), "untitled"),
}


def untitled_template(path: Path) -> Path:
    """A template whose "Title Only" and "Section Header" layouts have no title placeholder."""
    make_template(path)
    template = Presentation(str(path))
    for layout in template.slide_layouts:
        if layout.name in ("Title Only", "Section Header"):
            for placeholder in list(layout.placeholders):
                if placeholder.placeholder_format.type in (1, 3):  # TITLE, CENTER_TITLE
                    placeholder._element.getparent().remove(placeholder._element)
    template.save(str(path))
    return path


class Built:
    """One built deck: its content, its plan (as the build lays it out) and its saved slides."""

    def __init__(self, content: Path, pptx: Path, native: bool, templated: bool):
        self.document = load(content)
        with measuring_with(DEFAULT_THEME.typeface):
            self.plan = plan_deck(self.document, DEFAULT_THEME, templated=templated, pictures=not native)
        self.deck = Presentation(str(pptx))
        self.slides = list(self.deck.slides)
        assert len(self.slides) == len(self.plan.slides)

    def pairs(self):
        """Each slide's number, plan and slide XML."""
        return [(n, plan, slide._element) for n, (plan, slide) in enumerate(zip(self.plan.slides, self.slides), 1)]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    out = tmp_path_factory.mktemp("accessible")
    built = {}
    for name, (content, extra, template) in BUILDS.items():
        arguments = list(extra)
        if template:
            path = out / f"{template}.pptx"
            make_template(path) if template == "house" else untitled_template(path)
            arguments += ["--template", str(path)]
        result = run_cli("build", str(content), "--out", str(out / name), "--format", "pptx", *arguments)
        assert result.returncode == 0, result.stderr
        built[name] = Built(content, out / name / f"{content.stem}.pptx", "native" in extra, template is not None)
    return built


@pytest.fixture(params=list(BUILDS))
def built(request, builds) -> Built:
    return builds[request.param]


def tree_shapes(slide) -> list:
    """The shapes of a slide's tree, in tree order (which is drawing order and reading order)."""
    tree = slide.find("p:cSld/p:spTree", NS)
    return [child for child in tree if etree.QName(child).localname in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")]


def c_nv_pr(shape):
    return shape.find("./*/p:cNvPr", NS)


def is_decorative(shape) -> bool:
    marks = c_nv_pr(shape).findall(f"a:extLst/a:ext[@uri='{DECORATIVE}']/adec:decorative", NS)
    return any(mark.get("val") == "1" for mark in marks)


def placeholder(shape):
    return shape.find("p:nvSpPr/p:nvPr/p:ph", NS)


def text_of(shape) -> str:
    """The shape's text as python-pptx gives it: paragraphs joined by line breaks."""
    return "\n".join("".join(t.text or "" for t in p.iter(f"{{{NS['a']}}}t")) for p in shape.iter(f"{{{NS['a']}}}p"))


def graphic_uri(shape) -> str:
    data = shape.find("a:graphic/a:graphicData", NS)
    return data.get("uri") if data is not None else ""


def offset(shape) -> tuple[int, int, int, int]:
    transform = shape.find("p:spPr/a:xfrm", NS)
    if transform is None:
        transform = shape.find("p:xfrm", NS)
    off, ext = transform.find("a:off", NS), transform.find("a:ext", NS)
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def headline_of(plan) -> TextBox:
    (head,) = [s for s in plan.shapes if isinstance(s, TextBox) and s.role in ("title", "headline")]
    return head


def is_background(shape) -> bool:
    return isinstance(shape, Rect) and shape.x <= 0 and shape.y <= 0 and \
        shape.width >= SLIDE.width and shape.height >= SLIDE.height


# --- every slide's headline is its title placeholder ---------------------------------------------------------------

def test_every_slide_has_its_headline_in_its_one_title_placeholder_placed_as_measured(built):
    for number, plan, slide in built.pairs():
        head = headline_of(plan)
        placeholders = [s for s in tree_shapes(slide) if placeholder(s) is not None]
        assert len(placeholders) == 1, f"slide {number}: {len(placeholders)} placeholders"
        (title,) = placeholders
        assert placeholder(title).get("type") in ("title", "ctrTitle"), f"slide {number}"
        assert text_of(title) == "\n".join(p.text for p in head.paragraphs), f"slide {number}"
        assert offset(title) == (Pt(head.x), Pt(head.y), Pt(head.width), Pt(max(head.height, 1))), f"slide {number}"
        body = title.find("p:txBody/a:bodyPr", NS)
        assert [body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")] == ["0"] * 4 and body.find("a:noAutofit", NS) is not None
        boxes = [s for s in tree_shapes(slide) if placeholder(s) is None and text_of(s) == text_of(title)]
        assert not boxes, f"slide {number}: the headline is drawn twice"


def test_the_outline_lists_the_example_slides_by_their_headlines(builds):
    titles = [slide.shapes.title.text for slide in builds["example"].slides]
    assert titles == [
        "AI-Generated CSAM Threats", "Key figures", "Reports and content", "NCMEC AI-CSAM Reports",
        "AI-Generated CSAM Videos (IWF)", "AI Platform Reports to NCMEC (2024)", "Misuse and response",
        "How AI Is Being Used by Predators", "What Platforms Are Doing About It", "CSAM Hosting by Country (2024)", "Sources",
    ]


# --- alt text on every picture and chart ---------------------------------------------------------------------------

def test_every_picture_and_chart_has_alt_text_and_a_charts_lists_its_values(built):
    for number, plan, slide in built.pairs():
        shapes = tree_shapes(slide)
        for shape in shapes:
            kind = etree.QName(shape).localname
            if kind == "pic" or (kind == "graphicFrame" and graphic_uri(shape) == CHART_URI):
                name = c_nv_pr(shape).get("name")
                assert (c_nv_pr(shape).get("descr") or "").strip(), f"slide {number}: {name} has no alt text"
        described = {c_nv_pr(s).get("name"): c_nv_pr(s).get("descr") for s in shapes if etree.QName(s).localname != "sp"}
        for box in plan.shapes:
            if isinstance(box, ChartBox):
                assert described[box.name] == box.alt_text, f"slide {number}"
                block = box.block
                shown = [block.format.format(v) for series in block.series for v in series.values if v is not None]
                assert all(f"{category}{built.document.words.colon} " in box.alt_text for category in block.categories)
                assert all(value in box.alt_text for value in shown), f"slide {number}: a value missing from the alt text"
            elif isinstance(box, Picture):
                assert box.alt_text.strip() and box.alt_text in described.values(), f"slide {number}"


# --- decorative shapes ---------------------------------------------------------------------------------------------

def test_rules_bars_and_panels_are_marked_decorative_and_the_band_is_the_background(built):
    for number, plan, slide in built.pairs():
        shapes = tree_shapes(slide)
        decorative = [s for s in shapes if is_decorative(s)]
        rects = [s for s in plan.shapes if isinstance(s, Rect) and not is_background(s)]
        assert len(decorative) == len(rects), f"slide {number}: {len(decorative)} decorative, {len(rects)} rules and panels"
        for shape in decorative:
            assert not text_of(shape).strip() and not c_nv_pr(shape).get("descr"), f"slide {number}"
        for shape in shapes:  # what is not decorative says something: text, alt text or a table
            kind = etree.QName(shape).localname
            if not is_decorative(shape):
                assert (kind == "sp" and text_of(shape).strip()) or c_nv_pr(shape).get("descr") or \
                    graphic_uri(shape) == TABLE_URI, f"slide {number}: {c_nv_pr(shape).get('name')} is silent and not decorative"
            x, y, cx, cy = offset(shape)
            covers = x <= 0 and y <= 0 and cx >= Pt(SLIDE.width) and cy >= Pt(SLIDE.height)
            assert not covers, f"slide {number}: a shape covers the whole slide"
        band = next((s for s in plan.shapes if is_background(s)), None)
        fill = slide.find("p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr", NS)
        painted = fill.get("val") if fill is not None else None
        assert painted == (band.fill.lstrip("#").upper() if band else None), f"slide {number}"


# --- reading order -------------------------------------------------------------------------------------------------

def source_lead(built: Built) -> tuple[str, ...]:
    words = built.document.words
    return tuple(words.lead(word) for word in ("source", "sources", "general_sources"))


def rank_of_plan(box, built: Built) -> int:
    """0 the headline, 1 content, 2 the slide's source line, 3 the slide number and marking."""
    if isinstance(box, TextBox):
        if box.role in ("title", "headline"):
            return 0
        runs = [run for para in box.paragraphs for run in para.runs]
        if all(run.italic for run in runs) and box.width == SLIDE.content_width and runs[0].text.startswith(source_lead(built)):
            return 2
        if box.furniture:
            return 3
    return 1


def label_of_plan(box) -> str:
    if isinstance(box, TextBox):
        return "\n".join(para.text for para in box.paragraphs)
    if isinstance(box, (ChartBox, Picture)):
        return box.alt_text
    return "table: " + " | ".join(box.rows[0])


def label_of_shape(shape) -> str:
    if graphic_uri(shape) == TABLE_URI:
        header = shape.find(".//a:tbl/a:tr", NS)
        return "table: " + " | ".join(text_of(cell) for cell in header.findall("a:tc", NS))
    return c_nv_pr(shape).get("descr") if etree.QName(shape).localname != "sp" else text_of(shape)


def rank_of_shape(shape, built: Built) -> int:
    """The same ranks, read from the XML alone: the title placeholder, the italic full-width line
    that starts 'Source:', the slide number and the marking."""
    if placeholder(shape) is not None:
        return 0
    text = text_of(shape)
    if etree.QName(shape).localname == "sp":
        runs = shape.findall(".//a:r/a:rPr", NS)
        if text.startswith(source_lead(built)) and runs and all(r.get("i") == "1" for r in runs) and \
                offset(shape)[2] == Pt(SLIDE.content_width):
            return 2
        marking = built.document.meta.marking
        if SLIDE_NUMBER.match(text) or (marking and text and marking.startswith(text.rstrip("…").replace("\n", " "))):
            return 3
    return 1


def test_shapes_are_in_reading_order_title_content_source_line_footer(built):
    for number, plan, slide in built.pairs():
        shapes = [s for s in tree_shapes(slide) if not is_decorative(s)]
        ranks = [rank_of_shape(s, built) for s in shapes]
        assert ranks == sorted(ranks), f"slide {number}: {ranks}"
        assert ranks[0] == 0 and ranks[-1] == 3, f"slide {number}: {ranks}"
        expected = sorted((box for box in plan.shapes if not isinstance(box, Rect)), key=lambda box: rank_of_plan(box, built))
        assert [label_of_shape(s) for s in shapes] == [label_of_plan(box) for box in expected], f"slide {number}"


# --- table header rows ---------------------------------------------------------------------------------------------

def test_every_tables_first_row_is_flagged_as_its_header_on_every_slide(built):
    for number, plan, slide in built.pairs():
        tables = [s for s in tree_shapes(slide) if graphic_uri(s) == TABLE_URI]
        boxes = [box for box in plan.shapes if isinstance(box, TableBox)]
        assert len(tables) == len(boxes), f"slide {number}"
        for shape, box in zip(tables, boxes):
            properties = shape.find(".//a:tbl/a:tblPr", NS)
            assert properties is not None and properties.get("firstRow") == "1", f"slide {number}"
            assert label_of_shape(shape) == label_of_plan(box), f"slide {number}"
            assert box.rows[0] == [column.name for column in box_block_columns(built, box)], f"slide {number}"


def box_block_columns(built: Built, box: TableBox):
    """The columns of the table the box shows: the block whose column names head it."""
    names = box.rows[0]
    blocks = [b for b in built.document.blocks() if type(b).__name__ == "TableBlock" and [c.name for c in b.columns] == names]
    assert blocks, names
    return blocks[0].columns


# --- core properties -----------------------------------------------------------------------------------------------

def test_the_core_properties_give_the_title_and_language_and_the_build_date(built):
    meta = built.document.meta
    core = etree.fromstring(built.deck.part.package.part_related_by(
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties").blob)
    assert core.findtext("dc:title", namespaces=NS) == meta.title
    assert core.findtext("dc:language", namespaces=NS) == meta.language
    moment = stamp_for(b"", meta.date, dict(os.environ), meta.locale).moment
    dates = [core.findtext(f"dcterms:{name}", namespaces=NS) for name in ("created", "modified")]
    assert dates == [moment.strftime("%Y-%m-%dT%H:%M:%SZ")] * 2  # the build's date, never the clock's
    assert not core.findtext("dc:description", namespaces=NS)  # neither python-pptx's nor a template's


def test_the_extended_properties_list_the_slides_by_title_on_a_widescreen_deck(built):
    app = etree.fromstring(built.deck.part.package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties").blob)
    ns = {"e": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
          "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}
    titles = [" ".join(slide.shapes.title.text.split()) for slide in built.slides]
    assert app.findtext("e:PresentationFormat", namespaces=ns) == "Widescreen"
    assert app.findtext("e:Application", namespaces=ns) == "briefing"
    assert int(app.findtext("e:Slides", namespaces=ns)) == len(built.slides)
    assert [t.text or "" for t in app.findall("e:TitlesOfParts/vt:vector/vt:lpstr", namespaces=ns)] == titles
