"""What keeps a local web app safe (ASGI middleware, no framework magic).

- **Host header** must name the bound address (``127.0.0.1:8765``, ``localhost:8765`` …):
  a page on another site that re-points its own domain at 127.0.0.1 (DNS rebinding) sends its
  own domain as Host and is refused.
- **Cross-site posts**: a POST whose ``Origin`` (or, without one, ``Referer``) is another origin
  is refused; every form also carries a CSRF token that must equal the ``tiewise_csrf`` cookie
  (double submit; the cookie is ``SameSite=Strict``), checked by :func:`check_csrf`.
- **Access token**: when bound to a non-loopback address, every request needs the random token
  printed at start, once as ``?token=…`` (then kept in an HttpOnly cookie), as Jupyter does.
- **Upload size**: a request body over ``max_body`` bytes is refused with 413, whether or not it
  announces its length.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "tiewise_csrf"
TOKEN_COOKIE = "tiewise_token"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_BODY = 20 * 1024 * 1024


class Forbidden(Exception):
    """A request that fails a safety check (403)."""


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host header values a request may carry for a server bound to ``host:port``."""
    names = {"127.0.0.1", "localhost", "[::1]"} if is_loopback(host) else {host}
    return frozenset({*names, *(f"{name}:{port}" for name in names)})


class SafetyMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        hosts: Iterable[str],
        token: str | None = None,
        max_body: int = MAX_BODY,
    ) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            await PlainTextResponse("Unknown Host header", 403)(scope, receive, send)
            return
        if self.token is not None:
            query = parse_qs(scope.get("query_string", b"").decode())
            offered = query.get("token", [None])[0]
            cookie = Request(scope).cookies.get(TOKEN_COOKIE)
            if offered is not None and hmac.compare_digest(offered, self.token):
                response = RedirectResponse(scope["path"], 303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                await response(scope, receive, send)
                return
            if cookie is None or not hmac.compare_digest(cookie, self.token):
                await PlainTextResponse("Access token required", 403)(scope, receive, send)
                return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            source = headers.get("origin") or headers.get("referer")
            if source is not None and urlsplit(source).netloc.lower() not in self.hosts:
                await PlainTextResponse("Cross-site request refused", 403)(scope, receive, send)
                return
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await PlainTextResponse("Upload too large", 413)(scope, receive, send)
            return
        await self.app(scope, self._limited(receive), send)

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise Forbidden("upload too large")
            return message

        return limited


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (set as a cookie by the page that shows the form)."""
    return request.cookies.get(CSRF_COOKIE) or request.state.new_csrf


def check_csrf(request: Request, form_value: object) -> None:
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not isinstance(form_value, str) or not hmac.compare_digest(cookie, form_value):
        raise Forbidden("missing or wrong CSRF token")


def new_token() -> str:
    return secrets.token_urlsafe(24)
