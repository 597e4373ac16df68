"""Briefings in French and German, read back as a reader meets them: every word the outputs print
is in the briefing's language, every number is written as the language writes it, and both files
say which language they are in.

reportlab writes a no-break space (U+00A0) as a plain space's code (it draws the same glyph), so
the PDF's text reads it back as ' '; a narrow no-break space (U+202F) survives where text is drawn
as a line (table cells, chart labels, the footer) and is set as a no-break space inside a
paragraph, where reportlab would break the line at it. The deck keeps every character as written.
"""

from __future__ import annotations

import re

import pypdf
import pytest
from pptx.oxml.ns import qn

from generator.measure import covered, wrap
from generator.model import NumberFormat
from generator.theme import DEFAULT_THEME
from generator.words import SHIPPED, Words, office_language
from generator.writers.pdf.blocks import text as markup

from .conftest import FIXTURES, run_cli
from .readback import deck, notes_text, slide_texts

NNBSP, NBSP = "\u202f", "\u00a0"
# what a briefing in English would print: none of it may be left in a translated one
ENGLISH = [r"\bTable \d", r"\(continued\)", r"\(cont\.\)", r"\bSource:", r"\bSources:", r"General sources", r"Page \d+ of \d+",
           r"Section \d+ of \d+", r"\bChart:", r"Bar chart", r"Horizontal bar chart"]


