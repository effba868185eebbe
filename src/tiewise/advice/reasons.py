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

#: Reasons whose message is a plural one (``msgid_plural`` in the catalogue, both forms), with
#: the figure that decides the form: "last contact 1 day ago", not "1 days".
COUNTED_BY = {
    "portfolio.silent": "days",
    "portfolio.dormant": "days",
    "portfolio.costs": "meetings",
    "portfolio.costs_nothing": "days",
    "events.outcomes": "outcomes",
    "events.new_relevant": "count",
    "events.yield": "visits",
    "events.yield_none": "visits",
    "events.cell.no_outcome": "visits",
    "events.likely_above": "visits",
    "events.uncredited": "count",
    "events.nothing_yet": "visits",
    "events.probably_below": "visits",
    "events.few_visits": "visits",
    "events.known_met": "met",
    "events.habit": "visits",
    "events.fun": "fun",
    "upcoming.expected": "hours",
    "upcoming.expected_prior": "hours",
    "upcoming.expected_none": "visits",
    "upcoming.keep_uncertain": "visits",
    "upcoming.too_early": "visits",
    "upcoming.doubtful": "visits",
    "upcoming.explore": "visits",
    "upcoming.habitual_low_yield": "visits",
    "upcoming.crowd": "expected",
    "invitation.rule.close_tie": "meetings",
    "invitation.rule.close_rated": "meetings",
    "invitation.rule.sales_pitch": "mutual",
    "invitation.rule.stranger": "mutual",
    "invitation.rule.stranger_note": "mutual",
    "invitation.stranger": "contacts",
    "invitation.message": "chars",
    "ledger.last_given": "days",
    "plan.reactivate": "days",
    "plan.due": "days",
}

#: Figures of a reason that are said with their unit, a plural message of their own ("every
#: day", "every 3 days"), while JSON keeps the number.
SAID_WITH_UNIT = {"plan.due": {"cadence": "unit.every_days"}}


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
        for name, unit in SAID_WITH_UNIT.get(self.key, {}).items():
            if isinstance(values.get(name), int | float):
                shown[name] = plural(unit, values[name], language)
        if self.key in COUNTED_BY:
            return plural(self.key, values[COUNTED_BY[self.key]], language, **shown)
        return text(self.key, language, **shown)

    def to_json(self, language: str) -> dict[str, Any]:
        return {"code": self.key, "text": self.render(language), "figures": self.values(language)}
