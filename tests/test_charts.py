"""Charts, checked for what a reader sees: every value and category shown, nothing clipped or
overlapping, bars in the series colour and proportion, and the same picture every time.

Text boxes are measured with reportlab's metrics for the shipped Carlito, i.e. exactly as the
PDF writer will set the recorded text, independently of the measuring done in charts.py.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from generator.charts import RenderedChart, VectorChart, VectorPath, VectorText, render_chart, render_charts
from generator.model import ChartBlock, Document, Meta, NumberFormat, Section, Series
from generator.theme import DEFAULT_THEME, ChartStyle

ROOT = Path(__file__).resolve().parents[1]

PALETTE = DEFAULT_THEME.palette
pdfmetrics.registerFont(TTFont("Carlito", str(DEFAULT_THEME.typeface.regular)))
pdfmetrics.registerFont(TTFont("Carlito-Bold", str(DEFAULT_THEME.typeface.bold)))

C1 = ChartBlock(title="NCMEC AI-CSAM Reports", categories=("2023", "2024", "H1 2025"),
                series=(Series("Reports", (4700, 67000, 485000)),), sources=("ncmec", "thorn"),
                subtitle="Reports flagged as AI-generated content",
                note="H1 2025: 380,000 from Amazon AI Services alone.")
C2 = ChartBlock(title="AI-Generated CSAM Videos (IWF)", categories=("2024", "2025"),
                series=(Series("Videos", (13, 3443)),),
                sources=("iwf-annual-2025",), subtitle="From 13 to 3,443 — a +26,385% increase")
PROVIDERS = ("Amazon AI Services (including Bedrock)", "OpenAI ChatGPT and the DALL·E image models", "Google Gemini",
             "Meta AI assistants across Facebook and Instagram", "Stability AI", "Anthropic",
             "Microsoft Copilot and Bing Image Creator", "Other or unattributed generative services")
PROVIDER_VALUES = (380000, 75000, 12000, 9500, 4700, 0, 2100, 31000)
HBAR = ChartBlock(title="Reports by provider", categories=PROVIDERS, series=(Series("Reports", PROVIDER_VALUES),),
                  sources=("ncmec",), kind="hbar")
VLONG = replace(HBAR, kind="bar")
MULTI = ChartBlock(title="Reports and outcomes", categories=("2023", "2024", "H1 2025"),
                   series=(Series("Reports", (4700, 67000, 485000)), Series("Actioned", (3900, 52000, 301000)),
                           Series("Referred to police", (800, 9000, 120000))),
                   sources=("x",), format=NumberFormat(style="compact"))
MONTHS = tuple(f"{m} 2024" for m in "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())
TWELVE = ChartBlock(title="Monthly reports", categories=MONTHS,
                    series=(Series("Reports", (1200, 1350, 980, 0, 2200, 2600, 3100, 2900, 4100, 5200, 6100, 48000)),),
                    sources=("x",))
DENSE = ChartBlock(title="Dense", categories=MONTHS, sources=("x",),
                   series=(Series("A", tuple(range(1000, 13000, 1000))), Series("B", tuple(range(500, 6500, 500))),
                           Series("C", tuple(range(20000, 260000, 20000)))))
HMULTI = ChartBlock(title="By year", categories=PROVIDERS[:3], kind="hbar", sources=("x",),
                    series=(Series("2024", (67000, 12000, 9000)), Series("2025", (380000, 31000, 15000))))
DOLLARS = ChartBlock(title="Funding", categories=("$5M to $10M", "Under $5M"), series=(Series("Funding", (12.5, 3)),),
                     sources=("x",), format=NumberFormat(prefix="$", suffix="M"))
NEGATIVE = ChartBlock(title="Change", categories=("A", "B", "C"), series=(Series("Change", (-20, 50, 10)),),
                      sources=("x",))

WEEKS = tuple(f"W{(w - 1) % 52 + 1:02d} {2024 + (w > 52)}" for w in range(1, 71))
WEEKLY = ChartBlock(title="Weekly boardings", categories=WEEKS, sources=("x",), format=NumberFormat(decimals=1),
                    series=(Series("Boardings", tuple(180 + (w * 37) % 240 + 0.5 for w in range(70))),))
PAIRED = ChartBlock(title="Paired", categories=WEEKS[:40], sources=("x",),
                    series=(Series("A", tuple(range(1000, 41000, 1000))), Series("B", tuple(range(40000, 0, -1000)))))

VARIANTS = {"c1": C1, "c2": C2, "hbar": HBAR, "vlong": VLONG, "multi": MULTI, "twelve": TWELVE, "dense": DENSE,
            "hmulti": HMULTI, "dollars": DOLLARS, "negative": NEGATIVE, "hmonths": replace(TWELVE, kind="hbar"),
            "hdense": replace(DENSE, kind="hbar"), "weekly": WEEKLY, "paired": PAIRED}


@pytest.fixture(scope="module")
def rendered() -> dict[str, RenderedChart]:
    return {name: render_chart(block) for name, block in VARIANTS.items()}


def texts(chart: VectorChart) -> list[VectorText]:
    return [item for item in chart.items if isinstance(item, VectorText)]


def text_box(t: VectorText) -> tuple[float, float, float, float]:
    """The box reportlab's Carlito occupies for this text (ascent to descent), rotated about its anchor."""
    width = pdfmetrics.stringWidth(t.text, "Carlito-Bold" if t.bold else "Carlito", t.size)
    corners = [(0, -0.25 * t.size), (width, -0.25 * t.size), (width, 0.75 * t.size), (0, 0.75 * t.size)]
    assert t.angle in (0.0, 90.0), "boxes below are exact only for upright or vertical text"
    if t.angle == 90.0:
        corners = [(-y, x) for x, y in corners]
    xs, ys = [t.x + x for x, _ in corners], [t.y + y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def rect(path: VectorPath) -> tuple[float, float, float, float]:
    points = [pts for op, pts in path.segments if op in "ML"]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def bars(chart: VectorChart, colour: str) -> list[tuple[float, float, float, float]]:
    """Filled rectangles in `colour`, less the legend swatch (a square smaller than 8 pt)."""
    found = [rect(p) for p in chart.items if isinstance(p, VectorPath) and p.fill == colour and p.stroke is None]
    return [r for r in found if r[2] - r[0] > 8 or r[3] - r[1] > 8]


def overlaps(a: tuple[float, ...], b: tuple[float, ...], slack: float = 0.01) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def shown(chart: VectorChart) -> list[str]:
    return [t.text for t in texts(chart)]


def test_every_value_label_is_shown_as_text(rendered: dict[str, RenderedChart]) -> None:
    assert {"4,700", "67,000", "485,000"} <= set(shown(rendered["c1"].vector))
    assert {"13", "3,443"} <= set(shown(rendered["c2"].vector))
    assert {"4.7K", "67K", "485K", "3.9K", "52K", "301K", "800", "9K", "120K"} <= set(shown(rendered["multi"].vector))
    assert {"380,000", "0", "2,100", "31,000"} <= set(shown(rendered["hbar"].vector))


def test_category_labels_are_shown_whole_even_when_wrapped(rendered: dict[str, RenderedChart]) -> None:
    assert {"2023", "2024", "H1 2025"} <= set(shown(rendered["c1"].vector))
    for name in ("hbar", "vlong"):
        words = " ".join(shown(rendered[name].vector)).split()
        for label in PROVIDERS:
            assert all(word in words for word in label.split()), label
    assert len(texts(rendered["vlong"].vector)) > 8 + 8, "long labels under narrow bars should wrap onto several lines"


def test_dollar_signs_are_plain_text_not_math(rendered: dict[str, RenderedChart]) -> None:
    assert {"$5M to $10M", "Under $5M", "$12.5M", "$3M"} <= set(shown(rendered["dollars"].vector))


@pytest.mark.parametrize("name", VARIANTS)
def test_text_and_bars_stay_inside_the_chart(rendered: dict[str, RenderedChart], name: str) -> None:
    chart = rendered[name].vector
    for t in texts(chart):
        x0, y0, x1, y1 = text_box(t)
        assert x0 >= 0 and y0 >= 0 and x1 <= chart.width and y1 <= chart.height, (t, (x0, y0, x1, y1))
    for path in chart.items:
        if isinstance(path, VectorPath):
            x0, y0, x1, y1 = rect(path)
            assert x0 >= 0 and y0 >= 0 and x1 <= chart.width and y1 <= chart.height, path


@pytest.mark.parametrize("name", VARIANTS)
def test_no_two_texts_overlap_and_no_text_sits_on_a_bar(rendered: dict[str, RenderedChart], name: str) -> None:
    chart = rendered[name].vector
    boxes = [(t.text, text_box(t)) for t in texts(chart)]
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            assert not overlaps(box_a, box_b), (a, b)
    filled = [rect(p) for p in chart.items if isinstance(p, VectorPath) and p.fill]
    for text, box in boxes:
        assert not any(overlaps(box, r) for r in filled), text


def test_no_text_is_smaller_than_7pt(rendered: dict[str, RenderedChart]) -> None:
    for chart in rendered.values():
        assert min(t.size for t in texts(chart.vector)) >= 7
    tiny = replace(DEFAULT_THEME, chart=ChartStyle(font_size=5, value_size=4))
    assert min(t.size for t in texts(render_chart(MULTI, tiny).vector)) >= 7


def test_bars_are_series_coloured_and_as_tall_as_their_values(rendered: dict[str, RenderedChart]) -> None:
    found = bars(rendered["c1"].vector, PALETTE.series[0])
    assert len(found) == 3
    heights = [r[3] - r[1] for r in sorted(found)]
    assert heights[0] < heights[1] < heights[2]
    assert heights[1] / heights[2] == pytest.approx(67000 / 485000, rel=0.01)
    assert heights[0] >= 1.0, "the 4,700 bar must still show as a sliver next to 485,000"
    assert min(r[3] - r[1] for r in bars(rendered["c2"].vector, PALETTE.series[0])) >= 1.0


def test_small_value_label_sits_just_above_its_own_bar(rendered: dict[str, RenderedChart]) -> None:
    chart = rendered["c1"].vector
    small = min(bars(chart, PALETTE.series[0]))
    label = next(t for t in texts(chart) if t.text == "4,700")
    x0, y0, x1, _ = text_box(label)
    assert small[0] <= (x0 + x1) / 2 <= small[2]
    assert 0 < y0 - small[3] < 6


def test_hbar_lists_categories_top_down_left_of_bars(rendered: dict[str, RenderedChart]) -> None:
    chart = rendered["hbar"].vector
    firsts = [next(t for t in texts(chart) if label.startswith(t.text)) for label in PROVIDERS]
    assert [t.y for t in firsts] == sorted((t.y for t in firsts), reverse=True)
    found = bars(chart, PALETTE.series[0])
    assert len(found) == 7  # the zero bar is only its "0" label
    assert all(text_box(t)[2] < min(r[0] for r in found) for t in firsts)
    lengths = [r[2] - r[0] for r in sorted(found, key=lambda r: -r[3])]  # top to bottom
    values = [v for v in PROVIDER_VALUES if v]
    assert lengths == pytest.approx([v * lengths[0] / values[0] for v in values], abs=1.0)


def test_several_series_get_palette_colours_and_a_legend(rendered: dict[str, RenderedChart]) -> None:
    chart = rendered["multi"].vector
    for colour in PALETTE.series[:3]:
        assert len(bars(chart, colour)) == 3
    assert {"Reports", "Actioned", "Referred to police"} <= set(shown(chart))
    assert "Reports" not in shown(rendered["c1"].vector), "a single series needs no legend"
    assert len(bars(rendered["hmulti"].vector, PALETTE.series[1])) == 3


def test_dense_value_labels_turn_vertical_instead_of_colliding(rendered: dict[str, RenderedChart]) -> None:
    values = {t.text: t for t in texts(rendered["dense"].vector)}
    assert values["240,000"].angle == 90.0
    assert {t.angle for t in texts(rendered["c1"].vector)} == {0.0}


def test_zero_and_negative_values_render(rendered: dict[str, RenderedChart]) -> None:
    assert "0" in shown(rendered["twelve"].vector)
    assert {"-20", "50", "10"} <= set(shown(rendered["negative"].vector))


def test_png_decodes_at_raster_size_and_matches_the_vector_bars(rendered: dict[str, RenderedChart]) -> None:
    chart = rendered["c1"]
    image = Image.open(io.BytesIO(chart.png))
    style = DEFAULT_THEME.chart
    expected = (round(style.width_in * style.raster_dpi), round(style.height_in * style.raster_dpi))
    assert image.size == chart.png_size == expected
    assert image.getpixel((0, 0))[:3] == (255, 255, 255)
    scale = DEFAULT_THEME.chart.raster_dpi / 72
    for x0, y0, x1, y1 in bars(chart.vector, PALETTE.series[0]):
        if y1 - y0 < 3:  # a sliver's centre pixel is an antialiased edge
            continue
        pixel = image.getpixel((round((x0 + x1) / 2 * scale), round(expected[1] - (y0 + y1) / 2 * scale)))
        assert "#%02X%02X%02X" % pixel[:3] == PALETTE.series[0]


def test_alt_text_names_the_chart_and_every_value(rendered: dict[str, RenderedChart]) -> None:
    alt = rendered["c1"].alt_text
    assert "NCMEC AI-CSAM Reports" in alt and all(v in alt for v in ("4,700", "67,000", "485,000"))


def test_render_charts_renders_each_distinct_chart_once() -> None:
    doc = Document(Meta("Briefing"), (), (Section("One", (C1, C2)), Section("Two", (C1,))))
    charts = render_charts(doc)
    assert list(charts) == [C1, C2]
    assert charts[C1].png == render_chart(C1).png


_FINGERPRINT = """
import hashlib, sys
sys.path.insert(0, {root!r})
from generator.charts import render_chart
from tests.test_charts import VARIANTS
for name in ("c1", "hbar", "multi"):
    r = render_chart(VARIANTS[name])
    print(name, hashlib.sha256(r.png).hexdigest(), hashlib.sha256(repr(r.vector).encode()).hexdigest())
print("pyplot" if "matplotlib.pyplot" in sys.modules else "no pyplot")
"""


def test_same_block_gives_identical_output_in_and_across_processes(rendered: dict[str, RenderedChart]) -> None:
    again = render_chart(C1)
    assert again.png == rendered["c1"].png and again.vector == rendered["c1"].vector
    script = _FINGERPRINT.format(root=str(ROOT))
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT).stdout
            for _ in range(2)]
    assert runs[0] == runs[1]
    lines = runs[0].splitlines()
    for line in lines[:-1]:
        name, png, vector = line.split()
        assert png == hashlib.sha256(rendered[name].png).hexdigest()
        assert vector == hashlib.sha256(repr(rendered[name].vector).encode()).hexdigest()
    assert lines[-1] == "no pyplot"


