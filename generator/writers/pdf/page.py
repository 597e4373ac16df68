"""Page furniture: the first-page title band, the running header and footer, and the canvas that
holds pages back until the page count is known (for 'Page N of M').

Kept apart from the story builder (pdf.py) because it draws on the canvas directly, below platypus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ...errors import Diagnostic
from ...model import Document
from ...stamp import Stamp
from ...theme import Theme
from .blocks import Context
from .styles import BOLD, REGULAR, draw_string, markup, string_width
from .tagging import Paragraph, Tag, Tagger, marked

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 22 * mm, 20 * mm  # fit for printing on A4 and Letter alike
FIRST_TOP = 15 * mm  # page 1 has no running header, so its band starts higher
BAND_PAD = 9 * mm
MARKING_LINES = 4  # a long marking wraps to at most this many lines in the band, header and footer
MARKING_LEADING = 1.2  # baseline to baseline, as a multiple of the marking's size
HEADER_TITLE_ROOM = 120.0  # the running header keeps this much beside the marking for the (shortened) title
BAND_SHARE = 0.5  # the title band takes at most this share of the first page while the title is not below its minimum


def _title_sizes(theme: Theme) -> list[float]:
    """The title's sizes to try, largest first: whole points from the theme's title size down to
    print's least size (those below the title minimum are for a title that is reported)."""
    top, least = theme.print.title, theme.print.least
    return [top] + [float(size) for size in range(math.ceil(top) - 1, math.ceil(least) - 1, -1) if size < top]


class TitleBand(Flowable):
    """The first-page band: title, subtitle, byline and date, and the handling marking.

    A long title is set smaller, down to the theme's title minimum, so that the band takes at most
    half of the first page; one longer still is a finding at the title, set as large as lets the
    band fit the page (never below print's least size)."""

    def __init__(self, ctx: Context):
        super().__init__()
        meta, styles = ctx.document.meta, ctx.styles
        self.ctx = ctx
        self.paragraphs = [Paragraph(markup(meta.title), styles.title)]
        if meta.subtitle:
            self.paragraphs.append(Paragraph(markup(meta.subtitle), styles.subtitle))
        details = [part for part in (meta.byline, meta.date) if part]
        if details:
            self.paragraphs.append(Paragraph(markup("  ·  ".join(details)), styles.meta))
        self.gaps = [0.0] + [7.0] * (len(self.paragraphs) - 1)
        self.top_pad = 0.0
        self.badge: Fitted | None = None
        self.reported = False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        marking, theme = self.ctx.document.meta.marking, self.ctx.theme
        if marking:  # room for the marking above the title: one line, or more for a long marking
            self.badge = fit_marking(marking, BOLD, _badge_sizes(theme), available_width - 8)
            self.top_pad = 24.0 + (len(self.badge.lines) - 1) * self.badge.leading
            if not self.badge.complete:
                report_marking(self.ctx.document, self.ctx.findings, "the title band", self.badge)
        sizes = _title_sizes(theme)
        for size in sizes:
            self._set_title(size)
            self.height = self._measure(available_width, available_height)
            limit = available_height * (BAND_SHARE if size >= self.ctx.theme.print.title_min else 1.0)
            if self.height <= limit:
                break
        if size < self.ctx.theme.print.title_min and not self.reported:
            self.reported = True
            meta = self.ctx.document.meta
            self.ctx.findings.append(Diagnostic.at(
                meta.origin_of("title"), f"the title ({len(meta.title):,} characters) is too long for the title band "
                f"even at {self.ctx.theme.print.title_min:g} pt; it is printed at {size:g} pt",
                hint="shorten the title, and put the rest in the subtitle or the first section"))
        return self.width, self.height

    def _set_title(self, size: float) -> None:
        base = self.ctx.styles.title
        style = base if size == base.fontSize else ParagraphStyle(f"title-{size:g}", parent=base, fontSize=size,
                                                                  leading=round(size * 1.15, 1))
        self.paragraphs[0] = Paragraph(markup(self.ctx.document.meta.title), style)

    def _measure(self, width: float, height: float) -> float:
        self.heights = [p.wrap(width, height)[1] for p in self.paragraphs]
        return sum(self.heights) + sum(self.gaps) + BAND_PAD + 10 + self.top_pad

    def draw(self) -> None:
        canvas, palette = self.canv, self.ctx.theme.palette
        page_width, page_height = canvas._pagesize
        top_of_band = self.height + FIRST_TOP
        canvas.saveState()
        canvas.setFillColor(HexColor(palette.band))
        canvas.rect(-MARGIN_X, 10, page_width, top_of_band - 10 + 1, stroke=0, fill=1)
        canvas.restoreState()
        if self.badge:  # drawn (and read) first: a handling marking comes before the title
            with marked(canvas, Tag("P")):
                _marking_badge(canvas, self.badge, self.width, self.height - 8, self.ctx.theme, on_band=True)
        y = self.height - self.top_pad
        for paragraph, height, gap in zip(self.paragraphs, self.heights, self.gaps):
            y -= gap + height
            paragraph.drawOn(canvas, 0, y)


