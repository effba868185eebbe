"""Dutch and English in the web app: gettext catalogues read with Babel, and numbers and dates
in each language's format.

The labels of the templates are msgids in English; ``locale/nl/LC_MESSAGES/web.po`` holds the
Dutch. The ``.po`` file is compiled in memory at start (Babel's ``write_mo``), so no build step
or compiled file is needed. Advice texts come from ``tiewise.i18n`` like everywhere else.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from babel.core import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
# parsed once: Babel builds a Locale from a string on every call (about 80 µs for a date)
LOCALES = {"en": Locale.parse("en_GB"), "nl": Locale.parse("nl_NL")}


@cache
def translations(language: str) -> NullTranslations:
    """The gettext catalogue of ``language`` (English: the msgids themselves)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "web.po"
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=LOCALES[language])
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)


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
