"""Decisions that stick: accepted and dismissed advice, decided invitations, undo.

First on small hand-built networks where the right answer follows from the seed articles and
docs/method.md (each test says how), then end to end with the command line on a copy of the
demo database.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.clock import NOW, freeze
from tests.tables import table_rows
from tests.test_cli import run
from tests.test_cli_events import refused
from tiewise import model as M
from tiewise.advice.decisions import (
    DISMISS_DAYS,
    LATER_DAYS,
    MATERIAL_CHANGE,
    since_decision,
    still_dismissed,
)
from tiewise.advice.invitations import triage_invitations
from tiewise.advice.plan import weekly_plan
from tiewise.advice.portfolio import (
    FOCUS_HOURS,
    MAINTAIN_HOURS,
    advice_figures_of,
    build_portfolio,
)
from tiewise.analysis.profile import Profile, analyze
from tiewise.snapshot import build_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

TODAY = date(2026, 11, 1)  # a Sunday: the plan's week ends today
HEALTHCARE = M.GoalTarget(M.TargetAttribute.SECTOR, "healthcare")
CLIENTS = (M.Goal("clients", priority=5, targets=(HEALTHCARE,)),)
ANOUK, BRAM, CAS, DIRK, EEF = 1, 2, 3, 4, 5


def _at(days_ago: float, hour: int = 0) -> datetime:
    return datetime.combine(TODAY, datetime.min.time()) - timedelta(days=days_ago, hours=-hour)


def _meetings(who: int, days_ago: tuple[float, ...] = (3, 33, 63)) -> list[M.Interaction]:
    return [
        M.Interaction(_at(d), M.InteractionKind.MEETING, "calendar", M.Direction.MUTUAL, (who,))
        for d in days_ago
    ]


CONTACTS = [
    M.Contact(id=ANOUK, name="Anouk", sector="healthcare"),
    M.Contact(id=BRAM, name="Bram", sector="healthcare"),
    M.Contact(id=CAS, name="Cas", sector="retail"),
    M.Contact(id=DIRK, name="Dirk", sector="healthcare"),
    M.Contact(id=EEF, name="Eef", sector="retail"),
]
# one context each: multiplexity is a known 0 (with none recorded it would be unknown and drop out)
TIES = [
    M.Tie(ANOUK, closeness=3, contexts=("work",)),
    M.Tie(BRAM, closeness=3, contexts=("work",)),
    M.Tie(CAS, closeness=3, contexts=("work",)),
    M.Tie(DIRK, closeness=2, contexts=("work",)),
    M.Tie(EEF, contexts=("work",)),
]
# Anouk, Bram, Cas and Dirk met monthly for three months; Eef I wrote to once, three years ago,
# and never heard back from: the let-go candidate (low value, silent two years, no reciprocity).
INTERACTIONS = [
    *(m for who in (ANOUK, BRAM, CAS, DIRK) for m in _meetings(who)),
    M.Interaction(_at(1100), M.InteractionKind.EMAIL, "mail", M.Direction.OUTBOUND, (EEF,)),
]


def _profile(
    decisions: tuple[M.Decision, ...] = (),
    interactions: list[M.Interaction] = INTERACTIONS,
    ties: list[M.Tie] = TIES,
    invitations: tuple[M.Invitation, ...] = (),
    today: date = TODAY,
) -> Profile:
    """Anouk and Bram: alike in every figure, medium ties in healthcare (value 1 to the goal);
    Dirk: a weak tie in healthcare (value 0.8); Cas: a medium tie in retail, no use to the goal
    (value 0); Eef: silent for three years, value 0. No links: one circle."""
    snapshot = build_snapshot(
        M.Me(name="Eva", sector="design"),
        CONTACTS,
        ties,
        (),
        interactions,
        goals=CLIENTS,
        decisions=decisions,
        invitations=invitations,
    )
    return analyze(snapshot, today)


def _decision(
    who: int,
    action: str,
    verdict: M.Verdict,
    days_ago: float,
    figures: dict[str, float | str] | None = None,
) -> M.Decision:
    """A decision taken at six in the evening, ``days_ago`` days before TODAY."""
    return M.Decision(
        M.DecisionKind.ADVICE,
        verdict,
        _at(days_ago, hour=18),
        contact_id=who,
        action=action,
        figures=figures,
        id=100 + who,
    )


def _names(profile: Profile, items) -> list[str]:
    return [profile.snapshot.contacts[item.position].name for item in items]


def _levels(profile: Profile, portfolio) -> dict[str, str]:
    return {
        profile.snapshot.contacts[item.position].name: level
        for level in ("focus", "maintain", "reactivate", "let_go")
        for item in getattr(portfolio, level)
    }


def test_the_network_is_what_the_tests_below_assume():
    """The figures the tests below derive their answers from. No two of my contacts know each
    other, so each is a world of its own (Burt 1992). Without decisions, 3 hours buy a focus on
    Anouk (1.5 h) and on Dirk (a weak tie in healthcare, 1 h: the most value per hour), and
    keep Bram warm; 1.5 hours buy Dirk's focus and keep Anouk and Bram warm; Eef, silent for
    three years, of no value, never reciprocating, is to be let go (seed 000 (5))."""
    profile = _profile()
    figures = {name: advice_figures_of(profile, i) for i, name in enumerate("ABCDE")}
    assert figures["A"] == figures["B"] == {"class": "medium", "strength": 0.523, "value": 1.0}
    assert figures["C"] == {"class": "medium", "strength": 0.523, "value": 0.0}
    assert figures["D"]["class"] == "weak" and figures["D"]["value"] == 0.8
    assert figures["E"]["class"] == "dormant" and figures["E"]["value"] == 0.0
    assert _levels(profile, build_portfolio(profile, 3.0)) == {
        "Anouk": "focus",
        "Dirk": "focus",
        "Bram": "maintain",
        "Eef": "let_go",
    }
    assert _levels(profile, build_portfolio(profile, 1.5)) == {
        "Dirk": "focus",
        "Anouk": "maintain",
        "Bram": "maintain",
        "Eef": "let_go",
    }


# --- accepted advice --------------------------------------------------------------------------


@pytest.mark.parametrize(("action", "budget"), [("focus", 3.0), ("maintain", 1.75)])
def test_accepted_advice_fixes_the_level_and_is_paid_from_the_budget_first(action, budget):
    """Seed 000 (4, 5): invest in a limited number of relationships — the hours are the limit,
    and choosing is mine. An investment I accepted is one I make, so it is paid from the same
    budget first (Cas: a medium tie, focus 1.5 h, keep warm 0.25 h) and the optimiser plans the
    rest of the budget around it. Cas serves no goal (value 0) and adds nothing to the
    objective, so the rest must be exactly the portfolio of the remaining hours (1.5 h)."""
    cost = FOCUS_HOURS["medium"] if action == "focus" else MAINTAIN_HOURS
    accepted = _decision(CAS, action, M.Verdict.ACCEPT, 2)
    profile = _profile((accepted,))
    portfolio = build_portfolio(profile, budget)
    [item] = [i for i in (*portfolio.focus, *portfolio.maintain) if i.position == CAS - 1]
    assert item.accepted == accepted
    assert item.hours_per_month == cost
    assert item.reasons[0].key == "portfolio.accepted"
    assert item.reasons[0].figures == {"date": "2026-10-30"}
    assert _levels(profile, portfolio)["Cas"] == action
    assert portfolio.hours_used == pytest.approx(budget)
    rest = build_portfolio(_profile(), budget - cost)
    assert {k: v for k, v in _levels(profile, portfolio).items() if k != "Cas"} == _levels(
        profile, rest
    )
    assert portfolio.objective == pytest.approx(rest.objective)


def test_an_accepted_focus_larger_than_the_budget_still_stands_and_nothing_else_is_bought():
    """The decision is mine: it is kept even when it alone exceeds the budget, and the
    optimiser then has no hours left for anyone else."""
    profile = _profile((_decision(CAS, "focus", M.Verdict.ACCEPT, 2),))
    portfolio = build_portfolio(profile, 1.0)
    assert _names(profile, portfolio.focus) == ["Cas"]
    assert portfolio.maintain == () and portfolio.reactivate == ()


def test_an_accepted_reactivation_of_a_dormant_tie_is_listed_under_reactivate():
    """Levin, Walter & Murnighan (2011): a dormant tie is worth reactivating; accepting that
    advice fixes the tie at the focus level, listed as *reactivate* (dormant)."""
    old = [m for m in INTERACTIONS if CAS not in m.participants] + _meetings(CAS, (400, 430))
    profile = _profile((_decision(CAS, "reactivate", M.Verdict.ACCEPT, 2),), interactions=old)
    assert profile.strength.tie_class[CAS - 1] == "dormant"
    portfolio = build_portfolio(profile, 3.0)
    assert _names(profile, portfolio.reactivate) == ["Cas"]
    assert portfolio.reactivate[0].accepted is not None
    assert portfolio.reactivate[0].hours_per_month == FOCUS_HOURS["dormant"]


def test_accepted_let_go_is_not_advised_again():
    """Seed 000 (5): choosing means letting go ("ontvrienden"). Once I accepted letting Eef go
    (her status is let_go), she is neither on the let-go list again nor chosen for investment —
    and an accepted *focus* on a let-go tie does not bring her back into the portfolio."""
    let_go = [t if t.contact_id != EEF else M.Tie(EEF, status=M.TieStatus.LET_GO) for t in TIES]
    before = build_portfolio(_profile(), 3.0)
    assert _names(_profile(), before.let_go) == ["Eef"]
    profile = _profile((_decision(EEF, "let_go", M.Verdict.ACCEPT, 2),), ties=let_go)
    portfolio = build_portfolio(profile, 3.0)
    assert "Eef" not in _levels(profile, portfolio)
    assert portfolio.hidden == 0
    focus_on_let_go = _profile((_decision(EEF, "focus", M.Verdict.ACCEPT, 1),), ties=let_go)
    assert "Eef" not in _levels(focus_on_let_go, build_portfolio(focus_on_let_go, 3.0))


def test_a_tie_met_recently_is_not_let_go_for_two_years_of_silence():
    """Seed 000 (5) lets go of ties that serve no goal and have been silent for long — but a tie
    cannot have been silent longer than we have known each other. An invitation from Eef that I
    accepted last week (met_on: that week, nothing recorded since) is not let go; the same tie
    met three years ago and silent since is (docs/method.md: letting go weighs what a tie is)."""
    quiet = [i for i in INTERACTIONS if EEF not in i.participants]
    for met_days_ago, let_go in ((7, []), (3 * 365, ["Eef"])):
        ties = [
            t if t.contact_id != EEF else M.Tie(EEF, met_on=TODAY - timedelta(days=met_days_ago))
            for t in TIES
        ]
        profile = _profile(interactions=quiet, ties=ties)
        assert _names(profile, build_portfolio(profile, 3.0).let_go) == let_go


# --- dismissed advice -------------------------------------------------------------------------


def _dismissed(who: int, days_ago: float, action: str = "focus", **changed) -> M.Decision:
    """A dismissal with the figures the advice showed then: today's, except ``changed``."""
    figures = advice_figures_of(_profile(), who - 1) | changed
    return _decision(who, action, M.Verdict.DISMISS, days_ago, figures)


