"""Selective investment: whom to invest in (focus), keep cheaply (maintain), let go and reactivate.

The seed article's claim: investing in a limited number of relationships that serve one's goals
yields more than a large network, and choosing means letting go. Under a time budget of ``B``
hours per month (default 8, two hours a week), each tie gets a level — none, *maintain* or
*focus* — that costs hours per month (``FOCUS_HOURS`` by tie class; ``MAINTAIN_HOURS``) and
yields a share of the tie's relevance to each goal (focus 1, maintain ``MAINTAIN_SHARE``).
Relevance ``r[g, i]`` comes from ``analysis/fit.py``.

Objective (monotone submodular in the chosen levels; Lin 2001 and Burt 1992 for the grouping):

    F = Σ_g π_g Σ_{c ∈ groups(g)} φ_g(R_gc),   R_gc = Σ_{i ∈ c} level_i · r[g, i],
    φ_g(x) = 1 − exp(−x / κ_g),   π_g = priority_g / 5

Diminishing returns per goal come from the concave ``φ``. For an *instrumental* goal the groups
are the worlds my contacts live in (``worlds``: a cluster is one; a contact outside every cluster
is one with those it is linked to, an isolate one of its own — Burt 1992), with κ = 1: a second tie
into the same circle adds less than a first tie into another — the spread across clusters that
non-redundant information needs. For an *expressive* goal all contacts form one group (κ = 1):
the objective saturates after a few strong ties, not many. A *mixed* goal counts half of each.

Only ties that serve a named goal (relevance ≥ ``SERVES_RELEVANCE`` to one of them) can be
chosen: hours no such tie can use stay unspent — seed 000, effective networking is staying home
more often. Active ties are chosen first and dormant ones with the hours left (``_active_first``).

Selection: greedy cost-benefit — repeatedly take the upgrade (none → maintain, none → focus,
maintain → focus) with the highest gain per hour that still fits the budget — and, separately,
greedy by gain alone; the better of the two is kept, which guarantees at least (1 − 1/e)/2 of the
optimum for a budgeted monotone submodular objective (Khuller, Moss & Naor 1999; Leskovec et al.
2007, KDD) — here within each of the two rounds (active ties, then dormant ones with the hours
left), so over the active ties; the rounds are a preference the objective alone would not make.
Each step is vectorised over all contacts and goals.

A focus tie that is dormant is listed under *reactivate*: dormant ties, reactivated, give more
novel knowledge than active ones at low cost (Levin, Walter & Murnighan 2011, *Organization
Science* 22). The hours of focus, reactivate and maintain together never exceed the budget.

*Let go* ("ontvrienden"): ties not chosen whose goal value ``v_i = Σ_g π_g r[g, i] / Σ_g π_g`` is
below what their time calls for, ``LET_GO_VALUE + LET_GO_VALUE_PER_HOUR · h_i`` with ``h_i`` the
hours of contact in the last year (0.1, and 0.1 more for every 10 hours: a tie that takes 39
hours a year must serve the goals at 0.49 or more), and that either cost time — ``COSTLY_HOURS`` of
contact or
``COSTLY_MEETINGS`` meetings in the last year (``tie_costs``; seed 000: letting go of a tie that
costs nothing saves nothing, so these come first, most hours first) — or have been silent for
``LET_GO_SILENT_DAYS`` (two years; or never had contact — but silence counts from when we met at
the latest, so a tie met last month is not two years silent) and show no reciprocity (no
interaction they started, nothing received from them). Each item names the value, the cost and
the closeness. Never a tie the user marked *keep*, never a tie already let go, and never a
*protected* tie: one with relevance ≥ ``PROTECT_RELEVANCE`` to a *fun* or *sociability* goal the
user holds.

Without a named goal there is no basis for letting anyone go (seed 004: set goals first, then
build the network that fits them): the let-go list is empty and ``needs_goal`` says to name a
goal first. A close tie (rated 4–5 or class strong) is never let go for not serving the named
goals (``close_ties``): it serves expressive goals whether or not one is named. When none of the
named goals is expressive, ``close_unserved`` counts the close ties that serve none of them, and
the advice says so and offers the expressive goals of the catalogue (seed 004: fun and support
are goals too).

My decisions stick (``advice/decisions.py``): advice I accepted fixes that tie's level before
the optimiser runs (its hours are paid first), advice I dismissed keeps the tie out of the
optimiser and the let-go list until the dismissal lapses, and ``hidden`` counts what is held back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np

from tiewise.advice.decisions import StandingAdvice, advice_figures, standing_advice
from tiewise.advice.reasons import Reason, Term
from tiewise.analysis.fit import fit_to_json, goal_term
from tiewise.analysis.profile import Profile
from tiewise.analysis.strength import days_before
from tiewise.analysis.structure import worlds
from tiewise.errors import InputError
from tiewise.goals import goal_class
from tiewise.i18n import text
from tiewise.model import Decision, ExchangeDirection, GoalClass, TieStatus

DEFAULT_BUDGET_HOURS = 8.0
BUDGET_SETTING = "budget_hours"  # the setting that holds my budget (the report and the web)
FOCUS_HOURS = {"strong": 2.0, "medium": 1.5, "weak": 1.0, "dormant": 1.0}
MAINTAIN_HOURS = 0.25
MAINTAIN_SHARE = 0.15
INSTRUMENTAL_KAPPA = 1.0
EXPRESSIVE_KAPPA = 1.0
LET_GO_VALUE = 0.1
LET_GO_VALUE_PER_HOUR = 0.01  # the value a tie must add per hour of contact a year to be kept
LET_GO_SILENT_DAYS = 730
PROTECT_RELEVANCE = 0.25
SERVES_RELEVANCE = 0.2  # an item lists the goals a tie serves at least this much
PROTECTING_GOALS = frozenset({"fun", "sociability"})
CLOSE_RATING = 4  # closeness 4 or 5 of 5: a close tie
COST_WINDOW_DAYS = 365
COSTLY_HOURS = 10.0  # a year's contact that makes letting go worth something (seed 000)
COSTLY_MEETINGS = 12  # or about one meeting a month
MEETING_KINDS = ("meeting", "coffee", "meal", "call", "video")
MIN_GAIN = 1e-9
NONE, MAINTAIN, FOCUS = 0, 1, 2
LEVEL_SHARE = np.array([0.0, MAINTAIN_SHARE, 1.0])
ACCEPTED_LEVEL = {"focus": FOCUS, "reactivate": FOCUS, "maintain": MAINTAIN}


@dataclass(frozen=True)
class Item:
    """One piece of portfolio advice about one tie."""

    position: int
    hours_per_month: float
    goals: tuple[str, ...]  # keys of the goals it serves
    reasons: tuple[Reason, ...]
    accepted: Decision | None = None  # the standing decision when I accepted this advice


@dataclass(frozen=True)
class Portfolio:
    budget_hours: float
    focus: tuple[Item, ...]
    maintain: tuple[Item, ...]
    reactivate: tuple[Item, ...]
    let_go: tuple[Item, ...]
    protected: int
    close_kept: int  # close ties kept out of let go whatever the goals (seed 004)
    close_unserved: int  # of those, the ones serving none of the named goals
    expressive_named: bool  # an expressive goal is among the named ones
    needs_goal: bool  # no goal named: no basis for letting anyone go (seed 004, METHOD.md)
    hidden: int  # items I dismissed that stay hidden (advice/decisions.py)
    objective: float
    method: str  # "cost-benefit" or "gain" — which greedy run was kept
    let_go_total: int = 0  # ties advised to let go before ``limit`` cut the list

    @property
    def hours_used(self) -> float:
        return sum(i.hours_per_month for i in (*self.focus, *self.maintain, *self.reactivate))


@dataclass(frozen=True, eq=False)
class _Problem:
    """The objective's data: relevance, goal weights and the group of every contact per goal."""

    relevance: np.ndarray  # goals × contacts
    weight: np.ndarray  # per goal, π_g × share of this part
    kappa: np.ndarray  # per goal part
    groups: np.ndarray  # parts × contacts, group index
    group_count: np.ndarray  # per part
    focus_hours: np.ndarray  # per contact
    allowed: np.ndarray  # contacts the optimiser may choose


