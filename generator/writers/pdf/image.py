"""Image blocks in the PDF: a numbered figure, kept whole with its caption, note and source line.

The picture fills the frame's width unless that would make the figure taller than a page, and
always keeps its aspect ratio. It is printed from the bytes the content reader checked, never read
again from disk. An image that prints below PRINT_DPI at that size is a warning naming its dpi.
"""

from __future__ import annotations

import io
import math

from reportlab.platypus import Flowable, KeepTogether

from ...errors import Diagnostic
from ...model import ImageBlock
from .blocks import Bookmark, Context, Gap, source_para
from .tagging import Paragraph, Picture, Tag
from .styles import markup

PRINT_DPI = 150


def image_flowables(ctx: Context, block: ImageBlock, number: int) -> list[Flowable]:
    styles = ctx.styles
    caption = ctx.document.words("figure", number=number) + "."
    heading = f"{caption} {block.title}" if block.title else caption
    figure = Tag("Figure", key=block, alt=block.alt)
    above = [Paragraph(markup(heading), styles.block_title, tag=Tag("Caption", parent=figure))]
    below = ([Paragraph(markup(block.note), styles.caption)] if block.note else []) + source_para(ctx, block.sources)
    width, height = image_size(ctx, block, [*above, *below])
    picture = Picture(printable(block), width=width, height=height, mask="auto", hAlign="CENTER", tag=figure)
    _check_dpi(ctx, block, width, height)
    return [KeepTogether([Bookmark(f"figure-{number}", heading, 1), *above, picture, *below]), Gap(6)]


def printable(block: ImageBlock) -> io.BytesIO:
    """The bytes reportlab embeds: the file's own for a JPEG and for the PNG modes reportlab reads
    right; a PNG of another mode is converted in memory first, since reportlab prints a 16-bit grey
    one blank and a palette one with a transparent colour as black. Pillow's encoder is
    deterministic, so the same file still gives the same PDF."""
    if block.kind != "PNG":
        return io.BytesIO(block.image)
    from PIL import Image as Pillow

    image = Pillow.open(io.BytesIO(block.image), formats=["PNG"])
    if image.mode in ("RGB", "RGBA", "L", "LA", "1") or (image.mode == "P" and "transparency" not in image.info):
        return io.BytesIO(block.image)
    if image.mode.startswith("I"):  # 16-bit grey: scaled to 8 bits (a plain conversion would clip)
        image = image.convert("I").point(lambda value: value / 257).convert("L")
    else:
        image = image.convert("RGBA")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return io.BytesIO(buffer.getvalue())


def image_size(ctx: Context, block: ImageBlock, captions: list[Flowable]) -> tuple[float, float]:
    """The frame's width, or less so that the figure with its captions fits a page: never distorted."""
    used = sum(p.wrap(ctx.width, 1e6)[1] + p.getSpaceBefore() + p.getSpaceAfter() for p in captions)
    room = (ctx.room or 1e6) - used - 2  # 2 pt: what platypus's rounding may need
    width = min(ctx.width, max(room, 36.0) * block.aspect)
    return width, width / block.aspect


def _check_dpi(ctx: Context, block: ImageBlock, width: float, height: float) -> None:
    dpi = block.pixels[0] / (width / 72)
    if dpi >= PRINT_DPI:
        return
    needed = math.ceil(PRINT_DPI * width / 72)
    ctx.findings.append(Diagnostic.at(
        block.origin, f"the image {block.file} prints at {dpi:.0f} dpi ({block.pixels[0]} x {block.pixels[1]} pixels over "
        f"{width / 72:.1f} x {height / 72:.1f} inches); print wants {PRINT_DPI} dpi or more",
        level="warning", hint=f"give an image at least {needed} pixels wide"))
