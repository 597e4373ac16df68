"""Charts: laid out once in points, drawn once by matplotlib, handed to both writers.

The PDF needs vector primitives with real, searchable text in the embedded Carlito; the deck needs
a sharp PNG. So each chart is planned once, in points: the plan becomes the PDF's vector items
directly and a matplotlib `Figure` that Agg rasterises (the PNG), in the same paint order.

The layout is computed here in points rather than by axes and tight_layout: every text is anchored
at its baseline-left corner and measured from the same font file, unhinted and without kerning or
ligatures (reportlab's drawString has neither), so Agg, the recorder and reportlab put each glyph in
the same place, and collisions are avoided by construction instead of hoped away. Normally there is
no value axis: every bar carries its value, so an axis would only repeat it. A vertical chart with
too many bars for their values to be read gets a light value axis instead, its category labels
turned to read upwards and, when even those cannot all fit, only every n-th category labelled (the
alt text and the deck's notes still carry every value).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from matplotlib.font_manager import get_font

from .paint import picture
from .vectors import GRID_WIDTH, RULE_WIDTH, VectorChart, VectorPath, VectorText, metrics, rounded
from ..model import ChartBlock, Document, NumberFormat
from ..theme import DEFAULT_THEME, MINIMUMS, Theme


MIN_TEXT = MINIMUMS.print_text  # no chart text below this, whatever the theme says
PAD = 2.0  # clear margin at the figure edge
LABEL_GAP = 3.0  # bar end to its value label
CAT_GAP = 5.0  # baseline to category labels
MIN_BAR = 1.0  # a non-zero bar is never shorter, so 13 beside 3,443 still shows (~4 px at 300 dpi)
BAR_MAX, HBAR_MAX = 48.0, 22.0  # a chart of few categories should not become slabs
TURNED_DEPTH = 12.0  # ems: a turned category label longer than this wraps into lines side by side
HBAR_SHARES = (0.3, 0.4, 0.5)  # widths of a horizontal chart's label column to try, as shares of the chart


class RenderedChart:
    """A chart as both writers take it: vector items (PDF), alt text, and a print-size PNG on demand.

    The PNG is drawn the first time it is asked for, so a build that never asks (the deck draws
    its own slide-sized picture with `render_picture`) never pays for it; asked again, it is the
    same bytes.
    """

    def __init__(self, vector: VectorChart, alt_text: str, draw: Callable[[], bytes]):
        self.vector, self.alt_text = vector, alt_text
        self._draw, self._png = draw, None

    @property
    def png(self) -> bytes:
        if self._png is None:
            self._png, self._draw = self._draw(), None
        return self._png

    @property
    def png_size(self) -> tuple[int, int]:
        """Pixel width and height, read from the PNG's header."""
        return struct.unpack(">II", self.png[16:24])


@lru_cache(maxsize=4096)
def _width(path: str, size: float, text: str) -> float:
    return metrics(path, size, text)[0]


