"""The deck plan's vocabulary: slides and the boxes on them, in points from the top-left corner."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Origin


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    runs: list[Run]
    size: float
    colour: str
    bullet: bool = False
    space_after: float = 0.0
    indent: float = 0.0
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class TextBox:
    x: float
    y: float
    width: float
    height: float
    paragraphs: list[Para]


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass
class Picture:
    x: float
    y: float
    width: float
    height: float
    png: bytes
    alt_text: str
    name: str


@dataclass
class TableBox:
    x: float
    y: float
    column_widths: list[float]
    rows: list[list[str]]  # the first row is the header
    aligns: list[str]
    size: float
    row_heights: list[float]


Shape = TextBox | Rect | Picture | TableBox


@dataclass
class SlidePlan:
    kind: str
    shapes: list[Shape] = field(default_factory=list)
    notes: str = ""
    dark: bool = False
    origin: Origin | None = None  # the content block the slide shows, for reporting