def test_dismissed_focus_is_left_out_and_its_hours_go_to_someone_else():
    """Seed 000 (4): the budget buys a limited number of ties; a tie I dismissed is not one of
    them, so its hours buy the next best. Anouk and Bram are alike in every figure: with Anouk
    dismissed, Bram gets the 1.5 hours she would have had, and Anouk is listed nowhere."""
    profile = _profile()
    assert _levels(profile, build_portfolio(profile, 2.0)) == {
        "Anouk": "focus",
        "Bram": "maintain",
        "Dirk": "maintain",
        "Eef": "let_go",
    }
    dismissed = _profile((_dismissed(ANOUK, 10),))
    portfolio = build_portfolio(dismissed, 2.0)
    levels = _levels(dismissed, portfolio)
    assert "Anouk" not in levels
    assert levels["Bram"] == "focus"
    assert portfolio.hidden == 1
    assert portfolio.hours_used <= 2.0


def test_a_dismissed_let_go_is_hidden_and_counted():
    """Seed 000 (5) says choosing means letting go, but the choice is mine: a let-go I
    dismissed leaves the list (while it stands) and is counted as hidden, so nothing is
    silently lost."""
    profile = _profile((_dismissed(EEF, 10, action="let_go"),))
    portfolio = build_portfolio(profile, 3.0)
    assert portfolio.let_go == ()
    assert portfolio.hidden == 1


