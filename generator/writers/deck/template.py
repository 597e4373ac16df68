"""Building the deck on a user's own template: their master, theme and slide layouts, by name.

Layouts used: "Title Slide" for the title slide, "Section Header" for section dividers, "Two
Content" for a slide of two blocks side by side when the template has it, and "Title Only" for
every other slide; a missing "Title Slide" or "Section Header" falls back to
"Title Only" (reported as a note), and a template without "Title Only" is refused. The slide's
headline goes into the layout's title placeholder (or one added to the slide, when the layout has
none), placed and sized as measured, so outline view and screen readers see each slide's title;
the layout's other placeholders are removed (access.py, as on the built-in theme). Slides keep the
measured typeface, so text fits on a template as it does on the built-in theme.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.util import Pt

from ...errors import ContentError, Diagnostic
from ...model import Document, Origin
from ...theme import SLIDE
from ..template_file import refusal

WIDTH, HEIGHT = SLIDE.width, SLIDE.height

REQUIRED = "Title Only"
LAYOUTS = {"title": "Title Slide", "section": "Section Header"}
OPTIONAL = {"columns": "Two Content"}  # used when the template has it, else "Title Only", without a note


@dataclass
class Template:
    """A user's template opened for the deck: its presentation (sample slides dropped), the layout
    each slide kind uses, and the notes about layouts it lacks."""

    presentation: object
    layouts: dict[str, object]
    findings: list[Diagnostic] = field(default_factory=list)

    def layout_for(self, kind: str):
        return self.layouts.get(kind) or self.layouts[REQUIRED]


def open_template(data: bytes, path: str, origin: Origin | None, document: Document) -> Template:
    """The template, checked: a readable .pptx, 16:9 at 13.333 x 7.5 in, with a "Title Only" layout.
    `data` are its bytes as `template_file.read_template` checked them; `origin` is where the
    content names it (None when it came from the command line)."""

    def refuse(message: str, hint: str) -> ContentError:
        return refusal(path, origin, message, hint)

    try:
        presentation = Presentation(io.BytesIO(data))
    except Exception as error:  # python-pptx raises zip, XML and key errors alike for a bad package
        raise refuse(f"the deck template {path} cannot be read as a PowerPoint file ({type(error).__name__})",
                             "save the template from PowerPoint as .pptx (or .potx saved as .pptx)")
    if (presentation.slide_width, presentation.slide_height) != (Pt(WIDTH), Pt(HEIGHT)) and \
            (round(presentation.slide_width / 12700), round(presentation.slide_height / 12700)) != (WIDTH, HEIGHT):
        raise refuse("the deck template's slides are not 16:9 at 13.333 x 7.5 in",
                             "set the template's slide size to Widescreen (13.333 x 7.5 in)")
    named = {layout.name: layout for master in presentation.slide_masters for layout in master.slide_layouts}
    if REQUIRED not in named:
        raise refuse(f'the deck template {path} has no slide layout named "{REQUIRED}"',
                             f"layouts found: {', '.join(named) or 'none'}; the deck uses \"Title Slide\", "
                             f"\"Section Header\" and \"Title Only\"")
    _drop_slides(presentation)
    template = Template(presentation, {REQUIRED: named[REQUIRED]})
    for kind, name in LAYOUTS.items():
        if name in named:
            template.layouts[kind] = named[name]
        else:
            where = origin or document.origin
            template.findings.append(Diagnostic.at(where, f'the deck template has no "{name}" layout; '
                                                   f'those slides use "{REQUIRED}"', level="note"))
    template.layouts.update({kind: named[name] for kind, name in OPTIONAL.items() if name in named})
    return template


def _drop_slides(presentation) -> None:
    """A template may carry sample slides; the deck starts from its master and layouts only."""
    slides = presentation.slides._sldIdLst
    for entry in list(slides):
        presentation.part.drop_rel(entry.rId)
        slides.remove(entry)


