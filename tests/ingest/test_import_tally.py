"""Every import adds up: per file and kind of record,
``read == added + updated + unchanged + merged + skipped + conflicts + errors`` — asserted on
every fixture, on a first import and on a re-import — and the cases that used to lose people
without a count: shared phone lines, office extensions, exact duplicates, my identifier on
someone else's card."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from tests.ingest.test_contacts_csv import GENERIC_MAPPING
from tests.test_cli import run
from tiewise import model as M
from tiewise.errors import ImportFormatError
from tiewise.identifiers import identifier, is_identity, phone_number, valid_phone
from tiewise.ingest import tally
from tiewise.ingest.run import run_import
from tiewise.ingest.vcard import parse_vcard
from tiewise.ingest.writer import ImportSummary
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOW = datetime(2026, 11, 1, 12)
ME = M.Me(
    name="Eva de Wit",
    identifiers=(
        identifier(M.IdentifierKind.EMAIL, "eva@studiowit.nl"),
        identifier(M.IdentifierKind.PHONE, "+31 6 11111111"),
    ),
)


def _fixtures() -> list[tuple[str, Path]]:
    found = [("vcard", path) for path in sorted((FIXTURES / "vcard").glob("*.vcf"))]
    found += [("csv", path) for path in sorted((FIXTURES / "contacts_csv").glob("*.csv"))]
    found += [("ics", path) for path in sorted((FIXTURES / "ics").glob("*.ics"))]
    linkedin = FIXTURES / "linkedin"
    found += [("linkedin", path) for path in sorted(linkedin.iterdir()) if path.name != "README.md"]
    return found


def _options(kind: str, path: Path) -> dict[str, object]:
    return {"mapping": GENERIC_MAPPING} if path.name == "generic.csv" else {}


def _assert_adds_up(summary: ImportSummary) -> None:
    for found in summary.files:
        for kind, counts in found.kinds.items():
            assert counts.balanced(), (found.file, kind, counts.counts())
    total = tally.combined(f.total() for f in summary.files).counts()
    outcomes = sum(total[name] for name in tally.OUTCOMES)
    assert total["read"] == outcomes == summary.read
    as_json = summary.as_json()
    assert as_json["read"] == sum(
        as_json[name]
        for name in ("added", "updated", "unchanged", "merged", "skipped", "conflicts")
    ) + sum(f.total().counts()["errors"] for f in summary.files)


def _records_in(kind: str, path: Path, options: dict[str, object]) -> int | None:
    """The records of a file counted independently of the reader: cards, or CSV rows after
    the header (``None`` for the formats whose readers do not count records themselves)."""
    if kind not in ("vcard", "csv"):
        return None
    data = path.read_bytes()
    if kind == "vcard":
        return len(re.findall(rb"(?im)^\s*BEGIN:VCARD\s*$", data))
    if kind == "csv":
        text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "cp1252")
        delimiter = (
            ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
        )
        return len(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))) - 1
    return None


@pytest.mark.parametrize(
    ("kind", "path"), _fixtures(), ids=lambda value: getattr(value, "name", value)
)
def test_every_fixture_adds_up_on_import_and_reimport(tmp_path: Path, kind: str, path: Path):
    options = _options(kind, path)
    with Store.open(tmp_path / "t.db") as store:
        with store.begin() as connection:
            repo.save_me(connection, ME)
        try:
            first = run_import(store, kind, [path], NOW, **options)
        except ImportFormatError:
            return  # refused whole: nothing written, nothing to count (test_import_cli)
        _assert_adds_up(first)
        assert first.read > 0, path
        expected = _records_in(kind, path, options)
        if expected is not None:
            assert first.files[0].kinds[tally.PEOPLE].read == expected
        again = run_import(store, kind, [path], NOW, **options)
        _assert_adds_up(again)
        assert (again.added, again.updated, again.merged) == (0, 0, 0), again.as_json()
        assert again.read == first.read


# --- phones -------------------------------------------------------------------------------------


def test_an_office_extension_is_no_phone_number_and_fuses_nobody():
    assert valid_phone("123456") is None  # "possible" in NL as +31123456, but no number
    assert valid_phone("112") is None
    assert valid_phone("06 1234 5678") == "+31612345678"
    assert valid_phone("tel:+31-20-123-4567;ext=12") == "+31201234567"
    assert not is_identity(M.Identifier(M.IdentifierKind.PHONE, "123456"))
    assert phone_number("123456") is None
    assert phone_number("+31 6 9554 1731") == ("+31695541731", False)  # kept, not an identity
    assert phone_number("06 1234 5678") == ("+31612345678", True)
    cards = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Smit\nTEL;TYPE=WORK:123456\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bram Kok\nTEL;TYPE=WORK:123456\nEND:VCARD\n"
    )
    parsed = parse_vcard(cards.encode(), "office.vcf")
    assert [p.identifiers for p in parsed.persons] == [(), ()]


def test_an_unallocated_number_is_kept_but_recognises_nobody(tmp_path: Path, store: Store):
    for name, person in (("a.vcf", "Anna Smit"), ("b.vcf", "Bram Kok")):
        card = f"BEGIN:VCARD\nVERSION:3.0\nFN:{person}\nTEL:+31 6 9554 1731\nEND:VCARD\n"
        (tmp_path / name).write_text(card, encoding="utf-8")
    summary = run_import(store, "vcard", [tmp_path / "a.vcf", tmp_path / "b.vcf"], NOW)
    assert (summary.added, summary.merged) == (2, 0)
    contacts = load_snapshot(store).contacts
    # kept, on the first (an identifier is stored once), and it fused nobody
    assert [c.values(M.IdentifierKind.PHONE) for c in contacts] == [("+31695541731",), ()]
    again = run_import(store, "vcard", [tmp_path / "a.vcf", tmp_path / "b.vcf"], NOW)
    assert (again.added, again.unchanged) == (0, 2)


VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Receptie Dekker
TEL:020 123 4567
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Piet Dekker
EMAIL:piet@dekker.nl
TEL:020 123 4567
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Sanne Dekker
TEL:020 123 4567
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Jan Jansen
TEL:06 2222 3333
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Jansen, Jan
TEL:+31 6 2222 3333
ORG:Rabobank
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Jan Jansen
TEL:06 2222 3333
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Karel
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Mijn Man
TEL:06 1111 1111
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Eva
EMAIL:EVA@studiowit.nl
END:VCARD
BEGIN:VCARD
VERSION:3.0
NOTE:nothing else
END:VCARD
"""


