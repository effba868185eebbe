"""The weekly plan: whom to contact this week and which introductions to make.

A tie chosen in the portfolio (``portfolio.py``) is *due* when its keep-in-touch cadence runs out
by the end of this week (Monday to Sunday): the last real interaction plus the cadence falls on
or before Sunday. Any interaction resets the clock. The cadence is the one the user set on the
tie (``cadence_days``), else by what the portfolio chose — focus: strong 14 days, medium 21,
weak 30 (investing means regular contact; recency is among the strongest predictors of tie
strength, Gilbert & Karahalios 2009); maintain: 90 days (a touch per quarter keeps a tie from
going dormant, which the strength model calls a year of silence). A tie to *reactivate* is always
due: it has been silent for over a year (Levin, Walter & Murnighan 2011). A tie whose *invest*
or *keep warm* advice I accepted is due from the day I accepted it until we are next in touch,
whatever its cadence: accepting advice puts the person into the plan.

Due ties are listed most overdue first — reactivations, then focus, then maintain at equal
overdue days — up to ``limit``. The plan also lists the week's events from today to Sunday with
the events advice (``events.py``): attend, skip or try once, with its reasons; and the week's
birthdays and anniversaries of meeting, Monday to Sunday, of the ties that matter
(``reminders.py``: birthdays of every tie not let go, anniversaries of whole years of ties kept,
strong or medium, or chosen by the portfolio).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from tiewise.advice.decisions import since_decision
from tiewise.advice.events import UpcomingAdvice
from tiewise.advice.introductions import Introduction, introductions_to_json
from tiewise.advice.portfolio import Item, Portfolio, silent_days
from tiewise.advice.reasons import Reason
from tiewise.advice.reminders import Reminder, reminders_to_json, week_reminders
from tiewise.analysis.profile import Profile

FOCUS_CADENCE_DAYS = {"strong": 14, "medium": 21, "weak": 30, "dormant": 30}
MAINTAIN_CADENCE_DAYS = 90
ACTIONS = ("reactivate", "focus", "maintain")  # order among equally overdue ties


@dataclass(frozen=True)
class Contact:
    """Someone to contact this week."""

    position: int
    action: str  # reactivate | focus | maintain
    cadence_days: int | None
    overdue_days: int  # days past due at the end of the week
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class WeeklyPlan:
    week_start: date
    week_end: date
    contacts: tuple[Contact, ...]
    due_total: int
    introductions: tuple[Introduction, ...]
    events: tuple[UpcomingAdvice, ...] = ()
    reminders: tuple[Reminder, ...] = ()  # birthdays and anniversaries, Monday to Sunday


def week_of(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week that holds ``today``."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def weekly_plan(
    profile: Profile,
    portfolio: Portfolio,
    introductions: list[Introduction],
    events: list[UpcomingAdvice] | None = None,
    limit: int = 10,
    introductions_shown: int = 3,
) -> WeeklyPlan:
    """The plan for the week of ``profile.today`` (see the module docstring); ``events`` is the
    upcoming-events advice, of which the occurrences up to Sunday are kept."""
    monday, sunday = week_of(profile.today)
    since = silent_days(profile, sunday)
    classes = profile.strength.tie_class
    ties = profile.snapshot.ties
    last_contact = profile.snapshot.last_interaction
    due: list[Contact] = []
    groups: tuple[tuple[str, tuple[Item, ...]], ...] = (
        ("reactivate", portfolio.reactivate),
        ("focus", portfolio.focus),
        ("maintain", portfolio.maintain),
    )
    for action, items in groups:
        for item in items:
            i = item.position
            if action == "reactivate":
                cadence = None
                overdue = int(since[i]) if np.isfinite(since[i]) else 0
                reasons = [Reason("plan.reactivate", {"days": overdue})]
            else:
                default = (
                    FOCUS_CADENCE_DAYS[str(classes[i])]
                    if action == "focus"
                    else MAINTAIN_CADENCE_DAYS
                )
                cadence = ties[i].cadence_days or default
                committed = item.accepted is not None and not since_decision(
                    item.accepted, last_contact[i]
                )
                if committed:  # accepted, not in touch since: this week, whatever the cadence
                    overdue = max(0, int(since[i] - cadence)) if np.isfinite(since[i]) else 0
                    day = item.accepted.decided_at.date().isoformat()  # type: ignore[union-attr]
                    reasons = [Reason("plan.accepted", {"date": day})]
                elif np.isfinite(since[i]) and since[i] < cadence:
                    continue
                else:
                    overdue = int(since[i] - cadence) if np.isfinite(since[i]) else cadence
                    reasons = [
                        Reason("plan.never", {"cadence": cadence})
                        if not np.isfinite(since[i])
                        else Reason("plan.due", {"days": int(since[i]), "cadence": cadence})
                    ]
            served = [r for r in item.reasons if r.key == "portfolio.serves"][:1]
            due.append(Contact(i, action, cadence, overdue, (*reasons, *served)))
    due.sort(key=lambda c: (-c.overdue_days, ACTIONS.index(c.action), c.position))
    return WeeklyPlan(
        week_start=monday,
        week_end=sunday,
        contacts=tuple(due[:limit]),
        due_total=len(due),
        introductions=tuple(introductions[:introductions_shown]),
        events=tuple(a for a in events or () if a.occurrence.starts_at.date() <= sunday),
        reminders=week_reminders(profile, portfolio, monday, sunday),
    )


def plan_to_json(plan: WeeklyPlan, profile: Profile, language: str) -> dict[str, Any]:
    """The contract of ``tiewise plan --json``."""
    snapshot = profile.snapshot
    return {
        "week_start": plan.week_start.isoformat(),
        "week_end": plan.week_end.isoformat(),
        "contacts": [
            {
                "contact_id": int(snapshot.contact_ids[c.position]),
                "name": snapshot.contacts[c.position].name,
                "action": c.action,
                "cadence_days": c.cadence_days,
                "overdue_days": c.overdue_days,
                "reasons": [r.to_json(language) for r in c.reasons],
            }
            for c in plan.contacts
        ],
        "due_total": plan.due_total,
        "introductions": introductions_to_json(list(plan.introductions), [], profile, language)[
            "introductions"
        ],
        "events": [
            {
                "occurrence_id": a.occurrence.id,
                "name": a.series.name,
                "starts_at": a.occurrence.starts_at.isoformat(),
                "action": a.action,
                "reasons": [r.to_json(language) for r in a.reasons],
            }
            for a in plan.events
        ],
        "reminders": reminders_to_json(plan.reminders, profile, language),
    }
