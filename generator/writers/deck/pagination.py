"""Balanced continuation: how a block too long for one slide is spread over '(cont.)' slides.

A block first shrinks its text within the size limits; what still does not fit is cut at line
boundaries into pieces that each fit a slide, and the pieces are spread evenly over as few slides
as they need, so a list of twelve never ends with a slide holding one.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ...measure import wrap


def line_pieces(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """The text cut at line boundaries into as few pieces of at most `max_lines` wrapped lines as
    it needs, evenly filled.

    Greedy wrapping restarts identically at a line boundary, so each piece, wrapped again at the
    same width and size, breaks into the same lines it was measured with."""
    lines = wrap(text, width, size, bold)
    if len(lines) <= max(1, max_lines):
        return [text]  # whole, exactly as written
    pieces = -(-len(lines) // max(1, max_lines))
    step = -(-len(lines) // pieces)  # as many lines in each piece as the others, give or take one
    return [" ".join(lines[i:i + step]) for i in range(0, len(lines), step)] or [""]


def largest_on_fewest_slides(sizes: tuple[float, ...], layout, slides_of):
    """Shrink within the limits until the block fits one slide; when even the smallest size needs
    more, the largest size that needs no more slides than the smallest, so no room is wasted."""
    laid = {}
    for size in sizes:
        laid[size] = layout(size)
        if slides_of(laid[size]) <= 1:
            return size, laid[size]
    fewest = slides_of(laid[sizes[-1]])
    size = next(size for size in sizes if slides_of(laid[size]) <= max(1, fewest))
    return size, laid[size]


def balanced(heights: list[float], room: Callable[[int], float], tail: float = 0.0) -> list[int]:
    """How many items go on each slide: as few slides as greedy filling needs, then the items
    spread so the slides are as even as that count allows (ten and two become six and six).

    `room(n)` is the height free on the n-th slide; `tail` is what the last slide also carries
    (a table's note). An item taller than its room still takes a slide of its own."""
    fewest = _greedy(heights, room, tail, math.inf)
    if len(fewest) <= 1:
        return fewest
    even = _even(heights, room, tail, len(fewest))
    if even:
        return even
    cap = max(max(heights), sum(heights) / len(fewest))
    while True:
        counts = _greedy(heights, room, tail, cap)
        if len(counts) <= len(fewest):
            return counts
        cap += 2.0


def _even(heights: list[float], room: Callable[[int], float], tail: float, slides: int) -> list[int] | None:
    """Each slide takes what brings it nearest an equal share of what is left; None if that overfills one."""
    counts: list[int] = []
    start = 0
    for index in range(slides):
        target = sum(heights[start:]) / (slides - index)
        used, count = 0.0, 0
        last = index == slides - 1
        while start + count < len(heights) and (last or count == 0 or used + heights[start + count] / 2 <= target):
            used += heights[start + count]
            count += 1
        if used + (tail if last else 0.0) > room(index) or (count == 0 and start < len(heights)):
            return None
        counts.append(count)
        start += count
    return counts if start == len(heights) and all(counts) else None


def _greedy(heights: list[float], room: Callable[[int], float], tail: float, cap: float) -> list[int]:
    """Fill each slide in turn as far as `cap` (and its room) allows: the fewest slides, unevenly."""
    counts: list[int] = []
    start = 0
    while start < len(heights):
        limit = room(len(counts))
        used, count = 0.0, 0
        while start + count < len(heights) and (count == 0 or used + heights[start + count] <= min(limit, cap)):
            used += heights[start + count]
            count += 1
        if start + count == len(heights) and used + tail > limit and count > 1:
            used -= heights[start + count - 1]
            count -= 1  # the last item moves on, so the tail fits beside it
        counts.append(count)
        start += count
    return counts
