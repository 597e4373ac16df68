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
    assert "warning: the figure 1.3M ('Households surveyed') appears in no chart or table citing Survey" in stat
    assert "[sections[0].blocks[0].stats.cards[0]]" in stat


def test_a_stat_shown_in_a_chart_from_its_source_is_not_flagged():
    found = messages(document_findings(load(FIXTURES / "check-warnings.yaml")))
    assert not any("Spending in the North" in message for message in found)


def test_the_example_cites_every_source_and_every_chart_compares():
    found = messages(document_findings(load(EXAMPLE)))
    assert not any("cited by nothing" in message or "one category" in message for message in found)
    # The page's IWF figures (15,036 items, 97%, 65%) are in none of its IWF tables: hints, not errors.
    assert [m.split(": warning: ")[1].split(" appears")[0] for m in found] == [
        "the figure 15,036 ('AI CSAM items (2 years)')", "the figure 97% ('AI CSAM victims are girls')",
        "the figure 65% ('Category A (most severe)')"]


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
