"""The bulk edit of the contacts page (POST ``/contacts/bulk``): set the sector or the region,
add or remove a tag, for the contacts ticked — or for all the search matched.

The form sits around the contacts table; its action carries the page's query string, so the
search, tag, class and cluster of the list the user saw pick "all N matching" here exactly as
they did on the page (``contactlist.py``). Like ``tiewise contacts --set … --yes``, the edit
is shown before it is done: the first post changes nothing and shows the page again with what
would change (from → to, how many) and a box to confirm; a post with the box ticked does it,
in one transaction. A value that is refused (a control character, too long), no edit, or no
one selected is an error on the form, and nothing is written. Works without JavaScript.
"""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.routing import Route

from tiewise.bulkedit import Edit, Plan, bulk_edit, clean_value, describe
from tiewise.errors import InputError
from tiewise.i18n import plural
from tiewise.store.tags import clean_tag
from tiewise.web.contactlist import listed
from tiewise.web.posting import Done, form_routes
from tiewise.web.site import Site

#: The fields the contacts page sets for many contacts at once.
BULK_FIELDS = ("sector", "region")


def edit_of(form: FormData) -> Edit:
    """The edit the form asks for (empty fields are left alone); refused when it asks none."""
    values = {}
    for name in BULK_FIELDS:
        raw = str(form.get(name, ""))
        if raw.strip():
            values[name] = clean_value(name, raw)
    tags = {}
    for name in ("add_tag", "remove_tag"):
        raw = str(form.get(name, ""))
        tags[name] = (clean_tag(raw, name),) if raw.strip() else ()
    edit = Edit(values, tags["add_tag"], tags["remove_tag"])
    if edit.is_empty():
        raise InputError(
            "sector, region, add_tag, remove_tag: expected a sector, a region or a tag to set, "
            "found none",
            field="sector",
            key="error.bulk_no_edit",
        )
    return edit


def said(plan: Plan, language: str) -> str:
    """The plan in one paragraph: "12 contacts match; this changes 9 of them: sector: … (5);
    tag … added to 9." """
    first, *changes = describe(plan, language)
    return f"{first} {'; '.join(changes)}."


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def bulk(request: Request, form: FormData, language: str) -> Done:
        ticked = {int(v) for v in form.getlist("contact") if isinstance(v, str) and v.isdigit()}
        request.state.ticked = frozenset(ticked)  # kept ticked when the page is shown again
        edit = edit_of(form)
        views = site.workspace.views()
        positions = listed(views.profile, store, request.query_params)
        matching = {int(i) for i in views.profile.snapshot.contact_ids[positions]}
        people = matching if form.get("scope") == "all" else ticked & matching
        if not people:
            raise InputError(
                "contact: expected the contacts to change ticked, or all matching, found none",
                field="contact",
                key="error.bulk_unselected",
            )
        confirmed = form.get("confirm") == "1"
        plan = bulk_edit(store, people, edit, apply=confirmed and bool(people))
        if plan.changed == 0:
            raise InputError(
                "Nothing to change: they all have these values already.",
                field="sector",
                key="bulk.nothing",
            )
        if not confirmed:
            raise InputError(
                said(plan, "en") + " Tick the box to confirm, then apply again.",
                field="confirm",
                key="bulk.confirm",
                values={"plan": said(plan, language)},
            )
        query = request.url.query
        target = "/contacts" + (f"?{query}" if query else "")
        return target, plural("bulk.done", len(plan.people), language, changed=plan.changed)

    return form_routes(site, [("/contacts/bulk", bulk, "contacts", True)])
