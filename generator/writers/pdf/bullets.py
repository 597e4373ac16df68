"""A bullet list in the PDF: its title, intro and items, each lead in bold, then its source line."""

from __future__ import annotations


from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from ...model import BulletsBlock
from .blocks import Context, Gap, source_para, text


def bullets_flowables(ctx: Context, block: BulletsBlock) -> list[Flowable]:
    styles = ctx.styles
    parts: list[Flowable] = [CondPageBreak(90), Paragraph(text(block.title), styles.block_title), Spacer(1, 3)]
    if block.intro:
        parts.append(Paragraph(text(block.intro), styles.body))
    for item in block.items:
        body = f"<b>{text(item.lead)}</b> — {text(item.text)}" if item.lead else text(item.text)
        parts.append(Paragraph(body, styles.bullet, bulletText="•"))
    parts += source_para(ctx, block.sources)
    return [*parts, Gap(6)]
