"""Erasing a person (``tiewise contact erase``): every fact goes, mentions are replaced, a dry
run changes nothing, and later imports leave the person out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.tables import table_rows
from tests.test_cli import run
from tiewise.store import Store
from tiewise.store import schema as s
from tiewise.store.schema import metadata

FIXTURES = Path(__file__).parent / "fixtures"

VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Piet Jansen
N:Jansen;Piet;;;
EMAIL;TYPE=INTERNET:piet@jansen.nl
TEL;TYPE=CELL:+31 6 12345678
ORG:Jansen Bouw
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Anna Bakker
N:Bakker;Anna;;;
EMAIL;TYPE=INTERNET:anna@bakker.nl
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Karel
EMAIL;TYPE=INTERNET:karel@kapper.nl
END:VCARD
"""
# A second address book knows Piet only by his phone, under another name and a second e-mail.
SECOND_VCARD = """BEGIN:VCARD
VERSION:3.0
FN:P. Jansen
EMAIL;TYPE=INTERNET:p.jansen@bouwmail.nl
END:VCARD
"""


def _event(uid: str, day: str, summary: str, attendees: list[str]) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@test",
        "DTSTAMP:20260101T090000Z",
        f"DTSTART:{day}T090000Z",
        f"DTEND:{day}T100000Z",
        f"SUMMARY:{summary}",
        "ORGANIZER:mailto:eva@studiowit.nl",
        *(f"ATTENDEE:mailto:{email}" for email in attendees),
        "END:VEVENT",
    ]
    return "\r\n".join(lines)


CALENDAR = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//tiewise tests//EN",
        _event("shared", "20260105", "Project kick-off", ["piet@jansen.nl", "anna@bakker.nl"]),
        _event("piet-only", "20260112", "Lunch with Piet Jansen", ["piet@jansen.nl"]),
        _event("anna-only", "20260119", "Coffee about Piet Jansen's offer", ["anna@bakker.nl"]),
        "END:VCALENDAR",
        "",
    ]
)


def _ids(db: Path) -> dict[str, int]:
    return {c["name"]: c["id"] for c in json.loads(run(db, "contacts", "--json"))}


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """Me, three people from an address book, three meetings and a note that names Piet."""
    db = tmp_path / "mine.db"
    (tmp_path / "people.vcf").write_text(VCARDS, encoding="utf-8")
    (tmp_path / "meetings.ics").write_text(CALENDAR, encoding="utf-8")
    run(db, "me", "--name", "Eva de Wit", "--email", "eva@studiowit.nl")
    run(db, "import", "vcard", str(tmp_path / "people.vcf"))
    run(db, "import", "ics", str(tmp_path / "meetings.ics"))
    run(db, "note", "Anna Bakker", "Introduced by Piet Jansen (PIET JANSEN says hi); Karel too.")
    run(db, "note", "Piet Jansen", "Owes me a quote; mail piet@jansen.nl.")
    return db


def _references(db: Path, ids: set[int]) -> list[str]:
    """Every row in any table that still points at one of ``ids``."""
    columns = [
        (table, column)
        for table in metadata.tables.values()
        for column in table.columns
        if any(fk.column.table.name == "contact" for fk in column.foreign_keys)
    ]
    found = []
    with Store.open(db) as store, store.connect() as connection:
        for table, column in columns:
            query = select(column).where(column.in_(ids))
            found += [f"{table.name}.{column.name}" for _ in connection.execute(query)]
        found += [
            f"contact.id {i}"
            for i in connection.scalars(select(s.contact.c.id).where(s.contact.c.id.in_(ids)))
        ]
    return found


def _file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def test_erasure_removes_every_fact_and_replaces_the_name_in_free_text(network: Path):
    piet = _ids(network)["Piet Jansen"]
    erasure = json.loads(run(network, "contact", "erase", "Piet Jansen", "--yes", "--json"))
    assert erasure == {
        "name": "Piet Jansen",
        "dry_run": False,
        "records": 1,
        "identifiers": 2,  # e-mail and phone
        "notes": 1,
        "interactions": 1,  # the lunch with only him
        "shared_interactions": 1,  # the kick-off stays, with Anna
        "links": 1,  # he and Anna met in the kick-off
        "encounters": 0,
        "exchanges": 0,
        "invitations": 0,
        "outcomes": 0,
        "mentions_replaced": 3,  # twice in Anna's note, once in the coffee's subject
        "mentions_left": [],
        "keys_replaced": 0,  # calendar keys are event UIDs: they name no one
        "files_cleared": True,
    }
    assert _references(network, {piet}) == []
    dump = table_rows(network)
    assert not any("piet" in row.lower() for rows in dump.values() for row in rows)
    assert "Introduced by [erased] ([erased] says hi); Karel too." in str(dump["note"])
    with Store.open(network) as store, store.connect() as connection:
        subjects = sorted(connection.scalars(select(s.interaction.c.subject)))
        participants = list(connection.execute(select(s.interaction_participant.c.contact_id)))
    assert subjects == ["Coffee about [erased]'s offer", "Project kick-off"]
    assert len(participants) == 2  # Anna in both meetings left
    # secure_delete and the checkpoint leave no trace of him in the database files
    raw = _file_bytes(network).lower()
    assert b"piet" not in raw and b"12345678" not in raw
    run(network, "contact", "show", "Piet Jansen", code=2)


