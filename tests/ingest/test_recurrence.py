"""Recurrence rules that give no date (``ingest/recurrence.py``): judged exactly, without the
walk to the year 9999 the expansion made for them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from dateutil.rrule import rrulestr
from icalendar.prop import vRecur

from tiewise.ingest.recurrence import barren

START = datetime(2025, 1, 1, 9, 0)  # a Wednesday
EVERY_400 = "which matches no date in 400 years, after which its dates repeat"
NO_DAY = "which matches no date: no day passes its BY parts together"


def judge(rule: str, start: date | datetime = START) -> str | None:
    return barren(vRecur.from_ical(rule), start)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20250301T000000Z",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=DAILY;BYHOUR=9,14",
        "FREQ=DAILY;INTERVAL=2;BYDAY=MO",  # Wed, Fri, Sun, Tue, Thu, Sat, Mon
        "FREQ=DAILY;BYSETPOS=-1;BYHOUR=9,17",
        "FREQ=HOURLY;INTERVAL=5;BYHOUR=9",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",  # 2044, then every 28 years or so
        "FREQ=YEARLY;COUNT=3;BYMONTH=2;BYMONTHDAY=29",
    ],
)
def test_rules_that_give_dates_are_not_barren(rule: str) -> None:
    assert judge(rule) is None
    assert next(iter(rrulestr(rule, dtstart=START.replace(tzinfo=UTC), ignoretz=False)), None)


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", EVERY_400),
        ("FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=-31", EVERY_400),
        ("FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30;UNTIL=20260101T000000Z", EVERY_400),
        ("FREQ=YEARLY;BYWEEKNO=53;BYMONTH=1;BYDAY=MO", EVERY_400),  # week 53's Monday: December
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5", NO_DAY),
        ("FREQ=HOURLY;BYYEARDAY=366;BYMONTH=1", NO_DAY),
        ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=31", NO_DAY),
        (
            "FREQ=DAILY;BYHOUR=9,17;BYSETPOS=3",
            "whose BYSETPOS names no place in the times of one period",
        ),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", EVERY_400),  # every seventh day from a Wednesday
        ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", EVERY_400),  # 2025, 2029 …
        (
            "FREQ=YEARLY;INTERVAL=1000;BYMONTH=2;BYMONTHDAY=29",
            "which matches no date in 2,000 years, after which its dates repeat",
        ),
        (
            "FREQ=YEARLY;INTERVAL=5000;BYMONTH=2;BYMONTHDAY=29",
            "which matches no date before the year 10000",
        ),
        ("FREQ=YEARLY;BYEASTER=0", "with BYEASTER, which is dateutil's and no part of RFC 5545"),
    ],
)
def test_rules_that_give_no_date_are_barren(rule: str, why: str) -> None:
    assert judge(rule) == why


def test_a_default_filled_in_from_dtstart_counts() -> None:
    """A monthly rule takes DTSTART's day of the month: from 30 January, February never."""
    assert judge("FREQ=MONTHLY;BYMONTH=2", datetime(2025, 1, 30, 9)) == EVERY_400
    assert judge("FREQ=MONTHLY;BYMONTH=2", datetime(2025, 1, 28, 9)) is None


def test_an_all_day_or_zoned_dtstart_is_walked_from_its_local_time() -> None:
    assert judge("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", date(2025, 1, 1)) == NO_DAY
    assert judge("FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30", START.replace(tzinfo=UTC)) == EVERY_400
    assert judge("FREQ=WEEKLY", date(2024, 2, 29)) is None


def test_a_rule_dateutil_cannot_start_is_left_to_the_expansion() -> None:
    assert judge("FREQ=HOURLY;INTERVAL=2;BYHOUR=10", datetime(2025, 1, 1, 9)) is None