@pytest.mark.parametrize(
    ("days_ago", "hidden"),
    [(1, True), (DISMISS_DAYS - 1, True), (DISMISS_DAYS, False), (DISMISS_DAYS + 30, False)],
)
def test_a_dismissal_lapses_after_eight_weeks(days_ago, hidden):
    """Issue 15: *Dismiss* hides an item until its figures change materially or 8 weeks pass
    (``DISMISS_DAYS`` = 56). Seed 004 (1, 2): the return is what networking is for, and a
    network is re-judged against the goals — so a dismissal is not forever. On day 56 after
    dismissing, Anouk may be advised again, and is: the figures that made her the best focus
    (the highest value, 1.0) have not changed."""
    profile = _profile((_dismissed(ANOUK, days_ago),))
    portfolio = build_portfolio(profile, 2.0)
    assert ("Anouk" not in _levels(profile, portfolio)) is hidden
    assert portfolio.hidden == int(hidden)
    if not hidden:
        assert _levels(profile, portfolio)["Anouk"] == "focus"


@pytest.mark.parametrize(
    ("changed", "lapsed"),
    [
        pytest.param({}, False, id="nothing changed"),
        pytest.param({"class": "weak"}, True, id="class changed"),
        pytest.param({"strength": 0.423}, True, id="strength -0.1"),
        pytest.param({"strength": 0.623}, True, id="strength +0.1"),
        pytest.param({"strength": 0.473}, False, id="strength -0.05"),
        pytest.param({"strength": 0.6}, False, id="strength +0.077"),
        pytest.param({"value": 0.9}, True, id="value -0.1"),
        pytest.param({"value": 0.85}, True, id="value -0.15"),
        pytest.param({"value": 0.95}, False, id="value -0.05"),
        pytest.param({"value": 0.901}, False, id="value -0.099"),
    ],
)
def test_a_dismissal_lapses_when_the_figures_change_materially(changed, lapsed):
    """A dismissal answers the figures shown: when the tie class differs, or strength or value
    moved by 0.1 or more (``MATERIAL_CHANGE``), the advice rests on other figures and may be
    shown again (the decision stuck to what I saw, not to the person); a smaller move keeps
    it hidden. Anouk today: medium, 0.523, value 1.0; each case says what she showed then."""
    profile = _profile((_dismissed(ANOUK, 10, **changed),))
    portfolio = build_portfolio(profile, 2.0)
    assert ("Anouk" in _levels(profile, portfolio)) is lapsed
    assert portfolio.hidden == int(not lapsed)


@pytest.mark.parametrize("then", [0.0, 0.1, 0.2, 0.3, 0.35, 0.6, 0.7, 0.8, 0.9])
@pytest.mark.parametrize("delta", [-MATERIAL_CHANGE, MATERIAL_CHANGE])
def test_a_move_of_exactly_the_material_change_always_counts(then, delta):
    """The rule is "moved by 0.1 or more" and the figures are kept to three decimals, so a move
    of exactly 0.1 is material whatever the floating-point rounding of the difference
    (0.7 − 0.6 is 0.0999… in binary)."""
    now = round(then + delta, 3)
    if not 0.0 <= now <= 1.0:
        return
    decision = _decision(ANOUK, "focus", M.Verdict.DISMISS, 1, {"class": "medium"})
    for name in ("strength", "value"):
        figures = {"class": "medium", "strength": 0.5, "value": 0.5} | {name: now}
        kept = {"class": "medium", "strength": 0.5, "value": 0.5} | {name: then}
        assert not still_dismissed(replace(decision, figures=kept), figures, TODAY)


