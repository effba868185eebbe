"""The goals and advice commands: contracts and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY
from tests.test_cli import run
from tiewise.advice.invitations import DECISIONS
from tiewise.cli.base import console


def test_goals_add_list_update_and_remove(tmp_path: Path):
    db = tmp_path / "mine.db"
    assert "Goal added: Finding clients" in run(
        db,
        "goals",
        "add",
        "clients",
        "--priority",
        "5",
        "--target",
        "sector=healthcare",
        "--target",
        "org=Radboudumc",
    )
    run(db, "goals", "add", "custom", "--label", "Board seat", "--class", "instrumental")
    goals = json.loads(run(db, "goals", "list", "--json"))
    assert [g["key"] for g in goals] == ["clients", "custom"]
    assert goals[0]["targets"] == [
        {"attribute": "organisation", "value": "Radboudumc"},
        {"attribute": "sector", "value": "healthcare"},
    ]
    assert goals[0]["class"] == "instrumental" and not goals[0]["class_overridden"]
    assert goals[1] == {
        "id": goals[1]["id"],
        "key": "custom",
        "label": "Board seat",
        "class": "instrumental",
        "class_overridden": True,
        "priority": 3,
        "targets": [],
    }
    # adding a goal you have updates it (same id), never duplicates it; what is not given
    # stays as it was (the targets), what is given replaces it
    assert "Goal updated" in run(
        db, "goals", "add", "clients", "--priority", "2", "--class", "mixed"
    )
    again = json.loads(run(db, "goals", "list", "--json"))
    assert len(again) == 2 and again[1]["id"] == goals[0]["id"]
    assert again[1]["priority"] == 2 and again[1]["class"] == "mixed"
    assert again[1]["targets"] == goals[0]["targets"]
    run(db, "goals", "add", "clients", "--target", "region=Nijmegen")
    [clients] = [g for g in json.loads(run(db, "goals", "list", "--json")) if g["key"] == "clients"]
    assert clients["priority"] == 2 and clients["class"] == "mixed"
    assert clients["targets"] == [{"attribute": "region", "value": "Nijmegen"}]
    assert "Doel verwijderd: Klanten vinden" in run(db, "goals", "remove", "clients", lang="nl")
    assert [g["key"] for g in json.loads(run(db, "goals", "list", "--json"))] == ["custom"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["goals", "add", "world_peace"], "KEY: expected one of clients"),
        (["goals", "add", "custom"], "--label: expected a name"),
        (
            ["goals", "add", "clients", "--target", "colour=blue"],
            "--target: expected ATTRIBUTE=VALUE",
        ),
        (["goals", "add", "clients", "--target", "sector="], "found 'sector='"),
        (["goals", "remove", "fun"], "goal 'fun': expected exactly one goal, found no goal"),
    ],
)
def test_bad_goal_input_is_refused_and_changes_nothing(tmp_path: Path, args, message):
    db = tmp_path / "mine.db"
    run(db, "goals", "add", "sociability")
    result = run(db, *args, code=2)
    assert message in result
    assert [g["key"] for g in json.loads(run(db, "goals", "list", "--json"))] == ["sociability"]


def test_goals_catalogue_lists_all_thirteen_in_both_languages(tmp_path: Path):
    rows = json.loads(run(tmp_path / "x.db", "goals", "catalogue", "--json"))
    assert len(rows) == 13
    assert {r["class"] for r in rows} == {"expressive", "instrumental", "mixed"}
    dutch = json.loads(run(tmp_path / "x.db", "goals", "catalogue", "--json", lang="nl"))
    assert dutch[0]["label"] == "Klanten vinden"


def test_advise_json_contract_and_budget(demo_copy: Path):
    today = DEMO_TODAY.isoformat()
    data = json.loads(run(demo_copy, "advise", "--json", "--budget", "6", "--today", today))
    assert data["budget_hours"] == 6.0
    lists = ("focus", "maintain", "let_go", "reactivate")
    assert all(isinstance(data[k], list) for k in lists)
    assert data["focus"] and data["let_go"]
    used = sum(i["hours_per_month"] for k in ("focus", "maintain", "reactivate") for i in data[k])
    assert used <= 6.0 + 1e-9
    for item in (i for k in lists for i in data[k]):
        assert set(item) == {
            "contact_id",
            "name",
            "hours_per_month",
            "goals",
            "reasons",
            "accepted",
        }
        assert item["reasons"] and all(r["text"] for r in item["reasons"])
    chosen = {i["contact_id"] for k in ("focus", "maintain", "reactivate") for i in data[k]}
    assert not chosen & {i["contact_id"] for i in data["let_go"]}
    assert len(data["goals"]) == 4 and all(0 <= g["score"] <= 100 for g in data["goals"])
    text = run(demo_copy, "advise", "--today", today, lang="nl")
    assert "Focus: investeren" in text and "Loslaten" in text


def test_invitations_introductions_and_plan_json_on_the_demo(demo_db: Path):
    today = DEMO_TODAY.isoformat()
    invitations = json.loads(run(demo_db, "invitations", "--json", "--today", today))
    # 18 received (14 strangers, 4 people already met); Eva accepted 3, ignored 2 and put off 1
    assert len(invitations) == 12
    decisions = {i["decision"] for i in invitations}
    assert decisions == {"accept", "ignore", "look_closer"}
    fields = {"from", "decision", "score", "reasons", "rule", "summary"}
    assert all(fields <= set(i) for i in invitations)
    order = [(DECISIONS.index(i["decision"]), -i["score"]) for i in invitations]
    assert order == sorted(order)  # accept, look closer, ignore; best score first in each
    strangers = [i for i in invitations if i["contact_id"] is None]
    assert len(strangers) == 10 and all(i["decision"] != "accept" for i in strangers)
    close = [i for i in invitations if i["rule"] == "close_tie"]
    assert close and all(i["decision"] == "accept" for i in close)
    assert all(len(i["summary"]["text"].split()) <= 20 for i in invitations)

    found = json.loads(run(demo_db, "introductions", "--json", "--today", today, "--limit", "5"))
    assert 0 < len(found["introductions"]) <= 5 and found["ledger"]
    first = found["introductions"][0]
    assert first["needs"]["contact_id"] != first["offers"]["contact_id"] and first["reasons"]

    plan = json.loads(run(demo_db, "plan", "--json", "--today", today))
    assert plan["week_start"] == "2026-10-26" and plan["week_end"] == "2026-11-01"
    assert plan["contacts"] and plan["due_total"] >= len(plan["contacts"])
    assert {c["action"] for c in plan["contacts"]} <= {"reactivate", "focus", "maintain"}
    advice = json.loads(run(demo_db, "advise", "--json", "--today", today))
    chosen = {i["contact_id"] for k in ("focus", "maintain", "reactivate") for i in advice[k]}
    assert {c["contact_id"] for c in plan["contacts"]} <= chosen
    assert len(plan["introductions"]) == 3


def test_invitations_give_one_line_and_the_figures_on_demand(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
):
    """Issue 16, point 4: each invitation's reason fits one line; ``--why`` shows the figures
    behind it (the score and its parts) and without it a hint says how to see them."""
    monkeypatch.setattr(console, "width", 400)  # a wide terminal: no line breaks inside cells
    today = DEMO_TODAY.isoformat()
    short = " ".join(run(demo_db, "invitations", "--today", today).split())
    assert "already a close tie (strength" in short
    assert "a sales pitch from someone with no tie to you" in short
    assert "tiewise invitations --why" in short and "score 0.52: accept from 0.50" not in short
    why = " ".join(run(demo_db, "invitations", "--why", "--today", today).split())
    assert "already a close tie (strength" in why and "accept from 0.50" in why
    assert "tiewise invitations --why" not in why
    dutch = " ".join(run(demo_db, "invitations", "--today", today, lang="nl").split())
    assert "een verkooppraatje van iemand zonder band met jou" in dutch


def test_analyze_json_has_fit_and_being_known(demo_db: Path):
    data = json.loads(run(demo_db, "analyze", "--json", "--today", DEMO_TODAY.isoformat()))
    assert [f["goal"] for f in data["fit"]] == ["clients", "sounding_board", "fun", "keeping_up"]
    clients = data["fit"][0]
    assert clients["targets"] == [
        {"attribute": "region", "value": "Arnhem-Nijmegen"},
        {"attribute": "sector", "value": "healthcare"},
    ]
    assert {c["name"] for c in clients["components"]} == {
        "segment_ties",
        "cluster_span",
        "low_constraint",
        "bridging_ties",
    }
    assert "weak or medium ties" in clients["summary"]
    known = data["being_known"]
    assert known["inbound"] + known["outbound"] > 0 and known["invitations_received"] == 18


def test_advice_on_an_empty_network_says_what_to_import_first(tmp_path: Path):
    """Issue 16, bad input: advice on a network with no contacts has nothing to work on, so
    ``advise``, ``plan`` and ``introductions`` say what to import first (in the user's
    language) instead of an empty plan; in JSON the empty lists are the answer."""
    db = tmp_path / "empty.db"
    for command in ("advise", "plan", "introductions"):
        said = " ".join(run(db, command).split())
        assert "No contacts yet: import your network first" in said
        assert "tiewise import linkedin" in said
    assert "Nog geen contacten" in " ".join(run(db, "advise", lang="nl").split())
    answer = json.loads(run(db, "advise", "--json"))
    assert answer["focus"] == [] and answer["let_go"] == [] and answer["needs_goal"]


def test_a_budget_of_zero_hours_is_refused(demo_db: Path):
    """Issue 16, bad input: with no hours nothing can be chosen, so a budget of 0 is a typing
    error, named with what was expected (exit 2, nothing printed on standard output)."""
    for command in ("advise", "plan"):
        said = " ".join(run(demo_db, command, "--budget", "0", code=2).split())
        assert "--budget: expected hours per month above 0 (default 8), found 0" in said
    said = " ".join(run(demo_db, "advise", "--budget", "0", code=2, lang="nl").split())
    assert "verwacht uren per maand boven 0" in said
