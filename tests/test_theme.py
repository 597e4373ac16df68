"""The palette holds up in print: series apart in greyscale, every text colour readable on its ground."""

from __future__ import annotations

from itertools import combinations

from generator.theme import DEFAULT_THEME, contrast_ratio, lightness

PALETTE = DEFAULT_THEME.palette


def test_series_colours_step_apart_in_lightness():
    steps = [lightness(colour) for colour in PALETTE.series]
    assert min(abs(a - b) for a, b in combinations(steps, 2)) >= 12
    assert steps[0] < steps[1] < steps[2], "the first three go dark, mid, light"


def test_text_colours_reach_4_5_to_1_on_every_ground_they_print_on():
    for ink in (PALETTE.ink, PALETTE.muted, PALETTE.heading, PALETTE.accent):
        for ground in (PALETTE.paper, PALETTE.panel, PALETTE.zebra):
            assert contrast_ratio(ink, ground) >= 4.5, (ink, ground)
    assert contrast_ratio(PALETTE.on_band, PALETTE.band) >= 4.5


def test_lightness_of_black_grey_and_white():
    assert round(lightness("#000000")) == 0 and round(lightness("#FFFFFF")) == 100
    assert round(lightness("#777777")) == 50
