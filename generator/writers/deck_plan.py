"""Document model -> a plan of slides: every box placed, every text measured, in points.

The plan is plain data and imports no python-pptx, so the hard decisions (what goes on which
slide, what size text fits its box, where a table continues) can be tested without a deck.
Text is measured with the metrics of the font the deck names (see measure.py): a size is
chosen only when the wrapped text fits its box, and what still does not fit continues on a
'(cont.)' slide rather than running off the slide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts import RenderedChart
from ..measure import LINE_SPACING, fit_columns, text_width, wrap
from ..model import (
    BulletsBlock,
    CalloutBlock,
    ChartBlock,
    Document,
    Source,
    StatsBlock,
    TableBlock,
    attribution,
    cites_line,
    source_line,
)
from ..theme import Theme
from .deck_shapes import Para, Picture, Rect, Run, SlidePlan, TableBox, TextBox

WIDTH, HEIGHT = 960.0, 540.0  # 13.333 x 7.5 in
MARGIN = 40.0
CONTENT_W = WIDTH - 2 * MARGIN
FOOTER_Y = 508.0
BOTTOM = 496.0  # lowest edge of slide content, above the footer
CELL_PAD_X, CELL_PAD_Y = 10.0, 4.0
CARDS_PER_SLIDE = 4


@dataclass
class DeckPlan:
    slides: list[SlidePlan] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)


def plan_deck(document: Document, charts: dict[ChartBlock, RenderedChart], theme: Theme) -> DeckPlan:
    deck = DeckPlan()
    deck.slides.append(_title_slide(document, theme))
    for section in document.sections:
        for block in section.blocks:
            first = len(deck.slides)
            if isinstance(block, StatsBlock):
                deck.slides += _stats_slides(document, block, block.title or section.title, theme, deck.splits)
            elif isinstance(block, ChartBlock):
                deck.slides.append(_chart_slide(document, block, charts[block], theme))
            elif isinstance(block, TableBlock):
                deck.slides += _table_slides(document, block, theme, deck.splits)
            elif isinstance(block, BulletsBlock):
                deck.slides += _bullet_slides(document, block, theme, deck.splits)
            elif isinstance(block, CalloutBlock):
                deck.slides.append(_callout_slide(document, block, section.title, theme))
            for slide in deck.slides[first:]:
                slide.origin = block.origin
    deck.slides.append(_sources_slide(document, theme))
    for number, slide in enumerate(deck.slides, 1):
        slide.shapes += _footer(document, theme, slide.dark, number, len(deck.slides))
    return deck


def _footer(document: Document, theme: Theme, dark: bool, number: int, total: int) -> list[TextBox]:
    """Slide number on every slide, and the handling marking when the content sets one."""
    colour = theme.palette.on_band if dark else theme.palette.muted
    size = theme.screen.footer
    boxes = [TextBox(WIDTH - MARGIN - 120, FOOTER_Y, 120, size * LINE_SPACING, [Para([Run(f"{number} / {total}")], size, colour)])]
    boxes[0].paragraphs[0].align = "right"
    marking = document.meta.marking
    if marking:
        boxes.append(TextBox(MARGIN, FOOTER_Y, 300, size * LINE_SPACING, [Para([Run(marking, bold=True)], size, theme.palette.on_band if dark else theme.palette.accent)]))
    return boxes


# --- measured text boxes -----------------------------------------------------------------


def fitted_text(text: str, x: float, y: float, width: float, sizes: tuple[float, ...], max_height: float,
                colour: str, bold: bool = False, italic: bool = False) -> TextBox:
    """The largest of `sizes` at which the wrapped text fits `max_height`; the smallest otherwise."""
    for size in sizes:
        lines = wrap(text, width, size, bold)
        height = len(lines) * size * LINE_SPACING
        if height <= max_height:
            break
    return TextBox(x, y, width, height, [Para([Run(text, bold, italic)], size, colour)])


def headline(text: str, theme: Theme) -> TextBox:
    return fitted_text(text, MARGIN, 26, CONTENT_W, (theme.screen.headline, 26, 24), 2 * 28 * LINE_SPACING,
                       theme.palette.heading, bold=True)


def _below(box: TextBox, gap: float = 6.0) -> float:
    return box.y + box.height + gap


def _source_box(document: Document, keys: tuple[str, ...], theme: Theme) -> TextBox | None:
    line, _ = attribution(document, keys)
    if not line:
        return None
    box = fitted_text(line, MARGIN, 0, CONTENT_W, (theme.screen.caption,), 80, theme.palette.muted, italic=True)
    box.y = BOTTOM - box.height
    return box


def _continued(title: str, slide_index: int) -> str:
    """The headline of a block's n-th slide: its title, then '(cont.)' on every slide after the first."""
    return title if slide_index == 0 else f"{title} (cont.)"


