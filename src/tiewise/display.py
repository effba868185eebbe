"""Numbers, money, percentages and dates as a reader of one language writes them: ``1,234.5``,
``€21,100`` and ``23 Nov 2026`` in English, ``1.234,5``, ``€ 21.100`` and ``23 nov 2026`` in
Dutch — Babel's (CLDR's) formats for the locales en_GB and nl_NL.

Every figure a person reads goes through here: the command line's lines and tables, the report
(terminal, Markdown, HTML, PDF), the web app's templates (``web/translations.py``) and the study
report. Output for machines never does: ``--json``, CSV, iCalendar, vCard, JSON exports and the
study's data files keep ISO dates (``2026-11-23``) and plain numbers.

Babel is imported on first use, not with this module: the command line imports this module while
it starts, and Babel with its locale data costs about 65 ms that ``tiewise --help`` must not
pay. Each locale is parsed once (Babel parses a locale name anew on every call, about 80 µs
for a date), and the last :data:`KEPT` texts of each kind are kept: a long table repeats many.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.core import Locale

#: The locale of each language; a language not listed reads as English.
LOCALES = {"en": "en_GB", "nl": "nl_NL"}
NOTHING = "—"  # for a number or date that is not there
KEPT = 8192  # texts kept per kind (Babel takes 5–10 µs for one, a lookup well under 1 µs)


@cache
def locale(language: str) -> Locale:
    """The Babel locale of ``language``, parsed once."""
    from babel.core import Locale

    return Locale.parse(LOCALES.get(language, LOCALES["en"]))


def _missing(value: object) -> bool:
    return value is None or value != value  # None or NaN


def _with_digits(pattern: str, digits: int) -> str:
    """A CLDR number pattern with exactly ``digits`` decimals: ``¤#,##0.00`` → ``¤#,##0``."""
    return re.sub(r"0(?:\.[0#]+)?", "0" + ("." + "0" * digits if digits else ""), pattern)


def _rounded(value: Any, digits: int) -> Any:
    """``value`` rounded as Python's ``format(value, ".2f")`` rounds it (the binary value, to
    nearest), without a minus sign on zero — so that many values share one kept text."""
    return round(value, digits) or 0


# --- numbers


def number(value: float | int | None, digits: int = 0, language: str = "en") -> str:
    """``value`` with ``digits`` decimals and the language's separators: ``1234.5`` →
    ``1,234.5`` in English, ``1.234,5`` in Dutch; ``—`` for nothing (``None`` or NaN)."""
    if _missing(value):
        return NOTHING
    return _decimal(_rounded(value, digits), digits, language)


@lru_cache(maxsize=KEPT)
def _decimal(value: Any, digits: int, language: str) -> str:
    from babel.numbers import format_decimal

    pattern = _with_digits(locale(language).decimal_formats[None].pattern, digits)
    return format_decimal(value, format=pattern, locale=locale(language))


