"""The user's word on event series found in calendars (issue 17, point 2): ``tiewise events
series | confirm | reject``, the events page's Confirm / Reject buttons, a rejected series out of
the Snapshot and out of re-imports, and migration 0006."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from tests.test_cli import run
from tests.test_store import _downgrade
from tests.web.test_app import client_for, csrf_of
from tiewise import model
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

FIXTURES = Path(__file__).parent / "fixtures" / "ics"
BORREL = "Ondernemersborrel Nijmegen"


def _imported(tmp_path: Path) -> Path:
    db = tmp_path / "mine.db"
    run(db, "me", "--name", "Jan Jansen", "--email", "jan.jansen@example.nl")
    summary = json.loads(run(db, "import", "ics", str(FIXTURES / "networking.ics"), "--json"))
    assert summary["added"] > 0
    return db


def _series(db: Path) -> dict[str, dict]:
    return {row["name"]: row for row in json.loads(run(db, "events", "series", "--json"))["series"]}


def _listed(db: Path) -> set[str]:
    return {row["name"] for row in json.loads(run(db, "events", "list", "--json"))["series"]}


def _occurrence_rows(db: Path) -> int:
    with Store.open(db) as store, store.connect() as connection:
        return len(repo.load_occurrences(connection))


def test_series_are_listed_with_their_evidence(tmp_path: Path):
    db = _imported(tmp_path)
    borrel = _series(db)[BORREL]
    assert borrel["evidence"] == ["title:ondernemersborrel", "location"]
    assert (borrel["review"], borrel["occurrences"]) == (None, 4)
    table = run(db, "events", "series")
    assert "title names it" in table and "a place" in table  # wrapped in the table's cell
    dutch = run(db, "events", "series", lang="nl")
    assert "titel noemt het" in dutch and "nog niet beoordeeld" in dutch


def test_a_rejected_series_leaves_the_events_and_a_reimport_leaves_it_out(tmp_path: Path):
    db = _imported(tmp_path)
    assert BORREL in _listed(db)
    said = run(db, "events", "reject", BORREL.lower())
    assert "Rejected: Ondernemersborrel Nijmegen is no longer an event" in " ".join(said.split())
    assert BORREL not in _listed(db)
    with Store.open(db) as store:
        assert BORREL not in {s.name for s in load_snapshot(store).series}
        assert all(o.name != BORREL for o in load_snapshot(store).occurrences)
        with store.connect() as connection:  # the meetings behind it stay meetings
            subjects = {i.subject for i in repo.load_interactions(connection)}
    assert BORREL in subjects
    rows = _occurrence_rows(db)
    again = json.loads(run(db, "import", "ics", str(FIXTURES / "networking.ics"), "--json"))
    assert (again["added"], _occurrence_rows(db)) == (0, rows)
    assert _series(db)[BORREL]["review"] == "rejected"
    run(db, "events", "confirm", str(_series(db)[BORREL]["series_id"]))
    assert BORREL in _listed(db)
    assert _series(db)[BORREL]["review"] == "confirmed"


def test_a_rejected_series_is_not_brought_back_by_a_new_file(tmp_path: Path):
    db = _imported(tmp_path)
    run(db, "events", "reject", BORREL)
    later = (FIXTURES / "networking.ics").read_text().replace("COUNT=4", "COUNT=6")
    path = tmp_path / "later.ics"
    path.write_text(later, encoding="utf-8")
    before = _occurrence_rows(db)
    summary = json.loads(run(db, "import", "ics", str(path), "--json"))
    assert summary["skipped"] >= 2
    assert _occurrence_rows(db) == before


def test_adding_to_a_rejected_series_by_hand_confirms_it_and_says_so(tmp_path: Path):
    """``events add`` on a rejected series: the user's own entry is her word that it is an
    event, so the series is confirmed again (else the entry would be hidden) and she is told."""
    db = _imported(tmp_path)
    run(db, "events", "reject", BORREL)
    said = " ".join(run(db, "events", "add", BORREL, "--on", "2026-01-20 17:00").split())
    assert f"{BORREL} was rejected as a networking event" in said
    assert "1 occurrence added" in said
    assert _series(db)[BORREL]["review"] == "confirmed"
    assert BORREL in _listed(db)


def test_a_confirmed_series_takes_entries_the_evidence_alone_leaves_out(tmp_path: Path):
    db = _imported(tmp_path)
    run(db, "events", "confirm", BORREL)
    bare = tmp_path / "bare.ics"
    bare.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:bare-borrel\n"
        f"DTSTART:20260305T160000Z\nSUMMARY:{BORREL}\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    before = _occurrence_rows(db)
    json.loads(run(db, "import", "ics", str(bare), "--json"))
    assert _occurrence_rows(db) == before + 1


def test_an_unknown_series_is_an_error_naming_it(tmp_path: Path):
    db = _imported(tmp_path)
    out = run(db, "events", "reject", "Geen idee", code=2)
    assert "series: expected the id or name of an event series" in " ".join(out.split())
    assert "'Geen idee'" in out


def test_the_events_page_confirms_and_rejects(tmp_path: Path):
    db = _imported(tmp_path)
    series_id = _series(db)[BORREL]["series_id"]
    client = client_for(db)
    page = client.get("/events").text
    assert f'action="/events/series/{series_id}/review"' in page
    assert "title names it (ondernemersborrel); a place" in page
    url = f"/events/series/{series_id}/review"
    posted = client.post(
        url, data={"csrf": csrf_of(client), "review": "rejected"}, follow_redirects=False
    )
    assert posted.status_code == 303
    assert _series(db)[BORREL]["review"] == "rejected"
    page = client.get("/events").text
    assert "rejected" in page and 'value="rejected"' not in page.split(BORREL)[-1][:600]
    wrong = client.post(url, data={"csrf": csrf_of(client), "review": "maybe"})
    assert wrong.status_code == 400
    assert _series(db)[BORREL]["review"] == "rejected"
    client.post(url, data={"csrf": csrf_of(client), "review": "confirmed"})
    assert _series(db)[BORREL]["review"] == "confirmed"
    assert "Bevestigen" in client.get("/events?lang=nl").text


def test_the_review_is_checked_by_the_database(store: Store):
    with store.begin() as connection:
        (series_id,) = repo.add_series(connection, [model.EventSeries("Borrel")])
    with pytest.raises(IntegrityError), store.begin() as connection:
        connection.exec_driver_sql(
            f"UPDATE event_series SET review = 'maybe' WHERE id = {series_id}"
        )


def test_migration_0006_keeps_series_and_their_occurrences(tmp_path: Path):
    from tiewise.store.database import create_store_engine, migrate

    path = tmp_path / "old.db"
    engine = create_store_engine(f"sqlite:///{path}")
    migrate(engine, "0005")
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO event_series (id, name) VALUES (1, 'Zorgborrel')")
        connection.exec_driver_sql(
            "INSERT INTO event_occurrence (id, series_id, starts_at) "
            "VALUES (7, 1, '2026-10-28 17:00:00')"
        )
    engine.dispose()
    with Store.open(path) as store, store.begin() as connection:
        (series,) = repo.load_series(connection)
        assert (series.name, series.evidence, series.review) == ("Zorgborrel", None, None)
        assert repo.review_series(connection, 1, model.SeriesReview.REJECTED)
        assert len(repo.load_occurrences(connection)) == 1
    engine = create_store_engine(f"sqlite:///{path}")
    _downgrade(engine, "0005")
    with engine.connect() as connection:
        columns = {r[1] for r in connection.exec_driver_sql("PRAGMA table_info(event_series)")}
        kept = connection.exec_driver_sql("SELECT COUNT(*) FROM event_occurrence").scalar()
    engine.dispose()
    assert "review" not in columns and kept == 1
