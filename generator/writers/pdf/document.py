"""The printable briefing: document model + rendered charts -> PDF bytes (reportlab platypus).

The story (sections, numbered figures and tables, the Sources list) and the document outline
are built here; page furniture lives in page, what each block prints in blocks and
tables. The canvas is invariant, so the same content gives the same bytes.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.platypus import (ActionFlowable, BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, LayoutError,
                                NextPageTemplate, PageTemplate)

from ... import __version__
from ...charts import RenderedChart
from ...errors import Diagnostic
from ...measure import measuring_with
from ...model import (NOWHERE, BulletsBlock, CalloutBlock, ChartBlock, ColumnsBlock, Document, ImageBlock, Origin, StatsBlock,
                      TableBlock, TextBlock, cites_line, shown_in)
from ...theme import Theme
from ...urls import url_lines
from .. import Options, Output
from . import blocks, cards
from .figure import Figure
from .tagging import Paragraph, Tagger
from .page import FIRST_TOP, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Furniture, TitleBand, numbered_canvas
from .styles import REGULAR, build_styles, markup, string_width
from .bullets import bullets_flowables
from .callout import callout_flowables
from .chart import chart_flowables
from .tables import table_flowables
from .text import text_flowables
from .image import image_flowables
from .columns import Nested, columns_flowables

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
HEADING_ROOM = 200.0  # a heading needs this much of a splittable block below it on its page
FILL_BEFORE_MOVING = 0.5  # a block scaled to fit takes the rest of its page when that is at least this share of one


def write_pdf(document: Document, charts: dict[ChartBlock, RenderedChart], theme: Theme, options: Options) -> Output:
    """Lay the briefing out and return the PDF file's bytes, measuring in the theme's typeface and
    its fallbacks wherever a width is asked for by font name alone."""
    with measuring_with(theme.typeface):
        return _write_pdf(document, charts, theme, options)


def _write_pdf(document: Document, charts: dict[ChartBlock, RenderedChart], theme: Theme, options: Options) -> Output:
    styles = build_styles(theme)
    size = PAGE_SIZES[options.page_size or "A4"]
    wide = landscape(size)
    buffer = io.BytesIO()
    meta = document.meta
    template = _Template(
        buffer, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=meta.title, author=meta.byline or "", subject=meta.subtitle or "",
        keywords=list(meta.keywords), creator=f"briefing {__version__}", producer=f"briefing {__version__}",
        invariant=1, lang=meta.language, initialFontName=REGULAR,
    )
    template.addPageTemplates([PageTemplate("first", [_frame(size, FIRST_TOP)], autoNextPageTemplate="later"),
                               PageTemplate("later", [_frame(size, MARGIN_TOP)]),
                               PageTemplate("landscape", [_frame(wide, MARGIN_TOP)], pagesize=wide)])
    ctx = blocks.Context(document, styles, theme, size[0] - 2 * MARGIN_X, wide[0] - 2 * MARGIN_X,
                         room=size[1] - MARGIN_TOP - MARGIN_BOTTOM)
    tagger = Tagger()
    template.build(_story(ctx, charts), canvasmaker=numbered_canvas(Furniture(document, theme, ctx.findings), options.stamp,
                                                                    tagger))
    return Output(lambda: _with_structure(document, buffer.getvalue(), tagger, options),
                  findings=(*ctx.findings, *template.findings), placements=tuple(template.placements))


def _with_structure(document: Document, data: bytes, tagger: Tagger, options: Options) -> bytes:
    """The laid-out PDF with its structure tree and XMP written in. pikepdf is loaded only here,
    when the bytes are asked for, so `briefing check` never loads it."""
    from .structure import Metadata, write_structure

    meta = document.meta
    metadata = Metadata(meta.title, meta.byline or "", meta.subtitle or "", tuple(meta.keywords), meta.language,
                        f"briefing {__version__}", options.stamp.moment)
    return write_structure(data, tagger, metadata, lambda target: _link_text(document, target))


def _link_text(document: Document, target: tuple[str, str]) -> str:
    """A link's description, for readers who cannot see where it goes: the cited source in full
    for a citation mark, else where it goes (the address of a URL)."""
    kind, value = target
    number = blocks.anchored_source(value) if kind == "destination" else None
    if number is not None:
        return f"{document.words('source')} {number}: {document.sources[number - 1].citation()}"
    return value


class _Template(BaseDocTemplate):
    """Turns a flowable that cannot be laid out into a placed finding and a scaled-down print of it,
    so valid content always gives a PDF (a draft under --force) and never a reportlab trace."""

    _last_origin: Origin = NOWHERE  # page furniture and platypus's own flowables carry no origin

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.placements: list[tuple[str, str, int]] = []  # (block path, "page", N), so findings can name their page
        self.findings: list[Diagnostic] = []

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        head = flowables[0] if flowables else None
        origin = getattr(head, "briefing_origin", None) or self._last_origin
        if head is not None and self._beyond_a_page(head):
            flowables[0] = self._shrunk(head, origin)
        try:
            super().handle_flowable(flowables)
        except LayoutError:  # a case the check above does not foresee: still a finding, never an abort
            flowables.insert(0, self._shrunk(head, origin))
            super().handle_flowable(flowables)
        self._last_origin = origin
        if origin.path and self._placed(head, flowables) and (origin.path, "page", self.page) not in self.placements[-3:]:
            self.placements.append((origin.path, "page", self.page))

    @staticmethod
    def _placed(head: Flowable | None, flowables: list[Flowable]) -> bool:
        """Whether `head` printed something on this page: not moved on to the next (platypus puts it
        back, to be laid out after the page break), and not space or an action (the gap after a
        block that falls at the top of the next page puts nothing there)."""
        if head is None or (flowables and (flowables[0] is head or isinstance(flowables[0], ActionFlowable))):
            return False  # put back, or split behind a page break (a KeepTogether moving on)
        return not isinstance(head, (blocks.Gap, ActionFlowable, CondPageBreak))

    def _beyond_a_page(self, flowable: Flowable) -> bool:
        """A block that must stay whole (a figure, the title band) with a part taller than an empty
        page. reportlab would move it on to another page, leaving this one (nearly) empty, and then
        give up; splittable parts (paragraphs, tables) are left to split."""
        frame = getattr(self, "frame", None)  # none before the first page begins
        if frame is None or isinstance(flowable, ActionFlowable):
            return False
        parts = flowable._content if isinstance(flowable, KeepTogether) else [flowable]
        whole = [part for part in parts if isinstance(part, Flowable) and not isinstance(part, ActionFlowable)
                 and type(part).split is Flowable.split]
        room = self._least_room()
        return any(part.wrapOn(self.canv, frame._width, room)[1] > room + 0.01 for part in whole)

    def _least_room(self) -> float:
        """The height of the shortest portrait frame: what a block scaled to fit must fit on any page."""
        return min(frame._height for template in self.pageTemplates if template.id != "landscape"
                   for frame in template.frames)

    def _shrunk(self, flowable: Flowable, origin: Origin) -> Flowable:
        """The flowable scaled down to fit an empty page, and an error saying by how much."""
        content = list(flowable._content) if isinstance(flowable, KeepTogether) else [flowable]
        frame, room = self.frame, self._least_room()
        left = frame._y - frame._y1p
        scaled = _Scaled(content, self.canv, frame._width, left if left >= room * FILL_BEFORE_MOVING else room)
        scaled.briefing_origin = origin
        self.findings.append(Diagnostic.at(
            origin, f"this {_kind(origin.path)} is too {scaled.too} for one page even alone; it is printed scaled to "
            f"{math.floor(scaled.scale * 100)}%", hint="split it into smaller blocks, or shorten its longest item"))
        return scaled


class _Scaled(Flowable):
    """Flowables printed together at one scale, so that they fit the page: a draft of a block too
    large to lay out, which the finding reports. It moves on whole to the next page if needed."""

    def __init__(self, content: list[Flowable], canv, width: float, room: float):
        super().__init__()
        self.content = [part for part in content if isinstance(part, Flowable)]
        self.heights = [part.wrapOn(canv, width, 1e6)[1] for part in self.content]
        natural_w = max([width] + [part.width for part in self.content])
        natural_h = sum(self.heights) + sum(p.getSpaceBefore() + p.getSpaceAfter() for p in self.content)
        self.scale = min(1.0, width / natural_w, room / natural_h if natural_h else 1.0)
        self.too = "wide" if width / natural_w <= self.scale else "tall"
        self.natural = natural_h
        self.width, self.height = natural_w * self.scale, natural_h * self.scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        y = self.natural
        for part, height in zip(self.content, self.heights):
            y -= part.getSpaceBefore() + height
            part.drawOn(canvas, 0, y)
            y -= part.getSpaceAfter()
        canvas.restoreState()


def _kind(path: str) -> str:
    """What a reader calls the node at `path`: 'chart', 'table', 'title'... ('block' when unsure)."""
    last = path.rsplit(".", 1)[-1].split("[", 1)[0] if path else ""
    return {"stats": "block of stat cards", "meta": "title band"}.get(last, last or "block")


def _frame(size: tuple[float, float], top: float) -> Frame:
    return Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X, size[1] - top - MARGIN_BOTTOM,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def _story(ctx: blocks.Context, charts: dict[ChartBlock, RenderedChart]) -> list[Flowable]:
    story: list[Flowable] = [_tagged(TitleBand(ctx), ctx.document.meta.origin_of("title"))]
    numbers = {"figure": 0, "table": 0}
    for index, section in enumerate(ctx.document.sections, 1):
        shown = [block for block in section.blocks if shown_in(block, "pdf")]
        if not shown:
            continue  # every block of the section is kept to the deck
        heading = [blocks.Bookmark(f"section-{index}", section.title, 0), Paragraph(markup(section.title), ctx.styles.section)]
        parts = [[_tagged(flowable, block.origin) for flowable in _block(ctx, block, charts, numbers)] for block in shown]
        body = [flowable for part in parts for flowable in part]
        lead = _page_switch(body)  # a landscape table opens its own page: the heading goes there with it
        first = parts[0][len(lead):] if parts else []
        story += [*lead, _RoomFor(heading, first), *heading, *body[len(lead):]]
    return story + _sources(ctx)


def _page_switch(body: list[Flowable]) -> list[Flowable]:
    switch = body[:2]
    return switch if len(switch) == 2 and isinstance(switch[0], NextPageTemplate) else []


def _tagged(flowable: Flowable, origin: Origin) -> Flowable:
    flowable.briefing_origin = origin
    return flowable


# What each block kind prints, and the counter ("figure", "table") its caption is numbered by.
# A kind missing here is an error, never drawn as another (tests/test_registry.py holds every
# kind of the model to a line in this table).
PDF_BLOCKS: dict[type, tuple[str | None, Callable]] = {
    StatsBlock: (None, lambda ctx, block, chart, number: cards.stats_flowables(ctx, block)),
    ChartBlock: ("figure", lambda ctx, block, chart, number: _give(ctx, chart_flowables(ctx, block, chart, number))),
    TableBlock: ("table", lambda ctx, block, chart, number: table_flowables(ctx, block, number)),
    BulletsBlock: (None, lambda ctx, block, chart, number: bullets_flowables(ctx, block)),
    CalloutBlock: (None, lambda ctx, block, chart, number: callout_flowables(ctx, block)),
    TextBlock: (None, lambda ctx, block, chart, number: text_flowables(ctx, block)),
    ImageBlock: ("figure", lambda ctx, block, chart, number: image_flowables(ctx, block, number)),
    ColumnsBlock: (None, lambda ctx, block, nested, number: columns_flowables(ctx, block, nested)),
}


def _give(ctx: blocks.Context, flowables: list[Flowable]) -> list[Flowable]:
    """A figure kept together becomes one that may shrink its chart a little to fit (figure.Figure)."""
    return [Figure(list(part._content), ctx.theme.print.least) if isinstance(part, KeepTogether) else part
            for part in flowables]


def _block(ctx: blocks.Context, block, charts: dict[ChartBlock, RenderedChart], numbers: dict[str, int]) -> list[Flowable]:
    if type(block) not in PDF_BLOCKS:
        raise TypeError(f"the PDF has no way to print a {type(block).__name__}")
    counter, flowables = PDF_BLOCKS[type(block)]
    if counter:
        numbers[counter] += 1
    if isinstance(block, (TableBlock, ChartBlock)) and block.data_from:
        ctx.data_files.append((f"{ctx.document.words(counter, number=numbers[counter])}. {block.title}", block.data_from))
    # the third argument is the block's rendered chart or, for a block holding blocks (columns),
    # how to print one of them: numbered in reading order, a chart optionally drawn for its column
    drawn = charts.get(block) or Nested(lambda inner_ctx, inner, chart=None: _block(
        inner_ctx, inner, {inner: chart} if chart else charts, numbers), numbers, ctx.data_files, ctx.findings)
    return flowables(ctx, block, drawn, numbers[counter] if counter else 0)


class _RoomFor(CondPageBreak):
    """A heading starts a new page unless it fits here with the start of the block after it: all
    of a part that must stay whole (a figure, a callout, a row of stat cards), the room a long
    table or list asks before it starts, and up to 200 pt of text that may split. platypus's
    keepWithNext cannot hold a heading to a KeepTogether, which is how figures travel, so the room
    is measured at layout time, when the canvas is there to measure with. A figure taller than a
    page, which is printed scaled to the room left, needs half a page (FILL_BEFORE_MOVING)."""

    def __init__(self, heading: list[Flowable], following: list[Flowable]):
        super().__init__(0)
        self.heading, self.following = heading, following

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = sum(part.wrapOn(self.canv, available_width, 1e6)[1] + part.getSpaceBefore() + part.getSpaceAfter()
                          for part in self.heading)
        for part in self.following:  # a kept block under the heading splits here rather than move on without it
            if isinstance(part, blocks.KeptWhole):
                part.led_by = self.height
        self.height += self._following(available_width, self._frame_height() - self.height)
        return super().wrap(available_width, available_height)

    def _following(self, width: float, frame: float) -> float:
        """The height the block after the heading needs on the heading's page (`frame`: what a page
        has under the heading). A block kept together that cannot fit there even on an empty page
        is asked only the start of a splittable block: it moves on or splits whatever is done."""
        used, need = 0.0, 0.0
        for index, part in enumerate(self.following):
            if isinstance(part, CondPageBreak):
                need = max(need, used + part.height)
                continue
            if isinstance(part, ActionFlowable) or (isinstance(part, blocks.Gap) and index == len(self.following) - 1):
                continue  # the space after a block need not fit on its page
            height = part.wrapOn(self.canv, width, 1e6)[1] + part.getSpaceBefore()  # the frame adds its space above too
            if isinstance(part, KeepTogether):
                height = part._H  # its wrap answers "too tall" to force a split; _H is its content's height
            if height > frame and isinstance(part, KeepTogether) and any(
                    type(inner).split is not Flowable.split for inner in part._content):
                used += part.start_height() if isinstance(part, blocks.KeptWhole) else min(height, max(HEADING_ROOM - used, 0.0))
            elif type(part).split is Flowable.split or isinstance(part, KeepTogether):
                used += height if height <= frame else frame * FILL_BEFORE_MOVING  # whole, or scaled to the room left
            else:
                used += min(height, max(HEADING_ROOM - used, 0.0))
            need = max(need, used)
            if used >= HEADING_ROOM:
                break
        return need

    def _frame_height(self) -> float:
        frame = getattr(getattr(self.canv, "_doctemplate", None), "frame", None)
        return frame._height if frame is not None else 1e6


def _url(ctx: blocks.Context, url: str) -> str:
    """A source's URL on lines of its own under the citation, in the entry's hanging indent, broken
    only after / . ? & (generator.urls), so a hyphen inside a word never ends a line."""
    style = ctx.styles.reference
    lines = url_lines(url, ctx.width - style.leftIndent, lambda text: string_width(text, style.fontName, style.fontSize))
    href = escape(url, {'"': "&quot;"})
    return "<br/>".join(f'<link href="{href}" color="{ctx.theme.palette.heading}"><u>{escape(line)}</u></link>' for line in lines)


def _sources(ctx: blocks.Context) -> list[Flowable]:
    """The briefing's own sources line, then every registry entry in full, numbered: the
    destinations of the citation marks."""
    document, styles = ctx.document, ctx.styles
    words = document.words
    heading = Paragraph(blocks.text(words("sources")), styles.section)
    parts: list[Flowable] = [CondPageBreak(120), blocks.Bookmark("sources", words("sources"), 0), heading]
    if document.cites:
        cites = Paragraph(f"<b>{markup(words.lead('sources'))}</b> {markup(cites_line(document))}{blocks.citation_marks(ctx, document.cites)}",
                          styles.caption)
        cites.keepWithNext = True
        parts.append(cites)
    for number, source in enumerate(document.sources, 1):
        entry = f'<a name="{blocks.source_anchor(number)}"/>{number}.&nbsp;&nbsp;{markup(source.citation())}'
        if source.url:
            entry += ("" if source.citation().endswith(".") else ".") + "<br/>" + _url(ctx, source.url)
        parts.append(Paragraph(entry, styles.reference))
    if ctx.data_files:  # where the figures of each table and chart read from a file came from
        parts.append(Paragraph(f"<b>{markup(words.lead('data_files'))}</b>", styles.caption))
        parts += [Paragraph(f"{markup(caption)}: {markup(origin.reference())}", styles.reference) for caption, origin in ctx.data_files]
    return parts
