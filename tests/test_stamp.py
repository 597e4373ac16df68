"""The date and fingerprint stamped into both outputs."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from generator.stamp import FALLBACK_EPOCH, StampError, calendar_date, stamp_for


def test_source_date_epoch_wins_over_the_content_date():
    assert stamp_for(b"x", "2026-11-25", {"SOURCE_DATE_EPOCH": "1700000000"}).epoch == 1700000000


def test_a_calendar_date_in_the_content_dates_the_outputs():
    expected = int(datetime(2026, 11, 25, tzinfo=timezone.utc).timestamp())
    assert stamp_for(b"x", "2026-11-25", {}).epoch == expected
    assert stamp_for(b"x", "25 November 2026", {}).epoch == expected
    assert stamp_for(b"x", "Nov 2026", {}).epoch == int(datetime(2026, 11, 1, tzinfo=timezone.utc).timestamp())


def test_without_a_date_the_outputs_carry_a_fixed_one():
    assert stamp_for(b"x", None, {}).epoch == FALLBACK_EPOCH
    assert stamp_for(b"x", "Autumn term", {}).epoch == FALLBACK_EPOCH
    assert calendar_date("31 February 2026") is None and calendar_date("Ma 2026") is None


def test_the_fingerprint_follows_the_content_bytes():
    assert stamp_for(b"a", None, {}).fingerprint == stamp_for(b"a", None, {}).fingerprint
    assert stamp_for(b"a", None, {}).fingerprint != stamp_for(b"b", None, {}).fingerprint


def test_a_malformed_source_date_epoch_is_refused():
    with pytest.raises(StampError, match="SOURCE_DATE_EPOCH must be a whole number"):
        stamp_for(b"x", None, {"SOURCE_DATE_EPOCH": "yesterday"})
