"""Issue 18: the web writes everything the command line writes — a contact (every field), an
event series, who I am, a goal removed and restored — and a first run on an empty database
leads through three steps, with every page that needs data saying what is missing."""

from __future__ import annotations

import html as markup
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from tiewise import model
from tiewise.contactbook import add_contact, edit_contact
from tiewise.ingest.merging import merge
from tiewise.model import IdentifierKind as IK
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.tags import tags_of

from .test_app import client_for, csrf_of, rows

EVERY_FIELD = {
    "form": "contact-new",
    "name": "Anouk de Vries",
    "given_name": "Anouk",
    "family_name": "de Vries",
    "organisation": "Radboudumc",
    "role": "Verpleegkundige",
    "sector": "healthcare",
    "region": "Nijmegen",
    "birthday": "1985-04-15",
    "email": "Anouk@Radboudumc.nl\r\nanouk.devries@gmail.com",
    "phone": "06 1234 5678",
    "url": "https://www.linkedin.com/in/anouk-de-vries/",
    "closeness": "4",
    "status": "keep",
    "contexts": "Work, Running",
    "met_how": "Zorginnovatie meetup",
    "met_on": "2019-05-01",
    "cadence_days": "30",
}


def post(client, path: str, /, **data: str):
    return client.post(path, data={"csrf": csrf_of(client), **data}, follow_redirects=False)


def saved(client, response) -> str:
    """The page a save went back to, with its confirmation."""
    assert response.status_code == 303, response.text[:2000]
    page = client.get(response.headers["location"]).text
    assert 'class="flash" role="status"' in page
    return page


def person(db: Path, contact_id: int) -> tuple[model.Contact, model.Tie]:
    with Store.open(db) as store, store.connect() as connection:
        group = repo.merged_group(connection, contact_id)
        records = [repo.load_contact(connection, i) for i in group]
        ties = [repo.load_tie(connection, i) for i in group]
    return model.fold_contact(records), model.fold_tie(group[0], ties)


def marked(html: str, field: str) -> bool:
    return bool(re.search(rf'name="{field}"[^>]*aria-invalid="true"', html))


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    return tmp_path / "empty.db"


@pytest.fixture
def one_contact(tmp_path: Path) -> Path:
    """A database with Piet Jansen (piet@jansen.nl), and who I am."""
    db = tmp_path / "one.db"
    with Store.open(db) as store:
        add_contact(
            store,
            model.Contact(
                "Piet Jansen",
                identifiers=(model.Identifier(IK.EMAIL, "piet@jansen.nl"),),
            ),
        )
        with store.begin() as connection:
            repo.save_me(
                connection,
                model.Me("Eva de Wit", (model.Identifier(IK.EMAIL, "eva@studiowit.nl"),)),
            )
    return db


# --- a contact


def test_a_new_contact_is_saved_with_every_field(empty: Path):
    client = client_for(empty)
    response = post(client, "/contacts/new", **EVERY_FIELD)
    page = saved(client, response)
    assert "Added: Anouk de Vries." in page
    contact_id = int(response.headers["location"].rsplit("/", 1)[1])
    contact, tie = person(empty, contact_id)
    assert (contact.name, contact.given_name, contact.family_name) == (
        "Anouk de Vries",
        "Anouk",
        "de Vries",
    )
    assert (contact.organisation, contact.role, contact.sector, contact.region) == (
        "Radboudumc",
        "Verpleegkundige",
        "healthcare",
        "Nijmegen",
    )
    assert contact.birthday == model.Birthday(4, 15, 1985)
    assert contact.values(IK.EMAIL) == ("anouk@radboudumc.nl", "anouk.devries@gmail.com")
    assert contact.values(IK.PHONE) == ("+31612345678",)
    assert contact.values(IK.PROFILE_URL) == ("linkedin.com/in/anouk-de-vries",)
    assert (tie.closeness, tie.status, set(tie.contexts)) == (
        4,
        model.TieStatus.KEEP,
        {"work", "running"},
    )
    assert (tie.met_how, tie.met_on, tie.cadence_days) == (
        "Zorginnovatie meetup",
        date(2019, 5, 1),
        30,
    )
    assert "anouk@radboudumc.nl" in page and "keep in touch every 30 days" in page
    assert "15 Apr 1985" in page and "1985-04-15" not in page  # the birthday as people write it


