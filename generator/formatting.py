"""Numbers as a reader sees them: the content's figure, formatted by the briefing's language.

The digits are decided here, by our own rules, because they must never change a figure: as many
decimals as the value has (no silent rounding), half-up rounding of the value as written, and a
compact unit that rolls over (999,999 is "1M", never "1,000K"). The locale decides only how those
digits are written: group and decimal separators, the minus and plus signs, the percent pattern
and the compact units, all taken from CLDR through Babel, so "5 098 666" and "0,4 %" in French
come from the same data a word processor uses. English is the default and keeps its own forms.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Literal

FormatStyle = Literal["number", "compact", "percent", "plain"]
Sign = Literal["auto", "always"]
FORMAT_STYLES: tuple[str, ...] = ("number", "compact", "percent", "plain")
SIGNS: tuple[str, ...] = ("auto", "always")
DEFAULT_LOCALE = "en"


@dataclass(frozen=True)
class NumberFormat:
    """How a number is shown. Content stores 67000; the format decides '67,000' or '67K'.

    `decimals=None` shows as many decimals as the value has (up to 3), so no figure is silently
    rounded; 'percent' values are percentage points (29 shows as '29%'); 'plain' writes digits
    without grouping (years, codes). `sign: always` marks positive values with a plus sign.
    `locale` is a Babel locale name ('fr', 'de_CH'), set from the briefing's `language`.
    """

    style: FormatStyle = "number"
    decimals: int | None = None
    prefix: str = ""
    suffix: str = ""
    sign: Sign = "auto"
    locale: str = DEFAULT_LOCALE

    def format(self, value: float) -> str:
        """The sign leads the prefix: -42.5 with prefix '£' shows as '-£42.5'. A prefix that is a
        plus sign ('+' for a change) gives way to the minus of a negative value: '-1%', never '-+1%'."""
        rules = conventions(self.locale)
        body = self._body(abs(value), rules)
        negative = value < 0 and _has_digit_above_zero(body)
        positive = value > 0 and _has_digit_above_zero(body)
        prefix = self.prefix[1:] if (negative or self.sign == "always") and self.prefix.startswith("+") else self.prefix
        sign = rules.minus if negative else rules.plus if positive and self.sign == "always" else ""
        before, after = rules.percent if self.style == "percent" else ("", "")
        return f"{sign}{prefix}{before}{body}{after}{self.suffix}"

    def hides(self, value: float) -> bool:
        """Whether a non-zero value would show as zero: only possible with too few `decimals`."""
        return value != 0 and not _has_digit_above_zero(self._body(abs(value), conventions(self.locale)))

    def _body(self, magnitude: float, rules: Conventions) -> str:
        if self.style == "compact":
            return _compact(magnitude, self.decimals, rules)
        return _grouped(magnitude, self.decimals, grouping=self.style != "plain").translate(rules.separators)


def _has_digit_above_zero(text: str) -> bool:
    return any("1" <= char <= "9" for char in text)


@dataclass(frozen=True)
class Conventions:
    """How one locale writes numbers: what replaces ',' and '.', its signs, percent and compact units."""

    separators: dict[int, str]
    minus: str
    plus: str
    percent: tuple[str, str]  # text before and after the digits
    compact: tuple[tuple[float, float, str, str], ...]  # (from, divisor, before, after), largest first


ENGLISH = Conventions({}, "-", "+", ("", "%"),
                      tuple((step, step, "", unit) for step, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))))


def known_locale(tag: str) -> str | None:
    """The Babel locale name of a BCP 47 tag ('fr-CA' -> 'fr_CA'), or None when CLDR has no data for it."""
    if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", tag):
        return None
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(tag, sep="-"))
    except (UnknownLocaleError, ValueError):
        return None


@cache
def conventions(locale: str) -> Conventions:
    """CLDR's number conventions for `locale`; English needs no lookup (and no import of Babel)."""
    if locale == DEFAULT_LOCALE:
        return ENGLISH
    from babel import Locale

    data = Locale.parse(locale)
    symbols = data.number_symbols["latn"]
    separators = str.maketrans({",": symbols["group"], ".": symbols["decimal"]})
    pattern = data.percent_formats[None].pattern.replace("%", symbols["percentSign"])
    return Conventions(separators, symbols["minusSign"], symbols["plusSign"], _affixes(pattern), _compact_units(data))


