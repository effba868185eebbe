"""The network map in a real browser (issue 19): pan and zoom by keyboard, mouse and touch, find
a person, a first tap that shows who it is without leaving the page, labels that never overlap,
a map that fills a phone's width, and the list view with and without JavaScript. Uses the
chromium fixtures of ``test_browser.py`` (skipped with them)."""

from __future__ import annotations

import math

import pytest

from .test_browser import MAP_DRAWN, WATCH_CSP, page, server, shot  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api").expect


def _open(page, server: str, lang: str = "en") -> dict:  # noqa: F811
    page.goto(server + "/network?lang=" + lang)
    page.wait_for_selector(MAP_DRAWN)
    return page.request.get(server + "/network.json").json()


def _view(page) -> tuple[float, float, float]:  # noqa: F811
    scale, x, y = page.locator("#map").get_attribute("data-view").split()
    return float(scale), float(x), float(y)


def _on_screen(page, node: dict) -> tuple[float, float]:  # noqa: F811
    """Where ``node`` is drawn, in CSS pixels from the canvas's top left."""
    scale, x, y = _view(page)
    return x + node["x"] * scale, y + node["y"] * scale


def _label_boxes(page) -> list[dict]:  # noqa: F811
    boxes = [label.bounding_box() for label in page.locator(".map-label:not([hidden])").all()]
    return [b for b in boxes if b and b["width"] and b["height"]]


def _overlapping(boxes: list[dict]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[:i])
        if a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    ]


def _lonely(page, data: dict, away: float = 14) -> dict:  # noqa: F811
    """A person drawn at least ``away`` px from everyone else and clear of the zoom buttons and
    the canvas's edges: a tap on them can mean no one else."""
    box = page.locator("#map").bounding_box()
    spots = [(n, *_on_screen(page, n)) for n in data["nodes"]]
    for node, x, y in spots:
        if not (30 < x < box["width"] - 70 and 30 < y < box["height"] - 30):
            continue
        if all(other is node or math.hypot(x - ox, y - oy) > away for other, ox, oy in spots):
            return node
    raise AssertionError("no person drawn apart from the others")


def test_the_keyboard_pans_and_zooms_a_focusable_map(page, server: str):  # noqa: F811
    _open(page, server)
    page.focus("#map-find button[type=submit]")
    page.keyboard.press("Tab")  # the map is the next stop after the search
    assert page.evaluate("document.activeElement.id") == "map"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    scale, x, y = _view(page)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    assert _view(page) == pytest.approx((scale, x + 40, y + 40), abs=0.2)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert _view(page) == pytest.approx((scale, x, y), abs=0.2)
    page.keyboard.press("+")
    assert _view(page)[0] == pytest.approx(scale * 1.25, rel=1e-3)
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert _view(page)[0] == pytest.approx(scale * 0.8, rel=1e-3)
    page.keyboard.press("0")
    assert _view(page) == pytest.approx((scale, x, y), abs=0.2)
    page.keyboard.press("Enter")  # who is nearest the centre (or no one): never navigates
    assert page.url.endswith("/network?lang=en")


def test_the_mouse_drags_and_the_wheel_zooms(page, server: str):  # noqa: F811
    _open(page, server)
    box = page.locator("#map").bounding_box()
    scale, x, y = _view(page)
    page.mouse.move(box["x"] + 200, box["y"] + 200)
    page.mouse.down()
    page.mouse.move(box["x"] + 260, box["y"] + 230, steps=6)
    page.mouse.up()
    assert _view(page) == pytest.approx((scale, x + 60, y + 30), abs=0.6)
    assert page.locator("#map-panel").is_hidden()  # a drag is not a click
    before = page.locator("#map").get_attribute("data-view")
    page.mouse.wheel(0, -200)
    expect(page.locator("#map")).not_to_have_attribute("data-view", before)
    assert _view(page)[0] > scale


def test_finding_a_person_centres_and_highlights_them(page, server: str):  # noqa: F811
    page.add_init_script(WATCH_CSP)
    data = _open(page, server)
    names = [n["name"] for n in data["nodes"]]
    person = max(
        (n for n in data["nodes"] if names.count(n["name"]) == 1),
        key=lambda n: math.hypot(n["x"], n["y"]),
    )  # far from the centre: finding them has to move the map
    page.select_option("select[name=class]", "dormant" if person["class"] != "dormant" else "weak")
    page.focus("#map-find input[name=q]")
    page.keyboard.type(person["name"].upper())
    page.keyboard.press("Enter")
    canvas = page.locator("#map")
    assert canvas.get_attribute("data-highlighted") == str(person["id"])
    box = canvas.bounding_box()
    x, y = _on_screen(page, person)
    assert (x, y) == pytest.approx((box["width"] / 2, box["height"] / 2), abs=1.5)
    assert page.locator("select[name=class]").input_value() == ""  # shown again, filter reset
    panel = page.locator("#map-panel")
    assert panel.is_visible() and person["name"] in panel.inner_text()
    assert page.locator("#map-panel-open").get_attribute("href") == f"/contacts/{person['id']}"
    assert person["name"] in page.locator("#map-status").inner_text()
    page.fill("#map-find input[name=q]", "Nobody-by-this-name")
    page.keyboard.press("Enter")
    assert "No one on the map matches" in page.locator("#map-status").inner_text()
    assert page.evaluate("window.__cspViolations") == []
    shot(page, "network-found")


