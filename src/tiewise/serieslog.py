"""Event series entered by hand — the write side of ``tiewise events add NAME`` and ``tiewise
events edit`` and of the events page's *Add an event series* and a series' own page (one rule,
one place). Recording a visit or an outcome is ``eventlog.py``; the user's word on a series a
calendar brought in is ``seriesreview.py``.

A series has a name (unique, whatever the case), and may have an organiser, a category
(``borrel``, ``meetup``, ``congres`` …) and a location; its occurrences are the dates it takes
place on. Adding dates that are known already changes nothing (the key ``event:<name>:<start>``);
adding a series that exists adds its new dates. Each function is one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tiewise import model
from tiewise.errors import InputError, NotFoundError
from tiewise.eventlog import (
    LazyOrigin,
    Where,
    add_occurrences,
    ensure_series,
    option,
    reconfirmed,
)
from tiewise.store import Store, editing
from tiewise.store import repository as repo

SERIES_FIELDS = ("name", "organiser", "category", "location")
MAX_DATES = 1000  # occurrences one repetition may add (twenty years of weekly drinks)
MAX_EVERY_DAYS = 3650


def parse_start(raw: str, where: Where = option) -> datetime:
    """When an occurrence starts: ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM`` (a browser's
    ``YYYY-MM-DDTHH:MM`` too)."""
    from tiewise.ingest.events_csv import parse_time

    try:
        return parse_time(raw)
    except ValueError as error:
        raise InputError(
            f"{where('on')}: expected a date or date-time such as 2026-12-03 17:00, found {raw!r}",
            field="on",
            key="error.expected_moment",
            values={"found": raw},
        ) from error


def repeat(
    starts: Sequence[datetime],
    every_days: int | None,
    until: date | None,
    where: Where = option,
) -> list[datetime]:
    """The starts given, and with ``every_days`` the first repeated every so many days up to
    ``until`` (both needed)."""
    starts = list(starts)
    if every_days is None:
        return starts
    if not starts or until is None:
        field = "on" if not starts else "until"
        raise InputError(
            f"{where('every_days')}: expected a first {where('on')} and an {where('until')} date",
            field=field,
            key="error.repeat",
        )
    if not 1 <= every_days <= MAX_EVERY_DAYS:
        raise InputError(
            f"{where('every_days')}: expected a number of days from 1 to {MAX_EVERY_DAYS}, "
            f"found {every_days}",
            field="every_days",
            key="error.number",
            values={"low": 1, "high": MAX_EVERY_DAYS, "found": every_days},
        )
    moment = starts[0] + timedelta(days=every_days)
    while moment.date() <= until:
        starts.append(moment)
        if len(starts) > MAX_DATES:
            raise InputError(
                f"{where('until')}: expected at most {MAX_DATES} dates, found more up to {until}",
                field="until",
                key="error.too_many_dates",
                values={"count": MAX_DATES},
            )
        moment += timedelta(days=every_days)
    return starts


@dataclass(frozen=True)
class SeriesAdded:
    series_id: int
    name: str
    added: int  # occurrences added
    skipped: int  # occurrences known already
    reconfirmed: bool = False  # a series rejected before, confirmed again by adding to it


def _details(fields: Mapping[str, str | None]) -> dict[str, str | None]:
    return {k: (str(v).strip() or None) if v is not None else None for k, v in fields.items()}


def _series_name(name: str | None, where: Where) -> str:
    text = (name or "").strip()
    if not text:
        raise InputError(
            f"{where('name')}: expected the name of an event series, found nothing",
            field="name",
            key="error.required",
            values={"field": "name"},
        )
    return text


def add_series(
    store: Store,
    name: str,
    starts: Sequence[datetime] = (),
    *,
    organiser: str | None = None,
    category: str | None = None,
    location: str | None = None,
    where: Where = option,
) -> SeriesAdded:
    """Add a series (when new, with its organiser, category and location) and the occurrences
    starting at ``starts`` that are not yet known. Adding to a series rejected before is the
    user's word that it is an event: it is confirmed again (``eventlog.reconfirmed``)."""
    name = _series_name(name, where)
    details = _details({"organiser": organiser, "category": category, "location": location})
    rows = [(name, start, None, details["location"], None) for start in starts]
    with store.begin() as connection:
        origin = LazyOrigin(connection, "manual")
        series_id = ensure_series(connection, name, **details)
        added, skipped = add_occurrences(connection, rows, origin, {name: details})
        again = reconfirmed(connection, [name])
        stored = next(s for s in repo.load_series(connection) if s.id == series_id)
    return SeriesAdded(series_id, stored.name, added, skipped, bool(again))


def find_series(connection: object, series_id: int) -> model.EventSeries:
    for series in repo.load_series(connection):  # type: ignore[arg-type]
        if series.id == series_id:
            return series
    raise NotFoundError(
        f"no event series {series_id}", key="error.no_series_id", values={"id": str(series_id)}
    )


def edit_series(
    store: Store, series_id: int, changes: Mapping[str, str | None], where: Where = option
) -> model.EventSeries:
    """Change a series' name, organiser, category or location (fields absent stay as they
    are; an empty one is cleared). A name another series has (any case) is refused. Returns
    the series as it now is."""
    unknown = set(changes) - set(SERIES_FIELDS)
    if unknown:
        raise ValueError(f"not a field of an event series: {', '.join(sorted(unknown))}")
    fields = _details(changes)
    if "name" in changes:
        fields["name"] = _series_name(changes["name"], where)
    with store.begin() as connection:
        series = find_series(connection, series_id)
        updated = replace(series, **fields)
        if updated.name.casefold() != series.name.casefold():
            for other in repo.load_series(connection):
                if other.id != series_id and other.name.casefold() == updated.name.casefold():
                    raise InputError(
                        f"{where('name')}: expected a name no other series has, found "
                        f"{updated.name!r} (series {other.id})",
                        field="name",
                        key="error.series_exists",
                        values={"name": updated.name},
                    )
        editing.update_series(connection, updated)
    return updated