@dataclass(frozen=True)
class Font:
    """One face at one size, with the hhea line metrics (as reportlab uses them) the layout needs."""

    path: str
    size: float
    ascent: float
    descent: float
    pitch: float  # baseline to baseline

    @classmethod
    def of(cls, path: str, size: float) -> Font:
        font = get_font(path)
        hhea, em = font.get_sfnt_table("hhea"), font.get_sfnt_table("head")["unitsPerEm"]
        ascent, descent = hhea["ascent"] * size / em, -hhea["descent"] * size / em
        return cls(path, size, ascent, descent, ascent + descent + hhea["lineGap"] * size / em)

    def width(self, text: str) -> float:
        return _width(self.path, self.size, text)

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy wrap by measured width; a word wider than the line is broken with a hyphen."""
        lines: list[str] = []
        for word in text.split():
            while len(word) > 1 and self._wider(word, width):
                cut = self._cut(word, width)
                lines.append(word[:cut] + "-")
                word = word[cut:]
            if lines and not lines[-1].endswith("-") and self.width(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]

    def _reach(self, width: float) -> int:
        """More characters than any line of `width` holds, unless the text is of hair-thin glyphs
        (a tenth of an em): measuring only that far keeps a 5,000-character word from being measured
        whole on every line it is broken into."""
        return int(width / (0.1 * self.size)) + 2

    def _wider(self, word: str, width: float) -> bool:
        reach = self._reach(width)
        if len(word) > reach and self.width(word[:reach]) > width:
            return True  # a prefix is already too wide
        return self.width(word) > width

    def _cut(self, word: str, width: float) -> int:
        """The longest prefix that fits `width` with its hyphen (at least one character). Prefix widths
        only grow, so a binary search finds it in a few measurements."""
        if self.width(word[:1] + "-") > width:
            return 1
        low, high = 1, min(len(word) - 1, self._reach(width))
        if high < len(word) - 1 and self.width(word[:high] + "-") <= width:
            high = len(word) - 1  # hair-thin glyphs: search the whole word
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(word[:middle] + "-") <= width:
                low = middle
            else:
                high = middle - 1
        return low


@dataclass
class Plan:
    """What to draw, in points from the bottom-left, before matplotlib is involved."""

    bars: list[tuple[float, float, float, float, str]]  # x, y, width, height, colour
    rules: list[tuple[float, float, float, float]]  # x0, y0, x1, y1
    texts: list[tuple[float, float, str, Font, float]]  # x, y, text, font, angle
    grid: list[tuple[float, float, float, float]] = field(default_factory=list)  # drawn under the bars


@dataclass(frozen=True)
class _Columns:
    """How a vertical chart spends its width, and how its category labels are set."""

    left: float  # where the bars start (after the value axis, if any)
    slot: float  # width per category
    group: float  # width of one category's bars
    ticks: tuple[float, ...]  # value-axis ticks; empty when every bar carries its value
    upright: bool  # value labels read across (else upwards)
    turned: bool  # category labels read upwards
    step: int  # label every step-th category


def _columns(block: ChartBlock, width: float, cat: Font, val: Font, bar_max: float,
             span: tuple[float, float] | None = None) -> _Columns:
    """Value labels on every bar while they fit (across, else turned upwards); past that, a value
    axis covering the values (and `span`, when the scale is shared)."""
    n, k = max(1, len(block.categories)), max(1, len(block.series))
    shown = [block.format.format(v) for s in block.series for v in s.values]
    widest = max((val.width(t) for t in shown), default=0.0)
    left, ticks = PAD, ()
    slot = (width - PAD - left) / n
    group = min(slot * (0.72 if k == 1 else 0.8), k * bar_max)
    pitch = group / k if k > 1 else slot
    upright = widest + 2 <= pitch
    if not upright and pitch < val.ascent + val.descent + 1:  # even turned, neighbouring labels would touch
        values = [v for s in block.series for v in s.values] + list(span or ())
        ticks = _ticks(min([0.0, *values]), max([0.0, *values]))
        left = PAD + max(val.width(_tick_format(block).format(t)) for t in ticks) + LABEL_GAP
        slot = (width - PAD - left) / n
        group = min(slot * (0.72 if k == 1 else 0.8), k * bar_max)
    words = [cat.width(word) for c in block.categories for word in c.split()]
    turned = max(words, default=0.0) > slot - 4 or max(len(cat.wrap(c, slot - 4)) for c in block.categories) > 5
    step = max(1, math.ceil((cat.ascent + cat.descent + 1) / slot)) if turned else 1
    return _Columns(left, slot, group, ticks, upright, turned, step)


def _ticks(low: float, high: float, count: int = 5) -> tuple[float, ...]:
    """Round values (1, 2, 2.5 or 5 times a power of ten apart) spanning low..high in about `count` steps."""
    raw = ((high - low) or 1.0) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return tuple(round(i * step, 10) + 0.0 for i in range(first, last + 1))


def _tick_format(block: ChartBlock) -> NumberFormat:
    """The chart's format, but ticks are round numbers: '400', not '400.0'."""
    return replace(block.format, decimals=None)


def _label_depth(block: ChartBlock, columns: _Columns, cat: Font) -> float:
    """Room below the baseline for the category labels."""
    if columns.turned:
        return max(cat.width(line) for lines in _turned_labels(block, columns, cat) for line in lines)
    lines = max(len(cat.wrap(c, columns.slot - 4)) for c in block.categories)
    return cat.ascent + (lines - 1) * cat.pitch + cat.descent


def _turned_labels(block: ChartBlock, columns: _Columns, cat: Font) -> list[list[str]]:
    """Each labelled category's turned label as lines side by side in its slot: one line while it is
    no longer than TURNED_DEPTH ems, else wrapped (a word longer than a line breaks with a hyphen)
    to that depth, deeper only when its slot cannot hold that many lines. Every character is printed,
    and a 500-character label cannot make the chart thousands of points tall."""
    depth = TURNED_DEPTH * cat.size
    across = max(1, math.floor((columns.slot * columns.step - 2 - cat.ascent - cat.descent) / cat.pitch) + 1)
    labels = []
    for label in block.categories[::columns.step]:
        room, lines = depth, [label]
        while cat.width(label) > depth and len(lines := cat.wrap(label, room)) > across:
            room *= 1.25
        labels.append(lines)
    return labels