@lru_cache(maxsize=KEPT)
def _natural(value: Any, language: str) -> str:
    """A number with as many decimals as it has, at most three (CLDR's standard pattern)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale(language))


def percent(value: float | None, language: str = "en", digits: int = 0) -> str:
    """A share as a percentage: ``0.256`` → ``26%``; ``—`` for nothing."""
    if _missing(value):
        return NOTHING
    return _percent(_rounded(value, digits + 2), digits, language)


@lru_cache(maxsize=KEPT)
def _percent(value: Any, digits: int, language: str) -> str:
    from babel.numbers import format_percent

    pattern = _with_digits(locale(language).percent_formats[None].pattern, digits)
    return format_percent(value, format=pattern, locale=locale(language))


def money(value: float | int | None, language: str = "en", digits: int | None = None) -> str:
    """An amount in euros: ``€21,100`` in English, ``€ 21.100`` in Dutch (a no-break space, as
    CLDR writes it). A whole amount has no decimals, any other two (``€12.50``), unless the
    caller asks for ``digits``; ``—`` for nothing."""
    if _missing(value):
        return NOTHING
    if digits is None:
        digits = 0 if float(round(value, 2)).is_integer() else 2  # type: ignore[arg-type]
    return _money(_rounded(value, digits), digits, language)


@lru_cache(maxsize=KEPT)
def _money(value: Any, digits: int, language: str) -> str:
    from babel.numbers import format_currency

    here = locale(language)
    pattern = _with_digits(here.currency_formats["standard"].pattern, digits)
    return format_currency(value, "EUR", format=pattern, locale=here, currency_digits=False)


# --- dates


@lru_cache(maxsize=KEPT)
def day(value: date | datetime | None, language: str = "en") -> str:
    """A date as ``23 Nov 2026`` (``23 nov 2026``; CLDR's medium date); a date and time as
    ``3 Dec 2026, 17:00`` (hours and minutes, no seconds); ``—`` for nothing."""
    if value is None:
        return NOTHING
    here = locale(language)
    shown = here.date_formats["medium"].apply(value, here)
    return _with_time(shown, value, language) if isinstance(value, datetime) else shown


@lru_cache(maxsize=KEPT)
def weekday(value: date | datetime | None, language: str = "en", year: bool = False) -> str:
    """A date with its day of the week, for a plan: ``Thu 3 Dec`` (``do 3 dec``), with the year
    when asked (``Thu, 3 Dec 2026``) and the time of a date and time (``Thu 3 Dec, 17:00``)."""
    if value is None:
        return NOTHING
    from babel.dates import format_skeleton

    plain = value.date() if isinstance(value, datetime) else value
    shown = format_skeleton("yMMMEd" if year else "MMMEd", plain, locale=locale(language))
    return _with_time(shown, value, language) if isinstance(value, datetime) else shown


def _with_time(shown: str, moment: datetime, language: str) -> str:
    """A formatted date followed by the time of ``moment`` (``17:00``), joined as the language
    joins them (as given: a time zone is never converted)."""
    here = locale(language)
    time = here.time_formats["short"].apply(moment, here)
    return here.datetime_formats["medium"].replace("{1}", shown).replace("{0}", time)


@lru_cache(maxsize=KEPT)
def month_day(month: int, day_of_month: int, language: str = "en") -> str:
    """A day of the year without a year, such as a birthday given without one: ``15 Apr``
    (``15 apr``); 29 February exists."""
    from babel.dates import format_skeleton

    leap_year = 2000
    return format_skeleton("MMMd", date(leap_year, month, day_of_month), locale=locale(language))


def birthday(value: Any, language: str = "en") -> str:
    """A birthday (anything with ``month``, ``day`` and ``year``, the year possibly ``None``, as
    ``model.Birthday``): ``15 Apr 1985``, or ``15 Apr`` when the year is not known."""
    if value is None:
        return NOTHING
    if value.year is None:
        return month_day(value.month, value.day, language)
    return day(date(value.year, value.month, value.day), language)


# --- figures in a message


#: The format specs a message gives a number: ``.0f``, ``.2f``, ``.0%``, ``+d``, ``,`` …
_SPEC = r"(?P<sign>[+\- ]?),?(?:\.(?P<digits>\d+))?(?P<kind>[dfF%]?)"


class Figure:
    """A number to fill a ``str.format`` message (``"€{value:.0f} per hour"``) that formats
    itself in ``language`` through this module: ``{value:.0f}`` → :func:`number` with 0
    decimals, ``{share:.0%}`` → :func:`percent`, ``{count}`` → the number with as many decimals
    as it has (at most three); a ``+`` in the spec signs a positive number. Any other spec is
    Python's own."""

    __slots__ = ("language", "value")

    def __init__(self, value: float, language: str) -> None:
        self.value, self.language = value, language

    def __format__(self, spec: str) -> str:
        found = re.fullmatch(_SPEC, spec)  # compiled once, kept by re
        if found is None:
            return format(self.value, spec)
        digits, kind = found["digits"], found["kind"]
        if kind == "%":
            shown = percent(self.value, self.language, int(digits or 0))
        elif digits is not None or kind in ("f", "F"):
            shown = number(self.value, int(digits or 6), self.language)
        elif _missing(self.value):
            shown = NOTHING
        elif float(self.value).is_integer():
            shown = number(self.value, 0, self.language)
        else:
            shown = _natural(self.value, self.language)
        positive = not _missing(self.value) and self.value >= 0
        return "+" + shown if found["sign"] == "+" and positive else shown

    def __str__(self) -> str:
        return self.__format__("")

    def __repr__(self) -> str:
        return f"Figure({self.value!r}, {self.language!r})"


_ISO_DAY = r"\d{4}-\d{2}-\d{2}"


def figures(values: Mapping[str, object], language: str, iso_days: bool = False) -> dict:
    """The values of a message ready for ``str.format`` in ``language``: every number a
    :class:`Figure`, every date or date and time as :func:`day` writes it, and — with
    ``iso_days``, for figures that carry a day as ``YYYY-MM-DD`` text (an advice's reasons) —
    those days too. Anything else (names, words, flags) as it is."""
    from numbers import Real  # NumPy's numbers too; imported here, not at start-up

    shown: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, Real) and not isinstance(value, bool):
            shown[name] = Figure(value, language)
        elif isinstance(value, date):
            shown[name] = day(value, language)
        elif iso_days and isinstance(value, str) and re.fullmatch(_ISO_DAY, value):
            try:
                shown[name] = day(date.fromisoformat(value), language)
            except ValueError:  # looks like a day but is none (2026-13-01): as it is
                shown[name] = value
        else:
            shown[name] = value
    return shown
