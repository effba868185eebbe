"""Dutch and English in the web app: the ``web`` gettext catalogue, and the filters that show
numbers and dates in each language's format (``number``, ``percent``, ``day``: Babel, through
``tiewise.display`` like the command line and the report).

The labels of the templates are msgids in English; ``catalogues/nl/LC_MESSAGES/web.po`` holds
the Dutch (``tiewise.catalogues``). Advice texts come from ``tiewise.i18n`` like everywhere else.
"""

from __future__ import annotations

from gettext import NullTranslations

from tiewise.catalogues import catalogue
from tiewise.display import day, number, percent

__all__ = ["day", "number", "percent", "translations"]


def translations(language: str) -> NullTranslations:
    """The web's gettext catalogue in ``language`` (English: the msgids themselves, but for the
    few values shown as words, such as ``try_once``)."""
    return catalogue("web", language)