def _plan(block: ChartBlock, theme: Theme, width: float, height: float,
          span: tuple[float, float] | None = None, whole: ChartBlock | None = None) -> Plan:
    """Place bars, value labels, category labels, legend and baseline so that nothing collides.

    `span` (least, greatest value) fixes the scale, so the parts of a chart shown on several
    slides draw equal values as equal bars. A horizontal chart printed in parts also passes the
    `whole` chart, so every part has the same label column and value-label room, and so the same bars."""
    cat, val = _fonts(theme)
    plan = Plan([], [], [])
    top = height - PAD - _legend(plan, block, theme, cat, width, height)
    values = [v for s in block.series for v in s.values]
    vmax, vmin = max([0.0, *values]), min([0.0, *values])
    if span is not None:
        vmin, vmax = min(vmin, span[0]), max(vmax, span[1])
    shown = [[block.format.format(v) for v in s.values] for s in block.series]
    whole = whole or block
    widest = max((val.width(whole.format.format(v)) for s in whole.series for v in s.values), default=0.0)
    n, k, vertical = max(1, len(block.categories)), max(1, len(block.series)), block.kind != "hbar"
    columns, left, lines = None, PAD, []
    if vertical:
        columns = _columns(block, width, cat, val, BAR_MAX * theme.chart.bar_scale, span)
        left, slot, group, upright = columns.left, columns.slot, columns.group, columns.upright
        bottom = PAD + CAT_GAP + _label_depth(block, columns, cat)
        if columns.ticks:  # a value axis: no labels on the bars, the top tick's label needs half a line
            vmin, vmax = columns.ticks[0], columns.ticks[-1]
            room = val.ascent / 2 + 1
        else:
            room = LABEL_GAP + (val.ascent + val.descent if upright else widest)
        start, end = bottom, top
        if not columns.turned:
            lines = [cat.wrap(c, slot - 4) for c in block.categories]
    else:
        slot = (top - PAD) / n
        group = min(slot * (0.7 if k == 1 else 0.8), k * HBAR_MAX * theme.chart.bar_scale)
        fits = max(1, math.floor((slot - 2 - cat.ascent - cat.descent) / cat.pitch) + 1)
        for share in HBAR_SHARES:  # the narrowest label column whose wrapped labels fit their slot
            measured = [cat.wrap(c, width * share) for c in whole.categories]
            if max(map(len, measured), default=1) <= fits:
                break
        column = max((cat.width(line) for ls in measured for line in ls), default=0.0)
        lines = measured if whole is block else [cat.wrap(c, width * share) for c in block.categories]
        room, start, end = LABEL_GAP + widest, PAD + column + CAT_GAP, width - PAD
    below = room if vmin < 0 and not (columns and columns.ticks) else 0.0  # negative bars need label room too
    scale = max(end - start - room - below, 1.0) / ((vmax - vmin) or 1.0)
    base, bar = start + below - vmin * scale, group / k
    thick = bar - (1.0 if k > 1 else 0.0)  # a hairline of paper between bars of one group
    labelled = not (columns and columns.ticks)
    for j, series in enumerate(block.series):
        colour = theme.palette.series[j % len(theme.palette.series)]
        for i, value in enumerate(series.values[:n]):
            length = value * scale
            if value and abs(length) < MIN_BAR:
                length = math.copysign(MIN_BAR, value)
            tip, label = base + length, shown[j][i]
            reach = LABEL_GAP + (0 if length >= 0 else val.width(label))  # value labels sit past the bar end
            if vertical:
                mid = left + slot * (i + 0.5) - group / 2 + bar * (j + 0.5)
                if value:
                    plan.bars.append((mid - thick / 2, min(base, tip), thick, abs(length), colour))
                if not labelled:
                    continue
                if upright:
                    y = tip + LABEL_GAP + val.descent if length >= 0 else tip - LABEL_GAP - val.ascent
                    plan.texts.append((mid - val.width(label) / 2, y, label, val, 0.0))
                else:
                    y = tip + reach if length >= 0 else tip - reach
                    plan.texts.append((mid + (val.ascent - val.descent) / 2, y, label, val, 90.0))
            else:
                mid = top - slot * (i + 0.5) + group / 2 - bar * (j + 0.5)
                if value:
                    plan.bars.append((min(base, tip), mid - thick / 2, abs(length), thick, colour))
                x = tip + reach if length >= 0 else tip - reach
                plan.texts.append((x, mid - (val.ascent - val.descent) / 2, label, val, 0.0))
    if columns and columns.turned:  # read upwards, ending just under the baseline, the lines centred on the slot
        for i, labels in zip(range(0, n, columns.step), _turned_labels(block, columns, cat)):
            mid = left + slot * (i + 0.5) + (cat.ascent - cat.descent) / 2 - (len(labels) - 1) * cat.pitch / 2
            for m, label in enumerate(labels):
                plan.texts.append((mid + m * cat.pitch, bottom - CAT_GAP - cat.width(label), label, cat, 90.0))
    for i, ls in enumerate(lines):
        for m, line in enumerate(ls):
            if vertical:
                x, y = left + slot * (i + 0.5) - cat.width(line) / 2, bottom - CAT_GAP - cat.ascent - m * cat.pitch
            else:  # right-aligned, the block of lines centred on its slot
                first = top - slot * (i + 0.5) + (cat.ascent + cat.descent + (len(ls) - 1) * cat.pitch) / 2 - cat.ascent
                x, y = PAD + column - cat.width(line), first - m * cat.pitch
            plan.texts.append((x, y, line, cat, 0.0))
    for tick in (columns.ticks if columns else ()):
        y, label = base + tick * scale, _tick_format(block).format(tick)
        if tick:
            plan.grid.append((left, y, width - PAD, y))
        plan.texts.append((left - LABEL_GAP - val.width(label), y - (val.ascent - val.descent) / 2, label, val, 0.0))
    plan.rules.append((left, base, width - PAD, base) if vertical else (base, PAD, base, top))
    return plan


