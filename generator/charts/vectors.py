"""What a chart is drawn as: vector paths and text in points (for the PDF) and an RGB PNG (for
the deck). Text is measured unhinted and without kerning or ligatures, as reportlab sets it.
"""

from __future__ import annotations

import struct
import warnings
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.font_manager import get_font
from matplotlib.ft2font import LoadFlags
from PIL import Image

FEATURES = ("-kern", "-liga", "-clig")  # reportlab neither kerns nor ligates; so neither do we
GRID_WIDTH, RULE_WIDTH = 0.5, 0.75  # value-axis gridlines, baseline


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


def metrics(path: str, size: float, text: str) -> tuple[float, float, float]:
    """Width, height, descent in points, laid out unhinted as matplotlib's PDF backend measures.

    Unhinted outlines scale linearly, so each string is laid out once, at a reference size, and
    scaled: a chart fitted at several sizes (the deck tries 18 pt down to 12 pt) measures once."""
    width, height, descent = _reference_metrics(path, text)
    scale = size / _REFERENCE_SIZE
    return width * scale, height * scale, descent * scale


_REFERENCE_SIZE = 100.0


@contextmanager
def quiet_about_missing_glyphs():
    """matplotlib warns on stderr about each glyph the font lacks; the build already reports them,
    with their place in the content (generator.checks.glyphs), so the bare warning is only noise."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        yield


@lru_cache(maxsize=1 << 14)
def _reference_metrics(path: str, text: str) -> tuple[float, float, float]:
    font = get_font(path)
    font.clear()
    font.set_size(_REFERENCE_SIZE, 72)
    with quiet_about_missing_glyphs():
        font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING, features=FEATURES)
    w, h = font.get_width_height()
    return w / 64, h / 64, font.get_descent() / 64


def rounded(value: float) -> float:
    return round(float(value), 3) + 0.0  # + 0.0 turns -0.0 into 0.0


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