def _record_split(splits: list[str], block, what: str, slides: int) -> None:
    if slides > 1:
        splits.append(f"{block.origin.path or what}: {what} continued over {slides} slides")


def _notes(document: Document, keys: tuple[str, ...], own: str | None) -> str:
    """Speaker notes: the block's own notes, then each source in full."""
    parts = [own] if own else []
    _, keys = attribution(document, keys)
    if keys:
        parts.append("Sources:\n" + "\n".join(_full_citation(document, document.source(k)) for k in keys))
    return "\n\n".join(parts)


def _full_citation(document: Document, source: Source) -> str:
    entry = f"[{document.source_number(source.key)}] {source.citation()}"
    return f"{entry}. {source.url}" if source.url else entry


# --- slides ------------------------------------------------------------------------------


def _title_slide(document: Document, theme: Theme) -> SlidePlan:
    meta, palette, screen = document.meta, theme.palette, theme.screen
    title = fitted_text(meta.title, 64, 150, WIDTH - 128, (screen.title, 36, 32), 160, palette.on_band, bold=True)
    shapes: list = [Rect(0, 0, WIDTH, HEIGHT, palette.band), Rect(64, 132, 72, 4, palette.series[2]), title]
    y = _below(title, 14)
    if meta.subtitle:
        subtitle = fitted_text(meta.subtitle, 64, y, WIDTH - 160, (screen.subtitle, 18), 120, palette.on_band)
        shapes.append(subtitle)
        y = _below(subtitle, 18)
    details = "  ·  ".join(p for p in (meta.byline, meta.date) if p)
    if details:
        shapes.append(fitted_text(details, 64, y, WIDTH - 128, (16,), 60, palette.on_band))
    return SlidePlan("title", shapes, notes=meta.subtitle or "", dark=True)


