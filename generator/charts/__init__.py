"""Charts: laid out once in points, drawn for both writers.

plan.py places every bar, label and rule in points (no collisions by construction), vectors.py
turns the plan into the PDF's vector items and measures text with the shipped font, paint.py
paints the same plan as a PNG (for the deck's pictures). Writers import from here.
"""

from .plan import (BAR_MAX, HBAR_MAX, RenderedChart, hbar_rows, needed_height, render_chart, render_charts, render_part,
                   render_picture)
from .plan import Plan, paint_picture, plan_picture
from .vectors import VectorChart, VectorPath, VectorText

__all__ = ["BAR_MAX", "HBAR_MAX", "RenderedChart", "VectorChart", "VectorPath", "VectorText", "hbar_rows", "needed_height",
           "render_chart", "render_charts", "render_part", "render_picture",
           "Plan", "paint_picture", "plan_picture"]
