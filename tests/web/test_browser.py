"""End to end in a real browser: Playwright drives Debian's chromium against ``tiewise serve``'s
app on a free loopback port. Screenshots of every page go to ``test-artifacts/screenshots``.

``make test`` installs chromium when it is missing (``playwright install`` cannot download
browsers here). Without chromium these tests are skipped locally and fail in CI.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tiewise.web.app import create_app
from tiewise.web.safety import allowed_hosts

from ..conftest import DEMO_TODAY

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
FIXTURES = Path(__file__).parent.parent / "fixtures"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: make test installs it with apt-get", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed (make test installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


#: The map has drawn. A selector, not ``wait_for_function``: Playwright polls a function with
#: ``eval``, which the pages' Content-Security-Policy forbids (no 'unsafe-eval').
MAP_DRAWN = "#map:not([data-nodes-drawn='0'])"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(db: Path) -> Iterator[str]:
    """The web app over ``db`` on a free local port, in a thread, for as long as it is used."""
    port = _free_port()
    app = create_app(str(db), hosts=allowed_hosts("127.0.0.1", port), today=lambda: DEMO_TODAY)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copy(demo_db, db)
    yield from serve(db)


@pytest.fixture(scope="module")
def page(server: str):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        opened = context.new_page()
        opened.set_default_timeout(20_000)
        yield opened
        browser.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_the_dashboard_opens_and_the_keyboard_reaches_the_content(page, server: str):
    page.goto(server + "/?lang=en")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator(".card").count() == 4
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    shot(page, "dashboard")


def test_uploading_a_vcard_shows_the_summary(page, server: str):
    page.goto(server + "/import")
    page.select_option("select[name=kind]", "vcard")
    page.set_input_files("input[type=file]", str(FIXTURES / "vcard" / "android_2.1.vcf"))
    page.click("form[action='/import'] button[type=submit]")
    page.wait_for_selector("[data-testid=import-summary]")
    assert int(page.locator("[data-testid=added]").inner_text()) >= 1
    shot(page, "import")


def test_rating_a_contact_changes_its_class(page, server: str):
    page.goto(server + "/contacts?class=weak&sort=name")
    page.locator("tbody a").first.click()
    assert page.locator("[data-testid=tie-class]").inner_text() == "weak"
    page.check("input[name=closeness][value='5']")
    page.click("form[action$='/rate'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=tie-class]").inner_text() == "strong"
    shot(page, "contact")


def test_the_map_draws_every_contact(page, server: str):
    expected = len(page.request.get(server + "/network.json").json()["nodes"])
    page.goto(server + "/network")
    page.wait_for_selector(MAP_DRAWN, timeout=20_000)
    assert int(page.locator("#map").get_attribute("data-nodes-drawn")) == expected
    page.select_option("select[name=class]", "strong")
    strong = int(page.locator("#map").get_attribute("data-nodes-drawn"))
    assert 0 < strong < expected
    shot(page, "network")


def test_switching_to_dutch_shows_dutch_labels(page, server: str):
    page.goto(server + "/")
    page.click("a[lang=nl]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Overzicht"
    assert "Netwerkkaart" in page.locator("nav").inner_text()
    shot(page, "dashboard-nl")
    page.click("a[lang=en]")


@pytest.mark.parametrize(
    "path",
    [
        "/contacts",
        "/goals",
        "/advice",
        "/invitations",
        "/decisions",
        "/introductions",
        "/events",
        "/merge",
        "/settings",
    ],
)
def test_every_page_renders_in_the_browser(page, server: str, path: str):
    page.goto(server + path + "?lang=en")
    assert page.locator("h1").count() == 1
    assert not re.search(r"Something went wrong", page.content())
    shot(page, path.strip("/"))


@pytest.mark.parametrize(
    "path",
    ["/", "/contacts", "/contacts/5", "/goals", "/advice", "/invitations", "/decisions", "/events"],
)
def test_the_pages_are_readable_at_phone_width(page, server: str, path: str):
    """No sideways scrolling of the page at 375 px (wide tables scroll inside their box)."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(server + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    shot(page, "phone-" + (path.strip("/").replace("/", "-") or "dashboard"))
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_large_network_is_drawn_as_one_circle_per_cluster(page, server: str):
    """At 30,000 contacts the server sends clusters, not contacts (``web/network.py``)."""
    clusters = [{"index": k, "label": f"circle {k}", "size": 2500} for k in range(12)]
    nodes = [
        {
            "cluster": k,
            "label": f"circle {k}",
            "size": 2500,
            "strong": 40,
            "x": 300 * math.cos(k / 2),
            "y": 300 * math.sin(k / 2),
            "radius": 60,
        }
        for k in range(12)
    ] + [{"cluster": -1, "label": "", "size": 0, "strong": 0, "x": 0, "y": 400, "radius": 20}]
    payload = {
        "mode": "clusters",
        "me": "me",
        "clusters": clusters,
        "nodes": nodes,
        "edges": [[0, 1, 40], [1, 2, 3]],
        "contacts": 30000,
    }
    page.route("**/network.json", lambda route: route.fulfill(json=payload))
    page.goto(server + "/network")
    page.wait_for_selector(MAP_DRAWN)
    assert page.locator("#map").get_attribute("data-nodes-drawn") == "13"
    assert "30,000 contacts in 12 clusters" in page.locator("#map-note").inner_text()
    assert page.locator("select[name=class]").is_disabled()
    shot(page, "network-clusters")
    page.unroute("**/network.json")


