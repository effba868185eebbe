"""Recording contact: ``tiewise log``, ``plan done``, ``interactions`` and people met at events.

Issue 15: one activity with several people is one interaction linked to each; whatever records
contact — a logged coffee, *done* on the plan, a person met at an event — resets the
keep-in-touch cadence and feeds tie strength, recency and reciprocity like an imported meeting
(docs/method.md: "a meeting both attend is contact in both directions"). Bad input names the
field, what was expected and what was found, exits 2 and writes nothing.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.clock import NOW, freeze
from tests.tables import table_rows
from tests.test_cli import run
from tests.test_cli_events import refused, rows
from tiewise import model
from tiewise.contactlog import (
    default_direction,
    log_contact,
    parse_kind,
    parse_minutes,
    parse_moment,
)
from tiewise.errors import InputError
from tiewise.store import Store
from tiewise.store import repository as repo

TODAY = NOW.date().isoformat()  # 2026-11-01, a Sunday: the plan's week is 2026-10-26 … 11-01
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four contacts (ids 1–4) and one goal: clients in healthcare. Lotte (rated 3: a medium
    tie) and Bram serve the goal, so the portfolio invests in both; nobody has been in touch."""
    freeze(monkeypatch)
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Lotte Jansen", "--sector", "healthcare", "--closeness", "3")
    run(db, "contact", "add", "Bram Visser", "--sector", "healthcare")
    run(db, "contact", "add", "Anouk de Vries", "--sector", "finance")
    run(db, "contact", "add", "Anouk Bakker", "--sector", "finance")
    run(db, "goals", "add", "clients", "--priority", "5", "--target", "sector=healthcare")
    return db


def as_json(db: Path, *args: str) -> Any:
    return json.loads(run(db, *args, "--json"))


def plan_entry(db: Path, name: str) -> dict | None:
    """The person's line in this week's plan, or None when they are not due."""
    plan = as_json(db, "plan", "--today", TODAY)
    found = [c for c in plan["contacts"] if c["name"] == name]
    assert len(found) <= 1
    return found[0] if found else None


def person(db: Path, name: str) -> dict:
    (found,) = [c for c in as_json(db, "contacts", "--today", TODAY) if c["name"] == name]
    return found


def inputs(row: dict) -> dict[str, float | None]:
    return {entry["input"]: entry["value"] for entry in row["why"]}


def flat(text: str) -> str:
    return " ".join(text.split())


# --- people met at an event are contact -------------------------------------------------------


def test_after_meeting_lotte_at_an_event_the_plan_no_longer_says_no_contact_recorded(
    network: Path,
):
    """The scenario of issue 15: the plan told the user to contact Lotte, whom she met at an
    event last week. A person met at an event is an interaction (kind event, both ways), so
    recency, frequency and reciprocity count it and the cadence restarts."""
    before = plan_entry(network, "Lotte Jansen")
    assert before is not None and before["action"] == "focus"
    assert before["reasons"][0]["code"] == "plan.never"
    assert "no contact recorded yet" in before["reasons"][0]["text"]
    assert inputs(person(network, "Lotte Jansen")) == {
        "closeness": 0.5,
        "frequency": 0.0,
        "recency": 0.0,
        "duration": None,
        "reciprocity": None,
        "multiplexity": None,  # no context recorded: unknown, not a known 0 (issue 16)
    }

    run(network, "events", "add", "Zorgborrel Nijmegen", "--on", "2026-10-28 17:00")
    logged = run(
        network,
        *("events", "log", "Zorgborrel", "--on", "2026-10-28", "--met", "Lotte"),
        *("--hours", "2", "--today", TODAY),
    )
    assert "1 person met (1 for the first time)" in flat(logged)

    assert plan_entry(network, "Lotte Jansen") is None
    plan = as_json(network, "plan", "--today", TODAY)
    assert [c["name"] for c in plan["contacts"]] == ["Bram Visser"]
    focus = [i["name"] for i in as_json(network, "advise", "--today", TODAY)["focus"]]
    assert "Lotte Jansen" in focus  # still invested in: off the plan because she is not due

    lotte = person(network, "Lotte Jansen")
    assert lotte["interaction_count"] == 1
    assert lotte["last_interaction"] == "2026-10-28"
    days = 4 + 7 / 24  # 2026-10-28 17:00 to the end of 2026-11-01
    after = inputs(lotte)
    assert after["recency"] == pytest.approx(math.exp(-days / 180), abs=1e-4)  # 0.9764
    assert after["frequency"] == pytest.approx(1 - math.exp(-math.exp(-days / 90) / 3), abs=1e-4)
    assert after["reciprocity"] == 1.0  # a meeting both attend: one in, one out
    assert after["duration"] == pytest.approx(1 - math.exp(-days / 365.25 / 5), abs=1e-4)

    [row] = as_json(network, "interactions", "Lotte")
    assert row == {
        "id": row["id"],
        "occurred_at": "2026-10-28T17:00:00",
        "kind": "event",
        "direction": "mutual",
        "minutes": None,
        "note": "Zorgborrel Nijmegen",
        "with": ["Lotte Jansen"],
        "source": "event",
        "file": None,
        "line": None,
        "removable": True,
    }
    with Store.open(network) as store, store.connect() as connection:
        [occurrence] = repo.load_occurrences(connection)
        keys = [i.external_key for i in repo.load_interactions(connection)]
    assert keys == [f"encounter:{occurrence.id}:1"]


