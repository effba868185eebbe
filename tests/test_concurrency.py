"""Writers wait for each other (issue 17, point 4): the web app, the command line and an import
writing to one SQLite database at once lose nothing and refuse nothing. The same race runs on
PostgreSQL in ``test_postgres.py``."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from tiewise.errors import StoreBusyError
from tiewise.store import Store, database

from .test_cli import run
from .writers import race

ROUNDS = 60  # × 2 writes by the web and 2 by the command line, and 3 imports: 243 writes


def new_contact(db: str) -> int:
    run(db, "contact", "add", "Ada Lovelace")
    (contact,) = json.loads(run(db, "contacts", "--json"))
    return contact["id"]


def check(result, rounds: int = ROUNDS, count: int = 1500) -> None:
    assert result.refused == {"web": [], "cli": [], "import": []}
    expected = {f"w{n}" for n in range(rounds)} | {f"c{n}" for n in range(rounds)} | {"shared"}
    assert sorted(result.needs) == sorted(expected)  # nothing lost, "shared" exactly once
    assert result.notes == 2 * rounds
    assert result.imported == 3 * count


def test_the_web_app_the_command_line_and_an_import_write_at_once(tmp_path: Path):
    db = str(tmp_path / "race.db")
    check(race(db, new_contact(db), ROUNDS, tmp_path))


def test_a_write_that_cannot_get_the_lock_in_time_is_one_clear_error(tmp_path, monkeypatch):
    """A writer holding the lock longer than the busy timeout: the other write is refused with
    a StoreBusyError (on the command line one line, exit 2), and nothing of it is written."""
    db = tmp_path / "busy.db"
    contact = new_contact(str(db))
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            Store.open(db) as store,
            pytest.raises(StoreBusyError) as refused,
            store.begin() as connection,
        ):
            connection.exec_driver_sql("DELETE FROM note")
        assert "another write still running" in str(refused.value)
        said = run(str(db), "note", str(contact), "hello", code=2)
        assert said.count("\n") == 1 and "another write still running" in said
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "hello" not in run(str(db), "contact", "show", str(contact))


def test_a_read_that_becomes_a_write_waits_instead_of_failing(tmp_path: Path):
    """SQLite's deferred transactions fail at once (SQLITE_BUSY, whatever the timeout) when a
    transaction that has read tries to write while another holds the write lock; tiewise's
    write transactions take the lock at their start, so the second writer waits its turn."""
    db = tmp_path / "upgrade.db"
    contact = new_contact(str(db))
    first_has_read = threading.Event()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with Store.open(db) as store, store.begin() as connection:
                connection.exec_driver_sql("SELECT count(*) FROM contact").fetchone()
                first_has_read.set()
                threading.Event().wait(0.3)
                connection.exec_driver_sql(
                    "INSERT INTO note (contact_id, text, written_at, kind) "
                    f"VALUES ({contact}, 'first', '2026-01-01 00:00:00', 'note')"
                )
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    first_has_read.wait(5)
    run(str(db), "note", str(contact), "second")
    thread.join()
    assert errors == []
    shown = run(str(db), "contact", "show", str(contact))
    assert "first" in shown and "second" in shown


def test_the_web_app_says_so_when_another_write_holds_the_database(tmp_path, monkeypatch):
    """The web's form comes back with what was typed and the reason, never a 500 (issue 17:
    22 web edits failed as HTTP 500 while an import ran)."""
    from .web.test_app import client_for, csrf_of

    db = tmp_path / "busy.db"
    contact = new_contact(str(db))
    client = client_for(db)
    token = csrf_of(client)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        response = client.post(
            f"/contacts/{contact}/note",
            data={"csrf": token, "form": "note", "text": "Met at the fair"},
            follow_redirects=False,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 400
    assert "another write still running" in response.text
    assert "Met at the fair" in response.text  # what was typed is kept
