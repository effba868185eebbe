"""``tiewise events``: record series, occurrences, attendance and outcomes; report the return.

Writes go through ``tiewise/eventlog.py`` (one transaction each, repeatable without change),
shared with the web app; the numbers come from ``advice/events.py``. This module only parses
options, calls them and prints.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tiewise import model
from tiewise.cli.base import (
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
from tiewise.display import Figure, day, money, number
from tiewise.errors import InputError, not_one_of

events_app = typer.Typer(
    help="Event series, attendance and outcomes: what each event yields, and when to stay home.",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")

Threshold = Annotated[
    float | None,
    typer.Option(
        help="Euros per hour an event must yield, 0 or more (default: your setting, else your "
        "own median, else €25)."
    ),
]


def _threshold(value: float | None) -> float | None:
    """The ``--threshold`` option checked: below zero → an error naming the option."""
    from tiewise.advice.event_verdicts import checked_threshold

    return None if value is None else checked_threshold(value, "--threshold")


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
    from tiewise.eventlog import LazyOrigin, add_occurrences, reconfirmed

    state = _state(ctx)
    details: dict[str, dict[str, str | None]] = {}
    if csv_file is not None:
        if name or on:
            raise InputError(
                "--csv: give either a CSV file or a NAME with --on, not both",
                field="csv",
                key="error.csv_or_name",
            )
        from tiewise.ingest.events_csv import parse_events_csv

        try:
            data = csv_file.read_bytes()
        except OSError as error:
            raise InputError(
                f"{csv_file}: cannot be read ({error.strerror})",
                key="error.unreadable",
                values={"file": str(csv_file), "reason": error.strerror},
            ) from error
        parsed = parse_events_csv(data, str(csv_file))
        rows = [(r.name, r.starts_at, r.ends_at, r.location, r.line) for r in parsed]
        for r in parsed:
            details.setdefault(r.name, {"organiser": r.organiser, "category": r.category})
        source, file, digest = "events-csv", str(csv_file), hashlib.sha256(data).hexdigest()
        with state.store.begin() as connection:
            origin = LazyOrigin(connection, source, file, digest)
            added, skipped = add_occurrences(connection, rows, origin, details)
            again = reconfirmed(connection, details)
    else:  # by hand: the write side is tiewise.serieslog, shared with the events page
        from tiewise.serieslog import add_series, parse_start, repeat

        if not name or not name.strip():
            raise InputError(
                "NAME: expected the name of an event series (or --csv FILE)",
                field="name",
                key="error.series_name",
            )
        starts = [parse_start(value) for value in on or ()]
        starts = repeat(starts, every_days, _parse_date(until, "--until"))
        result = add_series(
            state.store,
            name,
            starts,
            organiser=organiser,
            category=category,
            location=location,
        )
        added, skipped = result.added, result.skipped
        again = [result.name] if result.reconfirmed else []
    for series_name in again:
        console.print(state.t("events.reconfirmed", name=series_name))
    console.print(state.p("events.added", added, added=added, skipped=skipped))


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
    from tiewise.eventlog import log_attendance

    state = _state(ctx)
    people = [find_contact(state, name) for name in met or ()]
    logged = log_attendance(
        state.store,
        series_name,
        _parse_date(on, "--on"),  # type: ignore[arg-type]
        status,
        _parse_date(today, "--today") or date.today(),
        hours=hours,
        cost=cost,
        enjoyment=enjoyment,
        met=[int(p.id) for p in people],  # type: ignore[arg-type]
        newcomers=new or (),
    )
    console.print(
        state.p(
            "events.logged",
            logged.met,
            series=logged.series,
            day=day(logged.day, state.language),
            status=state.t(f"status.{logged.status.value}"),
            met=logged.met,
            first=logged.first,
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
    today: Today = None,
) -> None:
    """Record what networking yielded: a client, a lead, advice, fun … (not in the future)."""
    from tiewise.eventlog import record_outcome

    state = _state(ctx)
    people = [find_contact(state, name) for name in contact or ()]
    outcome_id = record_outcome(
        state.store,
        kind,
        _parse_date(on, "--on"),  # type: ignore[arg-type]
        value=value,
        event=event,
        event_on=_parse_date(event_on, "--event-on"),
        contacts=[int(p.id) for p in people],  # type: ignore[arg-type]
        goal=goal,
        description=description,
        today=_parse_date(today, "--today"),
    )
    console.print(state.t("events.outcome_added", kind=kind.value, id=outcome_id))


@events_app.command("list")
def events_list(ctx: typer.Context, as_json: JsonOption = False, today: Today = None) -> None:
    """Event series with their occurrences, my visits, the last visit and the next date."""
    from rich.table import Table

    from tiewise.analysis.attendance import event_ledgers
    from tiewise.cli.base import _snapshot

    state = _state(ctx)
    as_of = _parse_date(today, "--today") or date.today()
    rows, moments = [], []  # the JSON's ISO dates; the dates themselves, for the table
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
        moments.append(
            (ledger.visits[-1].on if ledger.visits else None, min(upcoming, default=None))
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
    for row, (last_visit, upcoming_day) in zip(rows, moments, strict=True):
        table.add_row(
            row["name"],
            row["organiser"] or "—",
            number(row["occurrences"], 0, state.language),
            number(row["visits"], 0, state.language),
            day(last_visit, state.language),
            day(upcoming_day, state.language),
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
    report = events_report(_profile(state, today), _threshold(threshold))
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
    report = events_report(profile, _threshold(threshold))
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
    from tiewise.store import repository as repo

    state = _state(ctx)
    updates: dict[str, str] = {}
    for assignment in assignments or ():
        kind, _, amount = assignment.partition("=")
        if kind.strip() not in {k.value for k in model.OutcomeKind}:
            raise not_one_of("kind", [k.value for k in model.OutcomeKind], kind.strip(), "KIND")
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
        console.print(f"{kind:>13}  {money(amount, state.language)}")
    console.print(
        state.t("events.threshold_is", threshold=Figure(float(chosen), state.language))
        if chosen is not None
        else state.t("events.threshold_median")
    )


def _euros(amount: str, where: str) -> float:
    try:
        value = float(amount.strip().replace(",", "."))
    except ValueError as error:
        raise InputError(
            f"{where}: expected an amount in euros, found {amount.strip()!r}",
            key="error.euros",
            values={"option": where, "found": amount.strip()},
        ) from error
    if not math.isfinite(value) or value < 0:
        raise InputError(
            f"{where}: expected an amount of 0 or more, found {amount.strip()!r}",
            key="error.euros_negative",
            values={"option": where, "found": amount.strip()},
        )
    return value
