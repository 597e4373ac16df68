"""Native, editable PowerPoint charts (`--pptx-charts native`), styled like the matplotlib ones.

The data lives in the chart's embedded workbook, so a presenter can change a number in
PowerPoint and the bar follows. Colours, typeface, value labels and the number format match the
picture charts: each value label is the value as the PDF prints it, in the briefing's language
('5 098 666', '+0,4 %'), since PowerPoint shows a number format code in the viewer's regional
settings (the same code reads '5,098,666' on one computer and '5 098 666' on another). The content's
number format is also written as an Excel format code, on the labels and the axis, so a label reset
in PowerPoint (after its number is edited) shows its value again. Imported only when native charts
are asked for.
"""

from __future__ import annotations

import math

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from ...charts import BAR_MAX, HBAR_MAX
from ...measure import fallback_family
from ...model import ChartBlock, NumberFormat
from ...theme import Theme
from .shapes import ChartBox

_BANDS = ((1e12, ",,,,", "T"), (1e9, ",,,", "B"), (1e6, ",,", "M"), (1e3, ",", "K"))


def native_chart(slide, box: ChartBox, theme: Theme) -> None:
    """The chart as PowerPoint's own, placed in its box, with the data in its workbook."""
    block, palette = box.block, theme.palette
    values = [v for series in block.series for v in series.values]
    data = CategoryChartData(number_format=excel_format(block.format, values))
    data.categories = list(block.categories)
    for series in block.series:
        data.add_series(series.name or block.title, list(series.values))
    kind = XL_CHART_TYPE.BAR_CLUSTERED if block.kind == "hbar" else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = slide.shapes.add_chart(kind, Pt(box.x), Pt(box.y), Pt(box.width), Pt(box.height), data)
    frame.name = box.name
    frame._element.nvGraphicFramePr.cNvPr.set("descr", box.alt_text)
    chart = frame.chart
    chart.has_title = False
    chart.font.name = theme.typeface.deck_name
    _name_fallback(chart.font, block, theme)
    chart.font.size = Pt(box.font_size)
    chart.font.color.rgb = _rgb(palette.ink)
    chart.has_legend = len(block.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.gap_width = _gap_width(box, theme)
    plot.overlap = 0
    for j, series in enumerate(plot.series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(palette.series[j % len(palette.series)])
        series.format.line.fill.background()
        series.invert_if_negative = False
    _value_labels(plot, box, excel_format(block.format, values), _rgb(palette.ink))
    values_axis = chart.value_axis  # every bar carries its value, so no value axis or gridlines, as in the pictures
    values_axis.visible = False
    values_axis.has_major_gridlines = False
    values_axis.minimum_scale = min(0.0, *values)
    if box.span is not None:  # the parts of a split chart share one scale, with room for the longest label
        values_axis.maximum_scale = box.span[1] * 1.15
    categories = chart.category_axis
    categories.has_major_gridlines = False
    categories.format.line.color.rgb = _rgb(palette.muted)
    categories.tick_labels.font.size = Pt(box.font_size)
    if block.kind == "hbar":
        categories.reverse_order = True  # first category on top, as read


def _value_labels(plot, box: ChartBox, code: str, ink: RGBColor) -> None:
    """Every bar's label: the value's text as the PDF prints it, over the labels' format code."""
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = code
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.show_value = True
    labels.font.size = Pt(box.font_size)
    labels.font.color.rgb = ink
    block = box.block
    for shown, series in zip(block.series, plot.series):
        defaults = series.data_labels  # what a label reset in PowerPoint shows: its value, in the format code
        defaults.number_format, defaults.number_format_is_linked = code, False
        defaults.position, defaults.show_value = XL_LABEL_POSITION.OUTSIDE_END, True
        for index, value in enumerate(shown.values):
            label = series.points[index].data_label
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            frame = label.text_frame
            frame.text = block.format.format(value)
            font = frame.paragraphs[0].runs[0].font
            font.size = Pt(box.font_size)
            font.color.rgb = ink


def _gap_width(box: ChartBox, theme: Theme) -> int:
    """The space between groups, in bar widths, so bars are as thick as in the picture charts
    (70-80% of their slot, and no thicker than the pictures' maximum)."""
    block = box.block
    n, k = max(1, len(block.categories)), max(1, len(block.series))
    length = box.height if block.kind == "hbar" else box.width
    slot = length / n
    group = min(slot * (0.72 if k == 1 else 0.8), k * (HBAR_MAX if block.kind == "hbar" else BAR_MAX) * theme.deck_chart.bar_scale)
    return max(0, min(500, round((slot - group) / (group / k) * 100)))


def excel_format(number: NumberFormat, values: list[float]) -> str:
    """The content's number format as an Excel format code, so native labels read as the PDF's."""
    prefix = f'"{number.prefix}"' if number.prefix else ""
    suffix = ('"%"' if number.style == "percent" else "") + (f'"{number.suffix}"' if number.suffix else "")
    if number.style != "compact":
        if number.decimals is None and len({_places(v) for v in values}) > 1 and all(abs(v) < 1000 for v in values):
            return f"{prefix}General{suffix}"  # each value with its own decimals, as the content shows them
        places = number.decimals if number.decimals is not None else max((_places(v) for v in values), default=0)
        return f"{prefix}{_digits(places)}{suffix}"
    present = list(dict.fromkeys(band for v in values if (band := _band(v)) is not None))[:2]  # Excel allows two conditions
    sections = []
    for step, commas, letter in present:
        inside = [abs(v) / step for v in values if _band(v) == (step, commas, letter)]
        places = number.decimals if number.decimals is not None else min(1, max((_places(v) for v in inside), default=0))
        sections.append(f'[>={step:.0f}]{prefix}{_digits(places)}{commas}"{letter}"{suffix}')
    plain = number.decimals if number.decimals is not None else max((_places(v) for v in values if abs(v) < 1e3), default=0)
    return ";".join([*sections, f"{prefix}{_digits(plain)}{suffix}"])


def _band(value: float) -> tuple[float, str, str] | None:
    return next((band for band in _BANDS if abs(value) >= band[0]), None)


def _digits(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places else "")


def _places(value: float, cap: int = 3) -> int:
    """The fewest decimals that show the value unrounded, as the content's formats do."""
    for places in range(cap + 1):
        if math.isclose(round(value, places), value, rel_tol=0, abs_tol=1e-9):
            return places
    return cap


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def _name_fallback(font, block: ChartBlock, theme: Theme) -> None:
    """The chart's text names the fallback family in its East Asian and complex-script slots, as
    every text run of the deck does, so Chinese category labels are drawn in the measured face."""
    family = fallback_family(" ".join((*block.categories, *(series.name or "" for series in block.series))), theme.typeface)
    if family is None:
        return
    latin = font._rPr.find(qn("a:latin"))
    for tag in ("a:cs", "a:ea"):  # each added straight after a:latin: the schema's order is latin, ea, cs
        latin.addnext(etree.Element(qn(tag), typeface=family))
