"""A deck plan drawn with python-pptx: the place points become EMU and boxes become shapes.

Every box is placed as the plan measured it; text boxes have no insets and no autofit, so what was
measured is what PowerPoint, Keynote and LibreOffice draw. Runs, paragraphs and table rows are
written as XML directly, since python-pptx's per-property API costs most of a long deck's build.
python-pptx is also imported by `template.py` (a user's template), `native.py` (native charts) and
`notes.py` (speaker notes); this module is loaded only when a deck's bytes are asked for, so
`briefing check` lays the deck out without drawing it.
"""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Pt

from ... import __version__, measure
from ...charts import paint_picture, plan_chart
from ...model import Document
from ...stamp import Stamp
from ...theme import SLIDE, Theme
from ...words import office_language
from .access import app_properties, is_background, is_headline, mark_decorative, paint_background, place_title, reading_order, \
    title_placeholder
from .archive import fixed_times
from .blocks.chart import deck_chart_theme
from .language import tag_default_language, tag_language
from .links import link_runs
from .notes import NotesSlides
from .pictures import add_picture
from .plan import DeckPlan
from .shapes import ChartBox, Para, Picture, Rect, Run, TableBox, TextBox

TITLE_ONLY_LAYOUT = 5  # python-pptx's own template: "Title Only", a title placeholder and nothing else drawn
PAD_X, PAD_Y = SLIDE.cell_pad


def render_deck(plan: DeckPlan, document: Document, theme: Theme, stamp: Stamp, native_charts: bool = False,
                template=None) -> bytes:
    """The plan's slides drawn on the built-in theme or on the opened `template`, saved, and
    rewritten with fixed zip times (see archive.py). Every slide is drawn for a screen reader as
    access.py says: its headline in the title placeholder, its shapes in reading order."""
    if template is None:
        deck = Presentation()
        deck.slide_width, deck.slide_height = Pt(SLIDE.width), Pt(SLIDE.height)
        title_only = deck.slide_layouts[TITLE_ONLY_LAYOUT]
    else:
        deck = template.presentation
    notes = NotesSlides(deck)
    lang = office_language(document.meta.locale)
    for slide_plan in plan.slides:
        slide = deck.slides.add_slide(title_only if template is None else template.layout_for(slide_plan.kind))
        _draw_slide(slide, slide_plan.shapes, theme, native_charts)
        _tag_slide(slide, lang, native_charts)
        if slide_plan.notes:
            notes.add(slide, slide_plan.notes, lang)
    tag_default_language(deck, lang)
    _set_properties(deck, document, stamp)
    buffer = io.BytesIO()
    deck.save(buffer)
    return fixed_times(buffer.getvalue(), {"docProps/app.xml": app_properties(deck)})


def _draw_slide(slide, shapes: list, theme: Theme, native_charts: bool) -> None:
    """The slide's shapes drawn in reading order, its headline set in its title placeholder (the
    layout's, or one added) and a full-slide band painted as the slide's background."""
    shapes = reading_order(shapes)
    head = next((shape for shape in shapes if is_headline(shape)), None)
    title = title_placeholder(slide, head is not None)
    for shape in shapes:
        if shape is head:
            place_title(title, head, lambda paragraph, para: _fill_p(paragraph._p, para, theme))
        elif is_background(shape):
            paint_background(slide, shape.fill)
        else:
            DRAW[type(shape)](slide, shape, theme, native_charts)


def _tag_slide(slide, lang: str, native_charts: bool) -> None:
    """The slide's runs, and its native charts' text, in the briefing's language."""
    tag_language(slide._element, lang)
    if native_charts:
        for shape in slide.shapes:
            if shape.has_chart:
                tag_language(shape.chart_part._element, lang)


def _rect(slide, rect: Rect, theme: Theme, native_charts: bool) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(rect.x), Pt(rect.y), Pt(rect.width), Pt(rect.height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(rect.fill)
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))
    if style is not None:  # the default style adds a theme shadow and outline
        shape._element.remove(style)
    mark_decorative(shape._element.nvSpPr.cNvPr)  # a rectangle is a rule, bar or panel: never content


