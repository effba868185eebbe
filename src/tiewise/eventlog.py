"""Recording events — the write side of events, shared by ``tiewise events`` and the web app.

Each function is one transaction: an error changes nothing. Repeating ``add_occurrences`` or
``log_attendance`` changes nothing: occurrences carry the key ``event:<name>:<start>``, the
attendance is replaced, each person met is kept once, and no origin row is written when nothing
else is. Errors name the field as the caller calls it (``where``: ``--event-on`` on the command
line, ``event_on`` in a form).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from tiewise import model
from tiewise.errors import InputError, NotFoundError
from tiewise.ingest.events_csv import occurrence_key
from tiewise.store import Store, schema
from tiewise.store import repository as repo

Where = Callable[[str], str]


def option(name: str) -> str:
    """How the command line names a field: ``event_on`` → ``--event-on``."""
    return "--" + name.replace("_", "-")


class LazyOrigin:
    """The origin row of a command's facts, created only once something is written from it."""

    def __init__(
        self, connection: Any, source: str, file: str | None = None, digest: str | None = None
    ) -> None:
        self.connection, self.source, self.file, self.digest = connection, source, file, digest
        self._id: int | None = None

    @property
    def id(self) -> int:
        if self._id is None:
            self._id = repo.add_origin(
                self.connection, self.source, datetime.now(), file=self.file, digest=self.digest
            )
        return self._id


def find_series(connection: Any, name: str) -> model.EventSeries:
    """The series a user means: an exact name (case-insensitive) or a unique part of one."""
    matches = repo.named(name, repo.load_series(connection))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(
            f"no event series matches {name!r}; add it first: "
            f"tiewise events add {name!r} --on DATE",
            key="error.no_series",
            values={"name": name},
        )
    listed = "; ".join(s.name for s in matches[:10])
    raise NotFoundError(
        f"{len(matches)} event series match {name!r}: {listed}",
        key="error.several_series",
        values={"count": len(matches), "name": name, "listed": listed},
    )


def ensure_series(connection: Any, name: str, **details: str | None) -> int:
    """The id of the series named ``name`` (any case), created with ``details`` when new."""
    for series in repo.load_series(connection):
        if series.name.casefold() == name.casefold():
            return int(series.id)  # type: ignore[arg-type]
    (series_id,) = repo.add_series(connection, [model.EventSeries(name, **details)])
    return series_id


def reconfirmed(connection: Any, names: Iterable[str]) -> list[str]:
    """Confirm again the rejected series among ``names`` and return their names: occurrences
    the user adds by hand (``events add``) are the user's word that the series is an event,
    which overrides an earlier rejection (else the added occurrences would stay hidden)."""
    wanted = {name.casefold() for name in names}
    again = []
    for series in repo.load_series(connection):
        if series.review == model.SeriesReview.REJECTED and series.name.casefold() in wanted:
            repo.review_series(connection, series.id, model.SeriesReview.CONFIRMED)  # type: ignore[arg-type]
            again.append(series.name)
    return again


def add_occurrences(
    connection: Any,
    rows: Sequence[tuple[str, datetime, datetime | None, str | None, int | None]],
    origin: LazyOrigin,
    details: dict[str, dict[str, str | None]],
) -> tuple[int, int]:
    """Add (name, start, end, location, line) occurrences not yet known, creating their series
    (with ``details[name]``) when new; returns (added, already known)."""
    known = repo.known_keys(connection, schema.event_occurrence)
    added = skipped = 0
    for name, start, end, location, line in rows:
        key = occurrence_key(name, start)
        if key in known:
            skipped += 1
            continue
        known.add(key)
        series_id = ensure_series(connection, name, **details.get(name, {}))
        repo.add_occurrences(
            connection,
            [
                model.EventOccurrence(
                    starts_at=start,
                    series_id=series_id,
                    name=name,
                    ends_at=end,
                    location=location,
                    external_key=key,
                    origin=model.Origin("events", line=line) if line else None,
                )
            ],
            origin.id,
        )
        added += 1
    return added, skipped


