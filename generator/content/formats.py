"""Number formats as the content writes them, and figures checked against the format that shows them.

`format: compact` or `format: {style: number, decimals: 1, prefix: "$", suffix: " bn"}`. A figure
whose format would show it as zero (0.04 with `decimals: 1`) is refused here, where it is written.
"""

from __future__ import annotations

from dataclasses import replace

from yaml.nodes import Node, ScalarNode

from ..formatting import DEFAULT_LOCALE, FORMAT_STYLES, SIGNS, NumberFormat
from .nodes import Fields, Reader


MAX_DECIMALS = 6


class FormatReader(Reader):
    """A reader that also knows number formats; the document reader is one, and sets `locale` from
    the briefing's language before it reads any block."""

    locale: str = DEFAULT_LOCALE

    def figure(self, node: Node, path: str, number_format: NumberFormat | None, minimum: float | None = None) -> float | None:
        """A number a reader will see in `number_format`: refused if the format would show it as zero."""
        value = self.number(node, path, minimum)
        if value is None or number_format is None or not number_format.hides(value):
            return value
        needed = next(places for places in range(number_format.decimals or 0, 40)
                      if not replace(number_format, decimals=places).hides(value))
        self.error(node, path, f"{node.value} would show as {number_format.format(value)} with decimals: {number_format.decimals}",
                   f"set decimals: {needed} or more, or leave decimals out to show the value as written" if needed <= MAX_DECIMALS
                   else "leave decimals out to show the value as written, or give it in a smaller unit")
        return None

    def number_format(self, fields: Fields) -> NumberFormat | None:
        """`format: compact`, `format: plain` (a year), or `format: {style: percent, decimals: 1, sign: always}`."""
        node = fields.get("format")
        path = fields.child("format")
        if node is None:
            return NumberFormat(locale=self.locale)
        if isinstance(node, ScalarNode):
            style = self.choice(node, path, FORMAT_STYLES)
            return NumberFormat(style, locale=self.locale) if style else None
        spec = self.mapping(node, path, ("style", "decimals", "prefix", "suffix", "sign"))
        if spec is None:
            return None
        style = self.choice(spec.get("style"), spec.child("style"), FORMAT_STYLES) if spec.get("style") else "number"
        decimals = self.integer(spec.get("decimals"), spec.child("decimals"), 0, MAX_DECIMALS) if spec.get("decimals") else None
        prefix = self.affix(spec.values.get("prefix"), spec.child("prefix"))
        suffix = self.affix(spec.values.get("suffix"), spec.child("suffix"))
        sign = self.choice(spec.get("sign"), spec.child("sign"), SIGNS) if spec.get("sign") else "auto"
        if style is None or sign is None or (spec.get("decimals") is not None and decimals is None) or None in (prefix, suffix):
            return None
        return NumberFormat(style, decimals, prefix, suffix, sign, self.locale)
