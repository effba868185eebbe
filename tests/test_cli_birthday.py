"""``contact edit --birthday`` and ``--no-birthday``, ``contact show``, and the plan's week of
birthdays on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tiewise.model import Birthday
from tiewise.store import Store
from tiewise.store import repository as repo

from .test_cli import run


def birthday_of(db: Path, name: str) -> Birthday | None:
    with Store.open(db) as store, store.connect() as connection:
        return repo.find_contact(connection, name).birthday


def test_set_show_keep_and_forget_a_birthday(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Anouk de Vries", "--org", "Radboudumc")
    run(db, "contact", "edit", "anouk", "--birthday", "1985-04-15")
    assert birthday_of(db, "anouk") == Birthday(4, 15, 1985)
    shown = run(db, "contact", "show", "anouk")
    assert "birthday: 15 Apr 1985" in shown  # as the language writes a date (Babel)
    assert json.loads(run(db, "contact", "show", "anouk", "--json"))["birthday"] == "1985-04-15"
    assert "verjaardag: 15 apr 1985" in run(db, "contact", "show", "anouk", lang="nl")
    # another edit keeps it
    run(db, "contact", "edit", "anouk", "--role", "arts")
    assert birthday_of(db, "anouk") == Birthday(4, 15, 1985)
    # without the year, written after a space as well as after "="
    run(db, "contact", "edit", "anouk", "--birthday", "--04-16")
    assert birthday_of(db, "anouk") == Birthday(4, 16)
    assert "birthday: 16 Apr\n" in run(db, "contact", "show", "anouk")
    assert json.loads(run(db, "contact", "show", "anouk", "--json"))["birthday"] == "--04-16"
    run(db, "contact", "edit", "anouk", "--birthday=--02-29")
    assert birthday_of(db, "anouk") == Birthday(2, 29)
    run(db, "contact", "edit", "anouk", "--no-birthday")
    assert birthday_of(db, "anouk") is None
    assert "birthday" not in run(db, "contact", "show", "anouk")


def test_a_bad_birthday_changes_nothing_and_says_what_was_expected(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Anouk de Vries")
    run(db, "contact", "edit", "anouk", "--birthday", "--04-15")
    for bad in ("15-04-1985", "1985-02-29", "2999-01-01"):
        out = run(db, "contact", "edit", "anouk", "--birthday", bad, "--role", "x", code=2)
        assert f"'{bad}'" in out and "Traceback" not in out
    assert birthday_of(db, "anouk") == Birthday(4, 15)
    both = run(db, "contact", "edit", "anouk", "--birthday", "--01-01", "--no-birthday", code=2)
    assert "--no-birthday" in both
    dutch = run(db, "contact", "edit", "anouk", "--birthday", "gisteren", lang="nl", code=2)
    assert "verwacht een verjaardag JJJJ-MM-DD" in dutch
    with Store.open(db) as store, store.connect() as connection:
        assert repo.find_contact(connection, "anouk").role is None


def test_the_plan_lists_the_weeks_birthdays(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Anouk de Vries")
    run(db, "contact", "add", "Bram Bos", "--met-on", "2020-11-03")
    run(db, "contact", "edit", "anouk", "--birthday", "1985-11-05")
    run(db, "contact", "edit", "bram", "--birthday", "--11-20", "--status", "keep")
    data = json.loads(run(db, "plan", "--today", "2026-11-04", "--json"))
    assert [(r["name"], r["kind"], r["date"], r["years"]) for r in data["reminders"]] == [
        ("Bram Bos", "anniversary", "2026-11-03", 6),  # kept: its anniversary counts
        ("Anouk de Vries", "birthday", "2026-11-05", 41),
    ]
    shown = run(db, "plan", "--today", "2026-11-04")
    assert "Birthdays and anniversaries this week" in shown
    assert "Anouk de Vries: birthday (turns 41)" in shown
    assert "Bram Bos: met 6 years ago this week" in shown