def test_no_two_cluster_labels_overlap_at_any_zoom(page, server: str):  # noqa: F811
    data = _open(page, server)
    boxes = _label_boxes(page)
    assert len(boxes) == len(data["clusters"])  # at the whole view every cluster is named
    texts = page.locator(".map-label").all_inner_texts()
    assert {c["label"] + " · " + f"{c['count']} of {c['size']}" for c in data["clusters"]} == set(
        texts
    )
    assert _overlapping(boxes) == []
    page.focus("#map")
    for key in ["+", "+", "ArrowLeft", "ArrowLeft", "+", "-", "-", "-", "-", "ArrowDown"]:
        page.keyboard.press(key)
        assert _overlapping(_label_boxes(page)) == [], key
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, server)
    assert _overlapping(_label_boxes(page)) == []
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_first_tap_shows_who_it_is_and_stays_on_the_page(page, server: str):  # noqa: F811
    phone_context = page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    phone = phone_context.new_page()
    phone.set_default_timeout(20_000)
    try:
        data = _open(phone, server)
        canvas = phone.locator("#map")
        box = canvas.bounding_box()
        assert box["width"] >= 350 and 300 <= box["height"] <= 844
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
        zoom = phone.locator(".map-zoom button")
        assert zoom.count() >= 2
        for k in range(zoom.count()):  # tap targets of at least 44 × 44 px
            assert min(zoom.nth(k).bounding_box()[side] for side in ("width", "height")) >= 44
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        person = _lonely(phone, data)
        x, y = _on_screen(phone, person)
        url = phone.url
        phone.touchscreen.tap(box["x"] + x, box["y"] + y)
        panel = phone.locator("#map-panel")
        panel.wait_for(state="visible")
        assert phone.url == url  # the first tap only shows who it is
        assert phone.locator("#map-panel-name").inner_text() == person["name"]
        detail = phone.locator("#map-panel-detail").inner_text()
        assert (person["organisation"] or "no organisation") in detail and person["class"] in detail
        assert canvas.get_attribute("data-highlighted") == str(person["id"])
        shot(phone, "network-phone-tap")
        _pinch_and_drag(phone_context, phone, box)
        phone.click("#map-panel-open")
        phone.wait_for_url(f"**/contacts/{person['id']}")
        assert phone.locator("h1").inner_text() == person["name"]
    finally:
        phone_context.close()


def _pinch_and_drag(context, phone, box: dict) -> None:
    """Two fingers spread apart zoom in about their middle; one finger drags the map."""
    cdp = context.new_cdp_session(phone)
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def touch(kind: str, points: list[tuple[float, float]]) -> None:
        cdp.send(
            "Input.dispatchTouchEvent",
            {
                "type": kind,
                "touchPoints": [{"x": px, "y": py, "id": k} for k, (px, py) in enumerate(points)],
            },
        )

    scale, x, y = _view(phone)
    touch("touchStart", [(cx - 30, cy), (cx + 30, cy)])
    for spread in (40, 60, 75):
        touch("touchMove", [(cx - spread, cy), (cx + spread, cy)])
    touch("touchEnd", [])
    zoomed = _view(phone)
    assert zoomed[0] == pytest.approx(scale * 2.5, rel=0.02)
    # the point under the fingers' middle stays put
    assert (zoomed[1] - box["width"] / 2) == pytest.approx((x - box["width"] / 2) * 2.5, abs=2)
    assert (zoomed[2] - box["height"] / 2) == pytest.approx((y - box["height"] / 2) * 2.5, abs=2)
    touch("touchStart", [(cx, cy)])
    for step in (10, 30, 50):
        touch("touchMove", [(cx + step, cy + step)])
    touch("touchEnd", [])
    dragged = _view(phone)
    assert dragged[0] == pytest.approx(zoomed[0])
    assert dragged[1] - zoomed[1] == pytest.approx(50, abs=10)
    assert dragged[2] - zoomed[2] == pytest.approx(50, abs=10)
    assert phone.locator("#map-panel").is_visible()  # a drag is no tap: the panel stays


def test_the_list_view_lists_every_cluster_with_and_without_javascript(page, server: str):  # noqa: F811
    data = _open(page, server)
    rows = page.locator("[data-testid=map-clusters] tbody tr")
    unclustered = any(n["cluster"] < 0 for n in data["nodes"])
    assert rows.count() == len(data["clusters"]) + unclustered
    headers = page.locator("[data-testid=map-clusters] tbody th").all_inner_texts()
    for cluster in data["clusters"]:
        assert f"{cluster['label']} · {cluster['count']} of {cluster['size']}" in headers
    page.click("text=Skip to the map as a list")
    assert page.url.endswith("#map-list")
    plain = page.context.browser.new_context(java_script_enabled=False)
    try:
        bare = plain.new_page()
        bare.goto(server + "/network?lang=nl")
        assert bare.locator("#map-app").is_hidden()
        assert bare.locator("[data-testid=map-clusters] tbody tr").count() == rows.count()
        bare.locator("details.map-group summary").first.click()
        first = bare.locator("details.map-group a").first
        assert first.is_visible() and first.get_attribute("href").startswith("/contacts/")
        shot(bare, "network-list-nojs")
    finally:
        plain.close()
