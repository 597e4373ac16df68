"""Charts: laid out once in points, drawn once by matplotlib, handed to both writers.

The PDF needs vector primitives with real, searchable text in the embedded Carlito; the deck needs
a sharp PNG. So one `Figure` is built per chart and drawn twice: by `_Recorder` (a tiny matplotlib
renderer at 72 dpi that records paths and text in paint order) and by Agg (the PNG).

The layout is computed here in points rather than by axes and tight_layout: every text is anchored
at its baseline-left corner and measured from the same font file, unhinted and without kerning or
ligatures (reportlab's drawString has neither), so Agg, the recorder and reportlab put each glyph in
the same place, and collisions are avoided by construction instead of hoped away. There are no
axes: every bar carries its value, so a value axis would only repeat it; a baseline remains.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, get_font, weight_dict
from matplotlib.ft2font import LoadFlags
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from .model import ChartBlock, Document
from .theme import DEFAULT_THEME, Theme

FEATURES = ("-kern", "-liga", "-clig")  # reportlab neither kerns nor ligates; so neither do we
MIN_TEXT = 7.0  # no chart text below this, whatever the theme says
PAD = 2.0  # clear margin at the figure edge
LABEL_GAP = 3.0  # bar end to its value label
CAT_GAP = 5.0  # baseline to category labels
MIN_BAR = 1.0  # a non-zero bar is never shorter, so 13 beside 3,443 still shows (~4 px at 300 dpi)
BAR_MAX, HBAR_MAX = 48.0, 22.0  # a chart of few categories should not become slabs


@dataclass(frozen=True)
class VectorPath:
    segments: tuple[tuple[str, tuple[float, ...]], ...]  # M L C Z, in points, y up
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


@dataclass(frozen=True)
class RenderedChart:
    vector: VectorChart
    png: bytes
    png_size: tuple[int, int]
    alt_text: str


def _metrics(path: str, size: float, text: str) -> tuple[float, float, float]:
    """Width, height, descent in points, laid out unhinted as matplotlib's PDF backend measures."""
    font = get_font(path)
    font.clear()
    font.set_size(size, 72)
    font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING, features=FEATURES)
    w, h = font.get_width_height()
    return w / 64, h / 64, font.get_descent() / 64


@lru_cache(maxsize=4096)
def _width(path: str, size: float, text: str) -> float:
    return _metrics(path, size, text)[0]


@dataclass(frozen=True)
class _Font:
    """One face at one size, with the hhea line metrics (as reportlab uses them) the layout needs."""

    path: str
    size: float
    ascent: float
    descent: float
    pitch: float  # baseline to baseline

    @classmethod
    def of(cls, path: str, size: float) -> _Font:
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
            while self.width(word) > width and len(word) > 1:
                cut = max((i for i in range(1, len(word)) if self.width(word[:i] + "-") <= width), default=1)
                lines.append(word[:cut] + "-")
                word = word[cut:]
            if lines and not lines[-1].endswith("-") and self.width(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]


@dataclass
class _Plan:
    """What to draw, in points from the bottom-left, before matplotlib is involved."""

    bars: list[tuple[float, float, float, float, str]]  # x, y, width, height, colour
    rules: list[tuple[float, float, float, float]]  # x0, y0, x1, y1
    texts: list[tuple[float, float, str, _Font, float]]  # x, y, text, font, angle