def occurrence_on(
    connection: Any, series: model.EventSeries, day: date, origin: LazyOrigin | None
) -> int:
    """The occurrence of ``series`` on ``day``; created at the start of the day when missing and
    an ``origin`` is given."""
    found = [
        o
        for o in repo.load_occurrences(connection)
        if o.series_id == series.id and o.starts_at.date() == day
    ]
    if len(found) == 1:
        return int(found[0].id)  # type: ignore[arg-type]
    if len(found) > 1:
        times = ", ".join(o.starts_at.strftime("%H:%M") for o in found)
        raise InputError(
            f"{series.name} has {len(found)} occurrences on {day} ({times})",
            key="error.several_occurrences",
            values={"series": series.name, "count": len(found), "day": str(day), "times": times},
        )
    if origin is None:
        raise NotFoundError(
            f"{series.name} has no occurrence on {day}",
            key="error.no_occurrence",
            values={"series": series.name, "day": str(day)},
        )
    start = datetime.combine(day, time())
    (occurrence_id,) = repo.add_occurrences(
        connection,
        [
            model.EventOccurrence(
                starts_at=start,
                series_id=series.id,
                name=series.name,
                external_key=occurrence_key(series.name, start),
            )
        ],
        origin.id,
    )
    return occurrence_id


def _first_meeting(connection: Any, contact_id: int, day: date) -> bool:
    """Meeting a contact on ``day`` is our first meeting when nothing shows earlier contact."""
    first = repo.first_contact_date(connection, contact_id)
    return first is None or first >= day


@dataclass(frozen=True)
class Logged:
    series: str
    day: date
    status: model.AttendanceStatus
    met: int
    first: int  # of whom met for the first time


def log_attendance(
    store: Store,
    series_name: str,
    day: date,
    status: model.AttendanceStatus,
    today: date,
    *,
    hours: float | None = None,
    cost: float | None = None,
    enjoyment: int | None = None,
    met: Sequence[int] = (),
    newcomers: Sequence[str] = (),
    where: Where = option,
) -> Logged:
    """My attendance of the series' occurrence on ``day`` (created when missing), with the
    people met there: ``met`` contact ids, and ``newcomers`` — names of new people, who become
    contacts met there for the first time (the same name logged again is the same person)."""
    if status == model.AttendanceStatus.ATTENDED and day > today:
        raise InputError(
            f"{where('on')}: expected a date on or before {today} for an attended event, "
            f"found {day}",
            key="error.attended_future",
            values={"option": where("on"), "today": str(today), "found": str(day)},
        )
    names = [name.strip() for name in newcomers if name.strip()]
    if status != model.AttendanceStatus.ATTENDED and (met or names):
        raise InputError(
            f"{where('met')}/{where('new')}: people are met only at an event you attended",
            key="error.met_unattended",
            values={"met": where("met"), "new": where("new")},
        )
    with store.begin() as connection:
        series = find_series(connection, series_name)
        origin = LazyOrigin(connection, "manual")
        occurrence_id = occurrence_on(connection, series, day, origin)
        repo.save_attendances(
            connection, [model.Attendance(occurrence_id, status, hours, cost, enjoyment)]
        )
        encounters = [
            model.Encounter(
                occurrence_id,
                contact_id,
                model.EncounterKind.MET,
                _first_meeting(connection, contact_id, day),
            )
            for contact_id in met
        ]
        met_here = {
            repo.load_contact(connection, e.contact_id).name.casefold(): e.contact_id
            for e in repo.load_encounters(connection)
            if e.occurrence_id == occurrence_id and e.kind == model.EncounterKind.MET
        }
        encounters += [  # logged before: the same person, not a namesake
            model.Encounter(occurrence_id, met_here[n.casefold()], model.EncounterKind.MET, True)
            for n in names
            if n.casefold() in met_here
        ]
        names = [n for n in names if n.casefold() not in met_here]
        if names:
            new_ids = repo.add_contacts(
                connection, [model.Contact(name=name) for name in names], origin.id
            )
            repo.save_ties(
                connection,
                [model.Tie(contact_id=i, met_how=series.name, met_on=day) for i in new_ids],
            )
            encounters += [
                model.Encounter(occurrence_id, i, model.EncounterKind.MET, True) for i in new_ids
            ]
        known = {(e.occurrence_id, e.contact_id, e.kind) for e in repo.load_encounters(connection)}
        repo.add_encounters(
            connection,
            [e for e in encounters if (e.occurrence_id, e.contact_id, e.kind) not in known],
        )
    return Logged(
        series.name, day, status, len(encounters), sum(1 for e in encounters if e.first_meeting)
    )


