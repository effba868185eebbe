"""The demo network: deterministic, of the promised size and shape."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from tests.tables import table_rows
from tiewise.advice.decisions import since_decision, still_dismissed
from tiewise.advice.events import events_report
from tiewise.advice.invitations import triage_invitations
from tiewise.advice.plan import week_of, weekly_plan
from tiewise.advice.portfolio import advice_figures_of, build_portfolio
from tiewise.analysis.profile import analyze
from tiewise.contactlog import log_contact, remove_interaction
from tiewise.demo import NEW_MEETUP, build_demo
from tiewise.errors import InputError
from tiewise.goals import catalogue_goal
from tiewise.model import (
    Contact,
    DecisionKind,
    GoalClass,
    InteractionKind,
    InvitationStatus,
    TieStatus,
    Verdict,
)
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


def test_demo_never_replaces_a_demo_with_contact_the_user_logged(demo_copy: Path):
    """The demo's own week is logged like ``tiewise log`` logs (origin manual); what the user
    logs afterwards is theirs."""
    with Store.open(demo_copy) as store:
        with store.connect() as connection:
            person = repo.load_contacts(connection)[0]
        log_contact(store, [int(person.id)], InteractionKind.CALL, datetime(2026, 10, 31, 12))
        with pytest.raises(InputError, match="holds your own data"):
            build_demo(store, seed=1, today=DEMO_TODAY)


def test_demo_replaces_an_earlier_demo(tmp_path: Path, demo_db: Path):
    path = tmp_path / "twice.db"
    with Store.open(path) as store:
        build_demo(store, seed=3, today=DEMO_TODAY)
        build_demo(store, seed=1, today=DEMO_TODAY)
    assert table_rows(path) == table_rows(demo_db)


# --- the lived-in weeks (demo_week.py): what Eva logged and decided herself


def _logged(store: Store) -> list[dict]:
    """The activities logged with ``tiewise log`` (origin manual, channel tiewise), oldest first,
    with the names of the people in each."""
    with store.connect() as connection:
        names = {c.id: c.name for c in repo.load_contacts(connection)}
        rows = repo.interactions_with(connection, list(names))
    logged = [
        {**r, "with": [names[i] for i in r["participants"]]}
        for r in rows
        if r["source"] == "manual"
    ]
    assert all(r["channel"] == "tiewise" for r in logged)
    return sorted(logged, key=lambda r: (r["occurred_at"], r["id"]))


def _decisions(store: Store) -> Counter:
    with store.connect() as connection:
        decisions = repo.load_decisions(connection, include_undone=True)
    return Counter((d.kind.value, d.action, d.verdict.value) for d in decisions)


def test_demo_holds_activities_eva_logged_herself(demo_db: Path):
    now = datetime.combine(DEMO_TODAY, time(9, 0))
    with Store.open(demo_db) as store:
        logged = _logged(store)
    assert 8 <= len(logged) <= 15
    assert sum(len(r["with"]) >= 2 for r in logged) >= 3
    assert max(len(r["with"]) for r in logged) <= 3
    assert {r["kind"] for r in logged} >= {"coffee", "call", "video", "meal", "meeting", "message"}
    assert sum(r["duration_minutes"] is not None for r in logged) >= len(logged) // 2
    assert sum(bool(r["subject"]) for r in logged) >= 4
    moments = [r["occurred_at"] for r in logged]
    assert all(now - timedelta(days=42) <= m <= now for m in moments)
    monday, _ = week_of(DEMO_TODAY)
    assert any(m.date() >= monday for m in moments)  # something this week


def test_demo_decisions_by_kind_and_verdict(demo_db: Path):
    with Store.open(demo_db) as store:
        counts = _decisions(store)
        with store.connect() as connection:
            decisions = repo.load_decisions(connection)
    invitation = {v: n for (k, _, v), n in counts.items() if k == "invitation"}
    assert invitation["accept"] >= 2 and 1 <= invitation["ignore"] <= 2 and invitation["later"] == 1
    assert counts[("advice", "let_go", "accept")] == 1
    assert counts[("advice", "focus", "dismiss")] == 1
    assert counts[("advice", "focus", "accept")] == 1
    assert all(d.undone_at is None for d in decisions)
    now = datetime.combine(DEMO_TODAY, time(9, 0))
    assert all(d.decided_at <= now for d in decisions)
    for d in decisions:
        if d.kind == DecisionKind.INVITATION:
            assert d.restore is not None and d.restore["status"] == "pending"
        else:
            assert set(d.figures or {}) == {"class", "strength", "value"}


def test_an_accepted_invitation_makes_the_sender_a_contact_and_some_stay_pending(demo_db: Path):
    with Store.open(demo_db) as store:
        snapshot = load_snapshot(store)
    invitations = {i.id: i for i in snapshot.invitations}
    accepted = [
        d
        for d in snapshot.decisions
        if d.kind == DecisionKind.INVITATION and d.verdict == Verdict.ACCEPT
    ]
    created = 0
    for d in accepted:
        invitation = invitations[d.invitation_id]
        assert invitation.status == InvitationStatus.ACCEPTED
        assert invitation.contact_id == d.contact_id is not None
        assert snapshot.position_of(d.contact_id) is not None
        created += d.restore["created_contact"] is not None  # a stranger, now a contact
    assert created == 1
    advice = triage_invitations(analyze(snapshot, DEMO_TODAY))
    decided = {d.invitation_id for d in snapshot.decisions if d.kind == DecisionKind.INVITATION}
    assert len(advice) >= 8 and not decided & {a.invitation.id for a in advice}
    assert {a.decision for a in advice} >= {"accept", "look_closer", "ignore"}


def test_the_accepted_let_go_and_the_dismissal_stick(demo_db: Path):
    with Store.open(demo_db) as store:
        snapshot = load_snapshot(store)
    profile = analyze(snapshot, DEMO_TODAY)
    portfolio = build_portfolio(profile, limit=None)
    advised = {
        name: {int(snapshot.contact_ids[item.position]) for item in getattr(portfolio, name)}
        for name in ("focus", "maintain", "reactivate", "let_go")
    }
    advice = {d.action: d for d in snapshot.decisions if d.kind == DecisionKind.ADVICE}
    let_go = advice["let_go"]
    assert let_go.verdict == Verdict.ACCEPT and let_go.restore == {"status": "active"}
    assert snapshot.ties[snapshot.index_of(let_go.contact_id)].status == TieStatus.LET_GO
    assert let_go.contact_id not in set().union(*advised.values())
    dismissed = next(d for d in snapshot.decisions if d.verdict == Verdict.DISMISS)
    i = snapshot.index_of(dismissed.contact_id)
    assert still_dismissed(dismissed, advice_figures_of(profile, i), DEMO_TODAY)
    assert dismissed.contact_id not in set().union(*advised.values())
    assert portfolio.hidden >= 1


def test_the_accepted_investment_is_in_the_plan_until_in_touch(demo_db: Path):
    with Store.open(demo_db) as store:
        snapshot = load_snapshot(store)
    profile = analyze(snapshot, DEMO_TODAY)
    portfolio = build_portfolio(profile)
    accepted = next(
        d for d in snapshot.decisions if d.action == "focus" and d.verdict == Verdict.ACCEPT
    )
    i = snapshot.index_of(accepted.contact_id)
    assert accepted.contact_id in {int(snapshot.contact_ids[x.position]) for x in portfolio.focus}
    plan = {c.position: c for c in weekly_plan(profile, portfolio, []).contacts}
    in_touch = since_decision(accepted, snapshot.last_interaction[i])
    assert in_touch or plan[i].reasons[0].key == "plan.accepted"


def test_contact_logged_this_week_took_the_person_off_the_plan(demo_copy: Path):
    monday, _ = week_of(DEMO_TODAY)
    with Store.open(demo_copy) as store:
        logged = [r for r in _logged(store) if r["occurred_at"].date() >= monday]
        profile = analyze(load_snapshot(store), DEMO_TODAY)
        in_plan = {c.position for c in weekly_plan(profile, build_portfolio(profile), []).contacts}
        names = {profile.snapshot.contacts[p].name for p in in_plan}
        # without what was logged this week, one of these people is due again
        for row in logged:
            assert not set(row["with"]) & names
            with store.connect() as connection:
                person = repo.find_contact(connection, row["with"][0])
            remove_interaction(store, person, row["id"])
        profile = analyze(load_snapshot(store), DEMO_TODAY)
        plan = weekly_plan(profile, build_portfolio(profile), []).contacts
        names_now = {profile.snapshot.contacts[c.position].name for c in plan}
    assert {n for row in logged for n in row["with"]} & names_now
