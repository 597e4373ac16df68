"""A figure that gives a little to fit: its chart may be set smaller, down to three quarters of its
height (and never with text below print's minimum), to fit the space left on a page, so a chart a
few lines too tall does not move on and leave half a page empty. Its title, subtitle, note and
source line keep their size; the shrunk chart is centred. Taller than that, it moves on whole.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .blocks import Bookmark
from .chart import ChartFlowable

MIN_SCALE = 0.75  # a chart is never set smaller than this share of its height to fit a page


class Figure(Flowable):
    """A chart with its title, note and source line, kept together (platypus's KeepTogether cannot
    shrink its content), laid out at the largest scale of the chart that fits the height offered."""

    def __init__(self, parts: list[Flowable], least_text: float):
        super().__init__()
        self.parts = parts
        # the space above the first part that takes room (the title, after its bookmark) is the figure's own
        self.lead = next((i for i, part in enumerate(parts) if not isinstance(part, Bookmark)), 0)
        self.spaceBefore = parts[self.lead].getSpaceBefore() if parts else 0.0
        self.chart = next((part for part in parts if isinstance(part, ChartFlowable)), None)
        self.least = MIN_SCALE
        if self.chart is not None:
            sizes = [item.size * self.chart.scale for item in self.chart.chart.items if hasattr(item, "size")]
            self.least = max(MIN_SCALE, least_text / min(sizes)) if sizes else MIN_SCALE
        self.scale = 1.0

    def _heights(self, width: float) -> list[float]:
        """Each part's height with the space between parts (none above the first)."""
        heights = []
        for index, part in enumerate(self.parts):
            height = part.wrap(width, 1e6)[1] + part.getSpaceAfter() + (part.getSpaceBefore() if index > self.lead else 0.0)
            heights.append(height)
        return heights

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.heights = self._heights(available_width)
        natural = sum(self.heights)
        self.scale = 1.0
        if natural > available_height and self.chart is not None and self.least < 1.0:
            fixed = natural - self.chart.height
            fit = (available_height - fixed) / self.chart.height
            if fit >= self.least:
                self.scale = min(1.0, fit)
        self.width = available_width
        self.height = natural - (self.chart.height * (1 - self.scale) if self.chart is not None else 0.0)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for index, (part, height) in enumerate(zip(self.parts, self.heights)):
            before = part.getSpaceBefore() if index > self.lead else 0.0
            if part is self.chart and self.scale < 1.0:
                y -= before + part.height * self.scale
                self.canv.saveState()
                self.canv.translate((self.width - part.width * self.scale) / 2, y)
                self.canv.scale(self.scale, self.scale)
                part.drawOn(self.canv, 0, 0)
                self.canv.restoreState()
                y -= part.getSpaceAfter()
                continue
            y -= height
            part.drawOn(self.canv, 0, y + part.getSpaceAfter())
