"""What each event series yields, with honest uncertainty: keep, skip or try — and hours saved.

Seed 000 ("Effectief netwerken is vaker thuisblijven"): many entrepreneurs keep going to the same
networking events after concluding they yield little; successful ones are selective, so
"effective networking means staying home more often". This module measures it.

Value of an outcome
    Its own ``value_eur`` when recorded, else a value per kind (:data:`DEFAULT_VALUES`, which
    the user can change: setting ``events.value.<kind>``). Fun outcomes are worth €0: fun is
    measured by enjoyment and protected by the fun goal, not priced.

Return per series s (Gamma–Poisson with shrinkage toward my overall rate; Gelman et al.,
*Bayesian Data Analysis*, 3rd ed., §2.6, the conjugate Poisson–gamma model)
    ``n_s`` yielding outcomes (fun excluded) credited to my visits (attribution: see
    ``analysis/attendance.py``) over ``H_s`` visit hours: ``n_s ~ Poisson(λ_s·H_s)``. Prior
    ``λ_s ~ Gamma(α0, β0)`` with ``β0 = PRIOR_VISITS × my median visit hours`` and
    ``α0 = r·β0``, ``r = Σn/ΣH`` my overall rate (empirical Bayes): the prior is worth
    :data:`PRIOR_VISITS` typical visits. Posterior ``Gamma(α0 + n_s, β0 + H_s)``: its mean lies
    between my overall rate and the series' own, nearer its own as hours accumulate, so one visit
    is not judged like twenty.
    Mean value per outcome, shrunk toward ``ṽ`` — the median value of all my outcomes, the
    typical outcome, robust to a few large deals that would otherwise lend every series their
    value — with ``m`` pseudo-outcomes: ``(Σv + m·ṽ)/(n_s + m)``; its uncertainty by a Bayesian
    bootstrap (Rubin 1981, *Annals of Statistics* 9) over the series' values and the ``m``
    pseudo-outcomes (weight ``m`` together).
    Value per hour = rate × mean value: the point is the product of the two posterior means; the
    interval is the central :data:`CREDIBLE` share of :data:`DRAWS` joint draws (seeded by the
    series name, so a report is reproducible). Outcomes per hour and new goal-relevant contacts
    per visit use the same Gamma–Poisson model; enjoyment is shrunk toward my overall mean with
    :data:`ENJOYMENT_PSEUDO` pseudo-visits, with a normal interval.

Prior rate and typical value, so that thin data never decide alone
    The pooled rate ``r`` carries a hyperprior worth the same two typical visits:
    ``r = (Σn + r0·β0) / (ΣH + β0)`` with ``r0 = DEFAULT_THRESHOLD / v0`` — a series I know
    nothing about is presumed to yield about the default threshold — and ``v0`` the median of
    my values per kind (fun excluded; €400 with the defaults). ``ṽ`` is the median of the values
    of the outcomes credited to my events together with :data:`VALUE_PSEUDO_OUTCOMES` outcomes
    worth ``v0``, so one large deal does not lend its value to every other series. With no
    outcome anywhere, ``r`` is small but not zero and one visit is not "credibly" anything.
    Outcomes are credited in shares along the chain of ``analysis/attendance.py``: ``n_s`` and
    the values are share-weighted.

Threshold and verdicts
    See ``advice/event_verdicts.py``: the threshold is mine, my own median (only with enough
    outcomes) or a stated default of €25 per hour, never €0 by accident; each verdict keeps the
    rule that produced it and the figures that drove it. Goal-relevant new contacts per *hour*
    (Gamma–Poisson, prior worth two visits' hours at my pooled rate) are part of the yield.

Hours saved (last 12 months)
    For every series I visited before the 12 months began ("what I used to attend"), the past
    occurrences of the last 12 months I did not attend, times my mean hours per visit there.
    Hours saved count the series judged ``skip`` or ``habitual_low_yield``; skipped hours at
    series worth keeping are reported apart, as time perhaps better spent there.

Upcoming occurrences (``attend`` / ``skip`` / ``try_once``)
    From the series verdict: keep, keep_uncertain, new_contacts and fun → attend; try_once
    (never visited) and too_early → try_once; skip, habitual_low_yield and doubtful → skip,
    unless the expected crowd is new (at least
    :data:`NOVEL_MIN_EXPECTED` people expected, at least :data:`NOVEL_SHARE` of them not yet in my
    network, and some in a goal's target segment or a sector I have no one in) → try_once. The
    crowd comes from an attendee list (encounters of kind ``expected``).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy.special import erfinv, gammaincinv

from tiewise.advice.event_verdicts import (
    ATTEND,
    DEFAULT_THRESHOLD,
    EXPLORE,
    LOW_YIELD,
    VERDICTS,
    Context,
    basis,
    choose_threshold,
    judge,
    value_label,
)
from tiewise.advice.event_verdicts import FUN_ENJOYMENT as FUN_ENJOYMENT  # re-exported
from tiewise.advice.event_verdicts import HABIT_VISITS as HABIT_VISITS  # re-exported
from tiewise.advice.portfolio import PROTECTING_GOALS, SERVES_RELEVANCE
from tiewise.advice.reasons import Reason
from tiewise.analysis.attendance import SeriesLedger, event_ledgers
from tiewise.analysis.profile import Profile
from tiewise.model import (
    AttendanceStatus,
    EncounterKind,
    EventOccurrence,
    GoalClass,
    OutcomeKind,
)

DEFAULT_VALUES: dict[str, float] = {
    OutcomeKind.CLIENT: 2000.0,
    OutcomeKind.DEAL: 2000.0,
    OutcomeKind.HIRE: 1500.0,
    OutcomeKind.JOB_OFFER: 1000.0,
    OutcomeKind.REFERRAL: 500.0,
    OutcomeKind.LEAD: 300.0,
    OutcomeKind.INTRODUCTION: 150.0,
    OutcomeKind.ADVICE: 100.0,
    OutcomeKind.INFORMATION: 50.0,
    OutcomeKind.OTHER: 50.0,
    OutcomeKind.FUN: 0.0,
}
PRIOR_VISITS = 2.0
VALUE_PSEUDO_OUTCOMES = 2.0
ENJOYMENT_PSEUDO = 2.0
CREDIBLE = 0.90
DRAWS = 4000
UPCOMING_DAYS = 60
NOVEL_MIN_EXPECTED = 3
NOVEL_SHARE = 0.5
THRESHOLD_SETTING = "events.threshold"
VALUE_SETTING = "events.value."


@dataclass(frozen=True)
class Estimate:
    """A posterior mean and its central credible interval."""

    point: float
    low: float
    high: float

    def to_json(self) -> dict[str, Any]:
        return {
            "point": round(self.point, 4),
            "interval": [round(self.low, 4), round(self.high, 4)],
        }


@dataclass(frozen=True)
class SeriesReturn:
    ledger: SeriesLedger
    visits: int
    visits_12m: int
    hours: float
    hours_filled: int  # visits whose hours were filled in
    hours_per_visit: float
    cost_eur: float
    outcomes: float  # yielding outcomes credited (fun excluded), in shares
    fun_outcomes: float
    value_eur: float  # share-weighted
    outcomes_per_hour: Estimate
    value_per_hour: Estimate  # a prior when ``visits`` is 0: see ``basis``
    new_relevant: int
    new_relevant_per_visit: Estimate
    new_relevant_per_hour: Estimate
    enjoyment: Estimate | None
    known_share: float | None  # of the people met at my visits, the share I already knew
    verdict: str
    rule: str  # the rule that produced the verdict (advice/event_verdicts.py)
    reasons: tuple[Reason, ...]

    @property
    def name(self) -> str:
        return self.ledger.name

    @property
    def basis(self) -> str:
        """``prior`` (no visits), ``no_outcome`` (thin data) or ``measured``."""
        return basis(self)

    @property
    def value_label(self) -> Reason:
        """The €/h cell: figures only when measured, else "no visits yet" / "N visits, no
        outcome yet" — a prior is never shown as a measurement."""
        return value_label(self)


