"""Charts: one slide each, the chart filling what its headline, subtitle, note and source leave.

The chart's text is set for a projector: the largest of the theme's deck chart sizes at which its
labels fit. A chart with too many categories for that (at 12 pt or more) shows them in even parts
on '(cont.)' slides, every part on the same scale. The chart itself is laid out once, by the deck
plan (`plan.plan_deck`), for the box placed here.
"""

from __future__ import annotations

from dataclasses import replace

from ....charts import drawn_as, needed_height, value_range
from ....model import ChartBlock, Document, Section
from ....theme import DECK_CHART_MIN_HEIGHT, DECK_CHART_SIZES, DECK_CHART_SMALL, SLIDE, Theme
from ..shapes import ChartBox, SlidePlan
from ..text import MIN_BODY, below, capped_text, continued, headline, source_box, speaker_notes


def slides(document: Document, section: Section, block: ChartBlock, theme: Theme) -> list[SlidePlan]:
    block = drawn_as(block)  # as the PDF draws it: horizontal when its labels would crowd out vertical bars
    if block.deck_categories is not None and block.deck_categories < len(block.categories):
        top = document.words("top_categories", shown=block.deck_categories, total=len(block.categories))
        block = replace(_part(block, range(block.deck_categories)), note=" ".join((top, block.note or "")).strip())
    room = _chart_frame(document, block, theme, continued(block.title, 1, document.words))[1]
    parts = chart_parts(block, theme, room)
    span = value_range(block, None) if len(parts) > 1 else None  # stack totals and reference lines included
    return [_chart_slide(document, block, part, size, span, index, theme) for index, (part, size) in enumerate(parts)]


def describe(document: Document, block: ChartBlock) -> str:
    return f'The chart "{block.title}"'


def _chart_frame(document: Document, block: ChartBlock, theme: Theme, title: str):
    """The headline, subtitle, note and source around a chart, and the height left for it. Each of
    them is capped, so the chart keeps at least DECK_CHART_MIN_HEIGHT, however long they are."""
    palette, screen = theme.palette, theme.screen
    head = headline(title, theme)
    shapes: list = [head]
    top = below(head, 4)
    if block.subtitle:
        cap = SLIDE.chart_subtitle_cap
        subtitle = capped_text(block.subtitle, SLIDE.margin, top, SLIDE.content_width, (screen.subtitle, 18, 16, MIN_BODY), cap,
                               palette.muted, cap, "the chart's subtitle")
        shapes.append(subtitle)
        top = below(subtitle, 10)
    bottom = SLIDE.bottom
    source = source_box(document, block.sources, theme)
    if source:
        shapes.append(source)
        bottom = source.y - 4
    cap = SLIDE.chart_note_cap
    note = capped_text(block.note, SLIDE.margin, 0, SLIDE.content_width, (18, 16, MIN_BODY), cap, palette.ink, cap,
                       "the chart's note") if block.note else None
    room = max(DECK_CHART_MIN_HEIGHT, bottom - top - (note.height + 12 if note else 0))
    return shapes, room, top, note


def _chart_slide(document: Document, block: ChartBlock, part: ChartBlock, size: float, span, index: int,
                 theme: Theme) -> SlidePlan:
    shapes, room, top, note = _chart_frame(document, block, theme, continued(block.title, index, document.words))
    words = document.words
    shapes.append(ChartBox(SLIDE.margin, top, SLIDE.content_width, room, part, size, part.alt_text(words), span,
                           name=f"{words.lead('chart')} {block.title}", whole=block if part is not block else None))
    if note:  # the note reads as the chart's caption, directly beneath it
        note.y = top + room + 12
        shapes.append(note)
    return SlidePlan("chart", shapes, notes=speaker_notes(document, block.sources, block.notes, block.data_from))


def chart_parts(block: ChartBlock, theme: Theme, room: float) -> list[tuple[ChartBlock, float]]:
    """The chart whole at the largest size that fits; else the fewest even parts that fit at 12 pt or more."""
    readable = [size for size in DECK_CHART_SIZES if size >= DECK_CHART_SMALL]
    total = len(block.categories)
    for count in range(1, total + 1):
        per = -(-total // count)
        groups = [range(i, min(i + per, total)) for i in range(0, total, per)]
        parts = [_part(block, group) if count > 1 else block for group in groups]
        for size in readable:
            if all(needed_height(part, deck_chart_theme(theme, size)) <= room for part in parts):
                return [(part, size) for part in parts]
    return [(block, chart_text_size(block, theme, room))]


def _part(block: ChartBlock, group: range) -> ChartBlock:
    series = tuple(replace(s, values=tuple(s.values[i] for i in group)) for s in block.series)
    return replace(block, categories=tuple(block.categories[i] for i in group), series=series)


def chart_text_size(block: ChartBlock, theme: Theme, room: float) -> float:
    """The largest projector size at which the chart's labels fit the height the slide leaves it."""
    for size in DECK_CHART_SIZES:
        if needed_height(block, deck_chart_theme(theme, size)) <= room:
            return size
    return DECK_CHART_SIZES[-1]


def deck_chart_theme(theme: Theme, size: float) -> Theme:
    """The theme a slide's chart is laid out and painted with: the deck's chart style at `size`."""
    return replace(theme, chart=replace(theme.deck_chart, font_size=size, value_size=size))
