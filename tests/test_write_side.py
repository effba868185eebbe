"""Issue 18: the command line writes through the same write-side modules as the web app
(``contactbook``, ``serieslog``, ``goallog``) — new options (a contact's given and family name,
birthday and cadence, ``events edit``, ``goals restore``) and the rules they share."""

from __future__ import annotations

import json
from pathlib import Path

from tiewise import model
from tiewise.store import Store
from tiewise.store import repository as repo

from .test_cli import run


def stored(db: Path, name: str) -> tuple[model.Contact, model.Tie]:
    with Store.open(db) as store, store.connect() as connection:
        contact = repo.find_contact(connection, name)
        return contact, repo.load_tie(connection, contact.id)


def test_contact_add_and_edit_write_every_field(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(
        db,
        "contact",
        "add",
        "Anouk de Vries",
        "--given-name",
        "Anouk",
        "--family-name",
        "de Vries",
        "--birthday",
        "--04-15",
        "--cadence",
        "21",
        "--context",
        "Work",
    )
    contact, tie = stored(db, "anouk")
    assert (contact.given_name, contact.family_name, contact.birthday) == (
        "Anouk",
        "de Vries",
        model.Birthday(4, 15),
    )
    assert (tie.cadence_days, tie.contexts) == (21, ("work",))
    run(db, "contact", "edit", "anouk", "--cadence", "7", "--family-name", "Bakker")
    contact, tie = stored(db, "anouk")
    assert (contact.family_name, contact.given_name, tie.cadence_days) == ("Bakker", "Anouk", 7)
    out = run(db, "contact", "edit", "anouk", "--name", " ", code=2)
    assert "--name: expected a name, found an empty text" in out


def test_an_address_that_is_mine_or_someone_elses_is_refused_everywhere(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "me", "--name", "Eva de Wit", "--email", "eva@studiowit.nl")
    run(db, "contact", "add", "Piet Jansen", "--email", "piet@jansen.nl")
    mine = run(db, "contact", "add", "Eva Two", "--email", "Eva@StudioWit.nl", code=2)
    assert "--email: email eva@studiowit.nl is yours" in mine
    run(db, "contact", "add", "Anouk")
    taken = run(db, "contact", "edit", "anouk", "--email", "piet@jansen.nl", code=2)
    assert "already belongs to Piet Jansen (id 1)" in taken
    bad = run(db, "contact", "edit", "anouk", "--email", "anouk(at)umc", code=2)
    assert "--email: not a valid email: 'anouk(at)umc'" in bad
    shown = json.loads(run(db, "me", "--json"))
    assert shown["emails"] == ["eva@studiowit.nl"] and shown["name"] == "Eva de Wit"


def test_a_removed_goal_comes_back_with_goals_restore(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "goals", "add", "clients", "--priority", "5", "--target", "sector=healthcare")
    run(db, "contact", "add", "Anouk")
    outcome = ["events", "outcome", "client", "--on", "2026-01-10", "--contact", "anouk"]
    run(db, *outcome, "--goal", "clients")
    with Store.open(db) as store, store.connect() as connection:
        (goal,) = repo.load_goals(connection)
    out = run(db, "goals", "remove", "clients")
    assert "Goal removed: Finding clients" in out and "tiewise goals restore 1" in out
    assert "1  Finding clients — removed on" in run(db, "goals", "restore")
    assert "Doel teruggezet: Klanten vinden" in run(db, "goals", "restore", "1", lang="nl")
    with Store.open(db) as store, store.connect() as connection:
        (back,) = repo.load_goals(connection)
        (outcome,) = repo.load_outcomes(connection)
    assert (back.priority, back.targets) == (goal.priority, goal.targets)
    assert outcome.goal_id == back.id
    assert "No removed goals." in run(db, "goals", "restore")
    assert "was restored on" in run(db, "goals", "restore", "1", code=2)


def test_events_edit_renames_a_series_and_its_dates_follow(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "events", "add", "Borrel", "--on", "2026-01-05 17:00", "--organiser", "Club")
    out = run(db, "events", "edit", "borrel", "--name", "Ondernemersborrel", "--organiser", "")
    assert "Updated event series Ondernemersborrel." in out
    again = run(db, "events", "add", "Ondernemersborrel", "--on", "2026-01-05 17:00")
    assert "0 occurrences added, 1 already recorded." in again
    run(db, "events", "add", "Meetup")
    clash = run(db, "events", "edit", "meetup", "--name", "ONDERNEMERSBORREL", code=2)
    assert "expected a name no other series has" in clash
    with Store.open(db) as store, store.connect() as connection:
        series = {s.name: s for s in repo.load_series(connection)}
        (occurrence,) = repo.load_occurrences(connection)
    assert set(series) == {"Ondernemersborrel", "Meetup"}
    assert series["Ondernemersborrel"].organiser is None
    assert occurrence.name == "Ondernemersborrel"


def test_repeating_dates_is_bounded(tmp_path: Path):
    db = tmp_path / "mine.db"
    args = ["events", "add", "Daily", "--on", "2026-01-01", "--every-days", "1"]
    out = run(db, *args, "--until", "2030-01-01", code=2)
    assert "--until: expected at most 1000 dates" in out
    assert "4 occurrences added" in run(db, *args, "--until", "2026-01-04")