@dataclass(frozen=True)
class SavedHours:
    name: str
    skipped: int  # past occurrences of the last 12 months I did not attend
    hours: float
    low_yield: bool


@dataclass(frozen=True)
class EventsReport:
    today: date
    threshold: float
    threshold_source: str  # "set" | "median" | "default"
    overall_rate: float  # yielding outcomes per hour, all my visits
    typical_value: float  # ṽ: median euros per credited outcome, with the pseudo-outcomes
    series: tuple[SeriesReturn, ...]
    hours_saved_12m: float
    skipped_worth_keeping_12m: float
    attended_hours_12m: float
    saved: tuple[SavedHours, ...]
    newcomer_rate: float = 0.0  # goal-relevant new contacts per hour, all my visits
    outcomes_recorded: int = 0  # yielding outcomes recorded up to today, credited or not
    outcomes_credited: float = 0.0  # of which credited to my events (sum of shares)

    def by_name(self, name: str) -> SeriesReturn:
        return next(s for s in self.series if s.name == name)


@dataclass(frozen=True)
class Crowd:
    """Who is expected at an upcoming occurrence (from an attendee list)."""

    expected: int
    new: int  # not yet in my network
    in_segment: int  # in the target segment of an instrumental or mixed goal
    new_sectors: tuple[str, ...]  # sectors of expected people that no one in my network has

    @property
    def new_share(self) -> float:
        return self.new / self.expected if self.expected else 0.0

    @property
    def novel(self) -> bool:
        return (
            self.expected >= NOVEL_MIN_EXPECTED
            and self.new_share >= NOVEL_SHARE
            and (self.in_segment > 0 or bool(self.new_sectors))
        )


