"""Closing the loop in the web app: logging contact, decisions that stick, needs and offers, and
forms that forgive (issue "Close the loop")."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from tiewise.advice.invitations import triage_invitations
from tiewise.analysis.profile import analyze
from tiewise.model import Direction, Invitation
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

from ..conftest import DEMO_TODAY
from .test_app import client_for, csrf_of, rows


def _advice_item(html: str, action: str) -> int:
    """The contact id of the first item under ``action`` on the advice page."""
    found = re.search(
        rf'name="contact_id" value="(\d+)"><input type="hidden" name="action" value="{action}"',
        html,
    )
    assert found, f"no {action} item on the advice page"
    return int(found.group(1))


def _section(html: str, action: str) -> str:
    """The list of one advice group (from its heading to the next)."""
    start = html.index(f'<input type="hidden" name="action" value="{action}"')
    start = html.rfind("<h2>", 0, start)
    end = html.find("<h2>", start + 4)
    return html[start : end if end > 0 else len(html)]


def _post(client, url: str, **data: str):
    return client.post(url, data={"csrf": csrf_of(client), **data}, follow_redirects=False)


def _interactions(db: Path, contact_id: int) -> list[dict]:
    with Store.open(db) as store, store.connect() as connection:
        return repo.interactions_with(connection, [contact_id])


def test_dismissed_advice_leaves_the_list_is_listed_and_comes_back_on_undo(demo_copy: Path):
    client = client_for(demo_copy)
    contact_id = _advice_item(client.get("/advice").text, "focus")
    response = _post(
        client,
        "/advice/decide",
        contact_id=str(contact_id),
        action="focus",
        verdict="dismiss",
        form=f"decide-{contact_id}",
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert 'class="flash" role="status"' in page and "Dismissed" in page
    assert f'data-contact="{contact_id}"' not in page  # hidden while the dismissal stands
    assert re.search(r'data-testid="hidden">(\d+) dismissed items? (?:is|are) hidden', page)
    decisions = client.get("/decisions").text
    decision_id = re.search(r'action="/decisions/(\d+)/undo"', decisions).group(1)
    assert f'href="/contacts/{contact_id}"' in decisions and "dismissed" in decisions
    _post(client, f"/decisions/{decision_id}/undo", form=f"undo-{decision_id}")
    assert f'data-contact="{contact_id}"' in client.get("/advice").text
    assert "undone on" in client.get("/decisions").text


def test_accepting_let_go_sets_the_status_and_the_contact_page_undoes_it(demo_copy: Path):
    client = client_for(demo_copy)
    html = client.get("/advice").text
    contact_id = _advice_item(html, "let_go")
    _post(
        client,
        "/advice/decide",
        contact_id=str(contact_id),
        action="let_go",
        verdict="accept",
        form=f"decide-{contact_id}",
    )
    with Store.open(demo_copy) as store, store.connect() as connection:
        assert repo.load_tie(connection, contact_id).status.value == "let_go"
    page = client.get(f"/contacts/{contact_id}").text
    assert re.search(r'data-testid="status">let go<', page)
    decision_id = re.search(r'action="/decisions/(\d+)/undo"', page).group(1)
    response = _post(
        client,
        f"/decisions/{decision_id}/undo",
        back=f"/contacts/{contact_id}",
        form=f"undo-{decision_id}",
    )
    assert response.headers["location"] == f"/contacts/{contact_id}"
    with Store.open(demo_copy) as store, store.connect() as connection:
        assert repo.load_tie(connection, contact_id).status.value == "active"


def test_accepting_invest_puts_the_person_into_this_weeks_plan(demo_copy: Path):
    client = client_for(demo_copy)
    html = client.get("/advice").text
    contact_id = _advice_item(html, "focus")
    _post(
        client,
        "/advice/decide",
        contact_id=str(contact_id),
        action="focus",
        verdict="accept",
        form=f"decide-{contact_id}",
    )
    advice = client.get("/advice").text
    assert re.search(rf'<li class="accepted" data-contact="{contact_id}">', advice)
    plan = client.get("/").text.split('<ul class="plan">')[1].split("</ul>")[0]
    assert f'value="{contact_id}"' in plan


def test_invitations_are_decided_and_leave_the_list(demo_copy: Path):
    client = client_for(demo_copy)
    html = client.get("/invitations").text
    ids = re.findall(r'<tr data-invitation="(\d+)">', html)
    assert len(ids) >= 3
    accepted, later = ids[0], ids[1]
    with Store.open(demo_copy) as store, store.connect() as connection:
        name = next(i.name for i in repo.load_invitations(connection) if i.id == int(accepted))
        contacts_before = len(repo.load_contacts(connection))
    response = _post(
        client, f"/invitations/{accepted}/decide", verdict="accept", form=f"invitation-{accepted}"
    )
    assert response.status_code == 303
    _post(client, f"/invitations/{later}/decide", verdict="later", form=f"invitation-{later}")
    after = client.get("/invitations").text
    assert f'data-invitation="{accepted}"' not in after
    assert f'data-invitation="{later}"' not in after
    assert "comes back in four weeks" in after  # the confirmation of the last decision
    with Store.open(demo_copy) as store, store.connect() as connection:
        invitation = next(i for i in repo.load_invitations(connection) if i.id == int(accepted))
        assert invitation.status.value == "accepted"
        assert repo.load_contact(connection, invitation.contact_id).name == name
        assert len(repo.load_contacts(connection)) in (contacts_before, contacts_before + 1)
    decisions = client.get("/decisions").text
    newest = decisions.split("<tbody>")[1].split("</tr>")[:2]  # newest first: later, accept
    assert all(">invitation<" in row for row in newest)
    assert ">later<" in newest[0] and ">accepted<" in newest[1] and name in newest[1]
    undo_id = re.search(r'action="/decisions/(\d+)/undo"', newest[1]).group(1)
    _post(client, f"/decisions/{undo_id}/undo", form=f"undo-{undo_id}")
    assert f'data-invitation="{accepted}"' in client.get("/invitations").text
    with Store.open(demo_copy) as store, store.connect() as connection:
        assert len(repo.load_contacts(connection)) == contacts_before  # a created one is gone


def test_logging_contact_on_a_contact_page_shows_it_and_can_be_removed(demo_copy: Path):
    client = client_for(demo_copy)
    before = len(_interactions(demo_copy, 5))
    response = _post(
        client,
        "/contacts/5/log",
        kind="coffee",
        on="2026-10-30",
        minutes="45",
        note="Koffie bij Dudok",
        back="/contacts/5",
        form="log",
    )
    assert response.status_code == 303
    page = client.get("/contacts/5").text
    assert "Recorded: coffee with" in page  # the confirmation, once
    assert "Recorded: coffee with" not in client.get("/contacts/5").text
    timeline = page.split('data-testid="timeline">')[1].split("</ol>")[0]
    assert "Koffie bij Dudok" in timeline and "logged by you" in timeline
    logged = _interactions(demo_copy, 5)
    assert len(logged) == before + 1
    newest = logged[0]
    assert (newest["kind"], newest["duration_minutes"], newest["direction"]) == (
        "coffee",
        45,
        "mutual",
    )
    _post(
        client,
        f"/contacts/5/interactions/{newest['id']}/remove",
        form=f"unlog-{newest['id']}",
    )
    assert len(_interactions(demo_copy, 5)) == before


def test_quick_log_records_one_activity_with_several_people(demo_copy: Path):
    client = client_for(demo_copy)
    with Store.open(demo_copy) as store, store.connect() as connection:
        a, b = (repo.load_contact(connection, i) for i in (5, 6))
    response = _post(
        client, "/log", people=f"{a.name}\n{b.name}", kind="meal", on="2026-10-31", form="quicklog"
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    shared = {r["id"] for r in _interactions(demo_copy, 5)} & {
        r["id"] for r in _interactions(demo_copy, 6)
    }
    meals = [r for r in _interactions(demo_copy, 5) if r["id"] in shared and r["kind"] == "meal"]
    assert len(meals) == 1 and sorted(meals[0]["participants"]) == [5, 6]


def test_an_unknown_name_keeps_the_form_marks_the_field_and_speaks_dutch(demo_copy: Path):
    client = client_for(demo_copy)
    before = rows(demo_copy)
    client.get("/?lang=nl")
    response = _post(
        client,
        "/log",
        people="Niemand Bestaat",
        kind="call",
        on="2026-10-30",
        minutes="20",
        note="over de offerte",
        form="quicklog",
    )
    assert response.status_code == 400
    html = response.text
    assert "geen contact past bij &#39;Niemand Bestaat&#39;" in html
    assert re.search(
        r'<textarea name="people" rows="3" aria-invalid="true"[^>]*>Niemand Bestaat<', html
    )
    assert 'name="minutes" value="20"' in html and 'value="over de offerte"' in html
    assert re.search(r'<option value="call" selected>', html)
    assert rows(demo_copy) == before


def test_an_ambiguous_name_offers_the_candidates_and_a_choice_is_taken(demo_copy: Path):
    client = client_for(demo_copy)
    with Store.open(demo_copy) as store, store.connect() as connection:
        contacts = repo.load_contacts(connection)
    first = {}
    for c in contacts:
        first.setdefault(c.name.split()[0], []).append(c)
    given, people = next((k, v) for k, v in sorted(first.items()) if len(v) >= 2)
    response = _post(client, "/log", people=given, kind="call", on="2026-10-30", form="quicklog")
    assert response.status_code == 400
    offered = set(map(int, re.findall(rf'name="choose:{given}" value="(\d+)"', response.text)))
    assert {c.id for c in people} <= offered
    chosen = people[1].id
    before = len(_interactions(demo_copy, chosen))
    response = _post(
        client,
        "/log",
        people=given,
        kind="call",
        on="2026-10-30",
        form="quicklog",
        **{f"choose:{given}": str(chosen)},
    )
    assert response.status_code == 303
    assert len(_interactions(demo_copy, chosen)) == before + 1


def test_an_unknown_person_met_at_an_event_keeps_the_visit_form(demo_copy: Path):
    client = client_for(demo_copy)
    series = re.search(
        r'<select name="series"><option>([^<]+)</option>', client.get("/events").text
    )
    before = rows(demo_copy)
    response = _post(
        client,
        "/events/log",
        series=series.group(1),
        on="2026-10-28",
        status="attended",
        hours="2.5",
        met="Iemand Onbekend",
        form="visit",
    )
    assert response.status_code == 400
    assert re.search(
        r'<textarea name="met" rows="2" aria-invalid="true"[^>]*>Iemand Onbekend<', response.text
    )
    assert 'name="hours" value="2.5"' in response.text
    assert 'name="on" value="2026-10-28"' in response.text
    assert rows(demo_copy) == before


def test_empty_name_and_empty_note_are_refused_with_the_field_marked(demo_copy: Path):
    client = client_for(demo_copy)
    before = rows(demo_copy)
    response = _post(client, "/contacts/5/edit", name="  ", organisation="Nieuw BV", form="edit")
    assert response.status_code == 400
    assert re.search(r'name="name" value="  " aria-invalid="true"', response.text)
    assert 'name="organisation" value="Nieuw BV"' in response.text
    response = _post(client, "/contacts/5/note", text="", form="note")
    assert response.status_code == 400
    assert re.search(r'<textarea name="text" rows="3" aria-invalid="true"', response.text)
    assert rows(demo_copy) == before


def test_a_goal_target_typo_keeps_what_was_typed(demo_copy: Path):
    client = client_for(demo_copy)
    response = _post(
        client,
        "/goals/add",
        key="advice",
        priority="4",
        targets="sectr=healthcare",
        form="goal",
    )
    assert response.status_code == 400
    assert re.search(r'name="targets" value="sectr=healthcare" aria-invalid="true"', response.text)
    assert 'name="priority" value="4"' in response.text
    assert re.search(r'<option value="advice" selected>', response.text)


def test_needs_and_offers_are_added_and_removed_on_the_contact_page(demo_copy: Path):
    client = client_for(demo_copy)
    response = _post(
        client, "/contacts/5/topics", kind="offer", tags="tax advice, Web shops", form="topics"
    )
    assert response.status_code == 303
    page = client.get("/contacts/5").text
    assert "Added for" in page and '<span class="tag">tax advice' in page
    _post(
        client,
        "/contacts/5/topics",
        kind="offer",
        tags="Web shops",
        remove="1",
        form="topic-offer-1",
    )
    with Store.open(demo_copy) as store, store.connect() as connection:
        offers = {t.topic for t in repo.load_topics(connection) if t.contact_id == 5}
    assert "tax advice" in offers and "Web shops" not in offers


def test_done_on_the_plan_confirms_and_the_person_leaves_the_plan(demo_copy: Path):
    client = client_for(demo_copy)
    plan = client.get("/").text.split('<ul class="plan">')[1].split("</ul>")[0]
    contact_id = re.search(r'name="contact_id" value="(\d+)"', plan).group(1)
    response = _post(client, "/plan/done", contact_id=contact_id, form=f"done-{contact_id}")
    page = client.get(response.headers["location"]).text
    assert "Recorded: contact with" in page
    plan = page.split('<ul class="plan">')[1].split("</ul>")[0]
    assert f'name="contact_id" value="{contact_id}"' not in plan


def test_deciding_on_advice_that_has_changed_is_refused(demo_copy: Path):
    """A page older than the data (another tab, the command line) must not let me accept a
    let-go that is no longer advised: the decision would not be the one I was shown."""
    client = client_for(demo_copy)
    contact_id = _advice_item(client.get("/advice").text, "focus")
    before = rows(demo_copy)
    response = _post(
        client,
        "/advice/decide",
        contact_id=str(contact_id),
        action="let_go",
        verdict="accept",
        form=f"decide-{contact_id}",
    )
    assert response.status_code == 400
    assert "has changed (now: invest)" in response.text
    assert rows(demo_copy) == before


def test_changing_a_goal_keeps_what_was_not_changed(demo_copy: Path):
    """Changing a goal's priority must not wipe its targets (a new user's finding): the add
    form with a goal I have keeps its targets when none are typed; the goal's own form comes
    filled in, so saving it changes only what I changed."""
    client = client_for(demo_copy)
    with Store.open(demo_copy) as store, store.connect() as connection:
        clients = next(g for g in repo.load_goals(connection) if g.key == "clients")
    assert clients.targets
    response = _post(client, "/goals/add", key="clients", priority="2", form="goal")
    assert response.status_code == 303
    assert "Saved: the goal Finding clients." in client.get("/goals").text
    page = client.get("/goals").text
    shown = re.search(r'id="form-change-clients".*?name="targets" value="([^"]*)"', page, re.S)
    assert shown and "sector=healthcare" in shown.group(1).replace("&#61;", "=")
    with Store.open(demo_copy) as store, store.connect() as connection:
        changed = next(g for g in repo.load_goals(connection) if g.key == "clients")
    assert changed.priority == 2 and changed.targets == clients.targets


def test_without_goals_the_advice_page_asks_for_one_instead_of_letting_go(demo_copy: Path):
    """METHOD.md: no goal, no basis for letting go — the page says to name a goal first."""
    with Store.open(demo_copy) as store, store.begin() as connection:
        for goal in repo.load_goals(connection):
            repo.remove_goal(connection, goal.id)
    page = client_for(demo_copy).get("/advice").text
    assert 'data-testid="needs-goal"' in page and "Name a goal first" in page
    assert 'name="action" value="let_go"' not in page


def test_an_outcome_dated_after_today_is_refused_with_the_field_marked(demo_copy: Path):
    client = client_for(demo_copy)
    before = rows(demo_copy)
    response = _post(
        client, "/events/outcome", kind="client", on="2026-11-05", value="500", form="outcome"
    )
    assert response.status_code == 400
    assert re.search(r'name="on" value="2026-11-05" aria-invalid="true"', response.text)
    assert rows(demo_copy) == before


def test_a_long_invitation_list_comes_in_pages(demo_copy: Path):
    """With more pending invitations than one page holds (50), the list shows 50, says which
    page of how many, and the next page shows the rest — every pending invitation once."""

    with Store.open(demo_copy) as store, store.begin() as connection:
        repo.add_invitations(
            connection,
            [
                Invitation(f"Sender {n}", Direction.INBOUND, datetime(2026, 1, 1 + n % 28))
                for n in range(60)
            ],
        )
    with Store.open(demo_copy) as store:
        profile = analyze(load_snapshot(store), DEMO_TODAY)
    pending = [a.invitation.id for a in triage_invitations(profile)]  # those still to decide
    assert len(pending) > 60
    client = client_for(demo_copy)
    first = client.get("/invitations?lang=en").text
    pages = -(-len(pending) // 50)
    assert f"<span>1 / {pages}</span>" in first
    assert 'href="?lang=en&amp;page=2"' in first
    shown = []
    for page in range(1, pages + 1):
        html = client.get(f"/invitations?lang=en&page={page}").text
        found = re.findall(r'<tr data-invitation="(\d+)">', html)
        assert len(found) == (50 if page < pages else len(pending) - 50 * (pages - 1))
        shown += [int(i) for i in found]
    assert sorted(shown) == sorted(pending)
    beyond = client.get(f"/invitations?page={pages + 5}").text  # past the end: the last page
    assert f"<span>{pages} / {pages}</span>" in beyond
