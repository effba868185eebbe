"""The web app through Starlette's test client: every page, every form, and the safety rules."""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.schema import metadata
from tiewise.web import network
from tiewise.web.app import create_app
from tiewise.web.forms import FLASH_PLACEHOLDER
from tiewise.web.safety import (
    CONTENT_SECURITY_POLICY,
    CSRF_COOKIE,
    allowed_hosts,
    machine_addresses,
)
from tiewise.web.site import CSRF_PLACEHOLDER

from ..conftest import DEMO_TODAY

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

FIXTURES = Path(__file__).parent.parent / "fixtures"
PAGES = {
    "/": "Dashboard",
    "/network": "Network map",
    "/contacts": "Contacts",
    "/goals": "Goals",
    "/advice": "Advice",
    "/invitations": "Invitations",
    "/introductions": "Introductions",
    "/events": "Events",
    "/merge": "Merge review",
    "/import": "Import",
    "/settings": "Settings",
}


def client_for(db: Path, **options) -> TestClient:
    app = create_app(str(db), hosts=frozenset({"testserver"}), today=lambda: DEMO_TODAY, **options)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def client(demo_copy: Path) -> TestClient:
    return client_for(demo_copy)


def csrf_of(client: TestClient) -> str:
    client.get("/settings")
    return client.cookies[CSRF_COOKIE]


def rows(db: Path) -> dict[str, list[tuple]]:
    with Store.open(db) as store, store.connect() as connection:
        return {
            name: sorted(tuple(r) for r in connection.execute(select(table)))
            for name, table in metadata.tables.items()
        }


def heading(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html).group(1)


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_every_page_is_served_with_its_heading(client: TestClient, path: str, title: str):
    response = client.get(path)
    assert response.status_code == 200
    assert heading(response.text) == title
    assert '<script src="http' not in response.text  # no CDN


def test_pages_speak_dutch_when_asked_and_remember_it(client: TestClient):
    assert heading(client.get("/?lang=nl").text) == "Overzicht"
    assert heading(client.get("/contacts").text) == "Contacten"  # the cookie remembers
    assert "Uren bespaard door thuis te blijven" in client.get("/events").text
    assert heading(client.get("/contacts?lang=en").text) == "Contacts"


def test_the_dashboard_shows_goal_cards_hours_saved_and_the_week(client: TestClient):
    html = client.get("/").text
    assert html.count('class="card"') == 4  # the demo's four goals
    assert re.search(r"last 12 months: (\d+)</strong>", html).group(1) not in ("", "0")
    assert "This week" in html


def test_contacts_can_be_searched_filtered_and_paged(client: TestClient, demo_copy: Path):
    with Store.open(demo_copy) as store:
        snapshot = load_snapshot(store)
    someone = snapshot.contacts[10].name
    html = client.get("/contacts", params={"q": someone}).text
    assert someone in html
    strong = client.get("/contacts", params={"class": "strong"}).text
    classes = re.findall(r'<td data-label="Tie class">(\w+)</td>', strong)
    assert "weak" not in classes and "strong" in classes
    total = int(
        re.search(r"<p>([\d,]+) contacts</p>", client.get("/contacts").text)
        .group(1)
        .replace(",", "")
    )
    assert total == snapshot.size
    assert "2 / " in client.get("/contacts", params={"page": "2"}).text


def test_an_unknown_contact_is_a_404_page(client: TestClient):
    response = client.get("/contacts/999999")
    assert response.status_code == 404
    assert "Something went wrong" in response.text


