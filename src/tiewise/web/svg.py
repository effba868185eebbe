"""Charts drawn by matplotlib, made fit for a page whose Content-Security-Policy allows no inline
style (``safety.py``): done once per chart, when the workspace keeps it (``Views.charts``)."""

from __future__ import annotations

import re
from html import escape as html_escape
from html import unescape

from markupsafe import Markup

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