def build(content, out, *extra):
    result = run_cli("build", str(content), "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    assert ": error:" not in result.stdout + result.stderr  # no glyph the typeface lacks, nothing else
    return out / f"{content.stem}.pdf", out / f"{content.stem}.pptx"


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    pdf, native = build(FIXTURES / "french.yaml", tmp_path_factory.mktemp("fr"), "--pptx-charts", "native")
    _, pictures = build(FIXTURES / "french.yaml", tmp_path_factory.mktemp("fr-pictures"), "--format", "pptx")
    return pdf, native, pictures


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    return build(FIXTURES / "german.yaml", tmp_path_factory.mktemp("de"), "--pptx-charts", "native")


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def deck_text(path) -> str:
    slides = deck(path).slides
    return "\n".join("\n".join(slide_texts(slide)) + "\n" + notes_text(slide) for slide in slides)


def english_left(text: str) -> list[str]:
    return [pattern for pattern in ENGLISH if re.search(pattern, text)]


def chart_labels(path) -> list[str]:
    """The text of every native chart's value labels, point by point."""
    labels = []
    for slide in deck(path).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                for series in shape.chart.plots[0].series:
                    labels += [series.points[i].data_label.text_frame.text for i in range(len(series.values))]
    return labels


def run_languages(path) -> set[str | None]:
    """The lang of every run of every slide, notes slide and chart, and the deck's default text style."""
    found = set()
    presentation = deck(path)
    parts = [slide.part for slide in presentation.slides]
    parts += [slide.notes_slide.part for slide in presentation.slides if slide.has_notes_slide]
    parts += [shape.chart_part for slide in presentation.slides for shape in slide.shapes if shape.has_chart]
    for part in parts:
        for run in part._element.iter(qn("a:r")):
            properties = run.find(qn("a:rPr"))
            found.add(None if properties is None else properties.get("lang"))
    default = presentation.part._element.find(qn("p:defaultTextStyle")).find(qn("a:defPPr")).find(qn("a:defRPr"))
    found.add(default.get("lang"))
    return found


def test_the_french_pdf_is_french_in_every_word_and_number(french):
    pdf, _, _ = french
    text = pdf_text(pdf)
    assert english_left(text) == []
    flat = text.replace(NBSP, " ").replace(NNBSP, " ")
    for word in ("Figure 1. Variation annuelle", "Tableau 1. Population et variation par région",
                 "Tableau 2. Population des départements, de l'Ain au Nord (suite)", "Page 1 sur 5", "Page 5 sur 5",
                 "Source : Insee, estimations de population", "Sources générales : Insee", "Sources : Estimations"):
        assert word in flat, word
    assert "5\u202f098\u202f666" in text and "12\u202f317\u202f279" in text  # table cells keep the narrow no-break space
    for shown in ("+0,4 %", "-0,1 %", "-1,0 %", "0,0 %", "+2,3 %", "12,3 M", "5,1 M"):  # a no-break space reads back as ' '
        assert shown in text, shown
    assert "5,098,666" not in text and "+0.4%" not in text


def test_the_french_numbers_are_cldrs(french):
    """The forms the PDF and the deck are held to are the formatter's, and those are CLDR's."""
    change = NumberFormat(style="percent", decimals=1, sign="always", locale="fr")
    assert change.format(0.4) == "+0,4\u00a0%" and change.format(-1.0) == "-1,0\u00a0%"  # French CLDR's minus is '-'
    assert NumberFormat(locale="fr").format(5098666) == "5\u202f098\u202f666"
    assert NumberFormat(style="compact", decimals=1, locale="fr").format(12317279) == "12,3\u00a0M"


def test_the_french_pdf_says_it_is_french_and_dated_from_its_french_date(french):
    reader = pypdf.PdfReader(french[0])
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.metadata["/CreationDate"].startswith("D:20230131")


def test_the_french_deck_is_french_in_every_word_and_number(french):
    _, native, pictures = french
    for path in (native, pictures):
        text = deck_text(path)
        assert english_left(text) == []
        for word in ("Partie 1 sur 3", "Partie 2 sur 3", "Population et variation par région (suite)",
                     "Source\u202f: Insee, estimations de population", "Sources générales\u202f: Insee",
                     "Sources\u202f:\n[1] Estimations de population", "5\u202f098\u202f666", "+0,4\u00a0%", "-1,0\u00a0%",
                     "12,3\u00a0M"):
            assert word in text, word
    alt = [t for slide in deck(pictures).slides for t in slide_texts(slide) if t.startswith("Graphique")]
    assert alt and alt[0].startswith("Graphique en barres horizontales\u202f: Variation annuelle")
    assert "Auvergne-Rhône-Alpes\u202f: +0,6\u00a0%" in alt[0]
    names = [shape.name for slide in deck(native).slides for shape in slide.shapes if shape.has_chart]
    assert names[0] == "Graphique\u202f: Variation annuelle moyenne de la population, régions en croissance"


def test_french_native_chart_labels_read_as_the_pdf(french):
    labels = chart_labels(french[1])
    assert labels[:4] == ["+0,6\u00a0%", "+0,6\u00a0%", "0,0\u00a0%", "+1,0\u00a0%"]
    assert labels[-5:] == ["12,3\u00a0M", "8,2\u00a0M", "6,1\u00a0M", "6,1\u00a0M", "5,1\u00a0M"]


def test_every_run_of_the_french_deck_is_marked_french(french):
    for path in french[1:]:
        assert run_languages(path) == {"fr-FR"}
        assert deck(path).core_properties.language == "fr"


def test_the_german_outputs_are_german(german):
    pdf, pptx = german
    text, slides = pdf_text(pdf), deck_text(pptx)
    assert english_left(text) == [] and english_left(slides) == []
    flat = text.replace(NBSP, " ")
    for word in ("Abbildung 1. Veränderung", "Tabelle 1. Bevölkerung", "Tabelle 2. Die fünfzig größten Städte (Fortsetzung)",
                 "Seite 1 von 4", "Quelle: Destatis", "Allgemeine Quellen: Destatis", "Quellen: Fortschreibung",
                 "3.878.100", "18.139.116", "+0,4 %", "-0,7 %", "18,1 Mio."):
        assert word in flat, word
    for word in ("Abschnitt 2 von 3", "Die fünfzig größten Städte (Forts.)", "Quelle: Destatis", "3.878.100", "+0,4\u00a0%",
                 "18,1\u00a0Mio."):
        assert word in slides, word
    assert chart_labels(pptx)[-5:] == ["18,1\u00a0Mio.", "13,4\u00a0Mio.", "11,3\u00a0Mio.", "8,1\u00a0Mio.", "6,4\u00a0Mio."]
    reader = pypdf.PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "de" and reader.metadata["/CreationDate"].startswith("D:20260301")
    assert run_languages(pptx) == {"de-DE"}


def test_english_is_marked_too(minimal):
    assert pypdf.PdfReader(minimal.pdf).trailer["/Root"]["/Lang"] == "en"
    assert run_languages(minimal.pptx) == {"en-GB"}


def test_a_deck_run_names_its_language_with_a_region():
    assert [office_language(locale) for locale in ("en", "en_US", "fr", "fr_CA", "de", "de_CH", "es", "zh_Hant")] == \
        ["en-GB", "en-US", "fr-FR", "fr-CA", "de-DE", "de-CH", "es-ES", "zh-TW"]


def test_the_typeface_draws_every_character_the_shipped_words_and_the_numbers_use():
    """Carlito maps U+00A0 only in its old Macintosh table: reportlab, the charts and PowerPoint draw
    it as a space, and the glyph check (which passes any space) does not refuse it."""
    drawn = covered(DEFAULT_THEME.typeface.regular) & covered(DEFAULT_THEME.typeface.bold)
    words = "".join(template for table in SHIPPED.values() for template in table.values())
    assert {ch for ch in words + "\u202f\u2212" if ord(ch) not in drawn} == set()


def test_no_break_spaces_never_end_a_line():
    assert wrap("Source\u202f: Insee 5\u202f098\u202f666 +0,4\u00a0%", 60, 12) == ["Source\u202f:", "Insee", "5\u202f098\u202f666",
                                                                                      "+0,4\u00a0%"]
    assert markup("Source\u202f: <Insee>") == "Source\u00a0: &lt;Insee&gt;"  # reportlab breaks at U+202F, never at U+00A0
    assert Words("fr").lead("sources") == "Sources\u202f:" and Words("fr").colon == "\u202f:"


def test_a_label_the_typeface_cannot_draw_is_an_error(tmp_path):
    content = tmp_path / "labels.yaml"
    content.write_text('title: T\nlabels: {figure: "图 {number}"}\nsources: {s: {title: S, publisher: P}}\n'
                       "sections:\n  - title: A\n    blocks:\n      - callout: {text: x, sources: [s]}\n", encoding="utf-8")
    result = run_cli("check", str(content))
    assert result.returncode == 1 and "U+56FE" in result.stdout + result.stderr
