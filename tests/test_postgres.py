"""The same tiewise on PostgreSQL: migrations, imports, the demo and every JSON contract.

A private PostgreSQL server is started for this module (``initdb`` into a temporary folder, a
Unix socket only, no TCP; as the ``postgres`` user when the tests run as root) and stopped
afterwards. ``make test`` installs Debian's ``postgresql`` when it is missing. Without it these
tests are skipped locally and fail in CI.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tiewise.cli import app
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.schema import metadata

from .conftest import DEMO_TODAY
from .tables import schema_differences, schema_tables

FIXTURES = Path(__file__).parent / "fixtures"
BINARIES = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()  # the server listens on a Unix socket only; the port names the socket

if not BINARIES:
    if os.environ.get("CI"):
        pytest.fail("PostgreSQL is missing: make test installs it with apt-get", pytrace=False)
    pytest.skip("PostgreSQL is not installed (make test installs it)", allow_module_level=True)
pytest.importorskip("psycopg")

runner = CliRunner()


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A URL template ``…/{name}``: each test gets a database of its own."""
    bin_dir = Path(BINARIES[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="tiewise-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    quiet = {"check": True, "capture_output": True}
    subprocess.run(
        _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "tiewise"]),
        **quiet,
    )
    options = f"-p {PORT} -k {folder} -c listen_addresses=''"
    subprocess.run(
        _as_server_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        **quiet,
    )
    try:
        yield f"postgresql+psycopg://tiewise@/{{name}}?host={folder}&port={PORT}"
    finally:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


NUMBERS = itertools.count()


def _new_database(server: str) -> str:
    name = f"t{next(NUMBERS)}"
    folder = server.split("host=")[1].split("&")[0]
    bin_dir = Path(BINARIES[-1]).parent
    subprocess.run(
        _as_server_user(
            [str(bin_dir / "createdb"), "-h", folder, "-p", str(PORT), "-U", "tiewise", name]
        ),
        check=True,
        capture_output=True,
    )
    return server.format(name=name)


@pytest.fixture
def database(server: str) -> str:
    return _new_database(server)


@pytest.fixture(scope="module")
def postgres_demo(server: str) -> str:
    db = _new_database(server)
    cli(db, "demo", "--today", DEMO_TODAY.isoformat())
    return db


