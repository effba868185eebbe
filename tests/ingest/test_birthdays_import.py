"""Birthdays through the importers: vCard BDAY in every form phones write, Google's Birthday
column, warnings that quote what could not be read (the record kept), the writer filling a
birthday in, and the export's vCard read back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tiewise import model
from tiewise.export import card, export_data
from tiewise.ingest.contacts_csv import parse_contacts_csv
from tiewise.ingest.run import run_import
from tiewise.ingest.tally import PEOPLE
from tiewise.ingest.vcard import parse_vcard
from tiewise.model import Birthday
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOW = datetime(2026, 12, 3, 12)


def vcard(*lines: str, version: str = "3.0") -> bytes:
    body = "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", "FN:Anouk de Vries", *lines])
    return (body + "\r\nEND:VCARD\r\n").encode()


@pytest.mark.parametrize(
    ("line", "version", "expected"),
    [
        ("BDAY:1985-04-15", "3.0", Birthday(4, 15, 1985)),
        ("BDAY;VALUE=date:1985-04-15", "3.0", Birthday(4, 15, 1985)),
        ("BDAY:19850415", "2.1", Birthday(4, 15, 1985)),
        ("BDAY:--0415", "4.0", Birthday(4, 15)),
        ("BDAY:1985-04-15T00:00:00Z", "3.0", Birthday(4, 15, 1985)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15", "3.0", Birthday(4, 15)),
        ("item1.BDAY;VALUE=date:1984-02-29", "3.0", Birthday(2, 29, 1984)),
    ],
)
def test_vcard_bday_in_the_forms_phones_write(line, version, expected):
    parsed = parse_vcard(vcard(line, version=version), "book.vcf")
    (person,) = parsed.persons
    assert person.birthday == expected
    assert parsed.warnings == []


def test_an_unreadable_bday_is_a_warning_quoting_it_and_the_card_is_kept():
    data = vcard("EMAIL:anouk@example.nl", "BDAY;VALUE=text:circa 1985", "TITLE:Arts")
    parsed = parse_vcard(data, "book.vcf")
    (person,) = parsed.persons
    assert person.birthday is None and person.role == "Arts"  # the rest of the card is read
    (warning,) = parsed.warnings
    assert warning.line == 5
    assert "'circa 1985'" in warning.message and "BDAY" in warning.message
    assert "Traceback" not in warning.message and "ValueError" not in warning.message
    assert not warning.drops_record


def test_the_first_readable_bday_wins_and_each_bad_one_is_named():
    parsed = parse_vcard(vcard("BDAY:31-04-1985", "BDAY:--0415"), "book.vcf")
    assert parsed.persons[0].birthday == Birthday(4, 15)
    assert [w.line for w in parsed.warnings] == [4]


def test_google_csv_birthday_column_of_the_real_export():
    parsed = parse_contacts_csv((FIXTURES / "contacts_csv" / "google.csv").read_bytes(), "g.csv")
    anouk = next(p for p in parsed.persons if p.line == 2)
    assert anouk.birthday == Birthday(4, 12, 1988)
    assert [p.birthday for p in parsed.persons if p.line != 2] == [None] * 4
    assert parsed.warnings == []


def google_rows(*birthdays: str) -> bytes:
    header = "First Name,Last Name,Birthday,E-mail 1 - Label,E-mail 1 - Value\n"
    rows = "".join(
        f"P{n},Jansen,{value},* Home,p{n}@example.nl\n" for n, value in enumerate(birthdays)
    )
    return (header + rows).encode()


def test_google_csv_without_year_and_an_unreadable_one():
    parsed = parse_contacts_csv(google_rows("--04-15", "15 april", ""), "g.csv")
    assert [p.birthday for p in parsed.persons] == [Birthday(4, 15), None, None]
    (warning,) = parsed.warnings
    assert warning.line == 3 and "'15 april'" in warning.message
    assert warning.message.startswith("field 'Birthday': ")
    assert not warning.drops_record  # the row is imported without it


def test_a_mapped_birthday_column():
    data = b"Naam,Mail,Geboren\nBea Bos,bea@example.nl,1990-01-31\n"
    parsed = parse_contacts_csv(
        data, "crm.csv", mapping={"name": "Naam", "email": "Mail", "birthday": "Geboren"}
    )
    assert parsed.persons[0].birthday == Birthday(1, 31, 1990)


def test_the_import_summary_notes_the_warning_and_counts_the_card_as_added(tmp_path: Path):
    path = tmp_path / "book.vcf"
    path.write_bytes(vcard("EMAIL:anouk@example.nl", "BDAY:15/04/1985"))
    with Store.open(tmp_path / "t.db") as store:
        summary = run_import(store, "vcard", [path], NOW)
        snapshot = load_snapshot(store)
    (found,) = summary.files
    assert found.kinds[PEOPLE].added == 1 and found.kinds[PEOPLE].errors == []
    (note,) = found.notes
    assert "line 5" in note and "'15/04/1985'" in note
    assert snapshot.contacts[0].birthday is None


def test_a_later_import_fills_the_birthday_in_and_a_repeat_changes_nothing(tmp_path: Path):
    without = tmp_path / "a.vcf"
    without.write_bytes(vcard("EMAIL:anouk@example.nl"))
    later = tmp_path / "b.vcf"
    later.write_bytes(vcard("EMAIL:anouk@example.nl", "BDAY:--0415"))
    other = tmp_path / "c.vcf"
    other.write_bytes(vcard("EMAIL:anouk@example.nl", "BDAY:1970-01-01"))
    with Store.open(tmp_path / "t.db") as store:
        run_import(store, "vcard", [without], NOW)
        filled = run_import(store, "vcard", [later], NOW)
        again = run_import(store, "vcard", [later], NOW)
        kept = run_import(store, "vcard", [other], NOW)  # a known birthday is not overwritten
        with store.connect() as connection:
            (contact,) = repo.load_contacts(connection)
    assert filled.files[0].kinds[PEOPLE].updated == 1
    assert again.files[0].kinds[PEOPLE].unchanged == 1
    assert kept.files[0].kinds[PEOPLE].unchanged == 1
    assert contact.birthday == Birthday(4, 15)


def test_the_exported_bday_reads_back_with_and_without_year(tmp_path: Path):
    with Store.open(tmp_path / "mine.db") as store:
        with store.begin() as connection:
            origin = repo.add_origin(connection, "manual", NOW)
            repo.add_contacts(
                connection,
                [
                    model.Contact(name="Anouk de Vries", birthday=Birthday(4, 15, 1985)),
                    model.Contact(name="Bram Bos", birthday=Birthday(2, 29)),
                    model.Contact(name="Cas Kok"),
                ],
                origin,
            )
        vcf = export_data(store, tmp_path / "out")[1]
    text = vcf.read_bytes().decode()
    assert "BDAY:1985-04-15\r\n" in text and "BDAY:--02-29\r\n" in text
    read_back = {p.name: p.birthday for p in parse_vcard(vcf.read_bytes(), "c.vcf").persons}
    assert read_back == {
        "Anouk de Vries": Birthday(4, 15, 1985),
        "Bram Bos": Birthday(2, 29),
        "Cas Kok": None,
    }
    with Store.open(tmp_path / "fresh.db") as fresh:
        run_import(fresh, "vcard", [vcf], NOW)
        again = {c.name: c.birthday for c in load_snapshot(fresh).contacts}
    assert again == read_back


def test_a_card_without_birthday_has_no_bday_line():
    assert "BDAY" not in card(model.Contact(name="Cas Kok", id=1), model.Tie(1), [])
