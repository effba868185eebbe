"""``tiewise sources …`` and ``tiewise sync`` end to end: JSON contracts, the summary in both
languages, and bad input as one line that writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.mailgen import ME, ME_ALT, write_maildir, write_mbox
from tests.tables import table_rows
from tiewise.cli import app

runner = CliRunner()


def _run(db: Path, *args: str, code: int = 0, lang: str = "en"):
    result = runner.invoke(app, ["--db", str(db), "--lang", lang, *args])
    assert result.exit_code == code, (result.output, result.exception)
    return result


def _json(db: Path, *args: str):
    return json.loads(_run(db, *args, "--json").stdout)


@pytest.fixture
def eva(tmp_path: Path, mail) -> tuple[Path, Path]:
    db = tmp_path / "eva.db"
    _run(db, "me", "--name", "Eva de Wit", "--email", ME, "--email", ME_ALT)
    for email, name in mail.known.items():
        _run(db, "contact", "add", name, "--email", email)
    return db, write_mbox(tmp_path / "Takeout" / "All mail.mbox", mail.mails)


def test_add_sync_list_and_sync_again(eva, tmp_path: Path, mail):
    db, path = eva
    added = _json(db, "sources", "add", "mbox", str(path))
    assert (added["name"], added["kind"], added["secret"]) == ("All mail", "mbox", "none")
    assert added["reads"] == str(path) and added["last_sync"] is None
    result = _json(db, "sync")
    assert result["errors"] == []
    (summary,) = result["sources"]
    assert {k: summary[k] for k in ("messages", "duplicates", "interactions", "contacts")} == {
        "messages": 550,
        "duplicates": 12,
        "interactions": 323,
        "contacts": 29,
    }
    assert (summary["suggestions"], summary["suggested"]) == (9, 20)
    assert summary["left_out"] == {
        "spam": 0,
        "draft": 0,
        "deleted": 0,
        "automated": 15,
        "list": 60,
        "newsletter": 50,
        "bulk": 20,
        "no_reply": 40,
        "no_sender": 3,
        "no_date": 4,
        "to_yourself": 3,
        "erased": 0,
    }
    (listed,) = _json(db, "sources", "list")["sources"]
    assert listed["counts"]["interactions"] == 323 and listed["last_sync"] is not None
    assert listed["last_error"] is None and listed["secret"] == "none"
    again = _json(db, "sync", "All mail")["sources"][0]
    assert (again["messages"], again["interactions"]) == (0, 0)
    text = _run(db, "sources", "list").stdout
    assert "All mail (mbox)" in text and "secret: none (files on this machine)" in text
    assert "550 messages: 323 interactions, 195 left out; 29 new contacts, 9 suggestions" in text


def test_the_summary_in_english_and_dutch(eva, mail):
    db, path = eva
    _run(db, "sources", "add", "mbox", str(path), "--name", "takeout")
    english = " ".join(_run(db, "sync", "takeout").stdout.split())
    assert "takeout: 550 messages read" in english
    assert "correspondence: 155 sent, 188 received" in english
    assert "interactions added: 323" in english
    assert (
        "left out: 195 (mailing lists 60, newsletters 50, bulk mail 20, no-reply senders 40, "
        "automatic mail 15, no date 4, no sender 3, to yourself 3)" in english
    )
    assert "new contacts (people you wrote to): 29" in english
    assert "new suggestions (people who only wrote to you): 9" in english
    suggestions = _json(db, "sources", "suggestions")["suggestions"]
    assert {s["email"] for s in suggestions} == mail.suggestions
    dutch = " ".join(_run(db, "sources", "suggestions", lang="nl").stdout.split())
    assert "Ana Lúcia Gonçalves" in dutch and "Accepteren: tiewise sources accept" in dutch
    ana = next(s for s in suggestions if s["email"] == "ana.lucia@example.org")
    said = " ".join(_run(db, "sources", "accept", str(ana["id"]), lang="nl").stdout.split())
    assert f"Ana Lúcia Gonçalves geaccepteerd: nu contacten; {ana['messages']} berichten" in said
    assert "takeout: 0 berichten gelezen niets nieuws" in " ".join(
        _run(db, "sync", "takeout", lang="nl").stdout.split()
    )


def test_remove_shows_first_and_removes_with_yes(eva, mail):
    db, path = eva
    _run(db, "sources", "add", "mbox", str(path), "--name", "takeout")
    _run(db, "sync")
    _run(db, "note", "Jürgen Müller", "Met at the fair")
    before = table_rows(db)
    shown = " ".join(_run(db, "sources", "remove", "takeout").stdout.split())
    assert table_rows(db) == before
    assert "Removing source takeout would take back: interactions: 323" in shown
    assert "contacts only it made: 28" in shown
    assert "because you wrote about them or another source knows them: 1" in shown
    assert "Notes, stories and ratings are never erased." in shown
    assert "run again with --yes" in shown.lower()
    removed = _json(db, "sources", "remove", "takeout", "--yes")
    assert removed == {
        "source": "takeout",
        "interactions": 323,
        "contacts": 28,
        "kept_contacts": 1,
        "suggestions": 9,
        "messages": 538,
        "links": removed["links"],
        "applied": True,
    }
    assert _json(db, "sources", "list") == {"sources": []}
    people = {c["name"] for c in json.loads(_run(db, "contacts", "--json").stdout)}
    assert people == {*mail.known.values(), "Jürgen Müller"}


@pytest.mark.parametrize(
    ("args", "found"),
    [
        (("sources", "add", "mbox", "{tmp}/nowhere.mbox"), "found nothing there"),
        (("sources", "add", "mbox", "{tmp}/notes.txt"), "found a file that does not start"),
        (("sources", "add", "maildir", "{tmp}/folder"), "found a folder without cur and new"),
        (("sources", "add", "maildir", "{tmp}/notes.txt"), "found a file"),
        (("sync", "nosuch"), "found no source of that name; there are: mail"),
        (("sources", "remove", "nosuch", "--yes"), "expected the name of a source"),
        (("sources", "add", "mbox", "{tmp}/m.mbox", "--name", "mail"), "a source of that name"),
        (("sources", "add", "mbox", "{tmp}/m.mbox", "--name", "x"), "source 'mail' reads"),
        (("sources", "accept", "nobody@example.org"), "expected the id or e-mail address"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, mail, args, found):
    db = tmp_path / "eva.db"
    _run(db, "me", "--name", "Eva de Wit", "--email", ME)
    (tmp_path / "notes.txt").write_text("not mail\n")
    (tmp_path / "folder").mkdir()
    write_mbox(tmp_path / "m.mbox", mail.mails[:5])
    _run(db, "sources", "add", "mbox", str(tmp_path / "m.mbox"), "--name", "mail")
    before = table_rows(db)
    result = _run(db, *(a.format(tmp=tmp_path) for a in args), code=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and found in lines[0]
    assert table_rows(db) == before


def test_sync_without_a_name_reads_every_source_and_reports_each_failure(tmp_path: Path, mail):
    db = tmp_path / "eva.db"
    _run(db, "me", "--name", "Eva de Wit", "--email", ME)
    _run(db, "sources", "add", "mbox", str(write_mbox(tmp_path / "a.mbox", mail.mails[:50])))
    gone = write_maildir(tmp_path / "Maildir", mail.mails[50:60])
    _run(db, "sources", "add", "maildir", str(gone))
    for part in ("cur", "new"):
        for file in (gone / part).iterdir():
            file.unlink()
        (gone / part).rmdir()
    result = _run(db, "sync", "--json", code=2)
    found = json.loads(result.stdout)
    assert [s["source"] for s in found["sources"]] == ["a"]
    assert found["errors"] == [
        f"source 'Maildir': expected a Maildir at {gone}: a folder with cur and new, "
        "found a folder without cur and new"
    ]
    listed = {s["name"]: s for s in _json(db, "sources", "list")["sources"]}
    assert listed["Maildir"]["last_error"] == found["errors"][0]
    assert listed["a"]["last_error"] is None