@dataclass(frozen=True)
class UpcomingAdvice:
    occurrence: EventOccurrence
    series: SeriesReturn
    action: str  # attend | skip | try_once
    crowd: Crowd | None
    reasons: tuple[Reason, ...]


def outcome_values(profile: Profile) -> dict[str, float]:
    """Euros per outcome kind without a recorded value: the defaults, overridden by settings."""
    values = dict(DEFAULT_VALUES)
    for kind in OutcomeKind:
        setting = profile.snapshot.setting(VALUE_SETTING + kind.value)
        if setting is not None:
            values[kind.value] = float(setting)
    return values


def _gamma_interval(shape: np.ndarray, rate: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tail = (1.0 - CREDIBLE) / 2.0
    return gammaincinv(shape, tail) / rate, gammaincinv(shape, 1.0 - tail) / rate


def gamma_poisson(
    counts: np.ndarray,
    exposure: np.ndarray,
    prior_exposure: float,
    prior_rate: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Posterior shape and rate per row, ``Gamma(α0 + n, β0 + E)``, for counts ``n`` over
    exposures ``E`` under the prior ``Gamma(α0, β0)`` with ``β0 = prior_exposure`` and
    ``α0 = r·β0``. ``r`` is the pooled rate ``Σn / ΣE``; with ``prior_rate`` r0 it is
    ``(Σn + r0·β0) / (ΣE + β0)`` — the pooled rate itself shrunk toward r0 with ``β0`` of
    exposure (empirical Bayes with a hyperprior). Floored at 0.001 to stay proper."""
    total = float(exposure.sum())
    if prior_rate is not None:
        overall = (float(counts.sum()) + prior_rate * prior_exposure) / (total + prior_exposure)
    else:
        overall = float(counts.sum()) / total if total > 0 else 0.0
    alpha0 = max(overall * prior_exposure, 1e-3)
    return alpha0 + counts, prior_exposure + exposure


def _estimates(shape: np.ndarray, rate: np.ndarray) -> list[Estimate]:
    low, high = _gamma_interval(shape, rate)
    return [
        Estimate(float(a / b), float(lo), float(hi))
        for a, b, lo, hi in zip(shape, rate, low, high, strict=True)
    ]


def _value_draws(
    name: str,
    shape: float,
    rate: float,
    values: list[float],
    shares: list[float],
    typical_value: float,
) -> np.ndarray:
    """Joint draws of value per hour: rate from its gamma posterior times a Bayesian-bootstrap
    mean value over the series' outcome values (Dirichlet weight = each credited share) plus the
    pseudo-outcomes at ``typical_value`` (weight :data:`VALUE_PSEUDO_OUTCOMES` together)."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    rates = rng.gamma(shape, 1.0 / rate, DRAWS)
    points = np.array([*values, typical_value])
    weights = np.array([*shares, VALUE_PSEUDO_OUTCOMES])
    dirichlet = rng.gamma(np.broadcast_to(weights, (DRAWS, weights.size)))
    means = (dirichlet @ points) / dirichlet.sum(axis=1)
    return rates * means


def _value_estimate(
    name: str,
    rate_point: float,
    shape: float,
    rate: float,
    found: list[tuple[float, float]],
    typical_value: float,
) -> Estimate:
    """Value per hour: rate × value per outcome shrunk toward ``typical_value``,
    ``(Σ s·v + m·ṽ) / (Σ s + m)`` over ``(value, share)`` pairs; interval from the draws."""
    values, shares = [v for v, _ in found], [w for _, w in found]
    shrunk = (sum(v * w for v, w in found) + VALUE_PSEUDO_OUTCOMES * typical_value) / (
        sum(shares) + VALUE_PSEUDO_OUTCOMES
    )
    draws = _value_draws(name, shape, rate, values, shares, typical_value)
    tail = (1.0 - CREDIBLE) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail])
    return Estimate(rate_point * shrunk, float(low), float(high))


