"""The forms (POST): check the CSRF token, write in one transaction through the write-side
modules (``contactlog``, ``decisionlog``, ``eventlog``, ``topics``) or the repository, tell the
workspace the data changed, and go back to a page (303, so a reload does not post again) that
confirms what was saved. A user error writes nothing and shows the form's page again, with what
was typed, the field marked and the message in the page's language (400; see ``forms.py``)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tiewise import model
from tiewise.advice.portfolio import BUDGET_SETTING, check_budget
from tiewise.contactlog import (
    log_contact,
    parse_kind,
    parse_minutes,
    parse_moment,
    remove_interaction,
    removed_message,
    resolve_people,
)
from tiewise.decisionlog import (
    ADVICE_VERDICTS,
    INVITATION_VERDICTS,
    decide_advice,
    decide_invitation,
    parse_verdict,
    set_status,
    undo_decision,
)
from tiewise.erasure import erase_contact, erasure_message
from tiewise.errors import InputError, NotFoundError, Phrase, TiewiseError, not_one_of
from tiewise.eventlog import log_attendance, record_outcome
from tiewise.goals import catalogue_goal, goal_label
from tiewise.hygiene import check_text
from tiewise.i18n import plural, text
from tiewise.store import repository as repo
from tiewise.topics import change_topics, parse_topics
from tiewise.web import posting
from tiewise.web.forms import (
    choices,
    names,
    number_field,
    optional_number,
    text_field,
)
from tiewise.web.posting import Done, Form, day_field, form_routes, same_site
from tiewise.web.safety import check_csrf
from tiewise.web.site import Site

IMPORT_KINDS = ("vcard", "csv", "ics", "linkedin")


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def now() -> datetime:
        return posting.now(site)

    def _contact(request: Request) -> model.Contact:
        with store.connect() as connection:  # NotFoundError when unknown
            return repo.load_contact(connection, int(request.path_params["contact_id"]))

    # --- one contact

    def rate(request: Request, form: FormData, language: str) -> Done:
        contact = _contact(request)
        closeness = int(number_field(form, "closeness", 1, 5))
        with store.begin() as connection:
            repo.set_closeness(connection, contact.id, closeness)  # type: ignore[arg-type]
        return f"/contacts/{contact.id}", text("saved.rating", language, name=contact.name)

    def status(request: Request, form: FormData, language: str) -> Done:
        contact = _contact(request)
        chosen = str(form.get("status", ""))
        if chosen not in {s.value for s in model.TieStatus}:
            raise not_one_of("status", [s.value for s in model.TieStatus], chosen)
        set_status(store, int(contact.id), model.TieStatus(chosen), now())  # type: ignore[arg-type]
        return f"/contacts/{contact.id}", text("saved.status", language, name=contact.name)

    def note(request: Request, form: FormData, language: str) -> Done:
        contact = _contact(request)
        body = text_field(form, "text", required=True, key="a note")
        kind = model.NoteKind.STORY if form.get("story") else model.NoteKind.NOTE
        with store.begin() as connection:
            repo.add_notes(connection, [model.Note(contact.id, body, datetime.now(), kind)])  # type: ignore[arg-type]
        return f"/contacts/{contact.id}", text("saved.note", language, name=contact.name)

    def erase(request: Request, form: FormData, language: str) -> Done:
        """Erase a person completely (see ``tiewise.erasure``); only with the box ticked."""
        if form.get("confirm") != "1":
            raise InputError(
                "confirm: expected the box ticked to erase this person, found it empty",
                field="confirm",
                key="error.confirm_erase",
            )
        contact = _contact(request)
        erasure = erase_contact(store, contact, text("erase.placeholder", language), datetime.now())
        return "/contacts", erasure_message(erasure, language)

    def log(request: Request, form: FormData, language: str) -> Done:
        """Log contact: on a contact's page (that person, and others named), or on the
        dashboard (everyone named)."""
        others = names(form, "people")
        with store.connect() as connection:
            ids = resolve_people(connection, others, str, choices(form)) if others else []
        if "contact_id" in request.path_params:
            ids = [int(_contact(request).id), *ids]  # type: ignore[arg-type]
        if not ids:
            raise InputError(
                "people: expected at least one person, found none",
                field="people",
                key="error.no_people",
            )
        logged = log_contact(
            store,
            ids,
            parse_kind(str(form.get("kind", "meeting")), str),
            parse_moment(str(form.get("on", "")), now(), str),
            minutes=parse_minutes(str(form.get("minutes", "")), str),
            note=str(form.get("note", "")).strip() or None,
        )
        target = same_site(str(form.get("back", "")), "/")
        return target, text(
            "log.done",
            language,
            kind=text(f"kind.{logged.kind.value}", language),
            names=", ".join(logged.names),
            day=logged.occurred_at.date().isoformat(),
            id=logged.interaction_id,
        )

    def done(request: Request, form: FormData, language: str) -> Done:
        """A plan item done: contact now, which resets the tie's cadence."""
        contact_id = int(number_field(form, "contact_id", 1, 2**62))
        logged = log_contact(
            store,
            [contact_id],
            model.InteractionKind.OTHER,
            parse_moment("", now()),
            direction=model.Direction.OUTBOUND,
        )
        return "/", text(
            "log.done",
            language,
            kind=text("kind.other", language),
            names=", ".join(logged.names),
            day=logged.occurred_at.date().isoformat(),
            id=logged.interaction_id,
        )

    def unlog(request: Request, form: FormData, language: str) -> Done:
        contact = _contact(request)
        interaction_id = int(request.path_params["interaction_id"])
        row = remove_interaction(store, contact, interaction_id)
        return f"/contacts/{contact.id}", removed_message(row, contact.name, language)

    def topics(request: Request, form: FormData, language: str) -> Done:
        contact = _contact(request)
        kind_raw = str(form.get("kind", ""))
        if kind_raw not in {k.value for k in model.TopicKind}:
            raise not_one_of("kind", [k.value for k in model.TopicKind], kind_raw)
        remove = form.get("remove") == "1"
        tags = parse_topics(str(form.get("tags", "")), "tags")
        changed = change_topics(
            store,
            int(contact.id),  # type: ignore[arg-type]
            model.TopicKind(kind_raw),
            tags,
            remove,
        )
        key = "topics.removed" if remove else "topics.added" if changed else "topics.already"
        return f"/contacts/{contact.id}", text(
            key, language, name=contact.name, tags=", ".join(changed or tags)
        )

    # --- decisions

    def decide(request: Request, form: FormData, language: str) -> Done:
        """Accept or dismiss an advice item; see ``tiewise/decisionlog.py``."""
        from tiewise.advice.portfolio import advice_figures_of

        contact_id = int(number_field(form, "contact_id", 1, 2**62))
        verdict = parse_verdict(str(form.get("verdict", "")), ADVICE_VERDICTS, "verdict")
        action = str(form.get("action", ""))
        views = site.workspace.views()
        profile = views.profile
        position = profile.snapshot.position_of(contact_id)
        if position is None:
            raise NotFoundError(
                f"no contact with id {contact_id}",
                key="error.no_contact_id",
                values={"id": contact_id},
            )
        current = next(
            (
                name
                for name in ("focus", "maintain", "reactivate", "let_go")
                for item in getattr(views.portfolio, name)
                if item.position == position
            ),
            None,
        )
        if current != action:  # the page was older than the data: decide on what is advised now
            name = profile.snapshot.contacts[position].name
            raise InputError(
                f"the advice on {name} is now {current or 'none'}, not {action}; "
                "look at it again before deciding",
                key="error.advice_changed",
                values={
                    "name": name,
                    "now": text(f"action.{current}", language) if current else "—",
                },
            )
        decision = decide_advice(
            store,
            contact_id,
            action,
            verdict,
            advice_figures_of(profile, position),
            now(),
        )
        return "/advice", text(
            f"decided.{verdict.value}",
            language,
            name=profile.snapshot.contacts[position].name,
            action=text(f"action.{action}", language),
            id=decision.id,
        )

    def invitation_decide(request: Request, form: FormData, language: str) -> Done:
        invitation_id = int(request.path_params["invitation_id"])
        verdict = parse_verdict(str(form.get("verdict", "")), INVITATION_VERDICTS, "verdict")
        with store.connect() as connection:
            found = [i for i in repo.load_invitations(connection) if i.id == invitation_id]
        if not found:
            raise NotFoundError(
                f"no invitation {invitation_id}",
                key="error.no_invitation_id",
                values={"id": invitation_id},
            )
        decision, _ = decide_invitation(store, found[0], verdict, now())
        return "/invitations", text(
            f"invitation.{verdict.value}", language, name=found[0].name, id=decision.id
        )

    def undo(request: Request, form: FormData, language: str) -> Done:
        decision_id = int(request.path_params["decision_id"])
        done = undo_decision(store, decision_id, now())
        message = text("decisions.undone", language, id=decision_id)
        if "kept_contact" in done:
            message += " " + text("decisions.kept_contact", language, id=done["kept_contact"])
        return same_site(str(form.get("back", "")), "/decisions"), message

    # --- goals, merges, settings

    def goal_add(request: Request, form: FormData, language: str) -> Done:
        key = str(form.get("key", "")).strip()
        found = catalogue_goal(key)
        label = str(form.get("label", "")).strip() or None
        if found is None and not label:
            raise InputError(
                f"key: {key!r} is not in the catalogue; a custom goal needs a label",
                field="label",
                key="error.custom_goal",
                values={"key": key},
            )
        targets = []
        for part in re.split(r"[;\n]", str(form.get("targets", ""))):
            if not part.strip():
                continue
            attribute, _, value = part.partition("=")
            if (
                attribute.strip() not in {t.value for t in model.TargetAttribute}
                or not value.strip()
            ):
                raise InputError(
                    "targets: expected sector=…, role=…, region=… or organisation=…, "
                    f"found {part.strip()!r}",
                    field="targets",
                    key="error.target",
                    values={"found": part.strip()},
                )
            targets.append(
                model.GoalTarget(model.TargetAttribute(attribute.strip()), value.strip())
            )
        klass = str(form.get("goal_class", "")).strip()
        goal = model.Goal(
            key,
            priority=int(number_field(form, "priority", 1, 5)),
            label=label,
            goal_class=model.GoalClass(klass)
            if klass in {c.value for c in model.GoalClass}
            else None,
            targets=tuple(targets),
        )
        with store.begin() as connection:
            existing = {g.key: g for g in repo.load_goals(connection)}
            if key in existing:
                kept = existing[key]
                if form.get("form") == "goal" and not targets:  # the add form keeps targets
                    goal = replace(goal, targets=kept.targets)
                goal = replace(goal, label=goal.label or kept.label)
                repo.update_goal(connection, kept.id, goal)  # type: ignore[arg-type]
            else:
                repo.add_goal(connection, goal)
        return "/goals", text("saved.goal", language, goal=goal_label(goal, language))

    def merge(request: Request, form: FormData, language: str) -> Done:
        from tiewise.ingest import merging

        a = int(number_field(form, "contact_a", 1, 2**62))
        b = int(number_field(form, "contact_b", 1, 2**62))
        if form.get("decision") == "merge":
            merging.merge(store, a, b, datetime.now())
            return "/merge", text("saved.merged", language)
        merging.keep_apart(store, a, b, datetime.now())
        return "/merge", text("saved.kept_apart", language)

    def settings(request: Request, form: FormData, language: str) -> Done:
        budget = check_budget(number_field(form, "budget", 0, 200))
        name = str(form.get("name", "")).strip()
        with store.begin() as connection:
            repo.set_setting(connection, BUDGET_SETTING, repr(budget))
            if name:
                repo.save_me(connection, replace(repo.load_me(connection), name=name))
        chosen = str(form.get("language", ""))
        target = f"/settings?lang={chosen}" if chosen in ("en", "nl") else "/settings"
        return target, text("saved.settings", chosen if chosen in ("en", "nl") else language)

    # --- events

    def event_log(request: Request, form: FormData, language: str) -> Done:
        status = str(form.get("status", "attended"))
        if status not in {s.value for s in model.AttendanceStatus}:
            raise InputError(
                f"status: expected attended, skipped or planned, found {status!r}",
                field="status",
                key="error.attendance",
                values={"found": status},
            )
        met_names = names(form, "met")
        with store.connect() as connection:
            known = (
                resolve_people(connection, met_names, str, choices(form), field="met")
                if met_names
                else []
            )
        enjoyment = optional_number(form, "enjoyment", 1, 5)
        logged = log_attendance(
            store,
            text_field(form, "series", required=True, key="an event series"),
            day_field(form, "on"),
            model.AttendanceStatus(status),
            site.workspace.today(),
            hours=optional_number(form, "hours", 0, 48),
            cost=optional_number(form, "cost", 0, 100_000),
            enjoyment=None if enjoyment is None else int(enjoyment),
            met=known,
            newcomers=[n.strip() for n in str(form.get("new", "")).splitlines() if n.strip()],
            where=str,
        )
        return "/events", plural(
            "events.logged",
            logged.met,
            language,
            series=logged.series,
            day=logged.day.isoformat(),
            status=text(f"status.{logged.status.value}", language),
            met=logged.met,
            first=logged.first,
        )

    def event_outcome(request: Request, form: FormData, language: str) -> Done:
        kind = str(form.get("kind", ""))
        if kind not in {k.value for k in model.OutcomeKind}:
            raise not_one_of("kind", [k.value for k in model.OutcomeKind], kind)
        people = names(form, "contacts")
        with store.connect() as connection:
            ids = (
                resolve_people(connection, people, str, choices(form), field="contacts")
                if people
                else []
            )
        event = str(form.get("event", "")).strip() or None
        outcome_id = record_outcome(
            store,
            model.OutcomeKind(kind),
            day_field(form, "on"),
            value=optional_number(form, "value", 0, 1e9),
            event=event,
            event_on=day_field(form, "event_on", required=False),
            contacts=ids,
            goal=str(form.get("goal", "")).strip() or None,
            description=str(form.get("description", "")).strip() or None,
            where=str,
            today=site.workspace.today(),
        )
        return "/events", text("events.outcome_added", language, id=outcome_id, kind=kind)

    def series_review(request: Request, form: FormData, language: str) -> Done:
        """Confirm or reject an event series found in a calendar (``tiewise.seriesreview``)."""
        from tiewise.seriesreview import review, review_message

        verdicts = [r.value for r in model.SeriesReview]
        chosen = str(form.get("review", ""))
        if chosen not in verdicts:
            raise not_one_of("review", verdicts, chosen)
        series_id = str(request.path_params["series_id"])
        series = review(store, series_id, model.SeriesReview(chosen))
        return "/events", review_message(series, language)

    async def upload(request: Request) -> Response:
        form = await request.form()
        check_csrf(request, form.get("csrf"))
        kind = str(form.get("kind", ""))
        upload = form.get("file")
        try:
            if kind not in IMPORT_KINDS:
                raise not_one_of("kind", IMPORT_KINDS, kind)
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InputError(
                    "file: expected a file to import, found none", field="file", key="error.no_file"
                )
            check_text(upload.filename, "file")  # a NUL in a file name: refused, not a 500
            data = await upload.read()
            categories = str(form.get("event_categories", ""))
            check_text(categories, "event_categories")
            summary = await run_in_threadpool(
                _import, site, kind, upload.filename, data, categories
            )
        except TiewiseError as error:
            said = error.said(site.language_of(request))
            return site.render(
                request, "import.html", 400, summary=None, error=said, **_import_page(site)
            )
        site.workspace.changed()
        return site.render(
            request,
            "import.html",
            summary=summary.as_json(),
            erased=summary.erased,
            warnings=summary.errors,
            error=None,
            **_import_page(site),
        )

    contact_page = "/contacts/{contact_id:int}"
    forms: list[Form] = [
        (f"{contact_page}/rate", rate, "contact", False),
        (f"{contact_page}/status", status, "contact", False),
        # editing a contact: web/contact_forms.py
        (f"{contact_page}/note", note, "contact", False),
        (f"{contact_page}/erase", erase, "contact", True),
        (f"{contact_page}/log", log, "contact", False),
        (f"{contact_page}/topics", topics, "contact", False),
        (f"{contact_page}/interactions/{{interaction_id:int}}/remove", unlog, "contact", False),
        ("/log", log, "dashboard", False),
        ("/plan/done", done, "dashboard", False),
        ("/advice/decide", decide, "advice", False),
        ("/invitations/{invitation_id:int}/decide", invitation_decide, "invitations", True),
        ("/decisions/{decision_id:int}/undo", undo, "decisions", True),
        ("/goals/add", goal_add, "goals", False),
        # removing and restoring a goal: web/goal_forms.py
        ("/merge", merge, "merge", True),
        ("/settings", settings, "settings", False),
        ("/events/log", event_log, "events", True),
        ("/events/outcome", event_outcome, "events", False),
        ("/events/series/{series_id:int}/review", series_review, "events", False),
    ]
    return [*form_routes(site, forms), Route("/import", upload, methods=["POST"])]


def _import_page(site: Site) -> dict[str, Any]:
    """What the import form shows besides a summary: the remembered event categories."""
    from tiewise.ingest.run import remembered_categories

    with site.workspace.store.connect() as connection:
        return {"event_categories": remembered_categories(connection)}


def _named(error: TiewiseError, temporary: str, name: str) -> TiewiseError:
    """``error`` naming the user's file ``name`` where it named the temporary copy, in English
    and in every other language (its place, what it found, the values of its message)."""

    def renamed(value: Any) -> Any:
        if isinstance(value, Phrase):  # the same template, a msgid already: only values change
            return type(value)(value.template, **{k: renamed(v) for k, v in value.values.items()})
        return value.replace(temporary, name) if isinstance(value, str) else value

    for part in ("file", "where", "expected", "found"):
        if isinstance(getattr(error, part, None), str):
            setattr(error, part, renamed(getattr(error, part)))
    error.values = {k: renamed(v) for k, v in error.values.items()}
    error.args = tuple(renamed(a) for a in error.args)
    return error


def _import(site: Site, kind: str, filename: str, data: bytes, categories: str = "") -> Any:
    """Write the upload under its own name (errors then name the user's file, not a temporary
    one) and import it like ``tiewise import``; one transaction, nothing written on error. For
    a calendar, ``categories`` (comma-separated, as the form shows them) replace the
    remembered event categories."""
    from tiewise.ingest.run import run_import

    calendar = (
        {"event_categories": [categories], "replace_categories": True} if kind == "ics" else {}
    )

    safe = Path(filename).name or "upload"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        try:
            summary = run_import(site.workspace.store, kind, [path], datetime.now(), **calendar)
        except TiewiseError as error:
            raise _named(error, str(path), safe) from None
    # the summary names the user's file, not the temporary copy
    summary.errors = [message.replace(str(path), safe) for message in summary.errors]
    for found in summary.files:
        found.file = found.file.replace(str(path), safe)
        found.notes = [message.replace(str(path), safe) for message in found.notes]
        for tally in found.kinds.values():
            tally.errors = [message.replace(str(path), safe) for message in tally.errors]
    return summary
