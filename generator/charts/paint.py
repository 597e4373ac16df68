"""A chart plan painted by matplotlib: artists placed in points, rasterised by Agg to a PNG.

The plan (plan.py) decides where everything goes; this module only paints it, in the same order
as the PDF's vector items (gridlines, bars, rules, texts), so the picture and the page agree. It is
the only module of the build that imports matplotlib, and it is imported only to paint a picture.
"""

from __future__ import annotations

import math
import struct
import warnings
import zlib
from contextlib import contextmanager
from typing import TYPE_CHECKING

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle
from matplotlib.transforms import Affine2D, Bbox, BboxTransformTo, TransformedBbox
from PIL import Image

from .vectors import DASHES, GRID_WIDTH, RULE_WIDTH
from ..measure import width as measured_width
from ..theme import Theme

if TYPE_CHECKING:
    from .fonts import Font
    from .layout import Plan

FEATURES = ("-kern", "-liga", "-clig")  # reportlab neither kerns nor ligates; so neither does the picture


def picture(plan: Plan, theme: Theme, width: float, height: float, transparent: bool = False) -> tuple[bytes, tuple[int, int]]:
    """The plan painted on the paper colour at the theme's raster resolution: PNG bytes and pixel size.
    `transparent` leaves the paper out and keeps the alpha channel, so a slide's coloured
    background (a template's) shows through the picture, as it does through a native chart.

    The artists are drawn straight onto Agg's renderer, in the order and with the transforms a
    matplotlib Figure would give them (its patch, then gridlines, bars, rules, texts by zorder), so
    the pixels are a Figure's; leaving out the Figure spares loading matplotlib's figure and axes
    modules (about 0.2 s), which a chart never uses."""
    dpi = theme.chart.raster_dpi
    box = TransformedBbox(Bbox.from_bounds(0, 0, width / 72, height / 72), Affine2D().scale(dpi))  # a Figure's bbox
    size = tuple(int(extent + 1e-8) for extent in box.max)  # whole pixels, a hair under one counting as one, as a Figure's canvas
    renderer = RendererAgg(*size, dpi)
    paper = Rectangle((0, 0), 1, 1, facecolor=theme.palette.paper, edgecolor=mpl.rcParams["figure.edgecolor"],
                      linewidth=0.0, transform=BboxTransformTo(box))
    paper.set_antialiased(False)  # as a Figure's patch
    with mpl.rc_context({"text.hinting": "no_hinting"}), quiet_about_missing_glyphs():  # glyph advances as measured, like the vector text
        for artist in ((paper,) if not transparent else ()) + tuple(artists(plan, theme, dpi)):
            artist.draw(renderer)
    return png(renderer.buffer_rgba(), *size, dpi, alpha=transparent), size


def artists(plan: Plan, theme: Theme, dpi: float) -> list[Artist]:
    """Matplotlib artists placed in points, in paint order (a Figure's zorders: gridlines 0.5, bars 1,
    rules 2, texts 3)."""
    pt = Affine2D().scale(1 / 72) + Affine2D().scale(dpi)  # points to pixels, as a Figure's dpi_scale_trans
    artists: list[Artist] = [Line2D([x0, x1], [y0, y1], transform=pt, color=theme.palette.rule, linewidth=GRID_WIDTH,
                                    solid_capstyle="butt", zorder=0.5) for x0, y0, x1, y1 in plan.grid]
    artists += [Rectangle((x, y), w, h, transform=pt, facecolor=colour, edgecolor="none", linewidth=0)
                for x, y, w, h, colour in plan.bars]
    artists += [Line2D([x0, x1], [y0, y1], transform=pt, color=theme.palette.muted, linewidth=RULE_WIDTH, solid_capstyle="butt")
                for x0, y0, x1, y1 in plan.rules]
    artists += [Line2D([p[0] for p in points], [p[1] for p in points], transform=pt, color=colour, linewidth=width,
                       solid_capstyle="butt", solid_joinstyle="round", dashes=DASHES if dashed else (None, None), zorder=2)
                for points, colour, width, dashed in plan.lines]
    artists += [Circle((x, y), radius, transform=pt, facecolor=colour, edgecolor="none", linewidth=0, zorder=2)
                for x, y, radius, colour in plan.marks]
    artists += [_Label(x, y, s, font, angle, theme.palette.ink, pt) for x, y, s, font, angle in plan.texts]
    artists += [_Label(x, y, s, font, angle, colour, pt) for x, y, s, font, angle, colour in plan.inside]
    return artists


class _Label(Artist):
    """Plain text at its baseline-left anchor. matplotlib's Text would measure every string again to
    align it, which is most of a chart's drawing time; anchored left on its baseline there is
    nothing to align, so this hands the string straight to the renderer, as Text does in the end.
    Characters the face lacks are drawn as runs in the fallback files that have them, each run
    starting where the engine measured the text before it to end, as the PDF's vector text does."""

    zorder = 3  # with the texts, above bars and rules

    def __init__(self, x: float, y: float, text: str, font: Font, angle: float, colour: str, transform):
        super().__init__()
        self.set_transform(transform)
        self.x, self.y, self.text, self.angle, self.colour = x, y, text, angle, colour
        self.font = font
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
        pieces = self.font.runs(self.text) if self.font.fallbacks else [(self.text, self.font.path)]
        if len(pieces) == 1 and pieces[0][1] == self.font.path:
            renderer.draw_text(gc, x, y, self.text, self.prop, self.angle, False, mtext=self)
        else:
            self._draw_runs(renderer, gc, x, y, pieces)
        gc.restore()

    def _draw_runs(self, renderer, gc, x: float, y: float, pieces: list[tuple[str, str]]) -> None:
        """Each run in its own file, advanced along the text's angle by its measured width."""
        scale = renderer.points_to_pixels(1.0)
        turn = math.radians(self.angle)
        step_x, step_y = math.cos(turn) * scale, math.sin(turn) * scale * (-1 if renderer.flipy() else 1)
        for run, path in pieces:
            prop = self.prop if path == self.font.path else FontProperties(fname=path, size=self.font.size)
            renderer.draw_text(gc, x, y, run, prop, self.angle, False, mtext=self)
            advance = measured_width(run, self.font.size, path)
            x, y = x + advance * step_x, y + advance * step_y


@contextmanager
def quiet_about_missing_glyphs():
    """matplotlib warns on stderr about each glyph the font lacks; the build already reports them,
    with their place in the content (generator.checks.glyphs), so the bare warning is only noise."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        yield


def png(rgba: memoryview, width: int, height: int, dpi: int, alpha: bool = False) -> bytes:
    """A PNG written straight from Agg's buffer: PIL's adaptive row filters triple the encode time
    on flat chart art for no gain, while unfiltered rows through fast zlib stay small (solid fills
    are long runs). RGB for an opaque picture; RGBA (Agg's own straight alpha) for a transparent
    one, a deck's; no timestamp or software tag, so the bytes depend only on pixels."""
    channels = 4 if alpha else 3
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
    rgb = image.tobytes() if alpha else image.convert("RGB").tobytes()  # 3x numpy's copy
    pixels, stride, packer = memoryview(rgb), width * channels, zlib.compressobj(1)
    body = [piece for row in range(height)  # each row: filter type 0, then the row as it is
            for piece in (packer.compress(b"\0"), packer.compress(pixels[row * stride:(row + 1) * stride]))]

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    per_metre = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            + chunk(b"IDAT", b"".join(body) + packer.flush()) + chunk(b"IEND", b""))