def test_dense_horizontal_bars_make_a_taller_chart(rendered: dict[str, RenderedChart]) -> None:
    """Twelve categories of three series need 36 value labels stacked; the chart grows to hold them."""
    default = DEFAULT_THEME.chart.height_in * 72
    assert rendered["hdense"].vector.height > default
    assert rendered["hbar"].vector.height == pytest.approx(default)


def test_too_many_bars_for_value_labels_get_a_value_axis_and_turned_thinned_categories(rendered) -> None:
    """70 bars leave under 7 pt each: no value label could be read, so a light value axis stands in,
    category labels read upwards, and only as many are shown as fit side by side."""
    chart = rendered["weekly"].vector
    shown_texts = shown(chart)
    assert not any(text in shown_texts for text in ("180.5", "217.5")), "no per-bar value labels"
    ticks = [t for t in texts(chart) if t.angle == 0.0]
    assert [t.text for t in sorted(ticks, key=lambda t: t.y)] == ["0", "100", "200", "300", "400", "500"]
    categories = [t for t in texts(chart) if t.angle == 90.0]
    assert categories and all(t.text in WEEKS for t in categories), "whole labels, never broken inside"
    assert 10 < len(categories) < 70 and categories[0].text == "W01 2024"
    gaps = [b.x - a.x for a, b in zip(categories, categories[1:])]
    assert min(gaps) >= 1.0 * categories[0].size, "turned labels stand clear of each other"
    assert len(bars(chart, PALETTE.series[0])) == 70
    assert chart.height > DEFAULT_THEME.chart.height_in * 72, "turned labels make the chart taller, not the bars shorter"
    gridlines = [p for p in chart.items if isinstance(p, VectorPath) and p.stroke == PALETTE.rule]
    assert len(gridlines) == 5
    first_bar = chart.items.index(next(p for p in chart.items if isinstance(p, VectorPath) and p.fill == PALETTE.series[0]))
    assert all(chart.items.index(g) < first_bar for g in gridlines), "gridlines lie under the bars"


