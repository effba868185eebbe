"""Birthdays as people type them and as address books export them; the day a yearly date falls
on (29 February in a year without one)."""

from __future__ import annotations

from datetime import date

import pytest

from tiewise.birthdays import (
    BirthdayError,
    birthday_input,
    day_in_year,
    parse_birthday,
    read_birthday,
)
from tiewise.errors import InputError
from tiewise.model import Birthday


@pytest.mark.parametrize(
    ("written", "omit_year", "expected"),
    [
        ("1985-04-15", None, Birthday(4, 15, 1985)),  # vCard 3, Google CSV
        ("19850415", None, Birthday(4, 15, 1985)),  # vCard 4 basic format
        ("1985-04-15T00:00:00Z", None, Birthday(4, 15, 1985)),  # a phone's date-time
        ("1987-09-27T23:30:00-06:00", None, Birthday(9, 27, 1987)),  # the day as written
        ("--0415", None, Birthday(4, 15)),  # vCard 4 without year
        ("--04-15", None, Birthday(4, 15)),  # Google CSV without year
        ("1604-04-15", "1604", Birthday(4, 15)),  # Apple's X-APPLE-OMIT-YEAR
        ("1604-04-15", None, Birthday(4, 15)),  # the placeholder without its parameter
        ("0000-04-15", None, Birthday(4, 15)),
        ("1900-01-01", None, Birthday(1, 1)),
        ("1901-01-01", None, Birthday(1, 1, 1901)),
        (" 1985-04-15 ", None, Birthday(4, 15, 1985)),
        ("--0229", None, Birthday(2, 29)),  # 29 February without a year is a day
    ],
)
def test_read_birthday_reads_what_address_books_write(written, omit_year, expected):
    assert read_birthday(written, omit_year) == expected


@pytest.mark.parametrize(
    "written", ["circa 1800", "15/04/1985", "1985-04-31", "1985-13-01", "--1301", "", "1985"]
)
def test_an_unreadable_birthday_names_what_was_found(written):
    with pytest.raises(BirthdayError) as raised:
        read_birthday(written)
    assert raised.value.value == written
    assert repr(written) in str(raised.value)


def test_a_year_without_29_february_is_refused_with_it():
    with pytest.raises(BirthdayError):
        read_birthday("1985-02-29")
    assert read_birthday("1984-02-29") == Birthday(2, 29, 1984)


def test_typed_birthdays_take_only_the_two_iso_forms():
    assert parse_birthday("1985-04-15") == Birthday(4, 15, 1985)
    assert parse_birthday("--04-15") == Birthday(4, 15)
    for typo in ("19850415", "--0415", "1604-04-15", "15-04-1985", "1985-4-15"):
        with pytest.raises(BirthdayError):
            parse_birthday(typo)


def test_birthday_input_is_an_input_error_with_field_and_message_key():
    today = date(2026, 12, 3)
    assert birthday_input("--12-05", "birthday", today) == Birthday(12, 5)
    with pytest.raises(InputError) as raised:
        birthday_input("5 dec", "birthday", today)
    assert raised.value.field == "birthday"
    assert raised.value.key == "error.expected_birthday"
    assert "verjaardag JJJJ-MM-DD" in raised.value.message("nl")
    with pytest.raises(InputError) as future:
        birthday_input("2027-01-01", "birthday", today)
    assert future.value.key == "error.birthday_future"
    assert birthday_input("2026-12-03", "birthday", today) == Birthday(12, 3, 2026)


def test_29_february_falls_on_28_february_in_a_year_without_it():
    assert day_in_year(2, 29, 2027) == date(2027, 2, 28)
    assert day_in_year(2, 29, 2028) == date(2028, 2, 29)
    assert day_in_year(2, 29, 2100) == date(2100, 2, 28)  # no leap year: divisible by 100
    assert day_in_year(4, 15, 2027) == date(2027, 4, 15)
