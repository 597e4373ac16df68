"""Whole-briefing checks: sources nothing cites, charts that compare nothing, headline figures
missing from their source's data, and theme text too small or too faint."""

from __future__ import annotations

from dataclasses import replace

from generator.checks import document_findings, theme_findings
from generator.content import load
from generator.theme import DEFAULT_THEME

from .conftest import EXAMPLE, FIXTURES


def messages(findings) -> list[str]:
    return [str(finding) for finding in findings]


def test_warnings_name_the_content_and_its_place():
    found = messages(document_findings(load(FIXTURES / "check-warnings.yaml")))
    assert len(found) == 3, found
    uncited, single, stat = found
    assert "check-warnings.yaml:15:5: warning: source 'unused' (Old Census) is cited by nothing [sources.unused]" in uncited
    assert "warning: chart 'Spending in one region' has one category" in single and "[sections[0].blocks[1].chart]" in single
    assert ("warning: the figure 1.3M ('Households surveyed') differs from the table 'Survey coverage', which shows 1.2M "
            "for 'Households surveyed'") in stat
    assert "[sections[0].blocks[0].stats.cards[0]]" in stat


def test_a_stat_shown_in_a_chart_from_its_source_is_not_flagged():
    found = messages(document_findings(load(FIXTURES / "check-warnings.yaml")))
    assert not any("Spending in the North" in message for message in found)


def test_the_example_cites_every_source_and_every_chart_compares():
    found = messages(document_findings(load(EXAMPLE)))
    assert not any("cited by nothing" in message or "one category" in message for message in found)
    # The page's IWF figures (15,036 items, 97%, 65%) are in none of its IWF tables, and contradict none.
    assert found == []


def test_a_card_agrees_with_its_table_at_the_precision_it_shows_and_with_figures_written_in_notes(tmp_path):
    content = tmp_path / "agree.yaml"
    content.write_text(
        "title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n"
        "      - stats:\n          cards:\n"
        "            - {value: 485000, format: compact, label: Reports, source: s}\n"
        "            - {value: 1.5, format: {style: number, decimals: 1, suffix: ' million'}, label: Refugees, source: s}\n"
        "            - {value: 7, label: Days, source: s}\n"
        "      - table:\n          title: Data\n          columns: [What, {name: N, format: number}]\n"
        "          rows: [[Reports, 485123], [Refugees, 1480000], [Days, 9]]\n"
        "          note: Refugees were 1.5 million at the year's end.\n          sources: [s]\n")
    found = messages(document_findings(load(content)))
    assert len(found) == 1 and "the figure 7 ('Days') differs from the table 'Data', which shows 9 for 'Days'" in found[0]


def test_the_built_in_theme_passes_its_own_checks():
    assert theme_findings(DEFAULT_THEME) == []


def test_faint_text_is_an_error_with_its_ratio():
    faint = replace(DEFAULT_THEME, palette=replace(DEFAULT_THEME.palette, muted="#A0A0A0"))
    found = messages(theme_findings(faint))
    assert len(found) == 3 and all(": error: muted on " in m and "(#A0A0A0 on #" in m for m in found)
    assert "has contrast 2.61:1, below 4.5:1" in found[0]


def test_small_text_is_an_error_against_each_output_minimum():
    small = replace(DEFAULT_THEME, print=replace(DEFAULT_THEME.print, source=6.5),
                    screen=replace(DEFAULT_THEME.screen, body=12, headline=22))
    found = messages(theme_findings(small))
    assert any("PDF source text is 6.5 pt, below the 7 pt minimum" in m for m in found)
    assert any("slide body text is 12 pt, below the 14 pt minimum" in m for m in found)
    assert any("slide headline text is 22 pt, below the 24 pt minimum" in m for m in found)