def _stats_slides(document: Document, block: StatsBlock, title: str, theme: Theme, splits: list[str]) -> list[SlidePlan]:
    """Four cards a slide at most, so each figure stays large enough to read from the back of the room."""
    count = -(-len(block.stats) // CARDS_PER_SLIDE)
    per_slide = -(-len(block.stats) // count)  # balanced: nine cards go 3, 3, 3 rather than 4, 4, 1
    groups = [block.stats[i:i + per_slide] for i in range(0, len(block.stats), per_slide)]
    _record_split(splits, block, "stat cards", len(groups))
    return [_stats_slide(document, block, group, _continued(title, n), theme) for n, group in enumerate(groups)]


def _stats_slide(document: Document, block: StatsBlock, stats, title: str, theme: Theme) -> SlidePlan:
    palette, screen = theme.palette, theme.screen
    head = headline(title, theme)
    shapes: list = [head]
    gap = 20.0
    card_w = (CONTENT_W - gap * (len(stats) - 1)) / len(stats)
    top = _below(head, 28)
    inner = card_w - 36
    room = BOTTOM - top
    value_size = _common_size([s.shown for s in stats], inner, (screen.stat_value, 40, 32, 28, 24), 1, bold=True)
    label_size = _common_size([s.label for s in stats], inner, (screen.stat_label + 4, screen.stat_label, 14), 3)
    cards = [_stat_card(document, stat, MARGIN + c * (card_w + gap) + 18, inner, value_size, label_size, theme)
             for c, stat in enumerate(stats)]
    card_h = min(room, max(160.0, max(sum(box.height for box in boxes) + 26 for boxes in cards) + 40))
    y = top + max(0.0, (room - card_h) / 2 - 24)  # a single row of cards sits a little above the middle
    for c, (value, label, source) in enumerate(cards):
        x = MARGIN + c * (card_w + gap)
        shapes += [Rect(x, y, card_w, card_h, palette.panel), Rect(x, y, card_w, 5, palette.heading)]
        value.y, label.y = y + 22, y + 22 + value.height + 8
        source.y = y + card_h - 16 - source.height
        shapes += [value, label, source]
    keys = tuple(dict.fromkeys(stat.source for stat in stats))
    return SlidePlan("stats", shapes, notes=_notes(document, keys, block.notes))


def _common_size(texts: list[str], width: float, sizes: tuple[float, ...], max_lines: int, bold: bool = False) -> float:
    """The largest size at which every text fits `max_lines` lines: cards side by side match."""
    for size in sizes:
        if all(len(wrap(text, width, size, bold)) <= max_lines for text in texts):
            return size
    return sizes[-1]


def _stat_card(document: Document, stat, x: float, inner: float, value_size: float, label_size: float,
               theme: Theme) -> list[TextBox]:
    palette = theme.palette
    value = fitted_text(stat.shown, x, 0, inner, (value_size,), 1e9, palette.heading, bold=True)
    label = fitted_text(stat.label, x, 0, inner, (label_size,), 1e9, palette.ink)
    source = fitted_text(source_line(document, (stat.source,)), x, 0, inner, (theme.screen.caption,), 1e9, palette.muted, italic=True)
    return [value, label, source]


def _chart_slide(document: Document, block: ChartBlock, rendered: RenderedChart, theme: Theme) -> SlidePlan:
    palette, screen = theme.palette, theme.screen
    head = headline(block.title, theme)
    shapes: list = [head]
    top = _below(head, 4)
    if block.subtitle:
        subtitle = fitted_text(block.subtitle, MARGIN, top, CONTENT_W, (screen.subtitle, 18), 50, palette.muted)
        shapes.append(subtitle)
        top = _below(subtitle, 10)
    bottom = BOTTOM
    source = _source_box(document, block.sources, theme)
    if source:
        shapes.append(source)
        bottom = source.y - 4
    note = fitted_text(block.note, MARGIN, 0, CONTENT_W, (18, 16, 14), 60, palette.ink) if block.note else None
    room = bottom - top - (note.height + 12 if note else 0)
    width_px, height_px = rendered.png_size
    scale = min(CONTENT_W / width_px, room / height_px)
    w, h = width_px * scale, height_px * scale
    shapes.append(Picture(MARGIN + (CONTENT_W - w) / 2, top, w, h, rendered.png, rendered.alt_text, block.title))
    if note:  # the note reads as the chart's caption, directly beneath it
        note.y = top + h + 12
        shapes.append(note)
    return SlidePlan("chart", shapes, notes=_notes(document, block.sources, block.notes))


def _table_slides(document: Document, block: TableBlock, theme: Theme, splits: list[str]) -> list[SlidePlan]:
    """The largest type at which the whole table fits one slide; else the smallest, continued on
    '(cont.)' slides with the header repeated. One size and one set of widths for every slide."""
    rows = [[c.name for c in block.columns], *block.shown_rows()]
    aligns = [c.align for c in block.columns]
    flexible = [c.format is None for c in block.columns]
    top = _below(headline(block.title, theme), 16)
    source = _source_box(document, block.sources, theme)
    bottom = (source.y - 6) if source else BOTTOM
    note = fitted_text(block.note, MARGIN, 0, CONTENT_W, (18, 16, 14), 70, theme.palette.ink) if block.note else None
    note_room = note.height + 10 if note else 0.0
    for size in (theme.screen.table, 18, 16, 14):
        widths = _column_widths(rows, flexible, size)
        heights = [_row_height(row, widths, size, bold=(i == 0)) for i, row in enumerate(rows)]
        if sum(heights) <= bottom - top - note_room:
            break
    slides: list[SlidePlan] = []
    first = 1
    while first < len(rows):
        title = headline(_continued(block.title, len(slides)), theme)
        top = _below(title, 16)  # a '(cont.)' headline may take a line more than the first
        count = _rows_that_fit([heights[0], *heights[first:]], bottom - top)
        if first + count >= len(rows) and count > 1:  # the last slide also carries the note
            count = min(count, _rows_that_fit([heights[0], *heights[first:]], bottom - top - note_room) or count)
        count = max(count, 1)
        chunk = range(first, first + count)
        table = TableBox(MARGIN, top, widths, [rows[0], *(rows[i] for i in chunk)], aligns, size,
                         [heights[0], *(heights[i] for i in chunk)])
        shapes: list = [title, table] + ([source] if source else [])
        first += count
        if note and first >= len(rows):
            note.y = top + sum(table.row_heights) + 10
            shapes.append(note)
        slides.append(SlidePlan("table", shapes, notes=_notes(document, block.sources, block.notes)))
    _record_split(splits, block, "table", len(slides))
    return slides


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


def _rows_that_fit(heights: list[float], room: float) -> int:
    used = heights[0]
    for count, height in enumerate(heights[1:]):
        used += height
        if used > room:
            return count
    return len(heights) - 1


def _bullet_slides(document: Document, block: BulletsBlock, theme: Theme, splits: list[str]) -> list[SlidePlan]:
    palette = theme.palette
    items = list(block.items)
    slides: list[SlidePlan] = []
    indent = 22.0
    source = _source_box(document, block.sources, theme)
    bottom = (source.y - 8) if source else BOTTOM
    while items:
        head = headline(_continued(block.title, len(slides)), theme)
        top = _below(head, 18)
        shapes: list = [head] + ([source] if source else [])
        if block.intro and not slides:
            intro = fitted_text(block.intro, MARGIN, top, CONTENT_W, (theme.screen.body,), 100, palette.ink)
            shapes.append(intro)
            top = _below(intro, 10)
        for size in (theme.screen.body, 18, 16, 14):
            spacing = size * 0.6
            heights = [len(wrap(item.full_text, CONTENT_W - indent, size)) * size * LINE_SPACING + spacing for item in items]
            fit = _rows_that_fit([0.0, *heights], bottom - top)
            if fit == len(items):
                break
        chunk, items = items[:max(fit, 1)], items[max(fit, 1):]
        paragraphs = [Para([Run(item.lead, bold=True), Run(" — "), Run(item.text)] if item.lead else [Run(item.text)],
                           size, palette.ink, bullet=True, space_after=spacing, indent=indent) for item in chunk]
        shapes.append(TextBox(MARGIN, top, CONTENT_W, sum(heights[:len(chunk)]), paragraphs))
        slides.append(SlidePlan("bullets", shapes, notes=_notes(document, block.sources, block.notes)))
    _record_split(splits, block, "bullets", len(slides))
    return slides


def _callout_slide(document: Document, block: CalloutBlock, title: str, theme: Theme) -> SlidePlan:
    palette = theme.palette
    head = headline(title, theme)
    source = _source_box(document, block.sources, theme)
    text = fitted_text(block.text, MARGIN + 40, 0, CONTENT_W - 80, (36, 32, 28, 24), 260, palette.heading, bold=True)
    text.y = (HEIGHT - text.height) / 2
    bar = Rect(MARGIN + 16, text.y, 6, text.height, palette.accent)
    return SlidePlan("callout", [head, bar, text] + ([source] if source else []), notes=_notes(document, block.sources, block.notes))


def _sources_slide(document: Document, theme: Theme) -> SlidePlan:
    palette = theme.palette
    head = headline("Sources", theme)
    top = _below(head, 14)
    paragraphs = []
    if document.cites:
        paragraphs.append(Para([Run("Sources: ", bold=True), Run(cites_line(document))], 0, palette.ink, space_after=10))
    for number, source in enumerate(document.sources, 1):
        entry = f"{number}.  {source.citation()}" + (f". {source.url}" if source.url else "")
        paragraphs.append(Para([Run(entry)], 0, palette.ink, space_after=4))
    texts = ["".join(r.text for r in p.runs) for p in paragraphs]
    for size in (18, 16, 14):
        height = sum(len(wrap(t, CONTENT_W, size)) * size * LINE_SPACING + size * 0.4 for t in texts)
        if height <= BOTTOM - top:
            break
    for paragraph in paragraphs:
        paragraph.size = size
        paragraph.space_after = size * 0.4
    notes = "\n".join(_full_citation(document, s) for s in document.sources)
    return SlidePlan("sources", [head, TextBox(MARGIN, top, CONTENT_W, height, paragraphs)], notes=notes)
