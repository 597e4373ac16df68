"""Numbers in the briefing's language: our digits, CLDR's way of writing them."""

from __future__ import annotations

import pytest

from generator.content import load
from generator.formatting import NumberFormat, known_locale
from generator.stamp import calendar_date

NNBSP, NBSP = "\u202f", "\u00a0"


def test_english_keeps_its_forms():
    assert NumberFormat().format(5098666) == "5,098,666"
    assert NumberFormat("compact").format(5098666) == "5.1M"
    assert NumberFormat("percent", decimals=1).format(0.4) == "0.4%"
    assert NumberFormat("percent", decimals=1, sign="always").format(0.4) == "+0.4%"
    assert NumberFormat("percent", decimals=1, sign="always").format(-1) == "-1.0%"


@pytest.mark.parametrize("locale, number, percent, compact, negative", [
    ("fr", f"5{NNBSP}098{NNBSP}666", f"+0,4{NBSP}%", f"5,1{NBSP}M", f"-1{NNBSP}234,5"),
    ("de", "5.098.666", f"+0,4{NBSP}%", f"5,1{NBSP}Mio.", "-1.234,5"),
    ("es", "5.098.666", f"+0,4{NBSP}%", f"5,1{NBSP}M", "-1.234,5"),
    ("sv", f"5{NBSP}098{NBSP}666", f"+0,4{NBSP}%", f"5,1{NBSP}mn", f"\u22121{NBSP}234,5"),
])
def test_each_locale_writes_the_same_digits_its_own_way(locale, number, percent, compact, negative):
    assert NumberFormat(locale=locale).format(5098666) == number
    assert NumberFormat("percent", decimals=1, sign="always", locale=locale).format(0.4) == percent
    assert NumberFormat("compact", locale=locale).format(5098666) == compact
    assert NumberFormat(locale=locale).format(-1234.5) == negative


def test_compact_units_follow_the_locale_and_still_roll_over():
    assert NumberFormat("compact", locale="de").format(67000) == "67.000"  # German has no compact thousands
    assert NumberFormat("compact", locale="fr").format(67000) == f"67{NBSP}k"
    assert NumberFormat("compact", locale="zh").format(5098666) == "509.9万"
    assert NumberFormat("compact").format(999_999) == "1M" and NumberFormat("compact", locale="fr").format(999_999) == f"1{NBSP}M"


def test_a_sign_is_written_once_and_zero_has_none():
    assert NumberFormat(prefix="+", sign="always").format(-1) == "-1"
    assert NumberFormat(prefix="+", sign="always").format(2) == "+2"
    assert NumberFormat(sign="always").format(0) == "0"
    assert NumberFormat(decimals=0, sign="always").format(-0.2) == "0"


def test_plain_writes_digits_without_grouping_and_a_hidden_value_is_found_through_any_prefix():
    assert NumberFormat("plain").format(2016) == "2016" and NumberFormat("plain", locale="fr").format(12345.5) == "12345,5"
    assert NumberFormat(decimals=1, prefix="£", suffix=" m2").hides(0.04)
    assert not NumberFormat(decimals=2, prefix="£").hides(0.04)


def test_language_tags_are_read_as_cldr_knows_them():
    assert known_locale("fr-CA") == "fr_CA" and known_locale("en") == "en" and known_locale("zh-Hans") == "zh_Hans"
    assert known_locale("klingon") is None and known_locale("fr_FR!") is None


@pytest.mark.parametrize("text, locale, expected", [
    ("31 janvier 2023", "fr", (2023, 1, 31)), ("1er mai 2020", "fr", (2020, 5, 1)), ("März 2026", "de", (2026, 3, 1)),
    ("3. März 2026", "de", (2026, 3, 3)), ("31 de enero de 2023", "es", (2023, 1, 31)), ("Nov 25, 2026", "en", (2026, 11, 25)),
    ("25 November 2026", "fr", (2026, 11, 25)),
])
def test_dates_are_read_in_the_briefing_language_and_in_english(text, locale, expected):
    moment = calendar_date(text, locale)
    assert moment is not None and (moment.year, moment.month, moment.day) == expected


def test_a_french_briefing_formats_every_figure_in_french(tmp_path):
    content = tmp_path / "fr.yaml"
    content.write_text("title: T\nlanguage: fr\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n"
                       "      - stats:\n          cards:\n            - {value: 5098666, label: Habitants, source: s}\n"
                       "      - table:\n          title: T\n          sources: [s]\n          columns: [Région, {name: Évolution, format: {style: percent, decimals: 1, sign: always}}]\n"
                       "          rows: [[Martinique, -1.0], [Guyane, 1.8]]\n", encoding="utf-8")
    document = load(content)
    stats, table = document.blocks()
    assert document.meta.language == "fr" and stats.stats[0].shown == f"5{NNBSP}098{NNBSP}666"
    assert [row[1] for row in table.shown_rows()] == [f"-1,0{NBSP}%", f"+1,8{NBSP}%"]
