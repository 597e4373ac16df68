"""What a chart is drawn as in the PDF: vector paths and text in points, from the plan.

Items come in the order the picture paints the plan (gridlines, bars, rules, texts), so the vector
page and the deck's picture show the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Plan
from ..theme import Theme

GRID_WIDTH, RULE_WIDTH = 0.5, 0.75  # value-axis gridlines, baseline


@dataclass(frozen=True)
class VectorPath:
    segments: tuple[tuple[str, tuple[float, ...]], ...]  # M L Z, in points, y up
    fill: str | None
    stroke: str | None
    line_width: float = 0.0
    fill_alpha: float = 1.0
    stroke_alpha: float = 1.0
    dashes: tuple[float, ...] | None = None
    line_cap: str = "butt"
    line_join: str = "miter"


@dataclass(frozen=True)
class VectorText:
    x: float  # baseline-left anchor, points from the chart's bottom-left
    y: float
    text: str
    size: float
    bold: bool
    colour: str
    angle: float = 0.0  # degrees counter-clockwise about (x, y)


@dataclass(frozen=True)
class VectorChart:
    width: float
    height: float
    items: tuple[VectorPath | VectorText, ...]  # in paint order


def rounded(value: float) -> float:
    return round(float(value), 3) + 0.0  # + 0.0 turns -0.0 into 0.0


def vector_chart(plan: Plan, theme: Theme, width: float, height: float) -> VectorChart:
    """The plan as the PDF draws it, in the order the picture paints it."""
    def line(x0: float, y0: float, x1: float, y1: float, colour: str, width: float) -> VectorPath:
        return VectorPath((("M", (rounded(x0), rounded(y0))), ("L", (rounded(x1), rounded(y1)))), None, colour.upper(), rounded(width),
                          line_cap="butt", line_join="round")

    items: list[VectorPath | VectorText] = [line(*grid, theme.palette.rule, GRID_WIDTH) for grid in plan.grid]
    for x, y, w, h, colour in plan.bars:
        corners = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
        segments = (("M", corners[0]), *(("L", corner) for corner in corners[1:]))
        items.append(VectorPath(tuple((op, (rounded(a), rounded(b))) for op, (a, b) in segments) + (("Z", ()),), colour.upper(), None))
    items += [line(*rule, theme.palette.muted, RULE_WIDTH) for rule in plan.rules]
    items += [_polyline(points, colour, width, dashed) for points, colour, width, dashed in plan.lines]
    items += [VectorPath(_disc(x, y, radius), colour.upper(), None) for x, y, radius, colour in plan.marks]
    items += [VectorText(rounded(x), rounded(y), text, rounded(font.size), False, theme.palette.ink.upper(), rounded(angle))
              for x, y, text, font, angle in plan.texts]
    items += [VectorText(rounded(x), rounded(y), text, rounded(font.size), False, colour.upper(), rounded(angle))
              for x, y, text, font, angle, colour in plan.inside]
    return VectorChart(rounded(width), rounded(height), tuple(items))


DASHES = (3.0, 2.0)  # a reference line's dash and gap, in points


def _polyline(points, colour: str, width: float, dashed: bool) -> VectorPath:
    """A line chart's series or a reference line: round joins, so a line of 60 points has no spikes."""
    segments = (("M", tuple(map(rounded, points[0]))), *(("L", tuple(map(rounded, p))) for p in points[1:]))
    return VectorPath(segments, None, colour.upper(), rounded(width), dashes=DASHES if dashed else None,
                      line_cap="butt", line_join="round")


def _disc(x: float, y: float, radius: float) -> tuple[tuple[str, tuple[float, ...]], ...]:
    """A marker as four Bézier quarter circles (the PDF draws them as a true circle)."""
    k = 0.5523 * radius
    r = radius
    return (("M", (rounded(x + r), rounded(y))),
            ("C", tuple(map(rounded, (x + r, y + k, x + k, y + r, x, y + r)))),
            ("C", tuple(map(rounded, (x - k, y + r, x - r, y + k, x - r, y)))),
            ("C", tuple(map(rounded, (x - r, y - k, x - k, y - r, x, y - r)))),
            ("C", tuple(map(rounded, (x + k, y - r, x + r, y - k, x + r, y)))), ("Z", ()))