def test_logging_the_same_person_met_at_an_event_again_adds_no_second_interaction(
    network: Path,
):
    run(network, "events", "add", "Zorgborrel Nijmegen", "--on", "2026-10-28 17:00")
    args = ("events", "log", "Zorgborrel", "--on", "2026-10-28", "--met", "Lotte", "--today", TODAY)
    run(network, *args)
    first = rows(network, "interaction", "interaction_participant", "encounter")
    run(network, *args)
    assert rows(network, "interaction", "interaction_participant", "encounter") == first
    assert len(first["interaction"]) == 1


def test_only_people_met_become_interactions_not_people_expected(store: Store):
    """An attendee list says who was expected, not whom I met: only *met* is contact."""
    with store.begin() as connection:
        ids = repo.add_contacts(
            connection, [model.Contact(name="Met Person"), model.Contact(name="Expected Person")]
        )
        (occurrence,) = repo.add_occurrences(
            connection, [model.EventOccurrence(datetime(2026, 10, 28, 17), name="Borrel")]
        )
        repo.add_encounters(
            connection,
            [
                model.Encounter(occurrence, ids[0], model.EncounterKind.MET, True),
                model.Encounter(occurrence, ids[1], model.EncounterKind.EXPECTED),
            ],
        )
    with store.connect() as connection:
        [interaction] = repo.load_interactions(connection)
    assert interaction.participants == (ids[0],)
    assert interaction.kind == model.InteractionKind.EVENT
    assert interaction.direction == model.Direction.MUTUAL
    assert interaction.occurred_at == datetime(2026, 10, 28, 17)
    assert interaction.subject == "Borrel"
    assert interaction.external_key == f"encounter:{occurrence}:{ids[0]}"


# --- tiewise log ------------------------------------------------------------------------------


def test_one_activity_with_several_people_is_one_interaction_linked_to_each(network: Path):
    before = rows(network, "interaction", "interaction_participant")
    out = run(
        network,
        *("log", "Lotte", "Bram Visser", "--kind", "coffee", "--on", "2026-10-30"),
        *("--minutes", "45", "--note", "Plans for the clinic's website"),
    )
    lotte, bram = as_json(network, "interactions", "Lotte"), as_json(network, "interactions", "2")
    assert len(lotte) == len(bram) == 1
    assert lotte == bram
    [row] = lotte
    assert flat(out) == (
        f"Recorded: coffee with Lotte Jansen, Bram Visser on 30 Oct 2026 (interaction {row['id']})."
    )
    assert row == {
        "id": row["id"],
        "occurred_at": "2026-10-30T12:00:00",  # a day without a time is logged at noon
        "kind": "coffee",
        "direction": "mutual",
        "minutes": 45,
        "note": "Plans for the clinic's website",
        "with": ["Lotte Jansen", "Bram Visser"],
        "source": "manual",
        "file": None,
        "line": None,
        "removable": True,
    }
    after = rows(network, "interaction", "interaction_participant")
    assert len(after["interaction"]) == len(before["interaction"]) + 1
    assert sorted(after["interaction_participant"]) == [(row["id"], 1), (row["id"], 2)]
    for name in ("Lotte Jansen", "Bram Visser"):
        summary = person(network, name)
        assert (summary["interaction_count"], summary["last_interaction"]) == (1, "2026-10-30")
        assert inputs(summary)["reciprocity"] == 1.0
    assert person(network, "Anouk de Vries")["interaction_count"] == 0


