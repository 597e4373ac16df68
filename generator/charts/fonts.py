"""The faces a chart sets its labels in, measured by the one engine (generator.measure).

Widths are the font's own advances, unhinted and without kerning or ligatures, which is how
reportlab draws the PDF's text and how Agg paints the picture's, so every glyph lands where the
plan put it in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..measure import chain_width, face, runs
from ..theme import MINIMUMS, Theme

MIN_TEXT = MINIMUMS.print_text  # no chart text below this, whatever the theme says


@dataclass(frozen=True)
class Font:
    """One face at one size, with the hhea line metrics (as reportlab uses them) the layout needs,
    and the fallback files that set what the face lacks (line metrics stay the face's own)."""

    path: str
    size: float
    ascent: float
    descent: float
    pitch: float  # baseline to baseline
    fallbacks: tuple[str, ...] = ()

    @classmethod
    def of(cls, path: str, size: float, fallbacks: tuple[str, ...] = ()) -> Font:
        return cls(path, size, *face(path).line(size), fallbacks)

    def width(self, text: str) -> float:
        return chain_width(text, self.size, (self.path, *self.fallbacks))

    def runs(self, text: str) -> list[tuple[str, str]]:
        """`text` as (run, font file) pairs, each run in the first file that draws it."""
        return runs(text, (self.path, *self.fallbacks))

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy wrap by measured width; a word wider than the line is broken with a hyphen."""
        lines: list[str] = []
        for word in text.split():
            while len(word) > 1 and self._wider(word, width):
                cut = self._cut(word, width)
                lines.append(word[:cut] + "-")
                word = word[cut:]
            if lines and not lines[-1].endswith("-") and self.width(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]

    def label(self, text: str, width: float, most: int = 2) -> list[str]:
        """A category label wrapped to at most `most` lines, the last shortened with an ellipsis when
        there is more: a long label cannot crowd out the plot, and its full text is in the alt text."""
        lines = self.wrap(text, width)
        if len(lines) <= most:
            return lines
        last = lines[most - 1].rstrip("-")
        while len(last) > 1 and self.width(last.rstrip() + "…") > width:
            last = last[:-1]
        return [*lines[:most - 1], last.rstrip() + "…"]

    def _reach(self, width: float) -> int:
        """More characters than any line of `width` holds, unless the text is of hair-thin glyphs
        (a tenth of an em): measuring only that far keeps a 5,000-character word from being measured
        whole on every line it is broken into."""
        return int(width / (0.1 * self.size)) + 2

    def _wider(self, word: str, width: float) -> bool:
        reach = self._reach(width)
        if len(word) > reach and self.width(word[:reach]) > width:
            return True  # a prefix is already too wide
        return self.width(word) > width

    def _cut(self, word: str, width: float) -> int:
        """The longest prefix that fits `width` with its hyphen (at least one character). Prefix widths
        only grow, so a binary search finds it in a few measurements."""
        if self.width(word[:1] + "-") > width:
            return 1
        low, high = 1, min(len(word) - 1, self._reach(width))
        if high < len(word) - 1 and self.width(word[:high] + "-") <= width:
            high = len(word) - 1  # hair-thin glyphs: search the whole word
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(word[:middle] + "-") <= width:
                low = middle
            else:
                high = middle - 1
        return low


def chart_fonts(theme: Theme) -> tuple[Font, Font]:
    """Category and value label faces, never below the smallest size allowed."""
    regular, fallbacks = str(theme.typeface.regular), tuple(str(path) for path in theme.typeface.fallbacks)
    return (Font.of(regular, max(MIN_TEXT, theme.chart.font_size), fallbacks),
            Font.of(regular, max(MIN_TEXT, theme.chart.value_size), fallbacks))
