"""Blocks that may need more than one slide: stat cards, tables, bullet lists and callouts.

Each first shrinks its text within the size limits until the whole block fits one slide; what
still does not fit continues on '(cont.)' slides, evenly filled. A table row, bullet or callout
longer than a whole slide is cut at line boundaries, so even a page-long cell is shown in full.
"""

from __future__ import annotations

import math

from ..measure import LINE_SPACING, fit_columns, text_width, wrap
from ..model import BulletItem, BulletsBlock, CalloutBlock, Document, StatsBlock, TableBlock, source_line
from ..theme import Theme
from .deck_layout import (BOTTOM, CONTENT_W, HEIGHT, MARGIN, MIN_BODY, balanced, below, capped_text, content_top,
                          continued, fitted_text, headline, line_pieces, lines_in, source_box, speaker_notes)
from .deck_shapes import Para, Rect, Run, SlidePlan, TableBox, TextBox

CELL_PAD_X, CELL_PAD_Y = 10.0, 4.0
CARDS_PER_SLIDE = 4
BULLET_INDENT = 22.0


# --- stat cards ------------------------------------------------------------------------------


def stats_slides(document: Document, block: StatsBlock, title: str, theme: Theme) -> list[SlidePlan]:
    """Four cards a slide at most, so each figure stays large enough to read from the back of the room."""
    count = -(-len(block.stats) // CARDS_PER_SLIDE)
    per_slide = -(-len(block.stats) // count)  # balanced: nine cards go 3, 3, 3 rather than 4, 4, 1
    groups = [block.stats[i:i + per_slide] for i in range(0, len(block.stats), per_slide)]
    return [_stats_slide(document, block, group, continued(title, n), theme) for n, group in enumerate(groups)]


def _stats_slide(document: Document, block: StatsBlock, stats, title: str, theme: Theme) -> SlidePlan:
    palette, screen = theme.palette, theme.screen
    head = headline(title, theme)
    shapes: list = [head]
    gap = 20.0
    card_w = (CONTENT_W - gap * (len(stats) - 1)) / len(stats)
    top = below(head, 28)
    inner = card_w - 36
    room = BOTTOM - top
    value_size = _common_size([s.shown for s in stats], inner, (screen.stat_value, *STAT_VALUE_STEPS, screen.stat_value_min), 1,
                              bold=True)
    label_size = _common_size([s.label for s in stats], inner, (screen.stat_label + 4, screen.stat_label, MIN_BODY), 3)
    cards = [_stat_card(document, stat, MARGIN + c * (card_w + gap) + 18, inner, value_size, label_size, room, theme)
             for c, stat in enumerate(stats)]
    content = max(sum(box.height for box in boxes) + 26 + 40 for boxes in cards)
    card_h = min(room, max(160.0, content))  # a card taller than the room is left for the check to report
    y = top + max(0.0, (room - card_h) / 2 - 24)  # a single row of cards sits a little above the middle
    for c, (value, label, source) in enumerate(cards):
        x = MARGIN + c * (card_w + gap)
        shapes += [Rect(x, y, card_w, card_h, palette.panel), Rect(x, y, card_w, 5, palette.heading)]
        value.y, label.y = y + 22, y + 22 + value.height + 8
        source.y = max(y + card_h - 16 - source.height, label.y + label.height + 4)
        shapes += [value, label, source]
    keys = tuple(dict.fromkeys(stat.source for stat in stats))
    return SlidePlan("stats", shapes, notes=speaker_notes(document, keys, block.notes))


STAT_VALUE_STEPS = (40, 32, 28, 24, 20, 18, 16)  # between the theme's size and minimum: a figure is never broken over lines
CARD_SOURCE_LINES = 3


def _common_size(texts: list[str], width: float, sizes: tuple[float, ...], max_lines: int, bold: bool = False) -> float:
    """The largest size at which every text fits `max_lines` lines: cards side by side match."""
    for size in sizes:
        if all(len(wrap(text, width, size, bold)) <= max_lines for text in texts):
            return size
    return sizes[-1]


def _stat_card(document: Document, stat, x: float, inner: float, value_size: float, label_size: float, room: float,
               theme: Theme) -> list[TextBox]:
    """The figure on one line, the label beneath it and the source at the foot; the label and
    source are capped to what the card's room leaves them, so an overlong one is cut and reported."""
    palette, caption = theme.palette, theme.screen.caption
    value = _stat_value(stat, x, inner, value_size, theme)
    source = capped_text(source_line(document, (stat.source,)), x, 0, inner, (caption,), 1e9, palette.muted,
                         CARD_SOURCE_LINES * caption * LINE_SPACING, "the stat card's source line", stat.origin, italic=True)
    label = capped_text(stat.label, x, 0, inner, (label_size,), 1e9, palette.ink, room - 66 - value.height - source.height,
                        "the stat card's label", stat.origin)
    return [value, label, source]


def _stat_value(stat, x: float, inner: float, size: float, theme: Theme) -> TextBox:
    """The figure, on one line at the cards' common size. One too wide for its card even at the
    theme's minimum is set smaller still, to stay whole and inside the card, and reported."""
    box = fitted_text(stat.shown, x, 0, inner, (size,), 1e9, theme.palette.heading, bold=True)
    box.origin = stat.origin
    width = text_width(stat.shown, size, bold=True)
    if width > inner:
        smaller = max(1.0, math.floor(size * inner / width * 2) / 2)
        box = fitted_text(stat.shown, x, 0, inner, (smaller,), 1e9, theme.palette.heading, bold=True)
        box.origin = stat.origin
        box.problem = (f"the figure {stat.shown} does not fit its card on one line even at {size:g} pt "
                       f"(it needs {width:.0f} pt, the card has {inner:.0f} pt); it is set at {smaller:g} pt")
    return box


# --- tables ----------------------------------------------------------------------------------

TABLE_NOTE_CAP = 120.0  # the most height a table's note takes below it (seven lines at 14 pt)


def table_slides(document: Document, block: TableBlock, theme: Theme) -> list[SlidePlan]:
    """The largest type at which the whole table fits one slide; else it continues on '(cont.)'
    slides with the header repeated. One size and one set of widths for every slide."""
    rows = [[c.name for c in block.columns], *block.shown_rows()]
    aligns = [c.align for c in block.columns]
    flexible = [c.format is None for c in block.columns]
    first_top = below(headline(block.title, theme), 16)
    later_top = content_top(block.title, theme, 16)
    source = source_box(document, block.sources, theme)
    bottom = (source.y - 6) if source else BOTTOM
    note = capped_text(block.note, MARGIN, 0, CONTENT_W, (18, 16, MIN_BODY), 70, theme.palette.ink, TABLE_NOTE_CAP,
                       "the table's note") if block.note else None
    note_room = note.height + 10 if note else 0.0

    def room(n: int) -> float:
        return bottom - (first_top if n == 0 else later_top)

    def layout(size: float):
        widths = _column_widths(rows, flexible, size)
        header = _row_height(rows[0], widths, size, bold=True)
        tallest = bottom - later_top - header - note_room
        body = [piece for row in rows[1:] for piece in _row_pieces(row, widths, size, tallest)]
        heights = [_row_height(row, widths, size, bold=False) for row in body]
        return widths, header, body, heights, balanced(heights, lambda n: room(n) - header, note_room)

    size, (widths, header, body, body_heights, counts) = _largest_on_fewest_slides(
        (theme.screen.table, 18, 16, MIN_BODY), layout, lambda laid: len(laid[4]))
    slides: list[SlidePlan] = []
    start = 0
    for index, count in enumerate(counts):
        title = headline(continued(block.title, index), theme)
        top = below(title, 16)
        chunk = range(start, start + count)
        table = TableBox(MARGIN, top, widths, [rows[0], *(body[i] for i in chunk)], aligns, size,
                         [header, *(body_heights[i] for i in chunk)])
        shapes: list = [title, table] + ([source] if source else [])
        start += count
        if note and index == len(counts) - 1:
            note.y = top + sum(table.row_heights) + 10
            shapes.append(note)
        slides.append(SlidePlan("table", shapes, notes=speaker_notes(document, block.sources, block.notes)))
    return slides


def _largest_on_fewest_slides(sizes: tuple[float, ...], layout, slides_of):
    """Shrink within the limits until the block fits one slide; when even the smallest size needs
    more, the largest size that needs no more slides than the smallest, so no room is wasted."""
    laid = {}
    for size in sizes:
        laid[size] = layout(size)
        if slides_of(laid[size]) <= 1:
            return size, laid[size]
    fewest = slides_of(laid[sizes[-1]])
    size = next(size for size in sizes if slides_of(laid[size]) <= max(1, fewest))
    return size, laid[size]


def _column_widths(rows: list[list[str]], flexible: list[bool], size: float) -> list[float]:
    pad = 2 * CELL_PAD_X + 2
    natural = [max(text_width(row[i], size, bold=(r == 0)) for r, row in enumerate(rows)) + pad for i in range(len(flexible))]
    minimum = [max(text_width(word, size, bold=True) for row in rows for word in row[i].split() or [""]) + pad
               for i in range(len(flexible))]
    width = min(CONTENT_W, max(sum(natural) * 1.25, CONTENT_W * 0.6))  # a few columns need not span the slide
    return fit_columns(natural, minimum, flexible, width)


def _row_height(row: list[str], widths: list[float], size: float, bold: bool) -> float:
    lines = max(len(wrap(cell, w - 2 * CELL_PAD_X, size, bold)) for cell, w in zip(row, widths))
    return lines * size * LINE_SPACING + 2 * CELL_PAD_Y + 2


def _row_pieces(row: list[str], widths: list[float], size: float, room: float) -> list[list[str]]:
    """A row taller than a slide's room, cut into rows of whole lines; each cell continues in the next."""
    if _row_height(row, widths, size, bold=False) <= room:
        return [row]
    per_piece = lines_in(room - 2 * CELL_PAD_Y - 2, size)
    cells = [line_pieces(cell, w - 2 * CELL_PAD_X, size, per_piece) for cell, w in zip(row, widths)]
    count = max(map(len, cells))
    return [[pieces[k] if k < len(pieces) else "" for pieces in cells] for k in range(count)]


# --- bullets ---------------------------------------------------------------------------------


def bullet_slides(document: Document, block: BulletsBlock, theme: Theme) -> list[SlidePlan]:
    """One size for the whole list, chosen as for tables, continued on evenly filled '(cont.)'
    slides. A bullet longer than a slide continues, unmarked, on the next."""
    palette = theme.palette
    source = source_box(document, block.sources, theme)
    bottom = (source.y - 8) if source else BOTTOM
    first_top = below(headline(block.title, theme), 18)
    intro = None
    if block.intro:
        cap = bottom - first_top - 10 - _bullet_height("•", MIN_BODY, None)  # room for one bullet beneath it
        intro = capped_text(block.intro, MARGIN, first_top, CONTENT_W, (theme.screen.body, 18, 16, MIN_BODY), 100,
                            palette.ink, cap, "the bullet list's intro")
        first_top = below(intro, 10)
    later_top = content_top(block.title, theme, 18)

    def layout(size: float):
        tallest = bottom - max(first_top, later_top) - size * 0.6
        pieces = [piece for item in block.items for piece in _bullet_pieces(item, size, tallest)]
        heights = [_bullet_height(text, size, lead if first else None) for text, lead, first in pieces]
        return pieces, heights, balanced(heights, lambda n: bottom - (first_top if n == 0 else later_top))

    size, (pieces, heights, counts) = _largest_on_fewest_slides((theme.screen.body, 18, 16, MIN_BODY), layout,
                                                                 lambda laid: len(laid[2]))
    spacing = size * 0.6
    slides: list[SlidePlan] = []
    start = 0
    for index, count in enumerate(counts):
        head = headline(continued(block.title, index), theme)
        top = below(head, 18)
        shapes: list = [head] + ([source] if source else [])
        if intro and index == 0:
            shapes.append(intro)
            top = first_top
        paragraphs = [_bullet_para(text, lead, first, size, spacing, palette.ink) for text, lead, first in pieces[start:start + count]]
        shapes.append(TextBox(MARGIN, top, CONTENT_W, sum(heights[start:start + count]), paragraphs))
        start += count
        slides.append(SlidePlan("bullets", shapes, notes=speaker_notes(document, block.sources, block.notes)))
    return slides


def _bullet_width(lead: str | None, size: float) -> float:
    """The line width to wrap at: narrower by what the bold lead adds, so measuring never underestimates."""
    extra = text_width(lead, size, bold=True) - text_width(lead, size) if lead else 0.0
    return CONTENT_W - BULLET_INDENT - extra


def _bullet_height(text: str, size: float, lead: str | None) -> float:
    return len(wrap(text, _bullet_width(lead, size), size)) * size * LINE_SPACING + size * 0.6


def _bullet_pieces(item: BulletItem, size: float, room: float) -> list[tuple[str, str | None, bool]]:
    """(text, lead, is the bullet's first piece) for a bullet, cut at line boundaries when it is taller than `room`."""
    texts = line_pieces(item.full_text, _bullet_width(item.lead, size), size, lines_in(room, size))
    lead = item.lead if item.lead and texts[0].startswith(f"{item.lead} — ") else None
    return [(text, lead, n == 0) for n, text in enumerate(texts)]


def _bullet_para(text: str, lead: str | None, first: bool, size: float, spacing: float, colour: str) -> Para:
    runs = [Run(lead, bold=True), Run(" — "), Run(text.removeprefix(f"{lead} — "))] if lead and first else [Run(text)]
    return Para(runs, size, colour, bullet=first, space_after=spacing, indent=BULLET_INDENT)


# --- callouts --------------------------------------------------------------------------------

CALLOUT_SIZES = (36, 32, 28, 24)


def callout_slides(document: Document, block: CalloutBlock, title: str, theme: Theme) -> list[SlidePlan]:
    """The statement, large and centred; one longer than a slide at 24 pt continues over '(cont.)' slides."""
    palette = theme.palette
    source = source_box(document, block.sources, theme)
    bottom = (source.y - 10) if source else BOTTOM
    top = content_top(title, theme, 12)
    width = CONTENT_W - 80
    text = fitted_text(block.text, MARGIN + 40, 0, width, CALLOUT_SIZES, bottom - top, palette.heading, bold=True)
    size = text.paragraphs[0].size
    pieces = line_pieces(block.text, width, size, lines_in(bottom - top, size), bold=True)
    slides = []
    for index, piece in enumerate(pieces):
        head = headline(continued(title, index), theme)
        box = fitted_text(piece, MARGIN + 40, 0, width, (size,), bottom - top, palette.heading, bold=True)
        box.y = max(below(head, 12), min((HEIGHT - box.height) / 2, bottom - box.height))
        bar = Rect(MARGIN + 16, box.y, 6, box.height, palette.accent)
        slides.append(SlidePlan("callout", [head, bar, box] + ([source] if source else []),
                                notes=speaker_notes(document, block.sources, block.notes)))
    return slides
