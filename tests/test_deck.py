"""The slide deck, read back with python-pptx."""

from __future__ import annotations

import pytest
from pptx.util import Emu, Inches

from generator.content import load

from .conftest import EXAMPLE
from .readback import SEED_TEXTS, deck, flat, inside, notes_text, slide_texts


@pytest.fixture(scope="module")
def slides(example):
    return deck(example.pptx)


def headline(slide) -> str:
    """The slide's headline: its highest text frame."""
    frames = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
    return min(frames, key=lambda s: (s.top, s.left)).text_frame.text


def test_sixteen_by_nine(slides):
    assert (slides.slide_width, slides.slide_height) == (Inches(13.333), Inches(7.5)) or \
        abs(slides.slide_width / slides.slide_height - 16 / 9) < 0.001


def test_slide_order_title_stats_dividers_charts_tables_bullets_sources(slides):
    """A section of more than one block opens with a divider slide: its number, then its title."""
    heads = [headline(s) for s in slides.slides]
    assert heads == [
        "AI-Generated CSAM Threats", "Key figures", "Section 2 of 4", "NCMEC AI-CSAM Reports",
        "AI-Generated CSAM Videos (IWF)", "AI Platform Reports to NCMEC (2024)", "Section 3 of 4",
        "How AI Is Being Used by Predators", "What Platforms Are Doing About It", "CSAM Hosting by Country (2024)", "Sources",
    ]
    dividers = [slide for slide in slides.slides if headline(slide).startswith("Section ")]
    assert ["Reports and content" in slide_texts(dividers[0]), "Misuse and response" in slide_texts(dividers[1])] == [True, True]


def test_every_figure_label_and_note_of_the_seed_page_is_in_the_deck(slides):
    shown = flat(" ".join(t for s in slides.slides for t in slide_texts(s)))
    missing = [item for item in SEED_TEXTS if flat(item) not in shown]
    assert not missing


def test_charts_are_pictures_with_alt_text_giving_title_and_values(slides):
    pictures = [shape for s in slides.slides for shape in s.shapes if shape.shape_type == 13]
    assert len(pictures) == 2
    alt = [p._element.nvPicPr.cNvPr.get("descr") for p in pictures]
    assert "NCMEC AI-CSAM Reports" in alt[0] and all(v in alt[0] for v in ("4,700", "67,000", "485,000"))
    assert "AI-Generated CSAM Videos (IWF)" in alt[1] and "3,443" in alt[1]
    for picture in pictures:
        # sharp on a 1920x1080 screen: at least one image pixel per screen pixel
        width_px = picture.image.size[0]
        shown_px = picture.width / slides.slide_width * 1920
        assert width_px >= shown_px


def test_tables_are_native_tables_with_the_content_rows(slides):
    tables = [shape.table for s in slides.slides for shape in s.shapes if shape.has_table]
    assert len(tables) == 2
    cells = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert cells == [["Platform", "Reports", "Note"], ["OpenAI", "32,079", "+9,650% from 2023"],
                     ["Amazon AI Services", "30,759", "New entrant"], ["Anthropic", "971", "New entrant"]]
    assert [cell.text for cell in tables[1].rows[3].cells] == ["Poland", "8,077", "3%", "YoY: +8,488%"]


def test_figure_slides_carry_a_source_line_and_full_citations_in_notes(slides):
    document = load(EXAMPLE)
    for slide in list(slides.slides)[1:-1]:
        texts = slide_texts(slide)
        has_figure = any(s.has_table or s.shape_type == 13 for s in slide.shapes) or headline(slide) == "Key figures"
        if not has_figure:
            continue
        lines = [t for t in texts if t.startswith("Source: ")]
        assert lines, headline(slide)
        notes = notes_text(slide)
        for name in lines[0].removeprefix("Source: ").split(", "):
            source = next(s for s in document.sources if s.short == name)
            assert source.citation() in notes


def test_sources_slide_lists_every_registry_source(slides):
    document = load(EXAMPLE)
    last = list(slides.slides)[-1]
    text = " ".join(slide_texts(last))
    for number, source in enumerate(document.sources, 1):
        assert f"{number}.  {source.citation()}" in text


def test_marking_and_slide_number_on_every_slide(slides):
    total = len(slides.slides)
    for number, slide in enumerate(slides.slides, 1):
        texts = slide_texts(slide)
        assert "TLP:CLEAR" in texts and f"{number} / {total}" in texts


def test_every_shape_is_inside_the_slide_and_uses_the_deck_typeface(slides):
    for slide in slides.slides:
        for shape in slide.shapes:
            assert inside(shape, slides.slide_width, slides.slide_height), headline(slide)
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.name == "Calibri"
                        assert run.font.size is None or run.font.size.pt >= 12


def test_body_text_is_at_least_14_pt_and_titles_at_least_24(slides):
    for slide in list(slides.slides)[1:]:
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.top > Emu(slides.slide_height * 0.93):
                continue  # the footer (slide number, marking) is furniture, not body text
            sizes = [run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs]
            assert not sizes or min(sizes) >= 14, shape.text_frame.text
        assert max(run.font.size.pt for s in slide.shapes if s.has_text_frame
                   for p in s.text_frame.paragraphs for run in p.runs) >= 24


def test_core_properties(slides):
    assert slides.core_properties.title == "AI-Generated CSAM Threats"


def test_bullet_slides_without_own_sources_name_the_briefings_general_sources(slides):
    general = "General sources: IWF AI CSAM Report 2026, IWF 2025 Annual Report, Stanford Cyberlaw, Thorn, Fortune"
    bullet_slides = [s for s in slides.slides if headline(s) in ("How AI Is Being Used by Predators", "What Platforms Are Doing About It")]
    assert len(bullet_slides) == 2
    for slide in bullet_slides:
        assert general in slide_texts(slide)
        assert "Fortune (April 2026)" in notes_text(slide) and "Stanford Cyberlaw — Stanford Law School" in notes_text(slide)


def test_every_shape_id_on_a_slide_is_unique(slides):
    """PowerPoint offers to repair a slide whose shapes share an id."""
    for slide in slides.slides:
        ids = [element.get("id") for element in slide._element.iter() if element.tag.endswith("}cNvPr")]
        assert len(ids) == len(set(ids))


PARAGRAPH_PROPERTY_ORDER = ["lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts", "buFontTx",
                            "buFont", "buNone", "buAutoNum", "buChar", "buBlip", "tabLst", "defRPr", "extLst"]
RUN_PROPERTY_ORDER = ["ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "effectLst", "effectDag",
                      "highlight", "uLnTx", "uLn", "uFillTx", "uFill", "latin", "ea", "cs", "sym", "hlinkClick",
                      "hlinkMouseOver", "rtl", "extLst"]


def test_text_xml_follows_the_schema_order_powerpoint_checks(slides):
    """PowerPoint offers to 'repair' a deck whose elements are out of schema order; LibreOffice does not mind."""
    namespace = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for slide in slides.slides:
        for element, order in ((namespace + "pPr", PARAGRAPH_PROPERTY_ORDER), (namespace + "rPr", RUN_PROPERTY_ORDER)):
            for properties in slide._element.iter(element):
                positions = [order.index(child.tag.removeprefix(namespace)) for child in properties]
                assert positions == sorted(positions)
        for paragraph in slide._element.iter(namespace + "p"):
            names = [child.tag.removeprefix(namespace) for child in paragraph]
            assert "pPr" not in names or names.index("pPr") == 0
            assert "endParaRPr" not in names or names[-1] == "endParaRPr"
