"""The PDF's logical structure, recorded while the pages are drawn: which structure element
(H1, P, Table, TD, Figure...) each piece of page content belongs to, in reading order.

reportlab's open-source release has no tagging API, so the writer tags content itself. Each
tagged flowable wraps its drawing in a marked-content sequence (`/P <</MCID 3>> BDC ... EMC`)
written through the canvas, and the Tagger notes the element and the page; everything drawn
outside such a sequence (page furniture, card panels, table rules, the running header) falls in
an `/Artifact` sequence that stays open between them, so no content is left untagged. The tree
itself is written into the file afterwards (structure.py), from what is recorded here.

Elements that a page break cuts in two (a table, a split paragraph, a chart continued on the next
page) are one element: a Tag names its element by a key, and the parts share it.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from collections.abc import Iterator
from typing import Any

from reportlab.platypus import Flowable, Image
from reportlab.platypus import Paragraph as PlainParagraph


@dataclass(frozen=True, eq=False)
class Tag:
    """Where drawn content goes in the structure: its element's type (None: an artifact, such as
    a title repeated on a continued page), the key shared by every part of one element, the
    element it belongs to (else the document), and its attributes."""

    role: str | None
    key: Any = None  # compared by identity: the block, or an object() made for the element
    parent: Tag | None = None
    alt: str | None = None
    scope: str | None = None  # a header cell's /Scope: Column or Row


@dataclass(eq=False)
class Element:
    role: str
    alt: str | None = None
    scope: str | None = None
    kids: list = field(default_factory=list)  # Element | Marked | Annotation, in reading order
    bbox: tuple[float, float, float, float] | None = None  # a figure's box on its first page
    target: tuple[str, str] | None = None  # a link's ("url", URL) or ("destination", name in this file)


@dataclass(frozen=True)
class Marked:
    """A marked-content sequence: its page (0-based) and its MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """A link annotation: its page and its place among that page's annotations."""

    page: int
    index: int