def test_a_glyph_the_font_lacks_is_left_to_the_build_report_not_a_bare_warning(recwarn):
    from generator.model import ChartBlock, Series

    block = ChartBlock("Trend 📈", ("North📈", "South"), (Series("S", (1.0, 2.0)),), ("s",))
    rendered = render_chart(block)
    assert rendered.png.startswith(b"\x89PNG")
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


@pytest.mark.parametrize("height", [347.52, 300.0], ids=["a-hair-under-724-px", "whole"])
def test_the_picture_is_painted_as_a_matplotlib_figure_would_paint_it(height: float) -> None:
    """paint.py draws the artists straight onto Agg's renderer, without a Figure: the PNG must be
    the one a Figure holding the same artists rasterises (347.52 pt at 150 dpi is 723.9999... px,
    which a Figure's canvas counts as 724)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.transforms import Affine2D

    from generator.charts import paint, plan_chart

    theme, width = replace(DEFAULT_THEME, chart=replace(DEFAULT_THEME.chart, raster_dpi=150)), 880.0  # the deck's resolution
    for block in (C1, VARIANTS["multi"], VARIANTS["weekly"], VARIANTS["hbar"]):
        plan = plan_chart(block, theme, width, height)
        fig = Figure(figsize=(width / 72, height / 72), dpi=72)
        fig.patch.set_facecolor(theme.palette.paper)
        fig.set_dpi(theme.chart.raster_dpi)
        for artist in paint.artists(plan, theme, theme.chart.raster_dpi):
            artist.set_transform(Affine2D().scale(1 / 72) + fig.dpi_scale_trans)
            fig.add_artist(artist)
        canvas = FigureCanvasAgg(fig)
        with mpl.rc_context({"text.hinting": "no_hinting"}), paint.quiet_about_missing_glyphs():
            canvas.draw()
        size = canvas.get_width_height()
        assert paint.picture(plan, theme, width, height) == (paint.png(canvas.buffer_rgba(), *size, theme.chart.raster_dpi), size)