def default_value(values_by_kind: dict[str, float]) -> float:
    """``v0``: the median of my values per outcome kind, fun excluded (€400 by default)."""
    return float(np.median([v for k, v in values_by_kind.items() if k != OutcomeKind.FUN]))


def _has_protecting_goal(profile: Profile) -> bool:
    return any(g.key in PROTECTING_GOALS for g in profile.snapshot.goals)


def _relevant(profile: Profile) -> np.ndarray:
    """Contacts who serve some goal at least ``SERVES_RELEVANCE`` (the portfolio's bar)."""
    values = profile.relevance.values
    if not values.shape[0]:
        return np.zeros(profile.snapshot.size, dtype=bool)
    return values.max(axis=0) >= SERVES_RELEVANCE


@dataclass(frozen=True)
class _Tally:
    """The per-series arrays the estimates are made from."""

    hours: np.ndarray
    visits: np.ndarray
    counts: np.ndarray  # credited yielding outcomes, in shares
    found: list[list[tuple[float, float]]]  # per series: (value, share) of each credit
    new_relevant: np.ndarray
    typical_hours: float


def _tally(profile: Profile, ledgers: list[SeriesLedger], value: Any) -> _Tally:
    relevant = _relevant(profile)
    yielding = [[c for c in lg.credits if c.outcome.kind != OutcomeKind.FUN] for lg in ledgers]
    all_visit_hours = [v.hours for lg in ledgers for v in lg.visits]
    return _Tally(
        hours=np.array([sum(v.hours for v in lg.visits) for lg in ledgers], dtype=float),
        visits=np.array([len(lg.visits) for lg in ledgers], dtype=float),
        counts=np.array([sum(c.share for c in y) for y in yielding], dtype=float),
        found=[[(value(c.outcome), c.share) for c in y] for y in yielding],
        new_relevant=np.array(
            [int(relevant[list(lg.first_met)].sum()) if lg.first_met else 0 for lg in ledgers],
            dtype=float,
        ),
        typical_hours=float(np.median(all_visit_hours)) if all_visit_hours else 2.5,
    )


