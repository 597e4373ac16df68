"""The outputs' own words: shipped per language, replaced by `labels:`."""

from __future__ import annotations

from generator.content import load
from generator.model import attribution, source_line
from generator.words import FIELDS, SHIPPED, Words, template_problem


def test_every_shipped_language_has_every_word_with_its_fields():
    for language, table in SHIPPED.items():
        assert set(table) == set(FIELDS), language
        for word, template in table.items():
            assert template_problem(word, template) is None, (language, word)


def test_a_language_without_words_of_its_own_falls_back_to_english_and_labels_replace_any_word():
    assert Words("fr-CA")("page", page=2, pages=5) == "Page 2 sur 5"
    assert Words("de")("table", number=3) == "Tabelle 3" and Words("de").lead("source") == "Quelle:"
    assert Words("fr").lead("source") == "Source\u202f:"
    assert Words("nl")("figure", number=1) == "Figure 1" and not Words("nl").shipped
    assert Words("nl", (("figure", "Figuur {number}"),))("figure", number=1) == "Figuur 1"


def test_labels_in_the_content_file_reach_the_source_lines(tmp_path):
    content = tmp_path / "de.yaml"
    content.write_text("title: T\nlanguage: de\nlabels: {general_sources: Quellen insgesamt}\nsources: {s: {title: S, publisher: P}}\n"
                       "cites: [s]\nsections:\n  - title: A\n    blocks:\n      - callout: {text: x, sources: [s]}\n"
                       "      - bullets: {title: B, items: [eins]}\n", encoding="utf-8")
    document = load(content)
    assert source_line(document, ("s",)) == "Quelle: S"
    assert attribution(document, ())[0] == "Quellen insgesamt: S"
