"""A chart as both writers take it."""

from __future__ import annotations

import struct
from collections.abc import Callable

from .vectors import VectorChart


class RenderedChart:
    """A chart as both writers take it: vector items (PDF), alt text, and a print-size PNG on demand.

    The PNG is drawn the first time it is asked for, so a build that never asks (the deck draws
    its own slide-sized picture with `render_picture`) never pays for it, nor loads the painter;
    asked again, it is the same bytes.
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
