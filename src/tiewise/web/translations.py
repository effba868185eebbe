"""Dutch and English in the web app: the ``web`` gettext catalogue, and numbers and dates in
each language's format (Babel).

The labels of the templates are msgids in English; ``catalogues/nl/LC_MESSAGES/web.po`` holds
the Dutch (``tiewise.catalogues``). Advice texts come from ``tiewise.i18n`` like everywhere else.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from gettext import NullTranslations

from babel.core import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from tiewise.catalogues import catalogue
# parsed once: Babel builds a Locale from a string on every call (about 80 µs for a date)
LOCALES = {"en": Locale.parse("en_GB"), "nl": Locale.parse("nl_NL")}


def translations(language: str) -> NullTranslations:
    """The web's gettext catalogue in ``language`` (English: the msgids themselves, but for the
    few values shown as words, such as ``try_once``)."""
    return catalogue("web", language)


@lru_cache(maxsize=8192)
def number(value: float | int | None, digits: int = 0, language: str = "en") -> str:
    """``1234.5`` → ``1,234.5`` in English, ``1.234,5`` in Dutch; ``—`` for nothing. Kept for
    the last 8,192 numbers: Babel takes about 70 µs for one, and a long table repeats many."""
    if value is None or value != value:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language])


def percent(value: float | None, language: str = "en") -> str:
    if value is None or value != value:
        return "—"
    return format_percent(value, locale=LOCALES[language])


@lru_cache(maxsize=8192)
def day(value: date | datetime | None, language: str = "en") -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return format_datetime(value, format="medium", locale=LOCALES[language])
    return format_date(value, format="medium", locale=LOCALES[language])
