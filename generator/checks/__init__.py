"""Findings about a briefing that no writer makes on its own: the content as a whole (content.py),
the theme's sizes and contrast (theme.py), charts that would not show their data (charts.py), and characters the typeface cannot draw and right-to-left text (glyphs.py)."""

from .content import cited_keys, document_findings
from .glyphs import right_to_left, uncovered
from .theme import theme_findings

__all__ = ["cited_keys", "document_findings", "right_to_left", "theme_findings", "uncovered"]
