"""Tables: native slide tables at the largest type that fits, continued with the header repeated.

One size and one set of column widths for every slide of a table, so its columns line up from
slide to slide. A row taller than a whole slide is cut at line boundaries, each cell continuing in
the next row, so even a page-long cell is shown in full.
"""

from __future__ import annotations

from dataclasses import replace

from ....measure import LINE_SPACING, fit_columns, text_width, wrap
from ....model import Document, Section, TableBlock
from ....theme import SLIDE, Theme
from ..pagination import balanced, largest_on_fewest_slides, line_pieces
from ..shapes import SlidePlan, TableBox
from ..text import MIN_BODY, below, capped_text, content_top, continued, headline, lines_in, source_box, speaker_notes

PAD_X, PAD_Y = SLIDE.cell_pad
# A number column's header wraps rather than widen its column past a share of the slide: the
# least of these that needs no more slides than the others (a taller header row costs rows).
HEADER_SHARES = (0.2, 0.3, 0.4, 0.6, 1.0)


def slides(document: Document, section: Section, block: TableBlock, theme: Theme) -> list[SlidePlan]:
    """The largest type at which the whole table fits one slide; else it continues on '(cont.)'
    slides with the header repeated."""
    shown = block.shown_rows()
    top_rows = block.deck_rows is not None and block.deck_rows < len(shown)
    rows = [[c.name for c in block.columns], *(shown[:block.deck_rows] if top_rows else shown)]
    flexible = [c.format is None for c in block.columns]
    subtitle = _subtitle(block, theme)
    first_top = below(subtitle, 12) if subtitle else below(headline(block.title, theme), 16)
    later_top = content_top(block.title, theme, 16, document.words)
    source = source_box(document, block.sources, theme)
    bottom = (source.y - 6) if source else SLIDE.bottom
    top = document.words("top_rows", shown=block.deck_rows, total=len(shown)) if top_rows else ""
    beneath = " ".join((top, *block.footnotes, block.note or "")).strip()  # the footnotes, then the note
    note = capped_text(beneath, SLIDE.margin, 0, SLIDE.content_width, (18, 16, MIN_BODY), 70, theme.palette.ink,
                       SLIDE.table_note_cap, "the table's note") if beneath else None
    note_room = note.height + 10 if note else 0.0

    def room(n: int) -> float:
        return bottom - (first_top if n == 0 else later_top)

    def laid_out(widths: list[float], size: float):
        header = _row_height(rows[0], widths, size, bold=True)
        tallest = bottom - later_top - header - note_room
        body = [piece for row in rows[1:] for piece in _row_pieces(row, widths, size, tallest)]
        heights = [_row_height(row, widths, size, bold=False) for row in body]
        return widths, header, body, heights, balanced(heights, lambda n: room(n) - header, note_room)

    def layout(size: float):
        """The narrowest number columns (headers wrapped) that need no more slides than wider ones."""
        best, tried, sizes = None, [], _column_sizes(rows, flexible, size)
        for share in HEADER_SHARES:
            widths = _column_widths(sizes, flexible, share)
            if widths in tried:
                continue
            tried.append(widths)
            laid = laid_out(widths, size)
            if best is None or len(laid[4]) < len(best[4]):
                best = laid
            if len(best[4]) <= 1:
                break
        return best

    size, laid = largest_on_fewest_slides((theme.screen.table, 18, 16, MIN_BODY), layout, lambda laid: len(laid[4]))
    return _table_slides(document, block, theme, rows[0], size, laid, source, note, subtitle)


def _subtitle(block: TableBlock, theme: Theme):
    """The table's subtitle under the first slide's headline, capped as a chart's is."""
    if not block.subtitle:
        return None
    cap = SLIDE.chart_subtitle_cap
    top = below(headline(block.title, theme), 4)
    return capped_text(block.subtitle, SLIDE.margin, top, SLIDE.content_width, (theme.screen.subtitle, 18, 16, MIN_BODY), cap,
                       theme.palette.muted, cap, "the table's subtitle")