def _problem(profile: Profile, allowed: np.ndarray) -> _Problem:
    """Split each goal into its parts (instrumental: by cluster; expressive: one group)."""
    relevance = profile.relevance
    clusters = worlds(profile.snapshot.links, profile.structure)
    single = np.zeros_like(clusters)
    rows, weights, kappas, groups, counts = [], [], [], [], []
    for g, (goal, klass) in enumerate(zip(relevance.goals, relevance.classes, strict=True)):
        priority = goal.priority / 5.0
        parts = {
            GoalClass.INSTRUMENTAL: [(1.0, INSTRUMENTAL_KAPPA, clusters)],
            GoalClass.EXPRESSIVE: [(1.0, EXPRESSIVE_KAPPA, single)],
            GoalClass.MIXED: [
                (0.5, INSTRUMENTAL_KAPPA, clusters),
                (0.5, EXPRESSIVE_KAPPA, single),
            ],
        }[klass]
        for share, kappa, group in parts:
            rows.append(relevance.values[g])
            weights.append(priority * share)
            kappas.append(kappa)
            groups.append(group)
            counts.append(int(group.max()) + 1 if group.size else 1)
    classes = profile.strength.tie_class
    focus_hours = np.array([FOCUS_HOURS[str(c)] for c in classes], dtype=np.float64)
    n = profile.snapshot.size
    return _Problem(
        relevance=np.array(rows).reshape(len(rows), n),
        weight=np.array(weights),
        kappa=np.array(kappas),
        groups=np.array(groups, dtype=np.int64).reshape(len(groups), n),
        group_count=np.array(counts, dtype=np.int64),
        focus_hours=focus_hours,
        allowed=allowed,
    )