def test_a_logged_message_is_outbound_unless_told_and_reciprocity_follows(network: Path):
    """Reciprocity is ``1 − |in − out| / (in + out)``: an e-mail I sent alone gives 0; a reply
    they sent (inbound) balances it to 1."""
    run(network, "log", "Bram", "--kind", "email", "--on", "2026-10-20")
    [sent] = as_json(network, "interactions", "Bram")
    assert sent["direction"] == "outbound"
    assert inputs(person(network, "Bram Visser"))["reciprocity"] == 0.0
    run(network, "log", "Bram", "--kind", "message", "--on", "2026-10-21", "--direction", "inbound")
    assert [r["direction"] for r in as_json(network, "interactions", "Bram")] == [
        "inbound",
        "outbound",
    ]
    assert inputs(person(network, "Bram Visser"))["reciprocity"] == 1.0


def test_without_a_date_the_activity_is_logged_now(network: Path):
    run(network, "log", "Lotte", "--kind", "call")
    [row] = as_json(network, "interactions", "Lotte")
    assert row["occurred_at"] == NOW.isoformat()
    assert (row["kind"], row["direction"]) == ("call", "mutual")


def test_the_same_activity_logged_twice_is_refused_but_another_one_that_day_is_not(
    network: Path,
):
    """A second click or a repeated command must not count one coffee twice (frequency would
    double); but a second call later that day, or one with another note, is real contact."""
    run(network, "log", "Lotte", "Bram", "--kind", "coffee", "--on", "2026-10-30")
    [row] = as_json(network, "interactions", "Lotte")
    before = table_rows(network)
    error = refused(network, "log", "Bram", "Lotte", "--kind", "coffee", "--on", "2026-10-30")
    assert f"already recorded (interaction {row['id']})" in error
    error = refused(network, "log", "Bram", "Lotte", "--kind", "coffee", "--on", "2026-10-30 12:05")
    assert f"already recorded (interaction {row['id']})" in error
    assert table_rows(network) == before
    # another time, another note, another kind or other people: another interaction
    run(network, "log", "Lotte", "Bram", "--kind", "coffee", "--on", "2026-10-30 16:00")
    run(network, "log", "Lotte", "Bram", "--kind", "coffee", "--on", "2026-10-30", "--note", "x")
    run(network, "log", "Lotte", "Bram", "--kind", "call", "--on", "2026-10-30")
    run(network, "log", "Lotte", "--kind", "coffee", "--on", "2026-10-30")
    assert len(as_json(network, "interactions", "Lotte")) == 5


