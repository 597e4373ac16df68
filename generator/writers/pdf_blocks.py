"""One function per block type, each returning the platypus flowables that print it.

A figure or table travels with its title, note and source line (KeepTogether), so a title is
never left at the foot of a page with its chart on the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..measure import fit_columns
from ..charts import RenderedChart, VectorChart, VectorPath
from ..model import BulletsBlock, CalloutBlock, ChartBlock, Document, StatsBlock, TableBlock, attribution, source_line
from ..theme import Theme
from .pdf_styles import BOLD, REGULAR, Styles


@dataclass(frozen=True)
class Context:
    """What every block function needs: the document (for sources), styles, theme and frame width."""

    document: Document
    styles: Styles
    theme: Theme
    width: float


def text(value: str) -> str:
    return escape(value)


def source_para(ctx: Context, keys: tuple[str, ...]) -> list[Flowable]:
    line, _ = attribution(ctx.document, keys)
    return [Paragraph(text(line), ctx.styles.source)] if line else []


# --- stat cards ---------------------------------------------------------------------------


def stats_flowables(ctx: Context, block: StatsBlock) -> list[Flowable]:
    """Cards in an even grid: four across, or fewer when that leaves no row nearly empty.

    All values of a block share one size, the largest at which the widest fits its card on one line.
    """
    across = {1: 1, 2: 2, 3: 3, 5: 3, 6: 3}.get(len(block.stats), 4)
    gap, pad_left, pad_right = 8.0, 10.0, 8.0
    card_width = (ctx.width - gap * (across - 1)) / across
    value_style = _value_style(ctx, block, card_width - pad_left - pad_right)
    widths = [card_width if i % 2 == 0 else gap for i in range(across * 2 - 1)]
    flowables: list[Flowable] = []
    for start in range(0, len(block.stats), across):
        row = block.stats[start:start + across]
        cells = []
        for index in range(across):
            if index:
                cells.append("")
            cells.append(_card(ctx, row[index], value_style) if index < len(row) else "")
        table = Table([cells], colWidths=widths, hAlign="LEFT")
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad_left), ("RIGHTPADDING", (0, 0), (-1, -1), pad_right),
                    ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]
        for index in range(len(row)):
            commands += [("BACKGROUND", (index * 2, 0), (index * 2, 0), HexColor(ctx.theme.palette.panel)),
                         ("LINEABOVE", (index * 2, 0), (index * 2, 0), 2, HexColor(ctx.theme.palette.heading))]
        table.setStyle(TableStyle(commands))
        flowables += [table, Spacer(1, gap)]
    return flowables


def _value_style(ctx: Context, block: StatsBlock, room: float) -> ParagraphStyle:
    base = ctx.styles.stat_value
    widest = max(stringWidth(stat.shown, BOLD, 1) for stat in block.stats)
    size = max(12.0, min(base.fontSize, room / widest if widest else base.fontSize))
    return ParagraphStyle("stat_value_fitted", parent=base, fontSize=size, leading=size * 1.1)


def _card(ctx: Context, stat, value_style: ParagraphStyle) -> list[Flowable]:
    styles = ctx.styles
    return [Paragraph(text(stat.shown), value_style), Paragraph(text(stat.label), styles.stat_label),
            Paragraph(text(source_line(ctx.document, (stat.source,))), styles.stat_source)]


# --- charts -------------------------------------------------------------------------------


class ChartFlowable(Flowable):
    """Draws the recorded matplotlib chart as PDF vector paths and real text, scaled to the frame."""

    def __init__(self, chart: VectorChart, width: float):
        super().__init__()
        self.chart = chart
        self.scale = min(1.0, width / chart.width) if chart.width else 1.0
        self.width, self.height = chart.width * self.scale, chart.height * self.scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
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
    canvas.drawString(0, 0, item.text)
    canvas.restoreState()


def chart_flowables(ctx: Context, block: ChartBlock, rendered: RenderedChart, number: int) -> list[Flowable]:
    styles = ctx.styles
    parts: list[Flowable] = [Paragraph(f"Figure {number}. {text(block.title)}", styles.block_title)]
    if block.subtitle:
        parts.append(Paragraph(text(block.subtitle), styles.block_subtitle))
    parts.append(ChartFlowable(rendered.vector, ctx.width))
    if block.note:
        parts.append(Paragraph(text(block.note), styles.caption))
    parts += source_para(ctx, block.sources)
    return [KeepTogether(parts), Spacer(1, 6)]


# --- tables -------------------------------------------------------------------------------

_PAD = 6.0
SPLIT_IN_ROW = 30.0  # a row taller than the space left may break inside, if each part keeps this much
KEEP_WHOLE_ROWS = 15  # tables up to this many rows move to the next page whole rather than break
LONG_TABLE_START = 160.0  # points a long table needs below its title (a few rows) before it may start


def table_flowables(ctx: Context, block: TableBlock, number: int) -> list[Flowable]:
    styles, palette = ctx.styles, ctx.theme.palette
    right = [column.align == "right" for column in block.columns]
    header = [Paragraph(text(c.name), styles.header_cell_right if r else styles.header_cell) for c, r in zip(block.columns, right)]
    body = [[Paragraph(text(cell), styles.cell_right if r else styles.cell) for cell, r in zip(row, right)] for row in block.shown_rows()]
    table = Table([header, *body], colWidths=_column_widths(ctx, block), repeatRows=1, hAlign="LEFT", splitInRow=SPLIT_IN_ROW)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(palette.panel)),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, HexColor(palette.heading)),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, HexColor(palette.heading)),
    ]
    for r in range(2, len(body) + 1, 2):
        commands.append(("BACKGROUND", (0, r), (-1, r), HexColor(palette.zebra)))
    for r in range(1, len(body)):
        commands.append(("LINEBELOW", (0, r), (-1, r), 0.4, HexColor(palette.rule)))
    table.setStyle(TableStyle(commands))
    title = Paragraph(f"Table {number}. {text(block.title)}", styles.block_title)
    tail = ([Paragraph(text(block.note), styles.caption)] if block.note else []) + source_para(ctx, block.sources)
    if len(body) <= KEEP_WHOLE_ROWS:
        return [KeepTogether([title, Spacer(1, 4), table, *tail]), Spacer(1, 6)]
    # A long table may break across pages (its header row repeats); its title starts with some rows.
    return [CondPageBreak(LONG_TABLE_START), title, table, KeepTogether(tail), Spacer(1, 6)]


def _column_widths(ctx: Context, block: TableBlock) -> list[float]:
    size = ctx.theme.print.table
    rows = block.shown_rows()
    natural, minimum = [], []
    for index, column in enumerate(block.columns):
        cells = [row[index] for row in rows]
        widest = max([stringWidth(column.name, BOLD, size)] + [stringWidth(c, REGULAR, size) for c in cells])
        words = [w for c in [column.name, *cells] for w in c.split()] or [""]
        natural.append(widest + 2 * _PAD + 1)
        minimum.append(max(stringWidth(w, BOLD, size) for w in words) + 2 * _PAD + 1)
    flexible = [column.format is None for column in block.columns]
    return fit_columns(natural, minimum, flexible, ctx.width)


# --- bullets and callouts -----------------------------------------------------------------


def bullets_flowables(ctx: Context, block: BulletsBlock) -> list[Flowable]:
    styles = ctx.styles
    parts: list[Flowable] = [CondPageBreak(90), Paragraph(text(block.title), styles.block_title), Spacer(1, 3)]
    if block.intro:
        parts.append(Paragraph(text(block.intro), styles.body))
    for item in block.items:
        body = f"<b>{text(item.lead)}</b> — {text(item.text)}" if item.lead else text(item.text)
        parts.append(Paragraph(body, styles.bullet, bulletText="•"))
    parts += source_para(ctx, block.sources)
    return [*parts, Spacer(1, 6)]


def callout_flowables(ctx: Context, block: CalloutBlock) -> list[Flowable]:
    palette = ctx.theme.palette
    inner = [Paragraph(text(block.text), ctx.styles.callout), *source_para(ctx, block.sources)]
    box = Table([[inner]], colWidths=[ctx.width], hAlign="LEFT", splitInRow=SPLIT_IN_ROW)
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(palette.panel)), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(palette.accent)),
        ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    return [Spacer(1, 6), KeepTogether([box]), Spacer(1, 8)]