def _active_first(
    problem: _Problem, budget: float, by_ratio: bool, fixed: np.ndarray, dormant: np.ndarray
) -> np.ndarray:
    """The greedy in two rounds: active ties first, then — with the hours left — dormant ones.
    Reactivating a dormant tie gives novel knowledge (Levin, Walter & Murnighan 2011) but is
    not preferred to an active tie without a reason shown (METHOD.md): it costs less per hour
    in the objective, so a single round would buy it first."""
    active = replace(problem, allowed=problem.allowed & ~dormant)
    levels = _greedy(active, budget, by_ratio, fixed)
    rest = replace(problem, allowed=problem.allowed & dormant & (levels == NONE))
    return _greedy(rest, budget, by_ratio, levels)


def _objective(problem: _Problem, levels: np.ndarray) -> float:
    total = 0.0
    share = LEVEL_SHARE[levels]
    for part in range(problem.weight.size):
        sums = np.bincount(
            problem.groups[part],
            weights=share * problem.relevance[part],
            minlength=problem.group_count[part],
        )
        total += problem.weight[part] * float(np.sum(1.0 - np.exp(-sums / problem.kappa[part])))
    return total


def _greedy(problem: _Problem, budget: float, by_ratio: bool, fixed: np.ndarray) -> np.ndarray:
    """Upgrade one tie at a time (see the module docstring), starting from the ``fixed`` levels
    (advice I accepted), which are paid first and never changed; returns every tie's level."""
    n = problem.focus_hours.size
    levels = fixed.copy()
    hours = np.stack([np.zeros(n), np.full(n, MAINTAIN_HOURS), problem.focus_hours])
    spent = float(hours[levels, np.arange(n)].sum())
    sums = [
        np.bincount(
            problem.groups[part],
            weights=LEVEL_SHARE[levels] * problem.relevance[part],
            minlength=problem.group_count[part],
        ).astype(np.float64)
        for part in range(problem.weight.size)
    ]
    while True:
        best: tuple[float, float, int, int] | None = None  # (score, gain, contact, level)
        for target in (MAINTAIN, FOCUS):
            share_now = LEVEL_SHARE[levels]
            delta_share = np.where(levels < target, LEVEL_SHARE[target] - share_now, 0.0)
            cost = hours[target] - hours[levels, np.arange(n)]
            feasible = problem.allowed & (levels < target) & (spent + cost <= budget + 1e-9)
            if not feasible.any():
                continue
            gain = np.zeros(n)
            for part in range(problem.weight.size):
                current = sums[part][problem.groups[part]]
                added = delta_share * problem.relevance[part]
                gain += problem.weight[part] * (
                    np.exp(-current / problem.kappa[part])
                    - np.exp(-(current + added) / problem.kappa[part])
                )
            score = np.where(
                feasible, gain / np.where(cost > 0, cost, 1.0) if by_ratio else gain, -1
            )
            i = int(np.argmax(score))
            if score[i] > MIN_GAIN and (best is None or score[i] > best[0]):
                best = (float(score[i]), float(gain[i]), i, target)
        if best is None:
            return levels
        _, _, i, target = best
        spent += float(hours[target, i] - hours[levels[i], i])
        for part in range(problem.weight.size):
            sums[part][problem.groups[part][i]] += (
                LEVEL_SHARE[target] - LEVEL_SHARE[levels[i]]
            ) * problem.relevance[part][i]
        levels[i] = target


