"""Images: one slide each, the picture as large as the content area allows without distortion,
centred under its headline (the image's title, else the section's), with its note beneath it and
its source line at the foot. The alt text is the picture's description (what a screen reader says).
"""

from __future__ import annotations

from ....model import Document, ImageBlock, Section
from ....theme import SLIDE, Theme
from ..shapes import Picture, SlidePlan
from ..text import MIN_BODY, below, capped_text, headline, source_box, speaker_notes

NOTE_GAP = 12.0  # between the picture and its note


def slides(document: Document, section: Section, block: ImageBlock, theme: Theme) -> list[SlidePlan]:
    head = headline(block.title or section.title, theme, block.origin)
    shapes: list = [head]
    top = below(head, 12)
    bottom = SLIDE.bottom
    source = source_box(document, block.sources, theme, block.origin)
    if source:
        shapes.append(source)
        bottom = source.y - 8
    cap = SLIDE.chart_note_cap
    note = capped_text(block.note, SLIDE.margin, 0, SLIDE.content_width, (18, 16, MIN_BODY), cap, theme.palette.ink, cap,
                       "the image's note", block.origin) if block.note else None
    room = bottom - top - (note.height + NOTE_GAP if note else 0)
    width = min(SLIDE.content_width, room * block.aspect)
    height = width / block.aspect
    shapes.append(Picture(SLIDE.margin + (SLIDE.content_width - width) / 2, top, width, height, block.image, block.alt,
                          block.title or block.file))
    if note:
        note.y = top + height + NOTE_GAP
        shapes.append(note)
    return [SlidePlan("image", shapes, notes=speaker_notes(document, block.sources, block.notes))]


def describe(document: Document, block: ImageBlock) -> str:
    return f'The image "{block.title or block.file}"'