@dataclass(frozen=True)
class Fitted:
    """A text set to fit a width: its size, its lines, and whether all of it is there."""

    size: float
    lines: tuple[str, ...]
    complete: bool
    font: str = BOLD

    @property
    def leading(self) -> float:
        return self.size * MARKING_LEADING

    @property
    def width(self) -> float:
        return max(string_width(line, self.font, self.size) for line in self.lines)


def fit_marking(text: str, font: str, sizes: tuple[float, ...], width: float) -> Fitted:
    """The largest size at which the text fits `width` in at most MARKING_LINES lines (one line
    at the first size is how a short marking always prints). At the last size it is cut short
    with an ellipsis if it still does not fit: the caller reports that."""
    if string_width(text, font, sizes[0]) <= width:
        return Fitted(sizes[0], (text,), True, font)  # as written: wrapping would close up double spaces
    for size in sizes:
        lines = simpleSplit(text, font, size, width)
        if len(lines) <= MARKING_LINES and all(string_width(line, font, size) <= width + 0.01 for line in lines):
            return Fitted(size, tuple(lines), True, font)
    size = sizes[-1]
    lines = [_cut(line, font, size, width) for line in simpleSplit(text, font, size, width)[:MARKING_LINES]]
    lines[-1] = _cut(lines[-1] + "…", font, size, width) if not lines[-1].endswith("…") else lines[-1]
    return Fitted(size, tuple(lines), False, font)


def _cut(line: str, font: str, size: float, width: float) -> str:
    """The line, or as much of it as fits with an ellipsis (a word longer than the line)."""
    if string_width(line, font, size) <= width:
        return line
    while line and string_width(line + "…", font, size) > width:
        line = line[:-1]
    return line + "…"


def report_marking(document: Document, findings: list, place: str, fitted: Fitted, key: str = "marking") -> None:
    """An error at the marking (or, in a footer without one, the date), once per place it is cut short."""
    value = getattr(document.meta, key) or ""
    message = (f"the {key} ({len(value):,} characters) does not fit {place} even at "
               f"{fitted.size:g} pt on {MARKING_LINES} lines; it is cut short there")
    if not any(finding.message == message for finding in findings):
        findings.append(Diagnostic.at(document.meta.origin_of(key), message,
                                      hint=f"shorten the {key}: it prints on every page"))


def _badge_sizes(theme: Theme) -> tuple[float, ...]:
    return (theme.print.running + 0.5, theme.print.running, theme.print.least)


def _marking_badge(canvas, badge: Fitted, right: float, baseline: float, theme: Theme, on_band: bool = False) -> float:
    """Draw the marking in a ruled box ending at `right`, its first line on `baseline` and the rest
    below; return the box's width."""
    size, lines = badge.size, badge.lines
    width = badge.width
    below = (len(lines) - 1) * badge.leading
    canvas.saveState()
    canvas.setFillColor(HexColor(theme.palette.on_band if on_band else theme.palette.accent))
    canvas.setFont(BOLD, size)
    if len(lines) == 1:
        draw_string(canvas, right, baseline, lines[0], BOLD, size, right=True)
    for index, line in enumerate(lines if len(lines) > 1 else ()):
        draw_string(canvas, right - width, baseline - index * badge.leading, line, BOLD, size)
    canvas.setStrokeColor(HexColor(theme.palette.on_band if on_band else theme.palette.accent))
    canvas.setLineWidth(0.7)
    canvas.rect(right - width - 4, baseline - below - 3, width + 8, size + 5 + below, stroke=1, fill=0)
    canvas.restoreState()
    return width + 8


