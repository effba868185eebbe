"""What keeps a local web app safe (ASGI middleware, no framework magic).

- **Host header** must name the bound address (``127.0.0.1:8765``, ``localhost:8765`` …):
  a page on another site that re-points its own domain at 127.0.0.1 (DNS rebinding) sends its
  own domain as Host and is refused.
- **Cross-site posts**: a POST whose ``Origin`` (or, without one, ``Referer``) is another origin
  is refused; every form also carries a CSRF token that must equal the ``tiewise_csrf`` cookie
  (double submit; the cookie is ``SameSite=Strict``), checked by :func:`check_csrf`.
- **Access token**: when bound to a non-loopback address, every request needs the random token
  printed at start, once as ``?token=…`` (then kept in an HttpOnly cookie), as Jupyter does.
  One path is exempt because it carries a token of its own: the calendar feed
  (:data:`FEED_PATH`, GET and HEAD only), which a calendar app fetches without a browser's
  cookie; ``web/feed.py`` refuses it without the feed's own token (a per-database secret),
  on every binding, loopback included. Every other check here applies to it as well.
- **Upload size**: a request body over ``max_body`` bytes is refused with 413, whether or not it
  announces its length.
- **Headers on every response** (pages, error pages, static files, downloads, the refusals
  above): a Content-Security-Policy that allows only this site's own script, style, images and
  fetches (no inline script or style, no frames: ``frame-ancestors 'none'``),
  ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin`` (not
  ``no-referrer``: with it a browser sends ``Origin: null`` on a form post, which the
  cross-site check above would refuse).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from collections.abc import Iterable
from contextlib import suppress
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "tiewise_csrf"
TOKEN_COOKIE = "tiewise_token"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARD = ("0.0.0.0", "::", "")  # bound to every address of the machine
MAX_BODY = 20 * 1024 * 1024
#: The calendar feed: the one path that checks a token of its own instead of the access token.
FEED_PATH = "/plan.ics"
#: Only this site's own files: the stylesheet and the map's script are static files, the charts
#: are SVG without style attributes (``svg.svg_for_csp``), no page has inline script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers without CSP level 2
)


class Forbidden(Exception):
    """A request that fails a safety check (403)."""


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def _in_host_header(name: str) -> str:
    """An address as a Host header names it (an IPv6 address in brackets, no zone)."""
    name = name.split("%")[0].lower()
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


def machine_addresses() -> set[str]:
    """The names and addresses this machine answers to: loopback and ``localhost``, its host
    name and what it resolves to, the source address of its default routes (a UDP socket is
    "connected" to a documentation address: no packet is sent), and on Linux the local
    addresses of every interface (``/proc/net``). Standard library only."""
    found = {"127.0.0.1", "localhost", "::1"}
    hostname = socket.gethostname()
    if hostname:
        found.add(hostname)
        with suppress(OSError):  # a host name that does not resolve: the other ways below
            found.update(str(info[4][0]) for info in socket.getaddrinfo(hostname, None))
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        with suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as udp:  # no route: none
            udp.connect((probe, 9))
            found.add(str(udp.getsockname()[0]))
    found.update(_linux_addresses())
    return {name.split("%")[0] for name in found if name and name not in WILDCARD}


def _linux_addresses() -> set[str]:
    found: set[str] = set()
    with suppress(OSError, ValueError, IndexError):  # not Linux, or another layout
        lines = Path("/proc/net/fib_trie").read_text().splitlines()
        for before, line in pairwise(lines):
            if line.strip() == "/32 host LOCAL":
                found.add(before.split()[-1])
        for line in Path("/proc/net/if_inet6").read_text().splitlines():
            found.add(str(ipaddress.IPv6Address(int(line.split()[0], 16))))
    return found


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host header values a request may carry for a server bound to ``host:port``: on
    loopback, the loopback names; on every address (``0.0.0.0``, ``::``), every name and
    address of the machine (:func:`machine_addresses`) and loopback; else the address bound."""
    if is_loopback(host):
        names = {"127.0.0.1", "localhost", "::1"}
    elif host in WILDCARD:  # the address itself too: a browser on this machine may open it
        names = {*machine_addresses(), *({host} if host else set())}
    else:
        names = {host}
    shown = {_in_host_header(name) for name in names}
    return frozenset({*shown, *(f"{name}:{port}" for name in shown)})


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
        await self._checked(scope, receive, _with_security_headers(send))

    async def _checked(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            await PlainTextResponse("Unknown Host header", 403)(scope, receive, send)
            return
        own_token = scope["path"] == FEED_PATH and scope["method"] in ("GET", "HEAD")
        if self.token is not None and not own_token:
            query = parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True)
            offered = next((value for key, value in query if key == "token"), None)
            cookie = Request(scope).cookies.get(TOKEN_COOKIE)
            if offered is not None and hmac.compare_digest(offered.encode(), self.token.encode()):
                kept = urlencode([(key, value) for key, value in query if key != "token"])
                response = RedirectResponse(scope["path"] + (f"?{kept}" if kept else ""), 303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                await response(scope, receive, send)
                return
            if cookie is None or not hmac.compare_digest(cookie.encode(), self.token.encode()):
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


def _with_security_headers(send: Send) -> Send:
    """``send`` with :data:`SECURITY_HEADERS` added to the start of every response."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(name, value) for name, value in SECURITY_HEADERS if name not in names]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return sending


def secured(response: Response) -> Response:
    """``response`` with :data:`SECURITY_HEADERS`, for a response sent outside the middleware
    (Starlette sends the page of an unexpected error from its outermost layer)."""
    for name, value in SECURITY_HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (set as a cookie by the page that shows the form)."""
    return request.cookies.get(CSRF_COOKIE) or request.state.new_csrf


def check_csrf(request: Request, form_value: object) -> None:
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not isinstance(form_value, str) or not hmac.compare_digest(cookie, form_value):
        raise Forbidden("missing or wrong CSRF token")


def new_token() -> str:
    return secrets.token_urlsafe(24)