def _fonts(theme: Theme) -> tuple[Font, Font]:
    """Category and value label faces, never below the smallest size allowed."""
    regular = str(theme.typeface.regular)
    return (Font.of(regular, max(MIN_TEXT, theme.chart.font_size)), Font.of(regular, max(MIN_TEXT, theme.chart.value_size)))


def _legend(plan: Plan, block: ChartBlock, theme: Theme, font: Font, width: float, height: float) -> float:
    """A frameless key along the top, only when there is more than one series; returns its depth."""
    if len(block.series) < 2:
        return 0.0
    swatch, x, y = 0.8 * font.size, PAD, height - PAD - font.ascent
    for j, series in enumerate(block.series):
        entry = swatch + 4 + font.width(series.name)
        if x > PAD and x + entry > width - PAD:
            x, y = PAD, y - font.pitch
        colour = theme.palette.series[j % len(theme.palette.series)]
        plan.bars.append((x, y + 0.33 * font.size - swatch / 2, swatch, swatch, colour))
        plan.texts.append((x + swatch + 4, y, series.name, font, 0.0))
        x += entry + 12
    return height - PAD - y + font.descent + 6


def _vectors(plan: Plan, theme: Theme) -> tuple[VectorPath | VectorText, ...]:
    """The plan as the PDF draws it, in the order matplotlib paints the figure (gridlines, bars,
    rules, texts), so the vector page and the deck's picture show the same thing."""
    def line(x0: float, y0: float, x1: float, y1: float, colour: str, width: float) -> VectorPath:
        return VectorPath((("M", (rounded(x0), rounded(y0))), ("L", (rounded(x1), rounded(y1)))), None, colour.upper(), rounded(width),
                          line_cap="butt", line_join="round")

    items: list[VectorPath | VectorText] = [line(*grid, theme.palette.rule, GRID_WIDTH) for grid in plan.grid]
    for x, y, w, h, colour in plan.bars:
        corners = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
        segments = (("M", corners[0]), *(("L", corner) for corner in corners[1:]))
        items.append(VectorPath(tuple((op, (rounded(a), rounded(b))) for op, (a, b) in segments) + (("Z", ()),), colour.upper(), None))
    items += [line(*rule, theme.palette.muted, RULE_WIDTH) for rule in plan.rules]
    items += [VectorText(rounded(x), rounded(y), text, rounded(font.size), False, theme.palette.ink.upper(), rounded(angle))
              for x, y, text, font, angle in plan.texts]
    return tuple(items)


