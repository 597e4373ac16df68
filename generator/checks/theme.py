"""Checks on the theme itself: text that would be too small or too faint to read in either output."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Diagnostic
from ..model import Origin
from ..theme import Theme, contrast_ratio

MIN_CONTRAST = 4.5
MIN_PRINT_SIZE = 7.0
MIN_SCREEN_BODY = 14.0
MIN_SCREEN_TITLE = 24.0
_THEME = Origin("<theme>", 0, 0, "")


def theme_findings(theme: Theme) -> list[Diagnostic]:
    return [*_faint_text(theme), *_small_text(theme)]


def _faint_text(theme: Theme) -> Iterator[Diagnostic]:
    for name, foreground, background in theme.palette.text_pairs():
        ratio = contrast_ratio(foreground, background)
        if ratio < MIN_CONTRAST:
            yield Diagnostic.at(_THEME, f"{name} text ({foreground} on {background}) has contrast {ratio:.2f}:1, below {MIN_CONTRAST}:1",
                                hint="darken the text colour or lighten its background")


def _small_text(theme: Theme) -> Iterator[Diagnostic]:
    limits = [(f"PDF {name}", size, MIN_PRINT_SIZE) for name, size in vars(theme.print).items()]
    limits += [(f"chart {name}", size, MIN_PRINT_SIZE) for name, size in vars(theme.chart).items() if name.endswith("size")]
    limits += [(f"slide {name}", size, MIN_SCREEN_TITLE if name in theme.screen.TITLES else MIN_SCREEN_BODY)
               for name, size in vars(theme.screen).items() if name not in theme.screen.FURNITURE]
    for name, size, least in limits:
        if isinstance(size, (int, float)) and size < least:
            yield Diagnostic.at(_THEME, f"{name} text is {size:g} pt, below the {least:g} pt minimum",
                                hint="raise the size in the theme")