def _plan(block: ChartBlock, theme: Theme, width: float, height: float,
          span: tuple[float, float] | None = None) -> _Plan:
    """Place bars, value labels, category labels, legend and baseline so that nothing collides.

    `span` (least, greatest value) fixes the scale, so the parts of a chart shown on several
    slides draw equal values as equal bars."""
    cat = _Font.of(str(theme.typeface.regular), max(MIN_TEXT, theme.chart.font_size))
    val = _Font.of(str(theme.typeface.regular), max(MIN_TEXT, theme.chart.value_size))
    plan = _Plan([], [], [])
    top = height - PAD - _legend(plan, block, theme, cat, width, height)
    values = [v for s in block.series for v in s.values]
    vmax, vmin = max([0.0, *values]), min([0.0, *values])
    if span is not None:
        vmin, vmax = min(vmin, span[0]), max(vmax, span[1])
    shown = [[block.format.format(v) for v in s.values] for s in block.series]
    widest = max((val.width(t) for row in shown for t in row), default=0.0)
    n, k, vertical = max(1, len(block.categories)), max(1, len(block.series)), block.kind != "hbar"
    if vertical:
        slot = (width - 2 * PAD) / n
        group = min(slot * (0.72 if k == 1 else 0.8), k * BAR_MAX * theme.chart.bar_scale)
        upright = widest + 2 <= (group / k if k > 1 else slot)  # else labels turn to read upwards
        lines = [cat.wrap(c, slot - 4) for c in block.categories]
        bottom = PAD + CAT_GAP + cat.ascent + (max(map(len, lines), default=1) - 1) * cat.pitch + cat.descent
        room = LABEL_GAP + (val.ascent + val.descent if upright else widest)
        start, end = bottom, top
    else:
        slot = (top - PAD) / n
        group = min(slot * (0.7 if k == 1 else 0.8), k * HBAR_MAX * theme.chart.bar_scale)
        fits = max(1, math.floor((slot - 2 - cat.ascent - cat.descent) / cat.pitch) + 1)
        for share in (0.3, 0.4, 0.5):  # the narrowest label column whose wrapped labels fit their slot
            lines = [cat.wrap(c, width * share) for c in block.categories]
            if max(map(len, lines), default=1) <= fits:
                break
        column = max((cat.width(line) for ls in lines for line in ls), default=0.0)
        room, start, end = LABEL_GAP + widest, PAD + column + CAT_GAP, width - PAD
    below = room if vmin < 0 else 0.0  # negative bars need label room on their side too
    scale = max(end - start - room - below, 1.0) / ((vmax - vmin) or 1.0)
    base, bar = start + below - vmin * scale, group / k
    thick = bar - (1.0 if k > 1 else 0.0)  # a hairline of paper between bars of one group
    for j, series in enumerate(block.series):
        colour = theme.palette.series[j % len(theme.palette.series)]
        for i, value in enumerate(series.values[:n]):
            length = value * scale
            if value and abs(length) < MIN_BAR:
                length = math.copysign(MIN_BAR, value)
            tip, label = base + length, shown[j][i]
            reach = LABEL_GAP + (0 if length >= 0 else val.width(label))  # value labels sit past the bar end
            if vertical:
                mid = PAD + slot * (i + 0.5) - group / 2 + bar * (j + 0.5)
                if value:
                    plan.bars.append((mid - thick / 2, min(base, tip), thick, abs(length), colour))
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
    for i, ls in enumerate(lines):
        for m, line in enumerate(ls):
            if vertical:
                x, y = PAD + slot * (i + 0.5) - cat.width(line) / 2, bottom - CAT_GAP - cat.ascent - m * cat.pitch
            else:  # right-aligned, the block of lines centred on its slot
                first = top - slot * (i + 0.5) + (cat.ascent + cat.descent + (len(ls) - 1) * cat.pitch) / 2 - cat.ascent
                x, y = PAD + column - cat.width(line), first - m * cat.pitch
            plan.texts.append((x, y, line, cat, 0.0))
    plan.rules.append((PAD, base, width - PAD, base) if vertical else (base, PAD, base, top))
    return plan


def _legend(plan: _Plan, block: ChartBlock, theme: Theme, font: _Font, width: float, height: float) -> float:
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


def _figure(plan: _Plan, theme: Theme, width: float, height: float) -> Figure:
    """Matplotlib artists placed in points through dpi_scale_trans, so one figure serves any dpi."""
    fig = Figure(figsize=(width / 72, height / 72), dpi=72)
    pt = Affine2D().scale(1 / 72) + fig.dpi_scale_trans
    for x, y, w, h, colour in plan.bars:
        fig.add_artist(Rectangle((x, y), w, h, transform=pt, facecolor=colour, edgecolor="none", linewidth=0))
    for x0, y0, x1, y1 in plan.rules:
        fig.add_artist(Line2D([x0, x1], [y0, y1], transform=pt, color=theme.palette.muted, linewidth=0.75,
                              solid_capstyle="butt"))
    for x, y, s, font, angle in plan.texts:
        fig.add_artist(Text(x, y, s, transform=pt, color=theme.palette.ink, rotation=angle, rotation_mode="anchor",
                            fontproperties=FontProperties(fname=font.path, size=font.size), ha="left",
                            va="baseline", parse_math=False, usetex=False, fontfeatures=FEATURES))
    return fig