def _height(block: ChartBlock, theme: Theme) -> float:
    """The theme's height, or taller: for horizontal bars each bar needs room for its value label,
    and category labels turned upwards take their length below the bars, not one line."""
    base = theme.chart.height_in * 72
    cat, val = _fonts(theme)
    if block.kind != "hbar":
        columns = _columns(block, theme.chart.width_in * 72, cat, val, BAR_MAX * theme.chart.bar_scale)
        extra = _label_depth(block, columns, cat) - (cat.ascent + cat.descent) if columns.turned else 0.0
        return base + math.ceil(max(extra, 0.0))
    fixed, slot = hbar_rows(block, theme)
    return max(base, math.ceil(fixed + len(block.categories) * slot))


def hbar_rows(block: ChartBlock, theme: Theme = DEFAULT_THEME) -> tuple[float, float]:
    """A horizontal chart's height as (fixed part, height per category): each bar needs room for its
    value label, and a long category label for its lines."""
    cat, val = _fonts(theme)
    series = max(1, len(block.series))
    slot = series * (val.ascent + val.descent + 1.5) / (0.7 if series == 1 else 0.8)  # bars fill 70-80% of a slot
    if theme.chart.width_in:  # a long label's lines fit its slot (the deck's chart is sized by its slide instead)
        lines = max(len(cat.wrap(c, theme.chart.width_in * 72 * HBAR_SHARES[-1])) for c in block.categories or [""])
        slot = max(slot, 2 + cat.ascent + cat.descent + (lines - 1) * cat.pitch)
    legend = val.pitch * 2 + 6 if series > 1 else 0.0
    return 2 * PAD + legend, slot


def render_part(block: ChartBlock, start: int, stop: int, theme: Theme = DEFAULT_THEME) -> VectorChart:
    """Categories start..stop of a horizontal chart, as vectors for one page of a chart printed in
    parts: on the whole chart's scale, with its label column, and exactly as tall as its bars need,
    so equal values are equal bars on every page."""
    part = replace(block, categories=block.categories[start:stop],
                   series=tuple(replace(s, values=s.values[start:stop]) for s in block.series))
    values = [v for s in block.series for v in s.values]
    fixed, slot = hbar_rows(block, theme)
    width, height = theme.chart.width_in * 72, fixed + (stop - start) * slot
    plan = _plan(part, theme, width, height, (min(0.0, *values), max(0.0, *values)), whole=block)
    return VectorChart(rounded(width), rounded(height), _vectors(plan, theme))


def render_chart(block: ChartBlock, theme: Theme = DEFAULT_THEME) -> RenderedChart:
    """Lay out one chart as vectors (for the PDF), with a print-size picture drawn only if asked."""
    width, height = theme.chart.width_in * 72, _height(block, theme)
    plan = _plan(block, theme, width, height)
    return RenderedChart(VectorChart(rounded(width), rounded(height), _vectors(plan, theme)), block.alt_text(),
                         lambda: picture(plan, theme, width, height)[0])


def render_charts(document: Document, theme: Theme = DEFAULT_THEME) -> dict[ChartBlock, RenderedChart]:
    """Every distinct chart of the document, each rendered once."""
    rendered: dict[ChartBlock, RenderedChart] = {}
    for block in document.charts():
        if block not in rendered:
            rendered[block] = render_chart(block, theme)
    return rendered


def needed_height(block: ChartBlock, theme: Theme) -> float:
    """The least height, in points, at which the chart's labels do not collide (grows with hbar bars)."""
    return _height(block, theme)


def render_picture(block: ChartBlock, theme: Theme, width: float, height: float,
                   span: tuple[float, float] | None = None) -> tuple[bytes, tuple[int, int]]:
    """The chart drawn to a given box (points) at the theme's chart sizes, as an opaque PNG only.

    A picture laid out and painted in one call; the deck plans its pictures with `plan_picture`
    while it lays out its slides and paints them with `paint_picture`, so it lays out each once."""
    return paint_picture(plan_picture(block, theme, width, height, span), theme, width, height)


def plan_picture(block: ChartBlock, theme: Theme, width: float, height: float,
                 span: tuple[float, float] | None = None) -> Plan:
    """The chart laid out for a box of its own (points) at the theme's chart sizes, not yet painted:
    the deck keeps this with the slide it planned, so `check` lays charts out without painting."""
    return _plan(block, theme, width, height, span)


def paint_picture(plan: Plan, theme: Theme, width: float, height: float) -> tuple[bytes, tuple[int, int]]:
    """A plan from `plan_picture` painted as an opaque PNG: its bytes and pixel size."""
    return picture(plan, theme, width, height)