def test_a_dismissal_without_figures_lapses_by_time_alone():
    """Dismissals carried over from before figures were kept (migration 0005) cannot be
    compared with today's figures: unknown is unknown, not zero (docs/method.md), so only the
    time limit applies."""
    decision = _decision(ANOUK, "focus", M.Verdict.DISMISS, 10)
    figures = {"class": "weak", "strength": 0.1, "value": 0.0}
    assert still_dismissed(decision, figures, TODAY)
    assert not still_dismissed(decision, figures, TODAY + timedelta(days=DISMISS_DAYS))


def test_the_latest_decision_on_a_tie_counts():
    """Dismissing advice I had accepted withdraws the acceptance; accepting it again later
    stands (the store keeps one standing decision per contact; here all are given): a
    decision that sticks is the last one I took."""
    accepted = _decision(CAS, "focus", M.Verdict.ACCEPT, 5)
    dismissed = _dismissed(CAS, 3)
    profile = _profile((accepted, dismissed))
    assert "Cas" not in _levels(profile, build_portfolio(profile, 3.0))
    again = replace(accepted, decided_at=_at(1, hour=18), id=999)
    profile = _profile((accepted, dismissed, again))
    assert _levels(profile, build_portfolio(profile, 3.0))["Cas"] == "focus"


# --- accepted advice and the weekly plan ------------------------------------------------------


def _plan_names(profile: Profile, budget: float = 3.0) -> dict[str, list[str]]:
    plan = weekly_plan(profile, build_portfolio(profile, budget), [], [])
    return {
        profile.snapshot.contacts[c.position].name: [r.key for r in c.reasons]
        for c in plan.contacts
    }


def test_accepted_investment_puts_the_person_into_the_plan_until_we_are_in_touch():
    """Issue 15: accepting *invest* puts the person into the plan. Seed 004: networking is a
    means, not a goal — accepting advice is only worth something when I act on it. Anouk was
    met 3 days ago: within her 21-day cadence, so not due. Accepted 2 days ago (after that
    meeting), she is due this week whatever the cadence; once we meet again (yesterday) the
    ordinary cadence takes over and she leaves the plan."""
    assert "Anouk" not in _plan_names(_profile())
    accepted = _decision(ANOUK, "focus", M.Verdict.ACCEPT, 2)
    due = _plan_names(_profile((accepted,)))
    assert due["Anouk"][0] == "plan.accepted"
    plan = weekly_plan(_profile((accepted,)), build_portfolio(_profile((accepted,)), 3.0), [], [])
    [anouk] = [c for c in plan.contacts if c.position == ANOUK - 1]
    assert (anouk.action, anouk.overdue_days, anouk.cadence_days) == ("focus", 0, 21)
    assert anouk.reasons[0].figures == {"date": "2026-10-30"}
    met_again = [*INTERACTIONS, *_meetings(ANOUK, (1,))]
    assert "Anouk" not in _plan_names(_profile((accepted,), interactions=met_again))


def test_contact_before_the_decision_does_not_take_the_person_off_the_plan():
    """The commitment is to get in touch *after* deciding: a meeting three days ago, before
    accepting two days ago, does not fulfil it; one yesterday does; no contact at all does
    not."""
    accepted = _decision(ANOUK, "focus", M.Verdict.ACCEPT, 2)
    profile = _profile((accepted,))
    last = profile.snapshot.last_interaction[ANOUK - 1]
    assert last == np.datetime64(_at(3), "s")
    assert not since_decision(accepted, last)
    assert since_decision(accepted, np.datetime64(_at(1), "s"))
    assert not since_decision(accepted, np.datetime64("NaT", "s"))


def test_contact_earlier_the_same_day_is_before_the_decision():
    """A coffee at ten, then accepting *invest* at six that evening: the coffee was before the
    commitment, so the person stays on the plan; a call at eight that evening fulfils it."""
    accepted = _decision(ANOUK, "focus", M.Verdict.ACCEPT, 2)  # 18:00, two days ago
    assert not since_decision(accepted, np.datetime64(_at(2, hour=10), "s"))
    assert since_decision(accepted, np.datetime64(_at(2, hour=20), "s"))


def test_accepted_keep_warm_is_due_even_with_a_90_day_cadence():
    """Keeping a tie warm is a touch per quarter (plan cadence 90 days); accepting that advice
    still puts the person on this week's plan until we are in touch — Cas, met 3 days ago, is
    listed with the reason that I accepted it."""
    accepted = _decision(CAS, "maintain", M.Verdict.ACCEPT, 2)
    due = _plan_names(_profile((accepted,)), budget=3.25)
    assert due["Cas"][0] == "plan.accepted"


def test_a_dismissed_investment_is_not_in_the_plan():
    """Dirk is due (last met 63 days ago, cadence 30) — unless I dismissed investing in him."""
    late = [m for m in INTERACTIONS if DIRK not in m.participants] + _meetings(DIRK, (63,))
    assert "Dirk" in _plan_names(_profile(interactions=late))
    figures = advice_figures_of(_profile(interactions=late), DIRK - 1)
    dismissed = _decision(DIRK, "focus", M.Verdict.DISMISS, 1, figures)
    assert "Dirk" not in _plan_names(_profile((dismissed,), interactions=late))


