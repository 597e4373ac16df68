"""Checks on the theme itself: text that would be too small or too faint to read in either output."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Diagnostic
from ..model import Origin
from ..theme import Theme, contrast_ratio

_THEME = Origin("<theme>", 0, 0, "")


def theme_findings(theme: Theme) -> list[Diagnostic]:
    return [*_faint_text(theme), *_small_text(theme)]


def _faint_text(theme: Theme) -> Iterator[Diagnostic]:
    for name, foreground, background in theme.palette.text_pairs():
        ratio = contrast_ratio(foreground, background)
        if ratio < theme.minimums.contrast:
            yield Diagnostic.at(_THEME, f"{name} text ({foreground} on {background}) has contrast {ratio:.2f}:1, below {theme.minimums.contrast}:1",
                                hint="darken the text colour or lighten its background")


def _small_text(theme: Theme) -> Iterator[Diagnostic]:
    least = theme.minimums
    limits = [(f"PDF {name}", size, least.print_text) for name, size in vars(theme.print).items()]
    limits += [(f"chart {name}", size, least.print_text) for name, size in vars(theme.chart).items() if name.endswith("size")]
    limits += [(f"slide {name}", size, least.screen_title if name in theme.screen.TITLES else least.screen_body)
               for name, size in vars(theme.screen).items() if name not in theme.screen.FURNITURE]
    for name, size, least in limits:
        if isinstance(size, (int, float)) and size < least:
            yield Diagnostic.at(_THEME, f"{name} text is {size:g} pt, below the {least:g} pt minimum",
                                hint="raise the size in the theme")
