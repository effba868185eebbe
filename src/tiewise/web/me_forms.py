"""*Who you are* on the web — your name, e-mail addresses, phone numbers, profile URLs,
organisation, role, sector and region, which imports need to recognise you and never list you
as a contact (``tiewise me``). The form sits on the settings page and, as the first step of a
first run, on the dashboard; both write through ``tiewise.contactbook.save_me``.

A field the form does not send stays as it is (the dashboard's form asks for the name, e-mail
addresses and profile URLs only); the identifiers listed replace those shown.
"""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.routing import Route

from tiewise.contactbook import (
    IDENTIFIER_FIELDS,
    ME_FIELDS,
    check_name,
    identifier_changes,
    parse_identifiers,
)
from tiewise.i18n import text
from tiewise.store import repository as repo
from tiewise.web.contact_forms import lines
from tiewise.web.posting import Done, Form, form_routes, same_site
from tiewise.web.site import Site


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def me(request: Request, form: FormData, language: str) -> Done:
        from tiewise.contactbook import save_me

        changes = {name: str(form[name]) for name in ME_FIELDS if name in form}
        if "name" in changes:
            check_name(changes["name"], str)  # first, as the form asks it first
        with store.connect() as connection:
            shown = repo.load_me(connection).identifiers
        added, removed = [], []
        for kind, field in IDENTIFIER_FIELDS.items():
            if field in form:
                typed = parse_identifiers({kind: lines(form[field])}, str)
                more, less = identifier_changes(shown, typed, [kind])
                added += more
                removed += less
        saved = save_me(store, changes, added=added, removed=removed, where=str)
        target = same_site(str(form.get("back", "")), "/settings")
        return target, text("saved.me", language, name=saved.name or "—")

    forms: list[Form] = [
        ("/me", me, "settings", True),  # the settings page
        ("/start/me", me, "dashboard", True),  # the first step on the dashboard
    ]
    return form_routes(site, forms)
