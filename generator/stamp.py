"""The date and identity stamped into both outputs, chosen so the same content builds the same bytes.

A PDF's creation date and document ID and a deck's core-property dates would otherwise be the
clock at build time, so two builds of one file would differ and no one could tell whether a
briefing changed. The date is `SOURCE_DATE_EPOCH` when the environment sets it (the convention of
reproducible-build tools), otherwise the briefing's own `date:` when it is a calendar date,
otherwise 1 January 2000. The identity is a digest of the content file's bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone

FALLBACK_EPOCH = 946684800  # 2000-01-01T00:00:00Z
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")


@dataclass(frozen=True)
class Stamp:
    """When (UTC) and what: the outputs' creation date and a fingerprint of the content."""

    epoch: int
    fingerprint: str

    @property
    def moment(self) -> datetime:
        return datetime.fromtimestamp(self.epoch, timezone.utc)


class StampError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a whole number of seconds."""


def stamp_for(content: bytes, dated: str | None, environ: dict[str, str] | None = None) -> Stamp:
    environ = os.environ if environ is None else environ
    return Stamp(_epoch(dated, environ.get("SOURCE_DATE_EPOCH", "").strip()), hashlib.sha256(content).hexdigest())


LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: the last moment a PDF date or an OOXML date can hold


def _epoch(dated: str | None, from_environment: str) -> int:
    if from_environment:
        return _environment_epoch(from_environment)
    moment = calendar_date(dated) if dated else None
    return int(moment.timestamp()) if moment else FALLBACK_EPOCH


def _environment_epoch(text: str) -> int:
    """ASCII digits only (str.isdigit also accepts '²' and other digits int() refuses), and a date
    both outputs can write: from 1970 up to the end of year 9999."""
    shown = text if len(text) <= 40 else text[:37] + "..."
    if not re.fullmatch(r"[0-9]+", text, flags=re.ASCII):
        raise StampError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, found {shown!r}")
    if len(text) > 12 or int(text) > LATEST_EPOCH:
        raise StampError(f"SOURCE_DATE_EPOCH must be a date no later than 9999-12-31 ({LATEST_EPOCH} seconds), found {shown}")
    return int(text)


def calendar_date(text: str) -> datetime | None:
    """Midnight UTC of a written date: '2026-11-25', '25 November 2026', 'November 2026'; else None."""
    text = text.strip()
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        parts = tuple(int(p) for p in match.groups())
    elif match := re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s+(\d{4})", text):
        day, month, year = match.groups()
        month_number = _month(month)
        if month_number is None:
            return None
        parts = (int(year), month_number, int(day or 1))
    else:
        return None
    try:
        return datetime(*parts, tzinfo=timezone.utc)
    except ValueError:
        return None


def _month(name: str) -> int | None:
    name = name.lower()
    matches = [number for number, month in enumerate(_MONTHS, 1) if len(name) >= 3 and month.startswith(name)]
    return matches[0] if len(matches) == 1 else None