def _affixes(pattern: str) -> tuple[str, str]:
    """The text around the digits of a CLDR pattern: '#,##0 %' -> ('', ' %')."""
    digits = re.search(r"[#0][#0,.]*", pattern)
    if digits is None:
        return "", ""
    return _literal(pattern[:digits.start()]), _literal(pattern[digits.end():])


def _literal(text: str) -> str:
    return text.replace("''", "\x00").replace("'", "").replace("\x00", "'")


def _compact_units(data) -> tuple[tuple[float, float, str, str], ...]:
    """Each compact unit from where it starts: ('1000', '0 k') is k from 1,000; de has none below
    a million, zh counts in 10,000s ('0万')."""
    units: list[tuple[float, float, str, str]] = []
    for key, pattern in sorted(data.compact_decimal_formats["short"]["other"].items(), key=lambda item: int(item[0])):
        zeros = pattern.pattern.count("0")
        if pattern.pattern.strip() == "0" or zeros == 0:
            continue
        divisor = float(int(key) // 10 ** (zeros - 1))
        before, after = _affixes(pattern.pattern)
        if not units or units[-1][1:] != (divisor, before, after):
            units.append((float(key), divisor, before, after))
    return tuple(reversed(units))


def natural_decimals(value: float, cap: int = 3) -> int:
    """The fewest decimals that show `value` without rounding it: at most `cap`, or more for a
    value below 0.01, which keeps two significant digits (0.0004, never 0.000), so no non-zero
    figure ever shows as zero."""
    if 0 < abs(value) < 0.01:
        cap = max(cap, 1 - math.floor(math.log10(abs(value))))
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent  # the shortest text that reads back
    return min(max(0, -exponent), cap) if isinstance(exponent, int) else 0


def _grouped(value: float, decimals: int | None, grouping: bool = True) -> str:
    """Digits in the English form ('5,098,666.5'); the locale's separators replace ',' and '.' later."""
    if decimals is not None:
        return _rounded(value, decimals, grouping)
    shown = _rounded(value, natural_decimals(value), grouping)
    return shown.rstrip("0").rstrip(".") if "." in shown else shown  # a computed 0.30000000000000004 is '0.3'


def _rounded(value: float, places: int, grouping: bool = True) -> str:
    """Half-up rounding of the value as written (1.25 -> 1.3), as readers expect, with separators."""
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{exact:,.{places}f}" if grouping else f"{exact:.{places}f}"


def _compact(value: float, decimals: int | None, rules: Conventions) -> str:
    """1,250,000 as '1.3M'. A value that rounds up to the next unit takes it, so 999,999 is '1M',
    not '1,000.0K'; below the first unit the number is written in full."""
    units = rules.compact
    at = next((index for index, unit in enumerate(units) if value >= unit[0]), len(units))
    if at == len(units):
        shown = _grouped(value, decimals)
        if not units or float(shown.replace(",", "")) < units[-1][0]:
            return shown.translate(rules.separators)
    elif at == 0 or _scaled(value, units[at], decimals)[1] * units[at][1] < units[at - 1][0]:
        return _unit(_scaled(value, units[at], decimals)[0], units[at], rules)
    shown = _scaled(value, units[at - 1], decimals)[0]  # it rounds up into the next unit
    if decimals is None and shown.endswith(".0"):
        shown = shown[:-2]  # 999,999 rounds to exactly 1M; '1.0M' would suggest a figure past it
    return _unit(shown, units[at - 1], rules)


def _unit(shown: str, unit: tuple[float, float, str, str], rules: Conventions) -> str:
    return f"{unit[2]}{shown.translate(rules.separators)}{unit[3]}"


def _scaled(value: float, unit: tuple[float, float, str, str], decimals: int | None) -> tuple[str, float]:
    """The value in `unit`, as shown (English digits) and as the number it shows."""
    scaled = value / unit[1]
    places = min(natural_decimals(scaled), 1) if decimals is None else decimals
    shown = _rounded(scaled, places)
    return shown, float(shown.replace(",", ""))
