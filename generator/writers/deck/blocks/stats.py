"""Stat cards: headline figures in a balanced grid, up to two rows of four a slide, each card with
its label and source.

Four cards a row at most, so each figure stays large enough to read from the back of the room. A
slide's cards fall in rows as in print (seven go 4 + 3, five 3 + 2, never a lone card on a row when
that can be avoided), so a slide is not a thin band of figures with most of it empty; a block that
needs more slides spreads its cards evenly over them. Where a second row would leave a label too
little room, the slide holds one row. The figures of one slide share one size, and a figure is
never broken over lines.
"""

from __future__ import annotations

import math

from ....measure import LINE_SPACING, text_width, wrap
from ....model import Document, Section, StatsBlock, source_line
from ....theme import SLIDE, Theme
from ..shapes import Rect, SlidePlan, TextBox
from ..text import MIN_BODY, below, capped_text, continued, fitted_text, headline, speaker_notes

STAT_VALUE_STEPS = (40, 32, 28, 24, 20, 18, 16)  # between the theme's size and minimum: a figure is never broken over lines
CARD_SOURCE_LINES = 3
CARD_ROWS = 2  # rows of cards a slide holds when their labels fit; else one


def slides(document: Document, section: Section, block: StatsBlock, theme: Theme) -> list[SlidePlan]:
    """The cards spread evenly over as few slides as two rows of four allow (nine go 5 and 4, not
    8 and 1), each slide's cards in balanced rows; one row a slide when two would cut a label.
    Untitled, they take the section's title. A lead card opens the first slide, twice as wide as
    the others, and counts as two cards."""
    title = block.title or section.title
    stats = sorted(block.stats, key=lambda stat: not stat.lead)[:1] + [s for s in block.stats if not s.lead]
    stats = stats if any(stat.lead for stat in block.stats) else list(block.stats)
    for rows in range(CARD_ROWS, 0, -1):
        laid = [_stats_slide(document, block, group, continued(title, n, document.words), theme, rows)
                for n, group in enumerate(_groups(stats, rows * SLIDE.cards_per_slide))]
        if rows == 1 or all(fits for _, fits in laid):
            return [plan for plan, _ in laid]
    return []


def _groups(stats: list, per_slide: int) -> list[list]:
    """The cards of each slide: as few slides as `per_slide` slots allow, filled evenly."""
    slots = len(stats) + (1 if stats and stats[0].lead else 0)
    count = -(-slots // per_slide)
    groups, start = [], 0
    for index in range(count):
        take = slots // count + (1 if index < slots % count else 0) - (1 if stats[start].lead else 0)
        groups.append(stats[start:start + take])
        start += take
    return groups


def _rows(stats: list, rows: int) -> list[list]:
    """A slide's cards in rows as in print: as few as four across allows (at most `rows`), filled
    evenly, the fuller first; a lead card takes two slots of the first."""
    slots = len(stats) + (1 if stats and stats[0].lead else 0)
    lines = min(rows, -(-slots // SLIDE.cards_per_slide))
    counts = [slots // lines + (1 if line < slots % lines else 0) for line in range(lines)]
    laid, start = [], 0
    for count in counts:
        row: list = []
        while start < len(stats) and sum(2 if s.lead else 1 for s in row) < count:
            row.append(stats[start])
            start += 1
        laid.append(row)
    return [row for row in laid if row]


def describe(document: Document, block: StatsBlock) -> str:
    return f"The block of {len(block.stats)} stat cards"


def _stats_slide(document: Document, block: StatsBlock, stats, title: str, theme: Theme,
                 rows: int) -> tuple[SlidePlan, bool]:
    """The slide, and whether its cards fit their rows uncut (a slide of one row always counts)."""
    palette, screen = theme.palette, theme.screen
    head = headline(title, theme)
    shapes: list = [head]
    gap, pad = SLIDE.card_gap, SLIDE.card_pad
    grid_rows = _rows(stats, rows)
    across = max(sum(2 if s.lead else 1 for s in row) for row in grid_rows)
    unit = (SLIDE.content_width - gap * (across - 1)) / across
    top = below(head, 28)
    room = SLIDE.bottom - top
    row_room = (room - gap * (len(grid_rows) - 1)) / len(grid_rows)
    plain = [s for s in stats if not s.lead] or stats
    value_size = _common_size([s.shown for s in plain], unit - 2 * pad,
                              (screen.stat_value, *STAT_VALUE_STEPS, screen.stat_value_min), 1, bold=True)
    label_size = _common_size([s.label for s in stats], unit - 2 * pad, (screen.stat_label + 4, screen.stat_label, MIN_BODY), 3)
    placed = [_placed_row(row, unit) for row in grid_rows]
    cards = [[_stat_card(document, stat, left + pad, width - 2 * pad, _lead_size(stat, width - 2 * pad, value_size, screen),
                         label_size, row_room, theme) for stat, left, width in row] for row in placed]
    content = max(sum(box.height for box in boxes) + 26 + 40 for row in cards for boxes in row)
    card_h = min(row_room, max(SLIDE.card_min_height, content))  # a card taller than the room is left for the check to report
    fits = rows == 1 or (content <= row_room and not any(box.problem for row in cards for boxes in row for box in boxes))
    height = card_h * len(grid_rows) + gap * (len(grid_rows) - 1)
    y = top + max(0.0, (room - height) / 2 - 24)  # the grid sits a little above the middle
    for row, laid in zip(cards, placed):
        for (value, label, source), (_, x, card_w) in zip(row, laid):
            shapes += [Rect(x, y, card_w, card_h, palette.panel), Rect(x, y, card_w, 5, palette.heading)]
            value.y, label.y = y + 22, y + 22 + value.height + 8
            source.y = max(y + card_h - 16 - source.height, label.y + label.height + 4)
            shapes += [value, label, source]
        y += card_h + gap
    keys = tuple(dict.fromkeys(stat.source for stat in stats))
    return SlidePlan("stats", shapes, notes=speaker_notes(document, keys, block.notes)), fits


def _placed_row(row: list, unit: float) -> list[tuple]:
    """(card, left, width) of each card of a row, a lead two units wide; a short row is centred."""
    gap = SLIDE.card_gap
    widths = [unit * 2 + gap if stat.lead else unit for stat in row]
    left = SLIDE.margin + (SLIDE.content_width - sum(widths) - gap * (len(row) - 1)) / 2
    placed = []
    for stat, width in zip(row, widths):
        placed.append((stat, left, width))
        left += width + gap
    return placed


def _lead_size(stat, inner: float, size: float, screen) -> float:
    """A lead card's figure: larger than the others' (a third more), as large as its card allows."""
    if not stat.lead:
        return size
    steps = tuple(step for step in (size * 4 / 3, size * 7 / 6) if step > size) + (size,)
    return _common_size([stat.shown], inner, steps, 1, bold=True)


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
