"""A reason: why a piece of advice was given, as a message id and the figures that fill it.

Every recommendation carries at least one reason with a figure, so each interface can show "why"
in English or Dutch (the ``tiewise`` gettext catalogue holds the templates) and JSON keeps the
numbers. A figure that is a word rather than a number (a goal's name, a tie class) is a
:class:`Term`, which knows its text in every language; reasons are therefore built once and
rendered in any language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tiewise.display import figures
from tiewise.i18n import plural, text

#: Reasons whose message has a singular and a plural form (``KEY.one`` and ``KEY.other`` in
#: ``i18n``), with the figure that decides which: "last contact 1 day ago", not "1 days".
COUNTED_BY = {
    "portfolio.silent": "days",
    "events.outcomes": "outcomes",
    "events.new_relevant": "count",
}


@dataclass(frozen=True)
class Term:
    """A word in English and Dutch, e.g. a goal's label."""

    en: str
    nl: str

    def in_language(self, language: str) -> str:
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True)
class Reason:
    key: str  # a message id of the tiewise catalogue, e.g. "portfolio.serves"
    figures: dict[str, Any] = field(default_factory=dict)

    def values(self, language: str) -> dict[str, Any]:
        """The figures with every :class:`Term` in ``language``."""
        return {
            name: value.in_language(language) if isinstance(value, Term) else value
            for name, value in self.figures.items()
        }

    def render(self, language: str) -> str:
        """The reason in ``language``, its figures as the language writes them — also a day it
        carries as ``YYYY-MM-DD`` text (``{"date": "2026-11-21"}`` → "21 Nov 2026"); ``to_json``
        keeps the figures themselves."""
        values = self.values(language)
        shown = figures(values, language, iso_days=True)
        if self.key in COUNTED_BY:
            return plural(self.key, values[COUNTED_BY[self.key]], language, **shown)
        return text(self.key, language, **shown)

    def to_json(self, language: str) -> dict[str, Any]:
        return {"code": self.key, "text": self.render(language), "figures": self.values(language)}