def test_editing_a_contact_changes_every_field_and_replaces_what_the_form_showed(empty: Path):
    client = client_for(empty)
    response = post(client, "/contacts/new", **EVERY_FIELD)
    contact_id = int(response.headers["location"].rsplit("/", 1)[1])
    form = client.get(f"/contacts/{contact_id}/edit").text
    assert 'value="Radboudumc"' in form and 'value="1985-04-15"' in form
    assert ">anouk@radboudumc.nl\nanouk.devries@gmail.com</textarea>" in form
    assert re.search(r'<option value="4" selected>', form)
    changes = {
        "form": "edit",
        "name": "Anouk Bakker",
        "given_name": "Anouk",
        "family_name": "Bakker",
        "organisation": "",
        "role": "Teamleider",
        "sector": "healthcare",
        "region": "Arnhem",
        "birthday": "--04-16",
        "email": "anouk@bakker.nl",
        "phone": "",
        "url": "linkedin.com/in/anouk-de-vries",
        "closeness": "",
        "status": "active",
        "contexts": "work",
        "met_how": "",
        "met_on": "",
        "cadence_days": "14",
    }
    page = saved(client, post(client, f"/contacts/{contact_id}/edit", **changes))
    assert "Saved: Anouk Bakker." in page
    contact, tie = person(empty, contact_id)
    assert (contact.name, contact.family_name, contact.organisation, contact.role) == (
        "Anouk Bakker",
        "Bakker",
        None,
        "Teamleider",
    )
    assert contact.region == "Arnhem" and contact.birthday == model.Birthday(4, 16)
    assert contact.values(IK.EMAIL) == ("anouk@bakker.nl",)
    assert contact.values(IK.PHONE) == ()
    assert contact.values(IK.PROFILE_URL) == ("linkedin.com/in/anouk-de-vries",)
    assert (tie.closeness, tie.status, tie.contexts) == (None, model.TieStatus.ACTIVE, ("work",))
    assert (tie.met_how, tie.met_on, tie.cadence_days) == (None, None, 14)


def _tags(db: Path, contact_id: int) -> list[str]:
    with Store.open(db) as store, store.connect() as connection:
        return tags_of(connection, [contact_id]).get(contact_id, [])


def test_the_contact_form_sets_and_replaces_tags_and_refuses_a_bad_one(empty: Path):
    """Tags are a field of the contact form (the command line's ``contact tag``): what the form
    lists becomes the person's tags; a tag over 100 characters marks the field, keeps the
    input and writes nothing."""
    client = client_for(empty)
    response = post(client, "/contacts/new", **{**EVERY_FIELD, "tags": "mentor, Zorg"})
    contact_id = int(response.headers["location"].rsplit("/", 1)[1])
    assert _tags(empty, contact_id) == ["mentor", "Zorg"]
    page = client.get(f"/contacts/{contact_id}").text
    assert "mentor, Zorg" in page
    assert 'value="mentor, Zorg"' in client.get(f"/contacts/{contact_id}/edit").text
    saved(client, post(client, f"/contacts/{contact_id}/edit", form="edit", tags="zorg, fund"))
    assert _tags(empty, contact_id) == ["fund", "Zorg"]  # "zorg" is the tag kept, as spelled
    long = "x" * 101
    refused = post(client, f"/contacts/{contact_id}/edit", form="edit", tags=f"ok, {long}")
    assert refused.status_code == 400 and marked(refused.text, "tags")
    assert _tags(empty, contact_id) == ["fund", "Zorg"]


def test_the_short_edit_form_leaves_the_fields_it_does_not_send(empty: Path):
    client = client_for(empty)
    response = post(client, "/contacts/new", **EVERY_FIELD)
    contact_id = int(response.headers["location"].rsplit("/", 1)[1])
    short = {"form": "edit", "name": "Anouk", "organisation": "UMC", "role": "", "sector": ""}
    saved(client, post(client, f"/contacts/{contact_id}/edit", **short, region="Nijmegen"))
    contact, tie = person(empty, contact_id)
    assert (contact.name, contact.organisation, contact.role) == ("Anouk", "UMC", None)
    assert contact.birthday == model.Birthday(4, 15, 1985)
    assert len(contact.values(IK.EMAIL)) == 2 and tie.cadence_days == 30


