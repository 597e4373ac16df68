"""Charts: laid out once in points, drawn once by matplotlib, handed to both writers.

The PDF needs vector primitives with real, searchable text in the embedded Carlito; the deck needs
a sharp PNG. So one `Figure` is built per chart and drawn twice: by `_Recorder` (a tiny matplotlib
renderer at 72 dpi that records paths and text in paint order) and by Agg (the PNG).

The layout is computed here in points, not by matplotlib's axes and tight_layout: every text is
anchored at its baseline-left corner, measured with the same font file, unhinted and without
kerning or ligatures (reportlab's drawString uses neither), so Agg, the recorder and reportlab put
every glyph in the same place, and label collisions can be prevented up front rather than hoped
away. There are no axes: every bar carries its value, so only a baseline is drawn.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from .model import ChartBlock, Document
from .theme import DEFAULT_THEME, Theme

FEATURES = ("-kern", "-liga", "-clig")  # reportlab neither kerns nor ligates; neither do we
MIN_TEXT = 7.0  # no chart text below this, whatever the theme says
PAD = 2.0  # clear margin at the figure edge
LABEL_GAP = 3.0  # bar end to value label
CAT_GAP = 5.0  # baseline to category label
MIN_BAR = 1.0  # a non-zero bar is never thinner than this, so 13 next to 3,443 still shows
BAR_MAX, HBAR_MAX = 48.0, 22.0  # few categories should not make slabs


@dataclass(frozen=True)
class VectorPath:
    segments: tuple[tuple[str, tuple[float, ...]], ...]
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
    x: float
    y: float
    text: str
    size: float
    bold: bool
    colour: str
    angle: float = 0.0


@dataclass(frozen=True)
class VectorChart:
    width: float
    height: float
    items: tuple[VectorPath | VectorText, ...]


@dataclass(frozen=True)
class RenderedChart:
    vector: VectorChart
    png: bytes
    png_size: tuple[int, int]
    alt_text: str


@lru_cache(maxsize=4096)
def _width(path: str, size: float, text: str) -> float:
    """Advance width in points, as FT2Font lays it out unhinted (the PDF backend's way)."""
    return _metrics(path, size, text)[0]


def _metrics(path: str, size: float, text: str) -> tuple[float, float, float]:
    font = get_font(path)
    font.clear()
    font.set_size(size, 72)
    font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING, features=FEATURES)
    w, h = font.get_width_height()
    return w / 64, h / 64, font.get_descent() / 64


