"""The events ledger: per event series, my visits, the people I met and the outcomes credited.

This is the tally the return model (``advice/events.py``) estimates from; it judges nothing.

Visits
    An occurrence I attended (attendance status ``attended``) that started on or before ``today``.
    ``hours`` includes travel. Missing hours are filled with the series' mean known hours, else
    the mean over all my visits, else :data:`DEFAULT_VISIT_HOURS` — and counted, so the report
    can say how many were filled.

Attribution of outcomes to occurrences (each outcome is credited to at most one occurrence, so
it counts once):
    1. An outcome recorded against an occurrence (``occurrence_id``) belongs to it, if I
       attended it.
    2. Otherwise, an outcome linked to contacts belongs to the attended occurrence where one of
       those contacts was *first met* (an encounter of kind ``met`` with ``first_meeting``), when
       the outcome came on or after that day and at most ``window_days`` later (default
       :data:`ATTRIBUTION_DAYS`, a year). Several candidates → the earliest first meeting: the
       event where the relationship began gets the credit (first-touch attribution); on the same
       day, the lowest occurrence id.
    3. Anything else (an outcome through an old friend, one after the window) is not an event
       outcome and stays out of the events figures.

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
    """An outcome credited to an occurrence; ``via_contact`` names the contact first met there
    when the credit came through rule 2 (``None``: recorded against the occurrence)."""

    outcome: Outcome
    occurrence_id: int
    via_contact: int | None


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
) -> dict[int, Credit]:
    """Occurrence credit per outcome id, by the rule in the module docstring."""
    attended = _attended_ids(snapshot, today)
    starts = {o.id: o.starts_at.date() for o in snapshot.occurrences}
    first_meetings: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for e in snapshot.encounters:
        if e.kind == EncounterKind.MET and e.first_meeting and e.occurrence_id in attended:
            position = snapshot.position_of(e.contact_id)
            if position is not None:
                first_meetings[position].append((starts[e.occurrence_id], e.occurrence_id))
    window = timedelta(days=window_days)
    credits: dict[int, Credit] = {}
    for outcome in snapshot.outcomes:
        if outcome.id is None or outcome.occurred_on > today:
            continue
        if outcome.occurrence_id is not None:
            if outcome.occurrence_id in attended:
                credits[outcome.id] = Credit(outcome, outcome.occurrence_id, None)
            continue
        candidates = []
        for contact_id in outcome.contact_ids:
            position = snapshot.position_of(contact_id)
            if position is None:
                continue
            for day, occurrence_id in first_meetings.get(position, ()):
                if day <= outcome.occurred_on <= day + window:
                    candidates.append((day, occurrence_id, int(snapshot.contact_ids[position])))
        if candidates:
            _, occurrence_id, contact_id = min(candidates)
            credits[outcome.id] = Credit(outcome, occurrence_id, contact_id)
    return credits


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
    for credit in attributed_outcomes(snapshot, today, window_days).values():
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