def events_report(profile: Profile, threshold: float | None = None) -> EventsReport:
    """Return per series, verdicts and hours saved as of ``profile.today`` (module docstring).
    ``threshold`` (euros per hour, 0 or more) overrides the setting, the median and the
    default; below zero → :class:`~tiewise.errors.InputError`."""
    snapshot, today = profile.snapshot, profile.today
    ledgers = event_ledgers(snapshot, today)
    values_by_kind = outcome_values(profile)
    year_ago = today - timedelta(days=365)

    def value(outcome: Any) -> float:
        if outcome.value_eur is not None:
            return float(outcome.value_eur)
        return values_by_kind[outcome.kind.value]

    tally = _tally(profile, ledgers, value)
    prior_hours = PRIOR_VISITS * tally.typical_hours
    fallback = default_value(values_by_kind)
    unique = {  # each credited outcome once, at its full value
        c.outcome.id: value(c.outcome)
        for lg in ledgers
        for c in lg.credits
        if c.outcome.kind != OutcomeKind.FUN
    }
    pseudo = [fallback] * int(VALUE_PSEUDO_OUTCOMES)
    typical_value = float(np.median([*unique.values(), *pseudo]))
    shape, rate = gamma_poisson(
        tally.counts, tally.hours, prior_hours, DEFAULT_THRESHOLD / fallback if fallback else None
    )
    outcome_rates = _estimates(shape, rate)
    value_rates = [
        _value_estimate(
            lg.name, outcome_rates[i].point, shape[i], rate[i], tally.found[i], typical_value
        )
        for i, lg in enumerate(ledgers)
    ]
    per_visit = _estimates(*gamma_poisson(tally.new_relevant, tally.visits, PRIOR_VISITS))
    per_hour = _estimates(*gamma_poisson(tally.new_relevant, tally.hours, prior_hours))
    total_hours = float(tally.hours.sum())
    newcomer_rate = float(tally.new_relevant.sum()) / total_hours if total_hours else 0.0
    chosen, source = choose_threshold(
        threshold,
        snapshot.setting(THRESHOLD_SETTING),
        [v.point for v, n in zip(value_rates, tally.visits, strict=True) if n > 0],
        float(tally.counts.sum()),
        int((tally.counts > 0).sum()),
    )
    context = Context(
        threshold=chosen,
        protecting=_has_protecting_goal(profile),
        newcomer_rate=newcomer_rate,
        outcomes_recorded=sum(
            1 for o in snapshot.outcomes if o.occurred_on <= today and o.kind != OutcomeKind.FUN
        ),
        outcomes_credited=float(tally.counts.sum()),
    )
    enjoyment = _enjoyment_estimates(ledgers)
    returns = []
    for i, lg in enumerate(ledgers):
        unjudged = SeriesReturn(
            ledger=lg,
            visits=len(lg.visits),
            visits_12m=sum(1 for v in lg.visits if v.on > year_ago),
            hours=float(tally.hours[i]),
            hours_filled=sum(1 for v in lg.visits if v.hours_filled),
            hours_per_visit=float(tally.hours[i]) / len(lg.visits)
            if lg.visits
            else tally.typical_hours,
            cost_eur=sum(v.cost_eur for v in lg.visits),
            outcomes=float(tally.counts[i]),
            fun_outcomes=sum(c.share for c in lg.credits if c.outcome.kind == OutcomeKind.FUN),
            value_eur=sum(v * w for v, w in tally.found[i]),
            outcomes_per_hour=outcome_rates[i],
            value_per_hour=value_rates[i],
            new_relevant=int(tally.new_relevant[i]),
            new_relevant_per_visit=per_visit[i],
            new_relevant_per_hour=per_hour[i],
            enjoyment=enjoyment[i],
            known_share=(lg.met - len(lg.first_met)) / lg.met if lg.met else None,
            verdict="",
            rule="",
            reasons=(),
        )
        verdict, rule, reasons = judge(unjudged, context)
        returns.append(replace(unjudged, verdict=verdict, rule=rule, reasons=tuple(reasons)))
    saved = _saved_hours(returns, today)
    attended_12m = sum(v.hours for lg in ledgers for v in lg.visits if v.on > year_ago)
    return EventsReport(
        today=today,
        threshold=chosen,
        threshold_source=source,
        overall_rate=float(tally.counts.sum()) / total_hours if total_hours else 0.0,
        typical_value=typical_value,
        newcomer_rate=newcomer_rate,
        outcomes_recorded=context.outcomes_recorded,
        outcomes_credited=context.outcomes_credited,
        series=tuple(sorted(returns, key=_order)),
        hours_saved_12m=sum(s.hours for s in saved if s.low_yield),
        skipped_worth_keeping_12m=sum(s.hours for s in saved if not s.low_yield),
        attended_hours_12m=attended_12m,
        saved=tuple(saved),
    )


def _order(r: SeriesReturn) -> tuple[int, float, str]:
    """Measured series first by value per hour, then series without outcome, then priors."""
    rank = {"measured": 0, "no_outcome": 1, "prior": 2}[r.basis]
    return rank, -r.value_per_hour.point, r.name


