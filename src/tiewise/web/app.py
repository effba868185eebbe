"""The ASGI app: the routes of ``pages``, ``actions`` and ``downloads`` over one :class:`Site`,
the static files, the safety middleware, and errors without traces.

Pages only present what ``analysis/`` and ``advice/`` compute (through :class:`Workspace`);
forms write through the write-side modules in one transaction and then tell the workspace that
the data changed. Every page works without JavaScript; only the drawing of the network map
needs it (its page lists the same network).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response

from tiewise.errors import StoreBusyError, TiewiseError
from tiewise.web import (
    actions,
    bulk,
    contact_forms,
    downloads,
    feed,
    goal_forms,
    me_forms,
    pages,
    sectors,
    series_forms,
    static_files,
)
from tiewise.web.safety import MAX_BODY, Forbidden, SafetyMiddleware, secured
from tiewise.web.site import HERE, Site
from tiewise.web.workspace import Workspace

log = logging.getLogger("tiewise.web")


def create_app(
    db: str,
    language: str = "en",
    hosts: frozenset[str] = frozenset({"127.0.0.1:8765", "localhost:8765"}),
    token: str | None = None,
    today: Any = date.today,
    max_body: int = MAX_BODY,
) -> Starlette:
    """The web app over the database ``db``. ``hosts``: the Host header values accepted;
    ``token``: required from every browser when set (non-loopback binding)."""
    site = Site(Workspace(db, today), language)

    def said(request: Request, error: object) -> str:
        """An error in the page's language: a tiewise error by ``said``, another as it is."""
        if isinstance(error, TiewiseError):
            return error.said(site.language_of(request))
        return str(error)

    async def forbidden(request: Request, error: Exception) -> Response:
        return site.render(request, "error.html", 403, message=said(request, error))

    async def user_error(request: Request, error: Exception) -> Response:
        return site.render(request, "error.html", 400, message=said(request, error))

    async def busy(request: Request, error: Exception) -> Response:
        """Another write held the database too long: nothing was written; try again."""
        response = site.render(request, "error.html", 503, message=said(request, error))
        response.headers["Retry-After"] = "5"
        return response

    async def not_found(request: Request, error: Exception) -> Response:
        status = getattr(error, "status_code", 404)
        detail = getattr(error, "detail", "")
        return site.render(request, "error.html", status, message=said(request, detail))

    async def server_error(request: Request, error: Exception) -> Response:
        log.exception("error while serving %s", request.url.path)  # the trace stays in the log
        # sent by Starlette's outermost layer, outside SafetyMiddleware: add its headers here
        return secured(site.render(request, "error.html", 500, message=None))

    routes = [
        *pages.routes(site),
        *actions.routes(site),
        *downloads.routes(site),
        *contact_forms.routes(site),
        *series_forms.routes(site),
        *me_forms.routes(site),
        *goal_forms.routes(site),
        *feed.routes(site),
        *sectors.routes(site),
        *bulk.routes(site),
        *static_files.routes(HERE / "static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SafetyMiddleware, hosts=hosts, token=token, max_body=max_body)],
        exception_handlers={
            Forbidden: forbidden,
            StoreBusyError: busy,
            TiewiseError: user_error,
            HTTPException: not_found,
            Exception: server_error,
        },
    )
    app.state.site = site
    return app