@pytest.fixture
def phone_book(tmp_path: Path, store: Store) -> tuple[Store, ImportSummary]:
    path = tmp_path / "phone.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    with store.begin() as connection:
        repo.save_me(connection, ME)
    return store, run_import(store, "vcard", [path], NOW)


def test_a_shared_office_line_recognises_nobody_and_every_card_is_counted(phone_book):
    store, summary = phone_book
    people = summary.files[0].kinds[tally.PEOPLE]
    assert people.counts() == {
        "read": 10,
        "added": 5,  # Receptie, Piet, Sanne (the shared line fuses nobody), Jan, Karel
        "updated": 0,
        "unchanged": 0,
        "merged": 1,  # Jansen, Jan: the same valid phone and the same name
        "skipped": 3,  # the exact duplicate, me, the empty card
        "conflicts": 1,  # "Mijn Man" with my phone number
        "errors": 0,
    }
    assert [str(e) for e in people.merged] == [
        "line 22: Jansen, Jan → line 17: Jan Jansen: same valid phone +31622223333"
    ]
    assert [str(e) for e in people.skipped] == [
        "line 47: a card without name, organisation, e-mail, phone or profile",  # the reader's
        "line 28: Jan Jansen: exact duplicate of line 17",
        "line 42: Eva: this is you (same e-mail eva@studiowit.nl)",
    ]
    assert people.conflicts[0].record == "line 37: Mijn Man"
    assert "your valid phone +31611111111 but names someone else" in people.conflicts[0].why
    (note,) = summary.files[0].notes
    assert note.endswith(
        "phone.vcf, line 1: phone +31201234567: on 3 records with different names (Receptie"
        " Dekker, line 1; Piet Dekker, line 6; Sanne Dekker, line 12): a shared line, not used"
        " to recognise anyone; kept in their notes"
    )
    names = sorted(c.name for c in load_snapshot(store).contacts)
    assert names == ["Jan Jansen", "Karel", "Piet Dekker", "Receptie Dekker", "Sanne Dekker"]
    with store.connect() as connection:
        contacts = repo.load_contacts(connection)
    sanne = next(c for c in contacts if c.name == "Sanne Dekker")
    assert all(i.kind != M.IdentifierKind.PHONE for i in sanne.identifiers)


def test_the_json_lists_whom_each_record_joined_and_why(phone_book):
    _, summary = phone_book
    as_json = summary.as_json()
    assert (as_json["read"], as_json["merged"], as_json["conflicts"]) == (10, 1, 1)
    (found,) = as_json["files"]
    people = found["kinds"]["people"]
    assert people["merges"] == [
        {
            "why": "same valid phone +31622223333",
            "record": "line 22: Jansen, Jan",
            "into": "line 17: Jan Jansen",
        }
    ]
    assert people["skips"][1] == {
        "why": "exact duplicate of line 17",
        "record": "line 28: Jan Jansen",
    }


def test_duplicate_rows_of_a_contact_csv_are_skipped_or_merged_and_counted(
    tmp_path: Path, store: Store
):
    path = tmp_path / "google.csv"
    path.write_text(
        "First Name,Last Name,Organization Name,E-mail 1 - Value,Phone 1 - Value\n"
        "Anouk,de Vries,,anouk@example.nl,0612345678\n"
        "Anouk,de Vries,,anouk@example.nl,0612345678\n"
        "A.,de Vries,,anouk@example.nl,\n"
        ",,,,\n"
        "Sem,Bakker,Rabobank,,\n"
        "Sem,Bakker,Rabobank,,\n"
        "Sem,Bakker,ING,,\n",
        encoding="utf-8",
    )
    summary = run_import(store, "csv", [path], NOW)
    people = summary.files[0].kinds[tally.PEOPLE]
    assert people.counts() == {
        "read": 7,
        "added": 3,  # Anouk, Sem at Rabobank, Sem at ING: a name alone merges nobody
        "updated": 0,
        "unchanged": 0,
        "merged": 1,
        "skipped": 3,
        "conflicts": 0,
        "errors": 0,
    }
    assert [str(e) for e in people.merged] == [
        "line 4: A. de Vries → line 2: Anouk de Vries: same e-mail anouk@example.nl"
    ]
    assert [e.why for e in people.skipped] == [
        "a blank row",
        "exact duplicate of line 2",
        "exact duplicate of line 6",
    ]


def test_my_phone_on_another_name_is_a_conflict_in_the_cli(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "me", "--name", "Eva de Wit", "--phone", "06 1111 1111")
    card = tmp_path / "man.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Mijn Man\nTEL:0611111111\nEND:VCARD\n")
    out = json.loads(run(db, "import", "vcard", str(card), "--json"))
    assert (out["read"], out["added"], out["conflicts"]) == (1, 0, 1)
    table = run(db, "import", "vcard", str(card))
    assert "Mijn Man" in table and "conflict" in table.lower()