def test_a_dry_run_changes_nothing_and_foretells_the_erasure(network: Path):
    before = table_rows(network)
    output = run(network, "contact", "erase", "Piet", "--json")
    assert table_rows(network) == before
    foretold = json.loads(output)
    assert foretold["dry_run"] is True
    done = json.loads(run(network, "contact", "erase", "Piet", "--yes", "--json"))
    assert foretold["files_cleared"] is None  # nothing was written, so nothing to clear
    assert {**foretold, "dry_run": False, "files_cleared": True} == done
    text = run(network, "contact", "erase", "Anna Bakker", lang="nl")
    assert "Er is nog niets gewist" in text and "--yes" in text


def test_later_imports_leave_the_erased_person_out_and_change_nothing(
    network: Path, tmp_path: Path
):
    run(network, "contact", "erase", "Piet Jansen", "--yes")
    after = table_rows(network)
    again = json.loads(run(network, "import", "vcard", str(tmp_path / "people.vcf"), "--json"))
    assert (again["added"], again["updated"], again["skipped"]) == (0, 0, 1)
    assert again["errors"] == ["records left out because their person was erased earlier: 1"]
    calendar = json.loads(run(network, "import", "ics", str(tmp_path / "meetings.ics"), "--json"))
    assert calendar["added"] == 0
    assert table_rows(network) == after
    assert "Piet Jansen" not in _ids(network)
    table = run(network, "import", "vcard", str(tmp_path / "people.vcf"), lang="nl")
    assert "Weggelaten omdat de persoon eerder is gewist: 1." in table


def test_a_merged_record_is_erased_with_its_survivor(network: Path, tmp_path: Path):
    (tmp_path / "second.vcf").write_text(SECOND_VCARD, encoding="utf-8")
    run(network, "import", "vcard", str(tmp_path / "second.vcf"))
    ids = _ids(network)
    run(network, "merge", "Piet Jansen", "P. Jansen")
    erasure = json.loads(run(network, "contact", "erase", "Piet Jansen", "--yes", "--json"))
    assert (erasure["records"], erasure["identifiers"]) == (2, 3)
    assert _references(network, {ids["Piet Jansen"], ids["P. Jansen"]}) == []
    second = json.loads(run(network, "import", "vcard", str(tmp_path / "second.vcf"), "--json"))
    assert (second["added"], second["skipped"]) == (0, 1)


def test_a_one_word_name_is_reported_not_replaced(network: Path):
    erasure = json.loads(run(network, "contact", "erase", "Karel", "--yes", "--json"))
    assert erasure["mentions_replaced"] == 0
    assert len(erasure["mentions_left"]) == 1 and erasure["mentions_left"][0].startswith(
        "note.text #"
    )
    assert "Karel too." in str(table_rows(network)["note"])


def test_an_invitation_from_an_erased_person_does_not_come_back(tmp_path: Path):
    db = tmp_path / "linkedin.db"
    export = str(FIXTURES / "linkedin" / "export")
    run(db, "import", "linkedin", export)
    with Store.open(db) as store, store.connect() as connection:
        linked = connection.execute(
            select(s.invitation.c.contact_id, s.contact.c.name)
            .join(s.contact, s.contact.c.id == s.invitation.c.contact_id)
            .limit(1)
        ).one()
    erasure = json.loads(run(db, "contact", "erase", str(linked.contact_id), "--yes", "--json"))
    assert erasure["invitations"] >= 1
    after = table_rows(db)
    again = json.loads(run(db, "import", "linkedin", export, "--json"))
    assert again["added"] == 0 and again["skipped"] > 0
    assert table_rows(db) == after
    assert linked.name not in _ids(db)


