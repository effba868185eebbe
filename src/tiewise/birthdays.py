"""Birthdays as people write them, and the day a yearly date falls on: pure functions, no I/O.

Two readers, because typed input and exported files need different leniency:

- :func:`parse_birthday` reads what a person types (``tiewise contact edit --birthday``, a web
  form): ``YYYY-MM-DD``, or ``--MM-DD`` when the year is not known — the forms
  :meth:`~tiewise.model.Birthday.isoformat` writes. Anything else is refused with a message
  that names both forms, so a typo never becomes a wrong birthday; :func:`birthday_input`
  makes that an :class:`~tiewise.errors.InputError` for a command option or a form field.
- :func:`read_birthday` reads what address books export (vCard ``BDAY``, Google Contacts'
  ``Birthday`` column):

  ============================  ================================  ==================
  written                       by                                read as
  ============================  ================================  ==================
  ``1985-04-15``                vCard 3, Google CSV               15 April 1985
  ``19850415``                  vCard 4 basic format              15 April 1985
  ``1985-04-15T00:00:00Z``      some phones (a date-time)         15 April 1985
  ``--0415``, ``--04-15``       vCard 4, Google (no year)         15 April
  ``1604-04-15`` with           Apple (``X-APPLE-OMIT-YEAR``)     15 April
  ``X-APPLE-OMIT-YEAR=1604``
  ============================  ================================  ==================

  The time of a date-time is ignored, never converted between time zones: a phone that writes
  ``T00:00:00Z`` means the calendar day it shows, and shifting it by an offset would move the
  birthday a day. A year before :data:`FIRST_YEAR` is a placeholder, not a year (Apple's 1604
  even without its parameter, ``0000``, ``1900`` of tools that must write some year): nobody
  in a network today was born then, and a wrong age is worse than none. A value that is none
  of these (``circa 1800``, ``15/04/1985`` — day and month order unknowable — or 31 April)
  raises :class:`BirthdayError`; importers turn that into a warning quoting the value and keep
  the rest of the record.

:func:`day_in_year` gives the day a yearly date (a birthday, the day two people met) falls on
in a given year. 29 February falls on 28 February in a year without one: the reminder then
comes a day early rather than a day late (the same day UK and New Zealand law pick differ on;
for a greeting, early is the kinder mistake).
"""

from __future__ import annotations

import re
from calendar import isleap
from datetime import date

from tiewise.errors import InputError
from tiewise.model import Birthday

#: The earliest birth year taken as a year; earlier ones are placeholders (see the docstring).
FIRST_YEAR = 1901
#: What :func:`parse_birthday` accepts, as error messages name it.
EXPECTED = "a birthday YYYY-MM-DD, or --MM-DD without the year"

_WITH_YEAR = re.compile(r"(?P<year>\d{4})-?(?P<month>\d{2})-?(?P<day>\d{2})(?:T[0-9:.,+\-Z]*)?")
_WITHOUT_YEAR = re.compile(r"--(?P<month>\d{2})-?(?P<day>\d{2})(?:T[0-9:.,+\-Z]*)?")
_TYPED_WITH_YEAR = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_TYPED_WITHOUT_YEAR = re.compile(r"--(?P<month>\d{2})-(?P<day>\d{2})")


class BirthdayError(ValueError):
    """A birthday that cannot be read; ``value`` is the text as found."""

    def __init__(self, value: str) -> None:
        super().__init__(f"expected {EXPECTED}, found {value!r}")
        self.value = value


def _birthday(match: re.Match[str], value: str, omit_year: str | None = None) -> Birthday:
    year = int(match["year"]) if "year" in match.re.groupindex else None
    if year is not None and (year < FIRST_YEAR or (omit_year and omit_year.strip() == str(year))):
        year = None
    try:
        return Birthday(int(match["month"]), int(match["day"]), year)
    except ValueError as error:  # 31 April, month 13
        raise BirthdayError(value) from error


def parse_birthday(text: str) -> Birthday:
    """A typed birthday: ``YYYY-MM-DD`` or ``--MM-DD``; :class:`BirthdayError` otherwise (also
    for a year before :data:`FIRST_YEAR`, which :func:`read_birthday` would quietly drop)."""
    value = text.strip()
    match = _TYPED_WITH_YEAR.fullmatch(value) or _TYPED_WITHOUT_YEAR.fullmatch(value)
    if match is None or ("year" in match.re.groupindex and int(match["year"]) < FIRST_YEAR):
        raise BirthdayError(text)
    return _birthday(match, text)


def birthday_input(text: str, field: str, today: date) -> Birthday:
    """A birthday a person typed into ``field`` (``--birthday``, a form field), as
    :func:`parse_birthday` reads it; an :class:`~tiewise.errors.InputError` naming the field,
    with a message key for the page's language, when it does not read or lies after
    ``today``."""
    try:
        birthday = parse_birthday(text)
    except BirthdayError as error:
        raise InputError(
            f"{field}: {error}",
            field=field,
            key="error.expected_birthday",
            values={"found": text},
        ) from error
    if birthday.year is not None and date(birthday.year, birthday.month, birthday.day) > today:
        raise InputError(
            f"{field}: expected a birthday on or before today ({today.isoformat()}), "
            f"found {text!r}",
            field=field,
            key="error.birthday_future",
            values={"today": today.isoformat(), "found": text},
        )
    return birthday


def read_birthday(value: str, omit_year: str | None = None) -> Birthday:
    """A birthday as an address book exported it (the table in the module docstring);
    ``omit_year`` is the value of Apple's ``X-APPLE-OMIT-YEAR`` parameter, when given."""
    text = value.strip()
    match = _WITHOUT_YEAR.fullmatch(text) or _WITH_YEAR.fullmatch(text)
    if match is None:
        raise BirthdayError(value)
    return _birthday(match, value, omit_year)


def day_in_year(month: int, day: int, year: int) -> date:
    """The day ``month``/``day`` falls on in ``year``: 29 February is 28 February in a year
    that has no 29 February (see the module docstring)."""
    if (month, day) == (2, 29) and not isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)
