"""What a screen reader, and PowerPoint's outline view, meet on each slide as it is drawn.

A screen reader reads a slide's shapes in the order they sit in its shape tree, announces the
title placeholder as the slide's title, reads each picture's alt text, and passes over shapes
marked decorative. So, for every slide, on the built-in theme as on a template:

- the headline is the slide's title placeholder (`<p:ph type="title"/>`), placed, sized and set
  exactly as the measured text box would be, so the slide looks the same; a layout without one
  gets one added to the slide, since a slide whose title is a plain text box has no title to list;
- the shapes are drawn in reading order: the title, the content as the plan lists it, the source
  line, then the slide number and marking (`reading_order`); z-order is drawing order too, and no
  shape moved by this overlaps another, so nothing is drawn over anything it was drawn under before;
- the filled rectangles (rules, card panels and bars, callout bars) are marked decorative with
  Office's extension, and a rectangle covering the whole slide (the title and divider slides'
  band) is painted as the slide's background, so it is no shape at all.

The plan keeps its own order (the check and the tests read it); only drawing follows this one.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Pt

from ...theme import SLIDE
from .shapes import Rect, TextBox

TITLE_ROLES = ("title", "headline")  # the roles of the text that is the slide's title
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Office's "Mark as decorative"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def is_headline(shape) -> bool:
    return isinstance(shape, TextBox) and shape.role in TITLE_ROLES


def is_background(shape) -> bool:
    """A rectangle covering the whole slide: the band behind a title or divider slide."""
    return isinstance(shape, Rect) and shape.x <= 0 and shape.y <= 0 and \
        shape.x + shape.width >= SLIDE.width and shape.y + shape.height >= SLIDE.height


def reading_order(shapes: list) -> list:
    """The slide's shapes as they are read: the headline, the content in the plan's order, the
    source line, then the footer. The sort is stable, so a card's panel stays beneath its text."""

    def rank(shape) -> int:
        if isinstance(shape, TextBox):
            if shape.role in TITLE_ROLES:
                return 0
            if shape.role == "source":
                return 2
            if shape.furniture:
                return 3
        return 1

    return sorted(shapes, key=rank)


def mark_decorative(c_nv_pr) -> None:
    """The shape marked decorative (PowerPoint's "Mark as decorative"): screen readers skip it and
    the accessibility checker asks no alt text of it. The extension list is cNvPr's last child."""
    extensions = c_nv_pr.find(qn("a:extLst"))
    if extensions is None:
        extensions = etree.SubElement(c_nv_pr, qn("a:extLst"))
    extension = etree.SubElement(extensions, qn("a:ext"), uri=DECORATIVE_EXT)
    etree.SubElement(extension, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}).set("val", "1")


def paint_background(slide, colour: str) -> None:
    """The slide's own background in `colour`: what a full-slide band looks like, without a shape."""
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(colour)


def title_placeholder(slide, wanted: bool):
    """The slide's title placeholder, the layout's other placeholders removed (the deck draws its
    own text, number and marking); one is added when the layout has none. None when not `wanted`."""
    title = None
    for placeholder in list(slide.placeholders):
        if wanted and title is None and placeholder.placeholder_format.type in TITLES:
            title = placeholder
        else:
            placeholder._element.getparent().remove(placeholder._element)
    if wanted and title is None:
        title = _add_title_placeholder(slide)
    return title


def _add_title_placeholder(slide):
    """A title placeholder on a slide whose layout has none (a template's layout without a title):
    an `<p:sp>` with `<p:ph type="title"/>`, made as python-pptx clones a layout's, which takes the
    master's title style. Placed and filled by `place_title`."""
    shapes = slide.shapes
    shape_id = shapes._next_shape_id
    sp = shapes._spTree.add_placeholder(shape_id, f"Title {shape_id - 1}", PP_PLACEHOLDER.TITLE, "horz", "full", 0)
    return next(placeholder for placeholder in slide.placeholders if placeholder._element is sp)


def place_title(title, box: TextBox, fill: Callable) -> None:
    """The headline set in the title placeholder as measured: its box, no insets, no autofit, top
    anchored, the measured size and face. The placeholder is already the first shape in the slide's
    tree (`title_placeholder` leaves no other), where `reading_order` puts the headline."""
    title.left, title.top, title.width, title.height = Pt(box.x), Pt(box.y), Pt(box.width), Pt(max(box.height, 1))
    frame = title.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    paragraph = frame.paragraphs[0]
    fill(paragraph, box.paragraphs[0])
    _as_measured(paragraph._p)


def _as_measured(p) -> None:
    """Undo what a master's title style may add and the measure did not assume: 90% line spacing,
    space before, an indent, capitals, letter spacing."""
    properties = p.get_or_add_pPr()
    properties.set("marL", "0")
    properties.set("indent", "0")
    for run in p.iter(qn("a:rPr")):
        run.set("cap", "none")
        run.set("spc", "0")
    spacing = etree.Element(qn("a:lnSpc"))
    etree.SubElement(spacing, qn("a:spcPct")).set("val", "100000")
    before = etree.Element(qn("a:spcBef"))
    etree.SubElement(before, qn("a:spcPts")).set("val", "0")
    properties.insert(0, before)
    properties.insert(0, spacing)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def app_properties(deck) -> bytes:
    """docProps/app.xml as the deck is: widescreen, its slide and notes counts, and its slide
    titles (what a file browser or an accessibility checker lists), in place of python-pptx's
    default part, which says a 4:3 show of no slides made by another program."""
    titles = []
    for slide in deck.slides:
        title = slide.shapes.title
        titles.append(" ".join(title.text_frame.text.split()) if title is not None else "")
    notes = sum(1 for slide in deck.slides if slide.has_notes_slide)
    namespace = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{namespace}}}Properties", nsmap={None: namespace, "vt": vt})
    for name, value in (("Application", "briefing"), ("PresentationFormat", "Widescreen"), ("Slides", len(titles)),
                        ("Notes", notes), ("HiddenSlides", 0)):
        etree.SubElement(root, f"{{{namespace}}}{name}").text = str(value)
    pairs = etree.SubElement(etree.SubElement(root, f"{{{namespace}}}HeadingPairs"), f"{{{vt}}}vector",
                             size="2", baseType="variant")
    etree.SubElement(etree.SubElement(pairs, f"{{{vt}}}variant"), f"{{{vt}}}lpstr").text = "Slide Titles"
    etree.SubElement(etree.SubElement(pairs, f"{{{vt}}}variant"), f"{{{vt}}}i4").text = str(len(titles))
    parts = etree.SubElement(etree.SubElement(root, f"{{{namespace}}}TitlesOfParts"), f"{{{vt}}}vector",
                             size=str(len(titles)), baseType="lpstr")
    for title in titles:
        etree.SubElement(parts, f"{{{vt}}}lpstr").text = title
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