class Furniture:
    """Running header (after page 1) and footer (every page), drawn once the page count is known.
    A long marking wraps (up to MARKING_LINES lines) and shrinks to fit beside the title in the
    header and beside "Page N of M" in the footer; what still does not fit is reported."""

    def __init__(self, document: Document, theme: Theme, findings: list | None = None):
        self.document, self.theme = document, theme
        self.findings = findings if findings is not None else []

    def decorate(self, canvas: Canvas, page: int, pages: int) -> None:
        meta, palette, size = self.document.meta, self.theme.palette, self.theme.print.running
        width, height = canvas._pagesize
        left, right = MARGIN_X, width - MARGIN_X
        canvas.saveState()
        if page > 1:
            header_y = height - MARGIN_TOP + 9
            badge = 0.0
            if meta.marking:
                fitted = self._fit(meta.marking, BOLD, _badge_sizes(self.theme), right - left - 28 - HEADER_TITLE_ROOM,
                                   "the running header")
                top = header_y + (len(fitted.lines) - 1) * fitted.leading  # a long marking grows upwards
                badge = _marking_badge(canvas, fitted, right - 4, top, self.theme) + 16
            canvas.setFont(REGULAR, size)
            canvas.setFillColor(HexColor(palette.muted))
            draw_string(canvas, left, header_y, _shorten(meta.title, right - left - badge, size), REGULAR, size)
            canvas.setStrokeColor(HexColor(palette.rule))
            canvas.setLineWidth(0.5)
            canvas.line(left, header_y - 5, right, header_y - 5)
        footer_y = MARGIN_BOTTOM - 22
        canvas.setFillColor(HexColor(palette.muted))
        canvas.setFont(REGULAR, size)
        left_text = "  ·  ".join(part for part in (meta.marking, meta.date) if part)
        number = self.document.words("page", page=page, pages=pages)
        if left_text:
            room = right - left - string_width(number, REGULAR, size) - 12
            fitted = self._fit(left_text, REGULAR, (size, self.theme.print.least), room, "the footer")
            if fitted.size != size:
                canvas.setFont(REGULAR, fitted.size)
            first = footer_y + (len(fitted.lines) - 1) * fitted.leading / 2  # lines centred on the footer line
            for index, line in enumerate(fitted.lines):
                draw_string(canvas, left, first - index * fitted.leading, line, REGULAR, fitted.size)
            if fitted.size != size:
                canvas.setFont(REGULAR, size)
        draw_string(canvas, right, footer_y, number, REGULAR, size, right=True)
        canvas.restoreState()

    def _fit(self, text: str, font: str, sizes: tuple[float, ...], width: float, place: str) -> Fitted:
        fitted = fit_marking(text, font, sizes, width)
        if not fitted.complete:
            report_marking(self.document, self.findings, place, fitted, "marking" if self.document.meta.marking else "date")
        return fitted


def _shorten(value: str, width: float, size: float) -> str:
    if string_width(value, REGULAR, size) <= width:
        return value
    while value and string_width(value + "…", REGULAR, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def numbered_canvas(furniture: Furniture, stamp: Stamp, tagger: Tagger) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer can say 'of M'.

    It also stamps the build's date and the content's fingerprint, in place of the clock, so the
    same content gives the same document ID and dates (see generator.stamp), and records the
    structure of what is drawn in `tagger`: the running header and footer, drawn last, fall in
    the page's artifact sequence, and each link annotation becomes a Link element.
    """
    created = stamp.moment.strftime("D:%Y%m%d%H%M%S+00'00'")

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.setDateFormatter(lambda *clock: created)
            self._doc.updateSignature(stamp.fingerprint)
            self.tagger = tagger
            tagger.start_page(self, 0)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()
            tagger.start_page(self, len(self._pages))

        def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1, **kwargs):
            super().linkRect(contents, destinationname, Rect, addtopage, name, relative, **kwargs)
            if addtopage:
                tagger.link(("destination", destinationname))

        def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kwargs):
            super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kwargs)
            tagger.link(("url", url))

        def bookmarkPage(self, key, **kwargs):
            """Pages are added to the file only at the end, so a destination made now must name the
            page being laid out, not the file's current page count."""
            counter = self._doc.pageCounter
            self._doc.pageCounter = len(self._pages) + 1
            try:
                return super().bookmarkPage(key, **kwargs)
            finally:
                self._doc.pageCounter = counter

        def save(self) -> None:
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                furniture.decorate(self, number, len(self._pages))
                tagger.end_page(self)
                super().showPage()
            self.showOutline()
            super().save()

    return NumberedCanvas
