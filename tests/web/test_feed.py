"""The calendar feed ``/plan.ics``: reachable with its own token only (also where the browser
needs the access token), the same plan as the dashboard, and made, renewed and turned off
under Settings."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

from tiewise.export import export_data
from tiewise.report.calendar import plan_items
from tiewise.store import Store
from tiewise.store.feed_token import FEED_TOKEN_SETTING, feed_token
from tiewise.web.safety import CONTENT_SECURITY_POLICY, FEED_PATH

from .test_app import client_for, csrf_of, rows

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def stored_token(db: Path) -> str | None:
    with Store.open(db) as store, store.connect() as connection:
        return feed_token(connection)


def make_feed(client: TestClient, csrf: str | None = None) -> str:
    """Press *Make a feed address* and return the address the page then shows."""
    csrf = csrf or csrf_of(client)
    response = client.post("/settings/feed/new", data={"csrf": csrf})
    assert response.status_code == 200 and "A new feed address was made" in response.text
    return address_on(response.text)


def address_on(html: str) -> str:
    return re.search(r'value="([^"]+)" readonly', html).group(1).replace("&amp;", "&")


def token_of(address: str) -> str:
    return parse_qs(urlsplit(address).query)["token"][0]


@pytest.fixture
def client(demo_copy: Path) -> TestClient:
    return client_for(demo_copy)


def test_without_a_feed_the_address_is_a_404_and_settings_offer_to_make_one(
    client: TestClient, demo_copy: Path
):
    before = rows(demo_copy)
    response = client.get(f"{FEED_PATH}?token=anything")
    assert response.status_code == 404
    assert (
        response.text == "There is no calendar feed: make its address in Settings, Calendar feed."
    )
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    settings = client.get("/settings").text
    assert 'href="/settings/feed"' in settings and "Calendar feed" in settings
    page = client.get("/settings/feed")
    assert page.status_code == 200 and 'data-testid="feed-none"' in page.text
    assert rows(demo_copy) == before  # reading never makes a token


def test_the_feed_is_the_dashboards_plan_as_a_calendar(client: TestClient, demo_copy: Path):
    address = make_feed(client)
    token = token_of(address)
    assert token == stored_token(demo_copy) and len(token) >= 40
    assert address == f"http://testserver{FEED_PATH}?token={token}&lang=en"
    feed = TestClient(client.app)  # a calendar app: no cookies of the browser
    response = feed.get(f"{FEED_PATH}?token={token}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
    views = client.app.state.site.workspace.views()
    items = plan_items(views.plan, views.profile, "en")
    assert items and [(str(e["UID"]), str(e["SUMMARY"])) for e in events] == [
        (i.uid, i.summary) for i in items
    ]
    again = feed.get(f"{FEED_PATH}?token={token}")
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(again.content).walk("VEVENT")] == [
        str(e["UID"]) for e in events
    ]
    dutch = feed.get(f"{FEED_PATH}?token={token}&lang=nl").text
    assert "Contact opnemen: " in dutch or not views.plan.contacts


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong", "?tok=x"])
def test_a_wrong_or_missing_token_is_refused_and_writes_nothing(
    client: TestClient, demo_copy: Path, query: str
):
    make_feed(client)
    before = rows(demo_copy)
    response = TestClient(client.app).get(FEED_PATH + query)
    assert response.status_code == 403
    assert response.text.startswith("Wrong or missing feed token")
    assert "BEGIN:VCALENDAR" not in response.text
    assert rows(demo_copy) == before


def test_the_session_token_is_not_the_feed_token(demo_copy: Path):
    browser = client_for(demo_copy, token="s3cret")
    assert browser.get("/?token=s3cret").status_code == 200
    token = token_of(make_feed(browser))
    calendar_app = TestClient(browser.app, raise_server_exceptions=False)
    # off loopback: the feed needs no access token, only its own …
    assert calendar_app.get(f"{FEED_PATH}?token={token}").status_code == 200
    # … and the access token does not open it
    assert calendar_app.get(f"{FEED_PATH}?token=s3cret").status_code == 403
    assert calendar_app.get(FEED_PATH).status_code == 403
    # every other page still needs the access token, the feed's token opens none of them
    for path in ("/", "/settings", "/settings/feed", "/export.zip"):
        assert calendar_app.get(f"{path}?token={token}").status_code == 403, path
    # a post to the feed's path is no exception to the access token
    assert calendar_app.post(f"{FEED_PATH}?token={token}").status_code == 403
    # nor to the Host check
    stranger = calendar_app.get(f"{FEED_PATH}?token={token}", headers={"host": "evil.example"})
    assert stranger.status_code == 403 and stranger.text == "Unknown Host header"


def test_a_new_address_revokes_the_old_and_turning_off_ends_the_feed(
    client: TestClient, demo_copy: Path
):
    csrf = csrf_of(client)
    old = token_of(make_feed(client, csrf))
    new = token_of(make_feed(client, csrf))
    assert old != new and stored_token(demo_copy) == new
    calendar_app = TestClient(client.app)
    assert calendar_app.get(f"{FEED_PATH}?token={old}").status_code == 403
    assert calendar_app.get(f"{FEED_PATH}?token={new}").status_code == 200
    off = client.post("/settings/feed/stop", data={"csrf": csrf})
    assert off.status_code == 200 and "The calendar feed is off" in off.text
    assert stored_token(demo_copy) is None
    assert calendar_app.get(f"{FEED_PATH}?token={new}").status_code == 404


def test_the_feed_forms_need_the_csrf_token(client: TestClient, demo_copy: Path):
    csrf_of(client)
    before = rows(demo_copy)
    assert client.post("/settings/feed/new", data={"csrf": "forged"}).status_code == 403
    assert rows(demo_copy) == before and stored_token(demo_copy) is None


def test_the_feed_page_speaks_dutch_and_the_address_asks_for_dutch(client: TestClient):
    make_feed(client)
    page = client.get("/settings/feed?lang=nl").text
    assert "<h1>Je plan in je agenda</h1>" in page
    assert address_on(page).endswith("&lang=nl")
    assert 'href="webcal://testserver/plan.ics?token=' in page


def test_the_export_leaves_the_feed_token_out(client: TestClient, demo_copy: Path, tmp_path):
    token = token_of(make_feed(client))
    with Store.open(demo_copy) as store:
        paths = export_data(store, tmp_path / "out")
    exported = paths[0].read_text(encoding="utf-8")
    assert token not in exported and FEED_TOKEN_SETTING not in exported
    assert json.loads(exported)["format"] == "tiewise-export"
