"""A callout in the PDF: one sentence in a tinted panel with an accent rule, kept whole unless it is
longer than a page."""

from __future__ import annotations


from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Table, TableStyle

from ...model import CalloutBlock
from .styles import REGULAR
from .tagging import Paragraph
from .blocks import Context, Gap, KeptWhole, source_para, text


def callout_flowables(ctx: Context, block: CalloutBlock) -> list[Flowable]:
    palette = ctx.theme.palette
    inner = [Paragraph(text(block.text), ctx.styles.callout), *source_para(ctx, block.sources)]
    box = Table([[inner]], colWidths=[ctx.width], hAlign="LEFT", splitInRow=30.0)  # a page-long callout breaks inside
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(palette.panel)), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(palette.accent)),
        ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    return [Gap(6), KeptWhole(box), Gap(8)]
