"""Recurrence rules that give no date at all, found before a calendar series is expanded.

Why
    ``FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31`` (every 31 February) or
    ``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`` match no date. ``dateutil``, with which
    ``recurring_ical_events`` expands a series, cannot know that: it walks period after period —
    day after day for a daily rule — looking for the next date until the year 9999, and neither
    UNTIL nor COUNT stops it, because it checks them only on dates that match. That cost 2.9 s
    of CPU for a daily rule, 5.4 s for an hourly one and 0.9 s for a weekly one, for each such
    event of a file, and gave nothing.

The rule
    A rule's dates repeat. The Gregorian calendar repeats every 400 years: 146,097 days, which
    are exactly 20,871 weeks, so weekdays, leap days, month lengths and week numbers all come
    back. A rule stepping ``INTERVAL=n`` periods at a time (``s`` of them in 400 years) is back
    at the same place of the calendar and of its own steps after ``n / gcd(n, s)`` times 400
    years. So a rule that gives no date in one such period from DTSTART gives none ever.

How
    :func:`barren` asks ``dateutil`` itself for the first date of the same rule (without UNTIL
    and COUNT) started a whole number of periods after DTSTART: late enough that ``dateutil``'s
    own end of the calendar stops the walk after one to two periods (400–800 years for an
    interval of 1: about 0.1–0.3 s for a daily rule, 0.01 s for a yearly one). The same rule in
    the same phase, so the answer is exact, not a guess. A period too long to fit before the
    year 9999 (a large interval) is walked from DTSTART itself: at most what the expansion
    would walk, and as few steps, since each step is a whole interval.

    A rule with ``BYEASTER`` (``dateutil``'s own extension, no part of RFC 5545) is not judged:
    Easter does not repeat in 400 years. It is reported as no RFC 5545 rule; no calendar
    program writes it, and ``FREQ=DAILY;BYEASTER=0;BYMONTH=1`` took 4.8 s.

What becomes of the event is for the caller to say (``ics.py``: the rule is ignored with a
warning, and the event is read at its DTSTART, which RFC 5545 counts as its first occurrence
— what the expansion gave for such a rule before, only slowly).
"""

from __future__ import annotations

from datetime import date, datetime, time
from math import gcd

from dateutil.rrule import rrulestr
from icalendar.prop import vRecur

#: Years in which the Gregorian calendar repeats.
CYCLE_YEARS = 400
#: Steps of each frequency in one such cycle.
STEPS_IN_CYCLE = {
    "YEARLY": 400,
    "MONTHLY": 4_800,
    "WEEKLY": 20_871,
    "DAILY": 146_097,
    "HOURLY": 146_097 * 24,
    "MINUTELY": 146_097 * 24 * 60,
    "SECONDLY": 146_097 * 24 * 3_600,
}
_LAST_YEAR = datetime.max.year  # where dateutil stops walking
# What dateutil raises on a rule it cannot start
_DATEUTIL_ERRORS = (ValueError, TypeError, KeyError, IndexError, UnicodeError)


