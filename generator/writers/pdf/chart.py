"""A chart in the PDF: its planned vector items drawn as paths and real, searchable text, kept with
its title, note and source line; a horizontal chart too long for a page continues over pages on
one scale, each part titled "(continued)".
"""

from __future__ import annotations

import math

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from ...charts import RenderedChart, VectorChart, VectorPath, drawn_as, hbar_rows, render_part
from ...model import ChartBlock
from .styles import BOLD, REGULAR, draw_string
from .tagging import Paragraph, Tag, marked
from .blocks import Bookmark, Context, Gap, source_para, text


class ChartFlowable(Flowable):
    """Draws the recorded matplotlib chart as PDF vector paths and real text, scaled to the frame."""

    def __init__(self, chart: VectorChart, width: float, tag: Tag | None = None):
        super().__init__()
        self.chart, self.tag = chart, tag  # tag: the Figure it is, with the chart's values as alt text
        self.scale = min(1.0, width / chart.width) if chart.width else 1.0
        self.width, self.height = chart.width * self.scale, chart.height * self.scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        with marked(canvas, self.tag, self):
            canvas.saveState()
            canvas.scale(self.scale, self.scale)
            for item in self.chart.items:
                if isinstance(item, VectorPath):
                    _draw_path(canvas, item)
                else:
                    _draw_text(canvas, item)
            canvas.restoreState()


def _draw_path(canvas, item: VectorPath) -> None:
    path = canvas.beginPath()
    for op, points in item.segments:
        if op == "M":
            path.moveTo(*points)
        elif op == "L":
            path.lineTo(*points)
        elif op == "C":
            path.curveTo(*points)
        elif op == "Z":
            path.close()
    canvas.saveState()
    if item.fill:
        canvas.setFillColor(HexColor(item.fill), alpha=item.fill_alpha)
    if item.stroke:
        canvas.setStrokeColor(HexColor(item.stroke), alpha=item.stroke_alpha)
        canvas.setLineWidth(item.line_width)
        canvas.setLineCap({"butt": 0, "round": 1, "projecting": 2}.get(item.line_cap, 0))
        canvas.setLineJoin({"miter": 0, "round": 1, "bevel": 2}.get(item.line_join, 0))
        if item.dashes:
            canvas.setDash(list(item.dashes))
    canvas.drawPath(path, fill=1 if item.fill else 0, stroke=1 if item.stroke and item.line_width > 0 else 0)
    canvas.restoreState()


def _draw_text(canvas, item) -> None:
    canvas.saveState()
    canvas.translate(item.x, item.y)
    if item.angle:
        canvas.rotate(item.angle)
    canvas.setFillColor(HexColor(item.colour))
    canvas.setFont(BOLD if item.bold else REGULAR, item.size)
    draw_string(canvas, 0, 0, item.text, BOLD if item.bold else REGULAR, item.size)
    canvas.restoreState()


def chart_flowables(ctx: Context, block: ChartBlock, rendered: RenderedChart, number: int) -> list[Flowable]:
    """A figure kept whole with its title, note and source line; a horizontal chart taller than a
    page instead continues on the next page, like a long table."""
    block = drawn_as(block)  # as rendered: a vertical chart whose labels would crowd out its bars is horizontal
    if _continues(ctx, block, rendered):
        return [CondPageBreak(LONG_CHART_START), ContinuedChart(ctx, block, number, 0, len(block.categories)), Gap(6)]
    styles, figure = ctx.styles, ctx.document.words("figure", number=number)
    tag = figure_tag(ctx, block)
    parts: list[Flowable] = [Bookmark(f"figure-{number}", f"{figure}. {block.title}", 1),
                             Paragraph(f"{text(figure)}. {text(block.title)}", styles.block_title, tag=Tag("Caption", parent=tag))]
    if block.subtitle:
        parts.append(Paragraph(text(block.subtitle), styles.block_subtitle, tag=Tag("P", parent=tag)))
    parts.append(ChartFlowable(rendered.vector, ctx.width, tag))
    if block.note:
        parts.append(Paragraph(text(block.note), styles.caption))
    parts += source_para(ctx, block.sources)
    return [KeepTogether(parts), Gap(6)]


def figure_tag(ctx: Context, block: ChartBlock) -> Tag:
    """The chart's Figure element: its alt text reads the title and every value; its title and
    subtitle are its Caption, read before it."""
    return Tag("Figure", key=block, alt=block.alt_text(ctx.document.words))


