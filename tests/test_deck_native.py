"""Native deck charts (`--pptx-charts native`): editable PowerPoint charts whose data, colours,
typeface and value labels match the picture charts, loaded only when asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pptx.enum.chart import XL_CHART_TYPE

from generator.content import load
from generator.model import NumberFormat
from generator.theme import DEFAULT_THEME

from .conftest import EXAMPLE, FIXTURES, ROOT, run_cli
from .readback import deck


@pytest.fixture(scope="module")
def native(tmp_path_factory):
    out = tmp_path_factory.mktemp("native")
    for content in (EXAMPLE, FIXTURES / "minimal.yaml"):
        result = run_cli("build", str(content), "--out", str(out), "--format", "pptx", "--pptx-charts", "native")
        assert result.returncode == 0, result.stderr
    return out


def charts_of(path):
    return [shape.chart for slide in deck(path).slides for shape in slide.shapes if shape.has_chart]


def test_each_chart_is_a_native_chart_with_the_contents_numbers_and_the_series_colours(native):
    document = load(FIXTURES / "minimal.yaml")
    (block,) = document.charts()
    (chart,) = charts_of(native / "minimal.pptx")
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED  # hbar
    assert list(chart.plots[0].categories) == list(block.categories)
    for series, shown in zip(block.series, chart.series):
        assert shown.name == series.name and tuple(shown.values) == series.values
    colours = [str(s.format.fill.fore_color.rgb) for s in chart.series]
    assert colours == [c.lstrip("#") for c in DEFAULT_THEME.palette.series[:2]]
    assert chart.font.name == "Calibri" and chart.font.size.pt >= 12
    labels = chart.plots[0].data_labels
    assert labels.show_value and labels.number_format == '"£"General"m"'  # 120.5 and 101.25 each keep their decimals
    assert chart.has_legend and chart.category_axis.reverse_order


def test_every_shape_id_on_a_slide_is_unique(native):
    """PowerPoint offers to repair a slide whose shapes share an id."""
    for slide in deck(native / "briefing.pptx").slides:
        ids = [element.get("id") for element in slide._element.iter() if element.tag.endswith("}cNvPr")]
        assert len(ids) == len(set(ids))


def test_equal_content_gives_equal_bytes_workbooks_included(native, tmp_path):
    result = run_cli("build", str(FIXTURES / "minimal.yaml"), "--out", str(tmp_path), "--format", "pptx", "--pptx-charts", "native")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "minimal.pptx").read_bytes() == (native / "minimal.pptx").read_bytes()


def test_the_example_charts_are_columns_with_their_values_in_the_workbook(native):
    charts = charts_of(native / "briefing.pptx")
    assert [c.chart_type for c in charts] == [XL_CHART_TYPE.COLUMN_CLUSTERED] * 2
    assert tuple(charts[0].series[0].values) == (4700, 67000, 485000)
    assert charts[0].part.chart_workbook.xlsx_part is not None  # data a presenter can edit
    assert not charts[0].has_legend


@pytest.mark.parametrize("number, values, code", [
    (NumberFormat(), [4700, 67000, 485000], "#,##0"),
    (NumberFormat(suffix=" days"), [38, 19.5], 'General" days"'),
    (NumberFormat(prefix="£", suffix="m", decimals=1), [120.5, 98], '"£"#,##0.0"m"'),
    (NumberFormat("percent"), [29, 65], '#,##0"%"'),
    (NumberFormat("compact"), [1250000, 485000, 12], '[>=1000000]#,##0.0,,"M";[>=1000]#,##0,"K";#,##0'),
])
def test_number_formats_become_excel_format_codes(number, values, code):
    from generator.writers.deck.native import excel_format

    assert excel_format(number, values) == code


def test_native_chart_code_is_loaded_only_when_asked_for(tmp_path):
    code = ("import sys, runpy; sys.argv = ['briefing', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('generator', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print([m for m in ('generator.writers.deck.native', 'generator.writers.deck.template', 'pptx.chart.data')"
            " if m in sys.modules], file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, "build", str(EXAMPLE), "--out", str(tmp_path), "--format", "pptx"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.stderr.strip().splitlines()[-1] == "[]"