def barren(rule: vRecur, start: date | datetime) -> str | None:
    """Why ``rule``, starting at ``start`` (DTSTART), gives no date or is not judged — as the
    ``found …`` part of a warning continues (``which matches no date in 400 years, after which
    its dates repeat``) — or None when it gives dates or cannot be started (the expansion then
    reports what it finds, as before)."""
    first = _wall_clock(start)
    probe = vRecur({key: value for key, value in rule.items() if key not in ("UNTIL", "COUNT")})
    if not _starts(probe, first):
        return None
    if "BYEASTER" in rule:
        return "with BYEASTER, which is dateutil's and no part of RFC 5545"
    freq = str(_first(rule.get("FREQ")) or "").upper()
    steps = STEPS_IN_CYCLE.get(freq)
    interval = _first(rule.get("INTERVAL")) or 1
    if steps is None or not isinstance(interval, int) or interval < 1:
        return None
    if freq in _PER_DAY:
        if _has_date(_day_filters(rule), first, CYCLE_YEARS) is False:
            return "which matches no date: no day passes its BY parts together"
        if not _position_fills(rule, freq):
            return "whose BYSETPOS names no place in the times of one period"
        if "BYSETPOS" not in rule and _PER_DAY[freq] % interval == 0:
            return None  # every day is visited, and some day passes the BY parts
    period = CYCLE_YEARS * (interval // gcd(interval, steps))
    if _has_date(probe, first, period) is not False:
        return None
    if period > _LAST_YEAR - first.year:
        return "which matches no date before the year 10000"
    return f"which matches no date in {period:,} years, after which its dates repeat"


def _starts(rule: vRecur, first: datetime) -> bool:
    """Whether dateutil can start the rule (it checks its parts, e.g. BYSETPOS=0, when it
    builds it, before any date)."""
    try:
        rrulestr(rule.to_ical().decode("ascii"), dtstart=first)
    except _DATEUTIL_ERRORS:
        return False
    return True


def _has_date(rule: vRecur, first: datetime, period: int) -> bool | None:
    """Whether ``rule`` from ``first`` gives a date, its dates repeating every ``period`` years:
    dateutil walks it from ``first`` shifted a whole number of periods, to its end of the
    calendar at most (see the module). None when dateutil cannot start the rule."""
    cycles = (_LAST_YEAR - first.year) // period - 1
    try:
        shifted = first.replace(year=first.year + period * max(cycles, 0))
        dates = rrulestr(rule.to_ical().decode("ascii"), dtstart=shifted)
        return next(iter(dates), None) is not None
    except OverflowError:  # a date past the year 9999 matched
        return True
    except _DATEUTIL_ERRORS:  # no rule dateutil can start
        return None


#: The frequencies that step through every day, with their steps in one day.
_PER_DAY = {"DAILY": 1, "HOURLY": 24, "MINUTELY": 24 * 60, "SECONDLY": 24 * 3_600}
#: What one period of each of them holds: the product of these parts (1 when absent).
_TIMES = {
    "DAILY": ("BYHOUR", "BYMINUTE", "BYSECOND"),
    "HOURLY": ("BYMINUTE", "BYSECOND"),
    "MINUTELY": ("BYSECOND",),
    "SECONDLY": (),
}
_DAY_PARTS = ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")


def _day_filters(rule: vRecur) -> vRecur:
    """The days a rule stepping through every day may fall on, as a yearly rule: its BY parts
    for days (dateutil filters each day by them whatever the frequency; a count in BYDAY,
    ``2MO``, means nothing at these frequencies). Without a BY part for days, every day of its
    months: a yearly rule would fill in DTSTART's day, so it is then left as the daily rule."""
    if not any(part in rule for part in _DAY_PARTS):
        return vRecur({"FREQ": ["DAILY"]})
    days = vRecur({"FREQ": ["YEARLY"]})
    for part in ("BYMONTH", *_DAY_PARTS, "WKST"):
        if rule.get(part):
            days[part] = rule[part]
    if "BYDAY" in days:
        days["BYDAY"] = sorted({str(day)[-2:].upper() for day in _as_list(rule["BYDAY"])})
    return days


def _position_fills(rule: vRecur, freq: str) -> bool:
    """Whether one of the BYSETPOS places exists in a period of a rule stepping through days,
    hours …: a period holds one day at most, and the times its BY parts give in it."""
    places = [p for p in _as_list(rule.get("BYSETPOS")) if isinstance(p, int)]
    if not places:
        return True
    size = 1
    for part in _TIMES[freq]:
        size *= max(1, len(set(_as_list(rule.get(part)))))
    return any(1 <= place <= size or -size <= place <= -1 for place in places)


def _as_list(values: object) -> list:
    return values if isinstance(values, list) else [] if values is None else [values]


def _first(values: object) -> object:
    listed = _as_list(values)
    return listed[0] if listed else None


def _wall_clock(start: date | datetime) -> datetime:
    """DTSTART as dateutil walks from it: its local date and time (a date at midnight)."""
    if isinstance(start, datetime):
        return start.replace(tzinfo=None)
    return datetime.combine(start, time())
