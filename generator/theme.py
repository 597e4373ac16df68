"""The one place for colours, typefaces and sizes, shared by the charts, the PDF and the deck.

Colours are hex strings and sizes are points, so each consumer converts at its own edge.
The palette steps in lightness (dark navy, mid teal, light ochre) so series stay apart when a
briefing is printed in black and white; every text colour is at least 4.5:1 on its background.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"


@dataclass(frozen=True)
class Typeface:
    """A family as files we ship (for measuring, charts and PDF embedding) and as the name the deck asks for.

    The deck names Calibri, which PowerPoint and Keynote users have; Carlito, which we ship and
    LibreOffice substitutes for Calibri, has the same metrics, so text measured with it fits in both.

    `fallbacks` are the content's `fonts:` files (TrueType), tried in order for each character the
    shipped faces lack, in every weight: Carlito has no Chinese, and a briefing naming people in it
    must neither print blanks nor measure them as blanks.
    """

    family: str = "Carlito"
    deck_name: str = "Calibri"
    regular: Path = FONT_DIR / "Carlito-Regular.ttf"
    bold: Path = FONT_DIR / "Carlito-Bold.ttf"
    italic: Path = FONT_DIR / "Carlito-Italic.ttf"
    fallbacks: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Palette:
    ink: str = "#1B2333"  # body text
    muted: str = "#4D5666"  # captions, notes, source lines
    heading: str = "#14325A"  # titles and section heads
    accent: str = "#B5432B"  # marking, rules that need attention
    rule: str = "#C9D0DA"  # hairlines
    panel: str = "#EEF1F5"  # stat cards, table header band
    band: str = "#14325A"  # title band
    on_band: str = "#FFFFFF"
    paper: str = "#FFFFFF"
    zebra: str = "#F7F8FA"  # alternate table rows
    # Lightness (CIE L*) 32, 60, 74, 47, 9: each series at least 12 steps from every other, so bars
    # stay apart in black-and-white print; the first three, the common case, step dark-mid-light.
    series: tuple[str, ...] = ("#1F4E79", "#4A9BAE", "#D9B15C", "#A65D43", "#111827")

    def text_pairs(self) -> tuple[tuple[str, str, str], ...]:
        """Every text colour with the background it is set on, for the contrast check."""
        grounds = (("paper", self.paper), ("card", self.panel), ("table row", self.zebra))
        on_grounds = tuple((f"{name} on {ground}", colour, background)
                           for name, colour in (("body", self.ink), ("muted", self.muted), ("heading", self.heading), ("marking", self.accent))
                           for ground, background in grounds)
        return (*on_grounds, ("title band", self.on_band, self.band))


@dataclass(frozen=True)
class Minimums:
    """The least the outputs allow, whatever the content asks: text sizes a reader can read on paper
    and from the back of a room, and the contrast of text on its ground (WCAG 2 AA). The checks hold
    the theme to these, and every fitting step (tables, cards, charts, slides) stops at them."""

    print_text: float = 7.0  # no text of the PDF or of a chart is set smaller
    screen_body: float = 14.0  # body text on a slide
    screen_title: float = 24.0  # slide titles and headlines
    contrast: float = 4.5


MINIMUMS = Minimums()


@dataclass(frozen=True)
class PrintSizes:
    """Type scale of the PDF, in points."""

    title: float = 24
    title_min: float = 12  # a long title shrinks to this before it is reported
    subtitle: float = 12.5
    meta: float = 9.5
    section: float = 15
    block_title: float = 11.5
    body: float = 10
    caption: float = 8.5
    source: float = 7.5
    stat_value: float = 24
    stat_value_min: float = 10  # a stat card's figure shrinks to fit its card down to this, never wraps
    stat_label: float = 9
    table: float = 9
    running: float = 7.5
    least: float = MINIMUMS.print_text  # no text of the PDF is set smaller, whatever it must fit


@dataclass(frozen=True)
class ScreenSizes:
    """Type scale of the deck, in points on a 13.333 x 7.5 in slide."""

    TITLES: ClassVar[frozenset[str]] = frozenset({"title", "headline"})  # held to the 24 pt title minimum
    FURNITURE: ClassVar[frozenset[str]] = frozenset({"footer", "footer_min"})  # slide number and marking, not body text

    title: float = 40
    subtitle: float = 20
    headline: float = 28
    body: float = 20
    table: float = 20
    stat_value: float = 48
    stat_label: float = 16
    caption: float = 14
    footer: float = 12
    footer_min: float = 10  # a long marking shrinks to this, on up to three lines, before it is cut and reported
    stat_value_min: float = 14  # a stat card's figure, always one line, shrinks to this before it is reported


# The least height a chart on a slide gets, in points: what the headline, subtitle, note and source
# line leave it, each of them capped, never less, so its bars can still be read.
DECK_CHART_MIN_HEIGHT = 120.0
DECK_HEADLINE_LINES = 4  # a headline longer than this at 24 pt is cut and reported, so its slide keeps room


@dataclass(frozen=True)
class SlideGeometry:
    """Where things sit on a deck's slide, in points from its top-left corner (13.333 x 7.5 in).

    The slide's size, margins and content area, the caps on text beside a block, and the boxes
    more than one slide kind shares live here, beside the type scale, so a slide's layout is read
    and changed in one place rather than in the code that measures it. Spacing used inside one
    block kind's layout only (a gap under its headline) stays with that kind's module."""

    width: float = 960.0
    height: float = 540.0
    margin: float = 40.0  # left and right of the content, and of the slide number and marking
    headline_y: float = 26.0
    bottom: float = 496.0  # lowest edge of slide content, above the footer
    footer_y: float = 508.0
    footer_band: tuple[float, float] = (498.0, 536.0)  # the band a marking of several lines may fill
    number_width: float = 120.0  # the slide number's box
    number_gap: float = 20.0  # the gap the marking keeps from the slide number
    inset: float = 64.0  # title and divider slides: the text's left edge (and right, mirrored)
    source_cap: float = 80.0  # the most height a slide's source line takes (four lines at 14 pt)
    chart_subtitle_cap: float = 50.0  # the most height a chart's subtitle takes on its slide
    chart_note_cap: float = 60.0  # ... and its note
    table_note_cap: float = 120.0  # the most height a table's note takes below it (seven lines at 14 pt)
    divider_title_cap: float = 400.0  # a section title's height on its divider, leaving room for the label above it
    cell_pad: tuple[float, float] = (10.0, 4.0)  # a table cell's inset, across and down
    bullet_indent: float = 22.0
    cards_per_slide: int = 4  # so each figure stays large enough to read from the back of the room
    card_gap: float = 20.0  # between stat cards side by side
    card_pad: float = 18.0  # a stat card's text inset, left and right
    card_min_height: float = 160.0

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin


SLIDE = SlideGeometry()


@dataclass(frozen=True)
class ChartStyle:
    """A chart's size and type: the PDF's below; the deck's (`DECK_CHART`) fills its slide."""

    width_in: float = 6.7
    height_in: float = 2.1
    font_size: float = 8.5
    value_size: float = 8.5
    raster_dpi: int = 300
    bar_scale: float = 1.0  # the thickest bar, as a multiple of the charts' own maximum
    dimmed: str = "#BFC6D1"  # bars not picked out by a chart's `highlight` (those take the palette's accent)
    line_width: float = 1.5  # a line chart's lines, in points at the chart's own size (scaled with its text)