def record_outcome(
    store: Store,
    kind: model.OutcomeKind,
    day: date,
    *,
    value: float | None = None,
    event: str | None = None,
    event_on: date | None = None,
    contacts: Sequence[int] = (),
    goal: str | None = None,
    description: str | None = None,
    where: Where = option,
    today: date | None = None,
) -> int:
    """Record an outcome and return its id. With ``event`` it belongs to that series'
    occurrence on ``event_on`` (which I must have attended, on or before ``day``), or else to
    the last occurrence I attended on or before ``day``. An identical outcome is refused, and so
    is one dated after ``today`` (default: the real today): an outcome is what a network *has*
    yielded."""
    limit = today or date.today()
    if day > limit:
        raise InputError(
            f"{where('on')}: expected a date on or before today ({limit}), found {day}",
            field="on",
            key="error.future",
            values={"today": limit.isoformat(), "found": day.isoformat()},
        )
    with store.begin() as connection:
        occurrence_id = None
        if event is not None:
            series = find_series(connection, event)
            if event_on is not None:
                occurrence_id = occurrence_on(connection, series, event_on, None)
                if event_on > day:
                    raise InputError(
                        f"{where('event_on')}: expected a date on or before {where('on')} {day}, "
                        f"found {event_on}",
                        key="error.event_after_outcome",
                        values={
                            "option": where("event_on"),
                            "on": where("on"),
                            "day": str(day),
                            "found": str(event_on),
                        },
                    )
                if not _attended(connection, occurrence_id):
                    raise InputError(
                        f"{where('event_on')}: you did not attend {series.name} on {event_on}; "
                        "log it first: tiewise events log",
                        key="error.not_attended",
                        values={
                            "option": where("event_on"),
                            "series": series.name,
                            "day": str(event_on),
                        },
                    )
            else:
                occurrence_id = _last_attended(connection, series, day, where)
        elif event_on is not None:
            raise InputError(
                f"{where('event_on')}: give {where('event')} too",
                key="error.event_on_alone",
                values={"option": where("event_on"), "event": where("event")},
            )
        goal_id = None
        if goal is not None:
            goals = {g.key: g.id for g in repo.load_goals(connection)}
            if goal not in goals:
                raise NotFoundError(
                    f"{where('goal')}: no goal {goal!r}; yours: {', '.join(goals) or '—'}",
                    key="error.outcome_goal",
                    values={
                        "option": where("goal"),
                        "goal": goal,
                        "goals": ", ".join(goals) or "—",
                    },
                )
            goal_id = goals[goal]
        outcome = model.Outcome(
            kind=kind,
            occurred_on=day,
            value_eur=value,
            description=description,
            occurrence_id=occurrence_id,
            goal_id=goal_id,
            contact_ids=tuple(sorted(set(contacts))),
        )
        for earlier in repo.load_outcomes(connection):
            if _same_outcome(earlier, outcome):
                raise InputError(
                    f"this outcome is already recorded (outcome {earlier.id})",
                    key="error.outcome_recorded",
                    values={"id": str(earlier.id)},
                )
        (outcome_id,) = repo.add_outcomes(connection, [outcome])
    return outcome_id


def _same_outcome(a: model.Outcome, b: model.Outcome) -> bool:
    keys = ("kind", "occurred_on", "value_eur", "description", "occurrence_id", "goal_id")
    return all(getattr(a, k) == getattr(b, k) for k in keys) and set(a.contact_ids) == set(
        b.contact_ids
    )


def _attended(connection: Any, occurrence_id: int) -> bool:
    return any(
        a.occurrence_id == occurrence_id and a.status == model.AttendanceStatus.ATTENDED
        for a in repo.load_attendances(connection)
    )


def _last_attended(connection: Any, series: model.EventSeries, day: date, where: Where) -> int:
    attended = {
        a.occurrence_id
        for a in repo.load_attendances(connection)
        if a.status == model.AttendanceStatus.ATTENDED
    }
    candidates = [
        o
        for o in repo.load_occurrences(connection)
        if o.series_id == series.id and o.id in attended and o.starts_at.date() <= day
    ]
    if not candidates:
        raise NotFoundError(
            f"{where('event')}: you attended no occurrence of {series.name} on or before {day}; "
            "log it first: tiewise events log",
            key="error.no_attended_occurrence",
            values={"option": where("event"), "series": series.name, "day": str(day)},
        )
    return int(max(candidates, key=lambda o: o.starts_at).id)  # type: ignore[arg-type]
