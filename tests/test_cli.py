"""The command line: contracts other tools rely on, and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewise.cli import app

runner = CliRunner()


def run(db: Path, *args: str, code: int = 0, lang: str = "en") -> str:
    result = runner.invoke(app, ["--db", str(db), "--lang", lang, *args])
    assert result.exit_code == code, (result.output, result.exception)
    return result.output


def test_contacts_json_lists_every_contact_with_the_promised_fields(demo_db: Path):
    rows = json.loads(run(demo_db, "contacts", "--json"))
    assert len(rows) >= 300
    expected = {
        "id",
        "name",
        "organisation",
        "emails",
        "profile_url",
        "tie_class",
        "strength",
        "interaction_count",
        "last_interaction",
    }
    assert expected <= set(rows[0])
    assert all(isinstance(r["id"], int) and r["name"] for r in rows)
    with_mail = [r for r in rows if r["emails"]]
    assert len(with_mail) > 150 and all("@" in r["emails"][0] for r in with_mail)
    assert sum(r["interaction_count"] for r in rows) > 3000
    assert any(
        r["profile_url"] and r["profile_url"].startswith("https://linkedin.com/in/") for r in rows
    )


def test_contact_add_edit_show_and_note(tmp_path: Path):
    db = tmp_path / "mine.db"
    out = run(
        db,
        "contact",
        "add",
        "Anouk de Vries",
        "--org",
        "Radboudumc",
        "--email",
        "Anouk@Radboudumc.nl",
        "--phone",
        "06 1234 5678",
        "--closeness",
        "4",
        "--context",
        "Work",
        "--met-on",
        "2019-05-01",
    )
    assert "Added contact Anouk de Vries (id 1)" in out
    run(db, "contact", "edit", "anouk", "--sector", "healthcare", "--status", "keep")
    run(db, "note", "Anouk", "Ran the Zevenheuvelenloop with me.", "--story")
    run(db, "note", "1", "Prefers mornings.")
    shown = json.loads(run(db, "contact", "show", "Anouk de Vries", "--json"))
    assert shown["emails"] == ["anouk@radboudumc.nl"]
    assert shown["phones"] == ["+31612345678"]
    assert shown["sector"] == "healthcare"
    assert shown["status"] == "keep" and shown["closeness"] == 4
    assert shown["contexts"] == ["work"] and shown["met_on"] == "2019-05-01"
    assert [n["kind"] for n in shown["notes"]] == ["story", "note"]
    text = run(db, "contact", "show", "anouk")
    assert "Zevenheuvelenloop" in text and "self-rated closeness 4/5" in text


def test_same_email_twice_is_refused(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Anouk", "--email", "a@b.nl")
    out = run(db, "contact", "add", "Anouk Two", "--email", "A@B.nl", code=2)
    assert "already belongs to Anouk (id 1)" in out
    assert len(json.loads(run(db, "contacts", "--json"))) == 1


def test_ambiguous_and_unknown_names_are_clear_errors(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Anouk de Vries")
    run(db, "contact", "add", "Anouk Bakker")
    assert "2 contacts match 'anouk'" in run(db, "contact", "show", "anouk", code=2)
    assert "no contact matches 'Piet'" in run(db, "note", "Piet", "hello", code=2)
    assert "expected a date YYYY-MM-DD, found 'gisteren'" in run(
        db, "contact", "edit", "Bakker", "--met-on", "gisteren", code=2
    )


def test_me_is_stored_and_shown(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "me", "--name", "Eva de Wit", "--email", "Eva@StudioWit.nl", "--org", "Studio Wit")
    shown = json.loads(run(db, "me", "--json"))
    assert shown["name"] == "Eva de Wit"
    assert shown["emails"] == ["eva@studiowit.nl"]
    assert shown["organisation"] == "Studio Wit"
    assert json.loads(run(db, "contacts", "--json")) == []


def test_a_text_file_as_database_fails_clearly_and_stays_unchanged(tmp_path: Path):
    path = tmp_path / "some-text-file.txt"
    path.write_text("shopping list: bread, milk\n")
    before = path.read_bytes()
    out = run(path, "contacts", code=2)
    assert "expected an SQLite database" in out and "shopping list" in out
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["some-text-file.txt"]


def test_report_speaks_dutch(demo_copy: Path):
    out = run(demo_copy, "report", "--today", "2026-11-01", lang="nl")
    assert "netwerkrapport voor Eva de Wit" in out
    assert "Contacten per context" in out
    assert "Klanten vinden" in out


def test_unknown_language_is_refused(tmp_path: Path):
    out = run(tmp_path / "x.db", "--lang", "de", "contacts", code=2)
    assert "--lang" in out


def test_python_dash_m_and_help_list_the_command_groups():
    result = subprocess.run(
        [sys.executable, "-m", "tiewise", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("demo", "contacts", "contact", "note", "me", "report"):
        assert f"  {command} " in result.stdout


def test_the_started_command_line_builds_only_the_command_it_runs(tmp_path: Path):
    """``tiewise`` (``root_command``) builds a command when it is run, not all 49 at start: its
    help is the help of the fully built app, word for word, and a command runs through it."""
    code = (
        "import sys; from tiewise.cli import root_command; root = root_command(); "
        "sys.argv[1:] and root(sys.argv[1:], prog_name='tiewise', standalone_mode=False); "
        "print(sorted(root.commands))"
    )
    every_built = "from tiewise.cli import app; app(prog_name='tiewise')"
    help_started, help_built = (
        subprocess.run(command, capture_output=True, text=True, check=True).stdout
        for command in (
            [sys.executable, "-m", "tiewise", "--help"],
            [sys.executable, "-c", every_built, "--help"],
        )
    )
    assert "  contacts " in help_started
    assert help_started == help_built
    built = subprocess.run(
        [sys.executable, "-c", code, "--db", str(tmp_path / "x.db"), "me", "--name", "Ann Bos"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert built.splitlines()[-1] == "['me']"
    assert "Ann Bos" in run(tmp_path / "x.db", "me")


def test_rate_asks_the_least_certain_ties_first_and_saves_ratings(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Rated Already", "--closeness", "5")
    run(db, "contact", "add", "Anouk")
    run(db, "contact", "add", "Sem")
    result = runner.invoke(app, ["--db", str(db), "rate"], input="4\nq\n")
    assert result.exit_code == 0, result.output
    assert "Rated Already" not in result.output  # rated ties are not asked again
    assert "1 tie rated" in result.output
    rows = {r["name"]: r for r in json.loads(run(db, "contacts", "--json"))}
    asked_first = "Anouk" if rows["Anouk"]["closeness"] == 4 else "Sem"
    assert rows[asked_first]["closeness"] == 4
    assert rows["Rated Already"]["closeness"] == 5


def test_measure_prints_burt_measures_for_every_node(tmp_path: Path):
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target\nA,B\nA,C\nB,C\nC,D\nE,E\n", encoding="utf-8")
    nodes = {
        n["id"]: n
        for n in json.loads(run(tmp_path / "x.db", "measure", str(edges), "--json"))["nodes"]
    }
    assert nodes["C"]["degree"] == 3
    assert nodes["C"]["effective_size"] == pytest.approx(3 - 2 * 1 / 3)
    assert nodes["D"]["constraint"] == pytest.approx(1.0)
    assert nodes["E"]["constraint"] is None  # a self-loop only: an isolate
    out = tmp_path / "measures.csv"
    run(tmp_path / "x.db", "measure", str(edges), "--out", str(out))
    assert out.read_text().splitlines()[0] == (
        "id,degree,effective_size,efficiency,constraint,hierarchy"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target,weight\nA,B,x\n", encoding="utf-8")
    message = run(tmp_path / "x.db", "measure", str(bad), "--weight", "weight", code=2)
    assert "bad.csv, line 2, field 'weight'" in message


def test_names_with_square_brackets_are_printed_as_they_are(tmp_path: Path):
    db = tmp_path / "b.db"
    assert "Added contact Bad [/] markup (id 1)." in run(db, "contact", "add", "Bad [/] markup")
    assert "Note added for Bad [/] markup." in run(db, "note", "1", "hello")
    assert "Bad [/] markup is erased" in run(db, "contact", "erase", "1", "--yes")
