"""The sector review (``/sectors``): every organisation with the sector suggested for it
(``tiewise/sectors.py``), the words behind it and a choice per organisation — the suggestion
preselected, any other sector, or leave empty — applied with one button in one transaction.
Only empty sectors are filled unless the box "also replace sectors already set" is ticked.

The import page points here after an import that left contacts without a sector: this module
gives its templates ``sector_gaps()``, the number of contacts without one.
"""

from __future__ import annotations

import weakref
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tiewise.i18n import plural, text
from tiewise.sectors import (
    SECTORS,
    OrganisationGroup,
    check_sector,
    group_organisations,
    plan_changes,
    updated_contacts,
    without_sector,
)
from tiewise.store import repository as repo
from tiewise.web.posting import Done, Form, form_routes, same_site
from tiewise.web.site import Site
from tiewise.web.workspace import Views

PAGE_SIZE = 100  # organisations per page (each with a select)
FIELD = "sector:"  # the select of a group is named FIELD + its key
FORM = "sectors"  # the form's id (web/forms.py)

#: The groups of each version of the data (the Views object), found once for all its pages.
_GROUPS: weakref.WeakKeyDictionary[Views, list[OrganisationGroup]] = weakref.WeakKeyDictionary()


def _groups(views: Views) -> list[OrganisationGroup]:
    if views not in _GROUPS:
        _GROUPS[views] = group_organisations(views.profile.snapshot.contacts)
    return _GROUPS[views]


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def page(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            language = site.language_of(request)
            show_all = request.query_params.get("all") == "1"
            groups = [g for g in _groups(views) if show_all or g.empty]
            pages = max(1, -(-len(groups) // PAGE_SIZE))
            asked = request.query_params.get("page", "1")
            number = min(max(1, int(asked)), pages) if asked.isdigit() else 1
            shown = groups[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            return dict(
                rows=[_row(g, language) for g in shown],
                total=len(groups),
                show_all=show_all,
                page=number,
                pages=pages,
                options=[("", text("sectors.leave", language)), *_options(language)],
                back=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
                form_id=FORM,
                field=FIELD,
            )

        return site.page(request, "sectors.html", context)

    def apply(request: Request, form: FormData, language: str) -> Done:
        """Fill the chosen sectors: the groups are found again from the contacts as they are
        now, in the transaction that writes (a group no longer there is a typed error)."""
        choices: dict[str, str | None] = {}
        for name, value in form.multi_items():
            if name.startswith(FIELD) and isinstance(value, str):
                chosen = value.strip()
                choices[name[len(FIELD) :]] = check_sector(chosen, name) if chosen else None
        overwrite = form.get("overwrite") == "1"
        with store.begin() as connection:
            contacts = repo.load_contacts(connection)
            groups = group_organisations(contacts)
            changes = plan_changes(groups, choices, overwrite=overwrite)
            repo.update_contacts(connection, updated_contacts(contacts, changes))
        message = plural(
            "sectors.written",
            len(changes),
            language,
            contacts=len(changes),
            groups=len({c.group for c in changes}),
        )
        return same_site(str(form.get("back", "")), "/sectors"), message

    def gaps() -> int:
        with store.connect() as connection:
            return without_sector(repo.load_contacts(connection))

    for environment in site.environments.values():
        environment.globals["sector_gaps"] = gaps
    site.pages["sectors"] = page
    # a sector is no part of telling who is who: the merge suggestions stay (False)
    forms: list[Form] = [("/sectors", apply, "sectors", False)]
    return [Route("/sectors", page), *form_routes(site, forms)]


def _row(group: OrganisationGroup, language: str) -> dict[str, Any]:
    suggestion = group.suggestion
    return {
        "key": group.key,
        "title": group.title(language),
        "variants": [v for v in group.variants if v != group.name][:5],
        "contacts": len(group.members),
        "empty": group.empty,
        "suggested": suggestion.sector if suggestion else "",
        "confidence": suggestion.confidence if suggestion else None,
        "words": suggestion.words(language) if suggestion else "",
        "current": ", ".join(f"{sector} ×{count}" for sector, count in group.current),
    }


def _options(language: str) -> list[tuple[str, str]]:
    """The sectors of the vocabulary as choices, by their label in ``language``."""
    return sorted(
        ((s.key, f"{s.label(language)} ({s.key})") for s in SECTORS),
        key=lambda option: option[1].casefold(),
    )
