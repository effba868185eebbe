"""The dates and times of a LinkedIn export, as naive UTC (or as written when they have no zone).

English month names whatever the locale (``15 Mar 2024``); US ``M/D/YY, h:mm AM`` times with a
narrow no-break space (U+202F) before AM/PM; ``2023-05-01 14:22:10 UTC`` and ``2023/06/05
15:47:58 UTC``; other forms are tried with ``dateutil`` (month before day) but only accepted when
they name a full date.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime

from dateutil import parser as dateutil_parser

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_SPACES = re.compile(r"[\s\u202f\u00a0\u2009]+")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})")
_CLOCK = r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:\s*([AaPp])\.?[Mm]\.?)?"
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:(?:,\s*|\s+)" + _CLOCK + ")?")
_ISO_DATE = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)" + _CLOCK + r")?(?:\s*(?:UTC|GMT|Z))?",
    re.IGNORECASE,
)
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _month(word: str) -> int | None:
    word = word.lower()
    if word == "sept":
        return 9
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word) and len(word) >= 3:
            return number
    return None


def _english_day(text: str) -> date | None:
    """``15 Mar 2024``, with English month names whatever the locale."""
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match is None or (month := _month(match[2])) is None:
        return None
    try:
        return date(int(match[3]), month, int(match[1]))
    except ValueError:
        return None


def _clock(
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    half: str | None,
) -> datetime | None:
    """A datetime from the parts of a match (``half``: ``a`` or ``p`` of a 12-hour clock)."""
    hours = int(hour or 0)
    if half is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half.lower() == "p" else 0)
    try:
        return datetime(year, month, day, hours, int(minute or 0), int(second or 0))
    except ValueError:
        return None


def _us_datetime(text: str) -> datetime | None:
    """``3/14/24, 9:05 AM`` — month first, as LinkedIn writes it."""
    match = _US_DATE.fullmatch(text)
    if match is None:
        return None
    month, day, year = int(match[1]), int(match[2]), int(match[3])
    if len(match[3]) == 2:
        year += 2000 if year < 70 else 1900
    return _clock(year, month, day, *match.groups()[3:])


def _iso_datetime(text: str) -> datetime | None:
    """``2023-05-01 14:22:10 UTC``, ``2023/06/05 15:47:58 UTC``, ``2026-06-01 08:00 UTC``."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return None
    return _clock(int(match[1]), int(match[2]), int(match[3]), *match.groups()[3:])


def _any_datetime(text: str) -> datetime | None:
    """Anything else dateutil reads (month before day), provided it names a whole date."""
    if len(text) > 64 or not any(char.isdigit() for char in text):
        return None
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names: read as naive
        for default in _DEFAULTS:
            try:
                parsed = dateutil_parser.parse(text, default=default, dayfirst=False)
                if parsed.tzinfo is not None:
                    parsed = parsed.astimezone(UTC).replace(tzinfo=None)
            except (ValueError, ArithmeticError):  # dateutil: also decimal.InvalidOperation
                return None
            results.append(parsed)
    return results[0] if results[0] == results[1] else None


def parse_datetime(text: str) -> datetime | None:
    """A LinkedIn time as naive UTC (or as written when it has no zone); None if unreadable."""
    text = _clean(text)
    if not text:
        return None
    return _iso_datetime(text) or _us_datetime(text) or _any_datetime(text)


def parse_day(text: str) -> date | None:
    text = _clean(text)
    found = _english_day(text)
    if found is not None:
        return found
    moment = parse_datetime(text)
    return moment.date() if moment is not None else None