def test_an_edit_makes_a_merged_person_read_as_typed(empty: Path):
    with Store.open(empty) as store:
        first = add_contact(store, model.Contact("Anouk de Vries"))
        second = add_contact(
            store,
            model.Contact(
                "A. de Vries",
                organisation="Radboudumc",
                identifiers=(model.Identifier(IK.EMAIL, "anouk@umc.nl"),),
            ),
            model.Tie(0, contexts=("work",)),
        )
        merge(store, first, second, datetime(2026, 10, 1))
        edited = edit_contact(
            store,
            second,
            {"organisation": None},
            {"contexts": ("running",)},
            removed=[model.Identifier(IK.EMAIL, "anouk@umc.nl")],
        )
    assert edited.id == first and edited.organisation is None and edited.identifiers == ()
    contact, tie = person(empty, first)
    assert contact.organisation is None and tie.contexts == ("running",)


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("name", "", "this field is required"),
        ("name", "Ann\x00a", "expected text without control characters"),
        ("email", "anouk@radboudumc", "expected an e-mail address"),
        ("email", "Piet@Jansen.nl", "piet@jansen.nl already belongs to Piet Jansen"),
        ("email", "eva@studiowit.nl", "eva@studiowit.nl is yours"),
        ("birthday", "1985-02-31", "expected a birthday YYYY-MM-DD, or --MM-DD"),
        ("birthday", "--02-30", "expected a birthday YYYY-MM-DD, or --MM-DD"),
        ("url", "http://[broken", "expected a profile URL"),
        ("met_on", "gisteren", "expected a date YYYY-MM-DD"),
        ("cadence_days", "0", "expected a number from 1 to 3,650"),
    ],
)
@pytest.mark.parametrize("page", ["new", "edit"])
def test_bad_input_keeps_the_form_marks_the_field_and_writes_nothing(
    one_contact: Path, page: str, field: str, bad: str, message: str
):
    client = client_for(one_contact)
    with Store.open(one_contact) as store:
        contact_id = add_contact(store, model.Contact("Anouk de Vries", organisation="UMC"))
    before = rows(one_contact)
    url = "/contacts/new" if page == "new" else f"/contacts/{contact_id}/edit"
    typed = {**EVERY_FIELD, "form": "contact-new" if page == "new" else "edit"}
    typed |= {"organisation": "Kept Organisation", field: bad}
    response = post(client, url, **typed)
    assert response.status_code == 400
    html = response.text
    assert message in markup.unescape(html)
    assert marked(html, field)
    assert 'value="Kept Organisation"' in html  # what was typed is kept …
    shown = markup.escape(bad.replace("\x00", "\ufffd"), quote=True)
    assert shown in html  # … the bad value too, where the user can correct it
    assert rows(one_contact) == before


def test_the_contact_forms_speak_dutch(one_contact: Path):
    client = client_for(one_contact)
    page = client.get("/contacts/new?lang=nl").text
    assert "<h1>Nieuw contact</h1>" in page
    for label in ("Voornaam", "Verjaardag (JJJJ-MM-DD", "E-mailadressen (één per regel)"):
        assert label in page
    response = post(client, "/contacts/new", **EVERY_FIELD | {"birthday": "1985-02-31"})
    assert response.status_code == 400
    assert "verwacht een verjaardag JJJJ-MM-DD" in markup.unescape(response.text)
    taken = post(client, "/contacts/new", **EVERY_FIELD | {"email": "piet@jansen.nl"})
    assert "piet@jansen.nl hoort al bij Piet Jansen" in markup.unescape(taken.text)
    assert marked(taken.text, "email")
    edit = client.get("/contacts/1/edit").text
    assert "Piet Jansen bewerken" in edit and "Hoe jullie elkaar leerden kennen" in edit


