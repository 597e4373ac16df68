"""Half-slide layouts of the figure kinds: a chart, a table, stat cards and an image in one column
of a `columns` slide (see halves.py, which holds the text kinds and the shared pieces).

A chart keeps the deck's projector sizes (18 pt down to 12 pt) in its narrower box, and its
category labels turn or its bars go horizontal as they would in a column of the page; a chart
that would need '(cont.)' slides there, a table whose rows do not fit at 14 pt, or more than four
stat cards, do not fit a half (None), and the pair is shown block by block instead.
"""

from __future__ import annotations

import math
from dataclasses import replace

from ...charts import drawn_as
from ...measure import LINE_SPACING, fit_columns, text_width, wrap
from ...model import ChartBlock, Document, ImageBlock, StatsBlock, TableBlock, source_line
from ...theme import DECK_CHART_MIN_HEIGHT, SLIDE, Theme
from .blocks.chart import chart_parts
from .halves import BODY_SIZES, Half, sourced, heading
from .shapes import ChartBox, Picture, Rect, TableBox
from .text import MIN_BODY, below, capped_text, fitted_text

NOTE_SIZES = (16.0, MIN_BODY)
NOTE_CAP = 3 * MIN_BODY * LINE_SPACING  # a note under a chart, table or image in its half
PAD_X, PAD_Y = SLIDE.cell_pad
CARD_VALUE_SIZES = (48.0, 40.0, 32.0, 28.0, 24.0, 20.0, 16.0)
MOST_CARDS = 4  # two rows of two: as many figures as a half holds at a size read from the back


def _note(text: str, half: Half, theme: Theme, origin, what: str):
    return capped_text(text, half.x, 0, half.width, NOTE_SIZES, NOTE_CAP, theme.palette.ink, NOTE_CAP, what, origin)


def print_width(theme: Theme) -> float:
    """The print width a half of the slide stands for: a column of a page as wide as the theme's
    chart (the slide and the page hold about as many ems across), so a chart turns its labels, or
    goes horizontal, in the deck's half as it does in the PDF's column."""
    return (theme.chart.width_in * 72 - theme.columns.gutter) / 2


def chart_half(document: Document, block: ChartBlock, half: Half, theme: Theme) -> list | None:
    """Title, subtitle, the chart at the largest projector size that fits, its note, its source."""
    block = drawn_as(block, print_width(theme))
    note_text = block.note or ""
    if block.deck_categories is not None and block.deck_categories < len(block.categories):
        top_words = document.words("top_categories", shown=block.deck_categories, total=len(block.categories))
        keep = range(block.deck_categories)
        block = replace(block, categories=block.categories[:block.deck_categories],
                        series=tuple(replace(s, values=tuple(s.values[i] for i in keep)) for s in block.series))
        note_text = " ".join((top_words, note_text)).strip()
    shapes, top = heading(block.title, half, theme, block.origin)
    if block.subtitle:
        subtitle = capped_text(block.subtitle, half.x, top - 6, half.width, (18.0, 16.0, MIN_BODY), 40, theme.palette.muted,
                               2 * 18 * LINE_SPACING, "the chart's subtitle", block.origin)
        shapes.append(subtitle)
        top = below(subtitle, 8)
    source, bottom = sourced(document, block.sources, half, theme, block.origin)
    note = _note(note_text, half, theme, block.origin, "the chart's note") if note_text else None
    room = bottom - top - (note.height + 8 if note else 0)
    parts = chart_parts(block, theme, room) if room >= DECK_CHART_MIN_HEIGHT else []
    if len(parts) != 1:
        return None
    words = document.words
    shapes.append(ChartBox(half.x, top, half.width, room, block, parts[0][1], block.alt_text(words),
                           name=f"{words.lead('chart')} {block.title}"))
    if note:
        note.y = top + room + 8
        shapes.append(note)
    return shapes + source


def table_half(document: Document, block: TableBlock, half: Half, theme: Theme) -> list | None:
    """The whole table (or its `deck: {rows: N}`) at the largest size at which it fits the half."""
    shown = block.shown_rows()
    cut = block.deck_rows is not None and block.deck_rows < len(shown)
    rows = [[c.name for c in block.columns], *(shown[:block.deck_rows] if cut else shown)]
    shapes, top = heading(block.title, half, theme, block.origin)
    source, bottom = sourced(document, block.sources, half, theme, block.origin)
    beneath = " ".join((document.words("top_rows", shown=block.deck_rows, total=len(shown)) if cut else "",
                        *block.footnotes, block.note or "")).strip()
    note = _note(beneath, half, theme, block.origin, "the table's note") if beneath else None
    room = bottom - top - (note.height + 8 if note else 0)
    flexible = [c.format is None for c in block.columns]
    for size in BODY_SIZES:
        widths = _widths(rows, flexible, size, half.width)
        if widths is None:
            continue
        heights = [_row_height(row, widths, size, bold=r == 0) for r, row in enumerate(rows)]
        if sum(heights) <= room:
            shapes.append(TableBox(half.x, top, widths, rows, [c.align for c in block.columns], size, heights))
            if note:
                note.y = top + sum(heights) + 8
                shapes.append(note)
            return shapes + source
    return None


