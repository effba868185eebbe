"""The demo network: deterministic, of the promised size and shape."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tiewise.analysis.attendance import attendance_by_series
from tiewise.demo import build_demo
from tiewise.errors import InputError
from tiewise.goals import catalogue_goal
from tiewise.model import Contact, GoalClass
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.schema import metadata

from .conftest import DEMO_TODAY


def _dump(path: Path) -> dict[str, list[tuple]]:
    with Store.open(path) as store, store.connect() as connection:
        return {
            name: sorted(tuple(map(str, row)) for row in connection.execute(select(table)))
            for name, table in metadata.tables.items()
        }


def test_same_seed_twice_gives_identical_content(tmp_path: Path, demo_db: Path):
    again = tmp_path / "again.db"
    with Store.open(again) as store:
        build_demo(store, seed=1, today=DEMO_TODAY)
    first, second = _dump(demo_db), _dump(again)
    assert first == second
    assert len(first["contact"]) >= 300


def test_another_seed_gives_another_network(tmp_path: Path, demo_db: Path):
    other = tmp_path / "other.db"
    with Store.open(other) as store:
        build_demo(store, seed=2, today=DEMO_TODAY)
    assert _dump(other)["contact"] != _dump(demo_db)["contact"]


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


def test_demo_events_contain_habit_winner_and_fun(demo_db: Path):
    with Store.open(demo_db) as store:
        snapshot = load_snapshot(store)
    rows = {r.name: r for r in attendance_by_series(snapshot, DEMO_TODAY, days=730)}
    habit, winner, fun = (
        rows["Ondernemersborrel Nijmegen"],
        rows["Zakenontbijt Gelderland"],
        rows["Vrijdagborrel tennisclub"],
    )
    assert habit.visits >= 15
    assert habit.outcome_value_eur == 0
    assert winner.outcome_value_eur > 10_000
    assert winner.outcomes / winner.hours > 3 * habit.outcomes / habit.hours
    assert fun.mean_enjoyment > 4 > habit.mean_enjoyment


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
    assert _dump(path) == _dump(demo_db)