def test_the_contacts_page_and_a_contact_link_to_the_forms(one_contact: Path):
    client = client_for(one_contact)
    assert 'href="/contacts/new"' in client.get("/contacts").text
    page = client.get("/contacts/1").text
    assert 'href="/contacts/1/edit"' in page and "piet@jansen.nl" in page


# --- who I am


def test_who_i_am_is_saved_replaced_and_refused_when_wrong(one_contact: Path):
    client = client_for(one_contact)
    form = client.get("/settings").text
    assert 'id="form-me"' in form and ">eva@studiowit.nl</textarea>" in form
    me = {
        "form": "me",
        "name": "Eva de Wit",
        "email": "eva@studiowit.nl\neva.dewit@gmail.com",
        "phone": "+31 6 9554 1731",
        "url": "linkedin.com/in/evadewit",
        "organisation": "Studio Wit",
        "role": "",
        "sector": "design",
        "region": "Nijmegen",
    }
    page = saved(client, post(client, "/me", **me))
    assert "Saved who you are: Eva de Wit." in page
    with Store.open(one_contact) as store, store.connect() as connection:
        stored = repo.load_me(connection)
    assert stored.values(IK.EMAIL) == ("eva.dewit@gmail.com", "eva@studiowit.nl")
    assert stored.values(IK.PROFILE_URL) == ("linkedin.com/in/evadewit",)
    assert stored.values(IK.PHONE) == ("+31695541731",)
    assert (stored.organisation, stored.sector) == ("Studio Wit", "design")
    saved(client, post(client, "/me", **me | {"email": "eva.dewit@gmail.com"}))
    with Store.open(one_contact) as store, store.connect() as connection:
        assert repo.load_me(connection).values(IK.EMAIL) == ("eva.dewit@gmail.com",)
    before = rows(one_contact)
    for field, bad, message in [
        ("name", "", "this field is required"),
        ("email", "eva(at)studiowit", "expected an e-mail address"),
        ("url", "\x1b[2J", "control characters"),
    ]:
        response = post(client, "/me", **me | {field: bad})
        assert response.status_code == 400 and message in markup.unescape(response.text)
        assert marked(response.text, field) and 'value="Studio Wit"' in response.text
    nl = post(client, "/me?lang=nl", **me | {"email": "eva(at)studiowit"})
    assert "verwacht een e-mailadres" in markup.unescape(nl.text)
    assert rows(one_contact) == before


# --- event series


def test_an_event_series_is_added_edited_and_given_more_dates(empty: Path):
    client = client_for(empty)
    series = {
        "form": "series-new",
        "name": "Ondernemersborrel",
        "on": "2026-12-03T17:00",
        "every_days": "28",
        "until": "2027-03-01",
        "organiser": "Ondernemersclub Nijmegen",
        "category": "borrel",
        "location": "De Hucht",
    }
    response = post(client, "/events/series/new", **series)
    page = saved(client, response)
    assert "Ondernemersborrel — 4 dates added, 0 known already." in page
    series_id = int(response.headers["location"].rsplit("/", 1)[1])
    with Store.open(empty) as store, store.connect() as connection:
        (stored,) = repo.load_series(connection)
        starts = [o.starts_at for o in repo.load_occurrences(connection)]
    assert (stored.name, stored.organiser, stored.category, stored.location) == (
        "Ondernemersborrel",
        "Ondernemersclub Nijmegen",
        "borrel",
        "De Hucht",
    )
    assert starts == [
        datetime(2026, 12, 3, 17),
        datetime(2026, 12, 31, 17),
        datetime(2027, 1, 28, 17),
        datetime(2027, 2, 25, 17),
    ]
    assert page.count("<li>") >= 4 and "to come" in page
    edit = {"form": "series-edit", "name": "Ondernemersborrel Nijmegen", "organiser": ""}
    page = saved(client, post(client, f"/events/series/{series_id}/edit", **edit))
    assert "Saved: the event series Ondernemersborrel Nijmegen." in page
    again = {"form": "series-dates", "on": "2026-12-03T17:00"}
    page = saved(client, post(client, f"/events/series/{series_id}/dates", **again))
    assert "0 dates added, 1 known already." in page  # the dates followed the new name
    more = {"form": "series-dates", "on": "2027-03-25 17:00"}
    saved(client, post(client, f"/events/series/{series_id}/dates", **more))
    with Store.open(empty) as store, store.connect() as connection:
        (stored,) = repo.load_series(connection)
        occurrences = repo.load_occurrences(connection)
    assert (stored.name, stored.organiser) == ("Ondernemersborrel Nijmegen", None)
    assert len(occurrences) == 5
    assert {o.name for o in occurrences} == {"Ondernemersborrel Nijmegen"}
    events = client.get("/events").text
    assert f'href="/events/series/{series_id}"' in events and 'name="series"' in events


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("name", "", "this field is required"),
        ("on", "3 december", "expected a date or a date and time"),
        ("until", "", "give the first date and the last day"),
        ("every_days", "0", "expected a number from 1 to 3,650"),
        ("location", "De\x07Hucht", "control characters"),
    ],
)
def test_a_bad_new_series_keeps_the_form_and_marks_the_field(
    empty: Path, field: str, bad: str, message: str
):
    client = client_for(empty)
    before = rows(empty)
    typed = {
        "form": "series-new",
        "name": "Ondernemersborrel",
        "on": "2026-12-03T17:00",
        "every_days": "28",
        "until": "2027-03-01",
        "organiser": "Ondernemersclub",
    }
    response = post(client, "/events/series/new", **typed | {field: bad})
    assert response.status_code == 400
    assert message in markup.unescape(response.text)
    assert marked(response.text, field)
    assert 'value="Ondernemersclub"' in response.text
    assert rows(empty) == before