def _r(value: float) -> float:
    return round(float(value), 3) + 0.0  # + 0.0 turns -0.0 into 0.0


class _Recorder(RendererBase):
    """A matplotlib renderer that keeps what it is asked to draw: points, y up, paint order."""

    def __init__(self, width: float, height: float, fonts: frozenset[str]):
        super().__init__()
        self.width, self.height, self.fonts = width, height, fonts
        self.items: list[VectorPath | VectorText] = []

    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        return points

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def draw_image(self, gc: GraphicsContextBase, x: float, y: float, im: Any, transform: Any = None) -> None:
        raise NotImplementedError("charts draw no images")

    def draw_path(self, gc: GraphicsContextBase, path: MplPath, transform: Any, rgbFace: Any = None) -> None:
        forced, rgb, width = gc.get_forced_alpha(), gc.get_rgb(), gc.get_linewidth()
        fill_alpha = gc.get_alpha() if forced else (rgbFace[3] if rgbFace is not None and len(rgbFace) > 3 else 1.0)
        stroke_alpha = gc.get_alpha() if forced else (rgb[3] if len(rgb) > 3 else 1.0)
        fill = to_hex(rgbFace[:3]).upper() if rgbFace is not None and fill_alpha > 0 else None
        stroke = to_hex(rgb[:3]).upper() if width > 0 and stroke_alpha > 0 else None
        if fill is None and stroke is None:
            return
        segments: list[tuple[str, tuple[float, ...]]] = []
        here = start = (0.0, 0.0)
        for verts, code in path.iter_segments(transform, curves=True, simplify=False):
            pts = tuple(float(v) for v in verts)
            if code == MplPath.MOVETO:
                segments.append(("M", pts[:2]))
                start = pts[:2]
            elif code == MplPath.LINETO:
                segments.append(("L", pts[:2]))
            elif code == MplPath.CURVE3:  # as a cubic: controls two thirds of the way to the quadratic's
                (cx, cy), end = pts[:2], pts[2:4]
                segments.append(("C", (here[0] + 2 / 3 * (cx - here[0]), here[1] + 2 / 3 * (cy - here[1]),
                                       end[0] + 2 / 3 * (cx - end[0]), end[1] + 2 / 3 * (cy - end[1]), *end)))
            elif code == MplPath.CURVE4:
                segments.append(("C", pts[:6]))
            elif code == MplPath.CLOSEPOLY:
                segments.append(("Z", ()))
                pts = start
            here = pts[-2:]
        _, dashes = gc.get_dashes()
        self.items.append(VectorPath(
            tuple((op, tuple(_r(v) for v in p)) for op, p in segments), fill, stroke, _r(width) if stroke else 0.0,
            _r(fill_alpha) if fill else 1.0, _r(stroke_alpha) if stroke else 1.0,
            tuple(_r(d) for d in dashes) if stroke and dashes else None, gc.get_capstyle(), gc.get_joinstyle()))

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: FontProperties, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        if ismath:
            raise ValueError(f"chart text must be plain, not math: {s!r}")
        self._check(prop)
        bold = weight_dict.get(prop.get_weight(), prop.get_weight()) >= 600
        self.items.append(VectorText(_r(x), _r(y), s, _r(prop.get_size_in_points()), bold,
                                     to_hex(gc.get_rgb()[:3]).upper(), _r(angle)))

    def get_text_width_height_descent(self, s: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
        self._check(prop)
        return _metrics(str(prop.get_file()), prop.get_size_in_points(), s)

    def _check(self, prop: FontProperties) -> None:
        """Refuse any font but the theme's files, so no text can fall back to DejaVu unnoticed."""
        if str(prop.get_file()) not in self.fonts:
            raise ValueError(f"chart text must use the theme's typeface files, not {prop.get_file()}")


def _png(rgba: memoryview, width: int, height: int, dpi: int) -> bytes:
    """An RGB PNG written straight from Agg's opaque buffer: PIL's adaptive row filters triple the
    encode time on flat chart art for no gain, while unfiltered rows through fast zlib stay small
    (solid fills are long runs). No alpha channel, which some slide renderers tint as a soft mask;
    no timestamp or software tag, so the bytes depend only on pixels."""
    rgb = np.ascontiguousarray(np.asarray(rgba)[:, :, :3])
    pixels, stride, packer = memoryview(rgb).cast("B"), width * 3, zlib.compressobj(3)
    body = [piece for row in range(height)  # each row: filter type 0, then the row as it is
            for piece in (packer.compress(b"\0"), packer.compress(pixels[row * stride:(row + 1) * stride]))]

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    per_metre = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            + chunk(b"IDAT", b"".join(body) + packer.flush()) + chunk(b"IEND", b""))


