"""Callouts: one statement, large and centred beside an accent bar, under the section's title.

A statement longer than a slide at the smallest callout size continues over '(cont.)' slides,
cut at line boundaries, so even a page-long one is shown in full.
"""

from __future__ import annotations

from ....model import CalloutBlock, Document, Section
from ....theme import SLIDE, Theme
from ..pagination import line_pieces
from ..shapes import Rect, SlidePlan
from ..text import below, content_top, continued, fitted_text, headline, lines_in, source_box, speaker_notes

CALLOUT_SIZES = (36, 32, 28, 24)
CALLOUT_INDENT = 40.0  # the statement's inset from each side of the content area; its bar sits in the left one


def slides(document: Document, section: Section, block: CalloutBlock, theme: Theme) -> list[SlidePlan]:
    title = section.title
    palette = theme.palette
    source = source_box(document, block.sources, theme)
    bottom = (source.y - 10) if source else SLIDE.bottom
    top = content_top(title, theme, 12, document.words)
    left, width = SLIDE.margin + CALLOUT_INDENT, SLIDE.content_width - 2 * CALLOUT_INDENT
    text = fitted_text(block.text, left, 0, width, CALLOUT_SIZES, bottom - top, palette.heading, bold=True)
    size = text.paragraphs[0].size
    pieces = line_pieces(block.text, width, size, lines_in(bottom - top, size), bold=True)
    planned = []
    for index, piece in enumerate(pieces):
        head = headline(continued(title, index, document.words), theme)
        box = fitted_text(piece, left, 0, width, (size,), bottom - top, palette.heading, bold=True)
        box.y = max(below(head, 12), min((SLIDE.height - box.height) / 2, bottom - box.height))
        bar = Rect(SLIDE.margin + 16, box.y, 6, box.height, palette.accent)
        planned.append(SlidePlan("callout", [head, bar, box] + ([source] if source else []),
                                 notes=speaker_notes(document, block.sources, block.notes)))
    return planned


def describe(document: Document, block: CalloutBlock) -> str:
    return "The callout"