def test_renaming_a_series_to_another_series_name_is_refused_in_dutch(empty: Path):
    client = client_for(empty)
    first = post(client, "/events/series/new", form="series-new", name="Borrel")
    post(client, "/events/series/new", form="series-new", name="Meetup")
    series_id = first.headers["location"].rsplit("/", 1)[1]
    before = rows(empty)
    client.get("/events?lang=nl")
    response = post(
        client,
        f"/events/series/{series_id}/edit",
        form="series-edit",
        name="meetup",
        location="Arnhem",
    )
    assert response.status_code == 400
    assert "een andere evenementenreeks heet al" in markup.unescape(response.text)
    assert marked(response.text, "name") and 'value="Arnhem"' in response.text
    assert "Deze reeks wijzigen" in response.text and "Data toevoegen" in response.text
    assert rows(empty) == before


# --- goals: removing is undone


def test_a_removed_goal_is_restored_with_its_targets_and_outcomes(demo_copy: Path):
    client = client_for(demo_copy)
    with Store.open(demo_copy) as store:
        snapshot = load_snapshot(store)
    serving = {o.goal_id for o in snapshot.outcomes if o.goal_id is not None}
    goal = next(g for g in snapshot.goals if g.id in serving)
    outcomes = sorted(o.id for o in snapshot.outcomes if o.goal_id == goal.id)
    response = post(client, f"/goals/{goal.id}/remove", form=f"remove-{goal.key}")
    page = saved(client, response)
    assert "You can put it back under Removed goals." in page
    removal = re.search(r'action="/goals/removed/(\d+)/restore"', page).group(1)
    with Store.open(demo_copy) as store, store.connect() as connection:
        assert goal.key not in {g.key for g in repo.load_goals(connection)}
        assert not any(o.goal_id for o in repo.load_outcomes(connection) if o.id in outcomes)
    page = saved(client, post(client, f"/goals/removed/{removal}/restore", form="x"))
    assert "Restored: the goal" in page and "removed-goals" not in page
    with Store.open(demo_copy) as store, store.connect() as connection:
        (back,) = [g for g in repo.load_goals(connection) if g.key == goal.key]
        served = sorted(o.id for o in repo.load_outcomes(connection) if o.goal_id == back.id)
    assert (back.priority, back.targets, back.goal_class) == (
        goal.priority,
        goal.targets,
        goal.goal_class,
    )
    assert served == outcomes
    again = post(client, f"/goals/removed/{removal}/restore", form="x")
    assert again.status_code == 400 and "was restored on" in again.text


