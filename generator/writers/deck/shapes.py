"""The deck plan's vocabulary: slides and the boxes on them, in points from the top-left corner.

Plain data, free of python-pptx, so the plan can be made, tested and checked without drawing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import ChartBlock, Origin

if TYPE_CHECKING:
    from ...charts import Plan


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None  # a link's address: drawn as a hyperlink (see links.py)


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
    role: str = ""  # "title" or "headline": the slide's title placeholder takes it; "source": the source line, read after the content
    origin: Origin | None = None  # the content the text comes from, where a finding about it is placed
    problem: str = ""  # why the text was cut to fit (an error the check reports), or ""
    furniture: bool = False  # the slide number and marking: checked in the footer, not the content area


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


@dataclass
class ChartBox:
    """Where a chart goes and at what text size; drawn by the deck as a picture or a native chart.

    `picture` is the chart planned for this box when the deck draws pictures, so that rendering
    paints what the plan laid out rather than laying the chart out again."""

    x: float
    y: float
    width: float
    height: float
    block: ChartBlock
    font_size: float
    alt_text: str
    span: tuple[float, float] | None = None  # the whole chart's value range, when this is one part of it
    picture: Plan | None = None  # set by the deck plan for a picture chart; None for a native one
    name: str = ""  # the shape's name, as the selection pane and screen readers give it: 'Chart: title'
    whole: ChartBlock | None = None  # the whole chart, when this is one part of it: every part keeps its label column


Shape = TextBox | Rect | Picture | TableBox | ChartBox


@dataclass(frozen=True)
class Split:
    """A block shown over more than one slide, for the build's report."""

    origin: Origin
    what: str
    first: int  # 0-based index of its first slide
    count: int


@dataclass
class SlidePlan:
    kind: str
    shapes: list[Shape] = field(default_factory=list)
    notes: str = ""
    dark: bool = False
    origin: Origin | None = None  # the content block the slide shows, for reporting
