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

Threshold ``T`` (euros per hour)
    The value I set (setting ``events.threshold``), else the median of the point estimates of the
    series I have visited — my own median.

Verdicts, in this order
    ``fun``: I have a fun or sociability goal, the series is enjoyed (shrunk enjoyment ≥
    :data:`FUN_ENJOYMENT`, or ≥ :data:`FUN_OUTCOMES_PER_VISIT` fun outcomes per visit) and its
    value is not credibly above ``T`` — the advisor never tells anyone to drop an event they go
    to for fun when fun is one of their goals (PRODUCT principles).
    ``keep``: the interval's low end is at least ``T``.
    ``habitual_low_yield``: the high end is below ``T`` (credibly below) and I went at least
    :data:`HABIT_VISITS` times in the last 12 months — Watson (2007, *JBV* 22): using one network
    more than about three times a year tended to be counter-productive; Ingram & Morris (2007,
    *ASQ* 52): at mixers people mostly meet those they already know (the share is a reason).
    ``skip``: credibly below ``T`` otherwise.
    ``try_once``: fewer than :data:`HABIT_VISITS` visits and the interval still reaches ``T``: the
    prior is wide, so exploration is explicit rather than a premature "skip".
    ``keep``: otherwise — below ``T`` perhaps, but not credibly.

Hours saved (last 12 months)
    For every series I visited before the 12 months began ("what I used to attend"), the past
    occurrences of the last 12 months I did not attend, times my mean hours per visit there.
    Hours saved count the series judged ``skip`` or ``habitual_low_yield``; skipped hours at
    series worth keeping are reported apart, as time perhaps better spent there.

