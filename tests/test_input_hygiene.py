"""Issue 17, point 6: no control character is stored from any entry point (the command line,
imported files; the web forms in ``tests/web/test_app.py``), and a database that cannot be
written — read-only or full — gives one line, while the commands that only read still work."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select
from typer.testing import CliRunner

from tiewise.cli import app
from tiewise.errors import InputError, StoreError
from tiewise.hygiene import check_text
from tiewise.model import Note
from tiewise.store import Store, database
from tiewise.store import repository as repo
from tiewise.store.schema import metadata

runner = CliRunner()


def run(db: Path, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == code, (result.output, result.exception)
    return result.output


def stored_text(db: Path) -> list[str]:
    """Every text value in every table of the database."""
    with Store.open(db) as store, store.connect() as connection:
        return [
            value
            for table in metadata.tables.values()
            for row in connection.execute(select(table))
            for value in row
            if isinstance(value, str)
        ]


# --- the rule


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x1f", "\x7f"])
def test_control_characters_are_refused_with_field_expected_and_found(bad: str):
    with pytest.raises(InputError) as caught:
        check_text(f"Ann{bad}a", "name", multiline=True)
    said = str(caught.value)
    assert said.startswith("name: expected text without control characters, found 'Ann\\x")
    assert f"U+{ord(bad):04X} at character 4" in said
    assert caught.value.field == "name" and caught.value.key == "error.control"


def test_tab_and_line_ends_are_text_only_where_several_lines_are_allowed():
    assert check_text("one\r\ntwo\tthree", "note", multiline=True) == "one\r\ntwo\tthree"
    for single in ("Ann\nSmith", "Ann\tSmith", "Ann\rSmith"):
        with pytest.raises(InputError):
            check_text(single, "name")
    assert check_text("Zoë Ünal – 张伟 🙂", "name") == "Zoë Ünal – 张伟 🙂"


def test_a_long_value_is_quoted_short():
    with pytest.raises(InputError) as caught:
        check_text("x" * 10_000 + "\x00", "note")
    assert len(str(caught.value)) < 300 and "10001 chars" in str(caught.value)


# --- the command line


@pytest.mark.parametrize(
    "args",
    [
        ["contact", "add", "Ann\x00a"],
        ["contact", "add", "Ann", "--org", "Acme\x1b[2J"],
        ["contact", "add", "Ann", "--email", "ann@example.com\x00"],
        ["contact", "edit", "Bob", "--name", "Bob\x00"],
        ["contact", "edit", "Bob", "--context", "work\x07"],
        ["note", "Bob", "hello\x00"],
        ["log", "Bob", "--note", "lunch\x00"],
        ["me", "--name", "Me\x00"],
        ["contact", "needs", "Bob", "tax\x00"],
    ],
)
def test_the_command_line_refuses_control_characters_in_one_line(tmp_path: Path, args):
    db = tmp_path / "t.db"
    run(db, "contact", "add", "Bob")
    before = stored_text(db)
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "expected text without control characters, found '" in lines[0]
    assert "\\x" in lines[0] and "\x00" not in result.output and "Traceback" not in result.output
    assert stored_text(db) == before


def test_a_note_on_the_command_line_keeps_its_lines(tmp_path: Path):
    db = tmp_path / "t.db"
    run(db, "contact", "add", "Bob")
    run(db, "note", "Bob", "first line\nsecond\tline")
    assert "first line\nsecond\tline" in stored_text(db)


def test_the_dutch_error_names_the_option(tmp_path: Path):
    db = tmp_path / "t.db"
    run(db, "contact", "add", "Bob")
    result = runner.invoke(app, ["--db", str(db), "--lang", "nl", "log", "Bob", "--note", "a\x7f"])
    assert result.exit_code == 2
    assert "--note: verwacht tekst zonder stuurtekens" in result.output


# --- imported files


def test_an_imported_value_with_a_nul_is_left_out_with_a_warning_and_the_export_reads_back(
    tmp_path: Path,
):
    db = tmp_path / "t.db"
    source = tmp_path / "people.csv"
    source.write_bytes(
        b"First Name,Last Name,E-mail Address,Company,Notes\n"
        b"Ann\x00a,Smith,ann@example.com,Acme\x1b[2J,note\x00\n"
        b"Bob,Jones,bob@example.com,Beta,fine\n"
    )
    output = " ".join(run(db, "import", "csv", str(source)).split())  # lines wrap at 80
    assert "people.csv, line 2: field 'organisation': expected text without control" in output
    assert "found 'Acme\\x1b[2J' (U+001B at character 5); the value was left out" in output
    assert "field 'note'" in output
    texts = stored_text(db)
    assert not any(ch in text for text in texts for ch in ("\x00", "\x1b"))
    with Store.open(db) as store, store.connect() as connection:
        contacts = {c.name: c for c in repo.load_contacts(connection)}
    assert set(contacts) == {"Anna Smith", "Bob Jones"}
    assert contacts["Anna Smith"].organisation is None and contacts["Bob Jones"].organisation
    exported = tmp_path / "export"
    run(db, "export", str(exported))
    vcf = exported / "contacts.vcf"
    assert b"\x00" not in vcf.read_bytes()
    again = tmp_path / "again.db"
    run(again, "import", "vcard", str(vcf))  # the project's own importer reads its export
    with Store.open(again) as store, store.connect() as connection:
        assert {c.name for c in repo.load_contacts(connection)} == {"Anna Smith", "Bob Jones"}


def test_a_nul_in_one_vcard_costs_its_value_not_the_file(tmp_path: Path):
    """A NUL byte anywhere refused the whole .vcf before; now it is one more control character:
    the value is left out (a name keeps its other characters) with a warning on the card's
    line naming the field and the character, and every card is imported."""
    db = tmp_path / "t.db"
    source = tmp_path / "people.vcf"
    cards = [
        ["FN:Ann Smith", "EMAIL:ann@example.com"],
        ["FN:Bob\x00 Jones", "NOTE:hi\x00there", "EMAIL:bob@example.com"],
        ["FN:Cas Vos", "EMAIL:cas@example.com"],
    ]
    source.write_bytes(
        "".join(
            "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", ""]) for lines in cards
        ).encode()
    )
    summary = json.loads(run(db, "import", "vcard", str(source), "--json"))
    assert (summary["read"], summary["added"]) == (3, 3)
    (notes,) = [found["notes"] for found in summary["files"]]
    assert notes == [
        f"{source}, line 6: field 'name': expected text without control characters, found "
        "'Bob\\x00 Jones' (U+0000 at character 4); the control characters were left out of it",
        f"{source}, line 6: field 'note': expected text without control characters, found "
        "'hi\\x00there' (U+0000 at character 3); the value was left out",
    ]
    with Store.open(db) as store, store.connect() as connection:
        contacts = {c.name: c for c in repo.load_contacts(connection)}
    assert set(contacts) == {"Ann Smith", "Bob Jones", "Cas Vos"}
    assert not any("\x00" in text for text in stored_text(db))


def test_scrubbing_keeps_the_keys_that_tie_records_together():
    from tiewise.ingest.hygiene import scrub
    from tiewise.ingest.records import InteractionRecord, ParsedSource, PersonRecord
    from tiewise.model import Direction, InteractionKind

    parsed = ParsedSource(source="csv", file="f.csv")
    parsed.persons.append(PersonRecord(key="id\x001", name="Ann\x00", line=2, contexts=("a\x01",)))
    parsed.interactions.append(
        InteractionRecord(
            key="m1",
            occurred_at=datetime(2026, 1, 1),
            kind=InteractionKind.MEETING,
            channel="calendar",
            direction=Direction.MUTUAL,
            participants=("id\x001",),
            line=3,
            subject="ok",
        )
    )
    scrub(parsed)
    person, meeting = parsed.persons[0], parsed.interactions[0]
    assert person.key == meeting.participants[0] == "id\\x001"
    assert person.name == "Ann" and person.contexts == ()
    assert [w.line for w in parsed.warnings] == [2, 2]


# --- a database that cannot be written


def _without_root_file_access() -> None:
    """Run as root, but without the capabilities that let root write any file (bounding set:
    CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that permissions hold as for any user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


PR_CAPBSET_DROP = 24


@pytest.fixture
def read_only_db(demo_db: Path, tmp_path: Path) -> Iterator[tuple[Path, dict]]:
    """The demo database as a read-only file in a read-only folder (as root, the commands run
    without root's power to write any file)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    db = folder / "demo.db"
    shutil.copy(demo_db, db)
    db.chmod(0o444)
    folder.chmod(0o555)
    options: dict = {"env": {**os.environ, "MPLCONFIGDIR": str(tmp_path)}}
    if os.geteuid() == 0:
        if not sys.platform.startswith("linux"):
            pytest.skip("root elsewhere than Linux: no way to give up writing every file")
        options["preexec_fn"] = _without_root_file_access
    yield db, options
    folder.chmod(0o755)


def tiewise(db: Path, options: dict, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from tiewise.cli import main; main()", "--db", str(db)]
    command += args
    return subprocess.run(command, capture_output=True, text=True, timeout=300, **options)


def test_read_only_commands_work_on_a_read_only_database_and_a_write_is_one_line(
    read_only_db: tuple[Path, dict],
):
    db, options = read_only_db
    before = db.read_bytes()
    for args in (["contacts"], ["analyze"], ["advise"], ["plan"], ["report"]):
        done = tiewise(db, options, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout.strip() and "Traceback" not in done.stderr
    for args in (["contact", "add", "Zed Nieuw"], ["note", "5", "hello"]):
        done = tiewise(db, options, *args)
        assert done.returncode == 2, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "expected a writable database, found a read-only database" in lines[0]
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["demo.db"]


def small_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every database opened from now on has no room beyond the pages it already has
    (SQLite's ``max_page_count``): a write that needs a new page fails with SQLITE_FULL."""
    create = database.create_store_engine

    def full(url, where=None):  # type: ignore[no-untyped-def]
        engine = create(url, where)

        @event.listens_for(engine, "connect")
        def _no_room(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(database, "create_store_engine", full)


def test_a_full_disk_is_one_line_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    db = tmp_path / "t.db"
    run(db, "contact", "add", "Bob")
    before = stored_text(db)
    small_disk(monkeypatch)
    result = runner.invoke(app, ["--db", str(db), "note", "Bob", "x" * 200_000])
    assert result.exit_code == 2, (result.output, result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "expected room to write, found a full disk" in lines[0]
    monkeypatch.undo()
    assert stored_text(db) == before


def test_a_full_disk_in_the_store_is_a_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "t.db"
    run(db, "contact", "add", "Bob")
    small_disk(monkeypatch)
    store = Store.open(db)
    with pytest.raises(StoreError) as caught, store.begin() as connection:
        contact = repo.find_contact(connection, "Bob")
        note = Note(contact.id, "y" * 200_000, datetime(2026, 1, 1))  # type: ignore[arg-type]
        repo.add_notes(connection, [note])
    store.close()
    assert caught.value.expected == "room to write"
