"""``tiewise log`` and ``tiewise interactions``: record contact with people, list it, remove a
wrong entry. The write side is ``tiewise/contactlog.py``, shared with the web app."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from tiewise import model
from tiewise.cli.base import JsonOption, _print_json, _state, app, console, find_contact
from tiewise.display import day
from tiewise.errors import InputError
from tiewise.model import LOG_KINDS

KindOption = Annotated[
    str, typer.Option("--kind", help=f"What it was: {', '.join(k.value for k in LOG_KINDS)}.")
]
OnOption = Annotated[
    str | None,
    typer.Option("--on", help="When (YYYY-MM-DD or 'YYYY-MM-DD HH:MM'); default: now."),
]
MinutesOption = Annotated[str | None, typer.Option("--minutes", help="How long, in minutes.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="A few words on what it was.")]


def _direction(raw: str | None) -> model.Direction | None:
    if raw is None:
        return None
    for direction in model.Direction:
        if direction.value == raw.strip().casefold():
            return direction
    raise InputError(
        f"--direction: expected inbound, outbound or mutual, found {raw!r}",
        field="direction",
        key="error.direction",
        values={"found": raw},
    )


def record(
    ctx: typer.Context,
    people: list[str],
    kind: str,
    on: str | None,
    minutes: str | None,
    note: str | None,
    direction: model.Direction | None = None,
) -> None:
    """Log one activity with ``people`` and say so (``log`` and ``plan done``)."""
    from tiewise.contactlog import (
        log_contact,
        parse_kind,
        parse_minutes,
        parse_moment,
        resolve_people,
    )

    state = _state(ctx)
    logged_kind = parse_kind(kind)
    moment = parse_moment(on, datetime.now())
    length = parse_minutes(minutes)
    with state.store.connect() as connection:
        ids = resolve_people(connection, people)
    logged = log_contact(
        state.store,
        ids,
        logged_kind,
        moment,
        minutes=length,
        note=note,
        direction=direction,
    )
    console.print(
        state.t(
            "log.done",
            kind=state.t(f"kind.{logged.kind.value}"),
            names=", ".join(logged.names),
            day=day(logged.occurred_at.date(), state.language),
            id=logged.interaction_id,
        ),
        markup=False,
    )


@app.command()
def log(
    ctx: typer.Context,
    people: Annotated[
        list[str], typer.Argument(metavar="PERSON...", help="Names, parts of names, or ids.")
    ],
    kind: KindOption = "meeting",
    on: OnOption = None,
    minutes: MinutesOption = None,
    note: NoteOption = None,
    direction: Annotated[
        str | None,
        typer.Option(
            help="inbound (they reached out), outbound (I did) or mutual; default: mutual, "
            "outbound for a message or e-mail."
        ),
    ] = None,
) -> None:
    """Record contact: a meeting, call, coffee … with one or more people (one record with each
    of them). It counts for tie strength and resets the keep-in-touch cadence."""
    record(ctx, people, kind, on, minutes, note, _direction(direction))


@app.command()
def interactions(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    remove: Annotated[
        int | None, typer.Option(help="Remove this interaction (its id) — a wrong entry.")
    ] = None,
    limit: Annotated[int, typer.Option(min=0, help="Show at most this many (0: all).")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Every contact moment with a person, newest first, with where it came from."""
    from rich.table import Table

    from tiewise.contactlog import interactions_of, remove_interaction, removed_message

    state = _state(ctx)
    contact = find_contact(state, name)
    if remove is not None:
        row = remove_interaction(state.store, contact, remove)
        if as_json:
            _print_json({"removed": _json_row(row), "others_kept": row["others_kept"]})
            return
        console.print(removed_message(row, contact.name, state.language), markup=False)
        return
    rows = interactions_of(state.store, contact)
    shown = rows[:limit] if limit else rows
    if as_json:
        _print_json([_json_row(r) for r in shown])
        return
    if not rows:
        console.print(state.t("log.none", name=contact.name), markup=False)
        return
    table = Table(
        title=state.t("log.title", name=contact.name, count=len(rows)), title_justify="left"
    )
    for column in ("id", "col.when", "col.kind", "col.with", "col.source", "col.note"):
        table.add_column("id" if column == "id" else state.t(column))
    for r in shown:
        where = r["source"] + (f" {r['file']}" if r["file"] else "")
        where += f":{r['line']}" if r["line"] else ""
        table.add_row(
            str(r["id"]),
            day(r["occurred_at"], state.language),
            state.t(f"kind.{r['kind']}"),
            ", ".join(n for n in r["with"] if n != contact.name) or "—",
            where,
            r["subject"] or "",
        )
    console.print(table)


def _json_row(row: dict) -> dict:
    return {
        "id": row["id"],
        "occurred_at": row["occurred_at"].isoformat(),
        "kind": row["kind"],
        "direction": row["direction"],
        "minutes": row["minutes"],
        "note": row["subject"],
        "with": row["with"],
        "source": row["source"],
        "file": row["file"],
        "line": row["line"],
        "removable": row["removable"],
    }
