"""Text measured with the real metrics of the typeface we ship, for layout that must fit.

Uses FreeType through Pillow (already a dependency of matplotlib and python-pptx) so that the
deck can be laid out without loading reportlab. Carlito has the metrics of Calibri, the font
the deck names, so a line measured here breaks where PowerPoint and LibreOffice break it.
"""

from __future__ import annotations

from functools import cache, lru_cache

from PIL import ImageFont

from .theme import DEFAULT_THEME, Typeface

_UNITS = 1000  # measure at 1000 px so rounding in FreeType is negligible
LINE_SPACING = 1.22  # Carlito/Calibri: (ascender + descender + line gap) / em, from the font's hhea table


@cache
def _font(path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, _UNITS, layout_engine=ImageFont.Layout.BASIC)


def text_width(text: str, size: float, bold: bool = False, typeface: Typeface = DEFAULT_THEME.typeface) -> float:
    """Advance width of `text` in points at `size` points."""
    return _unit_width(str(typeface.bold if bold else typeface.regular), text) * size / _UNITS


@lru_cache(maxsize=1 << 16)
def _unit_width(path: str, text: str) -> float:
    """Width at 1000 px; unhinted, it scales linearly, so a layout that tries several sizes measures each string once."""
    return _font(path).getlength(text)


def wrap(text: str, width: float, size: float, bold: bool = False, typeface: Typeface = DEFAULT_THEME.typeface) -> list[str]:
    """Greedy word wrap as text engines do it; a word longer than the line is broken by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold, typeface) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while text_width(line, size, bold, typeface) > width and len(line) > 1:
                cut = _longest_fitting_prefix(line, width, size, bold, typeface)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _longest_fitting_prefix(word: str, width: float, size: float, bold: bool, typeface: Typeface) -> int:
    cut = len(word) - 1
    while cut > 1 and text_width(word[:cut], size, bold, typeface) > width:
        cut -= 1
    return cut


def text_height(lines: int, size: float) -> float:
    return lines * size * LINE_SPACING


def fit_columns(natural: list[float], minimum: list[float], flexible: list[bool], total: float) -> list[float]:
    """Column widths that follow content and fill `total`.

    Spare room goes to the flexible (text) columns, so figures stay next to their labels; when
    the natural widths are too wide, flexible columns give way down to their minimum (they wrap).
    """
    if not any(flexible):
        flexible = [True] * len(natural)
    spare = total - sum(natural)
    if spare >= 0:
        grow = sum(n for n, f in zip(natural, flexible) if f)
        return [n + (spare * n / grow if f else 0.0) for n, f in zip(natural, flexible)]
    give = [n - m if f else 0.0 for n, m, f in zip(natural, minimum, flexible)]
    if sum(give) >= -spare:
        return [n - g * -spare / sum(give) for n, g in zip(natural, give)]
    floor = [m if f else n for n, m, f in zip(natural, minimum, flexible)]
    return [w * total / sum(floor) for w in floor]  # still too wide: scale everything (smaller type is the caller's next step)
