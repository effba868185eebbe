"""``tiewise events``: record series, occurrences, attendance and outcomes; report the return.

Writes go through the store in one transaction each; a failed command changes nothing, and
repeating ``add`` or ``log`` changes nothing (occurrences carry the key
``event:<name>:<start>``; attendance is replaced, encounters are kept once). The numbers come from
``advice/events.py``; this module only parses, writes and prints.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tiewise import model
from tiewise.cli import (
    JsonOption,
    Today,
    _parse_date,
    _print_json,
    _profile,
    _state,
    app,
    console,
    find_contact,
)
from tiewise.errors import InputError, NotFoundError
from tiewise.ingest.events_csv import occurrence_key, parse_time
from tiewise.store import repository as repo
from tiewise.store import schema

events_app = typer.Typer(
    help="Event series, attendance and outcomes: what each event yields, and when to stay home.",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")

Threshold = Annotated[
    float | None,
    typer.Option(min=0.0, help="Euros per hour an event must yield (default: setting or median)."),
]


class _Origin:
    """The origin row of this command's facts, created only once something is written from it
    (so that repeating a command leaves the database exactly as it was)."""

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


def _parse_moment(value: str, option: str) -> datetime:
    try:
        return parse_time(value)
    except ValueError as error:
        raise InputError(
            f"{option}: expected a date or date-time such as 2026-12-03 17:00, found {value!r}"
        ) from error


def _find_series(connection: Any, name: str) -> model.EventSeries:
    """The series a user means: an exact name (case-insensitive) or a unique part of one."""
    everything = repo.load_series(connection)
    wanted = name.casefold().strip()
    exact = [s for s in everything if s.name.casefold() == wanted]
    matches = exact or [s for s in everything if wanted in s.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(
            f"no event series matches {name!r}; add it first: tiewise events add {name!r} --on DATE"
        )
    listed = "; ".join(s.name for s in matches[:10])
    raise NotFoundError(f"{len(matches)} event series match {name!r}: {listed}")


def _ensure_series(connection: Any, name: str, **details: str | None) -> int:
    for series in repo.load_series(connection):
        if series.name.casefold() == name.casefold():
            return int(series.id)  # type: ignore[arg-type]
    (series_id,) = repo.add_series(connection, [model.EventSeries(name, **details)])
    return series_id


def _add_occurrences(
    connection: Any,
    rows: list[tuple[str, datetime, datetime | None, str | None, int | None]],
    origin: _Origin,
    details: dict[str, dict[str, str | None]],
) -> tuple[int, int]:
    """Add (name, start, end, location, line) occurrences not yet known; (added, known)."""
    known = repo.known_keys(connection, schema.event_occurrence)
    added = skipped = 0
    for name, start, end, location, line in rows:
        key = occurrence_key(name, start)
        if key in known:
            skipped += 1
            continue
        known.add(key)
        series_id = _ensure_series(connection, name, **details.get(name, {}))
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


@events_app.command("add")
def events_add(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Name of the event series.")] = None,
    on: Annotated[
        list[str] | None,
        typer.Option(help="When an occurrence starts: YYYY-MM-DD[ HH:MM] (repeatable)."),
    ] = None,
    every_days: Annotated[
        int | None, typer.Option(min=1, help="Repeat the first --on every N days …")
    ] = None,
    until: Annotated[str | None, typer.Option(help="… up to this date (YYYY-MM-DD).")] = None,
    organiser: Annotated[str | None, typer.Option(help="Who organises it.")] = None,
    category: Annotated[str | None, typer.Option(help="borrel, meetup, congres, fair …")] = None,
    location: Annotated[str | None, typer.Option(help="Where it is held.")] = None,
    csv_file: Annotated[
        Path | None,
        typer.Option("--csv", help="A CSV of events: name, starts_at[, ends_at, location, …]."),
    ] = None,
) -> None:
    """Add an event series and its occurrences, by hand or from a CSV of events.
    Calendar exports bring networking events in too: tiewise import ics FILE."""
    state = _state(ctx)
    details: dict[str, dict[str, str | None]] = {}
    if csv_file is not None:
        if name or on:
            raise InputError("--csv: give either a CSV file or a NAME with --on, not both")
        from tiewise.ingest.events_csv import parse_events_csv

        try:
            data = csv_file.read_bytes()
        except OSError as error:
            raise InputError(f"{csv_file}: cannot be read ({error.strerror})") from error
        parsed = parse_events_csv(data, str(csv_file))
        rows = [(r.name, r.starts_at, r.ends_at, r.location, r.line) for r in parsed]
        for r in parsed:
            details.setdefault(r.name, {"organiser": r.organiser, "category": r.category})
        source, file, digest = "events-csv", str(csv_file), hashlib.sha256(data).hexdigest()
    else:
        if not name or not name.strip():
            raise InputError("NAME: expected the name of an event series (or --csv FILE)")
        name = name.strip()
        starts = [_parse_moment(value, "--on") for value in on or ()]
        if every_days is not None:
            if not starts or until is None:
                raise InputError("--every-days: expected a first --on and an --until date")
            last = _parse_date(until, "--until")
            moment = starts[0] + timedelta(days=every_days)
            while moment.date() <= last:  # type: ignore[operator]
                starts.append(moment)
                moment += timedelta(days=every_days)
        rows = [(name, start, None, location, None) for start in starts]
        details[name] = {"organiser": organiser, "category": category, "location": location}
        source, file, digest = "manual", None, None
    with state.store.begin() as connection:
        origin = _Origin(connection, source, file, digest)
        if not rows and name:
            _ensure_series(connection, name, **details[name])
        added, skipped = _add_occurrences(connection, rows, origin, details)
    console.print(state.t("events.added", added=added, skipped=skipped))


def _occurrence_on(
    connection: Any, series: model.EventSeries, day: date, origin: _Origin | None
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
        raise InputError(f"{series.name} has {len(found)} occurrences on {day} ({times})")
    if origin is None:
        raise NotFoundError(f"{series.name} has no occurrence on {day}")
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


def _first_meeting(connection: Any, contact: model.Contact, day: date) -> bool:
    """Meeting ``contact`` on ``day`` is our first meeting when nothing shows earlier contact."""
    first = repo.first_contact_date(connection, int(contact.id))  # type: ignore[arg-type]
    return first is None or first >= day


@events_app.command("log")
def events_log(
    ctx: typer.Context,
    series_name: Annotated[str, typer.Argument(metavar="SERIES", help="The event series.")],
    on: Annotated[str, typer.Option(help="The date of the occurrence (YYYY-MM-DD).")],
    status: Annotated[
        model.AttendanceStatus, typer.Option(help="attended, skipped or planned.")
    ] = model.AttendanceStatus.ATTENDED,
    hours: Annotated[
        float | None, typer.Option(min=0.0, help="Hours spent, travel included.")
    ] = None,
    cost: Annotated[float | None, typer.Option(min=0.0, help="What it cost, in euros.")] = None,
    enjoyment: Annotated[
        int | None, typer.Option(min=1, max=5, help="1 (dull) … 5 (great).")
    ] = None,
    met: Annotated[
        list[str] | None, typer.Option(help="Someone you met there: name or id (repeatable).")
    ] = None,
    new: Annotated[
        list[str] | None, typer.Option(help="Someone new you met: their name (repeatable).")
    ] = None,
    today: Today = None,
) -> None:
    """Log my attendance of one occurrence: hours, cost, enjoyment, the people I met."""
    state = _state(ctx)
    day = _parse_date(on, "--on")
    as_of = _parse_date(today, "--today") or date.today()
    if status == model.AttendanceStatus.ATTENDED and day > as_of:  # type: ignore[operator]
        raise InputError(
            f"--on: expected a date on or before {as_of} for an attended event, found {day}"
        )
    if status != model.AttendanceStatus.ATTENDED and (met or new):
        raise InputError("--met/--new: people are met only at an event you attended")
    people = [find_contact(state, name) for name in met or ()]
    newcomers = [name.strip() for name in new or () if name.strip()]
    with state.store.begin() as connection:
        series = _find_series(connection, series_name)
        origin = _Origin(connection, "manual")
        occurrence_id = _occurrence_on(connection, series, day, origin)  # type: ignore[arg-type]
        repo.save_attendances(
            connection, [model.Attendance(occurrence_id, status, hours, cost, enjoyment)]
        )
        encounters = [
            model.Encounter(
                occurrence_id,
                int(person.id),  # type: ignore[arg-type]
                model.EncounterKind.MET,
                _first_meeting(connection, person, day),  # type: ignore[arg-type]
            )
            for person in people
        ]
        met_here = {
            repo.load_contact(connection, e.contact_id).name.casefold(): e.contact_id
            for e in repo.load_encounters(connection)
            if e.occurrence_id == occurrence_id and e.kind == model.EncounterKind.MET
        }
        encounters += [  # logged before: the same person, not a namesake
            model.Encounter(occurrence_id, met_here[n.casefold()], model.EncounterKind.MET, True)
            for n in newcomers
            if n.casefold() in met_here
        ]
        newcomers = [n for n in newcomers if n.casefold() not in met_here]
        if newcomers:
            new_ids = repo.add_contacts(
                connection, [model.Contact(name=name) for name in newcomers], origin.id
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
    console.print(
        state.t(
            "events.logged",
            series=series.name,
            day=day.isoformat(),  # type: ignore[union-attr]
            status=state.t(f"status.{status.value}"),
            met=len(encounters),
            first=sum(1 for e in encounters if e.first_meeting),
        )
    )


@events_app.command("outcome")
def events_outcome(
    ctx: typer.Context,
    kind: Annotated[model.OutcomeKind, typer.Argument(help="What it yielded.")],
    on: Annotated[str, typer.Option(help="When it came (YYYY-MM-DD).")],
    value: Annotated[float | None, typer.Option(min=0.0, help="Its value in euros.")] = None,
    event: Annotated[
        str | None, typer.Option(help="The event series it came from, if directly.")
    ] = None,
    event_on: Annotated[
        str | None,
        typer.Option(help="The occurrence's date (default: the last one attended before --on)."),
    ] = None,
    contact: Annotated[
        list[str] | None, typer.Option(help="Who it came through: name or id (repeatable).")
    ] = None,
    goal: Annotated[str | None, typer.Option(help="The goal it serves (its key).")] = None,
    description: Annotated[str | None, typer.Option(help="A few words on it.")] = None,
) -> None:
    """Record what networking yielded: a client, a lead, advice, fun …"""
    state = _state(ctx)
    day = _parse_date(on, "--on")
    people = [find_contact(state, name) for name in contact or ()]
    with state.store.begin() as connection:
        occurrence_id = None
        if event is not None:
            series = _find_series(connection, event)
            if event_on is not None:
                held = _parse_date(event_on, "--event-on")
                occurrence_id = _occurrence_on(connection, series, held, None)  # type: ignore[arg-type]
                if held > day:  # type: ignore[operator]
                    raise InputError(
                        f"--event-on: expected a date on or before --on {day}, found {held}"
                    )
                if not _attended(connection, occurrence_id):
                    raise InputError(
                        f"--event-on: you did not attend {series.name} on {held}; "
                        "log it first: tiewise events log"
                    )
            else:
                occurrence_id = _last_attended(connection, series, day)  # type: ignore[arg-type]
        elif event_on is not None:
            raise InputError("--event-on: give --event too")
        goal_id = None
        if goal is not None:
            goals = {g.key: g.id for g in repo.load_goals(connection)}
            if goal not in goals:
                raise NotFoundError(f"--goal: no goal {goal!r}; yours: {', '.join(goals) or '—'}")
            goal_id = goals[goal]
        outcome = model.Outcome(
            kind=kind,
            occurred_on=day,  # type: ignore[arg-type]
            value_eur=value,
            description=description,
            occurrence_id=occurrence_id,
            goal_id=goal_id,
            contact_ids=tuple(sorted({int(p.id) for p in people})),  # type: ignore[arg-type]
        )
        for earlier in repo.load_outcomes(connection):
            if _same_outcome(earlier, outcome):
                raise InputError(f"this outcome is already recorded (outcome {earlier.id})")
        (outcome_id,) = repo.add_outcomes(connection, [outcome])
    console.print(state.t("events.outcome_added", kind=kind.value, id=outcome_id))


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


def _last_attended(connection: Any, series: model.EventSeries, day: date) -> int:
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
            f"--event: you attended no occurrence of {series.name} on or before {day}; "
            "log it first: tiewise events log"
        )
    return int(max(candidates, key=lambda o: o.starts_at).id)  # type: ignore[arg-type]


@events_app.command("list")
def events_list(ctx: typer.Context, as_json: JsonOption = False, today: Today = None) -> None:
    """Event series with their occurrences, my visits, the last visit and the next date."""
    from tiewise.analysis.attendance import event_ledgers
    from tiewise.cli import _snapshot

    state = _state(ctx)
    as_of = _parse_date(today, "--today") or date.today()
    rows = []
    for ledger in event_ledgers(_snapshot(state), as_of):
        upcoming = [o.starts_at for o in ledger.occurrences if o.starts_at.date() > as_of]
        rows.append(
            {
                "series_id": ledger.series.id,
                "name": ledger.name,
                "organiser": ledger.series.organiser,
                "category": ledger.series.category,
                "occurrences": len(ledger.occurrences),
                "visits": len(ledger.visits),
                "last_visit": ledger.visits[-1].on.isoformat() if ledger.visits else None,
                "next": min(upcoming).isoformat() if upcoming else None,
            }
        )
    if as_json:
        _print_json({"series": rows})
        return
    table = Table()
    for column in (
        "col.series",
        "col.organiser",
        "col.occurrences",
        "col.visits",
        "col.last_visit",
        "col.next",
    ):
        table.add_column(state.t(column))
    for row in rows:
        table.add_row(
            row["name"],
            row["organiser"] or "—",
            str(row["occurrences"]),
            str(row["visits"]),
            row["last_visit"] or "—",
            (row["next"] or "—")[:16].replace("T", " "),
        )
    console.print(table)


@events_app.command("report")
def events_report_command(
    ctx: typer.Context,
    threshold: Threshold = None,
    charts: Annotated[
        Path | None, typer.Option(help="Write the charts (SVG and PNG) into this folder.")
    ] = None,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Return per series with 90 % intervals, verdicts (keep, skip, habitual low yield, try
    once, fun) and the hours staying home saved in the last 12 months."""
    from tiewise.advice.events import events_report, report_to_json
    from tiewise.report.events import render_charts, render_series

    state = _state(ctx)
    report = events_report(_profile(state, today), threshold)
    paths = []
    if charts is not None:
        from tiewise.report.charts import write_charts

        paths = write_charts(report, charts, state.language)
    if as_json:
        _print_json({**report_to_json(report, state.language), "charts": [str(p) for p in paths]})
        return
    render_series(report, state.language, console)
    render_charts(paths, state.language, console)


