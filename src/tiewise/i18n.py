"""User-facing messages in English and Dutch, by message id.

The texts live in the ``tiewise`` gettext catalogue (``tiewise/catalogues/<language>/LC_MESSAGES/
tiewise.po``, compiled to ``.mo``; see :mod:`tiewise.catalogues`). A message id names what is said
(``report.title``, ``unit.days``); each text is a ``str.format`` template (``{count} dagen``).
``text(key, language, **values)`` formats one message, ``plural(key, count, language)`` picks its
form by gettext's ``ngettext``. Tests hold both catalogues to the same ids and placeholders,
every plural to both its forms, and the Dutch to the glossary (``catalogues/glossary.csv``).
"""

from __future__ import annotations

from tiewise.catalogues import LANGUAGES, catalogue
from tiewise.display import figures, number

__all__ = ["LANGUAGES", "label", "number", "plural", "text"]


def _formatted(template: str, language: str, values: dict[str, object]) -> str:
    """``template`` filled with ``values``, every number and date as the language writes it
    (``tiewise.display``: Babel)."""
    return template.format(**figures(values, language)) if values else template


def text(key: str, language: str = "en", /, **values: object) -> str:
    """The message ``key`` in ``language`` (English when the language is unknown or the Dutch
    text is missing), its numbers and dates in the language's format (``{value:.2f}`` → "0.50"
    or "0,50", ``{count}`` → "1,234" or "1.234", a date → "23 Nov 2026"). A key in no
    catalogue is a programming error (``KeyError``), never shown to the user as an id."""
    template = catalogue("tiewise", language).gettext(key)
    if template == key:
        raise KeyError(f"no message {key!r} in the tiewise catalogue")
    return _formatted(template, language, values)


def plural(key: str, count: int, language: str = "en", /, **values: object) -> str:
    """The form of the plural message ``key`` for ``count`` (gettext ``ngettext``; English and
    Dutch use the singular for exactly one, the plural for 0 and 2 or more), with ``count``
    among its values: ``plural("unit.days", 1, "nl")`` is "1 dag", not "1 dagen"."""
    # gettext's plural rules take integers; a fraction (0.33 outcomes a visit) takes the plural
    # form in English and Dutch, as 2 does
    n = int(count) if float(count).is_integer() else 2
    template = catalogue("tiewise", language).ngettext(key, key, n)
    if template == key:
        raise KeyError(f"no plural message {key!r} in the tiewise catalogue")
    return _formatted(template, language, {"count": count, **values})


def label(vocabulary: str, value: str | None, language: str = "en") -> str:
    """A stored value of a known vocabulary as ``language`` says it: ``label("context.value",
    "sports", "nl")`` is "sport", ``label("sector", "finance", "nl")`` the sector's Dutch name,
    ``label("tie_status", "let_go", "en")`` "let go"; a value the vocabulary does not know (a
    context the user typed) as it is, "—" for none."""
    if not value:
        return "—"
    key = f"{vocabulary}.{value.strip().casefold()}"
    said = catalogue("tiewise", language).gettext(key)
    return value if said == key else said