BAD_INPUT = [
    pytest.param(
        ("log", "Piet", "--kind", "coffee"), "no contact matches 'Piet'", id="unknown name"
    ),
    pytest.param(
        ("log", "Lotte", "Piet", "--kind", "coffee"),
        "no contact matches 'Piet'",
        id="one of two names unknown",
    ),
    pytest.param(
        ("log", "Anouk", "--kind", "coffee"),
        "2 contacts match 'Anouk': 3 Anouk de Vries (—); 4 Anouk Bakker (—) — give the id",
        id="ambiguous name",
    ),
    pytest.param(
        ("log", "Lotte", "--on", "2026-11-02"),
        "--on: expected a moment on or before 2026-11-01 20:00 (it has happened), "
        "found '2026-11-02'",
        id="future date",
    ),
    pytest.param(
        ("log", "Lotte", "--on", "2026-11-01 21:30"),
        "--on: expected a moment on or before 2026-11-01 20:00 (it has happened), "
        "found '2026-11-01 21:30'",
        id="later today",
    ),
    pytest.param(
        ("log", "Lotte", "--on", "gisteren"),
        "--on: expected a date YYYY-MM-DD (or YYYY-MM-DD HH:MM), found 'gisteren'",
        id="not a date",
    ),
    pytest.param(
        ("log", "Lotte", "--minutes", "0"),
        "--minutes: expected a whole number of minutes from 1 to 1440, found '0'",
        id="minutes 0",
    ),
    pytest.param(
        ("log", "Lotte", "--minutes", "-5"),
        "--minutes: expected a whole number of minutes from 1 to 1440, found '-5'",
        id="minutes -5",
    ),
    pytest.param(
        ("log", "Lotte", "--minutes", "abc"),
        "--minutes: expected a whole number of minutes from 1 to 1440, found 'abc'",
        id="minutes abc",
    ),
    pytest.param(
        ("log", "Lotte", "--minutes", "1441"),
        "--minutes: expected a whole number of minutes from 1 to 1440, found '1441'",
        id="minutes over a day",
    ),
    pytest.param(
        ("log", "Lotte", "--kind", "lunch"),
        "--kind: expected one of meeting, call, video, coffee, meal, message, email, other, "
        "found 'lunch'",
        id="bad kind",
    ),
    pytest.param(
        ("log", "Lotte", "--kind", "event"),
        "--kind: expected one of meeting, call, video, coffee, meal, message, email, other, "
        "found 'event'",
        id="event is recorded with events log",
    ),
    pytest.param(
        ("log", "Lotte", "--direction", "sideways"),
        "--direction: expected inbound, outbound or mutual, found 'sideways'",
        id="bad direction",
    ),
    pytest.param(("plan", "done", "Piet"), "no contact matches 'Piet'", id="plan done unknown"),
    pytest.param(
        ("plan", "done", "Anouk"),
        "2 contacts match 'Anouk': 3 Anouk de Vries (—); 4 Anouk Bakker (—)",
        id="plan done ambiguous",
    ),
    pytest.param(
        ("plan", "done", "Lotte", "--on", "2026-12-24"),
        "--on: expected a moment on or before 2026-11-01 20:00 (it has happened), "
        "found '2026-12-24'",
        id="plan done in the future",
    ),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_exits_2_names_the_field_and_writes_nothing(
    network: Path, args: tuple[str, ...], message: str
):
    before = table_rows(network)
    contacts = as_json(network, "contacts", "--today", TODAY)
    error = refused(network, *args)
    assert message in error
    assert table_rows(network) == before
    assert as_json(network, "contacts", "--today", TODAY) == contacts


# --- the cadence ------------------------------------------------------------------------------


def test_a_logged_coffee_resets_the_cadence(network: Path):
    """Lotte is a medium focus tie: cadence 21 days. Last seen 2026-09-01 (noon), she is 61
    days silent at the end of the week, 40 past due; a coffee on 2026-10-30 restarts the
    clock (2 days, well within 21), so she leaves the plan."""
    run(network, "log", "Lotte", "--kind", "meeting", "--on", "2026-09-01")
    due = plan_entry(network, "Lotte Jansen")
    assert due is not None
    assert (due["action"], due["cadence_days"], due["overdue_days"]) == ("focus", 21, 40)
    assert due["reasons"][0]["code"] == "plan.due"
    assert due["reasons"][0]["figures"] == {"days": 61, "cadence": 21}
    run(network, "log", "Lotte", "--kind", "coffee", "--on", "2026-10-30", "--minutes", "30")
    assert plan_entry(network, "Lotte Jansen") is None
    assert person(network, "Lotte Jansen")["last_interaction"] == "2026-10-30"


def test_plan_done_records_contact_now_and_takes_the_person_off_the_plan(network: Path):
    assert plan_entry(network, "Bram Visser") is not None
    out = run(network, "plan", "done", "Bram")
    [row] = as_json(network, "interactions", "Bram")
    assert (
        flat(out) == f"Recorded: contact with Bram Visser on 1 Nov 2026 (interaction {row['id']})."
    )
    assert (row["kind"], row["direction"], row["source"]) == ("other", "outbound", "manual")
    assert row["occurred_at"] == NOW.isoformat()
    assert plan_entry(network, "Bram Visser") is None
    assert person(network, "Bram Visser")["last_interaction"] == TODAY
    before = table_rows(network)
    assert f"already recorded (interaction {row['id']})" in refused(network, "plan", "done", "Bram")
    assert table_rows(network) == before


def test_plan_done_takes_a_kind_a_date_and_several_people(network: Path):
    run(network, "plan", "done", "Lotte", "Bram", "--kind", "call", "--on", "2026-10-31")
    [row] = as_json(network, "interactions", "Lotte")
    assert as_json(network, "interactions", "Bram") == [row]
    assert (row["kind"], row["occurred_at"]) == ("call", "2026-10-31T12:00:00")
    assert row["direction"] == "outbound"  # done as planned: I got in touch
    plan = as_json(network, "plan", "--today", TODAY)
    assert plan["contacts"] == [] and plan["due_total"] == 0


# --- tiewise interactions --remove ------------------------------------------------------------


def test_removing_a_logged_interaction_restores_the_plan(network: Path):
    run(network, "log", "Lotte", "--kind", "coffee", "--on", "2026-10-30")
    assert plan_entry(network, "Lotte Jansen") is None
    [row] = as_json(network, "interactions", "Lotte")
    removed = as_json(network, "interactions", "Lotte", "--remove", str(row["id"]))
    assert removed == {"removed": row, "others_kept": 0}
    assert as_json(network, "interactions", "Lotte") == []
    assert rows(network, "interaction", "interaction_participant") == {
        "interaction": [],
        "interaction_participant": [],
    }
    assert plan_entry(network, "Lotte Jansen")["reasons"][0]["code"] == "plan.never"


def test_removing_a_meeting_at_an_event_removes_the_encounter_and_keeps_the_visit(network: Path):
    run(network, "events", "add", "Zorgborrel Nijmegen", "--on", "2026-10-28 17:00")
    run(
        network,
        *("events", "log", "Zorgborrel", "--on", "2026-10-28", "--met", "Lotte", "--met", "Bram"),
        *("--hours", "2", "--today", TODAY),
    )
    (series,) = as_json(network, "events", "report", "--today", TODAY)["series"]
    assert series["new_relevant"] == 2  # two new healthcare contacts met there
    [lotte] = as_json(network, "interactions", "Lotte")
    out = run(network, "interactions", "Lotte", "--remove", str(lotte["id"]))
    assert flat(out) == f"Removed interaction {lotte['id']} of 2026-10-28."
    after = rows(network, "encounter", "attendance")
    assert [(e[1], e[2]) for e in after["encounter"]] == [(2, "met")]  # Bram's stays
    assert len(after["attendance"]) == 1
    assert as_json(network, "interactions", "Lotte") == []
    assert len(as_json(network, "interactions", "Bram")) == 1
    (series,) = as_json(network, "events", "report", "--today", TODAY)["series"]
    assert (series["visits"], series["new_relevant"]) == (1, 1)  # Lotte no longer met there


def test_an_interaction_of_someone_else_is_not_removed(network: Path):
    run(network, "log", "Bram", "--kind", "coffee", "--on", "2026-10-30")
    [row] = as_json(network, "interactions", "Bram")
    before = table_rows(network)
    error = refused(network, "interactions", "Lotte", "--remove", str(row["id"]))
    assert f"Lotte Jansen has no interaction {row['id']}" in error
    assert table_rows(network) == before


def test_an_imported_interaction_is_refused_naming_its_file_and_line(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "import", "linkedin", str(FIXTURES / "linkedin" / "export"))
    imported = [r for r in as_json(db, "interactions", "Anouk de Vries") if r["line"]]
    assert imported and all(r["source"] == "linkedin" and not r["removable"] for r in imported)
    row = imported[0]
    before = table_rows(db)
    error = refused(db, "interactions", "Anouk de Vries", "--remove", str(row["id"]))
    assert f"interaction {row['id']} came from {row['file']}, line {row['line']}" in error
    assert "correct it at its source" in error
    assert table_rows(db) == before


def test_an_interaction_of_the_demo_is_refused(demo_copy: Path):
    contacts = as_json(demo_copy, "contacts", "--today", TODAY)
    busy = next(c for c in contacts if c["interaction_count"] >= 3)
    listed = as_json(demo_copy, "interactions", str(busy["id"]))
    assert len(listed) == busy["interaction_count"]
    demo = [r for r in listed if r["source"] == "demo"]
    assert demo and not any(r["removable"] for r in demo)
    before = rows(demo_copy, "interaction", "interaction_participant", "encounter")
    error = refused(demo_copy, "interactions", str(busy["id"]), "--remove", str(demo[0]["id"]))
    assert f"interaction {demo[0]['id']} came from" in error
    assert rows(demo_copy, "interaction", "interaction_participant", "encounter") == before


# --- the write side, without the command line -------------------------------------------------


def test_a_date_logged_today_is_now_and_an_earlier_day_at_noon():
    """Today's contact logged without a time is at the moment of logging, so that it counts as
    after a decision taken earlier that day; an earlier day's at noon."""
    morning = datetime(2026, 11, 1, 9, 30)
    assert parse_moment("2026-11-01", morning) == morning
    assert parse_moment("2026-11-01", NOW) == NOW
    assert parse_moment("2026-10-31", morning) == datetime(2026, 10, 31, 12)
    assert parse_moment("  ", morning) == morning
    assert parse_moment("2026-10-31T08:15", morning) == datetime(2026, 10, 31, 8, 15)
    with pytest.raises(InputError) as refusal:
        parse_moment("2026-11-01 09:31", morning)
    assert refusal.value.field == "on" and refusal.value.key == "error.future"


@pytest.mark.parametrize(
    ("raw", "minutes"), [(None, None), ("", None), ("1", 1), (" 90 ", 90), (1440, 1440)]
)
def test_minutes_are_a_whole_number_from_1_to_a_day(raw, minutes):
    assert parse_minutes(raw) == minutes


@pytest.mark.parametrize("raw", ["0", "-5", "abc", "1.5", "1441", 0])
def test_other_minutes_are_refused_naming_the_field(raw):
    with pytest.raises(InputError) as refusal:
        parse_minutes(raw, where=lambda name: name)
    assert refusal.value.field == "minutes"
    assert str(refusal.value).startswith("minutes: expected a whole number of minutes")


def test_kinds_and_their_default_directions():
    assert parse_kind(" Coffee ") == model.InteractionKind.COFFEE
    assert default_direction(model.InteractionKind.COFFEE) == model.Direction.MUTUAL
    assert default_direction(model.InteractionKind.MEAL) == model.Direction.MUTUAL
    assert default_direction(model.InteractionKind.EMAIL) == model.Direction.OUTBOUND
    assert default_direction(model.InteractionKind.MESSAGE) == model.Direction.OUTBOUND


def test_log_contact_writes_one_interaction_with_each_person_once(store: Store):
    with store.begin() as connection:
        ids = repo.add_contacts(connection, [model.Contact(name="A"), model.Contact(name="B")])
    moment = datetime(2026, 10, 30, 12)
    logged = log_contact(
        store, [ids[0], ids[1], ids[0]], model.InteractionKind.MEAL, moment, minutes=90
    )
    assert logged.names == ("A", "B")
    with store.connect() as connection:
        [interaction] = repo.load_interactions(connection)
        sources = repo.origin_sources(connection)
    assert interaction.participants == tuple(ids)
    assert (interaction.kind, interaction.direction) == (
        model.InteractionKind.MEAL,
        model.Direction.MUTUAL,
    )
    assert interaction.duration_minutes == 90 and interaction.occurred_at == moment
    assert sources == {"manual"}
    assert date(2026, 10, 30) == interaction.occurred_at.date()


def test_removing_a_shared_activity_from_one_person_keeps_it_for_the_others(network: Path):
    """A coffee with Lotte and Bram, wrongly logged with Bram: taking it away from Bram must not
    take it away from Lotte — her contact happened."""
    run(network, "log", "Lotte", "Bram", "--kind", "coffee", "--on", "2026-10-30")
    [shared] = as_json(network, "interactions", "Bram")
    removed = as_json(network, "interactions", "Bram", "--remove", str(shared["id"]))
    assert removed["others_kept"] == 1
    assert as_json(network, "interactions", "Bram") == []
    [kept] = as_json(network, "interactions", "Lotte")
    assert kept["id"] == shared["id"] and kept["with"] == ["Lotte Jansen"]


def test_a_mistyped_name_offers_the_close_ones_and_a_first_name_matches_whole_words(
    network: Path,
):
    """A typo should not leave the user guessing: close names are offered (rapidfuzz); and a
    first name finds the people with that word in their name, not every name containing it."""
    error = refused(network, "log", "Lote Jansen", "--kind", "call")
    assert "no contact matches 'Lote Jansen'; did you mean:" in error and "Lotte Jansen" in error
    run(network, "contact", "add", "Anna Smit")
    run(network, "contact", "add", "Janna de Boer")
    out = run(network, "log", "Anna", "--kind", "call", "--on", "2026-10-30")
    assert "call with Anna Smit on" in " ".join(out.split())


def test_errors_speak_dutch_with_lang_nl(network: Path):
    """`--lang nl` is the language of all output (README): an error a user can cause on these
    commands says, in Dutch, which field (the option as typed, as the English names it) and what
    was expected and found."""
    error = refused_in(network, "nl", "log", "Lotte", "--minutes", "0")
    assert error == "Fout: --minutes: verwacht een heel aantal minuten van 1 tot en met 1.440, " + (
        "gevonden: '0'"
    )
    error = refused_in(network, "nl", "log", "Anouk")
    assert error.startswith("Fout: 2 contacten passen bij 'Anouk': ")
    assert error.endswith("— kies er een, of geef het id")


def refused_in(db: Path, language: str, *args: str) -> str:
    from typer.testing import CliRunner

    from tiewise.cli import app

    result = CliRunner().invoke(app, ["--db", str(db), "--lang", language, *args])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())
