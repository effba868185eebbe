"""What networking events cost in time and money, and what they yielded, per event series.

A plain tally over a window (default: the 12 months up to ``today``); the return model with
uncertainty belongs to ``advice/events.py``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tiewise.model import AttendanceStatus
from tiewise.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class SeriesAttendance:
    series_id: int | None
    name: str
    visits: int
    hours: float
    cost_eur: float
    mean_enjoyment: float | None
    outcomes: int
    outcome_value_eur: float


def attendance_by_series(
    snapshot: Snapshot, today: date, days: int = 365
) -> list[SeriesAttendance]:
    """Visits, hours (incl. travel), cost, mean enjoyment and outcomes per series over
    ``(today - days, today]``; one-off events without a series are grouped by their own name.
    Sorted by hours spent, most first."""
    start = today - timedelta(days=days)
    occurrences = {o.id: o for o in snapshot.occurrences}
    series_names = {s.id: s.name for s in snapshot.series}
    visits: dict[tuple[int | None, str], list] = defaultdict(list)
    for attendance in snapshot.attendances:
        occurrence = occurrences.get(attendance.occurrence_id)
        if occurrence is None or attendance.status != AttendanceStatus.ATTENDED:
            continue
        if not start < occurrence.starts_at.date() <= today:
            continue
        key = _series_key(occurrence.series_id, occurrence.name, series_names)
        visits[key].append(attendance)
    outcomes: dict[tuple[int | None, str], list] = defaultdict(list)
    for outcome in snapshot.outcomes:
        occurrence = occurrences.get(outcome.occurrence_id) if outcome.occurrence_id else None
        if occurrence is None or not start < outcome.occurred_on <= today:
            continue
        outcomes[_series_key(occurrence.series_id, occurrence.name, series_names)].append(outcome)
    rows = []
    for key, attended in visits.items():
        enjoyments = [a.enjoyment for a in attended if a.enjoyment is not None]
        yielded = outcomes.get(key, [])
        rows.append(
            SeriesAttendance(
                series_id=key[0],
                name=key[1],
                visits=len(attended),
                hours=sum(a.hours or 0.0 for a in attended),
                cost_eur=sum(a.cost_eur or 0.0 for a in attended),
                mean_enjoyment=sum(enjoyments) / len(enjoyments) if enjoyments else None,
                outcomes=len(yielded),
                outcome_value_eur=sum(o.value_eur or 0.0 for o in yielded),
            )
        )
    return sorted(rows, key=lambda r: (-r.hours, r.name))


def _series_key(
    series_id: int | None, name: str | None, series_names: dict[int | None, str]
) -> tuple[int | None, str]:
    if series_id is not None:
        return series_id, series_names.get(series_id, name or "")
    return None, name or "(unnamed event)"
