"""Charts: laid out once in points, drawn for both writers.

plan.py is the entry: each chart kind is a module (bar.py, hbar.py, line.py) chosen from kinds.py's
CHART_KINDS, laying out on what layout.py, fonts.py, columns.py and ticks.py share; vectors.py
turns the plan into the PDF's vector items; paint.py paints the same plan as a PNG (for the deck's
pictures) and is the only module that loads matplotlib, when a picture is asked for. Writers
import from here.
"""

from .kinds import CHART_KINDS
from .layout import BAR_MAX, HBAR_MAX, Plan, on_colour, stack_ends, value_range
from .line import FEW as LINE_FEW
from .plan import (drawn_as, hbar_rows, needed_height, paint_picture, plan_chart, render_chart, render_charts, render_part,
                   render_picture)
from .rendered import RenderedChart
from .ticks import ticks
from .vectors import VectorChart, VectorPath, VectorText

__all__ = ["BAR_MAX", "CHART_KINDS", "HBAR_MAX", "LINE_FEW", "RenderedChart", "VectorChart", "VectorPath", "VectorText", "drawn_as", "hbar_rows",
           "needed_height", "on_colour", "paint_picture", "Plan", "plan_chart", "render_chart", "render_charts", "render_part", "render_picture", "stack_ends", "ticks", "value_range"]
