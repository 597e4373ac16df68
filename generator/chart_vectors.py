"""What a chart is drawn as: vector paths and text in points (for the PDF) and an RGB PNG (for
the deck), and the matplotlib renderer that records the former.

`_Recorder` is a tiny matplotlib renderer at 72 dpi that records paths and text in paint order;
text is measured unhinted and without kerning or ligatures, as reportlab sets it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.colors import to_hex
from matplotlib.font_manager import FontProperties, get_font, weight_dict
from matplotlib.ft2font import LoadFlags
from matplotlib.path import Path as MplPath

FEATURES = ("-kern", "-liga", "-clig")  # reportlab neither kerns nor ligates; so neither do we


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


def _metrics(path: str, size: float, text: str) -> tuple[float, float, float]:
    """Width, height, descent in points, laid out unhinted as matplotlib's PDF backend measures."""
    font = get_font(path)
    font.clear()
    font.set_size(size, 72)
    font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING, features=FEATURES)
    w, h = font.get_width_height()
    return w / 64, h / 64, font.get_descent() / 64


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
