"""Text blocks in the PDF: an optional title, then paragraphs that split across pages as prose does.

The spans come parsed from the content (content/inline.py); here each becomes reportlab markup,
its text escaped, so `<`, `&` and `\\` print as written and nothing the author wrote is read as
markup by reportlab. Links are coloured and underlined, so they read as links in print too.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ...model import Span, TextBlock
from .blocks import Context, Gap, source_para
from .tagging import Paragraph
from .styles import markup as plain_markup

PARAGRAPH_GAP = 6.0  # points between paragraphs: prose reads as paragraphs, not as one block


def text_flowables(ctx: Context, block: TextBlock) -> list[Flowable]:
    styles = ctx.styles
    body = ParagraphStyle("text_paragraph", parent=styles.body, spaceAfter=PARAGRAPH_GAP)
    parts: list[Flowable] = []
    if block.title:
        title = Paragraph(plain_markup(block.title), styles.block_title)
        title.keepWithNext = True  # a title never ends a page without its first lines
        parts.append(title)
    parts += [Paragraph(span_markup(paragraph, ctx.theme.palette.heading), body) for paragraph in block.paragraphs]
    parts += source_para(ctx, block.sources) if block.sources else []
    return [*parts, Gap(6)]


def span_markup(spans: tuple[Span, ...], link_colour: str) -> str:
    """reportlab's paragraph markup for the spans: escaped text (with fallback-font runs) inside <b>, <i> and <a href>."""
    out = []
    for span in spans:
        piece = plain_markup(span.text)
        if span.italic:
            piece = f"<i>{piece}</i>"
        if span.bold:
            piece = f"<b>{piece}</b>"
        if span.href:
            href = escape(span.href, {'"': "&quot;"})
            piece = f'<a href="{href}" color="{link_colour}"><u>{piece}</u></a>'
        out.append(piece)
    return "".join(out)
