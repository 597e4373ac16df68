"""The printable briefing: document model + rendered charts -> PDF bytes (reportlab platypus).

Page furniture (title band, running header, 'Page N of M' footer) lives here; what each block
prints lives in pdf_blocks. The canvas is invariant, so the same content gives the same bytes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, LayoutError, PageTemplate, Paragraph

from .. import __version__
from ..stamp import Stamp
from ..charts import RenderedChart
from ..errors import ContentError, Diagnostic
from ..model import NOWHERE, BulletsBlock, ChartBlock, Document, Origin, StatsBlock, TableBlock, cites_line
from ..theme import Theme
from . import Options, Output
from . import pdf_blocks as blocks
from .pdf_styles import BOLD, REGULAR, build_styles

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 22 * mm, 20 * mm
FIRST_TOP = 15 * mm  # page 1 has no running header, so its band starts higher
BAND_PAD = 9 * mm


def write_pdf(document: Document, charts: dict[ChartBlock, RenderedChart], theme: Theme, options: Options) -> Output:
    """Lay the briefing out and return the PDF file's bytes."""
    styles = build_styles(theme)
    size = PAGE_SIZES[options.page_size or document.meta.page_size]
    buffer = io.BytesIO()
    meta = document.meta
    template = _Template(
        buffer, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=meta.title, author=meta.byline or "", subject=meta.subtitle or "",
        keywords=list(meta.keywords), creator=f"briefing {__version__}", producer=f"briefing {__version__}",
        invariant=1, lang="en", initialFontName=REGULAR,
    )
    furniture = _Furniture(document, theme)
    template.addPageTemplates([PageTemplate("first", [_frame(size, FIRST_TOP)], autoNextPageTemplate="later"),
                               PageTemplate("later", [_frame(size, MARGIN_TOP)])])
    ctx = blocks.Context(document, styles, theme, size[0] - 2 * MARGIN_X)
    template.build(_story(ctx, charts), canvasmaker=_numbered_canvas(furniture, options.stamp))
    return Output(buffer.getvalue(), placements=tuple(template.placements))


class _Template(BaseDocTemplate):
    """Names the content block behind a flowable that cannot be laid out, instead of a reportlab trace."""

    _last_origin: Origin = NOWHERE  # page furniture and platypus's own flowables carry no origin

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.placements: list[tuple[str, str]] = []  # (block path, "page N"), so findings can name their page

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        origin = getattr(flowables[0], "briefing_origin", None) if flowables else None
        origin = origin or self._last_origin
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            raise ContentError([Diagnostic(origin.file, origin.line, origin.column, origin.path,
                                           "this block is too large to lay out on one PDF page",
                                           "split it into smaller blocks, or shorten its longest item")]) from None
        self._last_origin = origin
        if origin.path and (origin.path, f"page {self.page}") not in self.placements[-3:]:
            self.placements.append((origin.path, f"page {self.page}"))


def _frame(size: tuple[float, float], top: float) -> Frame:
    return Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X, size[1] - top - MARGIN_BOTTOM,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def _story(ctx: blocks.Context, charts: dict[ChartBlock, RenderedChart]) -> list[Flowable]:
    story: list[Flowable] = [TitleBand(ctx)]
    numbers = {"figure": 0, "table": 0}
    for section in ctx.document.sections:
        heading = Paragraph(escape(section.title), ctx.styles.section)
        body = [_tagged(flowable, block.origin) for block in section.blocks for flowable in _block(ctx, block, charts, numbers)]
        story += [_RoomFor(heading, body[0] if body else None), heading, *body]
    return story + _sources(ctx)


def _tagged(flowable: Flowable, origin: Origin) -> Flowable:
    flowable.briefing_origin = origin
    return flowable


def _block(ctx: blocks.Context, block, charts: dict[ChartBlock, RenderedChart], numbers: dict[str, int]) -> list[Flowable]:
    if isinstance(block, StatsBlock):
        return blocks.stats_flowables(ctx, block)
    if isinstance(block, ChartBlock):
        numbers["figure"] += 1
        return blocks.chart_flowables(ctx, block, charts[block], numbers["figure"])
    if isinstance(block, TableBlock):
        numbers["table"] += 1
        return blocks.table_flowables(ctx, block, numbers["table"])
    if isinstance(block, BulletsBlock):
        return blocks.bullets_flowables(ctx, block)
    return blocks.callout_flowables(ctx, block)


class _RoomFor(CondPageBreak):
    """A heading starts a new page unless it fits here with what follows it (up to 200 pt of it).

    platypus's keepWithNext cannot hold a heading to a KeepTogether, which is how figures travel,
    so the room is measured at layout time, when the canvas is there to measure with.
    """

    def __init__(self, heading: Paragraph, following: Flowable | None):
        super().__init__(0)
        self.heading, self.following = heading, following

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        heading = self.heading
        self.height = heading.wrapOn(self.canv, available_width, 1e6)[1] + heading.getSpaceBefore() + heading.getSpaceAfter()
        if self.following is not None:
            self.height += min(self.following.wrapOn(self.canv, available_width, 1e6)[1], 200.0)
        return super().wrap(available_width, available_height)