def test_a_goal_named_again_blocks_restoring_the_removed_one(demo_copy: Path):
    client = client_for(demo_copy)
    saved(client, post(client, "/goals/add", form="goal", key="fun", priority="2"))
    page = saved(client, post(client, "/goals/fun/remove", form="remove-fun"))
    removal = re.search(r'action="/goals/removed/(\d+)/restore"', page).group(1)
    saved(client, post(client, "/goals/add", form="goal", key="fun", priority="4"))
    before = rows(demo_copy)
    client.get("/goals?lang=nl")
    response = post(client, f"/goals/removed/{removal}/restore", form=f"restore-{removal}")
    assert response.status_code == 400
    assert "staat er weer; pas dat aan" in markup.unescape(response.text)
    assert rows(demo_copy) == before


# --- the first run


def test_an_empty_database_leads_through_three_steps(empty: Path):
    client = client_for(empty)
    assert "Aan de slag" in client.get("/?lang=nl").text
    dashboard = client.get("/?lang=en").text
    assert 'data-testid="first-run"' in dashboard
    steps = re.findall(r'data-step="(\w+)" data-done="(\w+)"', dashboard)
    assert steps == [("me", "no"), ("import", "no"), ("goal", "no")]
    assert 'action="/start/me"' in dashboard and 'href="/import"' in dashboard
    assert 'href="/goals#form-goal"' in dashboard
    assert "Hours saved" not in dashboard and "/report.pdf" not in dashboard
    assert "This week" not in dashboard
    response = post(
        client,
        "/start/me",
        form="start-me",
        back="/",
        name="Eva de Wit",
        email="eva@studiowit.nl",
        url="",
    )
    assert response.headers["location"] == "/"
    dashboard = saved(client, response)
    assert re.findall(r'data-step="(\w+)" data-done="(\w+)"', dashboard)[0] == ("me", "yes")
    saved(client, post(client, "/contacts/new", form="contact-new", name="Anouk de Vries"))
    saved(client, post(client, "/goals/add", form="goal", key="clients", priority="5"))
    dashboard = client.get("/").text
    assert 'data-testid="first-run"' not in dashboard and "Hours saved" in dashboard


def test_a_bad_first_step_keeps_the_dashboard_form(empty: Path):
    client = client_for(empty)
    client.get("/?lang=nl")
    before = rows(empty)
    response = post(client, "/start/me", form="start-me", back="/", name="", email="eva@")
    assert response.status_code == 400
    html = response.text
    assert "Aan de slag" in html and "dit veld is verplicht" in html
    assert marked(html, "name") and ">eva@</textarea>" in html
    assert rows(empty) == before


@pytest.mark.parametrize(
    ("path", "missing", "absent"),
    [
        ("/advice", 'data-testid="empty"', "Budget:"),
        ("/events", 'data-testid="missing-series"', "Threshold"),
        ("/invitations", 'data-testid="missing-invitations"', "<table"),
        ("/introductions", 'data-testid="missing-contacts"', "<table"),
        ("/network", 'data-testid="missing-contacts"', "<canvas"),
        ("/decisions", 'data-testid="missing-contacts"', "<table"),
        ("/goals", 'data-testid="missing-contacts"', "/100"),
        ("/contacts", 'data-testid="missing-contacts"', "/contacts/1"),
    ],
)
def test_pages_that_need_data_say_what_is_missing_and_link_to_the_step(
    empty: Path, path: str, missing: str, absent: str
):
    html = client_for(empty).get(path + "?lang=en").text
    assert missing in html and 'href="/import"' in html
    assert absent not in html


def test_an_empty_events_page_offers_a_series_but_no_visit_to_log(empty: Path):
    html = client_for(empty).get("/events?lang=nl").text
    assert "Een evenementenreeks toevoegen" in html and 'id="form-series-new"' in html
    assert 'id="form-visit"' not in html and "€0" not in html


def test_the_report_on_an_empty_database_says_what_is_missing(empty: Path):
    response = client_for(empty).get("/report.pdf")
    assert response.status_code == 409
    assert "Nothing to report yet" in response.text and 'href="/import"' in response.text
    assert "Nog niets te rapporteren" in client_for(empty).get("/report.html?lang=nl").text
