"""Stat cards: up to four headline figures a slide, each with its label and source.

Four cards a slide at most, so each figure stays large enough to read from the back of the room;
the figures of cards side by side share one size, and a figure is never broken over lines.
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


def slides(document: Document, section: Section, block: StatsBlock, theme: Theme) -> list[SlidePlan]:
    """The cards spread evenly: nine go 3, 3, 3 rather than 4, 4, 1. Untitled, they take the section's
    title. A lead card opens the first slide, twice as wide as the others, and counts as two cards."""
    title = block.title or section.title
    stats = sorted(block.stats, key=lambda stat: not stat.lead)[:1] + [s for s in block.stats if not s.lead]
    stats = stats if any(stat.lead for stat in block.stats) else list(block.stats)
    slots = len(stats) + (1 if stats and stats[0].lead else 0)
    count = -(-slots // SLIDE.cards_per_slide)
    groups, start = [], 0
    for index in range(count):
        take = slots // count + (1 if index < slots % count else 0) - (1 if stats[start].lead else 0)
        groups.append(stats[start:start + take])
        start += take
    return [_stats_slide(document, block, group, continued(title, n, document.words), theme) for n, group in enumerate(groups)]


def describe(document: Document, block: StatsBlock) -> str:
    return f"The block of {len(block.stats)} stat cards"


def _stats_slide(document: Document, block: StatsBlock, stats, title: str, theme: Theme) -> SlidePlan:
    palette, screen = theme.palette, theme.screen
    head = headline(title, theme)
    shapes: list = [head]
    gap, pad = SLIDE.card_gap, SLIDE.card_pad
    spans = [2 if stat.lead else 1 for stat in stats]
    unit = (SLIDE.content_width - gap * (len(stats) - 1)) / sum(spans)
    widths = [unit * span for span in spans]
    lefts = [SLIDE.margin + sum(widths[:c]) + gap * c for c in range(len(stats))]
    top = below(head, 28)
    room = SLIDE.bottom - top
    plain = [s for s in stats if not s.lead] or stats
    value_size = _common_size([s.shown for s in plain], unit - 2 * pad,
                              (screen.stat_value, *STAT_VALUE_STEPS, screen.stat_value_min), 1, bold=True)
    label_size = _common_size([s.label for s in stats], unit - 2 * pad, (screen.stat_label + 4, screen.stat_label, MIN_BODY), 3)
    cards = [_stat_card(document, stat, left + pad, width - 2 * pad, _lead_size(stat, width - 2 * pad, value_size, screen),
                        label_size, room, theme) for stat, left, width in zip(stats, lefts, widths)]
    content = max(sum(box.height for box in boxes) + 26 + 40 for boxes in cards)
    card_h = min(room, max(SLIDE.card_min_height, content))  # a card taller than the room is left for the check to report
    y = top + max(0.0, (room - card_h) / 2 - 24)  # a single row of cards sits a little above the middle
    for (value, label, source), x, card_w in zip(cards, lefts, widths):
        shapes += [Rect(x, y, card_w, card_h, palette.panel), Rect(x, y, card_w, 5, palette.heading)]
        value.y, label.y = y + 22, y + 22 + value.height + 8
        source.y = max(y + card_h - 16 - source.height, label.y + label.height + 4)
        shapes += [value, label, source]
    keys = tuple(dict.fromkeys(stat.source for stat in stats))
    return SlidePlan("stats", shapes, notes=speaker_notes(document, keys, block.notes))


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
