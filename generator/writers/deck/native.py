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
from dataclasses import dataclass, replace

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Pt

from ...charts import BAR_MAX, HBAR_MAX, LINE_FEW, on_colour, stack_ends as layout_ends, ticks
from ...measure import fallback_family, width
from ...model import ChartBlock, NumberFormat
from ...theme import Theme
from .shapes import ChartBox

_BANDS = ((1e12, ",,,,", "T"), (1e9, ",,,", "B"), (1e6, ",,", "M"), (1e3, ",", "K"))


@dataclass(frozen=True)
class NativeKind:
    """How a chart kind becomes PowerPoint's own: its chart types (side by side, stacked), whether
    its bars run across, and whether it is drawn as bars (with a gap width) or as lines."""

    clustered: XL_CHART_TYPE
    stacked: XL_CHART_TYPE | None
    across: bool
    bars: bool


NATIVE_KINDS: dict[str, NativeKind] = {
    "bar": NativeKind(XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.COLUMN_STACKED, False, True),
    "hbar": NativeKind(XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED, True, True),
    "line": NativeKind(XL_CHART_TYPE.LINE, None, False, False),
}


def can_draw(block: ChartBlock) -> bool:
    """Whether PowerPoint's own chart can show all of it: a reference line across bars would need a
    combined bar-and-line chart, so a bar chart with one is drawn as a picture instead (a line
    chart's reference line is one more, dashed, line)."""
    return not (block.references and NATIVE_KINDS[block.kind].bars)