def _enjoyment_estimates(ledgers: list[SeriesLedger]) -> list[Estimate | None]:
    scores = [v.enjoyment for lg in ledgers for v in lg.visits if v.enjoyment is not None]
    if not scores:
        return [None] * len(ledgers)
    overall = float(np.mean(scores))
    spread = max(float(np.std(scores)), 0.5)
    z = float(np.sqrt(2.0) * erfinv(CREDIBLE))
    estimates: list[Estimate | None] = []
    for lg in ledgers:
        own = [v.enjoyment for v in lg.visits if v.enjoyment is not None]
        if not own:
            estimates.append(None)
            continue
        mean = (sum(own) + ENJOYMENT_PSEUDO * overall) / (len(own) + ENJOYMENT_PSEUDO)
        half = z * spread / np.sqrt(len(own) + ENJOYMENT_PSEUDO)
        estimates.append(Estimate(mean, max(1.0, mean - half), min(5.0, mean + half)))
    return estimates


def hours_by_month(report: EventsReport, months: int = 24) -> list[tuple[str, dict[str, float]]]:
    """Hours at events per calendar month (``YYYY-MM``) for the last ``months`` months up to
    ``report.today``, split by the verdict of each series."""
    first = date(report.today.year, report.today.month, 1)
    keys = []
    for _ in range(months):
        keys.append(first.strftime("%Y-%m"))
        first = (first - timedelta(days=1)).replace(day=1)
    totals: dict[str, dict[str, float]] = {key: dict.fromkeys(VERDICTS, 0.0) for key in keys}
    for r in report.series:
        for visit in r.ledger.visits:
            month = visit.on.strftime("%Y-%m")
            if month in totals:
                totals[month][r.verdict] += visit.hours
    return [(key, totals[key]) for key in reversed(keys)]


def _saved_hours(returns: list[SeriesReturn], today: date) -> list[SavedHours]:
    year_ago = today - timedelta(days=365)
    saved = []
    for r in returns:
        lg = r.ledger
        if not any(v.on <= year_ago for v in lg.visits):
            continue  # not something I used to attend
        skipped = sum(
            1
            for o in lg.occurrences
            if year_ago < o.starts_at.date() <= today
            and lg.status.get(o.id) != AttendanceStatus.ATTENDED
        )
        if skipped:
            saved.append(
                SavedHours(lg.name, skipped, skipped * r.hours_per_visit, r.verdict in LOW_YIELD)
            )
    return sorted(saved, key=lambda s: (-s.hours, s.name))


# --- upcoming occurrences


def _in_network(profile: Profile, before: date) -> np.ndarray:
    """Contacts already in my network: any interaction, a closeness rating, a known meeting
    date or context, or met at an occurrence before ``before``."""
    snapshot = profile.snapshot
    known = (snapshot.interaction_counts > 0) | ~np.isnan(snapshot.closeness)
    known |= np.asarray(snapshot.contexts.sum(axis=1)).ravel() > 0
    known |= np.array([t.met_on is not None for t in snapshot.ties], dtype=bool)
    starts = {o.id: o.starts_at.date() for o in snapshot.occurrences}
    for e in snapshot.encounters:
        position = snapshot.position_of(e.contact_id)
        if (
            e.kind == EncounterKind.MET
            and position is not None
            and starts[e.occurrence_id] < before
        ):
            known[position] = True
    return known


@dataclass(frozen=True)
class _Audience:
    """What is needed to describe any expected crowd, computed once per call."""

    known: np.ndarray  # bool per contact: already in my network
    in_segment: np.ndarray  # bool per contact: in an instrumental or mixed goal's target group
    sector_codes: np.ndarray  # per contact, -1 when unknown
    sectors: tuple[str, ...]
    new_sector: np.ndarray  # bool per sector code: no one in my network has it (any case)


def _audience(profile: Profile) -> _Audience:
    snapshot, relevance = profile.snapshot, profile.relevance
    known = _in_network(profile, profile.today)
    targeted = [
        row
        for row, (goal, klass) in enumerate(zip(relevance.goals, relevance.classes, strict=True))
        if goal.targets and klass != GoalClass.EXPRESSIVE
    ]
    in_segment = (
        relevance.segments[targeted].any(axis=0)
        if targeted
        else np.zeros(snapshot.size, dtype=bool)
    )
    codes, sectors = snapshot.attribute("sector")
    held = {sectors[c].casefold() for c in np.unique(codes[known & (codes >= 0)])}
    new_sector = np.array([name.casefold() not in held for name in sectors], dtype=bool)
    return _Audience(known, in_segment, codes, sectors, new_sector)