@dataclass(frozen=True)
class _Font:
    path: str
    size: float
    colour: str

    def width(self, text: str) -> float:
        return _width(self.path, self.size, text)

    @property
    def ascent(self) -> float:
        return self._hhea("ascent")

    @property
    def descent(self) -> float:
        return -self._hhea("descent")

    @property
    def pitch(self) -> float:
        return self.ascent + self.descent + self._hhea("lineGap")

    def _hhea(self, key: str) -> float:
        font = get_font(self.path)
        return font.get_sfnt_table("hhea")[key] * self.size / font.get_sfnt_table("head")["unitsPerEm"]

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy wrap by measured width; a word wider than the line is broken with a hyphen."""
        lines: list[str] = []
        for word in text.split():
            while self.width(word) > width and len(word) > 1:
                cut = max(1, max((i for i in range(1, len(word)) if self.width(word[:i] + "-") <= width), default=1))
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

    bars: list[tuple[float, float, float, float, str]]
    rules: list[tuple[float, float, float, float, str]]
    texts: list[tuple[float, float, str, _Font, float]]


def _plan(block: ChartBlock, theme: Theme, width: float, height: float) -> _Plan:
    ink, face = theme.palette.ink, theme.typeface
    cat = _Font(str(face.regular), max(MIN_TEXT, theme.chart.font_size), ink)
    val = _Font(str(face.regular), max(MIN_TEXT, theme.chart.value_size), ink)
    plan = _Plan([], [], [])
    top = height - PAD - _legend(plan, block, theme, cat, width, height)
    values = [v for s in block.series for v in s.values] or [0.0]
    vmax, vmin = max(0.0, *values), min(0.0, *values)
    shown = [[block.format.format(v) for v in s.values] for s in block.series]
    widest = max((val.width(t) for row in shown for t in row), default=0.0)
    n, k = max(1, len(block.categories)), max(1, len(block.series))
    vertical = block.kind != "hbar"
    if vertical:
        slot = (width - 2 * PAD) / n
        group = min(slot * (0.72 if k == 1 else 0.8), k * BAR_MAX)
        upright = widest + 2 <= (group / k if k > 1 else slot)
        lines = [cat.wrap(c, slot - 4) for c in block.categories]
        depth = max(map(len, lines), default=1)
        bottom = PAD + CAT_GAP + cat.ascent + (depth - 1) * cat.pitch + cat.descent
        room = LABEL_GAP + (val.ascent + val.descent if upright else widest)
        start, end = bottom, top
    else:
        slot = (top - PAD) / n
        group = min(slot * (0.7 if k == 1 else 0.8), k * HBAR_MAX)
        fits = max(1, math.floor((slot - 2 - cat.ascent - cat.descent) / cat.pitch) + 1)
        for share in (0.3, 0.4, 0.5):  # narrowest label column whose wrapped labels fit their slot
            lines = [cat.wrap(c, width * share) for c in block.categories]
            if max(map(len, lines), default=1) <= fits:
                break
        column = max((cat.width(line) for ls in lines for line in ls), default=0.0)
        room = LABEL_GAP + widest
        start, end = PAD + column + CAT_GAP, width - PAD
    neg_room = room if vmin < 0 else 0.0
    scale = max(end - start - room - neg_room, 1.0) / ((vmax - vmin) or 1.0)
    base = start + neg_room - vmin * scale
    bar = group / k
    for j, series in enumerate(block.series):
        colour = theme.palette.series[j % len(theme.palette.series)]
        for i, value in enumerate(series.values[:n]):
            length = value * scale
            if value and abs(length) < MIN_BAR:
                length = math.copysign(MIN_BAR, value)
            tip = base + length
            label, tw = shown[j][i], val.width(shown[j][i])
            thick = bar - (1.0 if k > 1 else 0.0)
            if vertical:
                centre = PAD + slot * (i + 0.5) - group / 2 + bar * (j + 0.5)
                if value:
                    plan.bars.append((centre - thick / 2, min(base, tip), thick, abs(length), colour))
                if upright:
                    y = tip + LABEL_GAP + val.descent if length >= 0 else tip - LABEL_GAP - val.ascent
                    plan.texts.append((centre - tw / 2, y, label, val, 0.0))
                else:
                    y = tip + LABEL_GAP if length >= 0 else tip - LABEL_GAP - tw
                    plan.texts.append((centre + (val.ascent - val.descent) / 2, y, label, val, 90.0))
            else:
                centre = top - slot * (i + 0.5) + group / 2 - bar * (j + 0.5)
                if value:
                    plan.bars.append((min(base, tip), centre - thick / 2, abs(length), thick, colour))
                x = tip + LABEL_GAP if length >= 0 else tip - LABEL_GAP - tw
                plan.texts.append((x, centre - (val.ascent - val.descent) / 2, label, val, 0.0))
    for i, ls in enumerate(lines):
        if vertical:
            for m, line in enumerate(ls):
                x = PAD + slot * (i + 0.5) - cat.width(line) / 2
                plan.texts.append((x, bottom - CAT_GAP - cat.ascent - m * cat.pitch, line, cat, 0.0))
        else:
            first = top - slot * (i + 0.5) + (cat.ascent + cat.descent + (len(ls) - 1) * cat.pitch) / 2 - cat.ascent
            for m, line in enumerate(ls):
                plan.texts.append((PAD + column - cat.width(line), first - m * cat.pitch, line, cat, 0.0))
    rule = (PAD, base, width - PAD, base) if vertical else (base, PAD, base, top)
    plan.rules.append((*rule, theme.palette.muted))
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


def _figure(plan: _Plan, theme: Theme, bold_path: str) -> Figure:
    """Turn the plan into matplotlib artists placed in points, so the figure's dpi can change."""
    fig = Figure(figsize=(theme.chart.width_in, theme.chart.height_in), dpi=72)
    pt = Affine2D().scale(1 / 72) + fig.dpi_scale_trans
    artists: list[Artist] = []
    for x, y, w, h, colour in plan.bars:
        artists.append(Rectangle((x, y), w, h, transform=pt, facecolor=colour, edgecolor="none", linewidth=0))
    for x0, y0, x1, y1, colour in plan.rules:
        artists.append(Line2D([x0, x1], [y0, y1], transform=pt, color=colour, linewidth=0.75, solid_capstyle="butt"))
    for x, y, s, font, angle in plan.texts:
        prop = FontProperties(fname=font.path, size=font.size, weight="bold" if font.path == bold_path else "normal")
        artists.append(Text(x, y, s, transform=pt, color=font.colour, fontproperties=prop, rotation=angle,
                            rotation_mode="anchor", ha="left", va="baseline", parse_math=False, usetex=False,
                            fontfeatures=FEATURES))
    for artist in artists:
        fig.add_artist(artist)
    return fig


def _r(value: float) -> float:
    return round(float(value), 3) + 0.0  # + 0.0 turns -0.0 into 0.0