def native_chart(slide, box: ChartBox, theme: Theme) -> bool:
    """The chart as PowerPoint's own, placed in its box, with the data in its workbook; False (and
    nothing drawn) when only a picture can show it all (`can_draw`)."""
    block, palette = box.block, theme.palette
    if not can_draw(block):
        return False
    native = NATIVE_KINDS[block.kind]
    values = block.values() + [r.value for r in block.references]
    code = excel_format(block.format, values)
    data = CategoryChartData(number_format=code)
    data.categories = list(block.categories)
    for series in block.series:
        data.add_series(series.name or block.title, list(series.values))
    for reference in block.references:
        data.add_series(reference.label, [reference.value] * len(block.categories))
    kind = native.stacked if block.stacked and native.stacked else native.clustered
    frame = slide.shapes.add_chart(kind, Pt(box.x), Pt(box.y), Pt(box.width), Pt(box.height), data)
    frame.name = box.name
    frame._element.nvGraphicFramePr.cNvPr.set("descr", box.alt_text)
    chart = frame.chart
    chart.has_title = False
    chart.font.name = theme.typeface.deck_name
    chart.font.size = Pt(box.font_size)
    chart.font.color.rgb = _rgb(palette.ink)
    _name_fallback(chart.font, block, theme)
    chart.has_legend = len(block.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    (_bars if native.bars else _lines)(chart, box, theme, code)
    _axes(chart, box, theme, native, values, code)
    return True


def _bars(chart, box: ChartBox, theme: Theme, code: str) -> None:
    """Bars in the series' colours (or the highlight's, point by point), never inverted when
    negative, each with its value past its end (inside its segment when stacked)."""
    block, palette = box.block, theme.palette
    plot = chart.plots[0]
    plot.gap_width = _gap_width(box, theme)
    plot.overlap = 100 if block.stacked else 0
    for j, series in enumerate(plot.series):
        _fill(series.format, palette.series[j % len(palette.series)])
        series.invert_if_negative = False
        for i, category in enumerate(block.categories if block.highlight else ()):
            _fill(series.points[i].format, palette.accent if category in block.highlight else theme.chart.dimmed)
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = code
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.CENTER if block.stacked else XL_LABEL_POSITION.OUTSIDE_END
    labels.show_value = True
    labels.font.size = Pt(box.font_size)
    labels.font.color.rgb = _rgb(palette.ink)
    if block.stacked:
        _segment_labels(plot, block, theme)
    else:
        _point_texts(plot, box, code, _rgb(palette.ink))


def _point_texts(plot, box: ChartBox, code: str, ink: RGBColor) -> None:
    """Every bar's label: the value's text as the PDF prints it, over the labels' format code (what
    a label reset in PowerPoint shows again, after its number is edited)."""
    block = box.block
    for shown, series in zip(block.series, plot.series):
        defaults = series.data_labels
        defaults.number_format, defaults.number_format_is_linked = code, False
        defaults.position, defaults.show_value = XL_LABEL_POSITION.OUTSIDE_END, True
        for index, value in enumerate(shown.values):
            if value is None:
                continue
            label = series.points[index].data_label
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            frame = label.text_frame
            frame.text = block.format.format(value)
            font = frame.paragraphs[0].runs[0].font
            font.size = Pt(box.font_size)
            font.color.rgb = ink


def _segment_labels(plot, block: ChartBlock, theme: Theme) -> None:
    """A stack's segment labels in ink or paper, whichever reads on the segment, and none on a
    segment too thin to hold one (under a tenth of the longest stack; PowerPoint would let them
    overlap). PowerPoint has no stack total label, so the totals are in the alt text only."""
    longest = max((abs(v) for v in layout_ends(block)), default=1.0) or 1.0
    for j, series in enumerate(plot.series):
        labels = series.data_labels
        labels.font.size = plot.data_labels.font.size
        labels.font.color.rgb = _rgb(on_colour(theme, theme.palette.series[j % len(theme.palette.series)]))
        labels.number_format, labels.number_format_is_linked = plot.data_labels.number_format, False
        labels.show_value = True
        for i, value in enumerate(block.series[j].values):
            if value is not None and abs(value) < 0.1 * longest:
                label = series.points[i].data_label._get_or_add_dLbl()
                for child in list(label)[1:]:
                    label.remove(child)
                label.append(label.makeelement(qn("c:delete"), {"val": "1"}))


def _lines(chart, box: ChartBox, theme: Theme, code: str) -> None:
    """Lines in the series' colours, gaps at missing values (python-pptx writes dispBlanksAs gap), markers only where points are few,
    the value on each line's last point; a reference line dashed and labelled at its end."""
    block, palette = box.block, theme.palette
    few = len(block.categories) <= LINE_FEW
    for j, series in enumerate(chart.plots[0].series):
        reference = j >= len(block.series)
        colour = palette.muted if reference else palette.series[j % len(palette.series)]
        series.smooth = False
        series.format.line.color.rgb = _rgb(colour)
        series.format.line.width = Pt(theme.chart.line_width * box.font_size / 8.5 * (0.6 if reference else 1.0))
        if reference:
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        series.marker.style = XL_MARKER_STYLE.CIRCLE if few and not reference else XL_MARKER_STYLE.NONE
        if few and not reference:
            _fill(series.marker.format, colour)
        values = block.series[j].values if not reference else [0.0] * len(block.categories)
        last = max(i for i, v in enumerate(values) if v is not None)
        label = series.points[last].data_label
        label.number_format, label.number_format_is_linked = code, False
        label.position = XL_LABEL_POSITION.RIGHT
        label.font.size = Pt(box.font_size)
        label.font.color.rgb = _rgb(palette.ink)
        label.show_series_name, label.show_value = reference, not reference
    if few and len(block.series) == 1:  # a single line of few points carries every value, as its picture does
        labels = chart.plots[0].series[0].data_labels
        labels.number_format, labels.number_format_is_linked = code, False
        labels.position, labels.show_value = XL_LABEL_POSITION.ABOVE, True
        labels.font.size = Pt(box.font_size)
        labels.font.color.rgb = _rgb(palette.ink)


def _axes(chart, box: ChartBox, theme: Theme, native: NativeKind, values: list[float], code: str) -> None:
    """Bars carry their values, so a bar chart has no value axis or gridlines, as in the pictures;
    a line chart keeps a light value axis. Category labels sit at the low end, clear of negative bars."""
    block, palette = box.block, theme.palette
    values_axis = chart.value_axis
    values_axis.visible = not native.bars
    values_axis.has_major_gridlines = not native.bars
    if not native.bars:
        values_axis.major_gridlines.format.line.color.rgb = _rgb(palette.rule)
        values_axis.tick_labels.number_format, values_axis.tick_labels.number_format_is_linked = code, False
        values_axis.tick_labels.font.size = Pt(box.font_size)
        values_axis.format.line.fill.background()
    ends = layout_ends(block) if block.stacked else values
    values_axis.minimum_scale = min(0.0, *ends)
    if not native.bars:  # the picture's round ticks, not PowerPoint's own choice of scale
        marks = ticks(min(0.0, *values), max(0.0, *values))
        values_axis.minimum_scale, values_axis.maximum_scale = marks[0], marks[-1]
        values_axis.major_unit = marks[1] - marks[0] if len(marks) > 1 else None
    if box.span is not None:  # the parts of a split chart share one scale, with room for the longest label
        values_axis.maximum_scale = box.span[1] * 1.15
    categories = chart.category_axis
    categories.has_major_gridlines = False
    categories.format.line.color.rgb = _rgb(palette.muted)
    categories.tick_labels.font.size = Pt(box.font_size)
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    categories.reverse_order = native.across  # first category on top, as read
    if not native.bars:  # a long series' labels thinned to every n-th that fits across, as in the picture
        widest = max(width(c, box.font_size, str(theme.typeface.regular)) for c in block.categories)
        step = max(1, math.ceil((widest + 6) * len(block.categories) / box.width))
        skip = categories._element.makeelement(qn("c:tickLblSkip"), {"val": str(step)})
        after = categories._element.find(qn("c:noMultiLvlLbl"))  # the schema puts the skip before it
        after.addprevious(skip) if after is not None else categories._element.append(skip)


def _fill(fmt, colour: str) -> None:
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = _rgb(colour)
    fmt.line.fill.background()


def _gap_width(box: ChartBox, theme: Theme) -> int:
    """The space between groups, in bar widths, so bars are as thick as in the picture charts
    (70-80% of their slot, and no thicker than the pictures' maximum)."""
    block = box.block
    across = NATIVE_KINDS[block.kind].across
    n, k = max(1, len(block.categories)), 1 if block.stacked else max(1, len(block.series))
    length = box.height if across else box.width
    slot = length / n
    group = min(slot * (0.72 if k == 1 else 0.8), k * (HBAR_MAX if across else BAR_MAX) * theme.deck_chart.bar_scale)
    return max(0, min(500, round((slot - group) / (group / k) * 100)))


def excel_format(number: NumberFormat, values: list[float]) -> str:
    """The content's number format as an Excel format code, so native labels read as the PDF's.

    `sign: always` (or a "+" prefix) is a code of three sections, positive, negative and zero, so
    -1.0 reads '-1.0', never '-+1.0', as in the PDF."""
    if (number.sign == "always" or number.prefix.startswith("+")) and number.style != "compact":
        bare = excel_format(replace(number, sign="auto", prefix=number.prefix.removeprefix("+")), values)
        return f'"+"{bare};-{bare};{bare}'
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