def cli(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_migrations_give_exactly_the_schema(database: str):
    with Store.open(database) as store, store.connect() as connection:
        assert schema_differences(connection) == []
        assert schema_tables(connection) == set(metadata.tables) | {"alembic_version"}


@pytest.mark.parametrize(
    "command",
    [
        ["analyze"],
        ["advise"],
        ["invitations"],
        ["introductions"],
        ["plan"],
        ["events", "report"],
        ["contacts"],
    ],
    ids=lambda c: " ".join(c),
)
def test_the_demo_gives_the_same_json_as_on_sqlite(
    postgres_demo: str, demo_db: Path, command: list[str]
):
    today = ["--today", DEMO_TODAY.isoformat()]
    on_postgres = json.loads(cli(postgres_demo, *command, "--json", *today))
    on_sqlite = json.loads(cli(str(demo_db), *command, "--json", *today))
    assert on_postgres == on_sqlite


@pytest.mark.parametrize(
    ("kind", "file"),
    [
        ("vcard", "vcard/android_2.1.vcf"),
        ("csv", "contacts_csv/google.csv"),
        ("ics", "ics/networking.ics"),
    ],
)
def test_imports_match_sqlite_and_repeat_without_change(
    database: str, tmp_path: Path, kind: str, file: str
):
    path = str(FIXTURES / file)
    first = json.loads(cli(database, "import", kind, path, "--json"))
    on_sqlite = json.loads(cli(str(tmp_path / "s.db"), "import", kind, path, "--json"))
    assert first == on_sqlite
    with Store.open(database) as store, store.connect() as connection:
        before = {
            t: sorted(map(tuple, connection.execute(select(metadata.tables[t]))))
            for t in metadata.tables
            if t not in ("origin",)
        }
    again = json.loads(cli(database, "import", kind, path, "--json"))
    assert again["added"] == 0 and again["updated"] == 0
    with Store.open(database) as store, store.connect() as connection:
        after = {
            t: sorted(map(tuple, connection.execute(select(metadata.tables[t]))))
            for t in metadata.tables
            if t not in ("origin",)
        }
    assert after == before


def test_a_failed_import_writes_nothing(database: str):
    cli(database, "import", "vcard", str(FIXTURES / "vcard" / "android_2.1.vcf"))
    with Store.open(database) as store, store.connect() as connection:
        before = {
            t: sorted(map(tuple, connection.execute(select(metadata.tables[t]))))
            for t in metadata.tables
        }
    result = runner.invoke(
        app,
        [
            "--db",
            database,
            "import",
            "ics",
            str(FIXTURES / "ics" / "networking.ics"),
            str(FIXTURES / "ics" / "truncated.ics"),
        ],
    )
    assert result.exit_code == 2
    with Store.open(database) as store, store.connect() as connection:
        after = {
            t: sorted(map(tuple, connection.execute(select(metadata.tables[t]))))
            for t in metadata.tables
        }
    assert after == before


def test_erasure_matches_sqlite_and_keeps_the_person_out(database: str, tmp_path: Path):
    from tests.test_erasure import CALENDAR, VCARDS

    (tmp_path / "people.vcf").write_text(VCARDS, encoding="utf-8")
    (tmp_path / "meetings.ics").write_text(CALENDAR, encoding="utf-8")
    results = []
    for db in (database, str(tmp_path / "s.db")):
        cli(db, "me", "--name", "Eva de Wit", "--email", "eva@studiowit.nl")
        cli(db, "import", "vcard", str(tmp_path / "people.vcf"))
        cli(db, "import", "ics", str(tmp_path / "meetings.ics"))
        cli(db, "note", "Anna Bakker", "Introduced by Piet Jansen.")
        erased = json.loads(cli(db, "contact", "erase", "Piet Jansen", "--yes", "--json"))
        cleared = erased.pop("files_cleared")  # SQLite only: the write-ahead log was emptied
        assert cleared is (None if db == database else True)
        again = json.loads(cli(db, "import", "vcard", str(tmp_path / "people.vcf"), "--json"))
        names = [c["name"] for c in json.loads(cli(db, "contacts", "--json"))]
        results.append((erased, again, names))
    assert results[0] == results[1]
    erased, again, names = results[0]
    assert (erased["interactions"], erased["mentions_replaced"], again["added"]) == (1, 2, 0)
    assert "Piet Jansen" not in names


def test_the_export_matches_sqlite(database: str, tmp_path: Path):
    tables = []
    for db, folder in ((database, tmp_path / "pg"), (str(tmp_path / "s.db"), tmp_path / "sq")):
        cli(db, "import", "ics", str(FIXTURES / "ics" / "networking.ics"))
        cli(db, "import", "vcard", str(FIXTURES / "vcard" / "android_2.1.vcf"))
        cli(db, "note", "1", "Met at the fair.")
        cli(db, "export", str(folder))
        document = json.loads((folder / "tiewise.json").read_text(encoding="utf-8"))
        for row in document["tables"]["origin"] + document["tables"]["note"]:
            row.pop("recorded_at", None), row.pop("written_at", None), row.pop("file", None)
        tables.append((document["tables"], (folder / "contacts.vcf").read_text(encoding="utf-8")))
    assert tables[0] == tables[1]
    assert len(tables[0][0]["contact"]) > 0 and tables[0][1].count("BEGIN:VCARD") > 0


def test_logging_deciding_and_undoing_give_the_same_answers_as_on_sqlite(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Issue 15 on both databases: a coffee with two people, *done* on the plan, an invitation
    accepted (a new contact) and one put off, let-go advice accepted twice and once undone,
    needs and offers — the same interactions, decisions (their moments aside), statuses,
    topics and introductions."""
    from tests.clock import freeze

    freeze(monkeypatch)
    today = ("--today", DEMO_TODAY.isoformat())
    results = []
    for db in (database, str(tmp_path / "s.db")):
        cli(db, "import", "linkedin", str(FIXTURES / "linkedin" / "export"))
        cli(db, "log", "Anouk de Vries", "Eva Mulder", "--kind", "coffee", "--on", "2026-10-20",
            "--minutes", "45", "--note", "Bookkeeping for the studio")  # fmt: skip
        cli(db, "plan", "done", "Ruud Kramer", "--on", "2026-10-25 16:30")
        accepted = json.loads(cli(db, "invitations", "decide", "Wim de Wit", "accept", "--json"))
        cli(db, "invitations", "decide", "Daan Bos", "later")
        let_go = [
            json.loads(
                cli(db, "decisions", "accept", name, "--action", "let_go", "--json", *today)
            )["decision_id"]
            for name in ("Pieter Jansen", "Fatima El Amrani")
        ]
        undone = json.loads(cli(db, "decisions", "undo", str(let_go[0]), "--json"))
        cli(db, "contact", "needs", "Anouk", "funding, Accountant, zorg, Web shop")
        cli(db, "contact", "offers", "Eva Mulder", "accountant")
        decisions = json.loads(cli(db, "decisions", "--all", "--json"))
        for row in decisions:
            assert row.pop("decided_at") == "2026-11-01T20:00"
            row["undone"] = row.pop("undone_at") is not None
        contacts = json.loads(cli(db, "contacts", "--json", *today))
        results.append(
            {
                "accepted": accepted,
                "undone": undone,
                "interactions": {
                    name: json.loads(cli(db, "interactions", name, "--json"))
                    for name in ("Anouk de Vries", "Eva Mulder", "Ruud Kramer", "Wim de Wit")
                },
                "decisions": decisions,
                "statuses": [(c["id"], c["name"], c["status"]) for c in contacts],
                "needs": cli(db, "contact", "needs", "Anouk"),
                "introductions": json.loads(cli(db, "introductions", "--json", *today)),
                "invitations": json.loads(cli(db, "invitations", "--json", *today)),
            }
        )
    on_postgres, on_sqlite = results
    assert on_postgres == on_sqlite
    statuses = {name: status for _, name, status in on_sqlite["statuses"]}
    assert (statuses["Pieter Jansen"], statuses["Fatima El Amrani"]) == ("active", "let_go")
    assert statuses["Wim de Wit"] == "active"
    [coffee] = [r for r in on_sqlite["interactions"]["Eva Mulder"] if r["kind"] == "coffee"]
    assert coffee in on_sqlite["interactions"]["Anouk de Vries"]
    assert coffee["with"] == ["Anouk de Vries", "Eva Mulder"] and coffee["minutes"] == 45
    [done] = [r for r in on_sqlite["interactions"]["Ruud Kramer"] if r["source"] == "manual"]
    assert (done["kind"], done["direction"], done["occurred_at"]) == (
        "other",
        "outbound",
        "2026-10-25T16:30:00",
    )
    assert [(d["about"], d["verdict"], d["undone"]) for d in on_sqlite["decisions"]] == [
        ("Fatima El Amrani", "accept", False),
        ("Pieter Jansen", "accept", True),
        ("Daan Bos", "later", False),
        ("Wim de Wit", "accept", False),
    ]
    assert [i["from"] for i in on_sqlite["invitations"]] == []  # one accepted, one put off
    assert [i["topic"] for i in on_sqlite["introductions"]["introductions"]] == ["Accountant"]


def test_upgrading_from_0004_and_back_works_on_postgresql(database: str):
    """Migration 0005 on PostgreSQL, whose check constraints are altered in place (SQLite copies
    the table): decisions carried over, people met made into interactions, the widened kind
    check, and down to 0004 and up again."""
    from alembic import command
    from sqlalchemy import text

    from tiewise.store.database import _alembic_config, create_store_engine, migrate

    engine = create_store_engine(database)
    migrate(engine, "0004")
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO contact (id, name) VALUES (1, 'Lotte'), (2, 'Bram')",
            "INSERT INTO event_series (id, name) VALUES (1, 'Zorgborrel')",
            "INSERT INTO event_occurrence (id, series_id, starts_at) "
            "VALUES (7, 1, '2026-10-28 17:00:00')",
            "INSERT INTO encounter (occurrence_id, contact_id, kind, first_meeting) "
            "VALUES (7, 1, 'met', true)",
            "INSERT INTO advice_decision (contact_id, action, decision, decided_at) "
            "VALUES (2, 'focus', 'dismissed', '2026-10-02 09:00:00')",
        ):
            connection.execute(text(statement))

    def upgraded() -> list:
        with Store.open(database) as store, store.connect() as connection:
            decisions = [
                (d.contact_id, d.action, d.verdict.value) for d in repo.load_decisions(connection)
            ]
            met = [
                (i.external_key, i.kind.value, i.direction.value, i.participants)
                for i in repo.load_interactions(connection)
            ]
        return [decisions, met]

    expected = [[(2, "focus", "dismiss")], [("encounter:7:1", "event", "mutual", (1,))]]
    assert upgraded() == expected
    with Store.open(database) as store, store.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO interaction (occurred_at, kind, channel, direction) "
                "VALUES ('2026-10-30 12:00:00', 'coffee', 'tiewise', 'mutual')"
            )
        )
    config = _alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    with engine.connect() as connection:

        def select_all(query: str) -> list[tuple]:
            return [tuple(row) for row in connection.execute(text(query))]

        assert select_all("SELECT version_num FROM alembic_version") == [("0004",)]
        assert select_all("SELECT contact_id, action, decision FROM advice_decision") == [
            (2, "focus", "dismissed")
        ]
        assert select_all("SELECT kind, external_key FROM interaction") == [("meeting", None)]
    engine.dispose()
    decisions, met = expected
    assert upgraded() == [decisions, [*met, (None, "meeting", "mutual", ())]]


def test_the_web_app_the_command_line_and_an_import_write_at_once(database: str, tmp_path):
    """Issue 17, point 4, on PostgreSQL: write transactions take an advisory lock at their
    start, so the read-then-write of adding tags never interleaves — nothing refused, nothing
    lost, the tag every writer adds stored once (the same race as ``test_concurrency.py``)."""
    from .test_concurrency import ROUNDS, check
    from .writers import race

    cli(database, "contact", "add", "Ada Lovelace")
    (contact,) = json.loads(cli(database, "contacts", "--json"))
    check(race(database, contact["id"], ROUNDS, tmp_path))


def test_the_search_finds_the_same_ids_as_on_sqlite(database: str, tmp_path: Path):
    """Issue 18: the same people on both engines, by the same query, for every case of
    ``test_search.py`` and every prefix of every word of its network."""
    from .test_search import CASES, build_people, found, names_found, queries

    with Store.open(database) as postgres, Store.open(tmp_path / "s.db") as sqlite:
        ids = build_people(postgres)
        assert build_people(sqlite) == ids
        for query, expected in CASES:
            assert names_found(postgres, ids, query) == expected, query
        differing = [q for q in queries() if found(postgres, q) != found(sqlite, q)]
        assert differing == []


@pytest.mark.parametrize(
    "scenario",
    [
        "test_every_write_through_the_store_leaves_the_index_current",
        "test_a_write_that_bypasses_the_store_is_still_found",
        "test_an_unmerge_gives_each_record_its_own_words_again",
        "test_refreshing_gives_the_same_index_as_building_it_afresh",
        "test_an_erased_person_is_gone_from_the_index",
        "test_a_very_long_note_is_cut_to_the_document_limit",
        "test_a_person_is_named_by_the_search_when_no_name_matches",
    ],
)
def test_the_search_keeps_up_as_on_sqlite(database: str, scenario: str):
    """The scenarios of ``test_search.py`` (writes, stale documents, merges, erasure, long
    notes, naming a person) on PostgreSQL."""
    from . import test_search

    with Store.open(database) as store:
        getattr(test_search, scenario)(store, test_search.build_people(store))
