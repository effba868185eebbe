"""``tiewise events series | confirm | reject``: the user's word on event series found in
calendars. The work is in ``tiewise/seriesreview.py`` (shared with the web app); this module
parses, calls and prints."""

from __future__ import annotations

from typing import Annotated

import typer

from tiewise import model
from tiewise.cli.base import JsonOption, _print_json, _state, console
from tiewise.cli.events import events_app

SeriesArgument = Annotated[
    str, typer.Argument(help="The series: its id or its exact name (see tiewise events series).")
]


@events_app.command("series")
def events_series(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Event series with the evidence that made them events, and your word on each."""
    from rich.table import Table

    from tiewise.seriesreview import describe_evidence, describe_review, series_rows

    state = _state(ctx)
    with state.store.connect() as connection:
        rows = series_rows(connection)
    if as_json:
        _print_json({"series": [row.as_json() for row in rows]})
        return
    if not rows:
        console.print(state.t("series.none"))
        return
    table = Table()
    for column in ("series.col.id", "col.series", "series.col.occurrences"):
        table.add_column(state.t(column), justify="right" if column != "col.series" else "left")
    table.add_column(state.t("series.col.evidence"))
    table.add_column(state.t("series.col.review"))
    for row in rows:
        table.add_row(
            str(row.series.id),
            row.series.name,
            str(row.occurrences),
            describe_evidence(row.evidence, state.language),
            describe_review(row.series, state.language),
        )
    console.print(table, highlight=False)
    console.print(state.t("series.hint"), highlight=False)


def _review(ctx: typer.Context, reference: str, verdict: model.SeriesReview) -> None:
    from tiewise.seriesreview import review, review_message

    state = _state(ctx)
    series = review(state.store, reference, verdict)
    console.print(review_message(series, state.language), highlight=False, markup=False)


@events_app.command("confirm")
def events_confirm(ctx: typer.Context, series: SeriesArgument) -> None:
    """Confirm that a series is a networking event (a re-import takes every entry by that
    name)."""
    _review(ctx, series, model.SeriesReview.CONFIRMED)


@events_app.command("reject")
def events_reject(ctx: typer.Context, series: SeriesArgument) -> None:
    """Reject a series: it is no networking event. It leaves event advice and a re-import
    does not bring it back (confirm undoes this)."""
    _review(ctx, series, model.SeriesReview.REJECTED)


@events_app.command("edit")
def events_edit(
    ctx: typer.Context,
    series: SeriesArgument,
    name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    organiser: Annotated[str | None, typer.Option(help="Who organises it ('' clears).")] = None,
    category: Annotated[
        str | None, typer.Option(help="borrel, meetup, congres, fair … ('' clears).")
    ] = None,
    location: Annotated[str | None, typer.Option(help="Where it is held ('' clears).")] = None,
) -> None:
    """Change a series' name, organiser, category or location (options not given stay as
    they are); its dates follow a new name. Add dates with: tiewise events add NAME --on."""
    from tiewise.serieslog import edit_series
    from tiewise.seriesreview import find_series

    state = _state(ctx)
    given = {"name": name, "organiser": organiser, "category": category, "location": location}
    with state.store.connect() as connection:
        found = find_series(connection, series)
    changed = edit_series(
        state.store,
        found.id,  # type: ignore[arg-type]
        {k: v for k, v in given.items() if v is not None},
    )
    console.print(state.t("series.updated", name=changed.name), highlight=False, markup=False)
