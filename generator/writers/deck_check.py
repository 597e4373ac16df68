"""Checks a deck plan for text that would leave its slide or run into other text.

The plan places every box from measured text, so a box that reaches below the content area or
overlaps another box is text a presenter would see collide. Found problems are warnings that
name the slide and the content block behind it.
"""

from __future__ import annotations

from ..errors import Diagnostic
from .deck_plan import BOTTOM, FOOTER_Y, MARGIN, WIDTH, DeckPlan
from .deck_shapes import Picture, TableBox, TextBox

_SLACK = 0.5  # points of rounding we forgive


def _box(shape) -> tuple[float, float, float, float]:
    if isinstance(shape, TableBox):
        return shape.x, shape.y, shape.x + sum(shape.column_widths), shape.y + sum(shape.row_heights)
    return shape.x, shape.y, shape.x + shape.width, shape.y + shape.height


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > _SLACK and min(a[3], b[3]) - max(a[1], b[1]) > _SLACK


def problems(plan: DeckPlan) -> list[Diagnostic]:
    found = []
    for number, slide in enumerate(plan.slides, 1):
        content = [s for s in slide.shapes if isinstance(s, (TextBox, TableBox, Picture)) and s.y < FOOTER_Y]
        boxes = [_box(s) for s in content]
        messages = []
        if any(b[3] > BOTTOM + _SLACK or b[2] > WIDTH - MARGIN + _SLACK for b in boxes):
            messages.append("text does not fit the slide: it runs past the content area")
        if any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
            messages.append("text runs into other text")
        origin = slide.origin
        for message in messages:
            found.append(Diagnostic(origin.file if origin else "", origin.line if origin else 0,
                                    origin.column if origin else 0, origin.path if origin else "",
                                    f"deck slide {number}: {message}", "shorten the text, or split the block",
                                    level="warning"))
    return found