def silent_days(profile: Profile, day: date) -> np.ndarray:
    """Days from the last interaction per contact to the end of ``day`` (``inf`` without any)."""
    return np.nan_to_num(days_before(profile.snapshot.last_interaction, day), nan=np.inf)


def _received_anything(profile: Profile) -> np.ndarray:
    snapshot = profile.snapshot
    received = np.zeros(snapshot.size, dtype=bool)
    for exchange in snapshot.exchanges:
        if exchange.direction == ExchangeDirection.RECEIVED:
            received[snapshot.index_of(exchange.contact_id)] = True
    return received


def _inbound_ever(profile: Profile) -> np.ndarray:
    snapshot = profile.snapshot
    inbound = np.isin(snapshot.interaction_directions, ("inbound", "mutual")).astype(np.int64)
    return (snapshot.participation.T @ inbound) > 0


def close_ties(profile: Profile) -> np.ndarray:
    """Close ties — rated 4 or 5, or, when not rated, of class strong: they serve expressive
    goals (support, fun, a sounding board) whether or not such a goal is named, so they are
    never let go for not serving the goals that are (seed 004). A rating decides where there is
    one (Marsden & Campbell 1984: closeness is the best indicator; frequency is contaminated by
    context — a committee met weekly is not close when I rate it 1)."""
    closeness = profile.snapshot.closeness
    rated = ~np.isnan(closeness)
    strong = profile.strength.tie_class == "strong"
    return np.where(rated, np.nan_to_num(closeness) >= CLOSE_RATING, strong)


def tie_costs(profile: Profile) -> tuple[np.ndarray, np.ndarray]:
    """What each tie cost me over the last ``COST_WINDOW_DAYS``: hours of contact whose
    length is known, and the number of meetings (meetings, coffees, meals, calls, video
    calls) — unknown lengths are not guessed (seed 000: weigh what a tie costs)."""
    snapshot = profile.snapshot
    age = days_before(snapshot.interaction_times, profile.today)
    recent = (age >= 0) & (age <= COST_WINDOW_DAYS)
    met = recent & np.isin(snapshot.interaction_kinds, MEETING_KINDS)
    minutes = np.where(recent, np.nan_to_num(snapshot.interaction_minutes), 0.0)
    by_contact = snapshot.participation.T
    return by_contact @ minutes / 60.0, by_contact @ met.astype(np.float64)


def saved_budget(profile: Profile) -> float:
    """The budget saved in the settings (the web app's settings page), else the default."""
    value = profile.snapshot.setting(BUDGET_SETTING)
    return float(value) if value is not None else DEFAULT_BUDGET_HOURS


def check_budget(hours: float) -> float:
    """``hours`` if it is a budget one can plan with (above 0 hours a month), else an
    :class:`InputError` naming the field: with no time, nothing can be chosen, so a budget of
    0 is a typing error rather than a plan."""
    if not hours > 0:
        raise InputError(
            f"--budget: expected hours per month above 0 (default {DEFAULT_BUDGET_HOURS:g}), "
            f"found {hours:g}",
            field="budget",
            key="error.budget",
            values={"default": DEFAULT_BUDGET_HOURS, "found": hours},
        )
    return hours


