"""Event series on the web: *Add an event series* on the events page, and a page per series
(``/events/series/{id}``) with its dates and visits, a form to change its name, organiser,
category and location, and one to add dates (one, or one repeated every so many days). The
writes are ``tiewise.serieslog``'s, as for ``tiewise events add`` and ``tiewise events edit``.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tiewise.errors import InputError, NotFoundError
from tiewise.i18n import plural, text
from tiewise.serieslog import SERIES_FIELDS, add_series, edit_series, parse_start, repeat
from tiewise.store import repository as repo
from tiewise.web.forms import number_field
from tiewise.web.posting import Done, Form, day_field, form_routes
from tiewise.web.site import Site
from tiewise.web.workspace import Views


def read_dates(form: FormData) -> list[Any]:
    """The starts a form gives: ``on`` (a date, or a date and time), repeated every
    ``every_days`` days up to ``until`` when those are filled in."""
    on = str(form.get("on", "")).strip()
    starts = [parse_start(on, str)] if on else []
    every = str(form.get("every_days", "")).strip()
    every_days = round(number_field(form, "every_days", 1, 3650)) if every else None
    until = day_field(form, "until", required=False)
    return repeat(starts, every_days, until, str)


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def series_page(request: Request) -> Response:
        series_id = int(request.path_params["series_id"])

        def context(views: Views) -> dict[str, Any]:
            with store.connect() as connection:
                found = [s for s in repo.load_series(connection) if s.id == series_id]
                if not found:
                    raise HTTPException(404, f"no event series {series_id}")
                occurrences = sorted(
                    (o for o in repo.load_occurrences(connection) if o.series_id == series_id),
                    key=lambda o: o.starts_at,
                    reverse=True,  # what comes and what was last, first
                )
                attended = {a.occurrence_id: a for a in repo.load_attendances(connection)}
            return dict(
                series=found[0],
                dates=[(o, attended.get(o.id)) for o in occurrences],
                today=views.profile.today,
            )

        return site.page(request, "series.html", context)

    def add(request: Request, form: FormData, language: str) -> Done:
        starts = read_dates(form)
        details = {k: str(form.get(k, "")) for k in ("organiser", "category", "location")}
        added = add_series(store, str(form.get("name", "")), starts, **details, where=str)
        return f"/events/series/{added.series_id}", plural(
            "saved.series_added",
            added.added,
            language,
            name=added.name,
            added=added.added,
            skipped=added.skipped,
        )

    def edit(request: Request, form: FormData, language: str) -> Done:
        series_id = int(request.path_params["series_id"])
        changes = {k: str(form[k]) for k in SERIES_FIELDS if k in form}
        series = edit_series(store, series_id, changes, where=str)
        return f"/events/series/{series_id}", text("saved.series", language, name=series.name)

    def dates(request: Request, form: FormData, language: str) -> Done:
        series_id = int(request.path_params["series_id"])
        with store.connect() as connection:
            found = [s for s in repo.load_series(connection) if s.id == series_id]
        if not found:
            raise NotFoundError(
                f"no event series {series_id}", key="error.no_series_id", values={"id": series_id}
            )
        starts = read_dates(form)
        if not starts:
            raise InputError(
                "on: expected a date, found nothing",
                field="on",
                key="error.required",
                values={"field": "on"},
            )
        added = add_series(store, found[0].name, starts, where=str)
        return f"/events/series/{series_id}", plural(
            "saved.series_added",
            added.added,
            language,
            name=added.name,
            added=added.added,
            skipped=added.skipped,
        )

    site.pages.update(series=series_page)
    series_path = "/events/series/{series_id:int}"
    forms: list[Form] = [
        ("/events/series/new", add, "events", False),
        (f"{series_path}/edit", edit, "series", False),
        (f"{series_path}/dates", dates, "series", False),
    ]
    return [Route(series_path, series_page), *form_routes(site, forms)]