def _crowd(audience: _Audience, people: list[int]) -> Crowd:
    chosen = np.array(sorted(set(people)), dtype=np.int64)
    new = chosen[~audience.known[chosen]]
    codes = audience.sector_codes[new]
    codes = np.unique(codes[codes >= 0])
    return Crowd(
        expected=int(chosen.size),
        new=int(new.size),
        in_segment=int(audience.in_segment[chosen].sum()),
        new_sectors=tuple(sorted(audience.sectors[c] for c in codes[audience.new_sector[codes]])),
    )


def upcoming_advice(
    profile: Profile,
    report: EventsReport,
    days: int = UPCOMING_DAYS,
    until: date | None = None,
) -> list[UpcomingAdvice]:
    """Attend, skip or try once for each occurrence from ``today`` to ``until`` (default
    ``today + days``) that I have not attended yet, soonest first (module docstring)."""
    snapshot, today = profile.snapshot, profile.today
    last = until or today + timedelta(days=days)
    expected: dict[int, list[int]] = defaultdict(list)
    for e in snapshot.encounters:
        position = snapshot.position_of(e.contact_id)
        if e.kind == EncounterKind.EXPECTED and position is not None:
            expected[e.occurrence_id].append(position)
    audience = _audience(profile)
    advice = []
    for series in report.series:
        for occurrence in series.ledger.occurrences:
            day = occurrence.starts_at.date()
            if not today <= day <= last:
                continue
            if series.ledger.status.get(occurrence.id) == AttendanceStatus.ATTENDED:
                continue
            crowd = _crowd(audience, expected[occurrence.id]) if expected[occurrence.id] else None
            reasons = [_expected_reason(series, report.threshold)]
            action, reason = _action(series, crowd)
            reasons.append(reason)
            if crowd is not None:
                reasons.append(
                    Reason(
                        "upcoming.crowd",
                        {
                            "expected": crowd.expected,
                            "new": crowd.new,
                            "segment": crowd.in_segment,
                        },
                    )
                )
                if crowd.new_sectors:
                    reasons.append(
                        Reason("upcoming.new_sectors", {"sectors": ", ".join(crowd.new_sectors)})
                    )
            advice.append(UpcomingAdvice(occurrence, series, action, crowd, tuple(reasons)))
    return sorted(advice, key=lambda a: (a.occurrence.starts_at, a.series.name))


def _expected_reason(series: SeriesReturn, threshold: float) -> Reason:
    """What one more visit is expected to yield — a measured figure only when there is one."""
    figures = {"hours": round(series.hours_per_visit, 1), "threshold": _round(threshold)}
    if series.basis == "prior":
        return Reason("upcoming.expected_prior", figures)
    if series.basis == "no_outcome":
        return Reason("upcoming.expected_none", {**figures, "visits": series.visits})
    return Reason("upcoming.expected", {**figures, "value": _round(series.value_per_hour.point)})


def _action(series: SeriesReturn, crowd: Crowd | None) -> tuple[str, Reason]:
    """attend / try_once / skip from the series verdict; a novel crowd turns skip into a try."""
    verdict = series.verdict
    if verdict in ATTEND:
        return "attend", Reason(f"upcoming.{verdict}", {"visits": series.visits})
    if verdict in EXPLORE:
        return "try_once", Reason(f"upcoming.{verdict}", {"visits": series.visits})
    if crowd is not None and crowd.novel:
        return "try_once", Reason("upcoming.novel", {"share": round(crowd.new_share, 2)})
    return "skip", Reason(f"upcoming.{verdict}", {"visits": series.visits_12m})


def this_weeks_events(profile: Profile, report: EventsReport) -> list[UpcomingAdvice]:
    """The upcoming-events advice from today to Sunday, for the weekly plan."""
    today = profile.today
    return upcoming_advice(profile, report, until=today + timedelta(days=6 - today.weekday()))


# --- JSON


def _round(value: float) -> float:
    return round(float(value), 2)