def goal_value(profile: Profile) -> np.ndarray:
    """Each tie's value to my goals, ``v_i = Σ_g π_g r[g, i] / Σ_g π_g`` (0 without goals)."""
    relevance = profile.relevance
    priorities = np.array([g.priority / 5.0 for g in relevance.goals])
    if not priorities.size:
        return np.zeros(profile.snapshot.size)
    return (priorities @ relevance.values) / priorities.sum()


def lapsed_dismissals(profile: Profile) -> frozenset[int]:
    """Ids of the dismissals that have lapsed (8 weeks passed, or the figures changed): the
    advice may come back, and the list of decisions says so."""
    strength = profile.strength
    return standing_advice(
        profile.snapshot, strength.tie_class, strength.score, goal_value(profile), profile.today
    ).lapsed


def advice_figures_of(profile: Profile, position: int) -> dict[str, float | str]:
    """The figures of one tie's advice, kept with a decision on it (``advice/decisions.py``)."""
    strength = profile.strength
    return advice_figures(
        str(strength.tie_class[position]),
        float(strength.score[position]),
        float(goal_value(profile)[position]),
    )


def build_portfolio(
    profile: Profile,
    budget_hours: float = DEFAULT_BUDGET_HOURS,
    limit: int | None = 25,
) -> Portfolio:
    """The portfolio under ``budget_hours`` (see the module docstring); ``limit`` caps the let-go
    list (``None``: all)."""
    snapshot, relevance = profile.snapshot, profile.relevance
    statuses = np.array([t.status.value for t in snapshot.ties], dtype=object)
    keep = statuses == TieStatus.KEEP.value
    let_go_already = statuses == TieStatus.LET_GO.value
    protecting = [g for g, goal in enumerate(relevance.goals) if goal.key in PROTECTING_GOALS]
    protected = keep.copy()
    if protecting:
        protected |= (relevance.values[protecting] >= PROTECT_RELEVANCE).any(axis=0)
    close = close_ties(profile)
    protected |= close
    served = (relevance.values >= SERVES_RELEVANCE).any(axis=0)  # serves a named goal
    value = goal_value(profile)
    strength = profile.strength
    standing = standing_advice(snapshot, strength.tie_class, strength.score, value, profile.today)
    fixed = np.zeros(snapshot.size, dtype=np.int64)
    for i, decision in standing.accepted.items():
        if not let_go_already[i] and decision.action in ACCEPTED_LEVEL:
            fixed[i] = ACCEPTED_LEVEL[decision.action]
    dismissed = np.zeros(snapshot.size, dtype=bool)
    dismissed_let_go = np.zeros(snapshot.size, dtype=bool)
    for i, actions in standing.dismissed.items():
        dismissed[i] = bool(actions - {"let_go"})
        dismissed_let_go[i] = "let_go" in actions
    # only ties that serve a named goal get hours; what is left over stays unspent (seed 000:
    # effective networking is staying home more often)
    allowed = ~let_go_already & ~dismissed & (fixed == NONE) & served
    problem = _problem(profile, allowed)
    dormant = profile.strength.tie_class == "dormant"
    runs = {
        name: _active_first(problem, budget_hours, by_ratio, fixed, dormant)
        for name, by_ratio in (("cost-benefit", True), ("gain", False))
    }
    values = {name: _objective(problem, levels) for name, levels in runs.items()}
    method = max(values, key=lambda name: (values[name], name == "cost-benefit"))
    levels = runs[method]

    silent = silent_days(profile, profile.today)
    # silence cannot be longer than we have known each other (a tie met last month, with no
    # interaction recorded yet, has not been silent for two years)
    met = np.array([t.met_on or np.datetime64("NaT") for t in snapshot.ties], dtype="datetime64[s]")
    known = np.nan_to_num(days_before(met, profile.today), nan=np.inf)
    silent_for_let_go = np.minimum(silent, known)
    reciprocated = _received_anything(profile) | _inbound_ever(profile)
    hours, meetings = tie_costs(profile)
    costly = (hours >= COSTLY_HOURS) | (meetings >= COSTLY_MEETINGS)
    called_for = LET_GO_VALUE + LET_GO_VALUE_PER_HOUR * hours  # seed 000: weigh the time
    unused = (levels == NONE) & ~protected & ~let_go_already & (value < called_for)
    let_go_candidates = unused & (
        costly | ((silent_for_let_go >= LET_GO_SILENT_DAYS) & ~reciprocated)
    )
    let_go_mask = let_go_candidates & ~dismissed_let_go & bool(relevance.goals)
    let_go_order = np.flatnonzero(let_go_mask)
    let_go_order = let_go_order[
        np.lexsort((-silent[let_go_order], value[let_go_order], -hours[let_go_order]))
    ]
    if limit is not None:
        let_go_order = let_go_order[:limit]

    explain = _Explainer(profile, value, silent, standing, hours, meetings)
    classes = profile.strength.tie_class
    chosen = np.flatnonzero(levels > NONE)
    chosen = chosen[np.argsort(-value[chosen], kind="stable")]
    focus = [
        explain.invest(i, problem.focus_hours[i])
        for i in chosen
        if levels[i] == FOCUS and classes[i] != "dormant"
    ]
    reactivate = [
        explain.reactivate(i, problem.focus_hours[i])
        for i in chosen
        if levels[i] == FOCUS and classes[i] == "dormant"
    ]
    maintain = [explain.maintain(i) for i in chosen if levels[i] == MAINTAIN]
    return Portfolio(
        budget_hours=budget_hours,
        focus=tuple(focus),
        maintain=tuple(maintain),
        reactivate=tuple(reactivate),
        let_go=tuple(explain.let_go(int(i)) for i in let_go_order),
        protected=int(protected.sum()),
        close_kept=int((close & ~let_go_already).sum()),
        close_unserved=int((close & ~let_go_already & ~served).sum()),
        expressive_named=any(goal_class(g) == GoalClass.EXPRESSIVE for g in relevance.goals),
        needs_goal=not relevance.goals,
        hidden=int(
            (dismissed & ~let_go_already).sum() + (let_go_candidates & dismissed_let_go).sum()
        ),
        objective=round(values[method], 6),
        method=method,
        let_go_total=int(let_go_mask.sum()),
    )


