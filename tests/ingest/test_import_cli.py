"""``tiewise import …`` and ``tiewise merge`` end to end on the fixtures."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import select

from tests.tables import table_rows
from tests.test_cli import run
from tiewise.store import Store
from tiewise.store.schema import metadata

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _me(db: Path) -> None:
    run(
        db,
        "me",
        "--name",
        "Eva de Wit",
        "--email",
        "eva@studiowit.nl",
        "--url",
        "linkedin.com/in/evadewit",
    )


_OUTCOMES = ("added", "updated", "unchanged", "merged", "skipped", "conflicts", "errors")


def _assert_adds_up(summary: dict) -> None:
    """Per file and kind, and in total: read = added + … + errors (errors: records left out)."""
    for found in summary["files"]:
        for kind, counts in found["kinds"].items():
            assert counts["read"] == sum(counts[k] for k in _OUTCOMES), (found["file"], kind)
            assert counts["merged"] == len(counts["merges"])
            assert counts["conflicts"] == len(counts["conflict_list"])
            assert counts["errors"] == len(counts["error_list"])
        assert found["read"] == sum(found[k] for k in _OUTCOMES)
    assert summary["read"] == sum(f["read"] for f in summary["files"])
    for key in ("added", "updated", "unchanged", "merged", "skipped", "conflicts"):
        assert summary[key] == sum(f[key] for f in summary["files"]), key


def test_the_table_shows_every_file_and_kind_and_adds_up(tmp_path: Path):
    db = tmp_path / "mine.db"
    _me(db)
    out = run(db, "import", "vcard", str(FIXTURES / "vcard" / "multi.vcf"))
    flat = " ".join(out.split())
    for column in ("read", "added", "updated", "unchanged", "merged", "skipped", "conflicts"):
        assert column in flat
    assert "multi.vcf people 7 5 0 0 1 1 0 0" in flat
    assert "J. van 't Hek → line 13: Hek, Jeroen van 't: same e-mail jeroen@example.nl" in flat
    assert "line 33: a card without name, organisation, e-mail, phone or profile" in flat
    dutch = " ".join(
        run(db, "import", "vcard", str(FIXTURES / "vcard" / "multi.vcf"), lang="nl").split()
    )
    # too narrow for the Dutch table: one equation per file and kind
    assert (
        "multi.vcf personen: gelezen 7 = toegevoegd 0 + bijgewerkt 0 + ongewijzigd 6 + "
        "samengevoegd 0 + overgeslagen 1 + conflicten 0 + fouten 0" in dutch
    )


def test_every_format_imports_and_a_second_import_changes_nothing(tmp_path: Path):
    db = tmp_path / "mine.db"
    _me(db)
    commands = [
        ("linkedin", str(FIXTURES / "linkedin" / "export")),
        ("vcard", str(FIXTURES / "vcard" / "multi.vcf")),
        ("csv", str(FIXTURES / "contacts_csv" / "google.csv")),
        ("ics", str(FIXTURES / "ics" / "google.ics")),
    ]
    for kind, path in commands:
        first = json.loads(run(db, "import", kind, path, "--json"))
        assert set(first) == {
            "read",
            "added",
            "updated",
            "unchanged",
            "merged",
            "skipped",
            "conflicts",
            "errors",
            "files",
        }
        assert first["added"] > 0, kind
        _assert_adds_up(first)
    before = table_rows(db)
    for kind, path in commands:
        again = json.loads(run(db, "import", kind, path, "--json"))
        assert (again["added"], again["updated"], again["merged"]) == (0, 0, 0), kind
        assert again["unchanged"] > 0, kind
        _assert_adds_up(again)
    assert table_rows(db) == before
    contacts = json.loads(run(db, "contacts", "--json"))
    assert not any(c["name"] == "Eva de Wit" for c in contacts)  # me is never a contact
    met = [c for c in contacts if c["interaction_count"] > 0]
    assert met and all(c["last_interaction"] for c in met)


def test_a_bad_file_fails_with_its_place_and_writes_nothing(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "import", "vcard", str(FIXTURES / "vcard" / "multi.vcf"))
    before = table_rows(db)
    out = run(
        db,
        "import",
        "vcard",
        str(FIXTURES / "vcard" / "google_3.0.vcf"),
        str(FIXTURES / "vcard" / "truncated.vcf"),
        code=2,
    )
    assert "truncated.vcf, line" in out and "expected END:VCARD, found end of file" in out
    assert table_rows(db) == before
    out = run(db, "import", "ics", str(FIXTURES / "vcard" / "multi.vcf"), code=2)
    assert "multi.vcf" in out and "expected" in out
    assert table_rows(db) == before


def test_generic_csv_needs_a_mapping_and_uses_it(tmp_path: Path):
    db = tmp_path / "mine.db"
    source = tmp_path / "leden.csv"
    source.write_text("Naam,Mail,Bedrijf\nAnouk de Vries,anouk@x.nl,Radboudumc\n", encoding="utf-8")
    out = run(db, "import", "csv", str(source), "--map", "name", code=2)
    assert "expected FIELD=Column" in out
    run(
        db,
        "import",
        "csv",
        str(source),
        "--format",
        "generic",
        "--map",
        "name=Naam",
        "--map",
        "email=Mail",
        "--map",
        "organisation=Bedrijf",
    )
    (anouk,) = json.loads(run(db, "contacts", "--json"))
    assert (anouk["name"], anouk["emails"], anouk["organisation"]) == (
        "Anouk de Vries",
        ["anouk@x.nl"],
        "Radboudumc",
    )


def test_merge_list_merge_review_and_unmerge(tmp_path: Path):
    db = tmp_path / "mine.db"
    for name in ("Anouk van der Berg", "Anouk v.d. Berg", "Sem Bakker", "Sem Bakkers"):
        run(db, "contact", "add", name, "--org", "Radboudumc")
    suggestions = json.loads(run(db, "merge", "--list", "--json"))
    assert [(s["contact_a"], s["contact_b"]) for s in suggestions] == [(1, 2), (3, 4)]
    assert suggestions[0]["reasons"][1] == "same organisation (Radboudumc)"
    # review: merge the first, keep the second apart
    from typer.testing import CliRunner

    from tiewise.cli import app

    result = CliRunner().invoke(app, ["--db", str(db), "merge", "--review"], input="m\nk\n")
    assert result.exit_code == 0, result.output
    assert [c["name"] for c in json.loads(run(db, "contacts", "--json"))] == [
        "Anouk van der Berg",
        "Sem Bakker",
        "Sem Bakkers",
    ]
    assert json.loads(run(db, "merge", "--list", "--json")) == []
    run(db, "unmerge", "2")
    assert len(json.loads(run(db, "contacts", "--json"))) == 4
    run(db, "merge", "3", "Sem Bakkers")
    assert len(json.loads(run(db, "contacts", "--json"))) == 3
    assert "already one person" in run(db, "merge", "3", "4", code=2)


def test_a_contact_says_which_file_and_line_it_came_from(tmp_path: Path):
    db = tmp_path / "mine.db"
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted((FIXTURES / "linkedin" / "export").iterdir()):
            out.write(path, path.name)
    run(db, "import", "linkedin", str(archive))
    run(db, "import", "vcard", str(FIXTURES / "vcard" / "google_3.0.vcf"))
    with Store.open(db) as store, store.connect() as connection:
        origins = {
            row.file: row.digest for row in connection.execute(select(metadata.tables["origin"]))
        }
    members = {
        f"{archive}:{name}" for name in ("Connections.csv", "messages.csv", "Invitations.csv")
    }
    assert members <= set(origins)
    assert len({origins[m] for m in members}) == 1  # each names the zip's digest
    shown = json.loads(run(db, "contact", "show", "Anouk de Vries", "--json"))
    (source,) = shown["sources"]
    assert (source["source"], source["file"], source["lines"]) == (
        "linkedin",
        f"{archive}:Connections.csv",
        [5],
    )
    text = run(db, "contact", "show", "Anouk de Vries", lang="nl")
    expected = f"Bronnen: linkedin {archive}:Connections.csv, regel 5"
    assert "".join(expected.split()) in "".join(text.split())  # the terminal may wrap it
    before = table_rows(db)
    run(db, "import", "linkedin", str(archive))
    assert table_rows(db) == before  # no new origin rows either


_VAKBEURS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:vakbeurs-1@test
DTSTAMP:20251101T000000Z
DTSTART;VALUE=DATE:20251120
SUMMARY:Vakbeurs
CATEGORIES:Werk,Netwerk
END:VEVENT
END:VCALENDAR
"""


def test_the_event_categories_chosen_once_are_remembered_for_later_imports(tmp_path: Path):
    """A category given with ``--event-category`` marks events in that import and every later
    one: the second calendar, imported without the option, still gives its entry as an event
    (issue 17: "a category the user chose"). A failed import remembers nothing."""
    db = tmp_path / "t.db"
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    first.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", encoding="utf-8")
    second.write_text(_VAKBEURS, encoding="utf-8")
    run(db, "import", "ics", str(tmp_path / "missing.ics"), "--event-category", "Borrel", code=2)
    with Store.open(db) as store, store.connect() as connection:
        from tiewise.ingest.run import remembered_categories

        assert remembered_categories(connection) == []
    run(db, "import", "ics", str(first), "--event-category", "netwerk", "--event-category", "x,y")
    run(db, "import", "ics", str(second), "--json")
    series = json.loads(run(db, "events", "series", "--json"))
    assert [(s["name"], s["evidence"]) for s in series["series"]] == [
        ("Vakbeurs", ["category:Netwerk"])
    ]
    with Store.open(db) as store, store.connect() as connection:
        assert remembered_categories(connection) == ["netwerk", "x", "y"]
