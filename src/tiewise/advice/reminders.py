"""Birthdays and anniversaries of meeting in a week: the occasions of the weekly plan.

A birthday or the day two people met is a reason to get in touch that needs no pretext: a short
message on such a day keeps a tie warm at almost no cost. Ties decay without contact (Burt
2000, *Social Networks* 22: 1–28), and emotional closeness falls as contact becomes rarer
(Roberts & Dunbar 2011, *Personal Relationships* 18: 439–452). But a calendar full of
occasions of people who do not matter is noise, so the rule is narrow:

- **Birthdays**: of every contact whose birthday is known and whose tie I have not let go
  (status *active* or *keep*). A birthday comes from an address book or from me, so it is
  known only of people I already know personally; a tie I let go stays let go.
- **Anniversaries of meeting** (``Tie.met_on``): only whole years, one or more, and only for
  ties that matter now and are not let go — ties I *keep*, strong or medium ties, and ties the
  portfolio chose to invest in, keep warm or reactivate. Every LinkedIn connection has a
  meeting date (*Connected On*): without this bound a network of 1,000 connections would
  bring some twenty "met N years ago" a week.

A day falls in the week when its date this year (or next year, for a week that spans New
Year) lies between Monday and Sunday. 29 February falls on 28 February in other years
(:func:`tiewise.birthdays.day_in_year`). A birthday with a year gives the age turned that
day; a birth year after the week gives no age. Reminders come sorted by day, birthdays before
anniversaries on one day, then by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from tiewise.advice.portfolio import Portfolio
from tiewise.advice.reasons import Reason
from tiewise.analysis.profile import Profile
from tiewise.birthdays import day_in_year
from tiewise.model import TieStatus

BIRTHDAY = "birthday"
ANNIVERSARY = "anniversary"
KINDS = (BIRTHDAY, ANNIVERSARY)
#: Tie classes whose anniversaries of meeting count, whatever the portfolio chose.
ANNIVERSARY_CLASSES = ("strong", "medium")


@dataclass(frozen=True)
class Reminder:
    """An occasion in the week: ``kind`` birthday or anniversary, of the contact at
    ``position``, on ``day``; ``years`` is the age turned or the years since we met (``None``
    for a birthday without a year)."""

    kind: str
    position: int
    day: date
    years: int | None
    reason: Reason


def _days_in(month: int, day: int, monday: date, sunday: date) -> Iterator[date]:
    """The dates of a yearly ``month``/``day`` from ``monday`` to ``sunday`` (a week holds at
    most one, two years only when it spans New Year)."""
    for year in sorted({monday.year, sunday.year}):
        found = day_in_year(month, day, year)
        if monday <= found <= sunday:
            yield found


def week_reminders(
    profile: Profile, portfolio: Portfolio, monday: date, sunday: date
) -> tuple[Reminder, ...]:
    """The birthdays and anniversaries of meeting from ``monday`` to ``sunday`` (both
    included), by the rule of the module docstring."""
    snapshot = profile.snapshot
    classes = profile.strength.tie_class
    chosen = {
        item.position
        for items in (portfolio.focus, portfolio.maintain, portfolio.reactivate)
        for item in items
    }
    found: list[Reminder] = []
    for i, (contact, tie) in enumerate(zip(snapshot.contacts, snapshot.ties, strict=True)):
        if tie.status is TieStatus.LET_GO:
            continue
        birthday = contact.birthday
        if birthday is not None:
            for day in _days_in(birthday.month, birthday.day, monday, sunday):
                age = day.year - birthday.year if birthday.year is not None else None
                age = age if age is not None and age > 0 else None
                reason = (
                    Reason("reminder.birthday_age", {"age": age})
                    if age is not None
                    else Reason("reminder.birthday", {})
                )
                found.append(Reminder(BIRTHDAY, i, day, age, reason))
        matters = (
            tie.status is TieStatus.KEEP or str(classes[i]) in ANNIVERSARY_CLASSES or i in chosen
        )
        if tie.met_on is not None and matters:
            for day in _days_in(tie.met_on.month, tie.met_on.day, monday, sunday):
                years = day.year - tie.met_on.year
                if years >= 1:
                    key = "reminder.anniversary" if years > 1 else "reminder.anniversary_one"
                    reason = Reason(key, {"years": years})
                    found.append(Reminder(ANNIVERSARY, i, day, years, reason))
    names = [c.name.casefold() for c in snapshot.contacts]
    found.sort(key=lambda r: (r.day, KINDS.index(r.kind), names[r.position], r.position))
    return tuple(found)


def reminders_to_json(
    reminders: Iterable[Reminder], profile: Profile, language: str
) -> list[dict[str, object]]:
    """The reminders as ``plan --json`` gives them."""
    snapshot = profile.snapshot
    return [
        {
            "kind": r.kind,
            "contact_id": int(snapshot.contact_ids[r.position]),
            "name": snapshot.contacts[r.position].name,
            "date": r.day.isoformat(),
            "years": r.years,
            "text": r.reason.render(language),
        }
        for r in reminders
    ]
