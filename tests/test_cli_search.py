"""``tiewise contacts --search/--tag/--class/--sort``, its bulk edit (``--set``, ``--add-tag``,
``--remove-tag``, ``--yes``), ``contact tag`` and naming a person by the search (issue 18)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewise.cli import app
from tiewise.store import Store

from .tables import table_rows
from .test_search import build_people

runner = CliRunner()


def run(db: Path, *args: str, code: int = 0, lang: str = "en") -> str:
    result = runner.invoke(app, ["--db", str(db), "--lang", lang, *args])
    assert result.exit_code == code, (result.output, result.exception)
    return result.output


def names(output: str) -> list[str]:
    return [row["name"] for row in json.loads(output)]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "people.db"
    with Store.open(path) as store:
        build_people(store)
    return path


def test_contacts_are_searched_by_any_field_in_any_order(db: Path):
    assert names(run(db, "contacts", "--search", "graaf elena", "--json")) == ["Elena de Graaf"]
    assert names(run(db, "contacts", "-s", "aimee", "--json")) == ["Aimée Dubois"]
    assert names(run(db, "contacts", "-s", "Nijmegen", "--sort", "name", "--json")) == [
        "Aimée Dubois",
        "Elena de Graaf",
        "Eva de Wit",
    ]
    assert names(run(db, "contacts", "-s", "healthcare", "--json")) == [
        "Aimée Dubois",
        "Manuel García",
    ]
    assert json.loads(run(db, "contacts", "-s", "zzqxv", "--json")) == []
    assert "No contact matches." in run(db, "contacts", "-s", "zzqxv")
    assert names(run(db, "contacts", "-s", "radboud", "--json")) == ["Aimée Dubois", "Piet Jansen"]
    assert "Matching: 2." in run(db, "contacts", "-s", "radboud")


def test_contacts_filter_by_tag_and_tie_class(db: Path):
    assert names(run(db, "contacts", "--tag", "INVESTOR", "--json")) == ["Zoë van der Berg"]
    rows = json.loads(run(db, "contacts", "--tag", "angel investor", "--json"))
    assert rows[0]["tags"] == ["Angel Investor", "investor"]
    everyone = json.loads(run(db, "contacts", "--json"))
    classes = {row["tie_class"] for row in everyone}
    some = sorted(classes)[0]
    of_class = json.loads(run(db, "contacts", "--class", some, "--json"))
    assert [r["id"] for r in of_class] == [r["id"] for r in everyone if r["tie_class"] == some]
    assert "--class: expected one of strong, medium, weak, dormant, found 'close'" in run(
        db, "contacts", "--class", "close", code=2
    )
    assert "--sort: expected one of strength, name, last" in run(
        db, "contacts", "--sort", "size", code=2
    )


def test_contact_tag_adds_lists_and_removes_tags(db: Path):
    said = run(db, "contact", "tag", "aimee", "board", "Runs marathons")
    assert "Tagged Aimée Dubois: board, Runs marathons." in said
    assert "Tagged" not in run(db, "contact", "tag", "aimee", "BOARD")  # the same tag
    assert json.loads(run(db, "contact", "tag", "aimee", "--json"))["tags"] == [
        "board",
        "Runs marathons",
    ]
    assert json.loads(run(db, "contact", "show", "aimee", "--json"))["tags"] == [
        "board",
        "Runs marathons",
    ]
    assert "Tags: board, Runs marathons" in run(db, "contact", "show", "aimee")
    assert names(run(db, "contacts", "-s", "marathons", "--json")) == ["Aimée Dubois"]
    run(db, "contact", "tag", "aimee", "--remove", "runs marathons")
    assert json.loads(run(db, "contact", "tag", "aimee", "--json"))["tags"] == ["board"]
    before = table_rows(db)
    error = run(db, "contact", "tag", "aimee", "--remove", "chess", code=2)
    assert "TAG: expected a tag Aimée Dubois has (board), found 'chess'" in error
    error = run(db, "contact", "tag", "aimee", "x" * 101, code=2)
    assert "TAG: expected a tag of at most 100 characters, found 'xxx" in error
    assert "(101 chars)" in error
    assert "control characters" in run(db, "contact", "tag", "aimee", "a\x07b", code=2)
    assert table_rows(db) == before


def test_a_merged_persons_tags_are_theirs(db: Path):
    run(db, "contact", "tag", "eva wit", "client")
    assert json.loads(run(db, "contact", "tag", "E. de Wit", "--json"))["tags"] == ["client"]


def test_a_bulk_edit_shows_what_it_changes_and_writes_only_with_yes(db: Path):
    before = table_rows(db)
    shown = run(db, "contacts", "-s", "nijmegen", "--set", "sector=healthcare", "--add-tag", "NL")
    assert "3 contacts match; this changes 3 of them:" in shown
    assert "sector: government → healthcare (1)" in shown
    assert "sector: design → healthcare (1)" in shown
    assert "sector: healthcare" not in shown  # Aimée is in healthcare already
    assert "tag 'NL' added to 3" in shown
    assert "Nothing written yet: add --yes" in shown
    assert table_rows(db) == before
    plan = json.loads(
        run(db, "contacts", "-s", "nijmegen", "--set", "sector=healthcare", "--json", "--yes")
    )
    assert plan == {
        "matched": 3,
        "changed": 2,
        "changes": [
            {"field": "sector", "from": "design", "to": "healthcare", "count": 1},
            {"field": "sector", "from": "government", "to": "healthcare", "count": 1},
        ],
        "tags_added": {},
        "tags_removed": {},
        "applied": True,
    }
    assert names(run(db, "contacts", "-s", "healthcare", "--json")) == [
        "Aimée Dubois",
        "Elena de Graaf",
        "Manuel García",
        "Eva de Wit",
    ]
    again = run(db, "contacts", "-s", "nijmegen", "--set", "sector=healthcare", "--yes")
    assert "Nothing to change" in again


def test_a_bulk_edit_sets_every_record_of_a_merged_person(db: Path):
    run(db, "contacts", "-s", "studio", "--set", "region=Arnhem", "--set", "sector=", "--yes")
    with Store.open(db) as store, store.connect() as connection:
        from sqlalchemy import text

        records = connection.execute(
            text("SELECT name, region, sector FROM contact WHERE name LIKE '%de Wit' ORDER BY id")
        ).all()
    assert [tuple(r) for r in records] == [
        ("Eva de Wit", "Arnhem", None),
        ("E. de Wit", "Arnhem", None),
    ]
    shown = json.loads(run(db, "contact", "show", "eva", "--json"))
    assert (shown["region"], shown["sector"]) == ("Arnhem", None)


def test_a_bulk_edit_adds_and_removes_tags_by_tag_and_class(db: Path):
    run(db, "contacts", "--tag", "investor", "--add-tag", "vip", "--yes")
    run(db, "contacts", "-s", "aimee", "--add-tag", "VIP", "--yes")
    assert names(run(db, "contacts", "--tag", "vip", "--json")) == [
        "Aimée Dubois",
        "Zoë van der Berg",
    ]
    removed = json.loads(run(db, "contacts", "--tag", "vip", "--remove-tag", "vip", "--json"))
    assert removed["tags_removed"] == {"vip": 2} and removed["applied"] is False
    run(db, "contacts", "--tag", "vip", "--remove-tag", "vip", "--yes")
    assert names(run(db, "contacts", "--tag", "vip", "--json")) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--set", "sector=x"], "expected --search, --tag or --class to say whom to change"),
        (["-s", "zzqxv", "--set", "sector=x"], "expected at least one contact to change"),
        (["-s", "aimee", "--set", "colour=red"], "--set: expected one of sector, region"),
        (["-s", "aimee", "--set", "sector"], "--set: expected FIELD=VALUE"),
        (["-s", "aimee", "--set", "sector=" + "x" * 101], "expected at most 100 characters"),
        (["-s", "aimee", "--add-tag", "y" * 101], "--add-tag: expected a tag of at most 100"),
        (["-s", "aimee", "--add-tag", "  "], "--add-tag: expected a tag, found an empty text"),
        (["-s", "aimee", "--set", "sector=a\x1b[31mb"], "control characters"),
    ],
    ids=["whom", "no one", "field", "no equals", "long", "long tag", "empty tag", "control"],
)
def test_a_bad_bulk_edit_is_one_clear_error_and_writes_nothing(db: Path, args, said):
    before = table_rows(db)
    error = run(db, "contacts", *args, "--yes", code=2)
    assert said in error
    assert error.count("\n") == 1  # one line
    assert table_rows(db) == before


def test_the_bulk_edit_speaks_dutch(db: Path):
    shown = run(db, "contacts", "-s", "nijmegen", "--set", "region=Gelderland", lang="nl")
    assert "3 contacten passen; dit verandert er 3:" in shown
    assert "regio: Nijmegen → Gelderland (3)" in shown
    assert "Nog niets geschreven" in shown
    error = run(db, "contacts", "-s", "zzqxv", "--add-tag", "x", lang="nl", code=2)
    assert "verwacht minstens één contact om te veranderen" in error


def test_every_person_argument_falls_back_to_the_search(db: Path):
    assert "Elena de Graaf" in run(db, "contact", "show", "graaf elena")
    assert "Note added for Aimée Dubois." in run(db, "note", "AIMEE", "Likes cycling.")
    error = run(db, "contact", "show", "nijmegen", code=2)
    assert "3 contacts match 'nijmegen'" in error
    assert "Elena de Graaf" in error
    assert "did you mean" in run(db, "contact", "show", "Elena de Graf", code=2)


def test_the_tie_classes_the_command_line_accepts_are_the_analysis_classes():
    from tiewise.analysis.strength import CLASSES
    from tiewise.cli.bulk import CLASSES as ACCEPTED

    assert ACCEPTED == CLASSES
