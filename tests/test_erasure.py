"""Erasing a person (``tiewise contact erase``): every fact goes, mentions are replaced, a dry
run changes nothing, and later imports leave the person out."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from datetime import datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from sqlalchemy import select

from tests.tables import table_rows
from tests.test_cli import run
from tiewise.erasure import identifier_digest
from tiewise.store import Store, privacy
from tiewise.store import repository as repo
from tiewise.store import schema as s
from tiewise.store.schema import metadata

FIXTURES = Path(__file__).parent / "fixtures"

VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Piet Jansen
N:Jansen;Piet;;;
EMAIL;TYPE=INTERNET:piet@jansen.nl
TEL;TYPE=CELL:+31 6 12345678
URL:https://www.linkedin.com/in/piet-jansen
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
    with Store.open(network) as store, store.connect() as connection:
        anna_note = connection.scalar(select(s.note.c.id).where(s.note.c.text.like("Intro%")))
        coffee = connection.scalar(
            select(s.interaction.c.id).where(s.interaction.c.subject.like("Coffee%"))
        )
    erasure = json.loads(run(network, "contact", "erase", "Piet Jansen", "--yes", "--json"))
    assert erasure == {
        "name": "Piet Jansen",
        "dry_run": False,
        "records": 1,
        "identifiers": 3,  # e-mail, phone and profile URL
        "notes": 1,
        "interactions": 1,  # the lunch with only him
        "shared_interactions": 1,  # the kick-off stays, with Anna
        "links": 1,  # he and Anna met in the kick-off
        "encounters": 0,
        "exchanges": 0,
        "invitations": 0,
        "outcomes": 0,
        "mentions_replaced": 3,  # twice in Anna's note, once in the coffee's subject
        "replacements": [
            {"place": f"note.text #{anna_note}", "kind": "name", "count": 2},
            {"place": f"interaction.subject #{coffee}", "kind": "name", "count": 1},
        ],
        "mentions_left": [],
        "keys_replaced": 0,  # calendar keys are event UIDs: they name no one
        "files_cleared": True,
        "key_missing": False,
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
    assert (erasure["records"], erasure["identifiers"]) == (2, 4)
    assert _references(network, {ids["Piet Jansen"], ids["P. Jansen"]}) == []
    second = json.loads(run(network, "import", "vcard", str(tmp_path / "second.vcf"), "--json"))
    assert (second["added"], second["skipped"]) == (0, 1)


def test_a_one_word_name_no_one_else_has_is_replaced(network: Path):
    erasure = json.loads(run(network, "contact", "erase", "Karel", "--yes", "--json"))
    assert erasure["mentions_replaced"] == 1 and erasure["mentions_left"] == []
    assert [r["kind"] for r in erasure["replacements"]] == ["given_name"]
    assert erasure["replacements"][0]["place"].startswith("note.text #")
    assert "[erased] too." in str(table_rows(network)["note"])


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
    assert (erasure["name"], erasure["records"], erasure["identifiers"]) == ("Piet Jansen", 3, 5)
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
    """In any case, with or without the diacritics, decomposed too (O + U+0308)."""
    run(network, "contact", "add", "Özlem Çelik", "--email", "ozlem@celik.nl")
    run(
        network, "note", "Anna Bakker", "Lunch met ÖZLEM ÇELIK en özlem çelik; mail ozlem@celik.nl."
    )
    run(network, "note", "Anna Bakker", "Ozlem Celik belde; O\u0308zlem komt, CELIK niet.")
    run(network, "note", "Anna Bakker", "Schrijf naar ozlem@celik.nl.example, niet verwarren.")
    erasure = json.loads(run(network, "contact", "erase", "Özlem Çelik", "--yes", "--json"))
    assert erasure["mentions_replaced"] == 6
    notes = _notes(network)
    assert "Lunch met [erased] en [erased]; mail [erased]." in notes
    assert "[erased] belde; [erased] komt, [erased] niet." in notes
    assert "Schrijf naar ozlem@celik.nl.example, niet verwarren." in notes  # not hers


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


# A note about Anna that names Piet by his phone (four ways), his profile (two ways), his given
# name, his family name and his e-mail address.
LEAKS = (
    "Call Piet on 06-12345678, +31 6 1234 5678, (06) 1234 5678 or 0612345678; see "
    "www.LinkedIn.com/in/Piet-Jansen/ and https://linkedin.com/in/piet-jansen. "
    "Jansen Bouw pays late; mail piet@jansen.nl."
)
SCRUBBED = (
    "Call [erased] on [erased], [erased], [erased] or [erased]; see [erased] and [erased]. "
    "[erased] Bouw pays late; mail [erased]."
)
# What is not his: another number, another profile, another name, a domain and an address.
NOT_HIS = (
    "Not his: 06-12345679, linkedin.com/in/piet-jansen-2, Pieter, jansenbouw.nl, "
    "pietje@jansen.nl.example."
)
# Every identifier of Piet, as he could be written: e-mail, phone in several formats, profile
# URL, full name and name parts (compared in lower case).
PIET = (
    "piet@jansen.nl",
    "+31612345678",
    "0612345678",
    "06-12345678",
    "6 1234 5678",
    "1234 5678",
    "12345678",
    "linkedin.com/in/piet-jansen",
    "piet jansen",
    "piet",
    "jansen",
)


def _note_id(db: Path, text: str) -> int:
    with Store.open(db) as store, store.connect() as connection:
        return connection.scalar(select(s.note.c.id).where(s.note.c.text == text))


def _notes(db: Path) -> set[str]:
    with Store.open(db) as store, store.connect() as connection:
        return set(connection.scalars(select(s.note.c.text)))


def _key_files() -> list[Path]:
    return sorted(Path(os.environ["TIEWISE_KEY_DIR"]).glob("erasure-*.key"))


def _database_id(db: Path) -> str:
    with Store.open(db) as store, store.connect() as connection:
        return repo.get_setting(connection, "database.id")


def test_phones_profiles_and_name_parts_in_other_records_are_replaced_and_listed(network: Path):
    run(network, "note", "Anna Bakker", LEAKS)
    run(network, "note", "Anna Bakker", NOT_HIS)
    leaks = _note_id(network, LEAKS)
    foretold = " ".join(run(network, "contact", "erase", "Piet Jansen").split())  # a dry run
    assert (  # lists every place
        f"note.text #{leaks}: e-mail address, family name, given name, phone number, profile URL"
        in foretold
    )
    erasure = json.loads(run(network, "contact", "erase", "Piet Jansen", "--yes", "--json"))
    place = f"note.text #{leaks}"
    here = {r["kind"]: r["count"] for r in erasure["replacements"] if r["place"] == place}
    assert here == {"phone": 4, "profile_url": 2, "given_name": 1, "family_name": 1, "email": 1}
    assert erasure["mentions_left"] == []
    notes = _notes(network)
    assert SCRUBBED in notes and NOT_HIS in notes


def test_a_name_part_another_contact_shares_is_left_where_it_may_mean_them(network: Path):
    """'Piet' alone is replaced, except in what belongs to or names the other Piet; 'de Wit'
    (my family name) likewise where the text names me."""
    run(network, "contact", "add", "Piet de Vries", "--email", "pdv@vries.nl")
    run(network, "contact", "add", "Wim de Wit")
    own = "Piet wants an introduction."  # a note about Piet de Vries
    named = "Lunch with Piet de Vries; Piet paid."  # names him
    mailed = "Piet (pdv@vries.nl) asked about the roof."  # names him by his e-mail address
    neither = "Piet still owes Anna a quote."  # about neither: it goes
    run(network, "note", "Piet de Vries", own)
    for text in (named, mailed, neither):
        run(network, "note", "Anna Bakker", text)
    erasure = json.loads(run(network, "contact", "erase", "Piet Jansen", "--yes", "--json"))
    left = {(m["place"], m["name"], tuple(m["may_mean"])) for m in erasure["mentions_left"]}
    assert left == {
        (f"note.text #{_note_id(network, t)}", "Piet", ("Piet de Vries",))
        for t in (own, named, mailed)
    }
    notes = _notes(network)
    assert {own, named, mailed, "[erased] still owes Anna a quote."} <= notes
    text = run(network, "contact", "erase", "Piet de Vries")
    assert "Piet de Vries" in text  # the other Piet is untouched and can still be found
    mine = "De Wit called about Eva's offer."  # names me, Eva de Wit
    his = "Ask de Wit about the roof."
    for note in (mine, his):
        run(network, "note", "Anna Bakker", note)
    erasure = json.loads(run(network, "contact", "erase", "Wim de Wit", "--yes", "--json"))
    assert [(m["name"], m["may_mean"]) for m in erasure["mentions_left"]] == [
        ("de Wit", ["Eva de Wit"])
    ]
    assert {mine, "Ask [erased] about the roof."} <= _notes(network)


def test_no_identifier_of_the_erased_person_is_left_in_the_files_or_any_export(
    network: Path, tmp_path: Path
):
    run(network, "note", "Anna Bakker", LEAKS)
    run(network, "export", str(tmp_path / "before"))
    before = b"".join(p.read_bytes() for p in (tmp_path / "before").iterdir()).lower()
    assert all(identifier.encode() in before for identifier in PIET)  # the search finds them
    holder = sqlite3.connect(network)  # keeps the write-ahead log in place while we look
    try:
        holder.execute("SELECT count(*) FROM contact").fetchone()
        run(network, "contact", "erase", "Piet Jansen", "--yes")
        run(network, "export", str(tmp_path / "all"))
        run(network, "export", str(tmp_path / "study"), "--anonymous")
        files = [
            *network.parent.glob(network.name + "*"),
            *(tmp_path / "all").iterdir(),
            *(tmp_path / "study").iterdir(),
        ]
        assert Path(str(network) + "-wal") in files
        assert {"tiewise.json", "contacts.vcf"} <= {f.name for f in files}
        hits = [
            f"{identifier} in {path.name}"
            for path in files
            for identifier in PIET
            if identifier.encode() in path.read_bytes().lower()
        ]
    finally:
        holder.close()
    assert hits == []


def _hex(value: str) -> bool:
    try:
        bytes.fromhex(value)
    except ValueError:
        return False
    return True


def test_the_database_file_alone_cannot_tell_which_phone_was_erased(network: Path):
    """The digest of an erased phone is keyed with a key that is not in the database: trying
    numbers against what the file holds finds nothing, while the key finds him at once."""
    run(network, "contact", "erase", "Piet Jansen", "--yes")
    (key_file,) = _key_files()
    assert key_file.name == f"erasure-{_database_id(network)}.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = bytes.fromhex(key_file.read_text())
    raw = _file_bytes(network)
    assert key not in raw and key.hex().encode() not in raw.lower()
    with sqlite3.connect(f"file:{network}?mode=ro", uri=True) as connection:
        settings = dict(connection.execute("SELECT key, value FROM setting"))
        digests = {d for (d,) in connection.execute("SELECT digest FROM erased_identifier")}
    assert "erasure.key" not in settings
    candidates = [b"", *(v.encode() for v in settings.values())]
    candidates += [bytes.fromhex(v) for v in settings.values() if _hex(v)]
    numbers = [f"+3161234{n:04d}" for n in range(10_000)]  # his +31612345678 among them

    def found(candidate: bytes) -> bool:
        return any(identifier_digest(candidate, "phone", n) in digests for n in numbers)

    assert not any(found(candidate) for candidate in candidates)
    assert found(key)


def test_a_key_kept_in_the_database_by_an_older_version_is_moved_out_on_first_use(
    network: Path, tmp_path: Path
):
    """Before, the key was the setting ``erasure.key``: the first import moves it out, deletes
    the setting (overwriting it on disk) and still recognises the person erased with it."""
    key = secrets.token_bytes(32)
    with Store.open(network) as store, store.begin() as connection:
        piet = connection.scalar(select(s.contact.c.id).where(s.contact.c.name == "Piet Jansen"))
        repo.set_setting(connection, "erasure.key", key.hex())
        digest = identifier_digest(key, "email", "piet@jansen.nl")
        privacy.add_erased_digests(connection, [digest], datetime(2026, 1, 1))
        privacy.erase_contacts(connection, [piet])
    again = json.loads(run(network, "import", "vcard", str(tmp_path / "people.vcf"), "--json"))
    assert (again["added"], again["skipped"]) == (0, 1)
    (key_file,) = _key_files()
    assert key_file.name == f"erasure-{_database_id(network)}.key"
    assert bytes.fromhex(key_file.read_text()) == key
    with Store.open(network) as store, store.connect() as connection:
        assert repo.get_setting(connection, "erasure.key") is None
    assert key.hex().encode() not in _file_bytes(network).lower()


def test_a_lost_key_is_reported_and_nothing_crashes(network: Path, tmp_path: Path):
    run(network, "contact", "erase", "Piet Jansen", "--yes")
    for path in _key_files():
        path.unlink()
    again = json.loads(run(network, "import", "vcard", str(tmp_path / "people.vcf"), "--json"))
    assert again["errors"][0].startswith("the key that recognises people erased earlier is")
    assert again["added"] == 1  # without the key Piet cannot be recognised: he is back
    text = run(network, "import", "vcard", str(tmp_path / "people.vcf"))
    assert "key that recognises people erased earlier is missing" in " ".join(text.split())
    erasure = json.loads(run(network, "contact", "erase", "Anna Bakker", "--yes", "--json"))
    assert erasure["key_missing"] is True
    assert len(_key_files()) == 1  # a new key
    assert json.loads(run(network, "contact", "erase", "Karel", "--json"))["key_missing"] is False


class _MemoryKeyring(KeyringBackend):
    """A keyring in memory, standing in for the operating system's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.passwords[(service, username)]