# --- invitations put off ----------------------------------------------------------------------


def _invitation(invitation_id: int, name: str) -> M.Invitation:
    return M.Invitation(
        name=name,
        direction=M.Direction.INBOUND,
        sent_at=_at(40),
        id=invitation_id,
        profile_url=f"linkedin.com/in/{name.lower().replace(' ', '-')}",
    )


def _later(invitation_id: int, days_ago: float) -> M.Decision:
    return M.Decision(
        M.DecisionKind.INVITATION,
        M.Verdict.LATER,
        _at(days_ago, hour=18),
        invitation_id=invitation_id,
        restore={"status": "pending"},
        id=200 + invitation_id,
    )


@pytest.mark.parametrize(
    ("days_ago", "listed"),
    [(0, ["Kees Laan"]), (LATER_DAYS - 1, ["Kees Laan"]), (LATER_DAYS, ["Kees Laan", "Wim Wit"])],
)
def test_an_invitation_put_off_is_off_the_list_for_four_weeks(days_ago, listed):
    """Seed 000 (3): the question is which invitations to accept — *later* is an answer for
    now: the invitation stays pending, off the list for 28 days, and then comes back."""
    invitations = (_invitation(7, "Wim Wit"), _invitation(8, "Kees Laan"))
    profile = _profile((_later(7, days_ago),), invitations=invitations)
    assert sorted(a.sender for a in triage_invitations(profile)) == listed


# --- end to end: the command line on the demo -------------------------------------------------

DEMO_DAY = TODAY.isoformat()


