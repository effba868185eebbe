"""Needs and offers from the command line (``tiewise contact needs|offers``), and the
introductions they make possible without the demo (issue 15, point 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tables import table_rows
from tests.test_cli import run
from tests.test_cli_events import refused, rows
from tiewise.advice.introductions import WEIGHTS
from tiewise.errors import InputError
from tiewise.topics import MAX_LENGTH, parse_topics

TODAY = "2026-11-01"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Two strangers to each other: Anouk (self-rated closeness 3) and Bram (5); no goals."""
    path = tmp_path / "mine.db"
    run(path, "contact", "add", "Anouk de Vries", "--sector", "healthcare", "--closeness", "3")
    run(path, "contact", "add", "Bram Visser", "--sector", "finance", "--closeness", "5")
    return path


def topics(db: Path) -> list[tuple]:
    return rows(db, "topic")["topic"]


def listed(db: Path, kind: str, name: str) -> str:
    """The tags the command lists, as printed after the colon."""
    return " ".join(run(db, "contact", kind, name).split()).split(": ", 1)[1]


def test_several_comma_separated_tags_are_added_once_each(db: Path):
    out = run(db, "contact", "needs", "Anouk", "accountant, Funding;  web   shop\nfunding")
    assert " ".join(out.split()).startswith(
        "Added for Anouk de Vries: accountant, Funding, web shop."
    )
    assert sorted(t[1:] for t in topics(db)) == [
        ("need", "Funding"),
        ("need", "accountant"),
        ("need", "web shop"),
    ]
    assert sorted(listed(db, "needs", "Anouk").split(", ")) == ["Funding", "accountant", "web shop"]
    assert listed(db, "offers", "Anouk") == "—"  # needs and offers are kept apart


def test_a_tag_already_there_is_not_added_again_in_any_case(db: Path):
    run(db, "contact", "needs", "Anouk", "accountant, funding")
    before = table_rows(db)
    out = run(db, "contact", "needs", "anouk de vries", "ACCOUNTANT, Funding")
    assert "Anouk de Vries has these already: ACCOUNTANT, Funding." in " ".join(out.split())
    assert table_rows(db) == before
    out = run(db, "contact", "needs", "1", "Accountant, web shop")
    assert "Added for Anouk de Vries: web shop." in " ".join(out.split())
    assert len(topics(db)) == 3


def test_the_same_tag_as_need_and_as_offer_is_two_topics(db: Path):
    run(db, "contact", "needs", "Anouk", "advice")
    run(db, "contact", "offers", "Anouk", "Advice")
    assert sorted(t[1:] for t in topics(db)) == [("need", "advice"), ("offer", "Advice")]


def test_tags_are_removed_in_any_case_and_an_absent_tag_is_refused(db: Path):
    run(db, "contact", "offers", "Bram", "tax advice, bookkeeping, funding")
    out = run(db, "contact", "offers", "Bram", "FUNDING, Tax Advice", "--remove")
    assert "Removed for Bram Visser: funding, tax advice." in " ".join(out.split())
    assert [t[1:] for t in topics(db)] == [("offer", "bookkeeping")]
    assert listed(db, "offers", "Bram") == "bookkeeping"
    before = table_rows(db)
    error = refused(db, "contact", "offers", "Bram", "catering, bookkeeping", "--remove")
    assert "expected tags this contact has (bookkeeping), found 'catering'" in error
    assert table_rows(db) == before
    out = run(db, "contact", "offers", "Bram", "Bookkeeping")
    assert "Bram Visser has these already: Bookkeeping." in " ".join(out.split())
    assert table_rows(db) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("contact", "needs", "Anouk", " , ;\n"),
            "TAGS: expected one or more tags (e.g. 'accountant, funding')",
            id="no tags",
        ),
        pytest.param(
            ("contact", "needs", "Anouk", "ok, " + "x" * (MAX_LENGTH + 1)),
            f"TAGS: expected tags of at most {MAX_LENGTH} characters",
            id="a tag too long",
        ),
        pytest.param(
            ("contact", "offers", "Anouk", "--remove"),
            "TAGS: expected the tags to remove, found none",
            id="remove without tags",
        ),
        pytest.param(
            ("contact", "needs", "Piet", "accountant"), "no contact matches 'Piet'", id="unknown"
        ),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(db: Path, args: tuple[str, ...], message: str):
    run(db, "contact", "needs", "1", "funding")
    before = table_rows(db)
    assert message in refused(db, *args)
    assert table_rows(db) == before


def test_an_ambiguous_name_lists_the_candidates_and_writes_nothing(db: Path):
    run(db, "contact", "add", "Anouk Bakker")
    before = table_rows(db)
    error = refused(db, "contact", "needs", "Anouk", "funding")
    assert "2 contacts match 'Anouk': 1 Anouk de Vries (—); 3 Anouk Bakker (—)" in error
    assert table_rows(db) == before


def test_a_need_and_an_offer_recorded_from_the_command_line_make_an_introduction(db: Path):
    """Seed 004 (3): helpfulness includes bringing people into contact; Burt (1992): the broker
    between two people who do not know each other adds value. Anouk needs an accountant, Bram
    offers one, they share no link: introduce them. Score = .35 · match 1 + .25 · the weaker
    tie strength (Anouk, rated 3 with nothing else known: 0.7 · (3 − 1)/4 = 0.35) + .20 · 0.5
    (no circles reported, brokerage unknown) + 0 (nothing owed) + 0 (no goals) = 0.5375."""
    before = json.loads(run(db, "introductions", "--json", "--today", TODAY))
    assert before == {"introductions": [], "ledger": []}
    run(db, "contact", "needs", "Anouk", "Accountant, funding")
    assert json.loads(run(db, "introductions", "--json", "--today", TODAY))["introductions"] == []
    run(db, "contact", "offers", "Bram", "ACCOUNTANT")
    found = json.loads(run(db, "introductions", "--json", "--today", TODAY))["introductions"]
    [introduction] = found
    assert introduction["needs"] == {"contact_id": 1, "name": "Anouk de Vries"}
    assert introduction["offers"] == {"contact_id": 2, "name": "Bram Visser"}
    assert introduction["topic"] == "Accountant"
    assert introduction["components"] == {
        "match": 1.0,
        "credibility": 0.35,
        "brokerage": 0.5,
        "give_back": 0.0,
        "goal": 0.0,
    }
    expected = sum(WEIGHTS[k] * v for k, v in introduction["components"].items())
    assert expected == pytest.approx(0.5375)
    assert introduction["score"] == pytest.approx(expected, abs=1e-4)
    first = introduction["reasons"][0]
    assert first["code"] == "introduction.offer"
    assert first["figures"]["offered"] == "ACCOUNTANT"

    run(db, "contact", "offers", "Bram", "accountant", "--remove")
    assert json.loads(run(db, "introductions", "--json", "--today", TODAY))["introductions"] == []


def test_parse_topics_splits_collapses_and_keeps_the_first_spelling():
    assert parse_topics(" web   shop ;\nAccountant,accountant ,, Funding") == [
        "web shop",
        "Accountant",
        "Funding",
    ]
    with pytest.raises(InputError) as refusal:
        parse_topics(",", "tags")
    assert (refusal.value.field, refusal.value.key) == ("tags", "error.no_topics")
