"""``tiewise export``: all my data, or one person's, as JSON and vCard."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from typer.testing import CliRunner

from tests.test_cli import run
from tiewise import model
from tiewise.cli import app
from tiewise.export import card
from tiewise.ingest.vcard import parse_vcard
from tiewise.store import Store
from tiewise.store.schema import metadata


def _counts(db: Path) -> dict[str, int]:
    with Store.open(db) as store, store.connect() as connection:
        return {
            name: connection.scalar(select(func.count()).select_from(table))
            for name, table in metadata.tables.items()
        }


def test_the_full_export_holds_every_row_and_no_keys(demo_copy: Path, tmp_path: Path):
    run(demo_copy, "export", str(tmp_path / "anon"), "--anonymous")  # makes export.secret
    run(demo_copy, "contact", "erase", "3", "--yes")  # makes erasure.key and digests
    out = json.loads(run(demo_copy, "export", str(tmp_path / "all"), "--json"))
    assert [Path(p).name for p in out["files"]] == ["tiewise.json", "contacts.vcf"]
    document = json.loads((tmp_path / "all" / "tiewise.json").read_text(encoding="utf-8"))
    assert (document["format"], document["version"], document["scope"]) == (
        "tiewise-export",
        1,
        "all",
    )
    counts = _counts(demo_copy)
    tables = document["tables"]
    assert set(tables) == set(metadata.tables) - {"erased_identifier"}
    keys = {row["key"] for row in tables["setting"]}
    assert not keys & {"export.secret", "erasure.key"}
    assert len(tables["setting"]) == counts["setting"] - 2
    for name, rows in tables.items():
        if name != "setting":
            assert len(rows) == counts[name], name
    assert all("T" in row["occurred_at"] for row in tables["interaction"][:5])  # ISO 8601


def test_the_address_book_reads_back_as_the_same_people(demo_copy: Path, tmp_path: Path):
    run(demo_copy, "export", str(tmp_path / "all"))
    contacts = json.loads(run(demo_copy, "contacts", "--json"))
    fresh = tmp_path / "fresh.db"
    summary = json.loads(
        run(fresh, "import", "vcard", str(tmp_path / "all" / "contacts.vcf"), "--json")
    )
    assert summary["errors"] == [] and summary["added"] == len(contacts)
    again = {c["name"]: c for c in json.loads(run(fresh, "contacts", "--json"))}
    for contact in contacts:
        copy = again[contact["name"]]
        assert sorted(copy["emails"]) == sorted(contact["emails"]), contact["name"]
        assert sorted(copy["phones"]) == sorted(contact["phones"]), contact["name"]
        assert copy["profile_url"] == contact["profile_url"], contact["name"]
        assert (copy["organisation"], copy["role"], copy["region"]) == (
            contact["organisation"],
            contact["role"],
            contact["region"],
        )
        assert copy["contexts"] == contact["contexts"]


def test_one_persons_export_holds_only_facts_about_them(demo_copy: Path, tmp_path: Path):
    run(demo_copy, "note", "5", "Likes long walks.", "--story")
    shown = json.loads(run(demo_copy, "contacts", "--json"))
    person = next(c for c in shown if c["id"] == 5)
    run(demo_copy, "export", str(tmp_path / "one"), "--contact", "5")
    document = json.loads((tmp_path / "one" / "tiewise.json").read_text(encoding="utf-8"))
    tables = document["tables"]
    assert document["scope"] == {"contact": person["name"]}
    assert [row["id"] for row in tables["contact"]] == [5]
    assert {row["contact_id"] for row in tables["interaction_participant"]} == {5}
    assert {row["id"] for row in tables["interaction"]} == {
        row["interaction_id"] for row in tables["interaction_participant"]
    }
    assert len(tables["interaction"]) == person["interaction_count"]
    assert "Likes long walks." in [row["text"] for row in tables["note"]]
    assert all(5 in (row["contact_a"], row["contact_b"]) for row in tables["contact_link"])
    assert "me" not in tables and "goal" not in tables and "setting" not in tables
    referenced = {r["origin_id"] for found in tables.values() for r in found if r.get("origin_id")}
    assert referenced and {row["id"] for row in tables["origin"]} == referenced  # the sources
    cards = (tmp_path / "one" / "contacts.vcf").read_text(encoding="utf-8")
    assert cards.count("BEGIN:VCARD") == 1 and f"FN:{person['name']}" in cards


def test_anonymous_and_one_person_do_not_go_together(demo_copy: Path, tmp_path: Path):
    result = CliRunner().invoke(
        app,
        ["--db", str(demo_copy), "export", str(tmp_path / "x"), "--anonymous", "--contact", "5"],
    )
    assert result.exit_code == 2 and "--contact" in result.stderr
    assert not (tmp_path / "x").exists()


def test_a_card_with_long_lines_and_special_characters_reads_back_exactly():
    contact = model.Contact(
        name="Zoë van 't Hek-Ørsted",
        id=1,
        given_name="Zoë",
        family_name="van 't Hek-Ørsted",
        organisation="Bakkerij Één; Twee, Drie",
        role="eigenaar\\directeur\rbakker",
        region="'s-Hertogenbosch",
        identifiers=(
            model.Identifier(model.IdentifierKind.EMAIL, "zoe@bakkerij-een.nl"),
            model.Identifier(model.IdentifierKind.PHONE, "+31612345678"),
            model.Identifier(model.IdentifierKind.PROFILE_URL, "linkedin.com/in/zoe-hek"),
        ),
    )
    story = "Ontmoet op de Zomerfeesten, 2019; " + "praat graag over brood en €-prijzen → " * 6
    tie = model.Tie(1, contexts=("klant", "vereniging"))
    text = card(
        contact,
        tie,
        [
            model.Note(1, story, datetime(2026, 1, 1)),
            model.Note(1, "Tweede.", datetime(2026, 1, 2)),
        ],
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r" not in text.replace("\r\n", "")  # a bare CR is written as a line break
    (person,) = parse_vcard(text.encode(), "t.vcf").persons
    assert (person.name, person.given_name, person.family_name) == (
        contact.name,
        contact.given_name,
        contact.family_name,
    )
    assert (person.organisation, person.role, person.region) == (
        contact.organisation,
        "eigenaar\\directeur bakker",  # the importer keeps one-line fields on one line
        contact.region,
    )
    assert {(i.kind, i.value) for i in person.identifiers} == {
        (i.kind, i.value) for i in contact.identifiers
    }
    assert person.contexts == ("klant", "vereniging")
    assert person.note == story + "\n\nTweede."


_TEXT = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=120)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=300)
@given(name=_TEXT, organisation=_TEXT, note=_TEXT)
def test_any_text_survives_the_card_and_the_importer(name: str, organisation: str, note: str):
    """Commas, semicolons, colons, backslashes, quotes, emoji and long lines all come back; the
    importer folds runs of white space (a no-break space too) into one space, as it documents."""
    text = card(
        model.Contact(name=name, id=1, organisation=organisation),
        model.Tie(1),
        [model.Note(1, note, datetime(2026, 1, 1))],
    )
    (person,) = parse_vcard(text.encode(), "t.vcf").persons

    def squeeze(value: str | None) -> str:
        return " ".join((value or "").split())

    assert squeeze(person.name) == squeeze(name)
    assert squeeze(person.organisation) == squeeze(organisation)
    assert squeeze(person.note) == squeeze(note)