class _Explainer:
    """Builds each item's reasons from the figures that drove it."""

    def __init__(
        self,
        profile: Profile,
        value: np.ndarray,
        silent: np.ndarray,
        standing: StandingAdvice,
        hours: np.ndarray,
        meetings: np.ndarray,
    ):
        self.profile, self.value, self.silent = profile, value, silent
        self.standing, self.hours, self.meetings = standing, hours, meetings

    def _goals(self, i: int) -> tuple[tuple[str, ...], list[Reason]]:
        relevance = self.profile.relevance
        served = [
            (float(relevance.values[g, i]), goal)
            for g, goal in enumerate(relevance.goals)
            if relevance.values[g, i] >= SERVES_RELEVANCE
        ]
        served.sort(key=lambda pair: (-pair[1].priority * pair[0], pair[1].key))
        reasons = [
            Reason(
                "portfolio.serves",
                {"goal": goal_term(goal), "relevance": round(r, 2)},
            )
            for r, goal in served[:3]
        ]
        return tuple(goal.key for _, goal in served), reasons

    def _tie(self, i: int) -> Reason:
        strength = self.profile.strength
        klass = str(strength.tie_class[i])
        return Reason(
            "portfolio.tie",
            {
                "klass": Term(text(f"class.{klass}", "en"), text(f"class.{klass}", "nl")),
                "strength": round(float(strength.score[i]), 2),
            },
        )

    def _bridging(self, i: int) -> list[Reason]:
        roles = self.profile.relevance.roles
        if roles.degree[i] > 0 and roles.bridging[i] >= 0.5:
            return [Reason("portfolio.bridging", {"share": round(float(roles.bridging[i]), 2)})]
        return []

    def _silence(self, i: int) -> Reason:
        days = self.silent[i]
        if np.isinf(days):
            return Reason("portfolio.never", {"interactions": 0})
        return Reason("portfolio.silent", {"days": int(days)})

    def _item(self, i: int, hours: float, reasons: list[Reason], goals: tuple[str, ...]) -> Item:
        accepted = self.standing.accepted.get(int(i))
        if accepted is not None:
            reasons = [
                Reason("portfolio.accepted", {"date": accepted.decided_at.date().isoformat()}),
                *reasons,
            ]
        return Item(int(i), round(float(hours), 2), goals, tuple(reasons), accepted)

    def invest(self, i: int, hours: float) -> Item:
        goals, reasons = self._goals(i)
        return self._item(i, hours, [*reasons, self._tie(i), *self._bridging(i)], goals)

    def reactivate(self, i: int, hours: float) -> Item:
        goals, reasons = self._goals(i)
        dormant = Reason("portfolio.dormant", {"days": int(self.silent[i])})
        return self._item(i, hours, [dormant, *reasons, *self._bridging(i)], goals)

    def maintain(self, i: int) -> Item:
        goals, reasons = self._goals(i)
        return self._item(i, MAINTAIN_HOURS, [*reasons[:1], self._tie(i), self._silence(i)], goals)

    def let_go(self, i: int) -> Item:
        """What letting go saves set against what the tie serves, with its closeness (seed
        000: letting go of a tie that costs nothing saves nothing; METHOD.md)."""
        if self.hours[i] >= COSTLY_HOURS or self.meetings[i] >= COSTLY_MEETINGS:
            cost = Reason(
                "portfolio.costs",
                {"hours": round(float(self.hours[i]), 1), "meetings": int(self.meetings[i])},
            )
        elif np.isinf(self.silent[i]):
            cost = Reason("portfolio.costs_nothing_never", {"interactions": 0})
        else:
            cost = Reason("portfolio.costs_nothing", {"days": int(self.silent[i])})
        closeness = self.profile.snapshot.closeness[i]
        close = (
            Reason("portfolio.closeness", {"closeness": int(closeness)})
            if not np.isnan(closeness)
            else Reason(
                "portfolio.unrated",
                {"strength": round(float(self.profile.strength.score[i]), 2)},
            )
        )
        reasons = [
            Reason(
                "portfolio.low_value",
                {
                    "value": round(float(self.value[i]), 3),
                    "needed": round(LET_GO_VALUE + LET_GO_VALUE_PER_HOUR * float(self.hours[i]), 2),
                },
            ),
            cost,
            close,
        ]
        return self._item(i, 0.0, reasons, ())


