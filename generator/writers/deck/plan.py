"""Document model -> a plan of slides: every box placed, every text measured, in points.

The plan is plain data and imports no python-pptx, so the hard decisions (what goes on which
slide, what size text fits its box, where a table continues) can be tested, and `briefing check`
can report them, without drawing a deck. Each block kind's slides come from its module in
`blocks/`, chosen from `DECK_BLOCKS` by the block's model class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType

from ...charts import plan_chart
from ...model import BulletsBlock, CalloutBlock, ChartBlock, Document, Section, StatsBlock, TableBlock, shown_in
from ...theme import Theme
from .blocks import bullets, callout, chart, stats, table
from .blocks import columns, image, text
from ...model import ColumnsBlock, ImageBlock, TextBlock
from .blocks.chart import deck_chart_theme
from .furniture import divider_slide, footer, title_slide
from .shapes import ChartBox, SlidePlan, Split
from .sources import sources_slides

__all__ = ["DECK_BLOCKS", "DeckPlan", "plan_deck"]


@dataclass
class DeckPlan:
    slides: list[SlidePlan] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)


# Each block kind's module: its `slides` and how the split report names it (`describe`). A kind
# missing here is an error, never drawn as another (tests/test_registry.py holds every kind of the
# model to a line in this table).
DECK_BLOCKS: dict[type, ModuleType] = {
    StatsBlock: stats,
    ChartBlock: chart,
    TableBlock: table,
    BulletsBlock: bullets,
    CalloutBlock: callout,
    TextBlock: text,
    ImageBlock: image,
    ColumnsBlock: columns,
}


def plan_deck(document: Document, theme: Theme, templated: bool = False, pictures: bool = True) -> DeckPlan:
    """`templated`: the slides sit on a user's master, so title and divider slides keep its
    background instead of drawing the built-in dark band. `pictures`: the charts are drawn as
    pictures, so each is laid out here, once, for its box (native charts are laid out by PowerPoint)."""
    deck = DeckPlan()
    deck.slides.append(title_slide(document, theme, templated))
    dividers = len(document.sections) > 1
    for number, section in enumerate(document.sections, 1):
        shown = [block for block in section.blocks if shown_in(block, "deck")]
        if dividers and len(shown) > 1:
            deck.slides.append(divider_slide(section, number, len(document.sections), document.words, theme, templated))
        for block in shown:
            first = len(deck.slides)
            deck.slides += _block_slides(document, section, block, theme)
            for slide in deck.slides[first:]:
                slide.origin = block.origin
            if len(deck.slides) - first > 1:
                deck.splits.append(Split(block.origin, _handler(block).describe(document, block), first,
                                         len(deck.slides) - first))
    first = len(deck.slides)
    deck.slides += sources_slides(document, theme)
    if len(deck.slides) - first > 1:
        deck.splits.append(Split(document.origin, "The sources list", first, len(deck.slides) - first))
    for number, slide in enumerate(deck.slides, 1):
        slide.shapes += footer(document, theme, slide.dark, number, len(deck.slides))
    if pictures:
        _plan_pictures(deck, theme)
    return deck


def _handler(block) -> ModuleType:
    if type(block) not in DECK_BLOCKS:
        raise TypeError(f"the deck has no slide for a {type(block).__name__}")
    return DECK_BLOCKS[type(block)]


def _block_slides(document: Document, section: Section, block, theme: Theme) -> list[SlidePlan]:
    return _handler(block).slides(document, section, block, theme)


def _plan_pictures(deck: DeckPlan, theme: Theme) -> None:
    """Each picture chart laid out for the box its slide gives it, with its text at the size the
    slide chose; rendering paints this plan and lays nothing out again. A category label the
    picture had to shorten is given whole in the slide's speaker notes."""
    for slide in deck.slides:
        for box in slide.shapes:
            if isinstance(box, ChartBox):
                box.picture = plan_chart(box.block, deck_chart_theme(theme, box.font_size), box.width, box.height, box.span, box.whole)
                cut = _shortened(box.block.categories, box.picture)
                if cut:
                    slide.notes = "\n\n".join(part for part in ("\n".join(cut), slide.notes) if part)


def _shortened(categories: tuple[str, ...], picture) -> list[str]:
    """The categories whose label the picture ends with an ellipsis (not those thinned out of it)."""
    texts = [text for _, _, text, _, _ in picture.texts]
    shown = " ".join(texts).replace("- ", "")
    ends = [text[:-1].rstrip().rstrip("-") for text in texts if text.endswith("…")]
    return [label for label in categories if label not in shown and any(end and end in label for end in ends)]