def test_rating_a_contact_changes_its_class(client: TestClient, demo_copy: Path):
    with Store.open(demo_copy) as store:
        snapshot = load_snapshot(store)
    contact_id = next(
        int(snapshot.contact_ids[i])
        for i, t in enumerate(snapshot.ties)
        if t.closeness is None and snapshot.interaction_counts[i] == 0
    )
    before = re.search(
        r'data-testid="tie-class">(\w+)<', client.get(f"/contacts/{contact_id}").text
    )
    assert before.group(1) == "weak"
    response = client.post(
        f"/contacts/{contact_id}/rate",
        data={"csrf": csrf_of(client), "closeness": "5"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    after = re.search(r'data-testid="tie-class">(\w+)<', client.get(f"/contacts/{contact_id}").text)
    assert after.group(1) == "strong"


def test_a_note_status_and_edit_are_saved(client: TestClient):
    token = csrf_of(client)
    client.post("/contacts/5/note", data={"csrf": token, "text": "Met at the fair.", "story": "1"})
    client.post("/contacts/5/status", data={"csrf": token, "status": "keep"})
    client.post(
        "/contacts/5/edit", data={"csrf": token, "name": "Renamed Person", "sector": "zorg"}
    )
    html = client.get("/contacts/5").text
    assert "Met at the fair." in html and "Renamed Person" in html and "keep" in html


def test_a_bad_rating_is_a_user_error_and_writes_nothing(client: TestClient, demo_copy: Path):
    token = csrf_of(client)
    before = rows(demo_copy)
    response = client.post("/contacts/5/rate", data={"csrf": token, "closeness": "9"})
    assert response.status_code == 400
    assert "expected a number from 1 to 5, found &#39;9&#39;" in response.text
    assert rows(demo_copy) == before


def test_uploading_a_vcard_shows_the_summary(client: TestClient):
    data = (FIXTURES / "vcard" / "android_2.1.vcf").read_bytes()
    response = client.post(
        "/import",
        data={"csrf": csrf_of(client), "kind": "vcard"},
        files={"file": ("android_2.1.vcf", data, "text/vcard")},
    )
    assert response.status_code == 200
    added = int(re.search(r'data-testid="added">(\d+)<', response.text).group(1))
    assert added >= 1


def test_a_bad_upload_names_the_file_and_writes_nothing(client: TestClient, demo_copy: Path):
    before = rows(demo_copy)
    response = client.post(
        "/import",
        data={"csrf": csrf_of(client), "kind": "vcard"},
        files={"file": ("broken.vcf", b"BEGIN:VCARD\nVERSION:3.0\nFN:X\n", "text/vcard")},
    )
    assert response.status_code == 400
    message = re.search(r'data-testid="import-error">(.*?)<', response.text).group(1)
    assert message.startswith("broken.vcf")
    assert "/tmp" not in message
    assert rows(demo_copy) == before


def test_an_oversize_upload_is_refused(demo_copy: Path):
    client = client_for(demo_copy, max_body=1000)
    before = rows(demo_copy)
    response = client.post(
        "/import",
        data={"csrf": csrf_of(client), "kind": "vcard"},
        files={"file": ("big.vcf", b"x" * 5000, "text/vcard")},
    )
    assert response.status_code == 413
    assert rows(demo_copy) == before


def test_a_forged_host_header_is_refused(client: TestClient):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 403
    assert response.text == "Unknown Host header"


def test_a_cross_site_post_is_refused_and_writes_nothing(client: TestClient, demo_copy: Path):
    token = csrf_of(client)
    before = rows(demo_copy)
    response = client.post(
        "/contacts/5/rate",
        data={"csrf": token, "closeness": "5"},
        headers={"origin": "http://evil.example"},
    )
    assert response.status_code == 403
    assert rows(demo_copy) == before


def test_a_post_without_the_csrf_token_is_refused(client: TestClient, demo_copy: Path):
    csrf_of(client)
    before = rows(demo_copy)
    response = client.post("/contacts/5/rate", data={"csrf": "forged", "closeness": "5"})
    assert response.status_code == 403
    assert rows(demo_copy) == before


def test_off_loopback_every_browser_needs_the_access_token(demo_copy: Path):
    client = client_for(demo_copy, token="s3cret")
    assert client.get("/").status_code == 403
    entry = client.get("/?token=wrong", follow_redirects=False)
    assert entry.status_code == 403
    entry = client.get("/?token=s3cret", follow_redirects=False)
    assert entry.status_code == 303
    assert client.get("/").status_code == 200  # the cookie carries the token now


def test_a_server_error_shows_no_trace(client: TestClient, monkeypatch: pytest.MonkeyPatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(network, "network_map", broken)
    monkeypatch.setattr("tiewise.web.workspace.network_map", broken)
    response = client.get("/network.json")
    assert response.status_code == 500
    assert "secret internals" not in response.text and "Traceback" not in response.text


def test_the_map_data_has_every_contact_or_one_circle_per_cluster(
    client: TestClient, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    with Store.open(demo_copy) as store:
        snapshot = load_snapshot(store)
    data = client.get("/network.json").json()
    assert data["mode"] == "contacts"
    assert len(data["nodes"]) == snapshot.size
    assert {n["id"] for n in data["nodes"]} == {int(i) for i in snapshot.contact_ids}
    assert any(n["bridge"] for n in data["nodes"])
    monkeypatch.setattr(network, "NODE_LIMIT", 100)
    clustered = client_for(demo_copy).get("/network.json").json()
    assert clustered["mode"] == "clusters"
    assert len(clustered["nodes"]) == len(clustered["clusters"]) + 1
    assert sum(n["size"] for n in clustered["nodes"]) == snapshot.size


def test_plan_done_records_an_interaction(client: TestClient, demo_copy: Path):
    with Store.open(demo_copy) as store:
        before = load_snapshot(store).interaction_times.size
    client.post("/plan/done", data={"csrf": csrf_of(client), "contact_id": "5"})
    with Store.open(demo_copy) as store:
        assert load_snapshot(store).interaction_times.size == before + 1


def test_goals_can_be_added_and_removed(client: TestClient):
    token = csrf_of(client)
    client.post(
        "/goals/add",
        data={"csrf": token, "key": "staff", "priority": "4", "targets": "sector=software"},
    )
    assert "sector = software" in client.get("/goals").text
    client.post("/goals/staff/remove", data={"csrf": token})
    assert "sector = software" not in client.get("/goals").text


def test_settings_save_the_budget_and_language(client: TestClient, demo_copy: Path):
    response = client.post(
        "/settings", data={"csrf": csrf_of(client), "budget": "12", "name": "Eva", "language": "nl"}
    )
    assert heading(response.text) == "Instellingen"
    assert 'value="12.0"' in response.text
    zero = client.post("/settings", data={"csrf": csrf_of(client), "budget": "0", "name": ""})
    assert zero.status_code == 400  # issue 16: a budget of zero hours is refused, field marked
    assert "boven 0" in zero.text or "above 0" in zero.text
    assert 'value="12.0"' in client.get("/settings").text  # nothing changed


def test_an_empty_network_is_told_to_import_first(tmp_path: Path):
    """Issue 16: on a network with no contacts the dashboard and the advice page say to
    import first, with a link to the import page, in the page's language."""
    client = client_for(tmp_path / "empty.db")
    for path in ("/", "/advice"):
        html = client.get(path + "?lang=en").text
        assert 'data-testid="empty"' in html and 'href="/import"' in html
        assert "import your network first" in html
    assert "importeer eerst je netwerk" in client.get("/?lang=nl").text


def test_a_visit_with_a_new_person_and_an_outcome_through_them_reach_the_events_page(
    client: TestClient, demo_copy: Path
):
    token = csrf_of(client)
    visit = {"csrf": token, "series": "Zorginnovatie Meetup Nijmegen", "on": "2026-10-20"}
    visit |= {"status": "attended", "hours": "3", "cost": "0", "enjoyment": "4"}
    response = client.post(
        "/events/log", data=visit | {"new": "Nina Nieuw"}, follow_redirects=False
    )
    assert response.status_code == 303
    outcome = {"csrf": token, "kind": "client", "on": "2026-10-30", "value": "9000"}
    client.post("/events/outcome", data=outcome | {"contacts": "Nina Nieuw"})
    with Store.open(demo_copy) as store:
        snapshot = load_snapshot(store)
    (nina,) = [c for c in snapshot.contacts if c.name == "Nina Nieuw"]
    (recorded,) = [o for o in snapshot.outcomes if o.value_eur == 9000]
    assert recorded.contact_ids == (nina.id,)
    html = client.get("/events").text
    series = r'<td[^>]*><a href="/events/series/\d+">Zorginnovatie Meetup Nijmegen</a></td>'
    row = re.search(series + r"(.*?)</tr>", html, re.S).group(1)
    assert re.search(r'<td class="num" data-label="Visits">1</td>', row)  # one visit


def test_a_bad_visit_is_refused_with_its_field_and_writes_nothing(
    client: TestClient, demo_copy: Path
):
    token = csrf_of(client)
    before = rows(demo_copy)
    data = {"csrf": token, "series": "Zorginnovatie", "on": "2026-12-24", "status": "attended"}
    response = client.post("/events/log", data=data)
    assert response.status_code == 400
    assert "on: expected a date on or before 2026-11-01 for an attended event" in response.text
    response = client.post("/events/log", data=data | {"on": "gisteren"})
    assert "expected a date YYYY-MM-DD (or YYYY-MM-DD HH:MM), found &#39;gisteren&#39;" in (
        response.text
    )
    assert rows(demo_copy) == before


def test_erasing_a_person_needs_the_box_ticked_and_then_removes_them(
    client: TestClient, demo_copy: Path
):
    token = csrf_of(client)
    name = heading(client.get("/contacts/5").text)
    before = rows(demo_copy)
    refused = client.post("/contacts/5/erase", data={"csrf": token})
    assert (
        refused.status_code == 400 and "tick the box to erase this person for good" in refused.text
    )
    assert rows(demo_copy) == before
    done = client.post(
        "/contacts/5/erase", data={"csrf": token, "confirm": "1"}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == "/contacts"
    assert client.get("/contacts/5").status_code == 404
    assert 'href="/contacts/5"' not in client.get(f"/contacts?q={name}").text
    after = rows(demo_copy)
    assert len(after["contact"]) == len(before["contact"]) - 1
    assert len(after["erased_identifier"]) > 0
    assert "Deze persoon wissen" in client.get("/contacts/6?lang=nl").text


def test_the_report_and_all_my_data_can_be_downloaded(client: TestClient):
    pdf = client.get("/report.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert pdf.headers["content-type"] == "application/pdf"
    assert 'filename="tiewise-report-2026-11-01.pdf"' in pdf.headers["content-disposition"]
    page = client.get("/report.html?lang=nl")
    assert "<h1>tiewise — netwerkrapport voor Eva de Wit</h1>" in page.text
    archive = zipfile.ZipFile(io.BytesIO(client.get("/export.zip").content))
    assert sorted(archive.namelist()) == ["contacts.vcf", "tiewise.json"]
    document = json.loads(archive.read("tiewise.json"))
    assert document["format"] == "tiewise-export" and len(document["tables"]["contact"]) > 300
    assert 'href="/report.pdf"' in client.get("/").text
    assert 'href="/export.zip"' in client.get("/settings").text


def test_the_import_summary_lists_rows_left_out_and_erased_people(
    client: TestClient, demo_copy: Path
):
    data = (FIXTURES / "vcard" / "broken_middle.vcf").read_bytes()
    upload = {"file": ("broken_middle.vcf", data, "text/vcard")}
    first = client.post("/import", data={"csrf": csrf_of(client), "kind": "vcard"}, files=upload)
    assert 'data-testid="import-warnings"' in first.text  # the broken card, by file and line
    assert "broken_middle.vcf" in first.text.split('data-testid="import-warnings"')[1]
    with Store.open(demo_copy) as store, store.connect() as connection:
        lotte = connection.exec_driver_sql(
            "SELECT id FROM contact WHERE name = 'Lotte Visser'"
        ).scalar_one()
    token = csrf_of(client)
    client.post(f"/contacts/{lotte}/erase", data={"csrf": token, "confirm": "1"})
    again = client.post("/import?lang=nl", data={"csrf": token, "kind": "vcard"}, files=upload)
    assert "Weggelaten omdat de persoon eerder is gewist: 1" in again.text


# --- issue 17: headers on every response, the machine's own addresses, placeholders, NUL


SECURITY = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def assert_secured(response) -> None:
    for name, value in SECURITY.items():
        assert response.headers.get(name) == value, (response.request.url, name)
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_every_response_sends_csp_nosniff_and_a_strict_referrer_policy(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
):
    token = csrf_of(client)
    responses = [
        *(client.get(path) for path in PAGES),
        client.get("/contacts/5"),
        client.get("/network.json"),
        client.get("/static/app.css"),
        client.get("/static/map.js"),
        client.get("/export.zip"),
        client.get("/contacts/999999"),  # 404 page
        client.get("/", headers={"host": "evil.example"}),  # refused by the middleware
        client.post("/contacts/5/rate", data={"csrf": token, "closeness": "9"}),  # 400
        client.post(
            "/contacts/5/rate", data={"csrf": token, "closeness": "4"}, follow_redirects=False
        ),
    ]
    assert [r.status_code for r in responses[-5:]] == [200, 404, 403, 400, 303]
    monkeypatch.setattr("tiewise.web.workspace.network_map", lambda *a, **k: 1 / 0)
    responses.append(client.get("/network.json"))  # 500, sent outside the middleware
    assert responses[-1].status_code == 500
    for response in responses:
        assert_secured(response)


def test_no_page_needs_inline_script_or_style(client: TestClient):
    """The policy allows no inline script or style, so no page may carry any: no script
    element without ``src``, no ``on…=`` handler, no ``style`` attribute or element (the
    event charts' matplotlib styles become presentation attributes)."""
    for path in [*PAGES, "/contacts/5"]:
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), path
        assert not re.search(r"<[^>]+\sstyle\s*=|<style", html), path
        assert "javascript:" not in html, path
    events = client.get("/events").text
    assert events.count("<svg") == 2 and 'fill="' in events


def test_the_token_link_keeps_the_other_query_parameters(demo_copy: Path):
    client = client_for(demo_copy, token="s3cret")
    entry = client.get("/contacts?q=an&token=s3cret&class=weak", follow_redirects=False)
    assert entry.status_code == 303
    assert entry.headers["location"] == "/contacts?q=an&class=weak"
    assert_secured(entry)
    assert client.get(entry.headers["location"]).status_code == 200
    plain = client_for(demo_copy, token="s3cret").get("/?token=s3cret", follow_redirects=False)
    assert plain.headers["location"] == "/"


def test_on_every_address_the_machines_own_addresses_and_localhost_are_accepted(
    demo_copy: Path,
):
    """``serve --host 0.0.0.0`` printed a link that gave 403 when opened through the
    machine's address or localhost."""
    hosts = allowed_hosts("0.0.0.0", 8765)
    addresses = [a for a in machine_addresses() if a not in ("localhost", "::1")]
    shown = ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "127.0.0.1", "0.0.0.0:8765"]
    shown += [f"[{a}]:8765" if ":" in a else f"{a}:8765" for a in addresses]
    app = create_app(str(demo_copy), hosts=hosts, token="s3cret", today=lambda: DEMO_TODAY)
    for host in shown:
        client = TestClient(app, raise_server_exceptions=False)
        headers = {"host": host}
        assert client.get("/", headers=headers).status_code == 403  # no token yet
        entry = client.get("/?token=s3cret&lang=nl", headers=headers, follow_redirects=False)
        assert (entry.status_code, entry.headers["location"]) == (303, "/?lang=nl"), host
        assert client.get("/?lang=nl", headers=headers).status_code == 200, host
    stranger = TestClient(app, raise_server_exceptions=False)
    assert stranger.get("/?token=s3cret", headers={"host": "evil.example:8765"}).status_code == 403
    assert allowed_hosts("192.0.2.7", 80) == frozenset({"192.0.2.7", "192.0.2.7:80"})
    assert "[fd00::7]:80" in allowed_hosts("fd00::7", 80)


def test_a_name_spelling_the_placeholders_is_shown_as_text_without_the_token(
    client: TestClient,
):
    """The CSRF token and the confirmation are put into the cached page where the template
    left a placeholder; a name that spells a placeholder is escaped text, never replaced."""
    token = csrf_of(client)
    name = f"{CSRF_PLACEHOLDER} {FLASH_PLACEHOLDER} x"
    saved = client.post("/contacts/5/edit", data={"csrf": token, "name": name})
    assert saved.status_code == 200  # followed the redirect
    html = client.get("/contacts/5").text
    assert "&lt;tiewise-csrf-" in html and "&lt;tiewise-flash-" in html
    hidden = len(re.findall(r'<input type="hidden" name="csrf" value="([^"]+)"', html))
    assert hidden >= 5 and html.count(token) == hidden
    assert str(CSRF_PLACEHOLDER) not in html and str(FLASH_PLACEHOLDER) not in html
    listed = client.get("/contacts", params={"q": "tiewise-csrf"}).text
    assert "&lt;tiewise-csrf-" in listed and token not in listed.replace(f'value="{token}"', "")


@pytest.mark.parametrize("bad", ["Ann\x00a", "Ann\x1b[2Ja", "Ann\x7f", "Ann\na"])
def test_a_control_character_in_a_form_is_refused_with_the_field_marked(
    client: TestClient, demo_copy: Path, bad: str
):
    token = csrf_of(client)
    before = rows(demo_copy)
    response = client.post(
        "/contacts/5/edit", data={"csrf": token, "form": "edit", "name": bad, "sector": "zorg"}
    )
    assert response.status_code == 400
    assert "expected text without control characters, found" in response.text
    assert re.search(r'name="name"[^>]*aria-invalid="true"', response.text)
    assert "\x00" not in response.text and "\x1b" not in response.text
    assert rows(demo_copy) == before


def test_a_multi_line_note_keeps_its_lines_but_not_a_nul(client: TestClient, demo_copy: Path):
    token = csrf_of(client)
    before = rows(demo_copy)
    refused = client.post("/contacts/5/note", data={"csrf": token, "text": "one\x00two"})
    assert refused.status_code == 400 and rows(demo_copy) == before
    kept = client.post("/contacts/5/note", data={"csrf": token, "text": "one\r\ntwo\tthree"})
    assert kept.status_code == 200
    assert "two\tthree" in client.get("/contacts/5").text


def test_an_upload_whose_name_holds_a_nul_is_refused_not_a_server_error(client: TestClient):
    token = csrf_of(client)
    boundary = "tiewise-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nvcard\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="cards\x00.vcf"'
        "\r\nContent-Type: text/vcard\r\n\r\nBEGIN:VCARD\r\nEND:VCARD\r\n"
        f"\r\n--{boundary}--\r\n"
    ).encode()
    response = client.post(
        "/import",
        content=body,
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 400
    assert "control characters" in response.text


def test_the_import_form_shows_and_replaces_the_remembered_event_categories(
    client: TestClient, demo_copy: Path
):
    """The web form shows the remembered event categories to edit; what is sent replaces them
    (the command line adds to them), and they mark events in that calendar."""
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:fair@t\r\n"
        "DTSTAMP:20251101T000000Z\r\nDTSTART;VALUE=DATE:20251120\r\nSUMMARY:Vakbeurs\r\n"
        "CATEGORIES:Werk,Netwerk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    response = client.post(
        "/import",
        data={"csrf": csrf_of(client), "kind": "ics", "event_categories": "Netwerk, Borrel"},
        files={"file": ("fair.ics", calendar.encode(), "text/calendar")},
    )
    assert response.status_code == 200
    assert 'value="Netwerk, Borrel"' in client.get("/import").text
    with Store.open(demo_copy) as store, store.connect() as connection:
        names = {x.name: x.evidence for x in repo.load_series(connection)}
    assert names["Vakbeurs"] == "category:Netwerk"


def test_static_files_come_from_memory_with_an_etag_and_revalidate(client: TestClient):
    """The stylesheet and the map's script (web/static_files.py): the file's own bytes and type,
    an ETag that changes with the content, ``no-cache`` so a new version is never hidden, 304
    without a body for a browser that has this version, and a 404 for any other name — a path
    that climbs out of the folder included."""
    folder = Path(__file__).parents[2] / "src" / "tiewise" / "web" / "static"
    css = client.get("/static/app.css")
    assert css.status_code == 200
    assert css.content == (folder / "app.css").read_bytes()
    assert css.headers["content-type"] == "text/css; charset=utf-8"
    assert css.headers["cache-control"] == "no-cache"
    script = client.get("/static/map.js")
    assert script.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert script.headers["etag"] != css.headers["etag"]
    again = client.get("/static/app.css", headers={"if-none-match": css.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    assert again.headers["etag"] == css.headers["etag"]
    weak = client.get("/static/app.css", headers={"if-none-match": "W/" + css.headers["etag"]})
    assert weak.status_code == 304
    stale = client.get("/static/app.css", headers={"if-none-match": '"0123456789abcdef"'})
    assert stale.status_code == 200 and stale.content == css.content
    assert client.get("/static/nothing.css").status_code == 404
    assert client.get("/static/..%2Fsite.py").status_code == 404
    assert client.head("/static/app.css").status_code == 200