def _table_slides(document: Document, block: TableBlock, theme: Theme, names: list[str], size: float, laid,
                  source, note, subtitle=None) -> list[SlidePlan]:
    """The laid-out rows dealt onto their slides, the note beneath the last one."""
    widths, header, body, body_heights, counts = laid
    aligns = [c.align for c in block.columns]
    planned: list[SlidePlan] = []
    start = 0
    for index, count in enumerate(counts):
        title = headline(continued(block.title, index, document.words), theme)
        top = below(subtitle, 12) if subtitle and index == 0 else below(title, 16)
        chunk = range(start, start + count)
        table = TableBox(SLIDE.margin, top, widths, [names, *(body[i] for i in chunk)], aligns, size,
                         [header, *(body_heights[i] for i in chunk)])
        shapes: list = [title, *([subtitle] if subtitle and index == 0 else []), table] + ([source] if source else [])
        start += count
        if index == len(counts) - 1:  # the note and source line just beneath the last rows
            below_table = top + sum(table.row_heights) + 10
            if note:
                note.y = below_table
                shapes.append(note)
                below_table += note.height + 6
            if source:
                shapes[shapes.index(source)] = replace(source, y=min(source.y, below_table))
        planned.append(SlidePlan("table", shapes, notes=speaker_notes(document, block.sources, block.notes, block.data_from)))
    return planned


def describe(document: Document, block: TableBlock) -> str:
    """'Table 2 "Regional totals"': numbered as the document's tables are."""
    tables = [b for b in document.blocks() if isinstance(b, TableBlock)]
    return f'Table {tables.index(block) + 1} "{block.title}"'


def _column_sizes(rows: list[list[str]], flexible: list[bool], size: float) -> list[tuple[float, float, float, float]]:
    """Per column, measured once for all the header shares tried at `size`: the header's width, its
    longest word's, the widest cell's, and (for a text column) the longest word of its cells."""
    sizes = []
    for i, text_column in enumerate(flexible):
        header = rows[0][i]
        longest_word = max(text_width(word, size, bold=True) for word in header.split() or [""])
        cells = max((text_width(row[i], size) for row in rows[1:]), default=0.0)
        words = max((text_width(word, size) for row in rows[1:] for word in row[i].split()), default=0.0) if text_column else 0.0
        sizes.append((text_width(header, size, bold=True), longest_word, cells, words))
    return sizes


def _column_widths(sizes: list[tuple[float, float, float, float]], flexible: list[bool], share: float) -> list[float]:
    """Widths that follow content and span the slide. A number column is as wide as its widest
    figure, and its header wraps (never inside a word) rather than widen it past `share` of the
    slide, as in print: a long header over short figures would take the room of the text."""
    pad = 2 * PAD_X + 2
    natural, minimum = [], []
    for (header, longest_word, cells, words), text_column in zip(sizes, flexible):
        if text_column:
            natural.append(max(header, cells) + pad)
            minimum.append(max(longest_word, words) + pad)
        else:
            cap = max(longest_word, SLIDE.content_width * share - pad)
            natural.append(max(min(header, cap), cells) + pad)
            minimum.append(natural[-1])
    return fit_columns(natural, minimum, flexible, SLIDE.content_width)  # a table spans the slide, as on a page


def _row_height(row: list[str], widths: list[float], size: float, bold: bool) -> float:
    lines = max(len(wrap(cell, w - 2 * PAD_X, size, bold)) for cell, w in zip(row, widths))
    return lines * size * LINE_SPACING + 2 * PAD_Y + 2


def _row_pieces(row: list[str], widths: list[float], size: float, room: float) -> list[list[str]]:
    """A row taller than a slide's room, cut into rows of whole lines; each cell continues in the next."""
    if _row_height(row, widths, size, bold=False) <= room:
        return [row]
    per_piece = lines_in(room - 2 * PAD_Y - 2, size)
    cells = [line_pieces(cell, w - 2 * PAD_X, size, per_piece) for cell, w in zip(row, widths)]
    count = max(map(len, cells))
    return [[pieces[k] if k < len(pieces) else "" for pieces in cells] for k in range(count)]