def _widths(rows: list[list[str]], flexible: list[bool], size: float, total: float) -> list[float] | None:
    """Column widths that fill the half; None when its longest words do not fit side by side."""
    pad = 2 * PAD_X + 2
    natural = [max(text_width(row[i], size, bold=(r == 0)) for r, row in enumerate(rows)) + pad for i in range(len(flexible))]
    minimum = [max(text_width(word, size, bold=True) for row in rows for word in row[i].split() or [""]) + pad
               for i in range(len(flexible))]
    minimum = [n if not f else m for n, m, f in zip(natural, minimum, flexible)]  # figures never wrap
    if sum(minimum) > total:
        return None
    return fit_columns(natural, minimum, flexible, total)


def _row_height(row: list[str], widths: list[float], size: float, bold: bool) -> float:
    lines = max(len(wrap(cell, w - 2 * PAD_X, size, bold)) for cell, w in zip(row, widths))
    return lines * size * LINE_SPACING + 2 * PAD_Y + 2


def stats_half(document: Document, block: StatsBlock, half: Half, theme: Theme) -> list | None:
    """Up to four cards, two across, their figures at one size on one line, each with its label and
    source; a lead card is one of them here (a half has no room for a card twice as wide)."""
    stats = list(block.stats)
    if len(stats) > MOST_CARDS:
        return None
    shapes, top = heading(block.title, half, theme, block.origin)
    across = 1 if len(stats) == 1 else 2
    rows = math.ceil(len(stats) / across)
    gap, pad = SLIDE.card_gap, 14.0
    card_w = (half.width - gap * (across - 1)) / across
    inner = card_w - 2 * pad
    value = next((s for s in CARD_VALUE_SIZES if all(text_width(stat.shown, s, bold=True) <= inner for stat in stats)), None)
    label = next((s for s in (18.0, 16.0, MIN_BODY) if all(len(wrap(stat.label, inner, s)) <= 3 for stat in stats)), MIN_BODY)
    if value is None:
        return None
    room = (half.bottom - top - gap * (rows - 1)) / rows
    lines = max(len(wrap(stat.label, inner, label)) for stat in stats)
    content = 16 + value * LINE_SPACING + 6 + lines * label * LINE_SPACING + 16 + 2 * theme.screen.caption * LINE_SPACING + 12
    card_h = min(room, max(SLIDE.card_min_height, content))  # as tall as the cards need, not the whole half
    for index, stat in enumerate(stats):
        x = half.x + (index % across) * (card_w + gap)
        y = top + (index // across) * (card_h + gap)
        figure = fitted_text(stat.shown, x + pad, y + 16, inner, (value,), 1e9, theme.palette.heading, bold=True)
        figure.origin = stat.origin
        caption = theme.screen.caption
        source = capped_text(source_line(document, (stat.source,)), x + pad, 0, inner, (caption,), 1e9, theme.palette.muted,
                             2 * caption * LINE_SPACING, "the stat card's source line", stat.origin, italic=True)
        source.y = y + card_h - 12 - source.height
        words = capped_text(stat.label, x + pad, below(figure, 6), inner, (label,), 1e9, theme.palette.ink,
                            source.y - 4 - below(figure, 6), "the stat card's label", stat.origin)
        if words.problem:
            return None
        shapes += [Rect(x, y, card_w, card_h, theme.palette.panel), Rect(x, y, card_w, 5, theme.palette.heading),
                   figure, words, source]
    return shapes


def image_half(document: Document, block: ImageBlock, half: Half, theme: Theme) -> list | None:
    """The picture as large as the half allows without distortion, its note beneath, its source at the foot."""
    shapes, top = heading(block.title, half, theme, block.origin)
    source, bottom = sourced(document, block.sources, half, theme, block.origin)
    note = _note(block.note, half, theme, block.origin, "the image's note") if block.note else None
    room = bottom - top - (note.height + 8 if note else 0)
    if room < DECK_CHART_MIN_HEIGHT:
        return None
    width = min(half.width, room * block.aspect)
    height = width / block.aspect
    shapes.append(Picture(half.x + (half.width - width) / 2, top, width, height, block.image, block.alt, block.title or block.file))
    if note:
        note.y = top + height + 8
        shapes.append(note)
    return shapes + source


FIGURE_HALVES = {ChartBlock: chart_half, TableBlock: table_half, StatsBlock: stats_half, ImageBlock: image_half}
