"""What every form post shares: the route that checks the CSRF token and the fields, runs the
work (one write transaction), tells the workspace the data changed and goes back to a page
(303, so a reload does not post again) with a confirmation — or, on a user error, shows the
form's page again with what was typed, the field marked and the message (400; ``forms.py``).

Route modules (``actions``, and those for the other pages' forms) build their POST routes with
:func:`form_routes`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tiewise.errors import InputError, TiewiseError
from tiewise.web.forms import FormState, check_form, set_flash
from tiewise.web.safety import check_csrf
from tiewise.web.site import Site

Done = tuple[str, str]  # the page to go to, and the confirmation it shows
Work = Callable[[Request, FormData, str], Done]
#: path, work, the page the form sits on, whether it may change contact records (merge
#: suggestions are then found again)
Form = tuple[str, Work, str, bool]


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def same_site(url: str, default: str) -> str:
    """A path of this site to go back to (never another host)."""
    return url if url.startswith("/") and not url.startswith("//") else default


def day_field(form: FormData, name: str, required: bool = True) -> date | None:
    raw = str(form.get(name, "")).strip()
    if not raw and not required:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        raise InputError(
            f"{name}: expected a date YYYY-MM-DD, found {raw!r}",
            field=name,
            key="error.expected_date",
            values={"found": raw},
        ) from error


def now(site: Site) -> datetime:
    """This moment on the workspace's day (the real today, or the day a test fixes)."""
    return datetime.combine(site.workspace.today(), datetime.now().time())


def form_action(
    site: Site, work: Work, page: str, contacts_changed: bool
) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        form = await request.form()
        check_csrf(request, form.get("csrf"))
        language = site.language_of(request)
        try:
            check_form(form)  # no control characters in any field (tiewise.hygiene)
            target, message = await run_in_threadpool(work, request, form, language)
        except TiewiseError as error:
            request.state.form = FormState.of(form, error, language)
            return await run_in_threadpool(site.pages[page], request)
        site.workspace.changed(contacts_changed)
        return set_flash(back(target), message)

    return handler


def form_routes(site: Site, forms: Iterable[Form]) -> list[Route]:
    """A POST route for each form."""
    return [
        Route(path, form_action(site, work, page, contacts), methods=["POST"])
        for path, work, page, contacts in forms
    ]
