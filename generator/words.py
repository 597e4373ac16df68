"""The words the outputs print themselves, in the briefing's language.

"Figure 2.", "Source:", "Page 1 of 3" sit beside the author's text, so a French briefing must say
"Figure 2.", "Source :", "Page 1 sur 3". Each word is a template with named fields; English,
French, German and Spanish are shipped, any other language falls back to English, and the content
file's `labels:` replaces any word in any language. The writers ask `Words` for every word they
print, so no English is left in a translated briefing.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

# every word the outputs print, with the fields its template may use
FIELDS: dict[str, tuple[str, ...]] = {
    "figure": ("number",),  # before a chart's title
    "table": ("number",),  # before a table's title
    "continued": (),  # after a title that continues on the next page or slide
    "continued_short": (),  # the same, on a slide's headline
    "source": (),  # leads a block's source line
    "sources": (),  # the heading of the sources list, and the notes' sources
    "general_sources": (),  # the source line of a block that cites only the briefing's sources
    "page": ("page", "pages"),  # the PDF's page footer
    "section": ("number", "total"),  # a section divider slide
    "bar_chart": (),  # alt text of a vertical bar chart
    "hbar_chart": (),  # alt text of a horizontal bar chart
    "chart": (),  # names a chart on its slide ("Chart: title"), as PowerPoint's selection pane and screen readers show it
    "line_chart": (),  # alt text of a line chart
    "missing": (),  # alt text of a chart's value the source lacks
    "data_files": (),  # the heading of the PDF's list of data files, under the sources
    "data_file": (),  # leads a block's data file in the speaker notes
    "top_rows": ("shown", "total"),  # the note of a table the deck shows the top rows of (`deck: {rows: N}`)
    "top_categories": ("shown", "total"),  # the same for a chart (`deck: {categories: N}`)
}

SHIPPED: dict[str, dict[str, str]] = {
    "en": {"figure": "Figure {number}", "table": "Table {number}", "continued": "(continued)", "continued_short": "(cont.)",
           "source": "Source", "sources": "Sources", "general_sources": "General sources", "page": "Page {page} of {pages}",
           "section": "Section {number} of {total}", "bar_chart": "Bar chart", "hbar_chart": "Horizontal bar chart",
           "chart": "Chart", "line_chart": "Line chart", "missing": "no data",
           "data_files": "Data files", "data_file": "Data",
           "top_rows": "Top {shown} of {total}; the full table is in the PDF.",
           "top_categories": "Top {shown} of {total}; the full chart is in the PDF."},
    "fr": {"figure": "Figure {number}", "table": "Tableau {number}", "continued": "(suite)", "continued_short": "(suite)",
           "source": "Source", "sources": "Sources", "general_sources": "Sources générales", "page": "Page {page} sur {pages}",
           "section": "Partie {number} sur {total}", "bar_chart": "Graphique en barres",
           "hbar_chart": "Graphique en barres horizontales", "chart": "Graphique",
           "line_chart": "Graphique en courbes", "missing": "pas de données",
           "data_files": "Fichiers de données", "data_file": "Données",
           "top_rows": "Les {shown} premiers sur {total} ; le tableau complet est dans le PDF.",
           "top_categories": "Les {shown} premiers sur {total} ; le graphique complet est dans le PDF."},
    "de": {"figure": "Abbildung {number}", "table": "Tabelle {number}", "continued": "(Fortsetzung)", "continued_short": "(Forts.)",
           "source": "Quelle", "sources": "Quellen", "general_sources": "Allgemeine Quellen", "page": "Seite {page} von {pages}",
           "section": "Abschnitt {number} von {total}", "bar_chart": "Säulendiagramm", "hbar_chart": "Balkendiagramm",
           "chart": "Diagramm", "line_chart": "Liniendiagramm", "missing": "keine Daten",
           "data_files": "Datendateien", "data_file": "Daten",
           "top_rows": "Die ersten {shown} von {total}; die vollständige Tabelle steht im PDF.",
           "top_categories": "Die ersten {shown} von {total}; das vollständige Diagramm steht im PDF."},
    "es": {"figure": "Figura {number}", "table": "Tabla {number}", "continued": "(continuación)", "continued_short": "(cont.)",
           "source": "Fuente", "sources": "Fuentes", "general_sources": "Fuentes generales", "page": "Página {page} de {pages}",
           "section": "Sección {number} de {total}", "bar_chart": "Gráfico de barras", "hbar_chart": "Gráfico de barras horizontales",
           "chart": "Gráfico", "line_chart": "Gráfico de líneas", "missing": "sin datos",
           "data_files": "Archivos de datos", "data_file": "Datos",
           "top_rows": "Los {shown} primeros de {total}; la tabla completa está en el PDF.",
           "top_categories": "Los {shown} primeros de {total}; el gráfico completo está en el PDF."},
}

# the space before a colon (French typography puts a narrow no-break space there)
COLON: dict[str, str] = {"fr": "\u202f:"}


@dataclass(frozen=True)
class Words:
    """The words of one briefing: its language's shipped words with the content's `labels:` over them."""

    language: str = "en"
    own: tuple[tuple[str, str], ...] = ()  # the content's labels, as (word, template)
    _table: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = dict(SHIPPED["en"])
        table.update(SHIPPED.get(_base(self.language), {}))
        table.update(self.own)
        object.__setattr__(self, "_table", table)

    def __call__(self, word: str, **values: object) -> str:
        """The word filled in: words("page", page=1, pages=3) is 'Page 1 of 3'."""
        return self._table[word].format(**values)

    def lead(self, word: str) -> str:
        """A word that leads a line, with its colon as the language writes it: 'Source:', 'Source :'."""
        return self(word) + self.colon

    @property
    def colon(self) -> str:
        """The colon as the language writes it after a word: ':', or ' :' in French."""
        return COLON.get(_base(self.language), ":")

    @property
    def shipped(self) -> bool:
        """Whether the language has words of its own here (else English, unless `labels:` gives them)."""
        return _base(self.language) in SHIPPED


def template_problem(word: str, template: str) -> str | None:
    """What is wrong with a `labels:` template, or None: an unknown field, or a required one missing."""
    try:
        named = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return "braces must pair: write {number}, or {{ and }} for a brace itself"
    allowed = FIELDS[word]
    unknown = sorted(named - set(allowed))
    if unknown:
        return f"{{{unknown[0]}}} is not a field of {word!r}; it may use {', '.join('{' + f + '}' for f in allowed) or 'no fields'}"
    missing = [name for name in allowed if name not in named]
    if missing:
        return f"the {word!r} label must show {{{missing[0]}}}"
    return None


def _base(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower()


# English with no region is written as British English on the deck's runs, as the deck always has
_OFFICE_DEFAULTS = {"en": "en-GB"}


def office_language(locale: str) -> str:
    """The language a deck's text runs carry (a:rPr @lang), from the briefing's Babel locale: with a
    region, as Office's proofing tools expect ('fr-FR', 'de-CH', 'zh-TW'), the region CLDR thinks
    likeliest when the content names none."""
    from babel.core import Locale, get_global

    if locale in _OFFICE_DEFAULTS:
        return _OFFICE_DEFAULTS[locale]
    likely = get_global("likely_subtags")
    parsed = Locale.parse(locale)
    territory = parsed.territory or Locale.parse(likely.get(locale) or likely.get(parsed.language) or parsed.language).territory
    return "-".join(part for part in (parsed.language, territory) if part)
