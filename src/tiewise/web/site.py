"""What every page and form handler needs (:class:`Site`): the workspace, the Jinja2 templates
per language, and the rendering of a page — cached per version of the data, with the CSRF token,
a confirmation and a failed form put in per request (see ``forms.py``).

The route modules (``pages``, ``actions``, ``downloads``) import this module; ``app.py`` puts
them together, so no module imports the one that imports it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from html import escape as html_escape
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tiewise.i18n import LANGUAGES, text
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


_STYLED_TAG = re.compile(r"<[A-Za-z][^<>]*?\sstyle=\"[^\"]*\"[^<>]*>")
_STYLE_ATTRIBUTE = re.compile(r"\sstyle=\"([^\"]*)\"")
_STYLE_ELEMENT = re.compile(
    r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>|<style[^>]*>.*?</style>", re.S
)
_SVG_ROOT = re.compile(r"<svg\b")


def _declarations(style: str) -> list[tuple[str, str]]:
    """``fill: #fff; stroke: none`` as ``[("fill", "#fff"), ("stroke", "none")]``."""
    found = []
    for part in unescape(style).split(";"):
        name, colon, value = part.partition(":")
        if colon and re.fullmatch(r"[a-z-]+", name.strip()):
            found.append((name.strip(), value.strip()))
    return found


def _attributes(declarations: list[tuple[str, str]]) -> str:
    return "".join(f' {name}="{html_escape(value, quote=True)}"' for name, value in declarations)


def svg_for_csp(svg: str) -> Markup:
    """An SVG drawn by matplotlib, made fit to sit inline in a page whose Content-Security-
    Policy allows no inline style: each ``style`` attribute becomes presentation attributes
    (``fill="#fff"``, which CSP does not govern and which rank below the stylesheet as the
    declarations did not: the site's stylesheet sets nothing inside charts), and the
    ``<style>`` element (``*{stroke-linejoin: round; stroke-linecap: butt}``) becomes
    attributes of the root, inherited by every element that does not set its own."""

    def attributes(tag: re.Match[str]) -> str:
        text = tag.group(0)
        declared = _declarations(_STYLE_ATTRIBUTE.search(text).group(1))  # type: ignore[union-attr]
        text = _STYLE_ATTRIBUTE.sub("", text, count=1)
        for name, _ in declared:  # an attribute the style overrode
            text = re.sub(rf'\s{re.escape(name)}="[^"]*"', "", text)
        end = -2 if text.endswith("/>") else -1
        return text[:end] + _attributes(declared) + text[end:]

    inherited: list[tuple[str, str]] = []

    def root_rules(element: re.Match[str]) -> str:
        if element.group(1):
            inherited.extend(_declarations(element.group(1)))
        return ""

    svg = _STYLE_ELEMENT.sub(root_rules, svg)
    svg = _STYLED_TAG.sub(attributes, svg)
    if inherited:
        svg = _SVG_ROOT.sub("<svg" + _attributes(inherited), svg, count=1)
    return Markup(svg)  # drawn by matplotlib, which escapes every label


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
    env.filters["svg"] = svg_for_csp
    env.globals["language"] = language
    env.globals["page_link"] = page_link
    env.globals["t"] = lambda key, **values: text(key, language, **values)  # tiewise.i18n
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
