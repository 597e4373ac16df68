"""Building the deck on a user's own template: their master, theme and slide layouts, by name.

Layouts used: "Title Slide" for the title slide, "Section Header" for section dividers and
"Title Only" for every other slide; a missing "Title Slide" or "Section Header" falls back to
"Title Only" (reported as a note), and a template without "Title Only" is refused. The slide's
headline goes into the layout's title placeholder, placed and sized as measured, so outline view
and screen readers see each slide's title; the layout's other placeholders are removed. Slides
keep the measured typeface, so text fits on a template as it does on the built-in theme.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..errors import ContentError, Diagnostic
from ..model import Document
from .deck_layout import HEIGHT, WIDTH
from .deck_shapes import TextBox

REQUIRED = "Title Only"
LAYOUTS = {"title": "Title Slide", "section": "Section Header"}
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
# A template is read whole into memory and python-pptx inflates every member of it, so a small
# file that inflates to gigabytes (a zip bomb) is refused from its directory before it is parsed.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass
class Template:
    presentation: object
    layouts: dict[str, object]
    findings: list[Diagnostic] = field(default_factory=list)

    def layout_for(self, kind: str):
        return self.layouts.get(kind) or self.layouts[REQUIRED]

    def place_title(self, slide, shapes: list, fill: Callable) -> list:
        """Put the slide's headline into the layout's title placeholder; returns the shapes left to draw."""
        title = next((s for s in slide.placeholders if s.placeholder_format.type in _TITLES), None)
        for placeholder in [s for s in slide.placeholders if title is None or s._element is not title._element]:
            placeholder._element.getparent().remove(placeholder._element)
        box = next((s for s in shapes if isinstance(s, TextBox) and s.role), None)
        if title is None or box is None:
            if title is not None:
                title._element.getparent().remove(title._element)
            return shapes
        title.left, title.top, title.width, title.height = Pt(box.x), Pt(box.y), Pt(box.width), Pt(max(box.height, 1))
        frame = title.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        paragraph = frame.paragraphs[0]
        fill(paragraph, box.paragraphs[0])
        _as_measured(paragraph._p)
        return [s for s in shapes if s is not box]


def _as_measured(p) -> None:
    """Undo what a master's title style may add and the measure did not assume: 90% line spacing,
    space before, an indent, capitals, letter spacing."""
    properties = p.get_or_add_pPr()
    properties.set("marL", "0")
    properties.set("indent", "0")
    for run in p.iter(qn("a:rPr")):
        run.set("cap", "none")
        run.set("spc", "0")
    spacing = etree.Element(qn("a:lnSpc"))
    etree.SubElement(spacing, qn("a:spcPct")).set("val", "100000")
    before = etree.Element(qn("a:spcBef"))
    etree.SubElement(before, qn("a:spcPts")).set("val", "0")
    properties.insert(0, before)
    properties.insert(0, spacing)


def open_template(path: str, document: Document) -> Template:
    """The template, checked: a readable .pptx, 16:9 at 13.333 x 7.5 in, with a "Title Only" layout."""
    origin = document.meta.template_origin if path == document.meta.template else None

    def refuse(message: str, hint: str) -> ContentError:
        if origin is not None and origin.line:
            return ContentError([Diagnostic.at(origin, message, hint=hint)])
        return ContentError([Diagnostic(path, 0, 0, "", message, hint)])

    data = _template_bytes(path, origin is not None and bool(origin.line), refuse)
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
    return template


def _drop_slides(presentation) -> None:
    """A template may carry sample slides; the deck starts from its master and layouts only."""
    slides = presentation.slides._sldIdLst
    for entry in list(slides):
        presentation.part.drop_rel(entry.rId)
        slides.remove(entry)


def _template_bytes(path: str, named_elsewhere: bool, refuse) -> bytes:
    """The template's bytes, read once from a regular file of at most MAX_FILE_BYTES whose zip
    members declare no more than the caps. The file is opened without blocking and checked by
    its open descriptor, so a folder, pipe or device is refused, never read (a pipe would hang
    the build), and the bytes checked are the bytes parsed."""
    subject = f"the deck template {path}" if named_elsewhere else "this"  # the message follows the file's name
    template = subject if named_elsewhere else "this template"
    hint = "give the path of a .pptx file, relative to the content file"
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, NotADirectoryError):
        raise refuse(f"the deck template {path} does not exist", hint) from None
    except OSError as error:
        raise refuse(f"the deck template {path} cannot be read ({error.strerror})", hint) from None
    info = os.fstat(descriptor)
    kind = next((name for test, name in _KINDS if test(info.st_mode)), None)
    problem = None
    if kind or not stat.S_ISREG(info.st_mode):
        problem = (f"{subject} is {kind or 'not a regular file'}, expected a PowerPoint file (.pptx)", hint)
    elif info.st_size > MAX_FILE_BYTES:
        problem = (f"{template} is {info.st_size / 2**20:.0f} MB, more than a deck template may be "
                   f"({MAX_FILE_BYTES // 2**20} MB)", "remove large media from the template's master and layouts")
    if problem:
        os.close(descriptor)
        raise refuse(*problem)
    with os.fdopen(descriptor, "rb") as stream:
        try:
            data = stream.read(info.st_size + 1)  # no more than the stat said, plus a byte to see growth
        except OSError as error:
            raise refuse(f"the deck template {path} cannot be read ({error.strerror})", hint) from None
    if len(data) > info.st_size:  # it grew after the stat: a file still being written
        raise refuse(f"the deck template {path} changed while it was read", "build again once it is saved")
    inflation = _inflation_problem(data)
    if inflation:
        raise refuse(f"{template} {inflation}, so it is not read",
                     "a deck template is a few MB unpacked: check this is the template you meant")
    return data


def _inflation_problem(data: bytes) -> str | None:
    """Why the package would inflate too far, from the sizes its zip directory declares. Python's
    zipfile never inflates a member past its declared size (a member whose header lies about it
    fails its length and CRC check), so the declared sizes bound what python-pptx can inflate."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None  # not a zip at all: python-pptx's own refusal names that
    total = 0
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            return (f"has a part ({member.filename}) that inflates to {member.file_size / 2**20:,.0f} MB, "
                    f"more than {MAX_MEMBER_BYTES // 2**20} MB")
        total += member.file_size
        if total > MAX_TOTAL_BYTES:
            return f"inflates to more than {MAX_TOTAL_BYTES // 2**20} MB"
    return None
