"""The theme turned into reportlab fonts and paragraph styles, in one function each.

Kept apart from the story builder so the type scale can be read on one screen.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ... import measure
from ...measure import width
from ...theme import Theme

REGULAR, BOLD, ITALIC = "Brief-Regular", "Brief-Bold", "Brief-Italic"
FACES: dict[str, str] = {}  # registered font name -> its file, for measuring with generator.measure


@cache
def register_fonts(theme: Theme) -> None:
    """Embed the shipped typeface (subset) so every character prints the same on every machine.

    Bold italic is never set, so it is not parsed (each face costs ~35 ms to read).
    """
    face = theme.typeface
    for name, path in ((REGULAR, face.regular), (BOLD, face.bold), (ITALIC, face.italic)):
        pdfmetrics.registerFont(TTFont(name, str(path)))
        FACES[name] = str(path)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    for path in face.fallbacks:  # one weight each: inside <b> or <i> a fallback is still itself
        name = fallback_name(path)
        pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        FACES[name] = str(path)


def fallback_name(path) -> str:
    """The name a fallback file is registered under, from its path: reportlab's registry is global,
    so two builds in one process naming different files never share a name. The PDF names the
    font by its own PostScript name, so this name is never printed."""
    return "Brief-Fallback-" + hashlib.sha1(str(path).encode()).hexdigest()[:12]


def string_width(text: str, font: str, size: float) -> float:
    """Advance width of `text` in the registered font `font` (and the fallbacks of the typeface in
    use for what it lacks), measured by generator.measure: the same number reportlab's stringWidth
    gives for the runs drawn, so the layout is the one reportlab draws."""
    fallbacks = measure.typeface_in_use().fallbacks
    if not fallbacks:
        return width(text, size, FACES[font])
    return measure.chain_width(text, size, (FACES[font], *(str(path) for path in fallbacks)))


def _runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` as (run, registered font) pairs: the font itself, or the fallback that draws the run."""
    fallbacks = measure.typeface_in_use().fallbacks
    if not fallbacks:
        return [(text, font)]
    own = FACES[font]
    return [(run, font if path == own else fallback_name(path))
            for run, path in measure.runs(text, (own, *(str(p) for p in fallbacks)))]


def in_own_face(text: str, font: str = REGULAR) -> bool:
    """Whether `text` draws wholly in `font`, needing no fallback: only such text may be handed to
    reportlab as a plain string (a table cell), which it draws in one font."""
    pieces = _runs(text, font)
    return len(pieces) == 1 and pieces[0][1] == font


def markup(text: str, font: str = REGULAR, nbsp: bool = False) -> str:
    """`text` escaped for a Paragraph, each run the shipped face lacks wrapped in its fallback's
    <font> tag, so reportlab measures, draws and embeds it in a face that has it. Without
    fallbacks, exactly the escaped text. `nbsp`: spaces become &nbsp; (never those inside a tag)."""
    def escaped(run: str) -> str:
        return escape(run).replace(" ", "&nbsp;") if nbsp else escape(run)

    joined = "".join(escaped(run) if name == font else f'<font name="{name}">{escaped(run)}</font>'
                     for run, name in _runs(text, font))
    return joined.replace("\u202f", "\u00a0")  # reportlab breaks lines at U+202F ("5 098 666", "Source :"); Carlito draws both alike


def draw_string(canvas, x: float, y: float, text: str, font: str, size: float, right: bool = False) -> None:
    """canvas.drawString (drawRightString when `right`) in `font`, already set at `size`, with each
    run the font lacks drawn in its fallback. Text the font covers is drawn by one call, as before."""
    pieces = _runs(text, font)
    if len(pieces) == 1 and pieces[0][1] == font:
        (canvas.drawRightString if right else canvas.drawString)(x, y, text)
        return
    if right:
        x -= string_width(text, font, size)
    for run, name in pieces:
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += width(run, size, FACES[name])
    canvas.setFont(font, size)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    section: ParagraphStyle
    block_title: ParagraphStyle
    block_subtitle: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    caption: ParagraphStyle
    footnote: ParagraphStyle
    source: ParagraphStyle
    stat_value: ParagraphStyle
    stat_label: ParagraphStyle
    stat_source: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    header_cell: ParagraphStyle
    header_cell_right: ParagraphStyle
    callout: ParagraphStyle
    reference: ParagraphStyle


def build_styles(theme: Theme) -> Styles:
    register_fonts(theme)
    size, colour = theme.print, theme.palette

    def style(name: str, font: str, points: float, ink: str, leading: float = 1.25, **extra) -> ParagraphStyle:
        extra.setdefault("alignment", TA_LEFT)
        extra.setdefault("bulletFontName", REGULAR)
        return ParagraphStyle(name, fontName=font, fontSize=points, leading=round(points * leading, 1),
                              textColor=HexColor(ink), **extra)

    return Styles(
        title=style("title", BOLD, size.title, colour.on_band, 1.15),
        subtitle=style("subtitle", REGULAR, size.subtitle, colour.on_band, 1.3),
        meta=style("meta", REGULAR, size.meta, colour.on_band),
        section=style("section", BOLD, size.section, colour.heading, 1.2, spaceBefore=16, spaceAfter=6),
        block_title=style("block_title", BOLD, size.block_title, colour.heading, 1.25, spaceBefore=10, spaceAfter=1),
        block_subtitle=style("block_subtitle", REGULAR, size.body, colour.muted, 1.3, spaceAfter=4),
        body=style("body", REGULAR, size.body, colour.ink, 1.4),
        bullet=style("bullet", REGULAR, size.body, colour.ink, 1.4, leftIndent=14, bulletIndent=3, spaceAfter=3),
        caption=style("caption", REGULAR, size.caption, colour.ink, 1.35, spaceBefore=4),
        footnote=style("footnote", REGULAR, size.caption, colour.ink, 1.3, spaceBefore=2),
        source=style("source", ITALIC, size.source, colour.muted, 1.35, spaceBefore=2),
        stat_value=style("stat_value", BOLD, size.stat_value, colour.heading, 1.1),
        stat_label=style("stat_label", REGULAR, size.stat_label, colour.ink, 1.3, spaceBefore=3),
        stat_source=style("stat_source", ITALIC, size.source, colour.muted, 1.3, spaceBefore=3),
        cell=style("cell", REGULAR, size.table, colour.ink, 1.3),
        cell_right=style("cell_right", REGULAR, size.table, colour.ink, 1.3, alignment=TA_RIGHT),
        header_cell=style("header_cell", BOLD, size.table, colour.heading, 1.3),
        header_cell_right=style("header_cell_right", BOLD, size.table, colour.heading, 1.3, alignment=TA_RIGHT),
        callout=style("callout", BOLD, size.body + 1.5, colour.heading, 1.35),
        reference=style("reference", REGULAR, size.caption, colour.ink, 1.35, leftIndent=18, firstLineIndent=-18, spaceAfter=4),
    )