def _height(block: ChartBlock, theme: Theme) -> float:
    """The theme's height, or taller for horizontal bars: each bar needs room for its value label."""
    base = theme.chart.height_in * 72
    if block.kind != "hbar":
        return base
    val = _Font.of(str(theme.typeface.regular), max(MIN_TEXT, theme.chart.value_size))
    series = max(1, len(block.series))
    slot = series * (val.ascent + val.descent + 1.5) / (0.7 if series == 1 else 0.8)  # bars fill 70-80% of a slot
    legend = val.pitch * 2 + 6 if series > 1 else 0.0
    return max(base, math.ceil(2 * PAD + legend + len(block.categories) * slot))


def render_chart(block: ChartBlock, theme: Theme = DEFAULT_THEME, raster: bool = True) -> RenderedChart:
    """Lay out one chart, record it as vectors (for the PDF) and, if asked, rasterise it at print size.

    The deck draws its own slide-sized picture (`render_picture`), so a build asks for no raster."""
    width, height = theme.chart.width_in * 72, _height(block, theme)
    fig = _figure(_plan(block, theme, width, height), theme, width, height)
    fig.patch.set_visible(False)  # the PDF page is the background
    recorder = _Recorder(width, height, frozenset({str(theme.typeface.regular), str(theme.typeface.bold)}))
    fig.draw(recorder)
    if not raster:
        fig.clear()
        return RenderedChart(VectorChart(_r(width), _r(height), tuple(recorder.items)), b"", (0, 0), block.alt_text())
    fig.patch.set_visible(True)
    fig.patch.set_facecolor(theme.palette.paper)
    fig.set_dpi(theme.chart.raster_dpi)
    canvas = FigureCanvasAgg(fig)
    with mpl.rc_context({"text.hinting": "no_hinting"}):  # glyph advances as measured, like the vector text
        canvas.draw()
    size = canvas.get_width_height()
    png = _png(canvas.buffer_rgba(), *size, theme.chart.raster_dpi)
    fig.clear()
    canvas.renderer = None  # free the raster now rather than at the next cycle collection
    return RenderedChart(VectorChart(_r(width), _r(height), tuple(recorder.items)), png, size, block.alt_text())


def render_charts(document: Document, theme: Theme = DEFAULT_THEME, raster: bool = True) -> dict[ChartBlock, RenderedChart]:
    """Every distinct chart of the document, each rendered once."""
    rendered: dict[ChartBlock, RenderedChart] = {}
    for block in document.charts():
        if block not in rendered:
            rendered[block] = render_chart(block, theme, raster)
    return rendered


def needed_height(block: ChartBlock, theme: Theme) -> float:
    """The least height, in points, at which the chart's labels do not collide (grows with hbar bars)."""
    return _height(block, theme)


def render_picture(block: ChartBlock, theme: Theme, width: float, height: float,
                   span: tuple[float, float] | None = None) -> tuple[bytes, tuple[int, int]]:
    """The chart drawn to a given box (points) at the theme's chart sizes, as an opaque PNG only.

    The deck uses this for a slide-sized picture whose text is set for a projector, leaving the
    PDF's chart (and its vectors) as they are."""
    fig = _figure(_plan(block, theme, width, height, span), theme, width, height)
    fig.patch.set_facecolor(theme.palette.paper)
    fig.set_dpi(theme.chart.raster_dpi)
    canvas = FigureCanvasAgg(fig)
    with mpl.rc_context({"text.hinting": "no_hinting"}):
        canvas.draw()
    size = canvas.get_width_height()
    png = _png(canvas.buffer_rgba(), *size, theme.chart.raster_dpi)
    fig.clear()
    canvas.renderer = None
    return png, size
