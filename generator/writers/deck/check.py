"""What the build reports about a deck plan: text that cannot fit (errors), chart text set small
to fit (warnings), and every block continued over more than one slide (notes; warnings past four
continuation slides).

The plan places every box from measured text, so a box that reaches below the content area or
overlaps another box is text a presenter would see collide. Each finding names the slide and the
content block behind it.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import Diagnostic, spans
from ...model import NOWHERE
from ...theme import DECK_CHART_SMALL, SLIDE
from .plan import DeckPlan
from .shapes import ChartBox, Picture, TableBox, TextBox
from .text import MIN_BODY

BOTTOM, FOOTER_Y, HEIGHT, MARGIN, WIDTH = SLIDE.bottom, SLIDE.footer_y, SLIDE.height, SLIDE.margin, SLIDE.width

_SLACK = 0.5  # points of rounding we forgive


def _box(shape) -> tuple[float, float, float, float]:
    if isinstance(shape, TableBox):
        return shape.x, shape.y, shape.x + sum(shape.column_widths), shape.y + sum(shape.row_heights)
    return shape.x, shape.y, shape.x + shape.width, shape.y + shape.height


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > _SLACK and min(a[3], b[3]) - max(a[1], b[1]) > _SLACK


def findings(plan: DeckPlan) -> list[Diagnostic]:
    """Everything the build reports about the plan, errors first, each placed on its slides."""
    return problems(plan) + chart_warnings(plan) + split_notes(plan)


def problems(plan: DeckPlan) -> list[Diagnostic]:
    """Text outside the content area or over other text, or cut to fit: errors, since a presenter
    would see them. Each is placed at the text's own content when the box knows it, else the slide's."""
    found = []
    for number, slide in enumerate(plan.slides, 1):
        def at(boxes, message: str, hint: str = "shorten the text, or split the block") -> None:
            if boxes:
                origin = next((b.origin for b in boxes if getattr(b, "origin", None)), None) or slide.origin or NOWHERE
                found.append(Diagnostic.at(origin, message, level="error", where=f"slide {number}", hint=hint))

        content = [s for s in slide.shapes if isinstance(s, (TextBox, TableBox, Picture, ChartBox))
                   and s.y < FOOTER_Y and not getattr(s, "furniture", False)]
        boxes = [_box(s) for s in content]
        at([s for s, b in zip(content, boxes) if b[3] > BOTTOM + _SLACK or b[2] > WIDTH - MARGIN + _SLACK
            or b[0] < MARGIN - _SLACK], "text does not fit the slide even at the smallest allowed size: it runs past the content area")
        at([content[i] for i, a in enumerate(boxes) if any(_overlap(a, b) for b in boxes[i + 1:])], "text runs into other text")
        at([s for s in content if isinstance(s, TextBox) and any(p.size < MIN_BODY for p in s.paragraphs) and not s.problem],
           f"text is smaller than {MIN_BODY:g} pt")
        for box in (s for s in slide.shapes if isinstance(s, TextBox) and s.problem):
            at([box], box.problem, "shorten it (a forced build shows it cut short, or set smaller)")
        found += _footer_problems(slide, number)
    return _merged(found)


def _merged(found: list[Diagnostic]) -> list[Diagnostic]:
    """One finding for the same problem of the same content on several slides (a source line too
    long on each of a callout's slides, a marking on every slide), naming all of them."""
    slides: dict[Diagnostic, list[int]] = {}
    for finding in found:
        slides.setdefault(replace(finding, where=""), []).append(int(finding.where.split()[-1]))
    return [replace(finding, where=spans("slide", numbers)) for finding, numbers in slides.items()]


def _footer_problems(slide, number: int) -> list[Diagnostic]:
    """The marking and the slide number stay on the slide and clear of each other and of the content."""
    footer = [s for s in slide.shapes if isinstance(s, TextBox) and s.furniture]
    boxes = [_box(s) for s in footer]
    clash = any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    off = any(b[0] < -_SLACK or b[1] < BOTTOM - _SLACK or b[2] > WIDTH + _SLACK or b[3] > HEIGHT + _SLACK for b in boxes)
    if not (clash or off):
        return []
    origin = next((s.origin for s in footer if s.origin), None) or slide.origin or NOWHERE
    return [Diagnostic.at(origin, "the slide's footer text runs into the slide number or off the slide", level="error",
                          where=f"slide {number}", hint="shorten the marking")]


def chart_warnings(plan: DeckPlan) -> list[Diagnostic]:
    found = []
    for number, slide in enumerate(plan.slides, 1):
        for chart in (s for s in slide.shapes if isinstance(s, ChartBox) and s.font_size < DECK_CHART_SMALL):
            found.append(Diagnostic.at(
                chart.block.origin, f"chart labels are set at {chart.font_size:g} pt to fit {len(chart.block.categories)} "
                f"categories on one slide", level="warning", where=f"slide {number}",
                hint="show fewer categories for a projector, or split the chart"))
        for chart in (s for s in slide.shapes if isinstance(s, ChartBox) and s.picture and s.picture.thickness is not None
                      and s.picture.thickness < THINNEST_SLIDE):
            found.append(Diagnostic.at(
                chart.block.origin, f"the chart's bars are {chart.picture.thickness:.1f} pt wide on the slide, too thin to "
                "see from the room", level="warning", where=f"slide {number}",
                hint="show fewer categories on a slide, or use a line chart for a long series"))
    return found


THINNEST_SLIDE = 1.5  # points: three pixels on a 1920 x 1080 screen; a bar thinner than that projects as a hairline
MOST_CONTINUED = 4  # a block on more continuation slides than this is no longer presented: a warning


def split_notes(plan: DeckPlan) -> list[Diagnostic]:
    """A note for each block continued over slides; a warning, naming what to do, for one that
    takes more than four continuation slides, which nobody presents."""
    found = []
    for split in plan.splits:
        where = f"slides {split.first + 1}-{split.first + split.count}"
        message = f"{split.what} continues over {split.count} slides"
        if split.count - 1 > MOST_CONTINUED:
            found.append(Diagnostic.at(split.origin, message, level="warning", where=where, hint=_long_hint(split.origin.path)))
        else:
            found.append(Diagnostic.at(split.origin, message, level="note", where=where))
    return found


def _long_hint(path: str) -> str:
    """What a block on too many slides can do: show its top rows or categories, or stay in the PDF."""
    if path.endswith(".table"):
        return "show its first rows on the slides with `deck: {rows: 10}`, or keep it to the PDF with `only: pdf`"
    if path.endswith(".chart"):
        return "show its first categories on the slides with `deck: {categories: 15}`, or keep it to the PDF with `only: pdf`"
    return "shorten it or split it for the slides, or keep it to the PDF with `only: pdf`"
