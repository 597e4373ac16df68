"""The slide deck: a deck plan drawn with python-pptx, then saved with fixed zip entry times.

The only module that imports python-pptx and the only place points become EMU. Every box is
placed as the plan measured it; text boxes have no insets and no autofit, so what was measured
is what PowerPoint, Keynote and LibreOffice draw.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Pt

from .. import __version__
from ..charts import RenderedChart
from ..model import ChartBlock, Document
from ..stamp import Stamp
from ..theme import Theme
from . import Options, Output
from .deck_check import findings
from .deck_flow import CELL_PAD_X, CELL_PAD_Y
from .deck_plan import HEIGHT, WIDTH, DeckPlan, deck_chart_theme, plan_deck
from .deck_shapes import ChartBox, Para, Picture, Rect, Run, TableBox, TextBox

BLANK_LAYOUT = 6
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_deck(document: Document, charts: dict[ChartBlock, RenderedChart], theme: Theme, options: Options) -> Output:
    """The deck on the built-in theme, or on the user's template (the option's, else the content's)."""
    template = options.template if options.template_data is not None else None
    opened = None
    if template:
        from .deck_template import open_template

        opened = open_template(options.template_data, template, options.template_origin, document)
    plan = plan_deck(document, charts, theme, templated=opened is not None)
    data = render_deck(plan, document, theme, options.stamp, native_charts=options.pptx_charts == "native", template=opened)
    notes = opened.findings if opened else ()
    placements = tuple((slide.origin.path, "slide", number) for number, slide in enumerate(plan.slides, 1)
                       if slide.origin and slide.origin.path)
    return Output(data, tuple(notes) + tuple(findings(plan)), placements)


def render_deck(plan: DeckPlan, document: Document, theme: Theme, stamp: Stamp, native_charts: bool = False,
                template=None) -> bytes:
    if template is None:
        deck = Presentation()
        deck.slide_width, deck.slide_height = Pt(WIDTH), Pt(HEIGHT)
        blank = deck.slide_layouts[BLANK_LAYOUT]
    else:
        deck = template.presentation
    for slide_plan in plan.slides:
        if template is None:
            slide = deck.slides.add_slide(blank)
            shapes = slide_plan.shapes
        else:
            slide = deck.slides.add_slide(template.layout_for(slide_plan.kind))
            shapes = template.place_title(slide, slide_plan.shapes, lambda paragraph, para: _fill_paragraph(paragraph, para, theme))
        for shape in shapes:
            _draw(slide, shape, theme, native_charts)
        if slide_plan.notes:
            slide.notes_slide.notes_text_frame.text = slide_plan.notes
    _set_properties(deck, document, stamp)
    buffer = io.BytesIO()
    deck.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _draw(slide, shape, theme: Theme, native_charts: bool = False) -> None:
    if isinstance(shape, ChartBox):
        if native_charts:
            from .deck_native import native_chart

            native_chart(slide, shape, theme)
        else:
            _chart_picture(slide, shape, theme)
    elif isinstance(shape, Rect):
        _rect(slide, shape)
    elif isinstance(shape, TextBox):
        _text_box(slide, shape, theme)
    elif isinstance(shape, Picture):
        _picture(slide, shape)
    elif isinstance(shape, TableBox):
        _table(slide, shape, theme)


def _rect(slide, rect: Rect) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(rect.x), Pt(rect.y), Pt(rect.width), Pt(rect.height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(rect.fill)
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))
    if style is not None:  # the default style adds a theme shadow and outline
        shape._element.remove(style)


def _text_box(slide, box: TextBox, theme: Theme) -> None:
    shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.width), Pt(max(box.height, 1)))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for index, para in enumerate(box.paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _fill_paragraph(paragraph, para, theme)


def _fill_paragraph(paragraph, para: Para, theme: Theme) -> None:
    _fill_p(paragraph._p, para, theme)


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
        attributes = {"lang": "en-GB", "sz": str(round(para.size * 100)), "b": "1" if part.bold else "0",
                      "i": "1" if part.italic else "0", "dirty": "0"}
        run_properties = etree.SubElement(run, qn("a:rPr"), attributes)
        fill = etree.SubElement(run_properties, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
        etree.SubElement(run_properties, qn("a:latin")).set("typeface", theme.typeface.deck_name)
        etree.SubElement(run_properties, qn("a:cs")).set("typeface", theme.typeface.deck_name)
        etree.SubElement(run, qn("a:t")).text = part.text


def _bullet(properties, para: Para, theme: Theme) -> None:
    """python-pptx has no bullet API for text boxes: set marL/indent and a:buChar directly."""
    properties.set("marL", str(Pt(para.indent)))
    properties.set("indent", str(-Pt(para.indent)))
    colour = etree.SubElement(properties, qn("a:buClr"))
    etree.SubElement(colour, qn("a:srgbClr")).set("val", theme.palette.series[1].lstrip("#"))
    etree.SubElement(properties, qn("a:buFont")).set("typeface", "Arial")
    etree.SubElement(properties, qn("a:buChar")).set("char", "•")


def _picture(slide, picture: Picture) -> None:
    shape = slide.shapes.add_picture(io.BytesIO(picture.png), Pt(picture.x), Pt(picture.y), Pt(picture.width), Pt(picture.height))
    properties = shape._element.nvPicPr.cNvPr
    properties.set("descr", picture.alt_text)
    properties.set("name", f"Chart: {picture.name}")


def _chart_picture(slide, box: ChartBox, theme: Theme) -> None:
    """The chart drawn for this slide's box, with its text at the size the plan chose for a projector."""
    from ..charts import render_picture

    png, _ = render_picture(box.block, deck_chart_theme(theme, box.font_size), box.width, box.height, box.span)
    _picture(slide, Picture(box.x, box.y, box.width, box.height, png, box.alt_text, box.block.title))


def _table(slide, box: TableBox, theme: Theme) -> None:
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
    margins = {"marL": str(Pt(CELL_PAD_X)), "marR": str(Pt(CELL_PAD_X)), "marT": str(Pt(CELL_PAD_Y)),
               "marB": str(Pt(CELL_PAD_Y)), "anchor": "ctr"}
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
    core.last_modified_by = f"briefing {__version__}"
    core.revision = 1
    moment = stamp.moment.replace(tzinfo=None)  # python-pptx writes naive datetimes as UTC
    core.created = core.modified = moment
    core.last_printed = moment


def _clip(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters (the OOXML core-properties limit)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the package with a fixed time on every entry, so equal content gives equal bytes.
    A native chart's workbook is a package of its own, with its own times and creation date."""
    return _repack(data, lambda name, content: _repack(content, _fixed_dates) if name.endswith(".xlsx") else content)


_FILE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _fixed_dates(name: str, content: bytes) -> bytes:
    return _FILE_DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)


def _repack(data: bytes, edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, edit(item.filename, source.read(item.filename)))
    return out.getvalue()


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))