Upcoming occurrences (``attend`` / ``skip`` / ``try_once``)
    From the series verdict: keep and fun → attend; try_once and series without visits →
    try_once; skip and habitual_low_yield → skip, unless the expected crowd is new (at least
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
HABIT_VISITS = 3
FUN_ENJOYMENT = 4.0
FUN_OUTCOMES_PER_VISIT = 0.3
UPCOMING_DAYS = 60
NOVEL_MIN_EXPECTED = 3
NOVEL_SHARE = 0.5
VERDICTS = ("keep", "fun", "try_once", "skip", "habitual_low_yield")
LOW_YIELD = frozenset({"skip", "habitual_low_yield"})
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
    outcomes: int  # yielding outcomes credited (fun excluded)
    fun_outcomes: int
    value_eur: float
    outcomes_per_hour: Estimate
    value_per_hour: Estimate
    new_relevant: int
    new_relevant_per_visit: Estimate
    enjoyment: Estimate | None
    known_share: float | None  # of the people met at my visits, the share I already knew
    verdict: str
    reasons: tuple[Reason, ...]

    @property
    def name(self) -> str:
        return self.ledger.name


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
    threshold_source: str  # "set" | "median"
    overall_rate: float  # yielding outcomes per hour, all my visits
    typical_value: float  # median euros per yielding outcome over all my visits
    series: tuple[SeriesReturn, ...]
    hours_saved_12m: float
    skipped_worth_keeping_12m: float
    attended_hours_12m: float
    saved: tuple[SavedHours, ...]

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
    counts: np.ndarray, exposure: np.ndarray, prior_exposure: float
) -> tuple[np.ndarray, np.ndarray]:
    """Posterior shape and rate per row, ``Gamma(α0 + n, β0 + E)``, for counts ``n`` over
    exposures ``E`` under the prior ``Gamma(α0, β0)`` with ``β0 = prior_exposure`` and
    ``α0 = r·β0``, ``r`` the pooled rate ``Σn / ΣE`` (floored at 0.001 to stay proper)."""
    total = float(exposure.sum())
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
    name: str, shape: float, rate: float, values: list[float], typical_value: float
) -> np.ndarray:
    """Joint draws of value per hour: rate from its gamma posterior times a Bayesian-bootstrap
    mean value over the series' outcome values plus the pseudo-outcomes at ``typical_value``."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    rates = rng.gamma(shape, 1.0 / rate, DRAWS)
    points = np.array([*values, typical_value])
    weights = np.array([*([1.0] * len(values)), VALUE_PSEUDO_OUTCOMES])
    dirichlet = rng.gamma(np.broadcast_to(weights, (DRAWS, weights.size)))
    means = (dirichlet @ points) / dirichlet.sum(axis=1)
    return rates * means


def _has_protecting_goal(profile: Profile) -> bool:
    return any(g.key in PROTECTING_GOALS for g in profile.snapshot.goals)


def _relevant(profile: Profile) -> np.ndarray:
    """Contacts who serve some goal at least ``SERVES_RELEVANCE`` (the portfolio's bar)."""
    values = profile.relevance.values
    if not values.shape[0]:
        return np.zeros(profile.snapshot.size, dtype=bool)
    return values.max(axis=0) >= SERVES_RELEVANCE


def events_report(profile: Profile, threshold: float | None = None) -> EventsReport:
    """Return per series, verdicts and hours saved as of ``profile.today`` (module docstring).
    ``threshold`` (euros per hour) overrides the setting and the median."""
    snapshot, today = profile.snapshot, profile.today
    ledgers = event_ledgers(snapshot, today)
    values_by_kind = outcome_values(profile)
    year_ago = today - timedelta(days=365)
    relevant = _relevant(profile)

    def value(outcome: Any) -> float:
        if outcome.value_eur is not None:
            return float(outcome.value_eur)
        return values_by_kind[outcome.kind.value]

    yielding = [[c for c in lg.credits if c.outcome.kind != OutcomeKind.FUN] for lg in ledgers]
    hours = np.array([sum(v.hours for v in lg.visits) for lg in ledgers])
    visits = np.array([len(lg.visits) for lg in ledgers], dtype=float)
    counts = np.array([len(y) for y in yielding], dtype=float)
    all_visit_hours = [v.hours for lg in ledgers for v in lg.visits]
    typical_hours = float(np.median(all_visit_hours)) if all_visit_hours else 2.5
    prior_hours = PRIOR_VISITS * typical_hours
    all_values = [value(c.outcome) for y in yielding for c in y]
    typical_value = float(np.median(all_values)) if all_values else 0.0
    shape, rate = gamma_poisson(counts, hours, prior_hours)
    outcome_rates = _estimates(shape, rate)
    new_relevant = np.array(
        [int(relevant[list(lg.first_met)].sum()) if lg.first_met else 0 for lg in ledgers],
        dtype=float,
    )
    newcomer_rates = _estimates(*gamma_poisson(new_relevant, visits, PRIOR_VISITS))
    enjoyment = _enjoyment_estimates(ledgers)

    value_rates = []
    for i, (lg, found) in enumerate(zip(ledgers, yielding, strict=True)):
        series_values = [value(c.outcome) for c in found]
        shrunk = (sum(series_values) + VALUE_PSEUDO_OUTCOMES * typical_value) / (
            len(series_values) + VALUE_PSEUDO_OUTCOMES
        )
        draws = _value_draws(lg.name, shape[i], rate[i], series_values, typical_value)
        tail = (1.0 - CREDIBLE) / 2.0
        low, high = np.quantile(draws, [tail, 1.0 - tail])
        value_rates.append(Estimate(outcome_rates[i].point * shrunk, float(low), float(high)))

    setting = snapshot.setting(THRESHOLD_SETTING)
    if threshold is not None or setting is not None:
        chosen, source = float(threshold if threshold is not None else setting), "set"  # type: ignore[arg-type]
    else:
        visited = [v.point for v, n in zip(value_rates, visits, strict=True) if n > 0]
        chosen, source = (float(np.median(visited)) if visited else 0.0), "median"

    protecting = _has_protecting_goal(profile)
    returns = []
    for i, lg in enumerate(ledgers):
        unjudged = SeriesReturn(
            ledger=lg,
            visits=len(lg.visits),
            visits_12m=sum(1 for v in lg.visits if v.on > year_ago),
            hours=float(hours[i]),
            hours_filled=sum(1 for v in lg.visits if v.hours_filled),
            hours_per_visit=float(hours[i]) / len(lg.visits) if lg.visits else typical_hours,
            cost_eur=sum(v.cost_eur for v in lg.visits),
            outcomes=int(counts[i]),
            fun_outcomes=sum(1 for c in lg.credits if c.outcome.kind == OutcomeKind.FUN),
            value_eur=sum(value(c.outcome) for c in yielding[i]),
            outcomes_per_hour=outcome_rates[i],
            value_per_hour=value_rates[i],
            new_relevant=int(new_relevant[i]),
            new_relevant_per_visit=newcomer_rates[i],
            enjoyment=enjoyment[i],
            known_share=(lg.met - len(lg.first_met)) / lg.met if lg.met else None,
            verdict="",
            reasons=(),
        )
        verdict, reasons = _verdict(unjudged, chosen, protecting, any(all_values))
        returns.append(replace(unjudged, verdict=verdict, reasons=tuple(reasons)))
    saved = _saved_hours(returns, today)
    attended_12m = sum(v.hours for lg in ledgers for v in lg.visits if v.on > year_ago)
    return EventsReport(
        today=today,
        threshold=chosen,
        threshold_source=source,
        overall_rate=float(counts.sum() / hours.sum()) if hours.sum() > 0 else 0.0,
        typical_value=typical_value,
        series=tuple(sorted(returns, key=lambda r: (-r.value_per_hour.point, r.name))),
        hours_saved_12m=sum(s.hours for s in saved if s.low_yield),
        skipped_worth_keeping_12m=sum(s.hours for s in saved if not s.low_yield),
        attended_hours_12m=attended_12m,
        saved=tuple(saved),
    )


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


def _verdict(
    f: SeriesReturn, threshold: float, protecting: bool, any_value: bool
) -> tuple[str, list[Reason]]:
    """The verdict and its reasons, by the rules in the module docstring."""
    estimate = f.value_per_hour
    reasons = [
        Reason(
            "events.yield",
            {
                "value": _round(estimate.point),
                "low": _round(estimate.low),
                "high": _round(estimate.high),
                "visits": f.visits,
                "hours": round(f.hours, 1),
            },
        )
    ]
    if f.outcomes:
        reasons.append(
            Reason("events.outcomes", {"outcomes": f.outcomes, "value": round(f.value_eur)})
        )
    if f.new_relevant:
        reasons.append(
            Reason(
                "events.new_relevant",
                {
                    "count": f.new_relevant,
                    "per_visit": round(f.new_relevant_per_visit.point, 2),
                },
            )
        )
    if not any_value:
        reasons.append(Reason("events.no_outcomes"))
    enjoyed = f.enjoyment is not None and f.enjoyment.point >= FUN_ENJOYMENT
    fun_visits = f.fun_outcomes / f.visits if f.visits else 0.0
    above = estimate.low >= threshold and any_value
    below = estimate.high < threshold
    limit = {"threshold": _round(threshold)}
    if protecting and f.visits and (enjoyed or fun_visits >= FUN_OUTCOMES_PER_VISIT) and not above:
        score = f.enjoyment.point if f.enjoyment is not None else None
        reasons.append(
            Reason(
                "events.fun",
                {"enjoyment": round(score, 1) if score else "—", "fun": f.fun_outcomes},
            )
        )
        return "fun", reasons
    if above:
        reasons.append(Reason("events.above", limit))
        if enjoyed and f.enjoyment is not None:
            reasons.append(Reason("events.enjoyed", {"enjoyment": round(f.enjoyment.point, 1)}))
        return "keep", reasons
    if below:
        reasons.append(Reason("events.below", limit))
        if f.known_share is not None and f.ledger.met:
            reasons.append(
                Reason("events.known_met", {"share": round(f.known_share, 2), "met": f.ledger.met})
            )
        if f.visits_12m >= HABIT_VISITS:
            reasons.append(Reason("events.habit", {"visits": f.visits_12m}))
            return "habitual_low_yield", reasons
        if f.visits and not f.visits_12m:
            reasons.append(Reason("events.stopped"))
        return "skip", reasons
    if f.visits < HABIT_VISITS:
        reasons.append(Reason("events.few_visits", {"visits": f.visits, **limit}))
        return "try_once", reasons
    reasons.append(Reason("events.not_credibly", limit))
    return "keep", reasons


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
    threshold = {"threshold": _round(report.threshold)}
    advice = []
    for series in report.series:
        for occurrence in series.ledger.occurrences:
            day = occurrence.starts_at.date()
            if not today <= day <= last:
                continue
            if series.ledger.status.get(occurrence.id) == AttendanceStatus.ATTENDED:
                continue
            crowd = _crowd(audience, expected[occurrence.id]) if expected[occurrence.id] else None
            point = series.value_per_hour.point
            reasons = [
                Reason(
                    "upcoming.expected",
                    {
                        "value": _round(point),
                        "hours": round(series.hours_per_visit, 1),
                        **threshold,
                    },
                )
            ]
            verdict = series.verdict
            if verdict in ("keep", "fun"):
                action = "attend"
                reasons.append(Reason(f"upcoming.{verdict}", {}))
            elif verdict == "try_once":
                action = "try_once"
                reasons.append(Reason("upcoming.explore", {"visits": series.visits}))
            elif crowd is not None and crowd.novel:
                action = "try_once"
                reasons.append(Reason("upcoming.novel", {"share": round(crowd.new_share, 2)}))
            else:
                action = "skip"
                reasons.append(Reason(f"upcoming.{verdict}", {"visits": series.visits_12m}))
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
        "outcomes": r.outcomes,
        "fun_outcomes": r.fun_outcomes,
        "value_eur": round(r.value_eur, 2),
        "value_per_hour": _round(r.value_per_hour.point),
        "interval": [_round(r.value_per_hour.low), _round(r.value_per_hour.high)],
        "value_per_visit": _round(r.value_per_hour.point * r.hours_per_visit),
        "outcomes_per_hour": r.outcomes_per_hour.to_json(),
        "new_relevant": r.new_relevant,
        "new_relevant_per_visit": r.new_relevant_per_visit.to_json(),
        "enjoyment": r.enjoyment.to_json() if r.enjoyment else None,
        "known_share": None if r.known_share is None else round(r.known_share, 4),
        "verdict": r.verdict,
        "reasons": [reason.to_json(language) for reason in r.reasons],
    }


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
                "expected_value_per_hour": _round(a.series.value_per_hour.point),
                "interval": [
                    _round(a.series.value_per_hour.low),
                    _round(a.series.value_per_hour.high),
                ],
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
