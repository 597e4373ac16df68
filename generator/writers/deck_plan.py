"""Document model -> a plan of slides: every box placed, every text measured, in points.

The plan is plain data and imports no python-pptx, so the hard decisions (what goes on which
slide, what size text fits its box, where a table continues) can be tested without a deck.
Text is measured with the metrics of the font the deck names (see measure.py): a size is
chosen only when the wrapped text fits its box, and what still does not fit continues on a
'(cont.)' slide rather than running off the slide (deck_flow.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..charts import RenderedChart, needed_height
from ..measure import LINE_SPACING, wrap
from ..model import BulletsBlock, CalloutBlock, ChartBlock, Document, Section, StatsBlock, TableBlock, cites_line
from ..theme import DECK_CHART_MIN_HEIGHT, DECK_CHART_SIZES, DECK_CHART_SMALL, Theme
from .deck_flow import bullet_slides, callout_slides, stats_slides, table_slides
from .deck_layout import (BOTTOM, CONTENT_W, FOOTER_Y, HEIGHT, MARGIN, MIN_BODY, WIDTH, balanced, below, capped_text,
                          content_top, continued, ellipsized, fitted_text, full_citation, headline, lines_in, source_box,
                          speaker_notes)
from .deck_shapes import ChartBox, Para, Rect, Run, SlidePlan, Split, TextBox

__all__ = ["BOTTOM", "FOOTER_Y", "HEIGHT", "MARGIN", "WIDTH", "DeckPlan", "plan_deck"]


@dataclass
class DeckPlan:
    slides: list[SlidePlan] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)


def plan_deck(document: Document, charts: dict[ChartBlock, RenderedChart], theme: Theme,
              templated: bool = False) -> DeckPlan:
    """`charts` is accepted for the writers' common signature; the deck draws its own, slide-sized.
    `templated`: the slides sit on a user's master, so title and divider slides keep its
    background instead of drawing the built-in dark band."""
    deck = DeckPlan()
    deck.slides.append(_title_slide(document, theme, templated))
    dividers = len(document.sections) > 1
    for number, section in enumerate(document.sections, 1):
        if dividers and len(section.blocks) > 1:
            deck.slides.append(_divider_slide(section, number, len(document.sections), theme, templated))
        for block in section.blocks:
            first = len(deck.slides)
            deck.slides += _block_slides(document, section, block, theme)
            for slide in deck.slides[first:]:
                slide.origin = block.origin
            if len(deck.slides) - first > 1:
                deck.splits.append(Split(block.origin, _describe(document, block), first, len(deck.slides) - first))
    first = len(deck.slides)
    deck.slides += _sources_slides(document, theme)
    if len(deck.slides) - first > 1:
        deck.splits.append(Split(document.origin, "The sources list", first, len(deck.slides) - first))
    for number, slide in enumerate(deck.slides, 1):
        slide.shapes += _footer(document, theme, slide.dark, number, len(deck.slides))
    return deck


def _table_name(document: Document, block: TableBlock) -> str:
    tables = [b for b in document.blocks() if isinstance(b, TableBlock)]
    return f'Table {tables.index(block) + 1} "{block.title}"'


# Each block kind's slides, and how the split report names a block of that kind ('Table 2
# "Regional totals"'). A kind missing here is an error, never drawn as another (tests/test_registry.py
# holds every kind of the model to a line in this table).
DECK_BLOCKS: dict[type, tuple[Callable, Callable]] = {
    StatsBlock: (lambda document, section, block, theme: stats_slides(document, block, block.title or section.title, theme),
                 lambda document, block: f"The block of {len(block.stats)} stat cards"),
    ChartBlock: (lambda document, section, block, theme: _chart_slides(document, block, theme),
                 lambda document, block: f'The chart "{block.title}"'),
    TableBlock: (lambda document, section, block, theme: table_slides(document, block, theme), _table_name),
    BulletsBlock: (lambda document, section, block, theme: bullet_slides(document, block, theme),
                   lambda document, block: f'The bullet list "{block.title}"'),
    CalloutBlock: (lambda document, section, block, theme: callout_slides(document, block, section.title, theme),
                   lambda document, block: "The callout"),
}


def _block_slides(document: Document, section: Section, block, theme: Theme) -> list[SlidePlan]:
    if type(block) not in DECK_BLOCKS:
        raise TypeError(f"the deck has no slide for a {type(block).__name__}")
    return DECK_BLOCKS[type(block)][0](document, section, block, theme)


def _describe(document: Document, block) -> str:
    """How the split report names a block: 'Table 2 "Regional totals"', 'The stat cards'."""
    return DECK_BLOCKS[type(block)][1](document, block)


FOOTER_TOP, FOOTER_BOTTOM = BOTTOM + 2, HEIGHT - 4  # the band a marking of several lines may fill
NUMBER_W, NUMBER_GAP = 120.0, 20.0  # the slide number's box, and the gap the marking keeps from it


def _footer(document: Document, theme: Theme, dark: bool, number: int, total: int) -> list[TextBox]:
    """Slide number on every slide, and the handling marking when the content sets one."""
    colour = theme.palette.on_band if dark else theme.palette.muted
    size = theme.screen.footer
    boxes = [TextBox(WIDTH - MARGIN - NUMBER_W, FOOTER_Y, NUMBER_W, size * LINE_SPACING,
                     [Para([Run(f"{number} / {total}")], size, colour)], furniture=True)]
    boxes[0].paragraphs[0].align = "right"
    if document.meta.marking:
        boxes.append(_marking(document, theme.palette.on_band if dark else theme.palette.accent, theme))
    return boxes


def _marking(document: Document, colour: str, theme: Theme) -> TextBox:
    """The marking on one line at the footer size where it fits; a longer one wraps and shrinks
    (down to the footer minimum) within the band below the content, clear of the slide number,
    and one longer still is cut there and reported at the marking."""
    screen = theme.screen
    sizes = tuple(dict.fromkeys((screen.footer, *range(int(screen.footer) - 1, int(screen.footer_min) - 1, -1))))
    width = WIDTH - 2 * MARGIN - NUMBER_W - NUMBER_GAP
    one_line = screen.footer * LINE_SPACING
    box = capped_text(document.meta.marking, MARGIN, FOOTER_Y, width, sizes, one_line, colour, one_line, "the marking",
                      document.meta.origin_of("marking"), bold=True)
    if box.problem:  # not on one line: as large as fits the band, on as many lines as that takes
        box = capped_text(document.meta.marking, MARGIN, 0, width, sizes, FOOTER_BOTTOM - FOOTER_TOP, colour,
                          FOOTER_BOTTOM - FOOTER_TOP, "the marking", document.meta.origin_of("marking"), bold=True)
        box.y = min(FOOTER_Y, FOOTER_BOTTOM - box.height)
    box.furniture = True
    return box


# --- slides ------------------------------------------------------------------------------


def _title_slide(document: Document, theme: Theme, templated: bool) -> SlidePlan:
    """Title, subtitle and byline, each as large as fits; each capped to what the slide has left
    (keeping a line for what follows it), so an overlong one is cut and reported, never overflows."""
    meta, palette, screen = document.meta, theme.palette, theme.screen
    ink = palette.heading if templated else palette.on_band
    line = MIN_BODY * LINE_SPACING
    details = "  ·  ".join(p for p in (meta.byline, meta.date) if p)
    after = (line + 32 if meta.subtitle else 0) + (line + 18 if details else 0)
    title = capped_text(meta.title, 64, 150, WIDTH - 128, (screen.title, 36, 32, 28, 24), 160, ink,
                        BOTTOM - 150 - after, "the title", meta.origin_of("title"), bold=True, role="title")
    shapes: list = [] if templated else [Rect(0, 0, WIDTH, HEIGHT, palette.band)]
    shapes += [Rect(64, 132, 72, 4, palette.series[2]), title]
    y = below(title, 14)
    if meta.subtitle:
        subtitle = capped_text(meta.subtitle, 64, y, WIDTH - 160, (screen.subtitle, 18, 16, MIN_BODY), 120,
                               palette.ink if templated else palette.on_band, BOTTOM - y - (line + 18 if details else 0),
                               "the subtitle", meta.origin_of("subtitle"))
        shapes.append(subtitle)
        y = below(subtitle, 18)
    if details:
        shapes.append(capped_text(details, 64, y, WIDTH - 128, (16, MIN_BODY), 60,
                                  palette.ink if templated else palette.on_band, BOTTOM - y, "the byline",
                                  meta.origin_of("author") if meta.author else meta.origin_of("organisation")))
    return SlidePlan("title", shapes, notes=meta.subtitle or "", dark=not templated)


DIVIDER_TITLE_CAP = 400.0  # a section title's height on its divider, leaving room for the label above it


def _divider_slide(section: Section, number: int, total: int, theme: Theme, templated: bool) -> SlidePlan:
    """A section opens with its title alone, so the audience knows where the talk has got to."""
    palette = theme.palette
    ink = palette.heading if templated else palette.on_band
    label = fitted_text(f"Section {number} of {total}", 64, 0, WIDTH - 128, (18,), 1e9,
                        palette.muted if templated else palette.on_band)
    title = capped_text(section.title, 64, 0, WIDTH - 128, (40, 36, 32, 28, 24), 200, ink, DIVIDER_TITLE_CAP,
                        "the section title", section.origin, bold=True, role="title")
    label.y = (HEIGHT - title.height) / 2 - label.height - 18
    title.y = (HEIGHT - title.height) / 2
    shapes: list = [] if templated else [Rect(0, 0, WIDTH, HEIGHT, palette.band)]
    shapes += [label, Rect(64, title.y - 10, 72, 4, palette.series[2]), title]
    return SlidePlan("section", shapes, dark=not templated)


def _chart_slides(document: Document, block: ChartBlock, theme: Theme) -> list[SlidePlan]:
    """One slide, with text at a projector size; a chart with too many categories for that (at
    12 pt or more) shows them in parts on '(cont.)' slides, every part on the same scale."""
    room = _chart_frame(document, block, theme, continued(block.title, 1))[1]
    parts = chart_parts(block, theme, room)
    values = [v for series in block.series for v in series.values]
    span = (min(0.0, *values), max(0.0, *values)) if len(parts) > 1 else None
    return [_chart_slide(document, block, part, size, span, index, theme) for index, (part, size) in enumerate(parts)]


SUBTITLE_CAP, NOTE_CAP = 50.0, 60.0  # the most height a chart's subtitle and note take on its slide


def _chart_frame(document: Document, block: ChartBlock, theme: Theme, title: str):
    """The headline, subtitle, note and source around a chart, and the height left for it. Each of
    them is capped, so the chart keeps at least DECK_CHART_MIN_HEIGHT, however long they are."""
    palette, screen = theme.palette, theme.screen
    head = headline(title, theme)
    shapes: list = [head]
    top = below(head, 4)
    if block.subtitle:
        subtitle = capped_text(block.subtitle, MARGIN, top, CONTENT_W, (screen.subtitle, 18, 16, MIN_BODY), SUBTITLE_CAP,
                               palette.muted, SUBTITLE_CAP, "the chart's subtitle")
        shapes.append(subtitle)
        top = below(subtitle, 10)
    bottom = BOTTOM
    source = source_box(document, block.sources, theme)
    if source:
        shapes.append(source)
        bottom = source.y - 4
    note = capped_text(block.note, MARGIN, 0, CONTENT_W, (18, 16, MIN_BODY), NOTE_CAP, palette.ink, NOTE_CAP,
                       "the chart's note") if block.note else None
    room = max(DECK_CHART_MIN_HEIGHT, bottom - top - (note.height + 12 if note else 0))
    return shapes, room, top, note


def _chart_slide(document: Document, block: ChartBlock, part: ChartBlock, size: float, span, index: int,
                 theme: Theme) -> SlidePlan:
    shapes, room, top, note = _chart_frame(document, block, theme, continued(block.title, index))
    shapes.append(ChartBox(MARGIN, top, CONTENT_W, room, part, size, part.alt_text(), span))
    if note:  # the note reads as the chart's caption, directly beneath it
        note.y = top + room + 12
        shapes.append(note)
    return SlidePlan("chart", shapes, notes=speaker_notes(document, block.sources, block.notes))


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
    return replace(theme, chart=replace(theme.deck_chart, font_size=size, value_size=size))


def _sources_slides(document: Document, theme: Theme) -> list[SlidePlan]:
    palette = theme.palette
    top = content_top("Sources", theme, 14)
    entries: list[list[Run]] = []
    origins = []
    if document.cites:
        entries.append([Run("Sources: ", bold=True), Run(cites_line(document))])
        origins.append(document.meta.origin_of("cites"))
    for number, source in enumerate(document.sources, 1):
        entries.append([Run(f"{number}.  {source.citation()}" + (f". {source.url}" if source.url else ""))])
        origins.append(source.origin)
    texts = ["".join(r.text for r in runs) for runs in entries]
    for size in (18, 16, MIN_BODY):
        heights = [len(wrap(t, CONTENT_W, size, bold=t.startswith("Sources: "))) * size * LINE_SPACING + size * 0.4 for t in texts]
        if sum(heights) <= BOTTOM - top:
            break
    cut = _cut_entries(entries, texts, heights, size, BOTTOM - top)
    counts = balanced(heights, lambda n: BOTTOM - top)
    notes = "\n".join(full_citation(document, s) for s in document.sources)
    slides, start = [], 0
    for index, count in enumerate(counts):
        paragraphs = [Para(runs, size, palette.ink, space_after=size * 0.4) for runs in entries[start:start + count]]
        box = TextBox(MARGIN, top, CONTENT_W, sum(heights[start:start + count]), paragraphs)
        first_cut = next((i for i in range(start, start + count) if i in cut), None)
        if first_cut is not None:
            box.origin, box.problem = origins[first_cut], cut[first_cut]
        slides.append(SlidePlan("sources", [headline(continued("Sources", index), theme), box], notes=notes))
        start += count
    return slides


def _cut_entries(entries: list[list[Run]], texts: list[str], heights: list[float], size: float,
                 room: float) -> dict[int, str]:
    """Cut each entry taller than a whole slide after its last line that fits, in place; the
    problem of each cut entry by its index, for the check (a sources list entry cannot continue)."""
    cut = {}
    for index, text in enumerate(texts):
        if heights[index] <= room:
            continue
        lines = wrap(text, CONTENT_W, size, bold=text.startswith("Sources: "))
        keep = lines_in(room - size * 0.4, size)
        entries[index] = [Run(" ".join(lines[:keep - 1] + [ellipsized(lines[keep - 1], CONTENT_W, size, False)]))]
        heights[index] = keep * size * LINE_SPACING + size * 0.4
        cut[index] = (f"the entry in the sources list does not fit a slide even at {size:g} pt: it needs "
                      f"{len(lines)} lines where there is room for {keep}")
    return cut
