"""A bullet list in the PDF: its title, intro and items, each lead in bold, then its source line.

Each item is a list item of the structure tree (L > LI > Lbl + LBody), so its bullet is drawn
apart from its text, where reportlab's own bullet is drawn inside the text and cannot be told apart.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer
from reportlab.rl_config import paraFontSizeHeightOffset

from ...model import BulletsBlock
from .blocks import Context, Gap, source_para, text
from .styles import draw_string
from .tagging import Paragraph, Tag, marked

BULLET = "•"


def bullets_flowables(ctx: Context, block: BulletsBlock) -> list[Flowable]:
    styles = ctx.styles
    parts: list[Flowable] = [CondPageBreak(90), Paragraph(text(block.title), styles.block_title), Spacer(1, 3)]
    if block.intro:
        parts.append(Paragraph(text(block.intro), styles.body))
    items = Tag("L", key=block)
    for item in block.items:
        body = f"<b>{text(item.lead)}</b> — {text(item.text)}" if item.lead else text(item.text)
        entry = Tag("LI", key=item, parent=items)
        parts.append(ListItem(Paragraph(body, styles.bullet, tag=Tag("LBody", key=object(), parent=entry)), BULLET, entry))
    parts += source_para(ctx, block.sources)
    return [*parts, Gap(6)]


class ListItem(Flowable):
    """A list item's text, with its label drawn where reportlab draws a bullet: at the style's
    bullet indent, on the first line's baseline. Split across pages, the label stays with the
    first part and both parts are the one item."""

    def __init__(self, body: Paragraph, label: str | None, item: Tag):
        super().__init__()
        self.body, self.label, self.item = body, label, item
        self.style = body.style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.body.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self.body.split(available_width, available_height)
        return [ListItem(part, self.label if index == 0 else None, self.item) for index, part in enumerate(parts)]

    def getSpaceBefore(self) -> float:
        return self.body.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.body.getSpaceAfter()

    def draw(self) -> None:
        if self.label:
            style, canvas = self.style, self.canv
            ascent = style.fontSize if paraFontSizeHeightOffset else getattr(self.body.blPara, "ascent", style.fontSize)
            with marked(canvas, Tag("Lbl", parent=self.item)):
                canvas.saveState()
                canvas.setFillColor(style.textColor)
                canvas.setFont(style.bulletFontName, style.bulletFontSize)
                draw_string(canvas, style.bulletIndent, self.height - ascent, self.label, style.bulletFontName,
                            style.bulletFontSize)
                canvas.restoreState()
        self.body.drawOn(self.canv, 0, 0)