def portfolio_to_json(portfolio: Portfolio, profile: Profile, language: str) -> dict[str, Any]:
    """The contract of ``tiewise advise --json``."""
    snapshot = profile.snapshot

    def items(entries: tuple[Item, ...]) -> list[dict[str, Any]]:
        return [
            {
                "contact_id": int(snapshot.contact_ids[item.position]),
                "name": snapshot.contacts[item.position].name,
                "hours_per_month": item.hours_per_month,
                "goals": list(item.goals),
                "reasons": [r.to_json(language) for r in item.reasons],
                "accepted": None
                if item.accepted is None
                else {
                    "decision_id": item.accepted.id,
                    "decided_at": item.accepted.decided_at.isoformat(),
                },
            }
            for item in entries
        ]

    return {
        "budget_hours": portfolio.budget_hours,
        "hours_used": round(portfolio.hours_used, 2),
        "focus": items(portfolio.focus),
        "maintain": items(portfolio.maintain),
        "let_go": items(portfolio.let_go),
        "let_go_total": portfolio.let_go_total,
        "reactivate": items(portfolio.reactivate),
        "protected": portfolio.protected,
        "close_kept": portfolio.close_kept,
        "close_unserved": portfolio.close_unserved,
        "expressive_named": portfolio.expressive_named,
        "needs_goal": portfolio.needs_goal,
        "hidden": portfolio.hidden,
        "objective": portfolio.objective,
        "method": portfolio.method,
        "goals": fit_to_json(profile.fit, language),
    }
