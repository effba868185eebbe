"""The events ledger: per event series, my visits, the people I met and the outcomes credited.

This is the tally the return model (``advice/events.py``) estimates from; it judges nothing.

Visits
    An occurrence I attended (attendance status ``attended``) that started on or before ``today``.
    ``hours`` includes travel. Missing hours are filled with the series' mean known hours, else
    the mean over all my visits, else :data:`DEFAULT_VISIT_HOURS` — and counted, so the report
    can say how many were filled.

Attribution of outcomes to occurrences — the chain (each outcome counts at most once: its
shares sum to 1 or less):
    1. An outcome recorded against an occurrence (``occurrence_id``) belongs wholly to it, if I
       attended it.
    2. Otherwise an outcome linked to contacts is shared among **every** attended occurrence
       where I met one of those contacts (encounters of kind ``met``) on or before the outcome
       and at most ``window_days`` earlier (default :data:`ATTRIBUTION_DAYS`, a year). Weights,
       per contact: the meeting where the relationship began (``first_meeting``) weighs
       :data:`FIRST_MEETING_WEIGHT` (2), every later meeting at an event
       :data:`LATER_MEETING_WEIGHT` (1). A contact whose beginning is not among those meetings
       (known before, met elsewhere, or first met longer ago than the window) adds a weight of 2
       *outside events*: the place where the relationship began keeps its double share even
       when it was not an event. An occurrence's share = its weight / the total weight.
       Example: Piet first met at the borrel (2) and met again at two breakfasts (1 + 1) →
       borrel ½, each breakfast ¼. An old friend met once at the borrel → borrel ⅓, ⅔ outside.
       This is position-based (first-touch-heavy) multi-touch attribution: the first meeting
       gets more because a relationship has to begin before it can yield, the later meetings
       count because they keep it alive — not only the first, as in a pure first-touch rule.
    3. Anything else (an outcome through a contact never met at my events, or only after the
       window) is not an event outcome and stays out of the events figures.

One-off occurrences without a series are grouped by their own name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from tiewise.model import (
    AttendanceStatus,
    EncounterKind,
    EventOccurrence,
    EventSeries,
    Outcome,
)
from tiewise.snapshot import Snapshot

ATTRIBUTION_DAYS = 365
FIRST_MEETING_WEIGHT = 2.0
LATER_MEETING_WEIGHT = 1.0
DEFAULT_VISIT_HOURS = 2.5


@dataclass(frozen=True)
class Visit:
    occurrence_id: int
    on: date
    hours: float
    hours_filled: bool  # no hours were recorded; ``hours`` is the fill-in
    cost_eur: float
    enjoyment: int | None


@dataclass(frozen=True)
class Credit:
    """A share of an outcome credited to an occurrence; ``via_contact`` names the contact met
    there when the credit came through rule 2 (``None``: recorded against the occurrence)."""

    outcome: Outcome
    occurrence_id: int
    via_contact: int | None
    share: float = 1.0  # of the outcome, 0 < share ≤ 1


@dataclass(frozen=True)
class SeriesLedger:
    series: EventSeries
    occurrences: tuple[EventOccurrence, ...]  # all, past and future, by start
    status: dict[int, AttendanceStatus]  # occurrence id → my recorded status
    visits: tuple[Visit, ...]  # by date
    credits: tuple[Credit, ...]
    met: int  # people met at my visits (encounters of kind met)
    first_met: tuple[int, ...]  # snapshot positions of the people first met at my visits

    @property
    def name(self) -> str:
        return self.series.name


def attributed_outcomes(
    snapshot: Snapshot, today: date, window_days: int = ATTRIBUTION_DAYS
) -> dict[int, tuple[Credit, ...]]:
    """The credits of each outcome id, by the chain in the module docstring (shares sum to at
    most 1, so an outcome never counts more than once)."""
    attended = _attended_ids(snapshot, today)
    starts = {o.id: o.starts_at.date() for o in snapshot.occurrences}
    meetings: dict[int, list[tuple[date, int, bool]]] = defaultdict(list)
    for e in snapshot.encounters:
        if e.kind == EncounterKind.MET and e.occurrence_id in attended:
            position = snapshot.position_of(e.contact_id)
            if position is not None:
                meetings[position].append(
                    (starts[e.occurrence_id], e.occurrence_id, e.first_meeting)
                )
    window = timedelta(days=window_days)
    credits: dict[int, tuple[Credit, ...]] = {}
    for outcome in snapshot.outcomes:
        if outcome.id is None or outcome.occurred_on > today:
            continue
        if outcome.occurrence_id is not None:
            if outcome.occurrence_id in attended:
                credits[outcome.id] = (Credit(outcome, outcome.occurrence_id, None),)
            continue
        found = _chain(snapshot, outcome, meetings, window)
        if found:
            credits[outcome.id] = found
    return credits


def _chain(
    snapshot: Snapshot,
    outcome: Outcome,
    meetings: dict[int, list[tuple[date, int, bool]]],
    window: timedelta,
) -> tuple[Credit, ...]:
    """Rule 2: the weighted shares of one outcome linked to contacts (module docstring).

    Per contact: every attended occurrence where I met them, on or before the outcome and at
    most ``window`` earlier, weighs :data:`LATER_MEETING_WEIGHT`, or
    :data:`FIRST_MEETING_WEIGHT` when the relationship began there; a contact whose beginning is
    not among those meetings adds :data:`FIRST_MEETING_WEIGHT` outside events. Share = weight /
    total weight; the share outside events is credited to no event."""
    weights: dict[int, float] = defaultdict(float)
    via: dict[int, tuple[float, int]] = {}
    outside = 0.0
    for contact_id in dict.fromkeys(outcome.contact_ids):
        position = snapshot.position_of(contact_id)
        touches = [
            (occurrence_id, first)
            for day, occurrence_id, first in meetings.get(-1 if position is None else position, ())
            if day <= outcome.occurred_on <= day + window
        ]
        if not any(first for _, first in touches):  # the relationship began outside events
            outside += FIRST_MEETING_WEIGHT
        for occurrence_id, first in touches:
            weight = FIRST_MEETING_WEIGHT if first else LATER_MEETING_WEIGHT
            weights[occurrence_id] += weight
            if weight > via.get(occurrence_id, (0.0, 0))[0]:
                via[occurrence_id] = (weight, int(contact_id))
    total = sum(weights.values()) + outside
    return tuple(
        Credit(outcome, occurrence_id, via[occurrence_id][1], weight / total)
        for occurrence_id, weight in sorted(weights.items())
    )


def event_ledgers(
    snapshot: Snapshot, today: date, window_days: int = ATTRIBUTION_DAYS
) -> list[SeriesLedger]:
    """One ledger per series (and per one-off name), in the order the series were recorded."""
    series_by_id = {s.id: s for s in snapshot.series}
    groups: dict[object, list[EventOccurrence]] = defaultdict(list)
    series_of: dict[object, EventSeries] = {}
    for s in snapshot.series:
        groups[s.id] = []
        series_of[s.id] = s
    for o in sorted(snapshot.occurrences, key=lambda o: (o.starts_at, o.id or 0)):
        if o.series_id is not None and o.series_id in series_by_id:
            key: object = o.series_id
        else:
            key = ("one-off", o.name or "(unnamed event)")
            series_of.setdefault(key, EventSeries(name=o.name or "(unnamed event)"))
        groups[key].append(o)
    status = {a.occurrence_id: a for a in snapshot.attendances}
    credits: dict[int, list[Credit]] = defaultdict(list)
    for shares in attributed_outcomes(snapshot, today, window_days).values():
        for credit in shares:
            credits[credit.occurrence_id].append(credit)
    met: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for e in snapshot.encounters:
        position = snapshot.position_of(e.contact_id)
        if e.kind == EncounterKind.MET and position is not None:
            met[e.occurrence_id].append((position, e.first_meeting))
    known_hours = [
        a.hours
        for a in snapshot.attendances
        if a.status == AttendanceStatus.ATTENDED and a.hours is not None
    ]
    overall_hours = float(np.mean(known_hours)) if known_hours else DEFAULT_VISIT_HOURS
    ledgers = []
    for key, occurrences in groups.items():
        attended = [
            (o, status[o.id])
            for o in occurrences
            if o.id in status
            and status[o.id].status == AttendanceStatus.ATTENDED
            and o.starts_at.date() <= today
        ]
        hours = [a.hours for _, a in attended if a.hours is not None]
        fill = float(np.mean(hours)) if hours else overall_hours
        visits = tuple(
            Visit(
                occurrence_id=o.id,
                on=o.starts_at.date(),
                hours=fill if a.hours is None else a.hours,
                hours_filled=a.hours is None,
                cost_eur=a.cost_eur or 0.0,
                enjoyment=a.enjoyment,
            )
            for o, a in attended
        )
        visited = [v.occurrence_id for v in visits]
        people = [pair for occurrence_id in visited for pair in met.get(occurrence_id, ())]
        ledgers.append(
            SeriesLedger(
                series=series_of[key],
                occurrences=tuple(occurrences),
                status={o.id: status[o.id].status for o in occurrences if o.id in status},
                visits=visits,
                credits=tuple(
                    c for occurrence_id in visited for c in credits.get(occurrence_id, ())
                ),
                met=len(people),
                first_met=tuple(sorted({p for p, first in people if first})),
            )
        )
    return ledgers


def _attended_ids(snapshot: Snapshot, today: date) -> set[int]:
    starts = {o.id: o.starts_at.date() for o in snapshot.occurrences}
    return {
        a.occurrence_id
        for a in snapshot.attendances
        if a.status == AttendanceStatus.ATTENDED
        and a.occurrence_id in starts
        and starts[a.occurrence_id] <= today
    }
