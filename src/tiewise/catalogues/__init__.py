"""The gettext catalogues: every user-facing text of tiewise in English and Dutch.

One folder per language (``en``, ``nl``), one catalogue per domain in ``LC_MESSAGES``:

- ``tiewise`` — the messages of the command line, the report, the advice and the study, by
  message id (``report.title``, ``unit.days``); English has a catalogue too, so an id is never
  shown. Formatted with ``str.format`` placeholders (``{count}``), read through ``tiewise.i18n``.
- ``web`` — the labels of the web templates; the msgid is the English text.
- ``cli`` — the command line's ``--help``; the msgid is the English help text.
- ``errors`` — what an error expected and found (``tiewise.errors``); the msgid is the English
  text, a template with ``str.format`` placeholders where part of it varies.

The ``.po`` files are the source and the ones to edit. Beside each is its ``.mo``, compiled by
``python -m tiewise.catalogues`` (Babel) and committed; a test holds every ``.mo`` equal to its
``.po``. Reading a ``.mo`` with the standard library takes about a millisecond; parsing the
``.po`` with Babel would add tens of milliseconds to every command's start.

``glossary.csv`` lists one term per concept in each language, with the variants that must not
be used; a test holds the catalogues against it.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "nl")
FOLDER = Path(__file__).parent
DOMAINS = ("tiewise", "web", "cli", "errors")


def path_of(domain: str, language: str, suffix: str = ".mo") -> Path:
    """Where the catalogue of ``domain`` in ``language`` lives (``suffix`` ``.po`` for its
    source)."""
    return FOLDER / language / "LC_MESSAGES" / f"{domain}{suffix}"


@cache
def catalogue(domain: str, language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``domain`` in ``language``. Dutch falls back to the English
    catalogue of the same domain, so a text not yet translated shows in English, never as its
    id; a language without a catalogue gets the English one."""
    if language not in LANGUAGES:
        language = "en"
    path = path_of(domain, language)
    if not path.exists():
        found: gettext.NullTranslations = gettext.NullTranslations()
    else:
        with path.open("rb") as compiled:
            found = gettext.GNUTranslations(compiled)
    if language != "en":
        found.add_fallback(catalogue(domain, "en"))
    return found