@pytest.fixture
def demo(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    freeze(monkeypatch)
    return demo_copy


def as_json(db: Path, *args: str) -> Any:
    return json.loads(run(db, *args, "--json"))


def advise(db: Path) -> dict:
    return as_json(db, "advise", "--today", DEMO_DAY)


def status_of(db: Path, contact_id: int) -> str:
    contacts = as_json(db, "contacts", "--today", DEMO_DAY)
    return next(c["status"] for c in contacts if c["id"] == contact_id)


def decision_row(db: Path, decision_id: int, *flags: str) -> dict | None:
    return next((d for d in as_json(db, "decisions", *flags) if d["id"] == decision_id), None)


def pending_invitations(db: Path) -> list[M.Invitation]:
    with Store.open(db) as store, store.connect() as connection:
        return [
            i
            for i in repo.load_invitations(connection)
            if i.direction == M.Direction.INBOUND and i.status == M.InvitationStatus.PENDING
        ]


def listed_invitations(db: Path, today: str = DEMO_DAY) -> list[int]:
    return [i["invitation_id"] for i in as_json(db, "invitations", "--today", today)]


def a_stranger(db: Path) -> dict:
    """A listed invitation from someone who is not a contact yet (a new contact on accepting)."""
    return next(
        i
        for i in as_json(db, "invitations", "--today", DEMO_DAY)
        if i["contact_id"] is None and i["profile_url"]
    )


def test_accepting_let_go_sets_the_status_and_undo_restores_it(demo: Path):
    """Seed 000 (5): choosing means letting go; accepting that advice must change the network
    (the status), not add a label — and what I did I can undo."""
    first = advise(demo)["let_go"][0]
    who, name = first["contact_id"], first["name"]
    assert status_of(demo, who) == "active"
    decided = as_json(demo, "decisions", "accept", str(who), "--today", DEMO_DAY)
    assert decided == {
        "decision_id": decided["decision_id"],
        "action": "let_go",
        "verdict": "accept",
        "advised": "let_go",
    }
    number = decided["decision_id"]

    assert status_of(demo, who) == "let_go"
    assert who not in [i["contact_id"] for i in advise(demo)["let_go"]]
    row = decision_row(demo, number)
    value = next(r for r in first["reasons"] if r["code"] == "portfolio.low_value")["figures"]
    assert row == {
        "id": number,
        "kind": "advice",
        "about": name,
        "contact_id": who,
        "invitation_id": None,
        "action": "let_go",
        "verdict": "accept",
        "decided_at": "2026-11-01T20:00",
        "figures": row["figures"],
        "undone_at": None,
        "lapsed": False,
    }
    assert row["figures"]["value"] == value["value"]
    assert value["value"] < value["needed"]  # less than its time calls for (seed 000)
    assert row["figures"]["class"] in ("weak", "medium", "dormant")  # never a strong, close tie

    undone = as_json(demo, "decisions", "undo", str(number))
    assert undone == {"decision_id": number, "restored": "active"}
    assert status_of(demo, who) == "active"
    assert decision_row(demo, number) is None
    assert decision_row(demo, number, "--all")["undone_at"] == "2026-11-01T20:00"
    assert who in [i["contact_id"] for i in advise(demo)["let_go"]]

    before = table_rows(demo)
    error = refused(demo, "decisions", "undo", str(number))
    assert f"decision {number} was undone on 2026-11-01" in error
    assert table_rows(demo) == before
    assert "no decision 99999" in refused(demo, "decisions", "undo", "99999")


def test_undoing_let_go_restores_the_status_the_tie_had(demo: Path):
    first = advise(demo)["let_go"][0]
    who = str(first["contact_id"])
    run(demo, "contact", "edit", who, "--status", "keep")
    number = as_json(demo, "decisions", "accept", who, "--action", "let_go", "--today", DEMO_DAY)[
        "decision_id"
    ]
    assert status_of(demo, int(who)) == "let_go"
    assert as_json(demo, "decisions", "undo", str(number))["restored"] == "keep"
    assert status_of(demo, int(who)) == "keep"


def test_setting_the_status_back_by_hand_undoes_the_accepted_let_go(demo: Path):
    who = advise(demo)["let_go"][0]["contact_id"]
    number = as_json(demo, "decisions", "accept", str(who), "--today", DEMO_DAY)["decision_id"]
    run(demo, "contact", "edit", str(who), "--status", "active")
    assert status_of(demo, who) == "active"
    assert decision_row(demo, number) is None
    assert decision_row(demo, number, "--all")["undone_at"] == "2026-11-01T20:00"
    assert "was undone" in refused(demo, "decisions", "undo", str(number))


def test_dismissing_focus_hides_it_and_the_hours_go_elsewhere(demo: Path):
    before = advise(demo)
    first = before["focus"][0]
    number = as_json(demo, "decisions", "dismiss", str(first["contact_id"]), "--today", DEMO_DAY)[
        "decision_id"
    ]
    after = advise(demo)
    everyone = [i["contact_id"] for k in ("focus", "maintain", "reactivate") for i in after[k]]
    assert first["contact_id"] not in everyone
    assert after["hidden"] == before["hidden"] + 1
    assert after["hours_used"] <= after["budget_hours"]
    row = decision_row(demo, number)
    assert (row["action"], row["verdict"]) == ("focus", "dismiss")
    assert set(row["figures"]) == {"class", "strength", "value"}
    assert status_of(demo, first["contact_id"]) == "active"  # dismissing changes no status


def test_accepting_investment_fixes_it_and_puts_the_person_into_the_plan(demo: Path):
    """Issue 15: accepting *invest* puts the person into the plan. Someone the portfolio does
    not choose, accepted for focus, is in the portfolio (marked accepted) and due this week."""
    chosen = advise(demo)
    taken = {
        i["contact_id"] for k in ("focus", "maintain", "reactivate", "let_go") for i in chosen[k]
    }
    contacts = as_json(demo, "contacts", "--today", DEMO_DAY)
    other = next(
        c
        for c in contacts
        if c["id"] not in taken and c["tie_class"] == "medium" and c["status"] == "active"
    )
    number = as_json(
        demo, "decisions", "accept", str(other["id"]), "--action", "focus", "--today", DEMO_DAY
    )["decision_id"]
    [item] = [i for i in advise(demo)["focus"] if i["contact_id"] == other["id"]]
    assert item["accepted"] == {"decision_id": number, "decided_at": "2026-11-01T20:00:00"}
    assert item["reasons"][0]["code"] == "portfolio.accepted"
    plan = as_json(demo, "plan", "--today", DEMO_DAY)
    [due] = [c for c in plan["contacts"] if c["contact_id"] == other["id"]]
    assert due["reasons"][0]["code"] == "plan.accepted"


def test_a_new_decision_on_a_person_replaces_the_standing_one(demo: Path):
    """Every decision is kept; the latest on a person stands (the one before is marked undone
    when the new one is taken)."""
    first = advise(demo)["focus"][0]["contact_id"]
    dismissed = as_json(demo, "decisions", "dismiss", str(first), "--today", DEMO_DAY)
    accepted = as_json(
        demo, "decisions", "accept", str(first), "--action", "focus", "--today", DEMO_DAY
    )
    assert decision_row(demo, dismissed["decision_id"]) is None
    assert decision_row(demo, dismissed["decision_id"], "--all")["undone_at"] == "2026-11-01T20:00"
    assert decision_row(demo, accepted["decision_id"])["verdict"] == "accept"
    [item] = [i for i in advise(demo)["focus"] if i["contact_id"] == first]
    assert item["accepted"]["decision_id"] == accepted["decision_id"]


def test_advice_decisions_refuse_bad_input_and_write_nothing(demo: Path):
    before = table_rows(demo)
    assert "action: expected one of focus, maintain, reactivate, let_go, found 'hug'" in refused(
        demo, "decisions", "accept", "1", "--action", "hug", "--today", DEMO_DAY
    )
    assert "no contact matches 'Nobody Here'" in refused(
        demo, "decisions", "accept", "Nobody Here", "--today", DEMO_DAY
    )
    advised = {
        i["contact_id"]
        for k in ("focus", "maintain", "reactivate", "let_go")
        for i in advise(demo)[k]
    }
    quiet = next(
        c["id"] for c in as_json(demo, "contacts", "--today", DEMO_DAY) if c["id"] not in advised
    )
    assert "has no advice now" in refused(
        demo, "decisions", "accept", str(quiet), "--today", DEMO_DAY
    )
    assert table_rows(demo) == before


def test_accepting_an_invitation_makes_a_contact_and_undo_removes_it(demo: Path):
    """Seed 000 (3): which invitations to accept is the question; a decided one leaves the
    list, an accepted one is a contact. Undo puts it back as it was."""
    invitation = a_stranger(demo)
    name, invitation_id = invitation["from"], invitation["invitation_id"]
    contacts_before = as_json(demo, "contacts", "--today", DEMO_DAY)
    assert name not in [c["name"] for c in contacts_before]

    decided = as_json(demo, "invitations", "decide", name, "accept")
    number, new_id = decided["decision_id"], decided["contact_id"]
    assert decided["verdict"] == "accept" and isinstance(new_id, int)
    assert invitation_id not in listed_invitations(demo)
    [contact] = [c for c in as_json(demo, "contacts", "--today", DEMO_DAY) if c["id"] == new_id]
    assert contact["name"] == name and contact["status"] == "active"
    assert contact["profile_url"].endswith(invitation["profile_url"])
    row = decision_row(demo, number)
    assert (row["kind"], row["verdict"], row["about"]) == ("invitation", "accept", name)
    assert (row["invitation_id"], row["contact_id"]) == (invitation_id, new_id)

    undone = as_json(demo, "decisions", "undo", str(number))
    assert undone == {"decision_id": number, "restored": "pending", "removed_contact": new_id}
    assert as_json(demo, "contacts", "--today", DEMO_DAY) == contacts_before
    assert invitation_id in listed_invitations(demo)
    kept = decision_row(demo, number, "--all")
    assert kept is not None and kept["undone_at"] == "2026-11-01T20:00"
    assert kept["about"] == name
    error = refused(demo, "decisions", "undo", str(number))
    assert f"decision {number} was undone on 2026-11-01" in error


def test_undo_keeps_a_contact_that_has_facts_recorded_since(demo: Path):
    invitation = a_stranger(demo)
    decided = as_json(demo, "invitations", "decide", str(invitation["invitation_id"]), "accept")
    new_id = decided["contact_id"]
    run(demo, "log", str(new_id), "--kind", "coffee", "--on", "2026-10-31")
    undone = as_json(demo, "decisions", "undo", str(decided["decision_id"]))
    assert undone == {
        "decision_id": decided["decision_id"],
        "restored": "pending",
        "kept_contact": new_id,
    }
    assert new_id in [c["id"] for c in as_json(demo, "contacts", "--today", DEMO_DAY)]
    assert invitation["invitation_id"] in listed_invitations(demo)


def test_accepting_an_invitation_from_a_contact_links_it_without_a_new_contact(demo: Path):
    known = next(
        i for i in as_json(demo, "invitations", "--today", DEMO_DAY) if i["contact_id"] is not None
    )
    count = len(as_json(demo, "contacts", "--today", DEMO_DAY))
    decided = as_json(demo, "invitations", "decide", str(known["invitation_id"]), "accept")
    assert decided["contact_id"] == known["contact_id"]
    assert len(as_json(demo, "contacts", "--today", DEMO_DAY)) == count
    undone = as_json(demo, "decisions", "undo", str(decided["decision_id"]))
    assert undone == {"decision_id": decided["decision_id"], "restored": "pending"}
    assert len(as_json(demo, "contacts", "--today", DEMO_DAY)) == count


def test_ignoring_an_invitation_takes_it_off_the_list_and_undo_brings_it_back(demo: Path):
    invitation = a_stranger(demo)
    count = len(as_json(demo, "contacts", "--today", DEMO_DAY))
    decided = as_json(demo, "invitations", "decide", invitation["from"], "ignore")
    assert (decided["verdict"], decided["contact_id"]) == ("ignore", None)
    assert invitation["invitation_id"] not in listed_invitations(demo)
    assert invitation["invitation_id"] not in [i.id for i in pending_invitations(demo)]
    assert len(as_json(demo, "contacts", "--today", DEMO_DAY)) == count
    row = decision_row(demo, decided["decision_id"])
    assert (row["kind"], row["verdict"], row["contact_id"]) == ("invitation", "ignore", None)
    as_json(demo, "decisions", "undo", str(decided["decision_id"]))
    assert invitation["invitation_id"] in listed_invitations(demo)


def test_an_invitation_put_off_comes_back_after_four_weeks(demo: Path):
    invitation = a_stranger(demo)
    decided = as_json(demo, "invitations", "decide", invitation["from"], "later")
    assert decided["verdict"] == "later"
    assert invitation["invitation_id"] in [i.id for i in pending_invitations(demo)]
    day = NOW.date()
    for days, listed in ((0, False), (LATER_DAYS - 1, False), (LATER_DAYS, True)):
        shown = listed_invitations(demo, (day + timedelta(days=days)).isoformat())
        assert (invitation["invitation_id"] in shown) is listed, days
    # decided later, it can still be decided now; the new decision replaces the old one
    accepted = as_json(demo, "invitations", "decide", invitation["from"], "accept")
    assert decision_row(demo, decided["decision_id"]) is None
    assert decision_row(demo, accepted["decision_id"])["verdict"] == "accept"


def test_deciding_an_invitation_again_replaces_the_decision(demo: Path):
    """A decision is mine to change (advice.md: a new decision replaces the standing one):
    accepting a stranger and then ignoring them leaves the invitation ignored, removes the
    contact the acceptance made, and keeps the first decision as undone."""
    invitation = a_stranger(demo)
    accepted = as_json(demo, "invitations", "decide", invitation["from"], "accept")
    ignored = as_json(demo, "invitations", "decide", invitation["from"], "ignore")
    assert ignored["contact_id"] is None
    with Store.open(demo) as store, store.connect() as connection:
        found = next(
            i for i in repo.load_invitations(connection) if i.id == invitation["invitation_id"]
        )
        assert found.status == M.InvitationStatus.IGNORED
        ids = {c.id for c in repo.load_contacts(connection, include_merged=True)}
    assert accepted["contact_id"] not in ids
    assert decision_row(demo, accepted["decision_id"], "--all")["undone_at"] is not None
    assert decision_row(demo, ignored["decision_id"])["verdict"] == "ignore"


def test_an_invitation_the_import_says_is_decided_is_refused_and_nothing_is_written(demo: Path):
    invitation = a_stranger(demo)
    with Store.open(demo) as store, store.begin() as connection:
        repo.set_invitation(
            connection, invitation["invitation_id"], M.InvitationStatus.ACCEPTED, None
        )
    before = table_rows(demo)
    for verdict in ("accept", "ignore", "later"):
        error = refused(demo, "invitations", "decide", invitation["from"], verdict)
        assert invitation["from"] in error and "already accepted (so the import says)" in error
    assert table_rows(demo) == before


def test_an_ambiguous_invitation_name_lists_the_candidates_and_writes_nothing(demo: Path):
    pending = pending_invitations(demo)
    words = sorted({w.casefold() for i in pending for w in i.name.split() if len(w) >= 3})
    word, sharing = next(
        (w, found)
        for w in words
        if len(found := [i for i in pending if w in i.name.casefold()]) >= 2
    )
    before = table_rows(demo)
    error = refused(demo, "invitations", "decide", word, "accept")
    assert f"{len(sharing)} pending invitations match {word!r}" in error
    for invitation in sharing[:10]:  # the error lists ten at most
        assert f"{invitation.id} {invitation.name}" in error
    assert table_rows(demo) == before
    # the id settles it
    decided = as_json(demo, "invitations", "decide", str(sharing[0].id), "ignore")
    assert decided["verdict"] == "ignore"


def test_invitation_verdicts_and_names_are_checked(demo: Path):
    before = table_rows(demo)
    invitation = a_stranger(demo)
    assert "verdict: expected one of accept, ignore, later, found 'maybe'" in refused(
        demo, "invitations", "decide", invitation["from"], "maybe"
    )
    assert "no pending invitation from 'Nobody Here'" in refused(
        demo, "invitations", "decide", "Nobody Here", "accept"
    )
    assert table_rows(demo) == before


def test_accepting_an_invitation_from_someone_known_by_profile_url_links_that_contact(
    store: Store,
):
    """An invitation that was not linked when imported, from someone who is a contact under the
    same profile URL: accepting it links that contact instead of making a second one."""
    from tiewise.decisionlog import decide_invitation, undo_decision

    url = "linkedin.com/in/kees-laan"
    with store.begin() as connection:
        (kees,) = repo.add_contacts(
            connection,
            [
                M.Contact(
                    name="Kees Laan", identifiers=(M.Identifier(M.IdentifierKind.PROFILE_URL, url),)
                )
            ],
        )
        (invitation_id,) = repo.add_invitations(connection, [_invitation(0, "Kees Laan")])
    [invitation] = pending_invitations_in(store)
    assert (invitation.id, invitation.contact_id, invitation.profile_url) == (
        invitation_id,
        None,
        url,
    )
    decision, contact_id = decide_invitation(store, invitation, M.Verdict.ACCEPT, NOW)
    assert contact_id == kees
    with store.connect() as connection:
        assert [c.id for c in repo.load_contacts(connection)] == [kees]
        [after] = repo.load_invitations(connection)
    assert (after.status, after.contact_id) == (M.InvitationStatus.ACCEPTED, kees)
    assert decision.restore == {"status": "pending", "contact_id": None, "created_contact": None}
    assert undo_decision(store, int(decision.id), NOW) == {
        "decision_id": decision.id,
        "restored": "pending",
    }
    with store.connect() as connection:
        assert [c.id for c in repo.load_contacts(connection)] == [kees]
        [again] = repo.load_invitations(connection)
    assert (again.status, again.contact_id) == (M.InvitationStatus.PENDING, None)


def pending_invitations_in(store: Store) -> list[M.Invitation]:
    with store.connect() as connection:
        return [
            i for i in repo.load_invitations(connection) if i.status == M.InvitationStatus.PENDING
        ]


def test_a_lapsed_dismissal_is_marked_in_the_list_of_decisions():
    """A dismissal that no longer hides anything must not look active: after eight weeks it
    is listed as lapsed (the advice may come back), while a fresh one is not."""
    from tiewise.advice.portfolio import lapsed_dismissals

    fresh = M.Decision(
        M.DecisionKind.ADVICE, M.Verdict.DISMISS, _at(10), contact_id=ANOUK, action="focus", id=1
    )
    old = M.Decision(
        M.DecisionKind.ADVICE, M.Verdict.DISMISS, _at(60), contact_id=BRAM, action="focus", id=2
    )
    assert lapsed_dismissals(_profile((fresh, old))) == frozenset({2})


def test_a_decision_against_the_advice_stands_but_says_it_is_not_the_advice(demo: Path):
    """The user decides; but the tool must not present her choice as its advice (a close tie is
    never advised to be let go): accepting *let go* for someone advised *invest* is recorded
    and says what the advice is."""
    focus = advise(demo)["focus"][0]
    out = run(
        demo,
        "decisions",
        "accept",
        str(focus["contact_id"]),
        "--action",
        "let_go",
        "--today",
        DEMO_DAY,
    )
    assert "this is your choice, not the advice" in " ".join(out.split())
    assert "now is: invest" in " ".join(out.split())
