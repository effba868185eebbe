"""Adding and editing a contact on the web: the *New contact* page and a contact's *Edit
details* page, both one form (``templates/contact_form.html``) over every field the command line
writes — name, given and family name, organisation, role, sector, region, birthday, e-mail
addresses, phone numbers, profile URLs, tags, and the tie: closeness, status, contexts, how and
when you met, the keep-in-touch cadence. The writes are ``tiewise.contactbook``'s, as for ``tiewise
contact add|edit``.

A field the form does not send stays as it is (the short edit form on a contact's page sends
five); a field sent empty is cleared. The identifiers listed replace those shown.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tiewise import model
from tiewise.contactbook import (
    IDENTIFIER_FIELDS,
    MAX_CADENCE,
    add_contact,
    check_name,
    edit_contact,
    find_person,
    identifier_changes,
    parse_birthday,
    parse_identifiers,
)
from tiewise.errors import not_one_of
from tiewise.i18n import text
from tiewise.store.tags import tags_of
from tiewise.web import posting
from tiewise.web.forms import number_field
from tiewise.web.posting import Done, Form, day_field, form_routes
from tiewise.web.site import Site
from tiewise.web.workspace import Views

#: The descriptive text fields, as the form names them (and the model).
TEXT_FIELDS = ("given_name", "family_name", "organisation", "role", "sector", "region")


def lines(raw: object) -> list[str]:
    """The values of a list field: one per line, or separated by commas or semicolons."""
    text_value = str(raw or "").replace(";", "\n").replace(",", "\n")
    return [part.strip() for part in text_value.splitlines() if part.strip()]


def read_contact_form(
    form: FormData, today: Any
) -> tuple[dict[str, Any], dict[str, Any], dict[model.IdentifierKind, list[str]]]:
    """What a contact form sent: the contact's fields, the tie's fields and the identifiers
    typed per kind — each only when the form has the field (the tags: :func:`read_tags`)."""
    changes: dict[str, Any] = {}
    if "name" in form:
        changes["name"] = check_name(form["name"], str)  # first, as the form asks it first
    for name in TEXT_FIELDS:
        if name in form:
            changes[name] = str(form[name])
    if "birthday" in form:
        changes["birthday"] = parse_birthday(str(form["birthday"]), str, today)
    tie: dict[str, Any] = {}
    if "closeness" in form:
        rated = str(form["closeness"]).strip()
        tie["closeness"] = int(number_field(form, "closeness", 1, 5)) if rated else None
    if "status" in form:
        chosen = str(form["status"])
        if chosen not in {s.value for s in model.TieStatus}:
            raise not_one_of("status", [s.value for s in model.TieStatus], chosen)
        tie["status"] = model.TieStatus(chosen)
    if "contexts" in form:
        tie["contexts"] = [str(form["contexts"])]
    if "met_how" in form:
        tie["met_how"] = str(form["met_how"])
    if "met_on" in form:
        tie["met_on"] = day_field(form, "met_on", required=False)
    if "cadence_days" in form:
        given = str(form["cadence_days"]).strip()
        tie["cadence_days"] = (
            round(number_field(form, "cadence_days", 1, MAX_CADENCE)) if given else None
        )
    typed = {kind: lines(form[field]) for kind, field in IDENTIFIER_FIELDS.items() if field in form}
    return changes, tie, typed


def read_tags(form: FormData) -> list[str] | None:
    """The tags a form lists (comma-separated), or None when it has no tags field."""
    return lines(form["tags"]) if "tags" in form else None


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def statuses(language: str) -> list[tuple[str, str]]:
        order = (model.TieStatus.ACTIVE, model.TieStatus.KEEP, model.TieStatus.LET_GO)
        return [(s.value, text(f"form.status.{s.value}", language)) for s in order]

    # --- pages

    def new_page(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            return dict(
                fid="contact-new",
                action="/contacts/new",
                contact=None,
                tie=None,
                contact_id=None,
                statuses=statuses(site.language_of(request)),
                today=views.profile.today.isoformat(),
            )

        return site.page(request, "contact_form.html", context)

    def edit_page(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            snapshot = views.profile.snapshot
            position = snapshot.position_of(int(request.path_params["contact_id"]))
            if position is None:
                raise HTTPException(404, f"no contact {request.path_params['contact_id']}")
            contact_id = int(snapshot.contact_ids[position])
            return dict(
                fid="edit",
                action=f"/contacts/{contact_id}/edit",
                contact=snapshot.contacts[position],
                tie=snapshot.ties[position],
                contact_id=contact_id,
                statuses=statuses(site.language_of(request)),
                today=views.profile.today.isoformat(),
                tags=_tags_of(contact_id),
            )

        return site.page(request, "contact_form.html", context)

    def _tags_of(contact_id: int) -> list[str]:
        with store.connect() as connection:
            return tags_of(connection, [contact_id]).get(contact_id, [])

    # --- forms

    def add(request: Request, form: FormData, language: str) -> Done:
        changes, tie, typed = read_contact_form(form, site.workspace.today())
        identifiers = parse_identifiers(typed, str)
        contact = model.Contact(
            name=changes.get("name", ""),
            identifiers=identifiers,
            **{k: v for k, v in changes.items() if k != "name"},
        )
        contact_id = add_contact(
            store,
            contact,
            model.Tie(0, **tie),
            posting.now(site),
            where=str,
            tags=read_tags(form) or (),
        )
        return f"/contacts/{contact_id}", text(
            "saved.contact_added", language, name=contact.name.strip()
        )

    def edit(request: Request, form: FormData, language: str) -> Done:
        person = find_person(store, int(request.path_params["contact_id"]))
        changes, tie, typed = read_contact_form(form, site.workspace.today())
        added: list[model.Identifier] = []
        removed: list[model.Identifier] = []
        for kind, values in typed.items():
            more, less = identifier_changes(
                person.identifiers, parse_identifiers({kind: values}, str), [kind]
            )
            added += more
            removed += less
        updated = edit_contact(
            store,
            int(person.id),  # type: ignore[arg-type]
            changes,
            tie,
            added=added,
            removed=removed,
            when=posting.now(site),
            where=str,
            tags=read_tags(form),
        )
        return f"/contacts/{updated.id}", text("saved.contact", language, name=updated.name)

    site.pages.update(contact_new=new_page, contact_edit=edit_page)
    forms: list[Form] = [
        ("/contacts/new", add, "contact_new", True),
        ("/contacts/{contact_id:int}/edit", edit, "contact_edit", True),
    ]
    return [
        Route("/contacts/new", new_page),
        Route("/contacts/{contact_id:int}/edit", edit_page),
        *form_routes(site, forms),
    ]