def test_a_person_is_erased_only_after_ticking_the_box(page, server: str):
    page.goto(server + "/contacts/300?lang=en")
    name = page.locator("h1").inner_text()
    page.click("#form-erase button[type=submit]")
    assert page.url.endswith("/contacts/300?lang=en")  # the unticked box stops the form
    page.check("#form-erase input[name=confirm]")
    page.click("#form-erase button[type=submit]")
    page.wait_for_url(server + "/contacts")
    assert page.goto(server + "/contacts/300").status == 404
    page.goto(server + "/contacts?q=" + name)
    assert page.locator("a[href='/contacts/300']").count() == 0


def test_the_report_downloads_as_pdf_from_the_dashboard(page, server: str):
    page.goto(server + "/?lang=en")
    with page.expect_download() as waiting:
        page.click("a[href='/report.pdf']")
    download = waiting.value
    assert download.suggested_filename == "tiewise-report-2026-11-01.pdf"
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"


def test_contact_is_logged_from_a_contact_page_and_confirmed(page, server: str):
    page.goto(server + "/contacts/7?lang=en")
    page.select_option("#form-log select[name=kind]", "coffee")
    page.fill("#form-log input[name=on]", "2026-10-29")
    page.fill("#form-log input[name=minutes]", "40")
    page.fill("#form-log input[name=note]", "Plans for the spring fair")
    page.click("#form-log button[type=submit]")
    page.wait_for_selector(".flash")
    assert "Recorded: coffee with" in page.locator(".flash").inner_text()
    timeline = page.locator("[data-testid=timeline]").inner_text()
    assert "Plans for the spring fair" in timeline and "logged by you" in timeline
    shot(page, "contact-logged")


def test_a_typo_keeps_the_form_and_an_ambiguous_name_offers_a_choice(page, server: str):
    page.goto(server + "/?lang=en")
    ambiguous = "Liam"  # two people in the demo network of seed 1
    page.fill("#form-quicklog textarea[name=people]", "Nobody Atall")
    page.fill("#form-quicklog input[name=note]", "lunch talk")
    page.click("#form-quicklog button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.locator("#form-quicklog textarea[name=people]").input_value() == "Nobody Atall"
    assert page.locator("#form-quicklog input[name=note]").input_value() == "lunch talk"
    assert page.locator("#form-quicklog textarea[aria-invalid=true]").count() == 1
    shot(page, "form-error")
    page.fill("#form-quicklog textarea[name=people]", ambiguous)
    page.click("#form-quicklog button[type=submit]")
    page.wait_for_selector(f"#form-quicklog input[name='choose:{ambiguous}']")
    assert page.locator(f"#form-quicklog input[name='choose:{ambiguous}']").count() >= 2
    page.locator(f"#form-quicklog input[name='choose:{ambiguous}']").first.check()
    page.click("#form-quicklog button[type=submit]")
    page.wait_for_selector(".flash")
    assert "Recorded:" in page.locator(".flash").inner_text()


def test_accepted_advice_is_listed_under_decisions(page, server: str):
    page.goto(server + "/advice?lang=en")
    item = page.locator("li[data-contact]:has(button[value=accept])").first  # not yet decided
    contact_id = item.get_attribute("data-contact")
    item.locator("button[value=accept]").click()
    page.wait_for_selector(".flash")
    assert page.locator(f"li.accepted[data-contact='{contact_id}']").count() == 1
    page.goto(server + "/decisions")
    assert page.locator(f"[data-testid=decisions] a[href='/contacts/{contact_id}']").count() >= 1


WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_every_page_works_under_its_content_security_policy(page, server: str):
    """Each page comes with a CSP (no inline script or style, no framing), nosniff and a
    same-origin Referrer-Policy; chromium reports no violation on any page — the map still
    draws with its static script, the event charts keep their colours — and a form still
    posts (a no-referrer policy would send ``Origin: null``, which the server refuses)."""
    page.add_init_script(WATCH_CSP)
    paths = [*PAGES_SEEN, "/contacts/5", "/network", "/import", "/sectors"]
    for path in paths:
        response = page.goto(server + path + "?lang=en")
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "unsafe-inline" not in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "same-origin", path
        if path == "/network":
            page.wait_for_selector(MAP_DRAWN)
        assert page.evaluate("window.__cspViolations") == [], path
    page.goto(server + "/events?lang=en")
    fill = page.evaluate(
        "getComputedStyle(document.querySelector('figure.chart svg path[fill]')).fill"
    )
    assert fill not in ("", "rgb(0, 0, 0)")  # the chart's colours survive without style=
    page.goto(server + "/contacts/9?lang=en")
    page.fill("#form-note textarea[name=text]", "Posted under the policy")
    page.click("#form-note button[type=submit]")
    page.wait_for_selector(".flash")
    assert "Posted under the policy" in page.content()
    assert page.evaluate("window.__cspViolations") == []
    framed = page.request.get(server + "/static/map.js")
    assert framed.headers["content-security-policy"].endswith("frame-ancestors 'none'")
    assert framed.headers["x-content-type-options"] == "nosniff"


PAGES_SEEN = [
    "/",
    "/contacts",
    "/goals",
    "/advice",
    "/invitations",
    "/decisions",
    "/introductions",
    "/events",
    "/merge",
    "/settings",
]
