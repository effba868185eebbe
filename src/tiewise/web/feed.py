"""The weekly plan as a calendar feed, and its page under Settings.

- ``GET /plan.ics?token=…`` — the same calendar as ``tiewise plan --ics`` (``report/calendar.py``)
  for the plan the dashboard shows. A calendar app fetches it without a browser's session, so
  :class:`~tiewise.web.safety.SafetyMiddleware` lets this one path through without the access
  token of a non-loopback binding; instead it needs the feed's own token
  (``store/feed_token.py``), on every binding. No feed made yet: 404; a missing or wrong token:
  403. Both answer with one line of plain text saying what to do, and read nothing else: the
  plan is computed only for the right token. Nothing is ever written here.
- ``GET /settings/feed`` — the feed's address to subscribe to, with forms to make a new address
  (the old one stops working) or to turn the feed off. The page is rendered for each request,
  not cached like the others: the address names the host the browser used, which a calendar
  app on the same device can reach too.
- ``POST /settings/feed/new``, ``POST /settings/feed/stop`` — those forms (CSRF-checked, as
  every form).
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tiewise.i18n import text
from tiewise.store.feed_token import feed_token, new_feed_token, stop_feed, token_matches
from tiewise.web.posting import Done, Form, form_routes
from tiewise.web.safety import FEED_PATH
from tiewise.web.site import Site

MEDIA_TYPE = "text/calendar; charset=utf-8"
PAGE = "/settings/feed"


def feed_address(request: Request, token: str, language: str) -> str:
    """The feed's URL on the host and scheme this request came in on, in ``language``."""
    base = str(request.base_url).rstrip("/")
    return f"{base}{FEED_PATH}?{urlencode({'token': token, 'lang': language})}"


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def plan_feed(request: Request) -> Response:
        language = site.language_of(request)
        with store.connect() as connection:
            stored = feed_token(connection)
        if stored is None:
            return PlainTextResponse(text("feed.off", language), 404)
        if not token_matches(stored, request.query_params.get("token")):
            return PlainTextResponse(text("feed.forbidden", language), 403)
        from tiewise.report.calendar import plan_calendar

        views = site.workspace.views()
        body = plan_calendar(views.plan, views.profile, language, datetime.now(UTC))
        return Response(
            body,
            media_type=MEDIA_TYPE,
            headers={
                "Cache-Control": "no-store",
                "Content-Disposition": 'inline; filename="tiewise-plan.ics"',
            },
        )

    def page(request: Request) -> Response:
        language = site.language_of(request)
        with store.connect() as connection:
            token = feed_token(connection)
        address = feed_address(request, token, language) if token else None
        subscribe = None
        if address and address.startswith(("http://", "https://")):
            subscribe = "webcal://" + address.split("://", 1)[1]
        return site.render(request, "feed.html", address=address, subscribe=subscribe)

    def renew(request: Request, form: FormData, language: str) -> Done:
        with store.begin() as connection:
            new_feed_token(connection)
        return PAGE, text("feed.saved_new", language)

    def stop(request: Request, form: FormData, language: str) -> Done:
        with store.begin() as connection:
            stop_feed(connection)
        return PAGE, text("feed.saved_off", language)

    site.pages["feed"] = page
    forms: list[Form] = [
        (f"{PAGE}/new", renew, "feed", False),
        (f"{PAGE}/stop", stop, "feed", False),
    ]
    return [
        Route(FEED_PATH, plan_feed, methods=["GET"]),
        Route(PAGE, page),
        *form_routes(site, forms),
    ]