def test_the_key_goes_to_the_keyring_when_one_is_usable(
    network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("TIEWISE_KEY_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # a key file would land here, not in
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the user's home
    memory = _MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        run(network, "contact", "erase", "Piet Jansen", "--yes")
        people = str(tmp_path / "people.vcf")
        again = json.loads(run(network, "import", "vcard", people, "--json"))
    finally:
        keyring.set_keyring(fail.Keyring())
    assert (again["added"], again["skipped"]) == (0, 1)
    assert list(memory.passwords) == [("tiewise", f"erasure-key-{_database_id(network)}")]
    assert not (tmp_path / "home").exists() and not (tmp_path / "config").exists()


def test_each_database_has_its_own_key(network: Path, tmp_path: Path):
    other = tmp_path / "other.db"
    run(other, "import", "vcard", str(tmp_path / "people.vcf"))
    for db in (network, other):
        run(db, "contact", "erase", "Piet Jansen", "--yes")
    ids = {_database_id(network), _database_id(other)}
    assert len(ids) == 2
    assert {p.name for p in _key_files()} == {f"erasure-{i}.key" for i in ids}
    assert len({p.read_text() for p in _key_files()}) == 2


def test_the_web_confirmation_lists_what_was_replaced(network: Path):
    from tests.web.test_app import client_for, csrf_of

    run(network, "note", "Anna Bakker", LEAKS)
    leaks = _note_id(network, LEAKS)
    piet = _ids(network)["Piet Jansen"]
    client = client_for(network)
    page = client.post(
        f"/contacts/{piet}/erase", data={"csrf": csrf_of(client), "confirm": "1"}
    ).text
    assert "Piet Jansen is erased. Replaced in other records: note.text #" in page
    assert (
        f"note.text #{leaks} (e-mail address, family name, given name, phone number, profile URL)"
        in page
    )


def test_an_erasure_whose_key_cannot_be_stored_stops_and_changes_nothing(
    network: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("TIEWISE_KEY_DIR", str(network / "keys"))  # under a file: not a folder
    before = table_rows(network)
    text = run(network, "contact", "erase", "Piet Jansen", "--yes", code=2)
    assert "cannot store the erasure key" in text and "TIEWISE_KEY_DIR" in text
    assert len(text.strip().splitlines()) <= 3  # one message, no traceback
    assert table_rows(network) == before


def test_a_name_part_in_lower_case_is_left_as_the_word_it_may_be(network: Path):
    """'Bakker' is a family name and the Dutch for baker: the capitalised one goes, the word
    in lower case stays and is listed; a full name goes in any case."""
    note = "Gesprek met de bakker over brood; Bakker belde, anna bakker ook."
    run(network, "note", "Karel", note)
    erasure = json.loads(run(network, "contact", "erase", "Anna Bakker", "--yes", "--json"))
    after = "Gesprek met de bakker over brood; [erased] belde, [erased] ook."
    place = f"note.text #{_note_id(network, after)}"
    assert erasure["mentions_left"] == [
        {"place": place, "name": "bakker", "why": "lower_case", "may_mean": []}
    ]
    assert {r["kind"]: r["count"] for r in erasure["replacements"] if r["place"] == place} == {
        "name": 1,
        "family_name": 1,
    }