def _sources(ctx: blocks.Context) -> list[Flowable]:
    """The page's own sources line, then every registry entry in full, numbered."""
    document, styles = ctx.document, ctx.styles
    heading = Paragraph("Sources", styles.section)
    parts: list[Flowable] = [CondPageBreak(120), heading]
    if document.cites:
        cites = Paragraph(f"<b>Sources:</b> {escape(cites_line(document))}", styles.caption)
        cites.keepWithNext = True
        parts.append(cites)
    for number, source in enumerate(document.sources, 1):
        entry = f"{number}.&nbsp;&nbsp;{escape(source.citation())}"
        if source.url:
            url = escape(source.url, {'"': "&quot;"})
            entry += f'. <link href="{url}" color="{ctx.theme.palette.heading}"><u>{escape(source.url)}</u></link>'
        parts.append(Paragraph(entry, styles.reference))
    return parts


class TitleBand(Flowable):
    """The first-page band: title, subtitle, byline and date, and the handling marking."""

    def __init__(self, ctx: blocks.Context):
        super().__init__()
        meta, styles = ctx.document.meta, ctx.styles
        self.ctx = ctx
        self.paragraphs = [Paragraph(escape(meta.title), styles.title)]
        if meta.subtitle:
            self.paragraphs.append(Paragraph(escape(meta.subtitle), styles.subtitle))
        details = [part for part in (meta.byline, meta.date) if part]
        if details:
            self.paragraphs.append(Paragraph(escape("  ·  ".join(details)), styles.meta))
        self.gaps = [0.0] + [7.0] * (len(self.paragraphs) - 1)
        self.top_pad = 16.0 if ctx.document.meta.marking else 0.0  # room for the marking above the title

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.heights = [p.wrap(available_width, available_height)[1] for p in self.paragraphs]
        self.height = sum(self.heights) + sum(self.gaps) + BAND_PAD + 10 + self.top_pad
        return self.width, self.height

    def draw(self) -> None:
        canvas, palette = self.canv, self.ctx.theme.palette
        page_width, page_height = canvas._pagesize
        top_of_band = self.height + FIRST_TOP
        canvas.saveState()
        canvas.setFillColor(HexColor(palette.band))
        canvas.rect(-MARGIN_X, 10, page_width, top_of_band - 10 + 1, stroke=0, fill=1)
        canvas.restoreState()
        y = self.height - self.top_pad
        for paragraph, height, gap in zip(self.paragraphs, self.heights, self.gaps):
            y -= gap + height
            paragraph.drawOn(canvas, 0, y)
        marking = self.ctx.document.meta.marking
        if marking:
            _marking_badge(canvas, marking, self.width, self.height + FIRST_TOP * 0.3, self.ctx.theme, on_band=True)


def _marking_badge(canvas, marking: str, right: float, baseline: float, theme: Theme, on_band: bool = False) -> float:
    """Draw the marking in a ruled box ending at `right`; return the box's width."""
    size = theme.print.running + 0.5
    width = canvas.stringWidth(marking, BOLD, size)
    canvas.saveState()
    canvas.setFillColor(HexColor(theme.palette.on_band if on_band else theme.palette.accent))
    canvas.setFont(BOLD, size)
    canvas.drawRightString(right, baseline, marking)
    canvas.setStrokeColor(HexColor(theme.palette.on_band if on_band else theme.palette.accent))
    canvas.setLineWidth(0.7)
    canvas.rect(right - width - 4, baseline - 3, width + 8, size + 5, stroke=1, fill=0)
    canvas.restoreState()
    return width + 8


class _Furniture:
    """Running header (after page 1) and footer (every page), drawn once the page count is known."""

    def __init__(self, document: Document, theme: Theme):
        self.document, self.theme = document, theme

    def decorate(self, canvas: Canvas, page: int, pages: int) -> None:
        meta, palette, size = self.document.meta, self.theme.palette, self.theme.print.running
        width, height = canvas._pagesize
        left, right = MARGIN_X, width - MARGIN_X
        canvas.saveState()
        if page > 1:
            header_y = height - MARGIN_TOP + 9
            badge = _marking_badge(canvas, meta.marking, right - 4, header_y, self.theme) + 16 if meta.marking else 0.0
            canvas.setFont(REGULAR, size)
            canvas.setFillColor(HexColor(palette.muted))
            canvas.drawString(left, header_y, _shorten(canvas, meta.title, right - left - badge, size))
            canvas.setStrokeColor(HexColor(palette.rule))
            canvas.setLineWidth(0.5)
            canvas.line(left, header_y - 5, right, header_y - 5)
        footer_y = MARGIN_BOTTOM - 22
        canvas.setFillColor(HexColor(palette.muted))
        canvas.setFont(REGULAR, size)
        left_text = "  ·  ".join(part for part in (meta.marking, meta.date) if part)
        if left_text:
            canvas.drawString(left, footer_y, left_text)
        canvas.drawRightString(right, footer_y, f"Page {page} of {pages}")
        canvas.restoreState()


def _shorten(canvas: Canvas, value: str, width: float, size: float) -> str:
    if canvas.stringWidth(value, REGULAR, size) <= width:
        return value
    while value and canvas.stringWidth(value + "…", REGULAR, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def _numbered_canvas(furniture: _Furniture, stamp: Stamp) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer can say 'of M'.

    It also stamps the build's date and the content's fingerprint, in place of the clock, so the
    same content gives the same document ID and dates (see generator.stamp).
    """
    created = stamp.moment.strftime("D:%Y%m%d%H%M%S+00'00'")

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.setDateFormatter(lambda *clock: created)
            self._doc.updateSignature(stamp.fingerprint)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                furniture.decorate(self, number, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas
