"""The forms (POST): check the CSRF token, write in one transaction through the repository,
tell the workspace the data changed, and go back to a page (303, so a reload does not post
again). A user error re-renders with its message (400) and writes nothing."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tiewise import model
from tiewise.erasure import erase_contact
from tiewise.errors import InputError, TiewiseError
from tiewise.eventlog import log_attendance, record_outcome
from tiewise.goals import catalogue_goal
from tiewise.i18n import text
from tiewise.store import repository as repo
from tiewise.web.safety import check_csrf
from tiewise.web.workspace import BUDGET_SETTING

if TYPE_CHECKING:
    from tiewise.web.app import Site

IMPORT_KINDS = ("vcard", "csv", "ics", "linkedin")


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _number(form: FormData, name: str, low: float, high: float) -> float:
    raw = str(form.get(name, "")).strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError as error:
        raise InputError(
            f"{name}: expected a number from {low:g} to {high:g}, found {raw!r}"
        ) from error
    if not low <= value <= high:
        raise InputError(f"{name}: expected a number from {low:g} to {high:g}, found {raw!r}")
    return value


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def form_action(
        work: Callable[[Request, FormData], str],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def handler(request: Request) -> Response:
            form = await request.form()
            check_csrf(request, form.get("csrf"))
            target = await run_in_threadpool(work, request, form)
            site.workspace.changed()
            return _back(target)

        return handler

    def _contact_id(request: Request) -> int:
        contact_id = int(request.path_params["contact_id"])
        with store.connect() as connection:
            repo.load_contact(connection, contact_id)  # NotFoundError when unknown
        return contact_id

    def rate(request: Request, form: FormData) -> str:
        contact_id = _contact_id(request)
        closeness = int(_number(form, "closeness", 1, 5))
        with store.begin() as connection:
            repo.set_closeness(connection, contact_id, closeness)
        return f"/contacts/{contact_id}"

    def status(request: Request, form: FormData) -> str:
        contact_id = _contact_id(request)
        chosen = str(form.get("status", ""))
        if chosen not in {s.value for s in model.TieStatus}:
            raise InputError(f"status: expected active, keep or let_go, found {chosen!r}")
        with store.begin() as connection:
            tie = repo.load_tie(connection, contact_id)
            repo.save_ties(connection, [replace(tie, status=model.TieStatus(chosen))])
        return f"/contacts/{contact_id}"

    def edit(request: Request, form: FormData) -> str:
        contact_id = _contact_id(request)
        with store.begin() as connection:
            contact = repo.load_contact(connection, contact_id)
            name = str(form.get("name", "")).strip() or contact.name
            fields = {
                key: (str(form.get(key, "")).strip() or None)
                for key in ("organisation", "role", "sector", "region")
            }
            repo.update_contact(connection, replace(contact, name=name, **fields))
        return f"/contacts/{contact_id}"

    def note(request: Request, form: FormData) -> str:
        contact_id = _contact_id(request)
        body = str(form.get("text", "")).strip()
        if not body:
            raise InputError("text: expected a note, found an empty text")
        kind = model.NoteKind.STORY if form.get("story") else model.NoteKind.NOTE
        with store.begin() as connection:
            repo.add_notes(connection, [model.Note(contact_id, body, datetime.now(), kind)])
        return f"/contacts/{contact_id}"

    def erase(request: Request, form: FormData) -> str:
        """Erase a person completely (see ``tiewise.erasure``); only with the box ticked."""
        if form.get("confirm") != "1":
            raise InputError(
                "confirm: expected the box ticked to erase this person, found it empty"
            )
        with store.connect() as connection:  # NotFoundError when unknown
            contact = repo.load_contact(connection, int(request.path_params["contact_id"]))
        placeholder = text("erase.placeholder", site.language_of(request))
        erase_contact(store, contact, placeholder, datetime.now())
        return "/contacts"

    def done(request: Request, form: FormData) -> str:
        """A plan item done: an interaction today, which resets the tie's cadence."""
        contact_id = int(_number(form, "contact_id", 1, 2**62))
        with store.begin() as connection:
            repo.load_contact(connection, contact_id)
            origin = repo.add_origin(connection, "manual", datetime.now())
            repo.add_interactions(
                connection,
                [
                    model.Interaction(
                        datetime.now(),
                        model.InteractionKind.OTHER,
                        "tiewise",
                        model.Direction.OUTBOUND,
                        (contact_id,),
                    )
                ],
                origin,
            )
        return "/"

    def decide(request: Request, form: FormData) -> str:
        """Accept or dismiss an advice item; see ``tiewise/decisionlog.py``."""
        from tiewise.advice.portfolio import advice_figures_of
        from tiewise.decisionlog import ADVICE_VERDICTS, decide_advice, parse_verdict

        contact_id = int(_number(form, "contact_id", 1, 2**62))
        verdict = parse_verdict(str(form.get("verdict", "")), ADVICE_VERDICTS, "verdict")
        profile = site.workspace.views().profile
        position = profile.snapshot.position_of(contact_id)
        if position is None:
            raise InputError(f"contact_id: no contact {contact_id}")
        decide_advice(
            store,
            contact_id,
            str(form.get("action", "")),
            verdict,
            advice_figures_of(profile, position),
            datetime.now(),
        )
        return "/advice"

    def goal_add(request: Request, form: FormData) -> str:
        key = str(form.get("key", "")).strip()
        found = catalogue_goal(key)
        label = str(form.get("label", "")).strip() or None
        if found is None and not label:
            raise InputError(f"key: {key!r} is not in the catalogue; a custom goal needs a label")
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
                    f"found {part.strip()!r}"
                )
            targets.append(
                model.GoalTarget(model.TargetAttribute(attribute.strip()), value.strip())
            )
        klass = str(form.get("goal_class", "")).strip()
        goal = model.Goal(
            key,
            priority=int(_number(form, "priority", 1, 5)),
            label=label,
            goal_class=model.GoalClass(klass)
            if klass in {c.value for c in model.GoalClass}
            else None,
            targets=tuple(targets),
        )
        with store.begin() as connection:
            existing = {g.key: g.id for g in repo.load_goals(connection)}
            if key in existing:
                repo.update_goal(connection, existing[key], goal)  # type: ignore[arg-type]
            else:
                repo.add_goal(connection, goal)
        return "/goals"

    def goal_remove(request: Request, form: FormData) -> str:
        key = request.path_params["key"]
        with store.begin() as connection:
            ids = [g.id for g in repo.load_goals(connection) if g.key == key]
            if not ids:
                raise InputError(f"no goal {key!r}")
            repo.remove_goal(connection, ids[0])  # type: ignore[arg-type]
        return "/goals"

    def merge(request: Request, form: FormData) -> str:
        from tiewise.ingest import merging

        a = int(_number(form, "contact_a", 1, 2**62))
        b = int(_number(form, "contact_b", 1, 2**62))
        if form.get("decision") == "merge":
            merging.merge(store, a, b, datetime.now())
        else:
            merging.keep_apart(store, a, b, datetime.now())
        return "/merge"

    def settings(request: Request, form: FormData) -> str:
        budget = _number(form, "budget", 0, 200)
        name = str(form.get("name", "")).strip()
        with store.begin() as connection:
            repo.set_setting(connection, BUDGET_SETTING, repr(budget))
            if name:
                repo.save_me(connection, replace(repo.load_me(connection), name=name))
        language = str(form.get("language", ""))
        return f"/settings?lang={language}" if language in ("en", "nl") else "/settings"

    def _names(form: FormData, field: str) -> list[str]:
        return [n.strip() for n in str(form.get(field, "")).splitlines() if n.strip()]

    def _day(form: FormData, field: str, required: bool = True) -> date | None:
        raw = str(form.get(field, "")).strip()
        if not raw and not required:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError as error:
            raise InputError(f"{field}: expected a date YYYY-MM-DD, found {raw!r}") from error

    def _optional(form: FormData, field: str, low: float, high: float) -> float | None:
        return _number(form, field, low, high) if str(form.get(field, "")).strip() else None

    def event_log(request: Request, form: FormData) -> str:
        status = str(form.get("status", "attended"))
        if status not in {s.value for s in model.AttendanceStatus}:
            raise InputError(f"status: expected attended, skipped or planned, found {status!r}")
        with store.connect() as connection:
            known = [repo.find_contact(connection, n).id for n in _names(form, "met")]
        enjoyment = _optional(form, "enjoyment", 1, 5)
        log_attendance(
            store,
            str(form.get("series", "")),
            _day(form, "on"),  # type: ignore[arg-type]
            model.AttendanceStatus(status),
            site.workspace.today(),
            hours=_optional(form, "hours", 0, 48),
            cost=_optional(form, "cost", 0, 100_000),
            enjoyment=None if enjoyment is None else int(enjoyment),
            met=[int(i) for i in known if i is not None],
            newcomers=_names(form, "new"),
            where=str,
        )
        return "/events"

    def event_outcome(request: Request, form: FormData) -> str:
        kind = str(form.get("kind", ""))
        if kind not in {k.value for k in model.OutcomeKind}:
            raise InputError(
                f"kind: expected one of {', '.join(k.value for k in model.OutcomeKind)}"
            )
        with store.connect() as connection:
            people = [repo.find_contact(connection, n).id for n in _names(form, "contacts")]
        event = str(form.get("event", "")).strip() or None
        record_outcome(
            store,
            model.OutcomeKind(kind),
            _day(form, "on"),  # type: ignore[arg-type]
            value=_optional(form, "value", 0, 1e9),
            event=event,
            event_on=_day(form, "event_on", required=False),
            contacts=[int(i) for i in people if i is not None],
            goal=str(form.get("goal", "")).strip() or None,
            description=str(form.get("description", "")).strip() or None,
            where=str,
        )
        return "/events"

    async def upload(request: Request) -> Response:
        form = await request.form()
        check_csrf(request, form.get("csrf"))
        kind = str(form.get("kind", ""))
        upload = form.get("file")
        try:
            if kind not in IMPORT_KINDS:
                raise InputError(f"kind: expected one of {', '.join(IMPORT_KINDS)}, found {kind!r}")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InputError("file: expected a file to import, found none")
            data = await upload.read()
            summary = await run_in_threadpool(_import, site, kind, upload.filename, data)
        except TiewiseError as error:
            return site.render(request, "import.html", 400, summary=None, error=str(error))
        site.workspace.changed()
        return site.render(
            request,
            "import.html",
            summary=summary.as_json(),
            erased=summary.erased,
            warnings=summary.errors,
            error=None,
        )

    return [
        Route("/contacts/{contact_id:int}/rate", form_action(rate), methods=["POST"]),
        Route("/contacts/{contact_id:int}/status", form_action(status), methods=["POST"]),
        Route("/contacts/{contact_id:int}/edit", form_action(edit), methods=["POST"]),
        Route("/contacts/{contact_id:int}/note", form_action(note), methods=["POST"]),
        Route("/contacts/{contact_id:int}/erase", form_action(erase), methods=["POST"]),
        Route("/plan/done", form_action(done), methods=["POST"]),
        Route("/advice/decide", form_action(decide), methods=["POST"]),
        Route("/goals/add", form_action(goal_add), methods=["POST"]),
        Route("/goals/{key}/remove", form_action(goal_remove), methods=["POST"]),
        Route("/merge", form_action(merge), methods=["POST"]),
        Route("/settings", form_action(settings), methods=["POST"]),
        Route("/events/log", form_action(event_log), methods=["POST"]),
        Route("/events/outcome", form_action(event_outcome), methods=["POST"]),
        Route("/import", upload, methods=["POST"]),
    ]


def _import(site: Site, kind: str, filename: str, data: bytes) -> Any:
    """Write the upload under its own name (errors then name the user's file, not a temporary
    one) and import it like ``tiewise import``; one transaction, nothing written on error."""
    from tiewise.ingest.run import run_import

    safe = Path(filename).name or "upload"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        try:
            return run_import(site.workspace.store, kind, [path], datetime.now())
        except TiewiseError as error:
            raise InputError(str(error).replace(str(path), safe)) from error
