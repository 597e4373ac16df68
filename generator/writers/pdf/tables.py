"""Tables in the printed briefing: column widths that follow content, a type size and page
orientation that let the widest table fit, and titles that say '(continued)' on later pages.

A table is never cut off: if its columns cannot fit the portrait frame even at the smallest table
size (7 pt), it is set on a landscape page; if they still cannot fit, long words break inside.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Table, TableStyle

from ...measure import fit_columns
from ...model import TableBlock
from .blocks import Bookmark, Context, Gap, KeptWhole, source_para
from .tagging import Paragraph, TableTags, Tag
from .styles import BOLD, REGULAR, in_own_face, markup, string_width

PAD = 6.0
TITLE_GAP = 4.0
SPLIT_IN_ROW = 30.0  # a row taller than the space left may break inside, if each part keeps this much
MIN_ROWS = 3  # a table split across pages leaves at least this many rows on each side
KEEP_WHOLE_ROWS = 15  # tables up to this many rows move to the next page whole rather than break
LONG_TABLE_START = 160.0  # points a long table needs below its title (a few rows) before it may start
LONG_WORD_SHARE = 1 / 3  # a word wider than this share of the portrait frame may break rather than turn the page
HEADER_SHARE = 0.2  # a number column's header wraps rather than widen its column past this share of the frame
SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)  # table type sizes to try, largest first; never below 7 pt


@dataclass(frozen=True)
class Layout:
    size: float
    landscape: bool
    widths: list[float]


def table_flowables(ctx: Context, block: TableBlock, number: int) -> list[Flowable]:
    layout = choose_layout(ctx, block)
    element = Tag("Table", key=block)
    table = _table(ctx, block, layout, TableTags(element))
    words = ctx.document.words
    name = f"{words('table', number=number)}. {block.title}"
    caption = Tag("Caption", key=object(), parent=element)  # the title and subtitle, read before the rows
    title: Flowable = Paragraph(markup(name), ctx.styles.block_title, tag=caption)
    if block.subtitle:  # under the first part's title only; later parts say "(continued)"
        title = Stack([title, Paragraph(markup(block.subtitle), ctx.styles.block_subtitle, tag=caption)])
    tail = [Paragraph(markup(note), ctx.styles.footnote) for note in block.footnotes]
    tail += ([Paragraph(markup(block.note), ctx.styles.caption)] if block.note else []) + source_para(ctx, block.sources)
    titled = TitledTable(title, table, lambda: Paragraph(f"{markup(name)} {markup(words('continued'))}",
                                                         ctx.styles.block_title, tag=Tag(None)),
                         Bookmark(f"table-{number}", name, 1), tail)
    if len(block.rows) <= KEEP_WHOLE_ROWS:
        body = [KeptTable(titled), Gap(6)]
    else:  # a long table may break across pages (its header row repeats); its title starts with some rows
        body = [CondPageBreak(LONG_TABLE_START), titled, Gap(6)]
    if layout.landscape:
        return [NextPageTemplate("landscape"), PageBreak(), *body, NextPageTemplate("later"), PageBreak()]
    return body


def choose_layout(ctx: Context, block: TableBlock) -> Layout:
    """The largest size at which the columns fit portrait; else portrait with over-long words (wider
    than a third of the page) broken inside their cells, since a page turned for one long word would
    leave the page before it nearly empty; else landscape (for many columns), else 7 pt landscape
    with long words broken inside their cells (numbers keep their width). Number columns keep their
    header on one line when the whole table then fits unwrapped; else headers wrap, as one header
    row of two or three lines costs less than text wrapping in every row."""
    for landscape, word_cap in ((False, None), (False, ctx.width * LONG_WORD_SHARE), (True, None)):
        room = ctx.landscape_width if landscape else ctx.width
        for size in SIZES:
            for wrap_headers in (False, True):
                natural, minimum, numeric = _measure(block, size, wrap_headers, word_cap, room * HEADER_SHARE)
                if sum(natural if not wrap_headers else minimum) <= room:
                    return Layout(size, landscape, fit_columns(natural, minimum, [not n for n in numeric], room))
    return Layout(SIZES[-1], True, _last_resort_widths(block, ctx.landscape_width))


def _last_resort_widths(block: TableBlock, room: float) -> list[float]:
    """Widths for a table too wide even landscape at 7 pt. Every column keeps what it cannot do
    without: its figures for a number column, a few characters for any column, always more than
    its padding. The room left is shared in proportion to what each column would still like;
    headers and long words then break inside their cells."""
    size = SIZES[-1]
    natural, minimum, numeric = _measure(block, size, True)
    floor = 2 * PAD + 1 + 3 * size
    rows = block.shown_rows()
    need = [max(floor, max((string_width(row[i], REGULAR, size) for row in rows), default=0.0) + 2 * PAD + 1) if n else floor
            for i, n in enumerate(numeric)]
    wanted = [max(m - least, 0.0) for m, least in zip(minimum, need)]
    spare = max(room - sum(need), 0.0)  # none: more columns than a page holds; the layout reports the block
    share = min(1.0, spare / sum(wanted)) if sum(wanted) else 0.0
    return [least + extra * share for least, extra in zip(need, wanted)]


def _measure(block: TableBlock, size: float, wrap_headers: bool, word_cap: float | None = None,
             header_cap: float = 1e9) -> tuple[list[float], list[float], list[bool]]:
    """Natural and smallest widths per column. A number column is as wide as its widest figure and
    its header (or, with `wrap_headers`, its header's longest word): figures never wrap. A header
    wider than `header_cap` wraps within it, so a long header keeps its column of figures narrow. A text
    column may shrink to its longest word, or to `word_cap` when words longer than that may break."""
    rows = block.shown_rows()
    natural, minimum, numeric = [], [], []
    for index, column in enumerate(block.columns):
        cells = [row[index] for row in rows]
        header_words = column.name.split() or [""]
        widest_word = max(string_width(w, BOLD, size) for w in header_words)
        if column.format is not None:
            header = widest_word if wrap_headers else min(string_width(column.name, BOLD, size), max(widest_word, header_cap))
            widest = max([header] + [string_width(c, REGULAR, size) for c in cells])
            natural.append(widest + 2 * PAD + 1)
            minimum.append(widest + 2 * PAD + 1)
        else:
            widest = max([string_width(column.name, BOLD, size)] + [string_width(c, REGULAR, size) for c in cells])
            words = [w for c in cells for w in c.split()]
            longest = max([widest_word] + [string_width(w, REGULAR, size) for w in words])
            if word_cap is not None:
                longest = max(widest_word, min(longest, word_cap))
            natural.append(widest + 2 * PAD + 1)
            minimum.append(longest + 2 * PAD + 1)
        numeric.append(column.format is not None)
    return natural, minimum, numeric


def _sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    if style.fontSize == size:
        return style
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=round(size * 1.3, 1))


def _table(ctx: Context, block: TableBlock, layout: Layout, tags: TableTags) -> Table:
    styles, palette, size = ctx.styles, ctx.theme.palette, layout.size
    cell, cell_right = _sized(styles.cell, size), _sized(styles.cell_right, size)
    head, head_right = _sized(styles.header_cell, size), _sized(styles.header_cell_right, size)
    right = [column.align == "right" for column in block.columns]
    header = [Paragraph(markup(c.name), head_right if r else head) for c, r in zip(block.columns, right)]
    body = [[_cell(value, width, size, cell_right if r else cell) for value, r, width in zip(row, right, layout.widths)]
            for row in block.shown_rows()]
    table = Table([header, *body], colWidths=layout.widths, repeatRows=1, hAlign="LEFT", splitInRow=SPLIT_IN_ROW,
                  renderCB=tags)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 1), (-1, -1), size), ("LEADING", (0, 1), (-1, -1), cell.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), cell.textColor),
        *[("ALIGN", (c, 1), (c, -1), column.align.upper()) for c, column in enumerate(block.columns)],
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
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
    return table


def _cell(value: str, width: float, size: float, style: ParagraphStyle) -> str | Paragraph:
    """A cell that fits its column on one line is set as plain text (the table's own font, size and
    alignment), which lays out far faster than a paragraph; longer text wraps as a paragraph, and so
    does text with characters set in a fallback font, which a plain cell would draw in one font."""
    if string_width(value, REGULAR, size) <= width - 2 * PAD - 1 and in_own_face(value):
        return value
    return Paragraph(markup(value), style)


class Stack(Flowable):
    """Paragraphs set one under the other as one flowable: a table's title with its subtitle, which
    TitledTable draws where a title goes. Its style is the first paragraph's (the title's space above)."""

    def __init__(self, parts: list[Paragraph]):
        super().__init__()
        self.parts = parts
        self.style = parts[0].style
        self.spaceBefore = self.style.spaceBefore

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.heights = [part.wrap(available_width, available_height)[1] + (part.style.spaceBefore if i else 0)
                        for i, part in enumerate(self.parts)]
        self.width, self.height = available_width, sum(self.heights)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for part, height in zip(self.parts, self.heights):
            y -= height
            part.drawOn(self.canv, 0, y)


class KeptTable(KeptWhole):
    """A short table (KEEP_WHOLE_ROWS rows or fewer) kept whole unless moving on cannot keep it
    whole (blocks.KeptWhole), when it splits where it stands as a long table does (at least
    MIN_ROWS rows on each side)."""

    def __init__(self, titled: TitledTable):
        super().__init__(titled)
        self.titled = titled

    def start_height(self) -> float:
        """The room the table's first part needs on a page when it splits (after a wrap): its title,
        header row and MIN_ROWS rows, or a piece of its first row when it has too few rows to leave
        MIN_ROWS on each side and so splits inside rows."""
        titled = self.titled
        heights = titled.table._rowHeights
        rows = MIN_ROWS if len(heights) - 1 >= 2 * MIN_ROWS else 0
        return titled.title_height + sum(heights[:1 + rows]) + (0.0 if rows else SPLIT_IN_ROW)


class TitledTable(Flowable):
    """A table under its title, with its note and source line (the tail) beneath it. When it breaks
    across pages, each later part carries the title again with '(continued)' above the repeated
    header row, and the tail stays with the last rows; the outline points at the first part."""

    def __init__(self, title: Paragraph, table: Table, continued, bookmark: Bookmark | None, tail: list[Paragraph]):
        super().__init__()
        self.title, self.table, self.continued, self.bookmark, self.tail = title, table, continued, bookmark, tail
        self.spaceBefore = title.style.spaceBefore

    def _heights(self, width: float, height: float) -> tuple[float, list[float]]:
        title = self.title.wrap(width, height)[1] + TITLE_GAP
        return title, [part.wrap(width, height)[1] + part.getSpaceBefore() for part in self.tail]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.title_height, self.tail_heights = self._heights(available_width, available_height)
        table_height = self.table.wrap(available_width, available_height - self.title_height)[1]
        self.width, self.height = available_width, self.title_height + table_height + sum(self.tail_heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        title, tail = self._heights(available_width, available_height)
        room = available_height - title
        parts: list[Flowable] = []
        # a remainder too short to split alone takes a little more; rows that fit without their tail
        # leave the last of them to travel with it
        for spare in (0.0, SPLIT_IN_ROW, sum(tail), sum(tail) + SPLIT_IN_ROW):
            parts = self.table.split(available_width, room - spare)
            if len(parts) >= 2:
                break
        frame = getattr(getattr(self.canv, "_doctemplate", None), "frame", None)
        balanced = self._balanced(parts, available_width)
        if balanced or frame is None or available_height < frame._height - 1:  # on an empty page any split beats none
            parts = balanced
        if len(parts) < 2:
            return []
        for index, part in enumerate(parts):  # a part after the first repeats the header row (see TableTags)
            part.repeats_header = index > 0 or getattr(self.table, "repeats_header", False)
        first = TitledTable(self.title, parts[0], self.continued, self.bookmark, [])
        rest = [TitledTable(self.continued(), part, self.continued, None, []) for part in parts[1:]]
        rest[-1].tail = self.tail
        return [first, *rest]

    def _balanced(self, parts: list[Table], width: float) -> list[Table]:
        """The split moved so each side keeps MIN_ROWS rows or more under its header: a part of
        one or two rows under a repeated header reads as an accident. Too few rows here moves the
        table on (no split); too few left over moves rows from this page to the next."""
        if len(parts) < 2:
            return []
        body = len(self.table._cellvalues) - 1
        first = len(parts[0]._cellvalues) - 1
        if body < 2 * MIN_ROWS:
            return parts  # rows too long for a page (a short table that fits moves on whole as a KeepTogether)
        if first < MIN_ROWS:
            return []
        if body - first >= MIN_ROWS:
            return parts
        keep = body - MIN_ROWS
        if keep < MIN_ROWS:
            return []
        heights = self.table._rowHeights  # measured by the split above, the header row first
        parts = self.table.split(width, sum(heights[:1 + keep]) + 0.01)
        return parts if len(parts) >= 2 and len(parts[0]._cellvalues) - 1 >= MIN_ROWS else []

    def draw(self) -> None:
        if self.bookmark is not None:
            self.bookmark.drawOn(self.canv, 0, self.height)
        self.title.drawOn(self.canv, 0, self.height - self.title_height + TITLE_GAP)
        below = sum(self.tail_heights)
        self.table.drawOn(self.canv, 0, below)
        for part, height in zip(self.tail, self.tail_heights):
            below -= height
            part.drawOn(self.canv, 0, below)