# The deck draws its own chart picture to fill the slide: text set for a projector (the largest of
# `DECK_CHART_SIZES` at which the chart fits), rasterised with more pixels than a 1920 x 1080 screen shows it with (144 dpi spans the slide).
DECK_CHART = ChartStyle(width_in=0.0, height_in=0.0, font_size=18, value_size=18, raster_dpi=150, bar_scale=2.0)
DECK_CHART_SIZES: tuple[float, ...] = (18, 16, 14, 12, 11, 10, 9, 8, 7)
DECK_CHART_SMALL = 12.0  # chart text below this on a slide is reported as a warning


@dataclass(frozen=True)
class ColumnStyle:
    """Two blocks side by side (the `columns` block). In print each column must be at least
    `min_width` wide (about 8 cm: a chart's labels and a table's figures still read there), else
    the blocks print one after the other; the deck always sets them side by side, `deck_gap` apart."""

    min_width: float = 216.0  # 3 in; A4 and Letter portrait frames give about 232 pt a column
    gutter: float = 18.0  # between the two columns of a page
    deck_gap: float = 32.0  # between the two halves of a slide


@dataclass(frozen=True)
class Theme:
    typeface: Typeface = Typeface()
    palette: Palette = Palette()
    print: PrintSizes = PrintSizes()
    screen: ScreenSizes = ScreenSizes()
    chart: ChartStyle = ChartStyle()
    deck_chart: ChartStyle = DECK_CHART
    minimums: Minimums = MINIMUMS
    columns: ColumnStyle = ColumnStyle()


DEFAULT_THEME = Theme()


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def lightness(colour: str) -> float:
    """CIE L* (0 black to 100 white): how light a colour prints in greyscale."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in hex_to_rgb(colour))]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours."""

    def luminance(colour: str) -> float:
        channels = [c / 255 for c in hex_to_rgb(colour)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
