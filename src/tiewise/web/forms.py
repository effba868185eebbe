"""Forms that forgive: what a form handler needs besides the write itself.

A form posts to an action (``actions.py``). On success the action writes in one transaction and
redirects (303) to a page that shows a confirmation (a short-lived cookie read by the next
page). On a user error nothing is written and the page the form sits on is rendered again with
status 400: the same form, everything typed kept, the field at fault marked (``aria-invalid``),
the message in the page's language and, when a name matched several people, the candidates to
choose from (radio buttons named ``choose:<name>``). The templates do this with the macros in
``templates/forms.html``.
"""

from __future__ import annotations

import dataclasses
import secrets
from typing import Any
from urllib.parse import quote, unquote

from markupsafe import Markup, escape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from tiewise.errors import InputError, NotFoundError, TiewiseError, UserError
from tiewise.hygiene import MULTI_LINE, SINGLE_LINE, check_text

FLASH_COOKIE = "tiewise_flash"
_NONCE = secrets.token_hex(8)


def placeholder(name: str) -> Markup:
    """A mark that a page's markup carries where something per request goes in (the CSRF
    token, a confirmation). It holds ``<`` and ``>``, which autoescape turns into ``&lt;`` and
    ``&gt;`` in every piece of user text, and a random part new in every process: no name,
    note or imported value can ever spell it in a page, so only the template's own marks are
    replaced."""
    return Markup(f"<tiewise-{name}-{_NONCE}>")


FLASH_PLACEHOLDER = placeholder("flash")  # replaced by the confirmation of the last save, if any
CHOOSE = "choose:"  # prefix of the fields that pick one of several people a name matched


@dataclasses.dataclass(frozen=True)
class FormState:
    """A form that failed: its ``id`` (the hidden field ``form``), what was typed, the field at
    fault, the message in the page's language (a user's error by its message key — the field is
    marked, so the message does not name it; a file's or the database's error as
    ``TiewiseError.said`` says it), and the contacts an ambiguous ``name`` matched."""

    id: str
    values: dict[str, str]
    message: str
    field: str | None = None
    name: str | None = None
    candidates: list[Any] = dataclasses.field(default_factory=list)

    def value(self, name: str, default: object = "") -> object:
        return self.values.get(name, default)

    @classmethod
    def of(cls, form: FormData, error: TiewiseError, language: str) -> FormState:
        if isinstance(error, UserError):
            message = error.message(language)
            if isinstance(error, NotFoundError) and error.also:  # the other names that matched none
                message = "; ".join([message, *(e.said(language) for e in error.also)])
        else:
            message = error.said(language)
        return cls(
            id=str(form.get("form", "")),
            values={
                k: _shown(k, v) for k, v in form.multi_items() if isinstance(v, str) and k != "csrf"
            },
            message=message,
            field=error.field if isinstance(error, UserError) else None,
            name=error.name if isinstance(error, NotFoundError) else None,
            candidates=list(error.candidates) if isinstance(error, NotFoundError) else [],
        )


#: The fields that are a textarea: tab, line feed and carriage return are text in them.
MULTI_LINE_FIELDS = frozenset(
    {"people", "text", "met", "new", "contacts", "targets", "email", "phone", "url"}
)


def check_form(form: FormData) -> None:
    """Refuse a form any of whose text fields holds a control character (``tiewise.hygiene``):
    a NUL or an escape typed or pasted is never stored. Checked for every field of every form
    before the action runs, so no action can forget it; the field at fault is marked."""
    for key, value in form.multi_items():
        check_text(key, key)
        if isinstance(value, str):
            check_text(value, key, multiline=key in MULTI_LINE_FIELDS)


def _shown(key: str, value: str) -> str:
    """A value typed, as the form shows it again: a control character refused becomes
    U+FFFD (what a browser shows for a NUL anyway), so the user sees where it was."""
    return (MULTI_LINE if key in MULTI_LINE_FIELDS else SINGLE_LINE).sub("\ufffd", value)


def choices(form: FormData) -> dict[str, int]:
    """The people picked among the candidates of an ambiguous name: ``{name: contact id}``."""
    picked = {}
    for key, value in form.multi_items():
        if key.startswith(CHOOSE) and str(value).isdigit():
            picked[key[len(CHOOSE) :]] = int(str(value))
    return picked


def names(form: FormData, name: str) -> list[str]:
    """Names typed in a field, one per line or separated by commas or semicolons."""
    raw = str(form.get(name, "")).replace(";", "\n").replace(",", "\n")
    return [part.strip() for part in raw.splitlines() if part.strip()]


def text_field(form: FormData, name: str, required: bool = False, key: str = "") -> str:
    value = check_text(str(form.get(name, "")), name, multiline=name in MULTI_LINE_FIELDS).strip()
    if required and not value:
        raise InputError(
            f"{name}: expected {key or 'a value'}, found nothing",
            field=name,
            key="error.required",
            values={"field": name},
        )
    return value


def number_field(form: FormData, name: str, low: float, high: float) -> float:
    raw = str(form.get(name, "")).strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise InputError(
            f"{name}: expected a number from {low:g} to {high:g}, found {raw!r}",
            field=name,
            key="error.number",
            values={"low": low, "high": high, "found": raw},
        )
    return value


def optional_number(form: FormData, name: str, low: float, high: float) -> float | None:
    return number_field(form, name, low, high) if str(form.get(name, "")).strip() else None


def set_flash(response: Response, message: str) -> Response:
    """Carry a confirmation to the page the browser is sent to."""
    response.set_cookie(
        FLASH_COOKIE, quote(message), max_age=60, httponly=True, samesite="strict", path="/"
    )
    return response


def flash_html(request: Request) -> str:
    """The confirmation waiting for this page, as HTML (empty when there is none)."""
    message = request.cookies.get(FLASH_COOKIE)
    if message is None:
        return ""
    return f'<p class="flash" role="status">{escape(unquote(message))}</p>'


def forget_flash(request: Request, response: Response) -> None:
    """A confirmation is shown once."""
    if FLASH_COOKIE in request.cookies:
        response.delete_cookie(FLASH_COOKIE, path="/", httponly=True, samesite="strict")
