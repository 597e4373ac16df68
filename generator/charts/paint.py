"""A chart plan painted by matplotlib: artists placed in points, rasterised by Agg to a PNG.

The plan (plan.py) decides where everything goes; this module only paints it, in the same order
as the PDF's vector items (gridlines, bars, rules, texts), so the picture and the page agree. It is
the only module of the build that imports matplotlib, and it is imported only to paint a picture.
"""

from __future__ import annotations

import struct
import warnings
import zlib
from contextlib import contextmanager
from typing import TYPE_CHECKING

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Affine2D

from PIL import Image

from .vectors import GRID_WIDTH, RULE_WIDTH
from ..theme import Theme

if TYPE_CHECKING:
    from .fonts import Font
    from .layout import Plan

FEATURES = ("-kern", "-liga", "-clig")  # reportlab neither kerns nor ligates; so neither does the picture


def picture(plan: Plan, theme: Theme, width: float, height: float) -> tuple[bytes, tuple[int, int]]:
    """The plan painted on the paper colour at the theme's raster resolution: PNG bytes and pixel size."""
    fig = _figure(plan, theme, width, height)
    fig.patch.set_facecolor(theme.palette.paper)
    fig.set_dpi(theme.chart.raster_dpi)
    return _rasterise(fig, theme.chart.raster_dpi)


def _rasterise(fig: Figure, dpi: int) -> tuple[bytes, tuple[int, int]]:
    canvas = FigureCanvasAgg(fig)
    with mpl.rc_context({"text.hinting": "no_hinting"}), quiet_about_missing_glyphs():  # glyph advances as measured, like the vector text
        canvas.draw()
    size = canvas.get_width_height()
    data = png(canvas.buffer_rgba(), *size, dpi)
    fig.clear()
    canvas.renderer = None  # free the raster now rather than at the next cycle collection
    return data, size


def _figure(plan: Plan, theme: Theme, width: float, height: float) -> Figure:
    """Matplotlib artists placed in points through dpi_scale_trans, so one figure serves any dpi."""
    fig = Figure(figsize=(width / 72, height / 72), dpi=72)
    pt = Affine2D().scale(1 / 72) + fig.dpi_scale_trans
    for x0, y0, x1, y1 in plan.grid:
        fig.add_artist(Line2D([x0, x1], [y0, y1], transform=pt, color=theme.palette.rule, linewidth=GRID_WIDTH,
                              solid_capstyle="butt", zorder=0.5))  # under the bars (patches draw at 1)
    for x, y, w, h, colour in plan.bars:
        fig.add_artist(Rectangle((x, y), w, h, transform=pt, facecolor=colour, edgecolor="none", linewidth=0))
    for x0, y0, x1, y1 in plan.rules:
        fig.add_artist(Line2D([x0, x1], [y0, y1], transform=pt, color=theme.palette.muted, linewidth=RULE_WIDTH,
                              solid_capstyle="butt"))
    for x, y, s, font, angle in plan.texts:
        fig.add_artist(_Label(x, y, s, font, angle, theme.palette.ink, pt))
    return fig


class _Label(Artist):
    """Plain text at its baseline-left anchor. matplotlib's Text would measure every string again to
    align it, which is most of a chart's drawing time; anchored left on its baseline there is
    nothing to align, so this hands the string straight to the renderer, as Text does in the end."""

    zorder = 3  # with the texts, above bars and rules

    def __init__(self, x: float, y: float, text: str, font: Font, angle: float, colour: str, transform):
        super().__init__()
        self.set_transform(transform)
        self.x, self.y, self.text, self.angle, self.colour = x, y, text, angle, colour
        self.prop = FontProperties(fname=font.path, size=font.size)

    def get_fontfeatures(self) -> tuple[str, ...]:
        return FEATURES

    def get_language(self) -> None:
        return None

    def draw(self, renderer) -> None:
        x, y = self.get_transform().transform((self.x, self.y))
        if renderer.flipy():
            y = renderer.get_canvas_width_height()[1] - y
        gc = renderer.new_gc()
        gc.set_foreground(self.colour)
        gc.set_antialiased(True)
        renderer.draw_text(gc, x, y, self.text, self.prop, self.angle, False, mtext=self)
        gc.restore()


@contextmanager
def quiet_about_missing_glyphs():
    """matplotlib warns on stderr about each glyph the font lacks; the build already reports them,
    with their place in the content (generator.checks.glyphs), so the bare warning is only noise."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        yield


def png(rgba: memoryview, width: int, height: int, dpi: int) -> bytes:
    """An RGB PNG written straight from Agg's opaque buffer: PIL's adaptive row filters triple the
    encode time on flat chart art for no gain, while unfiltered rows through fast zlib stay small
    (solid fills are long runs). No alpha channel, which some slide renderers tint as a soft mask;
    no timestamp or software tag, so the bytes depend only on pixels."""
    rgb = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1).convert("RGB").tobytes()  # 3x numpy's copy
    pixels, stride, packer = memoryview(rgb), width * 3, zlib.compressobj(1)
    body = [piece for row in range(height)  # each row: filter type 0, then the row as it is
            for piece in (packer.compress(b"\0"), packer.compress(pixels[row * stride:(row + 1) * stride]))]

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    per_metre = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            + chunk(b"IDAT", b"".join(body) + packer.flush()) + chunk(b"IEND", b""))