class Tagger:
    """The structure tree being built, and the marked content of the page being drawn."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.keyed: dict[int, tuple[Any, Element]] = {}  # id(key) -> (key, kept alive so its id stays its own; element)
        self.page = 0
        self.mcids: dict[int, int] = defaultdict(int)
        self.annotations: dict[int, int] = defaultdict(int)
        self.depth = 0  # open tagged sequences: content inside one (a paragraph in a cell) is part of it
        self.current: Element | None = None

    def element(self, tag: Tag) -> Element:
        """The element `tag` names: the one made for its key, or a new one in its parent."""
        if tag.key is not None and id(tag.key) in self.keyed:
            return self.keyed[id(tag.key)][1]
        parent = self.element(tag.parent) if tag.parent is not None else self.root
        made = Element(tag.role, tag.alt, tag.scope)
        parent.kids.append(made)
        if tag.key is not None:
            self.keyed[id(tag.key)] = (tag.key, made)
        return made

    def start_page(self, canvas, index: int) -> None:
        self.page = index
        canvas.addLiteral("/Artifact BMC")

    def end_page(self, canvas) -> None:
        canvas.addLiteral("EMC")

    def begin(self, canvas, tag: Tag | None, bbox: tuple[float, float, float, float] | None = None) -> None:
        self.depth += 1
        if self.depth > 1 or tag is None or tag.role is None:
            return  # inside a tagged sequence, or an artifact: it stays in the sequence already open
        element = self.element(tag)
        mcid = self.mcids[self.page]
        self.mcids[self.page] += 1
        element.kids.append(Marked(self.page, mcid))
        if bbox is not None and element.bbox is None:
            element.bbox = bbox
        self.current = element
        canvas.addLiteral(f"EMC /{element.role} <</MCID {mcid}>> BDC")

    def end(self, canvas, tag: Tag | None) -> None:
        self.depth -= 1
        if self.depth or tag is None or tag.role is None:
            return
        self.current = None
        canvas.addLiteral("EMC /Artifact BMC")

    def link(self, target: tuple[str, str]) -> None:
        """A link annotation just added to the page: a Link element in the element being drawn."""
        parent = self.current or self.root
        element = Element("Link", target=target)
        element.kids.append(Annotation(self.page, self.annotations[self.page]))
        self.annotations[self.page] += 1
        parent.kids.append(element)


@contextmanager
def marked(canvas, tag: Tag | None, flowable: Flowable | None = None) -> Iterator[None]:
    """Draw inside `tag`'s marked content when the canvas records structure (a measuring canvas
    does not). A figure's bounding box is taken from the canvas's transformation."""
    tagger: Tagger | None = getattr(canvas, "tagger", None)
    if tagger is None:
        yield
        return
    bbox = _bbox(canvas, flowable) if tag is not None and tag.role == "Figure" and flowable is not None else None
    tagger.begin(canvas, tag, bbox)
    try:
        yield
    finally:
        tagger.end(canvas, tag)


def begin(canvas, tag: Tag | None) -> None:
    """Open `tag`'s marked content, for drawing that a callback brackets (a table's cells)."""
    tagger: Tagger | None = getattr(canvas, "tagger", None)
    if tagger is not None:
        tagger.begin(canvas, tag)


def end(canvas, tag: Tag | None) -> None:
    tagger: Tagger | None = getattr(canvas, "tagger", None)
    if tagger is not None:
        tagger.end(canvas, tag)


class TableTags:
    """reportlab's table render callback (which every part of a split table inherits), tagging
    the cells: the header row's TH (scope Column) in THead, the body rows' TD in TBody. A header
    row repeated on a continued page is an artifact, so it is not read again: the part is marked
    `repeats_header` by the one who split the table (TitledTable)."""

    def __init__(self, table: Tag):
        self.head = Tag("THead", key=object(), parent=table)
        self.body = Tag("TBody", key=object(), parent=table)
        self.row: Tag | None = None
        self.cell: Tag | None = None
        self.header = False

    def __call__(self, table, event: str, *args) -> None:
        if event == "startRow":
            self.header = args[0] < (table.repeatRows or 0)
            repeated = self.header and getattr(table, "repeats_header", False)
            self.row = None if repeated else Tag("TR", key=object(), parent=self.head if self.header else self.body)
        elif event == "startCell" and self.row is not None:
            self.cell = Tag("TH", parent=self.row, scope="Column") if self.header else Tag("TD", parent=self.row)
            begin(table.canv, self.cell)
        elif event == "endCell" and self.cell is not None:
            end(table.canv, self.cell)
            self.cell = None


def _bbox(canvas, flowable: Flowable) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = canvas._currentMatrix
    width, height = (flowable.drawWidth, flowable.drawHeight) if isinstance(flowable, Image) else (flowable.width, flowable.height)
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (0, width) for y in (0, height)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


# What a paragraph is when nothing says otherwise, by the name of its style (a style sized for
# one table or title, "cell-8.5", "title-20", goes by the name before the dash).
ROLES = {"title": "H1", "section": "H2", "block_title": "H3"}


class Paragraph(PlainParagraph):
    """reportlab's Paragraph, drawn as one tagged sequence: the element its `tag` names, or a
    P (H1, H2, H3 for the heading styles). The parts of a split paragraph are one element."""

    def __init__(self, text, style=None, *args, tag: Tag | None = None, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        name = getattr(self.style, "name", "").split("-", 1)[0]
        self.tag = tag or Tag(ROLES.get(name, "P"), key=object())

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        for part in parts:
            part.tag = self.tag
        return parts

    def draw(self) -> None:
        with marked(self.canv, self.tag):
            super().draw()


class Picture(Image):
    """reportlab's Image as a tagged Figure (the tag carries its alt text)."""

    def __init__(self, *args, tag: Tag | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = tag

    def draw(self) -> None:
        with marked(self.canv, self.tag, self):
            super().draw()
