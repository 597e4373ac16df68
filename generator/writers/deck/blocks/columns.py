"""Two blocks side by side on one slide (the `columns` block): a chart beside its takeaways.

The slide's headline is the block's `title`, else the section's; beneath it the content area is
cut into a left and a right half, `theme.columns.deck_gap` apart, and each nested block is laid
out in its half by its kind's half layout (halves.py, half_figures.py), measured like a slide of
its own. On a template the slide uses its "Two Content" layout when it has one.

A pair whose halves cannot both hold their block (a list too long for half a slide at 14 pt, a
table too wide, a chart needing '(cont.)' slides) is shown instead as each block on slides of its
own, as if written one after the other, and the build's note says the block took several slides:
continuing half a slide would repeat its neighbour on every slide. A nested block kept to the PDF
(`only: pdf`) leaves the other to show alone, as a block of its own.
"""

from __future__ import annotations

from ....model import ColumnsBlock, Document, Section, attribution, shown_in
from ....theme import SLIDE, Theme
from ..halves import Half, half_layouts
from ..shapes import SlidePlan
from ..text import below, headline, speaker_notes


def slides(document: Document, section: Section, block: ColumnsBlock, theme: Theme) -> list[SlidePlan]:
    shown = [inner for inner in block.blocks if shown_in(inner, "deck")]
    halves = _halves(document, section, block, shown, theme) if len(shown) == 2 else None
    if halves is None:
        return [slide for inner in shown for slide in _own_slides(document, section, inner, theme)]
    head = headline(block.title or section.title, theme, block.origin)
    return [SlidePlan("columns", [head, *halves[0], *halves[1]], notes=_notes(document, block, shown))]


def _notes(document: Document, block: ColumnsBlock, shown: list) -> str:
    """The pair's notes, then each block's, then every source either cites in full (once), then the
    data files their figures were read from."""
    own = "\n\n".join(notes for notes in (block.notes, *(inner.notes for inner in shown)) if notes)
    keys = tuple(dict.fromkeys(key for inner in shown for key in attribution(document, inner.sources)[1]))
    files = [inner.data_from for inner in shown if getattr(inner, "data_from", None)]
    data = [f"{document.words.lead('data_file')} {origin.reference()}" for origin in files]
    return "\n\n".join(part for part in (speaker_notes(document, keys, own or None), *data) if part)


def describe(document: Document, block: ColumnsBlock) -> str:
    """How the split report names a pair: it takes several slides only when shown block by block."""
    name = f'The columns block "{block.title}"' if block.title else "The columns block"
    return f"{name}, shown block by block as one of them does not fit half a slide,"


def _halves(document: Document, section: Section, block: ColumnsBlock, shown: list, theme: Theme) -> list[list] | None:
    """Each block's shapes in its half, left then right; None when either does not fit its half."""
    top = below(headline(block.title or section.title, theme), 18)
    width = (SLIDE.content_width - theme.columns.deck_gap) / 2
    layouts = half_layouts()
    laid = []
    for index, inner in enumerate(shown):
        layout = layouts.get(type(inner))
        half = Half(SLIDE.margin + index * (width + theme.columns.deck_gap), top, width, SLIDE.bottom)
        shapes = layout(document, inner, half, theme) if layout else None
        if shapes is None:
            return None
        laid.append(shapes)
    return laid


def _own_slides(document: Document, section: Section, block, theme: Theme) -> list[SlidePlan]:
    """A nested block on slides of its own, by its kind's module, as if it followed the pair."""
    from ..plan import DECK_BLOCKS  # the table that names this module, read when a slide is made

    if type(block) not in DECK_BLOCKS:
        raise TypeError(f"the deck has no slide for a {type(block).__name__}")
    return DECK_BLOCKS[type(block)].slides(document, section, block, theme)
