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
