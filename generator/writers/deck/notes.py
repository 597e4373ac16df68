"""Speaker notes, added without python-pptx walking the whole package for each one.

`slide.notes_slide` names a new notes slide with `next_partname`, which walks every part of the
package to find the names in use: each notes slide costs a walk of everything before it, so a
deck's notes cost grew with the square of its length (0.46 s at the large fixture's size, 5.8 s at
four times it). The deck's notes slides are all made here, so the names in use are looked up once
and counted on; each notes slide is made and related exactly as python-pptx makes it (the notes
master created with the first, as python-pptx does), so the saved package is the same. Every notes
slide starts as the same copy of the master's placeholders, so that is cloned once, then copied.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart

from .language import tag_language

PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


class NotesSlides:
    """The notes slides of one deck as it is drawn: `add` gives a slide its notes."""

    def __init__(self, presentation):
        self.package = presentation.part.package
        self.taken: set[str] | None = None  # the notes slides' names in use, looked up with the first
        self.blank = None  # a notes slide's XML with the master's placeholders cloned, before its text

    def add(self, slide, text: str, lang: str | None = None) -> None:
        """The slide's notes, its runs in `lang` when given (else exactly as python-pptx writes them)."""
        master = self.package.presentation_part.notes_master_part  # created with the first notes, as python-pptx does
        element = CT_NotesSlide.new() if self.blank is None else copy.deepcopy(self.blank)
        part = NotesSlidePart(self._next_partname(), CT.PML_NOTES_SLIDE, self.package, element)
        part.relate_to(master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        if self.blank is None:
            part.notes_slide.clone_master_placeholders(master.notes_master)
            self.blank = copy.deepcopy(part.notes_slide.element)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        part.notes_slide.notes_text_frame.text = text
        if lang:
            tag_language(part.notes_slide.notes_text_frame._txBody, lang)

    def _next_partname(self) -> PackURI:
        """The name `package.next_partname` would choose (the highest free number not above one
        more than the names in use), from the names counted here rather than a walk."""
        if self.taken is None:
            prefix = PARTNAME[:PARTNAME.index("%")]
            self.taken = {str(part.partname) for part in self.package.iter_parts() if part.partname.startswith(prefix)}
        for number in range(len(self.taken) + 1, 0, -1):
            name = PARTNAME % number
            if name not in self.taken:
                self.taken.add(name)
                return PackURI(name)
        raise AssertionError("no free notes slide name")  # unreachable: n + 1 candidates for n names
