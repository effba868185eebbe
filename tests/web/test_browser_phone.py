"""Issue 19 in a real browser: every page of the app on a 390 px phone and a 1280 px screen, on
the demo database and on an empty one — checked with axe-core (no serious or critical finding),
for sideways scrolling and for tap targets of at least 44 px; the events table keeps €/h and
*Why* in sight on a phone, the invitations page stays short, and the charts scale.

axe-core comes bundled in the ``axe-playwright-python`` package (the test extras): nothing is
loaded from a CDN. Uses the chromium fixtures of ``test_browser.py`` (skipped with them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tiewise.store import Store

from .test_browser import MAP_DRAWN, page, serve, server, shot  # noqa: F401 - fixtures

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

PHONE, SCREEN = 390, 1280

#: Every page a person can open; ``{contact}`` and ``{series}`` are filled from the database.
PAGES = [
    "/",
    "/contacts",
    "/contacts/new",
    "/contacts/{contact}",
    "/contacts/{contact}/edit",
    "/network",
    "/goals",
    "/advice",
    "/invitations",
    "/decisions",
    "/introductions",
    "/events",
    "/events/series/{series}",
    "/merge",
    "/sectors",
    "/import",
    "/settings",
    "/settings/feed",
]

#: The map's own controls belong to the map page's design (web/network.py, static/map.js): the
#: map page is checked with axe here, its tap targets in its own tests.
TAP_TARGETS_ELSEWHERE = {"/network"}

#: Controls in ``main`` and the header (the menu, the languages) smaller than 44 px. A link in
#: running text is exempt (WCAG 2.5.5's "inline" exception): one shown inline whose parent holds
#: more text than the link. A radio button or tick box counts by the label around it, which is
#: what a finger hits.
SMALL_TARGETS = """() => {
  const found = [];
  const words = (node) => node.textContent.replace(/\\s+/g, " ").trim();
  const controls = "a[href], button, summary, select, textarea, input:not([type=hidden])";
  const shown = [...document.querySelectorAll("header, main")];
  for (const control of shown.flatMap((part) => [...part.querySelectorAll(controls)])) {
    const box = control.matches("input[type=radio], input[type=checkbox]")
      ? control.closest("label") || control : control;
    const rect = box.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;  // not shown (a closed <details>)
    if (control.tagName === "A" && getComputedStyle(control).display === "inline"
        && words(control.parentElement).length > words(control).length) continue;
    if (rect.height < 43.5) {
      found.push(`${control.tagName.toLowerCase()} "${words(control).slice(0, 40)}" `
        + `${rect.height.toFixed(1)} px`);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("empty") / "empty.db"
    with Store.open(db):
        pass
    yield from serve(db)


@pytest.fixture(scope="module")
def audit() -> dict[tuple[str, int], dict[str, dict[str, Any]]]:
    """What each page showed, by (database, width) and path: filled by the first test that asks."""
    return {}


def _paths(page, base: str) -> list[str]:  # noqa: F811
    page.goto(base + "/events?lang=en")
    series = page.locator("a[href^='/events/series/']")
    first = series.first.get_attribute("href").rsplit("/", 1)[1] if series.count() else "1"
    return [p.format(contact=5, series=first) for p in PAGES]


def _visit(page, base: str, width: int) -> dict[str, dict[str, Any]]:  # noqa: F811
    axe = axe_sync.Axe()
    seen: dict[str, dict[str, Any]] = {}
    paths = _paths(page, base)
    page.set_viewport_size({"width": width, "height": 800})
    try:
        for path in paths:
            response = page.goto(base + path + "?lang=en")
            if path == "/network" and page.locator("#map").count():
                page.wait_for_selector(MAP_DRAWN)
            violations = axe.run(page).response["violations"]
            seen[path] = {
                "status": response.status,
                "serious": [
                    f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'])}"
                    for v in violations
                    if v["impact"] in ("serious", "critical")
                ],
                "scroll_width": page.evaluate("document.scrollingElement.scrollWidth"),
                "small": page.evaluate(SMALL_TARGETS) if width == PHONE else [],
            }
    finally:
        page.set_viewport_size({"width": SCREEN, "height": 900})
    return seen


def _audited(audit, page, bases: dict[str, str], database: str, width: int):  # noqa: F811
    if (database, width) not in audit:
        audit[database, width] = _visit(page, bases[database], width)
    return audit[database, width]


@pytest.fixture(scope="module")
def bases(server: str, empty_server: str) -> dict[str, str]:  # noqa: F811
    return {"demo": server, "empty": empty_server}


@pytest.mark.parametrize("width", [SCREEN, PHONE])
@pytest.mark.parametrize("database", ["demo", "empty"])
def test_axe_finds_nothing_serious_on_any_page(page, audit, bases, database: str, width: int):  # noqa: F811
    seen = _audited(audit, page, bases, database, width)
    assert len(seen) == len(PAGES)
    if database == "demo":
        assert all(s["status"] == 200 for s in seen.values()), {
            p: s["status"] for p, s in seen.items()
        }
    found = {path: s["serious"] for path, s in seen.items() if s["serious"]}
    assert found == {}


@pytest.mark.parametrize("database", ["demo", "empty"])
def test_no_page_scrolls_sideways_on_a_phone(page, audit, bases, database: str):  # noqa: F811
    seen = _audited(audit, page, bases, database, PHONE)
    wide = {path: s["scroll_width"] for path, s in seen.items() if s["scroll_width"] > PHONE}
    assert wide == {}


@pytest.mark.parametrize("database", ["demo", "empty"])
def test_every_control_is_a_44_px_target_on_a_phone(page, audit, bases, database: str):  # noqa: F811
    seen = _audited(audit, page, bases, database, PHONE)
    small = {
        path: s["small"]
        for path, s in seen.items()
        if s["small"] and path not in TAP_TARGETS_ELSEWHERE
    }
    assert small == {}


def test_the_events_table_shows_value_per_hour_and_why_on_a_phone(page, server: str):  # noqa: F811
    page.set_viewport_size({"width": PHONE, "height": 800})
    try:
        page.goto(server + "/events?lang=en")
        rows = page.locator("[data-testid=event-series] tbody tr")
        assert rows.count() >= 5
        for label in ("€ per hour", "Why"):
            cells = page.locator(f"[data-testid=event-series] td[data-label='{label}']")
            assert cells.count() == rows.count()
            for k in range(cells.count()):
                cell = cells.nth(k)
                box = cell.bounding_box()
                assert box["width"] > 0 and box["height"] > 0
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE  # no sideways scroll
                assert cell.inner_text().strip()
                shown = cell.evaluate("c => getComputedStyle(c, '::before').content")
                assert shown == f'"{label}"'  # the column's name beside the value
        shot(page, "phone-events-cards")
    finally:
        page.set_viewport_size({"width": SCREEN, "height": 900})


def test_the_invitations_page_is_compact_on_a_phone(page, server: str):  # noqa: F811
    """One line per invitation — who, and the advice — with the reason, the figures and the
    decision behind a disclosure; the whole page under 3,000 px."""
    page.set_viewport_size({"width": PHONE, "height": 800})
    try:
        page.goto(server + "/invitations?lang=en")
        rows = page.locator("tr[data-invitation]")
        assert rows.count() >= 10
        assert page.evaluate("document.scrollingElement.scrollHeight") < 3000
        for k in range(rows.count()):
            row = rows.nth(k)
            assert row.bounding_box()["height"] <= 60  # one line of 44 px, and its border
            assert row.locator("td.verdict").is_visible()
            assert not row.locator("td.decide button").first.is_visible()
        first = rows.first
        first.locator("summary").click()
        buttons = first.locator("td.decide button")
        assert buttons.count() == 3
        for k in range(3):
            assert buttons.nth(k).is_visible()
            assert buttons.nth(k).bounding_box()["height"] >= 44
        assert first.locator(".why-line").is_visible()
        assert first.locator("details.figures li").first.is_visible()
        shot(page, "phone-invitations")
    finally:
        page.set_viewport_size({"width": SCREEN, "height": 900})


def test_the_event_charts_are_svg_that_scale(page, server: str):  # noqa: F811
    page.goto(server + "/events?lang=en")
    charts = page.locator("figure.chart > svg")
    assert charts.count() == 2
    for k in range(2):
        svg = charts.nth(k)
        assert svg.get_attribute("viewBox")
        assert svg.get_attribute("width") == "100%"
        assert svg.get_attribute("height") is None
    assert "log scale" in page.locator("figure.chart").first.inner_text()
    for width in (PHONE, SCREEN):
        page.set_viewport_size({"width": width, "height": 900})
        for k in range(2):
            svg, figure = charts.nth(k).bounding_box(), page.locator("figure.chart").nth(k)
            assert abs(svg["width"] - figure.bounding_box()["width"]) < 1  # fills its figure
            assert svg["x"] + svg["width"] <= width
    page.set_viewport_size({"width": SCREEN, "height": 900})
