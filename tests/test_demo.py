"""The demo network: deterministic, of the promised size and shape."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.tables import table_rows
from tiewise.advice.events import events_report
from tiewise.analysis.profile import analyze
from tiewise.demo import NEW_MEETUP, build_demo
from tiewise.errors import InputError
from tiewise.goals import catalogue_goal
from tiewise.model import Contact, GoalClass
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

from .conftest import DEMO_TODAY


def test_same_seed_twice_gives_identical_content(tmp_path: Path, demo_db: Path):
    again = tmp_path / "again.db"
    with Store.open(again) as store:
        build_demo(store, seed=1, today=DEMO_TODAY)
    first, second = table_rows(demo_db), table_rows(again)
    assert first == second
    assert len(first["contact"]) >= 300


def test_another_seed_gives_another_network(tmp_path: Path, demo_db: Path):
    other = tmp_path / "other.db"
    with Store.open(other) as store:
        build_demo(store, seed=2, today=DEMO_TODAY)
    assert table_rows(other)["contact"] != table_rows(demo_db)["contact"]


def test_demo_has_the_promised_shape(demo_db: Path):
    with Store.open(demo_db) as store:
        snapshot = load_snapshot(store)
    assert 300 <= snapshot.size <= 500
    contexts = {c for tie in snapshot.ties for c in tie.contexts}
    assert 6 <= len(contexts) <= 11
    assert snapshot.links.nnz > 2 * snapshot.size  # who-knows-whom is populated
    # heavy-tailed interaction frequencies: the busiest tenth has far more than the median
    counts = snapshot.interaction_counts
    assert counts.max() > 8 * max(1, int(sorted(counts)[len(counts) // 2]))
    span = snapshot.interaction_times.max() - snapshot.interaction_times.min()
    assert span.astype("timedelta64[D]").astype(int) > 2 * 365
    classes = {(g.goal_class or catalogue_goal(g.key).goal_class) for g in snapshot.goals}
    assert {GoalClass.EXPRESSIVE, GoalClass.INSTRUMENTAL} <= classes
    assert 3 <= len(snapshot.goals) <= 4
    assert len(snapshot.series) >= 6
    # two years of attendance
    first_visit = min(o.starts_at for o in snapshot.occurrences)
    assert DEMO_TODAY - first_visit.date() > timedelta(days=700)


def test_demo_events_tell_the_story_of_staying_home(demo_db: Path):
    """A habit that yields little, one I stopped, a winner, a fun series, and a new series."""
    with Store.open(demo_db) as store:
        snapshot = load_snapshot(store)
    report = events_report(analyze(snapshot, DEMO_TODAY))
    verdicts = {r.name: r.verdict for r in report.series}
    assert verdicts["Ondernemersborrel Nijmegen"] == "habitual_low_yield"
    assert verdicts["Netwerkcafé Arnhem"] == "skip"
    assert verdicts["Zakenontbijt Gelderland"] == "keep"
    assert verdicts["Vrijdagborrel tennisclub"] == "fun"
    assert verdicts[NEW_MEETUP] == "try_once"
    habit, winner = (
        report.by_name("Ondernemersborrel Nijmegen"),
        report.by_name("Zakenontbijt Gelderland"),
    )
    assert habit.visits >= 20 and habit.visits_12m >= 3
    assert winner.value_per_hour.low > habit.value_per_hour.high
    assert report.by_name("Vrijdagborrel tennisclub").enjoyment.point > 4
    # the stopped series: eleven skipped occurrences of about 2.5 hours
    assert 20 < report.hours_saved_12m < 60


def test_demo_refuses_a_database_with_the_users_own_data(tmp_path: Path):
    with Store.open(tmp_path / "mine.db") as store:
        with store.begin() as connection:
            repo.add_contacts(connection, [Contact(name="Mine")])
        with pytest.raises(InputError, match="holds your own data"):
            build_demo(store, seed=1, today=DEMO_TODAY)
        with store.connect() as connection:
            assert [c.name for c in repo.load_contacts(connection)] == ["Mine"]


def test_demo_never_replaces_a_demo_the_user_added_to(tmp_path: Path):
    with Store.open(tmp_path / "mixed.db") as store:
        build_demo(store, seed=1, today=DEMO_TODAY)
        with store.begin() as connection:
            origin = repo.add_origin(connection, "manual", datetime(2026, 11, 2))
            repo.add_contacts(connection, [Contact(name="Real Person")], origin)
        with pytest.raises(InputError, match="holds your own data"):
            build_demo(store, seed=1, today=DEMO_TODAY)
        with store.connect() as connection:
            assert "Real Person" in {c.name for c in repo.load_contacts(connection)}


def test_demo_replaces_an_earlier_demo(tmp_path: Path, demo_db: Path):
    path = tmp_path / "twice.db"
    with Store.open(path) as store:
        build_demo(store, seed=3, today=DEMO_TODAY)
        build_demo(store, seed=1, today=DEMO_TODAY)
    assert table_rows(path) == table_rows(demo_db)