@events_app.command("upcoming")
def events_upcoming(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(min=1, help="How many days ahead.")] = 60,
    threshold: Threshold = None,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Upcoming occurrences: attend, skip or try once, with the expected value per hour and the
    novelty of the expected crowd."""
    from tiewise.advice.events import events_report, upcoming_advice, upcoming_to_json
    from tiewise.report.events import render_upcoming

    state = _state(ctx)
    profile = _profile(state, today)
    report = events_report(profile, threshold)
    advice = upcoming_advice(profile, report, days)
    if as_json:
        _print_json(upcoming_to_json(advice, report, state.language))
        return
    render_upcoming(advice, state.language, console, shown=len(advice))


@events_app.command("values")
def events_values(
    ctx: typer.Context,
    assignments: Annotated[
        list[str] | None,
        typer.Argument(metavar="[KIND=EUROS]...", help="A value per outcome kind, e.g. lead=400."),
    ] = None,
    threshold: Annotated[
        str | None,
        typer.Option(help="Euros per hour an event must yield, or 'median' for your own median."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show or set the euro value of outcomes recorded without one, and the threshold."""
    from tiewise.advice.events import DEFAULT_VALUES, THRESHOLD_SETTING, VALUE_SETTING

    state = _state(ctx)
    updates: dict[str, str] = {}
    for assignment in assignments or ():
        kind, _, amount = assignment.partition("=")
        if kind.strip() not in {k.value for k in model.OutcomeKind}:
            raise InputError(
                f"KIND: expected one of {', '.join(k.value for k in model.OutcomeKind)}, "
                f"found {kind.strip()!r}"
            )
        updates[VALUE_SETTING + kind.strip()] = str(_euros(amount, kind.strip()))
    clear_threshold = threshold is not None and threshold.strip().casefold() == "median"
    if threshold is not None and not clear_threshold:
        updates[THRESHOLD_SETTING] = str(_euros(threshold, "--threshold"))
    with state.store.begin() as connection:
        for key, setting in updates.items():
            repo.set_setting(connection, key, setting)
        if clear_threshold:
            repo.delete_setting(connection, THRESHOLD_SETTING)
        settings = dict(repo.load_settings(connection))
    values = {
        kind.value: float(settings.get(VALUE_SETTING + kind.value, DEFAULT_VALUES[kind.value]))
        for kind in model.OutcomeKind
    }
    chosen = settings.get(THRESHOLD_SETTING)
    if as_json:
        _print_json({"values": values, "threshold": None if chosen is None else float(chosen)})
        return
    for kind, amount in values.items():
        console.print(f"{kind:>13}  € {amount:,.0f}")
    console.print(
        state.t("events.threshold_is", threshold=float(chosen))
        if chosen is not None
        else state.t("events.threshold_median")
    )


def _euros(amount: str, where: str) -> float:
    try:
        value = float(amount.strip().replace(",", "."))
    except ValueError as error:
        raise InputError(
            f"{where}: expected an amount in euros, found {amount.strip()!r}"
        ) from error
    if not math.isfinite(value) or value < 0:
        raise InputError(f"{where}: expected an amount of 0 or more, found {amount.strip()!r}")
    return value
