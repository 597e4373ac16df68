"""What the PDF's block modules share: the context every block is printed in, paragraph markup,
source lines ending in citation marks that link to the numbered Sources list, bookmarks and gaps.

Each block kind prints from a module of its own (cards, chart, tables, bullets, callout, text,
image), chosen by document.PDF_BLOCKS. A figure travels with its title, note and source line, so
a title is never left at the foot of a page with its chart on the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable, KeepTogether

from ...model import Document, attribution
from ...theme import Theme
from .styles import Styles, markup
from .tagging import Paragraph


@dataclass(frozen=True)
class Context:
    """What every block function needs: the document (for sources), styles, theme and frame width."""

    document: Document
    styles: Styles
    theme: Theme
    width: float
    landscape_width: float = 0.0  # the frame of a landscape page, for tables too wide for portrait
    room: float = 0.0  # the height of a (later) portrait page's frame, which a whole figure must fit
    findings: list = field(default_factory=list)  # layout errors found while building flowables (Diagnostic)
    data_files: list = field(default_factory=list)  # (caption, DataOrigin) of each table and chart read from a file


def text(value: str) -> str:
    """`value` as paragraph markup: escaped, with fallback runs (see `styles.markup`)."""
    return markup(value)


SOURCE_ANCHOR = "source-"


def source_anchor(number: int) -> str:
    """The destination name of the n-th entry of the Sources list."""
    return f"{SOURCE_ANCHOR}{number}"


def anchored_source(name: str) -> int | None:
    """The number of the Sources entry a destination name points at (None for any other)."""
    digits = name[len(SOURCE_ANCHOR):] if name.startswith(SOURCE_ANCHOR) else ""
    return int(digits) if digits.isdigit() else None


def citation_marks(ctx: Context, keys: tuple[str, ...]) -> str:
    """' [1, 6]': each number the cited source's entry in the Sources list, and an internal link to it,
    in ascending order whatever order the sources were cited in, as a reader scans a list."""
    links = []
    for number in sorted({ctx.document.source_number(key) for key in keys}):
        links.append(f'<a href="#{source_anchor(number)}" color="{ctx.theme.palette.heading}">{number}</a>')
    return f" [{', '.join(links)}]" if links else ""


def source_para(ctx: Context, keys: tuple[str, ...]) -> list[Flowable]:
    line, cited = attribution(ctx.document, keys)
    return [Paragraph(text(line) + citation_marks(ctx, cited), ctx.styles.source)] if line else []


class Bookmark(Flowable):
    """An outline entry (and the destination it opens) at the top of what follows it; takes no room.

    Placed in a frame it acts on the frame instead of being added to it, so the frame still counts
    as empty at the top of a page and the heading after it loses its space above, as it should.
    """

    def __init__(self, key: str, title: str, level: int):
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def frameAction(self, frame) -> None:
        self.canv.bookmarkHorizontalAbsolute(self.key, frame._y, left=frame._x1)
        self.canv.addOutlineEntry(self.title, self.key, self.level)

    def draw(self) -> None:  # when a flowable draws it inside itself
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, self.level)


class Gap(Flowable):
    """Space between blocks that is dropped at the top of a page, where a Spacer would push the
    next block down (and keep the frame from counting as empty)."""

    def __init__(self, height: float):
        super().__init__()
        self.width, self.height = 0, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, self.height

    def frameAction(self, frame) -> None:
        if not frame._atTop:
            frame._y = max(frame._y - self.height, frame._y1p)


class KeptWhole(KeepTogether):
    """A block kept whole (a short table, a callout): when it does not fit the room left, it moves
    on to the next page, as platypus's KeepTogether does. It splits where it stands instead when
    moving on cannot keep it whole: when it is taller than the next page, or than the next page
    less the section heading it opens (`led_by`: that heading's height, set by the document),
    which a move would leave alone at the foot of this page."""

    led_by = 0.0
    START = 60.0  # points of the block a heading above it asks for, when the block splits (a few lines)

    def __init__(self, whole: Flowable):
        super().__init__([whole])
        self.whole = whole

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        frame, peek = getattr(self, "_frame", None), self._doctemplateAttr("_peekNextFrame")
        if (frame is not None and not frame._atTop and peek is not None and self._H > available_height
                and self._H + self.led_by > peek()._height
                and len(self.whole.splitOn(self.canv, available_width, available_height)) >= 2):
            return [self.NullActionFlowable(), self.whole]  # the action first: platypus lays the block out on its own
        return super().split(available_width, available_height)

    def start_height(self) -> float:
        """The room the block's first part needs on a page when it splits (after a wrap)."""
        return self.START