def test_unlinked_invitations_with_the_persons_name_or_profile_go_too(tmp_path: Path):
    db = tmp_path / "linkedin.db"
    run(db, "import", "linkedin", str(FIXTURES / "linkedin" / "export"))
    run(db, "contact", "add", "Wim de Wit")  # his invitation came without a profile URL
    run(db, "contact", "add", "Iris Kok", "--url", "https://www.linkedin.com/in/iris-kok")
    with Store.open(db) as store, store.connect() as connection:
        unlinked = sorted(
            connection.scalars(
                select(s.invitation.c.name).where(s.invitation.c.contact_id.is_(None))
            )
        )
    assert unlinked == ["Iris Kok", "Maarten de Boer", "Wim de Wit"]
    for name in ("Wim de Wit", "Iris Kok"):
        erasure = json.loads(run(db, "contact", "erase", name, "--yes", "--json"))
        assert erasure["invitations"] == 1, name
    with Store.open(db) as store, store.connect() as connection:
        left = list(connection.scalars(select(s.invitation.c.name)))
    assert sorted(left) == ["Daan Bos", "Maarten de Boer"]


def test_any_record_of_a_chain_of_merges_erases_the_whole_person(network: Path, tmp_path: Path):
    (tmp_path / "second.vcf").write_text(SECOND_VCARD, encoding="utf-8")
    run(network, "import", "vcard", str(tmp_path / "second.vcf"))
    run(network, "contact", "add", "Pieter J.", "--email", "pj@werk.nl")
    ids = _ids(network)
    run(network, "merge", "P. Jansen", "Pieter J.")  # Pieter J. → P. Jansen
    run(network, "merge", "Piet Jansen", "P. Jansen")  # P. Jansen → Piet Jansen
    chain = {ids["Piet Jansen"], ids["P. Jansen"], ids["Pieter J."]}
    export = tmp_path / "piet"
    run(network, "export", str(export), "--contact", str(ids["Pieter J."]))
    document = json.loads((export / "tiewise.json").read_text(encoding="utf-8"))
    assert document["scope"] == {"contact": "Piet Jansen"}
    assert {row["id"] for row in document["tables"]["contact"]} == chain
    assert (export / "contacts.vcf").read_text().count("BEGIN:VCARD") == 1
    erasure = json.loads(run(network, "contact", "erase", str(ids["Pieter J."]), "--yes", "--json"))
    assert (erasure["name"], erasure["records"], erasure["identifiers"]) == ("Piet Jansen", 3, 4)
    assert _references(network, chain) == []


def test_keys_that_name_the_person_are_replaced_and_still_recognised(tmp_path: Path):
    """A LinkedIn message's key holds its sender's profile URL; a conversation with others
    stays, so its key must stop naming the person yet still match on a re-import."""
    db = tmp_path / "linkedin.db"
    export = str(FIXTURES / "linkedin" / "export")
    run(db, "import", "linkedin", export)
    erasure = json.loads(run(db, "contact", "erase", "Daan Bos", "--yes", "--json"))
    assert erasure["keys_replaced"] >= 1
    after = table_rows(db)
    assert not any("daan" in row.lower() for rows in after.values() for row in rows)
    again = json.loads(run(db, "import", "linkedin", export, "--json"))
    assert again["added"] == 0
    assert table_rows(db) == after
    raw = _file_bytes(db).lower()
    assert b"daan" not in raw


def test_names_with_diacritics_and_capitals_are_found_in_any_case(network: Path):
    run(network, "contact", "add", "Özlem Çelik", "--email", "ozlem@celik.nl")
    run(
        network, "note", "Anna Bakker", "Lunch met ÖZLEM ÇELIK en özlem çelik; mail ozlem@celik.nl."
    )
    run(network, "note", "Anna Bakker", "Schrijf naar ozlem@celik.nl.example, niet verwarren.")
    erasure = json.loads(run(network, "contact", "erase", "Özlem Çelik", "--yes", "--json"))
    assert erasure["mentions_replaced"] == 3
    notes = str(table_rows(network)["note"])
    assert "Lunch met [erased] en [erased]; mail [erased]." in notes
    assert "ozlem@celik.nl.example" in notes  # another address, not hers


def test_an_open_reader_keeps_the_files_from_being_cleared_and_the_result_says_so(network: Path):
    import sqlite3

    reader = sqlite3.connect(network, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM contact").fetchone()
    try:
        erasure = json.loads(run(network, "contact", "erase", "Piet Jansen", "--yes", "--json"))
        text = run(network, "contact", "erase", "Anna Bakker", "--yes")
    finally:
        reader.close()
    assert erasure["files_cleared"] is False
    assert "Another program" in text
