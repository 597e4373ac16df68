"""Stat cards in the printed briefing: a balanced grid of headline figures, one of them the lead.

The grid has as few rows as four across allows, and the cards are spread evenly over them (nine
go 3 + 3 + 3, seven 4 + 3, five 3 + 2), so no row holds a lone card when that can be avoided. A
card marked `lead` opens the grid on a row of its own, as wide as the grid, with a larger figure,
as a headline page leads with one number. A block's title prints above its cards, so a second group does not read as more
of the first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ...errors import Diagnostic
from ...model import StatsBlock, source_line
from .blocks import Context, Gap, citation_marks, text
from .tagging import Paragraph, Tag
from .styles import BOLD, markup, string_width

CARD_GAP, CARD_PAD, CARD_PAD_RIGHT, CARD_TOP, CARD_BOTTOM = 8.0, 10.0, 8.0, 9.0, 9.0
MOST_ACROSS = 4
LEAD_SCALE = 1.4  # the lead card's figure is set this much larger than the others


def grid(slots: int) -> tuple[int, list[int]]:
    """How many slots across, and how many each row holds: as few rows as four across allows,
    filled evenly, the fuller rows first. One or two cards sit two across, at half the width."""
    rows = max(1, -(-slots // MOST_ACROSS))
    counts = [slots // rows + (1 if row < slots % rows else 0) for row in range(rows)]
    return max(2, counts[0]), counts


def stats_flowables(ctx: Context, block: StatsBlock) -> list[Flowable]:
    """The block's title, the lead card on a row of its own across the grid's width, then rows of
    cards of one height (the tallest card's). The figures of a row share one size, the largest at
    which the widest fits its card on one line, so one long figure shrinks its own row, never the
    headline figures of the others."""
    lead = next((stat for stat in block.stats if stat.lead), None)
    rest = [stat for stat in block.stats if stat is not lead]
    across, counts = grid(len(rest)) if rest else (2, [])
    card_width = (ctx.width - CARD_GAP * (across - 1)) / across
    rows, start = [], 0
    for slots in counts:
        rows.append(_laid_row(ctx, rest[start:start + slots], [1] * slots, card_width))
        start += slots
    flowables: list[Flowable] = []
    group = Tag("Div", key=block)  # the block's cards, each a Div of its three lines, read as one group
    if block.title:
        title = Paragraph(text(block.title), ctx.styles.block_title)
        title.keepWithNext = True
        flowables.append(title)
    if lead is not None:
        cards, spans = _laid_row(ctx, [lead], [across], card_width)
        flowables += [CardRow(ctx, cards, spans, card_width, cards[0].measure(_inner(card_width, across)), across, group),
                      Gap(CARD_GAP)]
    if rows:
        height = max(card.measure(_inner(card_width, 1)) for cards, _ in rows for card in cards)
        for cards, spans in rows:
            flowables += [CardRow(ctx, cards, spans, card_width, height, across, group), Gap(CARD_GAP)]
    return flowables


def _inner(card_width: float, span: int) -> float:
    return card_width * span + CARD_GAP * (span - 1) - CARD_PAD - CARD_PAD_RIGHT


def _laid_row(ctx: Context, stats, spans: list[int], card_width: float) -> tuple[list, list[int]]:
    """A row's cards: the lead's figure sized on its own, larger; the others' sized together."""
    plain = [stat for stat, span in zip(stats, spans) if span == 1]
    style = _value_style(ctx, plain, _inner(card_width, 1)) if plain else None
    cards = []
    for stat, span in zip(stats, spans):
        value_style = style if span == 1 else _value_style(ctx, [stat], _inner(card_width, span), LEAD_SCALE)
        cards.append(_card(ctx, stat, value_style))
    return cards, spans


def _value_style(ctx: Context, stats, room: float, scale: float = 1.0) -> ParagraphStyle:
    """One size for every figure of a row of cards: the largest at which the widest fits its card on one
    line, never below the theme's minimum. A figure is never broken inside its number. One too wide
    for its card even at the minimum is reported, and printed as the draft's best: its words (prefix,
    number, suffix) on lines of their own, smaller still if the number needs it, never below print's least."""
    base, least = ctx.styles.stat_value, ctx.theme.print.stat_value_min
    largest = base.fontSize * scale
    widest = max(string_width(stat.shown, BOLD, 1) for stat in stats)
    size = max(least, min(largest, room / widest if widest else largest))
    wide = [stat for stat in stats if string_width(stat.shown, BOLD, size) > room + 0.01]
    if not wide:
        return ParagraphStyle("stat_value_fitted", parent=base, fontSize=size, leading=size * 1.1, splitLongWords=0)
    token = max(string_width(word, BOLD, 1) for stat in wide for word in stat.shown.split())
    size = max(ctx.theme.print.least, min(size, room / token))
    for stat in wide:
        ctx.findings.append(Diagnostic.at(
            stat.origin, f"the figure {stat.shown} is too wide for its stat card even at {least:g} pt; "
            f"it is printed over several lines at {math.floor(size * 10) / 10:g} pt",
            hint="use a compact format (1.2T rather than 1,200,000,000,000), or fewer cards in the block"))
    return ParagraphStyle("stat_value_wrapped", parent=base, fontSize=size, leading=size * 1.1, splitLongWords=0)


@dataclass
class _Card:
    """A stat card's three texts: the value large, its label, and its source line pinned to the foot."""

    value: Paragraph
    label: Paragraph
    source: Paragraph

    def measure(self, width: float) -> float:
        self.heights = [p.wrap(width, 1e6)[1] for p in (self.value, self.label, self.source)]
        return CARD_TOP + sum(self.heights) + 3 + 6 + CARD_BOTTOM  # 3: value to label; 6: label to source


def _card(ctx: Context, stat, value_style: ParagraphStyle) -> _Card:
    source = text(source_line(ctx.document, (stat.source,))) + citation_marks(ctx, (stat.source,))
    shown = text(stat.shown) if value_style.name == "stat_value_wrapped" else markup(stat.shown, nbsp=True)
    return _Card(Paragraph(shown, value_style), Paragraph(text(stat.label), ctx.styles.stat_label),
                 Paragraph(source, ctx.styles.stat_source))


class CardRow(Flowable):
    """One row of the card grid, drawn directly so that every card is exactly the block's card
    height; a short row is centred, and a card spanning two slots (the lead) is as wide as two."""

    def __init__(self, ctx: Context, cards: list[_Card], spans: list[int], card_width: float, height: float, across: int,
                 group: Tag):
        super().__init__()
        self.ctx, self.cards, self.spans, self.card_width, self.across = ctx, cards, spans, card_width, across
        self.height, self.group = height, group

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        canvas, palette = self.canv, self.ctx.theme.palette
        x = (self.across - sum(self.spans)) * (self.card_width + CARD_GAP) / 2  # centre a short row
        for card, span in zip(self.cards, self.spans):
            width = self.card_width * span + CARD_GAP * (span - 1)
            canvas.saveState()
            canvas.setFillColor(HexColor(palette.panel))
            canvas.rect(x, 0, width, self.height, stroke=0, fill=1)
            canvas.setStrokeColor(HexColor(palette.heading))
            canvas.setLineWidth(2)
            canvas.line(x, self.height - 1, x + width, self.height - 1)
            canvas.restoreState()
            card.measure(_inner(self.card_width, span))
            value_h, label_h, source_h = card.heights
            top = self.height - CARD_TOP
            one = Tag("Div", key=card, parent=self.group)  # heard in turn: "485K", "AI-CSAM Reports", "Source: NCMEC"
            for paragraph, y in ((card.value, top - value_h), (card.label, top - value_h - 3 - label_h),
                                 (card.source, CARD_BOTTOM)):
                paragraph.tag = Tag("P", parent=one)
                paragraph.drawOn(canvas, x + CARD_PAD, y)
            x += width + CARD_GAP