class _Recorder(RendererBase):
    """A matplotlib renderer that keeps what it is asked to draw, in points, y up, in paint order."""

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
            pts = tuple(_r(v) for v in verts)
            if code == MplPath.MOVETO:
                segments.append(("M", pts[:2]))
                start = pts[:2]
            elif code == MplPath.LINETO:
                segments.append(("L", pts[:2]))
            elif code == MplPath.CURVE3:  # quadratic -> cubic: controls two thirds towards the quad control
                (cx, cy), (ex, ey) = pts[:2], pts[2:4]
                segments.append(("C", tuple(_r(v) for v in (here[0] + 2 / 3 * (cx - here[0]), here[1] + 2 / 3 * (cy - here[1]),
                                                              ex + 2 / 3 * (cx - ex), ey + 2 / 3 * (cy - ey), ex, ey))))
            elif code == MplPath.CURVE4:
                segments.append(("C", pts[:6]))
            elif code == MplPath.CLOSEPOLY:
                segments.append(("Z", ()))
                pts = start
            here = pts[-2:] if len(pts) >= 2 else here
        offset, dashes = gc.get_dashes()
        self.items.append(VectorPath(tuple(segments), fill, stroke, _r(width) if stroke else 0.0, _r(fill_alpha),
                                     _r(stroke_alpha), tuple(_r(d) for d in dashes) if dashes else None,
                                     gc.get_capstyle(), gc.get_joinstyle()))

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: FontProperties, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        if ismath:
            raise ValueError(f"chart text must be plain, not math: {s!r}")
        self._check(prop)
        weight = prop.get_weight()
        bold = weight >= 600 if isinstance(weight, int) else weight in ("semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black")
        self.items.append(VectorText(_r(x), _r(y), s, _r(prop.get_size_in_points()), bold,
                                     to_hex(gc.get_rgb()[:3]).upper(), _r(angle)))

    def get_text_width_height_descent(self, s: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
        self._check(prop)
        return _metrics(str(prop.get_file()), prop.get_size_in_points(), s)

    def _check(self, prop: FontProperties) -> None:
        """Refuse any font but the theme's files, so no text silently falls back to DejaVu."""
        if str(prop.get_file()) not in self.fonts:
            raise ValueError(f"chart text must use the theme's typeface files, not {prop.get_file()}")


def _png(rgba: memoryview, width: int, height: int, dpi: int) -> bytes:
    """A PNG written directly from Agg's opaque RGBA buffer: PIL's adaptive row filters triple the
    encode time on flat chart art for no gain, while unfiltered rows through fast zlib stay small
    (solid fills are long runs). No timestamp or software tag, so the bytes depend only on pixels."""
    pixels, stride, packer = memoryview(rgba).cast("B"), width * 4, zlib.compressobj(3)
    body = [piece for row in range(height)  # each row: filter type 0, then the row as is
            for piece in (packer.compress(b"\0"), packer.compress(pixels[row * stride:(row + 1) * stride]))]

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    per_metre = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            + chunk(b"IDAT", b"".join(body) + packer.flush()) + chunk(b"IEND", b""))


def render_chart(block: ChartBlock, theme: Theme = DEFAULT_THEME) -> RenderedChart:
    """Lay out, record as vectors (for the PDF) and rasterise (for the deck) one chart."""
    width, height = theme.chart.width_in * 72, theme.chart.height_in * 72
    fig = _figure(_plan(block, theme, width, height), theme, str(theme.typeface.bold))
    fig.patch.set_visible(False)  # the PDF page is the background
    recorder = _Recorder(width, height, frozenset({str(theme.typeface.regular), str(theme.typeface.bold)}))
    fig.draw(recorder)
    fig.patch.set_visible(True)
    fig.patch.set_facecolor(theme.palette.paper)
    canvas = FigureCanvasAgg(fig)
    fig.set_dpi(theme.chart.raster_dpi)
    with mpl.rc_context({"text.hinting": "no_hinting"}):  # glyph advances as measured, like the vector text
        canvas.draw()
    size = canvas.get_width_height()
    png = _png(canvas.buffer_rgba(), *size, theme.chart.raster_dpi)
    canvas.renderer.clear()
    fig.clear()
    return RenderedChart(VectorChart(_r(width), _r(height), tuple(recorder.items)), png, size, block.alt_text())


def render_charts(document: Document, theme: Theme = DEFAULT_THEME) -> dict[ChartBlock, RenderedChart]:
    """Every distinct chart of the document, rendered once."""
    rendered: dict[ChartBlock, RenderedChart] = {}
    for block in document.charts():
        if block not in rendered:
            rendered[block] = render_chart(block, theme)
    return rendered
