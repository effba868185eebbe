"""The weekly plan: cadence due by Sunday, reset by any interaction, reactivation always due."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tiewise import model as M
from tiewise.advice.plan import FOCUS_CADENCE_DAYS, plan_to_json, week_of, weekly_plan
from tiewise.advice.portfolio import Item, Portfolio
from tiewise.advice.reasons import Reason
from tiewise.analysis.profile import analyze
from tiewise.snapshot import build_snapshot

TODAY = date(2026, 11, 4)  # a Wednesday
SUNDAY = date(2026, 11, 8)


def _met(day: date, who: int) -> M.Interaction:
    return M.Interaction(
        datetime.combine(day, datetime.min.time()).replace(hour=12),
        M.InteractionKind.MEETING,
        "calendar",
        M.Direction.MUTUAL,
        (who,),
    )


def _profile(ties, interactions):
    contacts = [M.Contact(id=t.contact_id, name=f"C{t.contact_id}") for t in ties]
    return analyze(build_snapshot(M.Me(name="me"), contacts, ties, (), interactions), TODAY)


def _portfolio(focus=(), maintain=(), reactivate=()):
    def items(positions, hours):
        return tuple(
            Item(
                p,
                hours,
                ("clients",),
                (Reason("portfolio.serves", {"goal": "x", "relevance": 0.5}),),
            )
            for p in positions
        )

    return Portfolio(
        8.0,
        items(focus, 1.0),
        items(maintain, 0.25),
        items(reactivate, 1.0),
        (),
        protected=0,
        close_kept=0,
        close_unserved=0,
        expressive_named=False,
        needs_goal=False,
        hidden=0,
        objective=0.0,
        method="cost-benefit",
    )


def test_the_week_runs_monday_to_sunday():
    assert week_of(TODAY) == (date(2026, 11, 2), SUNDAY)
    assert week_of(SUNDAY) == (date(2026, 11, 2), SUNDAY)
    assert week_of(date(2026, 11, 9))[0] == date(2026, 11, 9)


def test_a_focus_tie_is_due_when_its_cadence_runs_out_by_sunday():
    ties = [M.Tie(1, cadence_days=10), M.Tie(2, cadence_days=10), M.Tie(3, cadence_days=10)]
    interactions = [
        _met(SUNDAY - timedelta(days=10), 1),  # due exactly on Sunday
        _met(SUNDAY - timedelta(days=8), 2),  # due after this week
        _met(SUNDAY - timedelta(days=40), 3),
        _met(SUNDAY - timedelta(days=2), 3),  # any interaction resets the clock
    ]
    plan = weekly_plan(_profile(ties, interactions), _portfolio(focus=(0, 1, 2)), [])
    assert [(c.position, c.action, c.cadence_days) for c in plan.contacts] == [(0, "focus", 10)]
    assert plan.contacts[0].reasons[0].figures == {"days": 10, "cadence": 10}
    assert plan.due_total == 1


def test_default_cadence_by_class_reactivation_first_and_the_limit():
    ties = [M.Tie(1), M.Tie(2), M.Tie(3)]
    interactions = [_met(SUNDAY - timedelta(days=500), 1), _met(SUNDAY - timedelta(days=60), 2)]
    profile = _profile(ties, interactions)
    klass = str(profile.strength.tie_class[1])
    plan = weekly_plan(profile, _portfolio(focus=(1, 2), reactivate=(0,)), [], limit=2)
    assert [c.action for c in plan.contacts] == ["reactivate", "focus"]
    assert plan.contacts[1].cadence_days == FOCUS_CADENCE_DAYS[klass]
    assert plan.contacts[1].overdue_days == 60 - FOCUS_CADENCE_DAYS[klass]
    assert plan.due_total == 3  # the never-contacted focus tie is due as well, beyond the limit
    data = plan_to_json(plan, profile, "nl")
    assert data["week_start"] == "2026-11-02" and data["week_end"] == "2026-11-08"
    assert data["contacts"][0]["reasons"][0]["text"] == "500 dagen stil: neem weer contact op"


def test_maintained_ties_get_a_quarterly_cadence():
    ties = [M.Tie(1), M.Tie(2)]
    interactions = [_met(SUNDAY - timedelta(days=95), 1), _met(SUNDAY - timedelta(days=80), 2)]
    plan = weekly_plan(_profile(ties, interactions), _portfolio(maintain=(0, 1)), [])
    assert [(c.position, c.cadence_days, c.overdue_days) for c in plan.contacts] == [(0, 90, 5)]
