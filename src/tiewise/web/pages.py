"""The pages (GET): each gathers what ``analysis/`` and ``advice/`` computed and renders it."""

from __future__ import annotations

from typing import Any

import numpy as np
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tiewise.advice.portfolio import lapsed_dismissals
from tiewise.analysis.fit import gap_advice, summary
from tiewise.analysis.strength import CLASSES
from tiewise.contactlog import LOG_KINDS, interactions_of
from tiewise.decisionlog import decision_rows
from tiewise.goallog import removed_goals
from tiewise.goals import CATALOGUE, catalogue_choices, goal_label
from tiewise.i18n import text
from tiewise.model import GoalClass, OutcomeKind, TopicKind
from tiewise.report.decisions import decision_sections
from tiewise.store.tags import tags_of
from tiewise.web.contactlist import SORTS, listed, tag_list
from tiewise.web.firstrun import first_run
from tiewise.web.network import map_list
from tiewise.web.site import Site
from tiewise.web.workspace import Views

PAGE_SIZE = 50
TIMELINE = 30  # interactions shown on a contact's page


def routes(site: Site) -> list[Route]:
    def dashboard(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            language = site.language_of(request)
            fits = sorted(views.profile.fit, key=lambda f: (-f.goal.priority, f.score))
            cards = [
                {
                    "label": goal_label(f.goal, language),
                    "goal_class": f.goal_class.value,
                    "score": f.score,
                    "summary": summary(f, language),
                    "gap": gap_advice(f, language),
                }
                for f in fits
            ]
            decisions = decision_sections(  # report/decisions.py: as the report opens
                views.profile,
                views.portfolio,
                views.plan,
                views.events,
                views.upcoming,
                views.invitations,
                language,
            )
            return dict(
                decisions=decisions,
                cards=cards,
                kinds=_kind_options(language),
                today=views.profile.today.isoformat(),
                events=views.events,
                plan=views.plan,
                contacts=views.profile.snapshot.contacts,
                ids=views.profile.snapshot.contact_ids,
                start=first_run(views.profile.snapshot),
                me=views.profile.snapshot.me,
            )

        return site.page(request, "dashboard.html", context)

    def contacts(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            profile = views.profile
            snapshot = profile.snapshot
            query = request.query_params
            positions = listed(profile, site.workspace.store, query)  # web/contactlist.py
            page, pages = _page(request, int(positions.size))
            shown = positions[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
            rows = [
                {
                    "id": int(snapshot.contact_ids[i]),
                    "contact": snapshot.contacts[i],
                    "class": profile.strength.tie_class[i],
                    # two decimals, as shown: formatting a number is then a cache hit
                    "strength": round(float(profile.strength.score[i]), 2),
                    "last": _day(snapshot.last_interaction[i]),
                }
                for i in shown
            ]
            with site.workspace.store.connect() as connection:
                tags = tags_of(connection, [row["id"] for row in rows])
            for row in rows:
                row["tags"] = tags.get(row["id"], [])
            return dict(
                rows=rows,
                total=int(positions.size),
                page=page,
                pages=pages,
                query=dict(query),
                classes=CLASSES,
                clusters=profile.structure.clusters,
                sorts=SORTS,
                tags=tag_list(profile, site.workspace.store),
                ticked=getattr(request.state, "ticked", frozenset()),  # web/bulk.py
            )

        return site.page(request, "contacts.html", context)

    def contact(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            profile = views.profile
            snapshot = profile.snapshot
            contact_id = int(request.path_params["contact_id"])
            position = snapshot.position_of(contact_id)
            if position is None:
                raise HTTPException(404, f"no contact {contact_id}")
            contact = snapshot.contacts[position]
            timeline = interactions_of(site.workspace.store, contact)[:TIMELINE]
            strength = profile.strength
            why = [
                {
                    "input": name,
                    "value": None if np.isnan(values[position]) else float(values[position]),
                    "contribution": float(strength.contributions[name][position]),
                }
                for name, values in strength.inputs.items()
            ]
            own_id = int(snapshot.contact_ids[position])
            notes = [n for n in snapshot.notes if snapshot.position_of(n.contact_id) == position]
            exchanges = [
                e for e in snapshot.exchanges if snapshot.position_of(e.contact_id) == position
            ]
            with site.workspace.store.connect() as connection:
                tags = tags_of(connection, [own_id]).get(own_id, [])
            return dict(
                contact=contact,
                contact_id=own_id,
                tags=tags,
                today=views.profile.today.isoformat(),
                kinds=_kind_options(site.language_of(request)),
                needs=[
                    t.topic
                    for t in snapshot.topics
                    if t.kind == TopicKind.NEED and snapshot.position_of(t.contact_id) == position
                ],
                offers=[
                    t.topic
                    for t in snapshot.topics
                    if t.kind == TopicKind.OFFER and snapshot.position_of(t.contact_id) == position
                ],
                decisions=[
                    d
                    for d in snapshot.decisions
                    if d.contact_id is not None and snapshot.position_of(d.contact_id) == position
                ],
                timeline_total=int(snapshot.interaction_counts[position]),
                tie=snapshot.ties[position],
                tie_class=strength.tie_class[position],
                strength=float(strength.score[position]),
                why=why,
                timeline=timeline,
                notes=notes,
                exchanges=exchanges,
            )

        return site.page(request, "contact.html", context)

    def network(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            start = first_run(views.profile.snapshot)
            if not start.contacts:
                return {"start": start}
            data = views.network_data
            return {"start": start, "map": data, "groups": map_list(data)}

        return site.page(request, "network.html", context)

    def network_data(request: Request) -> Response:
        return Response(site.workspace.views().network, media_type="application/json")

    def merge_review(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            found, by_id = views.merge_suggestions
            return {"suggestions": found[:50], "by_id": by_id}

        return site.page(request, "merge.html", context)

    def goals(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            language = site.language_of(request)
            fits = {f.goal.key: f for f in views.profile.fit}
            return dict(
                goals=[
                    {
                        "goal": g,
                        "label": goal_label(g, language),
                        "fit": fits.get(g.key),
                        "gap": gap_advice(fits[g.key], language) if g.key in fits else "",
                        "targets_text": "; ".join(
                            f"{t.attribute.value}={t.value}" for t in g.targets
                        ),
                    }
                    for g in sorted(views.profile.snapshot.goals, key=lambda g: -g.priority)
                ],
                catalogue=CATALOGUE,
                start=first_run(views.profile.snapshot),
                removed=[
                    {
                        "id": r.id,
                        "label": goal_label(r.goal, language),
                        "removed_at": r.removed_at.date(),
                    }
                    for r in removed_goals(views.profile.snapshot.settings)
                ],
            )

        return site.page(request, "goals.html", context)

    def advice(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            portfolio = views.portfolio
            groups = [  # action, the items shown, how many there are
                ("focus", portfolio.focus, len(portfolio.focus)),
                ("maintain", portfolio.maintain, len(portfolio.maintain)),
                ("reactivate", portfolio.reactivate, len(portfolio.reactivate)),
                ("let_go", portfolio.let_go, max(portfolio.let_go_total, len(portfolio.let_go))),
            ]
            language = site.language_of(request)
            return dict(
                portfolio=portfolio,
                groups=groups,
                snapshot=views.profile.snapshot,
                choices=catalogue_choices(language),
                expressive_choices=catalogue_choices(language, GoalClass.EXPRESSIVE),
                start=first_run(views.profile.snapshot),
            )

        return site.page(request, "advice.html", context)

    def invitations(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            items = views.invitations
            page, pages = _page(request, len(items))
            shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
            return dict(
                items=shown,
                total=len(items),
                page=page,
                pages=pages,
                start=first_run(views.profile.snapshot),
            )

        return site.page(request, "invitations.html", context)

    def decisions(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            lapsed = lapsed_dismissals(views.profile)
            return {
                "rows": decision_rows(site.workspace.store, True, lapsed),
                "start": first_run(views.profile.snapshot),
            }

        return site.page(request, "decisions.html", context)

    def introductions(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:

            return dict(
                items=views.introductions,
                ledger=views.ledger[:30],
                snapshot=views.profile.snapshot,
                start=first_run(views.profile.snapshot),
            )

        return site.page(request, "introductions.html", context)

    def events(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:
            language = site.language_of(request)
            return dict(
                report=views.events,
                upcoming=views.upcoming,
                charts=views.charts(language),
                series=views.profile.snapshot.series,
                goals=views.profile.snapshot.goals,
                outcome_kinds=[k.value for k in OutcomeKind],
                reviews=_series_reviews(site, language),
                start=first_run(views.profile.snapshot),
            )

        return site.page(request, "events.html", context)

    def import_page(request: Request) -> Response:
        from tiewise.ingest.run import remembered_categories

        def context(views: Views) -> dict[str, Any]:
            with site.workspace.store.connect() as connection:
                categories = remembered_categories(connection)
            return {"summary": None, "error": None, "event_categories": categories}

        return site.page(request, "import.html", context)

    def settings(request: Request) -> Response:
        def context(views: Views) -> dict[str, Any]:

            return dict(
                me=views.profile.snapshot.me,
                budget=views.budget_hours,
                start=first_run(views.profile.snapshot),
            )

        return site.page(request, "settings.html", context)

    site.pages.update(
        dashboard=dashboard,
        contacts=contacts,
        contact=contact,
        merge=merge_review,
        goals=goals,
        advice=advice,
        invitations=invitations,
        decisions=decisions,
        events=events,
        settings=settings,
    )
    return [
        Route("/", dashboard),
        Route("/contacts", contacts),
        Route("/contacts/{contact_id:int}", contact),
        Route("/network", network),
        Route("/network.json", network_data),
        Route("/merge", merge_review),
        Route("/goals", goals),
        Route("/advice", advice),
        Route("/invitations", invitations),
        Route("/decisions", decisions),
        Route("/introductions", introductions),
        Route("/events", events),
        Route("/import", import_page),
        Route("/settings", settings),
    ]


def _series_reviews(site: Site, language: str) -> list[dict[str, Any]]:
    """The series found in calendars (rejected ones too), with their evidence in words, for
    the Confirm / Reject forms of the events page."""
    from tiewise.seriesreview import describe_evidence, describe_review, series_rows

    with site.workspace.store.connect() as connection:
        rows = series_rows(connection)
    return [
        {
            "id": row.series.id,
            "name": row.series.name,
            "occurrences": row.occurrences,
            "evidence": describe_evidence(row.evidence, language),
            "review": row.series.review.value if row.series.review else None,
            "review_label": describe_review(row.series, language),
        }
        for row in rows
    ]


def _kind_options(language: str) -> list[tuple[str, str]]:
    """The kinds of contact one can log, with their names in ``language``."""
    return [(k.value, text(f"kind.{k.value}", language)) for k in LOG_KINDS]


def _day(value: Any) -> Any:
    return None if np.isnat(value) else value.astype("datetime64[D]").item()


def _page(request: Request, total: int) -> tuple[int, int]:
    """The page asked for (``?page=N``, 1 when missing or not a number, at most the last) and
    the number of pages of :data:`PAGE_SIZE` rows for ``total`` rows."""
    pages = max(1, -(-total // PAGE_SIZE))
    asked = request.query_params.get("page", "1")
    return (min(max(1, int(asked)), pages) if asked.isdigit() else 1), pages
