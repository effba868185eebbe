"""The weekly plan as iCalendar (``plan --ics``): valid for the ``icalendar`` package, stable
UIDs, one entry per item of the plan, and nothing added when the project's own calendar reader
imports it."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from tiewise.advice.events import events_report, this_weeks_events
from tiewise.advice.introductions import suggest_introductions
from tiewise.advice.plan import WeeklyPlan, weekly_plan
from tiewise.advice.portfolio import build_portfolio
from tiewise.analysis.profile import Profile, analyze
from tiewise.cli import app
from tiewise.ingest.ics import parse_ics
from tiewise.ingest.run import run_import
from tiewise.model import Birthday, Me
from tiewise.report.calendar import UID_DOMAIN, item_uid, plan_calendar, plan_items
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

TODAY = date(2026, 11, 4)  # a Wednesday of the demo: an event to attend on Friday 6 November
BIRTHDAY = date(2026, 11, 5)


@pytest.fixture(scope="module")
def demo_week(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with a birthday this week (Thursday) for its first contact."""
    path = tmp_path_factory.mktemp("week") / "demo.db"
    shutil.copy(demo_db, path)
    with Store.open(path) as store, store.begin() as connection:
        (first, *_) = repo.load_contacts(connection)
        repo.update_contact(connection, _with_birthday(first, Birthday(11, 5, 1980)))
    return path


def _with_birthday(contact, birthday):
    from dataclasses import replace

    return replace(contact, birthday=birthday)


def _plan(db: Path) -> tuple[WeeklyPlan, Profile]:
    with Store.open(db) as store:
        profile = analyze(load_snapshot(store), TODAY)
    events = this_weeks_events(profile, events_report(profile))
    plan = weekly_plan(profile, build_portfolio(profile), suggest_introductions(profile), events)
    return plan, profile


def _events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def test_the_calendar_holds_every_item_of_the_plan(demo_week: Path):
    plan, profile = _plan(demo_week)
    attend = [a for a in plan.events if a.action in ("attend", "try_once")]
    assert plan.contacts and attend and plan.reminders  # the week has all three kinds
    events = _events(plan_calendar(plan, profile, "en", datetime(2026, 11, 4, 9, tzinfo=UTC)))
    items = plan_items(plan, profile, "en")
    assert len(events) == len(items) == len(plan.contacts) + len(attend) + len(plan.reminders)
    as_read = [
        (
            str(e["UID"]),
            str(e["SUMMARY"]),
            e.decoded("DTSTART"),
            e.get("DTEND") and e.decoded("DTEND"),
        )
        for e in events
    ]
    assert as_read == [(i.uid, i.summary, i.start, i.end) for i in items]
    # contacts to reach: all-day over the week; the first is the plan's first
    first = profile.snapshot.contacts[plan.contacts[0].position]
    assert str(events[0]["SUMMARY"]).startswith(f"Get in touch: {first.name} (")
    assert events[0].decoded("DTSTART") == date(2026, 11, 2)
    assert events[0].decoded("DTEND") == date(2026, 11, 9)
    # the event to attend: timed, in UTC as stored
    (event,) = [e for e in events if str(e["UID"]).startswith("event-")]
    assert event.decoded("DTSTART") == attend[0].occurrence.starts_at.replace(tzinfo=UTC)
    assert str(event["SUMMARY"]) == f"Attend: {attend[0].occurrence.name or attend[0].series.name}"
    assert "LOCATION" not in event  # see report/calendar.py: re-importing must add nothing
    # the birthday on its day, with the age turned
    birthday = profile.snapshot.contacts[0]
    (cake,) = [e for e in events if str(e["UID"]).startswith("birthday-")]
    assert cake.decoded("DTSTART") == BIRTHDAY
    assert str(cake["SUMMARY"]) == f"{birthday.name}: birthday (turns 46)"
    assert cake["UID"] == item_uid("birthday", int(profile.snapshot.contact_ids[0]), BIRTHDAY)
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in events)


def test_uids_are_the_same_on_every_run_and_unique(demo_week: Path):
    plan, profile = _plan(demo_week)
    first = _events(plan_calendar(plan, profile, "en", datetime(2026, 11, 4, 9, tzinfo=UTC)))
    again_plan, again_profile = _plan(demo_week)  # computed anew, later, in Dutch
    later = datetime(2026, 11, 4, 17, 30, tzinfo=UTC)
    second = _events(plan_calendar(again_plan, again_profile, "nl", later))
    uids = [str(e["UID"]) for e in first]
    assert uids == [str(e["UID"]) for e in second]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith(f"@{UID_DOMAIN}") for uid in uids)
    assert {e.decoded("DTSTAMP") for e in second} == {later}  # only the stamp differs
    assert str(second[0]["SUMMARY"]).startswith("Contact opnemen: ")


def test_the_project_reads_its_own_plan_and_adds_nothing(demo_week: Path, tmp_path: Path):
    plan, profile = _plan(demo_week)
    data = plan_calendar(plan, profile, "en", datetime(2026, 11, 4, 9, tzinfo=UTC))
    now = datetime(2026, 11, 4, 9)
    parsed = parse_ics(data, "plan.ics", Me(name="me"), now)
    assert parsed.warnings == [] and parsed.interactions == [] and parsed.occurrences == []
    assert parsed.skipped == len(_events(data))
    path = tmp_path / "plan.ics"
    path.write_bytes(data)
    db = tmp_path / "copy.db"
    shutil.copy(demo_week, db)
    with Store.open(db) as store:
        summary = run_import(store, "ics", [path], now)
    assert summary.errors == [] and summary.added == 0 and summary.contacts == 0


def test_plan_ics_writes_the_file_with_the_same_uids_each_run(demo_week: Path, tmp_path: Path):
    runner = CliRunner()
    outputs = []
    for name in ("one.ics", "two.ics"):
        path = tmp_path / name
        args = ["--db", str(demo_week), "plan", "--today", TODAY.isoformat(), "--ics", str(path)]
        result = runner.invoke(app, [*args, "--json"])
        assert result.exit_code == 0, result.output
        plan = json.loads(result.stdout)
        outputs.append([str(e["UID"]) for e in _events(path.read_bytes())])
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(plan["contacts"]) + 1 + len(plan["reminders"])  # 1 event
    assert f"({len(outputs[0])} items)" in result.stderr


def test_a_week_without_anything_is_an_empty_but_valid_calendar(store: Store):
    profile = analyze(load_snapshot(store), TODAY)
    plan = weekly_plan(profile, build_portfolio(profile), [], [])
    assert _events(plan_calendar(plan, profile, "en", datetime(2026, 11, 4))) == []


def test_every_entry_starts_in_the_plans_week(demo_week: Path):
    plan, profile = _plan(demo_week)
    for item in plan_items(plan, profile, "en"):
        start = item.start.date() if isinstance(item.start, datetime) else item.start
        assert plan.week_start <= start <= plan.week_end, item


def test_plan_ics_into_a_folder_that_does_not_exist_is_one_line(demo_week: Path, tmp_path: Path):
    target = tmp_path / "missing" / "week.ics"
    result = CliRunner().invoke(
        app, ["--db", str(demo_week), "plan", "--today", TODAY.isoformat(), "--ics", str(target)]
    )
    assert result.exit_code == 2
    assert "--ics: expected a file that can be written" in result.stderr
    assert "Traceback" not in result.output and not target.exists()