def series_to_json(r: SeriesReturn, language: str) -> dict[str, Any]:
    return {
        "name": r.name,
        "series_id": r.ledger.series.id,
        "visits": r.visits,
        "visits_12m": r.visits_12m,
        "hours": round(r.hours, 2),
        "hours_filled": r.hours_filled,
        "hours_per_visit": round(r.hours_per_visit, 2),
        "cost_eur": round(r.cost_eur, 2),
        "outcomes": round(r.outcomes, 4),
        "fun_outcomes": round(r.fun_outcomes, 4),
        "value_eur": round(r.value_eur, 2),
        "basis": r.basis,
        "label": r.value_label.render(language),
        **_value_json(r),
        "outcomes_per_hour": r.outcomes_per_hour.to_json(),
        "new_relevant": r.new_relevant,
        "new_relevant_per_visit": r.new_relevant_per_visit.to_json(),
        "new_relevant_per_hour": r.new_relevant_per_hour.to_json(),
        "enjoyment": r.enjoyment.to_json() if r.enjoyment else None,
        "known_share": None if r.known_share is None else round(r.known_share, 4),
        "verdict": r.verdict,
        "rule": r.rule,
        "reasons": [reason.to_json(language) for reason in r.reasons],
    }


def _value_json(r: SeriesReturn) -> dict[str, Any]:
    """The estimate; for a series never visited it is only a ``prior``, never a measurement."""
    e = r.value_per_hour
    estimate = {
        "value_per_hour": _round(e.point),
        "interval": [_round(e.low), _round(e.high)],
        "value_per_visit": _round(e.point * r.hours_per_visit),
    }
    if r.basis == "prior":
        return {
            "value_per_hour": None,
            "interval": None,
            "value_per_visit": None,
            "prior": estimate,
        }
    return estimate


def report_to_json(report: EventsReport, language: str) -> dict[str, Any]:
    """The contract of ``tiewise events report --json`` (docs/events.md)."""
    return {
        "as_of": report.today.isoformat(),
        "threshold": {
            "value_per_hour": _round(report.threshold),
            "source": report.threshold_source,
        },
        "model": {
            "overall_outcomes_per_hour": round(report.overall_rate, 4),
            "typical_value_per_outcome": round(report.typical_value, 2),
            "default_threshold": DEFAULT_THRESHOLD,
            "new_relevant_per_hour": round(report.newcomer_rate, 4),
            "outcomes_recorded": report.outcomes_recorded,
            "outcomes_credited": round(report.outcomes_credited, 4),
            "prior_visits": PRIOR_VISITS,
            "credible": CREDIBLE,
        },
        "series": [series_to_json(r, language) for r in report.series],
        "hours_saved_12m": round(report.hours_saved_12m, 2),
        "skipped_worth_keeping_12m": round(report.skipped_worth_keeping_12m, 2),
        "attended_hours_12m": round(report.attended_hours_12m, 2),
        "saved": [
            {
                "name": s.name,
                "skipped": s.skipped,
                "hours": round(s.hours, 2),
                "low_yield": s.low_yield,
            }
            for s in report.saved
        ],
    }


def upcoming_to_json(advice: list[UpcomingAdvice], report: EventsReport, language: str) -> dict:
    """The contract of ``tiewise events upcoming --json``."""
    return {
        "threshold": _round(report.threshold),
        "upcoming": [
            {
                "occurrence_id": a.occurrence.id,
                "name": a.series.name,
                "starts_at": a.occurrence.starts_at.isoformat(),
                "location": a.occurrence.location,
                "action": a.action,
                "series_verdict": a.series.verdict,
                "basis": a.series.basis,
                "expected_value_per_hour": _value_json(a.series)["value_per_hour"],
                "interval": _value_json(a.series)["interval"],
                "hours": round(a.series.hours_per_visit, 2),
                "crowd": None
                if a.crowd is None
                else {
                    "expected": a.crowd.expected,
                    "new": a.crowd.new,
                    "new_share": round(a.crowd.new_share, 4),
                    "in_segment": a.crowd.in_segment,
                    "new_sectors": list(a.crowd.new_sectors),
                },
                "reasons": [r.to_json(language) for r in a.reasons],
            }
            for a in advice
        ],
    }
