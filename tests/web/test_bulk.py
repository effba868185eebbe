"""The contacts page's search and bulk edit (issue 18): the search reaches every field, the
selection is exactly the list shown, the edit is shown before it is done, and bad input writes
nothing."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from tiewise.store import Store, search
from tiewise.store import repository as repo
from tiewise.store import schema as s
from tiewise.store.tags import tags_of
from tiewise.web.forms import FLASH_COOKIE

from .test_app import client_for, csrf_of, rows


@pytest.fixture
def client(demo_copy: Path):
    return client_for(demo_copy)


def listed_ids(html: str) -> list[int]:
    """The contacts a page lists (their links), in its order."""
    return [int(i) for i in re.findall(r'<td[^>]*><a href="/contacts/(\d+)">', html)]


def total(html: str) -> int:
    return int(re.search(r"<p>([\d,]+) contacts</p>", html).group(1).replace(",", ""))


def searched(db: Path, query: str) -> list[int]:
    with Store.open(db) as store, store.connect() as connection:
        return search.matching(connection, query)


def regions(db: Path, people: list[int]) -> dict[int, str | None]:
    with Store.open(db) as store, store.connect() as connection:
        query = select(s.contact.c.id, s.contact.c.region).where(s.contact.c.id.in_(people))
        return dict(connection.execute(query).all())


def test_the_page_searches_every_field_in_any_order(client, demo_copy: Path):
    with Store.open(demo_copy) as store, store.connect() as connection:
        someone = repo.load_contact(connection, 10)
        expected = search.matching(connection, "utrecht")
    first, *rest = someone.name.split()
    reversed_name = " ".join([*rest, first]).upper()
    html = client.get("/contacts", params={"q": reversed_name}).text
    assert someone.id in listed_ids(html)
    by_region = client.get("/contacts", params={"q": "utrecht", "sort": "name"}).text
    assert total(by_region) == len(expected) > 1
    assert set(listed_ids(by_region)) <= set(expected)
    assert total(client.get("/contacts", params={"q": "zzqxv"}).text) == 0


def test_a_bulk_edit_is_shown_first_and_done_only_when_confirmed(client, demo_copy: Path):
    people = searched(demo_copy, "utrecht")
    assert len(people) > 3
    before = rows(demo_copy)
    token = csrf_of(client)
    form = {"csrf": token, "form": "bulk", "scope": "all", "sector": "zorg", "add_tag": "Utrechts"}
    shown = client.post("/contacts/bulk?q=utrecht", data=form)
    assert shown.status_code == 400
    assert f"{len(people)} contacts match; this changes {len(people)} of them" in shown.text
    assert "tag &#39;Utrechts&#39; added to" in shown.text
    assert 'name="confirm" value="1"' in shown.text
    assert total(shown.text) == len(people)  # the page shown again is the search's list
    assert rows(demo_copy) == before  # nothing written yet
    done = client.post(
        "/contacts/bulk?q=utrecht", data={**form, "confirm": "1"}, follow_redirects=False
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/contacts?q=utrecht"
    with Store.open(demo_copy) as store, store.connect() as connection:
        sectors = connection.execute(
            select(s.contact.c.id, s.contact.c.sector).where(s.contact.c.id.in_(people))
        ).all()
        tags = tags_of(connection, people)
    assert {sector for _, sector in sectors} == {"zorg"}
    assert all(tags[p] == ["Utrechts"] for p in people)
    page = client.get("/contacts?q=utrecht").text
    assert f"Changed {len(people)} of {len(people)} contacts." in page
    tagged = client.get("/contacts", params={"tag": "utrechts"}).text
    assert set(listed_ids(tagged)) <= set(people)
    assert total(tagged) == len(people)


def test_only_the_ticked_contacts_change(client, demo_copy: Path):
    people = searched(demo_copy, "utrecht")
    before = regions(demo_copy, people)
    ticked = people[:2]
    form = {"csrf": csrf_of(client), "form": "bulk", "region": "Velp", "confirm": "1"}
    data = {**form, "contact": [str(i) for i in ticked]}
    response = client.post("/contacts/bulk?q=utrecht", data=data, follow_redirects=False)
    assert response.status_code == 303
    assert regions(demo_copy, people) == {**before, **dict.fromkeys(ticked, "Velp")}


@pytest.mark.parametrize(
    ("data", "field", "said"),
    [
        ({"scope": "all"}, "sector", "expected a sector, a region or a tag to set"),
        ({"scope": "all", "sector": "x" * 101}, "sector", "expected at most 100 characters"),
        ({"scope": "all", "add_tag": "y" * 101}, "add_tag", "expected a tag of at most 100"),
        ({"scope": "all", "add_tag": "a\x1bb"}, "add_tag", "control characters"),
        ({"sector": "zorg"}, "contact", "tick the contacts to change"),
        ({"sector": "zorg", "contact": "999999"}, "contact", "tick the contacts to change"),
    ],
    ids=["no edit", "long sector", "long tag", "control", "none ticked", "not listed"],
)
def test_bad_input_is_a_form_error_and_writes_nothing(
    client, demo_copy: Path, data: dict, field: str, said: str
):
    before = rows(demo_copy)
    form = {"csrf": csrf_of(client), "form": "bulk", "confirm": "1", **data}
    response = client.post("/contacts/bulk?q=utrecht", data=form)
    assert response.status_code == 400
    assert said in response.text.replace("&#39;", "'")
    marked = re.search(rf'name="{field}"[^>]*aria-invalid="true"', response.text)
    assert marked or field == "contact"  # the ticks have no one field to mark
    assert rows(demo_copy) == before


def test_a_search_that_matches_no_one_offers_no_bulk_edit(client):
    html = client.get("/contacts", params={"q": "zzqxv"}).text
    assert 'data-testid="bulk-edit"' not in html
    response = client.post(
        "/contacts/bulk?q=zzqxv",
        data={"csrf": csrf_of(client), "form": "bulk", "scope": "all", "sector": "x"},
    )
    assert response.status_code == 400
    assert "tick the contacts to change" in response.text


def test_the_bulk_edit_speaks_dutch(client, demo_copy: Path):
    client.get("/contacts?lang=nl")
    form = {"csrf": csrf_of(client), "form": "bulk", "scope": "all", "region": "Gelderland"}
    shown = client.post("/contacts/bulk?q=utrecht", data=form).text
    assert "contacten passen; dit verandert er" in shown
    assert "Ja, voer deze veranderingen door" in shown


def test_a_person_typed_in_a_form_is_found_by_the_search(client, demo_copy: Path):
    """The dashboard's log form names people as the command line does: words in any order,
    without accents, fall back to the search when no name matches them as typed."""
    with Store.open(demo_copy) as store, store.connect() as connection:
        someone = repo.load_contact(connection, 10)
    first, *rest = someone.name.split()
    typed = " ".join([*rest, first]).lower()
    with Store.open(demo_copy) as store, store.connect() as connection:
        assert search.matching(connection, typed) == [someone.id]
    data = {"csrf": csrf_of(client), "form": "quicklog", "people": typed, "kind": "call"}
    response = client.post("/log", data={**data, "on": "2026-10-30"}, follow_redirects=False)
    assert response.status_code == 303
    said = unquote(response.cookies[FLASH_COOKIE])
    assert someone.name in said and "2026-10-30" in said  # the confirmation names them
