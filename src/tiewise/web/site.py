"""What every page and form handler needs (:class:`Site`): the workspace, the Jinja2 templates
per language, and the rendering of a page — cached per version of the data, with the CSRF token,
a confirmation and a failed form put in per request (see ``forms.py``).

The route modules (``pages``, ``actions``, ``downloads``) import this module; ``app.py`` puts
them together, so no module imports the one that imports it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tiewise.display import birthday
from tiewise.i18n import LANGUAGES, label, plural, text
from tiewise.report.counts import counted
from tiewise.web.forms import FLASH_PLACEHOLDER, flash_html, forget_flash, placeholder
from tiewise.web.safety import CSRF_COOKIE, csrf_token, new_token
from tiewise.web.translations import day, number, percent, translations
from tiewise.web.workspace import Views, Workspace

HERE = Path(__file__).parent
LANGUAGE_COOKIE = "tiewise_lang"
CSRF_PLACEHOLDER = placeholder("csrf")  # replaced by the browser's token in every response
log = logging.getLogger("tiewise.web")


def page_link(request: Request, page: int) -> str:
    """The current URL's query with ``page`` set to ``page`` (the other parameters kept)."""
    return "?" + urlencode({**request.query_params, "page": page})


def _environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["number"] = lambda value, digits=0: number(value, digits, language)
    env.filters["percent"] = lambda value: percent(value, language)
    env.filters["day"] = lambda value: day(value, language)
    env.filters["birthday"] = lambda value: birthday(value, language)
    # an import's reason (ingest/tally.Why) in the language, any other text as it is
    env.filters["said"] = lambda why: why.said(language) if hasattr(why, "said") else why
    env.filters["label"] = lambda value, vocabulary: label(vocabulary, value, language)
    env.globals["language"] = language
    env.globals["page_link"] = page_link
    env.globals["t"] = lambda key, **values: text(key, language, **values)  # tiewise.i18n
    env.globals["p"] = lambda key, count, **values: plural(key, count, language, **values)
    env.globals["counted"] = lambda title, shown, total: counted(title, shown, total, language)
    env.globals["form"] = None  # the failed form, when a page is shown again (web/forms.py)
    env.globals["flash"] = FLASH_PLACEHOLDER
    return env


class Site:
    """What every handler needs: the workspace, the templates per language, the default
    language."""

    def __init__(self, workspace: Workspace, language: str) -> None:
        self.workspace = workspace
        self.language = language
        self.environments = {code: _environment(code) for code in LANGUAGES}
        self.pages: dict[str, Callable[[Request], Response]] = {}  # filled by pages.routes

    def language_of(self, request: Request) -> str:
        chosen = request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
        return chosen if chosen in LANGUAGES else self.language

    def _html(self, request: Request, template: str, language: str, **context: Any) -> str:
        return (
            self.environments[language]
            .get_template(template)
            .render(request=request, path=request.url.path, **context)
        )

    def _respond(self, request: Request, html: str, status: int, language: str) -> HTMLResponse:
        request.state.new_csrf = new_token()
        token = csrf_token(request)
        html = html.replace(CSRF_PLACEHOLDER, token).replace(FLASH_PLACEHOLDER, flash_html(request))
        response = HTMLResponse(html, status)
        forget_flash(request, response)
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        if "lang" in request.query_params and request.query_params["lang"] in LANGUAGES:
            response.set_cookie(LANGUAGE_COOKIE, language, samesite="lax")
        return response

    def render(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        """Render ``template`` for this request (error pages, form results)."""
        language = self.language_of(request)
        html = self._html(request, template, language, csrf=CSRF_PLACEHOLDER, **context)
        return self._respond(request, html, status, language)

    def page(
        self, request: Request, template: str, context: Callable[[Views], dict[str, Any]]
    ) -> HTMLResponse:
        """A page that is a function of the data, the language and the URL: rendered once per
        version of the data (the CSRF token and a confirmation are put in per request), so that
        a page costs a few milliseconds however large the network. A page shown again after a
        form error (``request.state.form``) is rendered for that request, with status 400."""
        views = self.workspace.views()
        language = self.language_of(request)
        failed = getattr(request.state, "form", None)
        if failed is not None:  # a form shown again after an error: not cached
            html = self._html(
                request, template, language, csrf=CSRF_PLACEHOLDER, form=failed, **context(views)
            )
            return self._respond(request, html, 400, language)
        key = (language, request.url.path, request.url.query)
        html = views.cached_page(
            key,
            lambda: self._html(
                request, template, language, csrf=CSRF_PLACEHOLDER, **context(views)
            ),
        )
        return self._respond(request, html, 200, language)
