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
from functools import cache
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


def stamp_for(content: bytes, dated: str | None, environ: dict[str, str] | None = None, locale: str = "en") -> Stamp:
    """`locale` (a Babel name) is the briefing's language, in which `dated` is read: '31 janvier 2023'."""
    environ = os.environ if environ is None else environ
    return Stamp(_epoch(dated, environ.get("SOURCE_DATE_EPOCH", "").strip(), locale), hashlib.sha256(content).hexdigest())


LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: the last moment a PDF date or an OOXML date can hold


def _epoch(dated: str | None, from_environment: str, locale: str) -> int:
    if from_environment:
        return _environment_epoch(from_environment)
    moment = calendar_date(dated, locale) if dated else None
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


def calendar_date(text: str, locale: str = "en") -> datetime | None:
    """Midnight UTC of a written date: '2026-11-25', '25 November 2026', 'November 2026', 'Nov 25, 2026',
    or the same in the briefing's language: '31 janvier 2023', '3. März 2026', '31 de enero de 2023'."""
    text = text.strip()
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        parts = tuple(int(p) for p in match.groups())
    elif match := _WRITTEN.fullmatch(text):
        day, month, later_day, year = match.groups()
        month_number = _month(month, locale)
        if month_number is None or (day and later_day):
            return None
        parts = (int(year), month_number, int(day or later_day or 1))
    else:
        return None
    try:
        return datetime(*parts, tzinfo=timezone.utc)
    except ValueError:
        return None


# [day[er|st|.] [de]] month[.] [day[st],] [de] year, the month a word in any script
_WRITTEN = re.compile(r"(?:(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?)?([^\W\d_]+)\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?:de\s+)?(\d{4})")


def _month(name: str, locale: str) -> int | None:
    """The month a name or abbreviation of at least three letters stands for, in English or `locale`."""
    name = name.casefold()
    names = _month_names(locale)
    matches = {number for number, month in names if len(name) >= 3 and month.startswith(name)}
    return matches.pop() if len(matches) == 1 else None


@cache
def _month_names(locale: str) -> tuple[tuple[int, str], ...]:
    names = [(number, month) for number, month in enumerate(_MONTHS, 1)]
    if locale != "en":
        from babel.dates import get_month_names

        for width, context in (("wide", "format"), ("wide", "stand-alone"), ("abbreviated", "format")):
            names += [(number, month.casefold().rstrip(".")) for number, month in get_month_names(width, context, locale).items()]
    return tuple(names)