def _text_box(slide, box: TextBox, theme: Theme, native_charts: bool) -> None:
    shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.width), Pt(max(box.height, 1)))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for index, para in enumerate(box.paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _fill_p(paragraph._p, para, theme)
    link_runs(shape, box, theme)


def _fill_p(p, para: Para, theme: Theme) -> None:
    """Write the a:p element directly: python-pptx's per-property API costs ~1 ms a run."""
    properties = p.find(qn("a:pPr"))
    if properties is None:
        properties = etree.Element(qn("a:pPr"))
        p.insert(0, properties)
    properties.set("algn", {"left": "l", "right": "r", "center": "ctr"}[para.align])
    if para.space_after:  # schema order inside a:pPr: spacing first, then the bullet's colour, font, character
        spacing = etree.SubElement(properties, qn("a:spcAft"))
        etree.SubElement(spacing, qn("a:spcPts")).set("val", str(round(para.space_after * 100)))
    if para.bullet:
        _bullet(properties, para, theme)
    elif para.indent:  # a bullet's continuation on the next slide lines up with the bullet's text
        properties.set("marL", str(Pt(para.indent)))
    colour = para.colour.lstrip("#").upper()
    for part in para.runs:
        run = etree.SubElement(p, qn("a:r"))
        # lang first, as PowerPoint writes it; its value is the briefing's, set for the whole slide (language.py)
        attributes = {"lang": "", "sz": str(round(para.size * 100)), "b": "1" if part.bold else "0",
                      "i": "1" if part.italic else "0", "dirty": "0"}
        run_properties = etree.SubElement(run, qn("a:rPr"), attributes)
        fill = etree.SubElement(run_properties, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
        etree.SubElement(run_properties, qn("a:latin")).set("typeface", theme.typeface.deck_name)
        fallback = measure.fallback_family(part.text, theme.typeface)
        if fallback:  # East Asian and complex-script characters are set from these slots, not a:latin
            etree.SubElement(run_properties, qn("a:ea")).set("typeface", fallback)
        etree.SubElement(run_properties, qn("a:cs")).set("typeface", fallback or theme.typeface.deck_name)
        etree.SubElement(run, qn("a:t")).text = part.text


def _bullet(properties, para: Para, theme: Theme) -> None:
    """python-pptx has no bullet API for text boxes: set marL/indent and a:buChar directly."""
    properties.set("marL", str(Pt(para.indent)))
    properties.set("indent", str(-Pt(para.indent)))
    colour = etree.SubElement(properties, qn("a:buClr"))
    etree.SubElement(colour, qn("a:srgbClr")).set("val", theme.palette.series[1].lstrip("#"))
    etree.SubElement(properties, qn("a:buFont")).set("typeface", "Arial")
    etree.SubElement(properties, qn("a:buChar")).set("char", "•")


def _picture(slide, picture: Picture, theme: Theme, native_charts: bool) -> None:
    shape = add_picture(slide, picture.png, Pt(picture.x), Pt(picture.y), Pt(picture.width), Pt(picture.height))
    properties = shape._element.nvPicPr.cNvPr
    properties.set("descr", picture.alt_text)
    properties.set("name", picture.name)


def _chart(slide, box: ChartBox, theme: Theme, native_charts: bool) -> None:
    """A native chart, or the picture of the chart the plan laid out for this box, painted with its
    text at the size the plan chose for a projector."""
    if native_charts:
        from .native import native_chart

        if native_chart(slide, box, theme):
            return
    chart_theme = deck_chart_theme(theme, box.font_size)  # a native deck's chart only a picture can show is laid out here
    picture = box.picture or plan_chart(box.block, chart_theme, box.width, box.height, box.span, box.whole)
    png, _ = paint_picture(picture, chart_theme, box.width, box.height)
    _picture(slide, Picture(box.x, box.y, box.width, box.height, png, box.alt_text, box.name), theme, native_charts)


def _table(slide, box: TableBox, theme: Theme, native_charts: bool) -> None:
    """A native table whose rows are written as a:tr elements directly: python-pptx's cell API
    (margins, fill, anchor, one property at a time) costs most of a long table's build time."""
    palette = theme.palette
    frame = slide.shapes.add_table(1, len(box.column_widths), Pt(box.x), Pt(box.y), Pt(sum(box.column_widths)),
                                   Pt(sum(box.row_heights)))
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for index, width in enumerate(box.column_widths):
        table.columns[index].width = Pt(width)
    tbl = table._tbl
    for row in tbl.findall(qn("a:tr")):
        tbl.remove(row)
    margins = {"marL": str(Pt(PAD_X)), "marR": str(Pt(PAD_X)), "marT": str(Pt(PAD_Y)), "marB": str(Pt(PAD_Y)),
               "anchor": "ctr"}
    for r, (height, values) in enumerate(zip(box.row_heights, box.rows)):
        row = etree.SubElement(tbl, qn("a:tr"), h=str(Pt(height)))
        fill = (palette.heading if r == 0 else (palette.zebra if r % 2 == 0 else palette.paper)).lstrip("#").upper()
        colour = palette.on_band if r == 0 else palette.ink
        for c, value in enumerate(values):
            cell = etree.SubElement(row, qn("a:tc"))
            body = etree.SubElement(cell, qn("a:txBody"))
            etree.SubElement(body, qn("a:bodyPr"), wrap="square")
            etree.SubElement(body, qn("a:lstStyle"))
            _fill_p(etree.SubElement(body, qn("a:p")), Para([Run(value, bold=r == 0)], box.size, colour, align=box.aligns[c]), theme)
            properties = etree.SubElement(cell, qn("a:tcPr"), margins)
            etree.SubElement(etree.SubElement(properties, qn("a:solidFill")), qn("a:srgbClr"), val=fill)


def _set_properties(deck, document: Document, stamp: Stamp) -> None:
    """The build's stamped date, not the clock, so equal content gives equal bytes."""
    meta = document.meta
    core = deck.core_properties
    core.title = _clip(meta.title)
    core.subject = _clip(meta.subtitle or "")
    core.author = _clip(meta.byline or "")
    core.keywords = _clip(", ".join(meta.keywords))
    core.comments = ""  # not python-pptx's "generated using python-pptx", nor a template's (the subject has the subtitle)
    core.category = ""
    core.language = meta.language
    core.last_modified_by = f"briefing {__version__}"
    core.revision = 1
    moment = stamp.moment.replace(tzinfo=None)  # python-pptx writes naive datetimes as UTC
    core.created = core.modified = moment
    core.last_printed = moment


def _clip(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters (the OOXML core-properties limit)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


# How each shape of the plan is drawn, by its class: every shape kind the plan makes has a line.
DRAW = {Rect: _rect, TextBox: _text_box, Picture: _picture, TableBox: _table, ChartBox: _chart}