def _continues(ctx: Context, block: ChartBlock, rendered: RenderedChart) -> bool:
    """A horizontal chart too tall for a page whose bars can be shared out: a few of them fit well
    within a page (a chart of a few huge rows is left whole, to be scaled and reported)."""
    if block.kind != "hbar" or not ctx.room or len(block.categories) <= MIN_PART:
        return False
    chart = ChartFlowable(rendered.vector, ctx.width)
    fixed, slot = hbar_rows(block, ctx.theme)
    return chart.height > ctx.room * 0.9 and (fixed + MIN_PART * slot) * chart.scale <= ctx.room / 2


LONG_CHART_START = 160.0  # points a long chart needs below its title (a few bars) before it may start on a page
MIN_PART = 3  # a part of a continued chart shows at least this many categories


class ContinuedChart(Flowable):
    """Categories start..stop of a horizontal chart too tall for a page. Each part has the figure's
    title (later parts with '(continued)'), all parts share one value scale and label column, so
    equal values are equal bars on every page; the subtitle opens the first part, and the note and
    source line close the last. The figure keeps its one number; the outline points at the first part."""

    def __init__(self, ctx: Context, block: ChartBlock, number: int, start: int, stop: int):
        super().__init__()
        self.ctx, self.block, self.number, self.start, self.stop = ctx, block, number, start, stop
        first, styles, words = start == 0, ctx.styles, ctx.document.words
        title = f"{text(words('figure', number=number))}. {text(block.title)}" + ("" if first else f" {text(words('continued'))}")
        self.tag = figure_tag(ctx, block)  # every part is the one figure; a later part's title is not read again
        self.head: list[Flowable] = [Paragraph(title, styles.block_title, tag=Tag("Caption", parent=self.tag) if first else Tag(None))]
        if first and block.subtitle:
            self.head.append(Paragraph(text(block.subtitle), styles.block_subtitle, tag=Tag("P", parent=self.tag)))
        self.tail: list[Flowable] = []
        if stop == len(block.categories):
            self.tail = ([Paragraph(text(block.note), styles.caption)] if block.note else []) + source_para(ctx, block.sources)
        self.bookmark = Bookmark(f"figure-{number}", f"{words('figure', number=number)}. {block.title}", 1) if first else None
        self.spaceBefore = styles.block_title.spaceBefore
        self.chart: ChartFlowable | None = None

    def _sizes(self, width: float) -> tuple[list[float], list[float], float]:
        """Heights of the head and tail paragraphs, and the chart's scale at this width."""
        head = [p.wrap(width, 1e6)[1] + (p.getSpaceBefore() if i else 0) + p.getSpaceAfter() for i, p in enumerate(self.head)]
        tail = [p.wrap(width, 1e6)[1] + p.getSpaceBefore() for p in self.tail]
        return head, tail, min(1.0, width / (self.ctx.theme.chart.width_in * 72))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.chart is None:
            vector = render_part(self.block, self.start, self.stop, self.ctx.theme)
            self.chart = ChartFlowable(vector, available_width, self.tag)
        self.head_heights, self.tail_heights, _ = self._sizes(available_width)
        self.width = available_width
        self.height = sum(self.head_heights) + self.chart.height + sum(self.tail_heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        head, _, scale = self._sizes(available_width)
        fixed, slot = hbar_rows(self.block, self.ctx.theme)
        fit = math.floor((available_height - sum(head) - fixed * scale - 1) / (slot * scale))
        fit = min(fit, self.stop - self.start - 1)  # the rest keeps a bar or more, with the note and source
        if fit < MIN_PART:
            return []
        parts = [ContinuedChart(self.ctx, self.block, self.number, self.start, self.start + fit),
                 ContinuedChart(self.ctx, self.block, self.number, self.start + fit, self.stop)]
        for part in parts:
            part.briefing_origin = self.block.origin
        return parts

    def draw(self) -> None:
        y = self.height
        if self.bookmark is not None:
            self.bookmark.drawOn(self.canv, 0, y)
        for part, height in zip(self.head, self.head_heights):
            y -= height
            part.drawOn(self.canv, 0, y + part.getSpaceAfter())
        y -= self.chart.height
        self.chart.drawOn(self.canv, 0, y)
        for part, height in zip(self.tail, self.tail_heights):
            y -= height
            part.drawOn(self.canv, 0, y)
