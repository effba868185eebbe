"""Sources on PostgreSQL: the same sync, second sync, suggestions and removal as on SQLite
(the private server of ``tests/test_postgres.py``; skipped where PostgreSQL is missing)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.mailgen import ME, ME_ALT, write_maildir
from tests.test_postgres import database, server  # noqa: F401  (fixtures)
from tiewise.cli import app

runner = CliRunner()


def _json(db: str, *args: str) -> dict:
    result = runner.invoke(app, ["--db", db, *args, "--json"])
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


def _story(db: str, folder: Path, mail) -> list[dict]:
    runner.invoke(app, ["--db", db, "me", "--name", "Eva de Wit", "--email", ME, "--email", ME_ALT])
    said = [_json(db, "sources", "add", "maildir", str(folder), "--name", "server")]
    said.append(_json(db, "sync"))
    said.append(_json(db, "sync", "server"))
    said.append(_json(db, "sources", "suggestions"))
    said.append(_json(db, "sources", "remove", "server"))
    said.append(_json(db, "sources", "remove", "server", "--yes"))
    said.append(_json(db, "contacts"))
    for found in said[:1]:
        found.pop("created")
    for found in said[3]["suggestions"]:
        found.pop("id")
    return said


def test_a_sync_on_postgresql_says_and_does_what_it_does_on_sqlite(
    database: str,  # noqa: F811
    tmp_path: Path,
    mail,
):
    folder = write_maildir(tmp_path / "Maildir", mail.mails)
    on_postgres = _story(database, folder, mail)
    on_sqlite = _story(str(tmp_path / "eva.db"), folder, mail)
    assert on_postgres == on_sqlite
    assert (
        on_postgres[1]["sources"][0]["interactions"] == 320
    )  # the 2 known contacts are suggestions here
    assert on_postgres[2]["sources"][0]["messages"] == 0
    assert on_postgres[5]["interactions"] == 320 and on_postgres[5]["applied"]
