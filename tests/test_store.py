"""The store: migrations, round trips of every record type, refusals that leave files untouched."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tiewise import model
from tiewise.errors import StoreError
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.database import (
    APPLICATION_ID,
    SCHEMA_HEAD,
    current_revision,
    head_revision,
)
from tiewise.store.schema import metadata

from .tables import schema_differences, schema_tables

M = model


def test_migrating_an_empty_database_yields_exactly_the_schema(store: Store):
    with store.connect() as connection:
        differences = schema_differences(connection)
        tables = schema_tables(connection)
    assert differences == []
    assert tables == set(metadata.tables) | {"alembic_version"}
    assert current_revision(store.engine) == head_revision()


def test_the_schema_head_constant_names_the_newest_migration():
    assert head_revision() == SCHEMA_HEAD


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path):
    Store.open(tmp_path / "t.db").close()
    code = (
        "import sys; from tiewise.store import Store; "
        f"Store.open({str(tmp_path / 't.db')!r}).close(); "
        "print(any(name.startswith('alembic') for name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_sqlite_is_configured_for_safety(store: Store, tmp_path: Path):
    with store.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert connection.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID


def test_reopening_a_tiewise_database_keeps_its_data(tmp_path: Path):
    path = tmp_path / "again.db"
    with Store.open(path) as first, first.begin() as connection:
        repo.add_contacts(connection, [M.Contact(name="Anouk de Vries")])
    with Store.open(path) as second, second.connect() as connection:
        assert [c.name for c in repo.load_contacts(connection)] == ["Anouk de Vries"]


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("Dear diary,\nthis is not a database.\n")
    before = _bytes(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "expected an SQLite database" in str(caught.value)
    assert "Dear diary" in caught.value.found
    assert _bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_applications_sqlite_database_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
        connection.execute("INSERT INTO photos (file) VALUES ('beach.jpg')")
    connection.close()
    before = _bytes(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.expected == "a tiewise database"
    assert "photos" in caught.value.found
    assert _bytes(path) == before


def test_a_schema_newer_than_the_code_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "future.db"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = _bytes(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "revision 9999" in caught.value.found
    assert "newer tiewise" in caught.value.found
    assert _bytes(path) == before


def test_a_failed_transaction_writes_nothing(store: Store):
    with pytest.raises(RuntimeError), store.begin() as connection:
        repo.add_contacts(connection, [M.Contact(name="Half Written")])
        raise RuntimeError("the import failed half-way")
    with store.connect() as connection:
        assert repo.load_contacts(connection) == []


def test_constraints_reject_impossible_values(store: Store):
    with store.begin() as connection:
        (contact_id,) = repo.add_contacts(connection, [M.Contact(name="Sem")])
    with pytest.raises(Exception, match="CHECK constraint failed"), store.begin() as connection:
        repo.save_ties(connection, [M.Tie(contact_id=contact_id, closeness=7)])
    with pytest.raises(Exception, match="FOREIGN KEY"), store.begin() as connection:
        repo.save_ties(connection, [M.Tie(contact_id=contact_id + 100)])


def test_every_record_type_round_trips(store: Store):
    at = datetime(2026, 3, 2, 10, 30)
    on = date(2026, 3, 2)
    email = M.Identifier(M.IdentifierKind.EMAIL, "anouk@example.nl")
    me = M.Me(
        name="Eva de Wit",
        identifiers=(
            M.Identifier(M.IdentifierKind.EMAIL, "eva@studiowit.nl"),
            M.Identifier(M.IdentifierKind.PROFILE_URL, "linkedin.com/in/evadewit"),
        ),
        organisation="Studio Wit",
        role="owner",
        sector="design",
        region="Arnhem-Nijmegen",
    )
    with store.begin() as connection:
        origin_id = repo.add_origin(connection, "manual", at, file="x.csv", digest="ab" * 32)
        repo.save_me(connection, me)
        contacts = [
            M.Contact(
                name="Anouk de Vries",
                given_name="Anouk",
                family_name="de Vries",
                organisation="Radboudumc",
                role="director",
                sector="healthcare",
                region="Arnhem-Nijmegen",
                identifiers=(email,),
                origin=M.Origin("manual", "x.csv", 3),
            ),
            M.Contact(
                name="Sem Bakker",
                identifiers=(
                    M.Identifier(M.IdentifierKind.PHONE, "+31612345678"),
                    M.Identifier(M.IdentifierKind.SOURCE_ID, "vcard:abc"),
                ),
            ),
        ]
        a, b = repo.add_contacts(connection, contacts, origin_id)
        ties = [
            M.Tie(
                a,
                closeness=4,
                contexts=("club", "work"),
                met_how="borrel",
                met_on=on,
                status=M.TieStatus.KEEP,
                cadence_days=30,
            ),
            M.Tie(b),
        ]
        repo.save_ties(connection, ties)
        notes = [
            M.Note(a, "Ran the marathon together.", at, M.NoteKind.STORY),
            M.Note(b, "Prefers calls.", at),
        ]
        note_ids = repo.add_notes(connection, notes)
        topics = [
            M.Topic(a, M.TopicKind.NEED, "photographer"),
            M.Topic(b, M.TopicKind.OFFER, "photographer"),
        ]
        repo.add_topics(connection, topics)
        links = [M.ContactLink(a, b, "calendar", 2, on, on)]
        repo.add_links(connection, links)
        interaction = M.Interaction(
            at,
            M.InteractionKind.MEETING,
            "calendar",
            M.Direction.MUTUAL,
            (a, b),
            60,
            "Koffie",
            "ics:uid-1",
        )
        (interaction_id,) = repo.add_interactions(connection, [interaction], origin_id)
        goal = M.Goal(
            "clients",
            priority=5,
            goal_class=M.GoalClass.MIXED,
            targets=(
                M.GoalTarget(M.TargetAttribute.REGION, "Arnhem-Nijmegen"),
                M.GoalTarget(M.TargetAttribute.SECTOR, "healthcare"),
            ),
        )
        goal_id = repo.add_goal(connection, goal)
        (series_id,) = repo.add_series(
            connection,
            [
                M.EventSeries(
                    "Ondernemersborrel", organiser="Club", category="borrel", location="Nijmegen"
                )
            ],
        )
        occurrence = M.EventOccurrence(at, series_id, "Borrel maart", at, "Nijmegen", "ics:e-1")
        (occurrence_id,) = repo.add_occurrences(connection, [occurrence], origin_id)
        attendance = M.Attendance(occurrence_id, M.AttendanceStatus.ATTENDED, 3.5, 15.0, 2)
        repo.save_attendances(connection, [attendance])
        encounters = [
            M.Encounter(occurrence_id, a, M.EncounterKind.MET, True),
            M.Encounter(occurrence_id, b, M.EncounterKind.EXPECTED),
        ]
        repo.add_encounters(connection, encounters)
        outcome = M.Outcome(
            M.OutcomeKind.CLIENT, on, 4500.0, "Logo", occurrence_id, goal_id, (a, b)
        )
        (outcome_id,) = repo.add_outcomes(connection, [outcome])
        exchange = M.Exchange(
            a, M.ExchangeDirection.GIVEN, M.ExchangeKind.INTRODUCTION, on, "Intro to Sem", b
        )
        (exchange_id,) = repo.add_exchanges(connection, [exchange], origin_id)
        invitation = M.Invitation(
            "Lotte Smit",
            M.Direction.INBOUND,
            at,
            profile_url="linkedin.com/in/lotte",
            message="Hoi!",
        )
        (invitation_id,) = repo.add_invitations(connection, [invitation], origin_id)
        repo.set_setting(connection, "budget_hours", "16")

    with store.connect() as connection:
        assert repo.load_me(connection) == me
        loaded = repo.load_contacts(connection)
        assert loaded[0] == M.Contact(**{**_fields(contacts[0]), "id": a, "origin": None})
        assert loaded[1].identifiers == contacts[1].identifiers
        assert repo.load_ties(connection) == ties
        assert repo.load_notes(connection) == [
            M.Note(n.contact_id, n.text, n.written_at, n.kind, i)
            for n, i in zip(notes, note_ids, strict=True)
        ]
        assert repo.load_topics(connection) == topics
        assert repo.load_links(connection) == links
        stored = repo.load_interactions(connection)
        assert stored[0] == M.Interaction(**{**_fields(interaction), "id": interaction_id})
        # meeting someone at an event is contact with them, both ways, at the event's start
        assert [
            (i.kind, i.direction, i.participants, i.occurred_at, i.subject) for i in stored[1:]
        ] == [(M.InteractionKind.EVENT, M.Direction.MUTUAL, (a,), at, "Ondernemersborrel")]
        assert stored[1].external_key == f"encounter:{occurrence_id}:{a}"
        assert repo.load_goals(connection) == [M.Goal(**{**_fields(goal), "id": goal_id})]
        assert repo.load_series(connection)[0].name == "Ondernemersborrel"
        assert repo.load_occurrences(connection) == [
            M.EventOccurrence(**{**_fields(occurrence), "id": occurrence_id})
        ]
        assert repo.load_attendances(connection) == [attendance]
        assert repo.load_encounters(connection) == encounters
        assert repo.load_outcomes(connection) == [
            M.Outcome(**{**_fields(outcome), "id": outcome_id})
        ]
        assert repo.load_exchanges(connection) == [
            M.Exchange(**{**_fields(exchange), "id": exchange_id})
        ]
        assert repo.load_invitations(connection) == [
            M.Invitation(**{**_fields(invitation), "id": invitation_id})
        ]
        assert repo.get_setting(connection, "budget_hours") == "16"
        assert repo.interaction_summary(connection) == {a: (2, at), b: (1, at)}
        provenance = connection.execute(
            text(
                "SELECT o.source, o.file, c.origin_line FROM contact c JOIN origin o "
                "ON o.id = c.origin_id WHERE c.id = :id"
            ),
            {"id": a},
        ).one()
        assert tuple(provenance) == ("manual", "x.csv", 3)


def _fields(record: object) -> dict:
    return {name: getattr(record, name) for name in record.__slots__}  # type: ignore[attr-defined]


def test_links_accumulate_evidence_per_source(store: Store):
    with store.begin() as connection:
        a, b = repo.add_contacts(connection, [M.Contact(name="A"), M.Contact(name="B")])
        repo.add_links(
            connection, [M.ContactLink(b, a, "calendar", 1, date(2025, 1, 1), date(2025, 1, 1))]
        )
        repo.add_links(
            connection, [M.ContactLink(a, b, "calendar", 2, date(2024, 6, 1), date(2026, 1, 1))]
        )
        repo.add_links(connection, [M.ContactLink(a, b, "manual")])
    with store.connect() as connection:
        assert repo.load_links(connection) == [
            M.ContactLink(a, b, "calendar", 3, date(2024, 6, 1), date(2026, 1, 1)),
            M.ContactLink(a, b, "manual", 1, None, None),
        ]


def test_erasing_a_contact_erases_every_fact_about_them(store: Store):
    at = datetime(2026, 1, 1, 12)
    with store.begin() as connection:
        a, b = repo.add_contacts(connection, [M.Contact(name="A"), M.Contact(name="B")])
        repo.save_ties(connection, [M.Tie(a, contexts=("work",))])
        repo.add_notes(connection, [M.Note(a, "secret", at)])
        repo.add_links(connection, [M.ContactLink(a, b, "manual")])
        repo.add_interactions(
            connection,
            [M.Interaction(at, M.InteractionKind.CALL, "phone", M.Direction.OUTBOUND, (a,))],
        )
        connection.execute(text("DELETE FROM contact WHERE id = :id"), {"id": a})
    with store.connect() as connection:
        assert repo.load_ties(connection) == []
        assert repo.load_notes(connection) == []
        assert repo.load_links(connection) == []
        assert repo.interaction_summary(connection) == {}


def test_upgrading_from_the_first_revision_keeps_data(tmp_path: Path):
    from tiewise.store.database import create_store_engine, migrate

    path = tmp_path / "old.db"
    engine = create_store_engine(f"sqlite:///{path}")
    migrate(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO contact (id, name) VALUES (1, 'Old Friend')")
        connection.exec_driver_sql(
            "INSERT INTO exchange (contact_id, direction, kind, occurred_on) "
            "VALUES (1, 'given', 'help', '2025-01-01')"
        )
    engine.dispose()
    with Store.open(path) as store, store.connect() as connection:
        assert current_revision(store.engine) == head_revision()
        assert [c.name for c in repo.load_contacts(connection)] == ["Old Friend"]
        assert len(repo.load_exchanges(connection)) == 1
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_one_tie_is_read_alone(store: Store):
    with store.begin() as connection:
        (contact_id,) = repo.add_contacts(connection, [model.Contact(name="Ann")])
        assert repo.load_tie(connection, contact_id) == model.Tie(contact_id=contact_id)
        tie = model.Tie(contact_id, closeness=4, contexts=("club", "work"), met_on=date(2020, 5, 1))
        repo.save_ties(connection, [tie])
        assert repo.load_tie(connection, contact_id) == tie


def _downgrade(engine, revision: str) -> None:
    """Alembic's downgrade on ``engine``, the way ``database.migrate`` upgrades (SQLite's foreign
    keys off, so that the batch copy of a table does not cascade-delete what refers to it)."""
    from alembic import command

    from tiewise.store.database import _alembic_config

    config = _alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.downgrade(config, revision)
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def _old_rows(connection, table: str, order: str) -> list[tuple]:
    return [tuple(r) for r in connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY {order}")]


def test_upgrading_from_0004_keeps_decisions_and_makes_people_met_into_interactions(
    tmp_path: Path,
):
    """Migration 0005: ``advice_decision`` rows become ``decision`` rows (accepted → accept,
    dismissed → dismiss); a person *met* at an event becomes an interaction (kind event, both
    ways, key ``encounter:<occurrence>:<contact>``), a person only *expected* there does not;
    the interaction table, copied to widen its kind check, keeps every participant; a logged
    coffee can be stored. Down to 0004 and up again gives the same result."""
    from tiewise.contactlog import log_contact
    from tiewise.store.database import create_store_engine, migrate

    path = tmp_path / "old.db"
    engine = create_store_engine(f"sqlite:///{path}")
    migrate(engine, "0004")
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO contact (id, name) VALUES (1, 'Lotte'), (2, 'Bram'), (3, 'Cas')",
            "INSERT INTO origin (id, source, recorded_at) VALUES (1, 'ics', '2026-01-01 00:00:00')",
            "INSERT INTO interaction (id, occurred_at, kind, channel, direction, external_key, "
            "origin_id) VALUES (1, '2026-09-01 10:00:00', 'meeting', 'calendar', 'outbound', "
            "'ics:abc', 1)",
            "INSERT INTO interaction_participant (interaction_id, contact_id) "
            "VALUES (1, 1), (1, 2)",
            "INSERT INTO event_series (id, name) VALUES (1, 'Zorgborrel')",
            "INSERT INTO event_occurrence (id, series_id, starts_at) "
            "VALUES (7, 1, '2026-10-28 17:00:00')",
            "INSERT INTO attendance (occurrence_id, status, hours) VALUES (7, 'attended', 2.0)",
            "INSERT INTO encounter (occurrence_id, contact_id, kind, first_meeting) "
            "VALUES (7, 1, 'met', 1), (7, 3, 'expected', 0)",
            "INSERT INTO advice_decision (contact_id, action, decision, decided_at) VALUES "
            "(1, 'focus', 'accepted', '2026-10-01 09:00:00'), "
            "(2, 'let_go', 'dismissed', '2026-10-02 09:00:00')",
        ):
            connection.exec_driver_sql(statement)
    engine.dispose()

    expected_decisions = [
        (M.DecisionKind.ADVICE, 1, "focus", M.Verdict.ACCEPT, datetime(2026, 10, 1, 9), None),
        (M.DecisionKind.ADVICE, 2, "let_go", M.Verdict.DISMISS, datetime(2026, 10, 2, 9), None),
    ]

    def check_upgraded() -> None:
        with Store.open(path) as store, store.connect() as connection:
            assert current_revision(store.engine) == head_revision()
            decisions = repo.load_decisions(connection)
            assert [
                (d.kind, d.contact_id, d.action, d.verdict, d.decided_at, d.undone_at)
                for d in decisions
            ] == expected_decisions
            assert all(d.figures is None and d.restore is None for d in decisions)
            interactions = {i.external_key: i for i in repo.load_interactions(connection)}
            met = interactions["encounter:7:1"]
            assert (met.kind, met.direction, met.participants) == (
                M.InteractionKind.EVENT,
                M.Direction.MUTUAL,
                (1,),
            )
            assert (met.occurred_at, met.subject) == (datetime(2026, 10, 28, 17), "Zorgborrel")
            assert "encounter:7:3" not in interactions  # expected is not met
            assert interactions["ics:abc"].participants == (1, 2)
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert len(repo.load_encounters(connection)) == 2

    check_upgraded()
    with Store.open(path) as store:
        coffee = log_contact(store, [2], M.InteractionKind.COFFEE, datetime(2026, 10, 30, 12))
        with store.connect() as connection:
            kinds = {i.id: i.kind for i in repo.load_interactions(connection)}
        with (
            pytest.raises(IntegrityError, match="CHECK constraint failed"),
            store.begin() as writing,
        ):
            writing.exec_driver_sql("UPDATE interaction SET kind = 'lunch' WHERE id = 1")
    assert kinds[coffee.interaction_id] == M.InteractionKind.COFFEE

    engine = create_store_engine(f"sqlite:///{path}")
    _downgrade(engine, "0004")
    with engine.connect() as connection:
        assert current_revision(engine) == "0004"
        assert [(*r[:3], r[3][:19]) for r in _old_rows(connection, "advice_decision", "1")] == [
            (1, "focus", "accepted", "2026-10-01 09:00:00"),
            (2, "let_go", "dismissed", "2026-10-02 09:00:00"),
        ]
        interactions = _old_rows(connection, "interaction", "id")
        assert [(r[0], r[2], r[7]) for r in interactions] == [
            (1, "meeting", "ics:abc"),
            (coffee.interaction_id, "meeting", None),  # 0004 knows no coffee: a meeting
        ]
        assert _old_rows(connection, "interaction_participant", "interaction_id, contact_id") == [
            (1, 1),
            (1, 2),
            (coffee.interaction_id, 2),
        ]
        assert len(_old_rows(connection, "encounter", "contact_id")) == 2
        tables = schema_tables(connection)
        assert "decision" not in tables and "advice_decision" in tables
    engine.dispose()

    check_upgraded()
