"""The threshold an event series must clear, and the verdict on each series — with the rule that
produced it and the figures that drove it. The estimates come from ``advice/events.py``.

Threshold ``T`` (euros per hour), never €0 by accident
    1. The value I set (``tiewise events values --threshold``, or ``--threshold`` on a report):
       source ``set``. Below zero, or not a number → :class:`~tiewise.errors.InputError`.
    2. Else my own median of the point estimates over the series I visited — source ``median``
       — but only when at least :data:`MEDIAN_MIN_OUTCOMES` yielding outcomes are credited to my
       events, from at least :data:`MEDIAN_MIN_SERIES` series: with fewer, the "median" is the
       prior of one outcome, not a description of what my events yield (with none at all it
       was €0, and a borrel visited twelve times with nothing to show passed it).
    3. Else the stated default :data:`DEFAULT_THRESHOLD` (€25 per hour) — source ``default``;
       the report says so and how to set one's own. €25 is a round figure for what an hour away
       from work is worth to a small business owner; it is a default to be replaced, not a
       finding.

Verdicts, in this order (the rule name is kept with the verdict)
    ``fun`` (rule ``fun``): I have a fun or sociability goal, I visited and enjoy the series
    (shrunk enjoyment ≥ 4, or ≥ 0.3 fun outcomes per visit), and its low end is below ``T`` — the
    advisor never tells anyone to drop an event they go to for fun when fun is a goal (PRODUCT).
    ``try_once`` (rule ``no_visits``): never visited; the estimate is a prior from my other
    series, not a measurement, and is never shown as one.
    ``keep`` (rule ``credibly_above``): the interval's low end ≥ ``T``.
    ``keep_uncertain`` (rule ``likely_above``): outcomes were credited, the point estimate ≥
    ``T`` but the low end is not — "keep, not yet certain" (a €20,000 client after two visits is
    not "try it"). Without any outcome the point estimate is the prior's, so it cannot make a
    series "likely above".
    ``new_contacts`` (rule ``new_contacts``): below ``T`` in euros, but the series brings
    credibly more goal-relevant new contacts per hour than my events overall (the low end of
    its Gamma–Poisson interval above my pooled rate). Ingram & Morris (2007, *ASQ* 52): at a
    mixer people say they come to meet new people, yet mostly meet those they already know — a
    series where I do meet new people who serve my goals yields what most do not.
    ``habitual_low_yield`` (rule ``credibly_below_habit``): the high end < ``T`` and at least
    :data:`HABIT_VISITS` visits in the last 12 months — Watson (2007, *JBV* 22): using one
    network more than about three times a year tended to be counter-productive; seed 000:
    effective networking means staying home more often.
    ``skip`` (rule ``credibly_below``): the high end < ``T`` otherwise.
    ``too_early`` (rule ``few_visits``): fewer than :data:`HABIT_VISITS` visits and not
    credibly below ``T`` — shown as "N visits, no outcome yet" when nothing came of them.
    ``doubtful`` (rule ``probably_below``): at least :data:`HABIT_VISITS` visits, not credibly
    below ``T``, but the point estimate below it or no outcome at all — "probably below", not
    "keep" as before.

New goal-relevant contacts are part of the yield but are not priced in euros: what a new contact
yields later is credited to the event where the relationship began (double share, see
``analysis/attendance.py``); pricing the contact as well would count it twice. They are judged
in their own unit, against my own rate, and every verdict with new contacts says whether they
lifted it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tiewise.advice.reasons import Reason
from tiewise.errors import InputError

if TYPE_CHECKING:
    from tiewise.advice.events import SeriesReturn

DEFAULT_THRESHOLD = 25.0
MEDIAN_MIN_OUTCOMES = 3.0
MEDIAN_MIN_SERIES = 2
HABIT_VISITS = 3
FUN_ENJOYMENT = 4.0
FUN_OUTCOMES_PER_VISIT = 0.3
VERDICTS = (
    "keep",
    "keep_uncertain",
    "new_contacts",
    "fun",
    "try_once",
    "too_early",
    "doubtful",
    "skip",
    "habitual_low_yield",
)
LOW_YIELD = frozenset({"skip", "habitual_low_yield"})  # credibly below: counted as hours saved
ATTEND = frozenset({"keep", "keep_uncertain", "new_contacts", "fun"})
EXPLORE = frozenset({"try_once", "too_early"})


def checked_threshold(value: object, field: str) -> float:
    """``value`` as euros per hour, or an :class:`InputError` naming ``field``."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise InputError(
            f"{field}: expected euros per hour, 0 or more, found {value!r}",
            field=field,
            key="error.threshold",
            values={"found": value},
        )
    return number


def choose_threshold(
    given: float | None,
    setting: str | None,
    visited_points: list[float],
    credited: float,
    series_with_outcomes: int,
) -> tuple[float, str]:
    """``(T, source)`` by the rules in the module docstring."""
    if given is not None:
        return checked_threshold(given, "threshold"), "set"
    if setting is not None:
        return checked_threshold(setting, "events.threshold"), "set"
    enough = credited >= MEDIAN_MIN_OUTCOMES and series_with_outcomes >= MEDIAN_MIN_SERIES
    if enough and visited_points:
        ordered = sorted(visited_points)
        middle = len(ordered) // 2
        median = (
            ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
        )
        return median, "median"
    return DEFAULT_THRESHOLD, "default"


@dataclass(frozen=True)
class Context:
    """What every verdict is judged against."""

    threshold: float
    protecting: bool  # a fun or sociability goal
    newcomer_rate: float  # my pooled goal-relevant new contacts per hour
    outcomes_recorded: int  # outcomes recorded up to today, anywhere
    outcomes_credited: float  # of which credited to my events (sum of shares)


def _r(value: float) -> float:
    return round(float(value), 2)


def _count(value: float) -> float | int:
    """A count of credited shares: whole numbers as integers, else two decimals."""
    return int(value) if float(value).is_integer() else round(float(value), 2)


def basis(f: SeriesReturn) -> str:
    """``prior`` (no visits: the estimate is a prior), ``no_outcome`` (visits, nothing yielded
    yet: thin data, said as such) or ``measured``."""
    if not f.visits:
        return "prior"
    return "measured" if f.outcomes > 0 else "no_outcome"


def yield_reason(f: SeriesReturn) -> Reason:
    """The first reason of every series: the estimate, labelled by its basis."""
    e = f.value_per_hour
    figures = {"value": _r(e.point), "low": _r(e.low), "high": _r(e.high)}
    kind = basis(f)
    if kind == "prior":
        return Reason("events.yield_prior", figures)
    if kind == "no_outcome":
        return Reason(
            "events.yield_none",
            {"visits": f.visits, "hours": round(f.hours, 1), **figures},
        )
    return Reason("events.yield", {**figures, "visits": f.visits, "hours": round(f.hours, 1)})


def value_label(f: SeriesReturn) -> Reason:
    """A short cell for a table: ``€/h [low–high]`` only when measured."""
    kind = basis(f)
    if kind == "prior":
        return Reason("events.cell.no_visits")
    if kind == "no_outcome":
        return Reason("events.cell.no_outcome", {"visits": f.visits})
    e = f.value_per_hour
    return Reason("events.cell.value", {"value": _r(e.point), "low": _r(e.low), "high": _r(e.high)})


def judge(f: SeriesReturn, c: Context) -> tuple[str, str, list[Reason]]:
    """``(verdict, rule, reasons)`` for one series, by the rules in the module docstring."""
    reasons = [yield_reason(f), *_context_reasons(f, c)]
    e, t = f.value_per_hour, c.threshold
    limit: dict[str, Any] = {"threshold": _r(t)}
    enjoyed = f.enjoyment is not None and f.enjoyment.point >= FUN_ENJOYMENT
    fun_visits = f.fun_outcomes / f.visits if f.visits else 0.0
    if (
        c.protecting
        and f.visits
        and e.low < t
        and (enjoyed or fun_visits >= FUN_OUTCOMES_PER_VISIT)
    ):
        score = f.enjoyment.point if f.enjoyment is not None else None
        figures = {"enjoyment": round(score, 1) if score else "—", "fun": _count(f.fun_outcomes)}
        if not figures["fun"]:  # enjoyed, never a fun outcome: not "0 times fun"
            return (
                "fun",
                "fun",
                [*reasons, Reason("events.fun_rated", {"enjoyment": figures["enjoyment"]})],
            )
        return "fun", "fun", [*reasons, Reason("events.fun", figures)]
    if not f.visits:
        return "try_once", "no_visits", [*reasons, Reason("events.no_visits", limit)]
    if e.low >= t:
        extra = (
            [Reason("events.enjoyed", {"enjoyment": round(f.enjoyment.point, 1)})]
            if enjoyed
            else []
        )  # type: ignore[union-attr]
        return (
            "keep",
            "credibly_above",
            [*reasons, Reason("events.above", {**limit, "low": _r(e.low)}), *extra],
        )
    if e.point >= t and f.outcomes > 0:
        figures = {**limit, "value": _r(e.point), "low": _r(e.low), "visits": f.visits}
        return "keep_uncertain", "likely_above", [*reasons, Reason("events.likely_above", figures)]
    rate = f.new_relevant_per_hour
    if f.new_relevant and c.newcomer_rate > 0 and rate.low > c.newcomer_rate:
        figures = {"low": round(rate.low, 3), "overall": round(c.newcomer_rate, 3)}
        return "new_contacts", "new_contacts", [*reasons, Reason("events.new_contacts", figures)]
    return _below(f, c, reasons, limit)


def _below(
    f: SeriesReturn, c: Context, reasons: list[Reason], limit: dict[str, Any]
) -> tuple[str, str, list[Reason]]:
    e = f.value_per_hour
    figures = {**limit, "value": _r(e.point), "high": _r(e.high), "visits": f.visits}
    if f.visits < HABIT_VISITS and e.high >= c.threshold:
        return "too_early", "few_visits", [*reasons, Reason("events.few_visits", figures)]
    if f.new_relevant:  # low yield: say why the new contacts did not lift it
        rate = f.new_relevant_per_hour
        usual = {
            "per_hour": round(rate.point, 3),
            "low": round(rate.low, 3),
            "overall": round(c.newcomer_rate, 3),
        }
        reasons.append(Reason("events.new_contacts_usual", usual))
    if e.high < c.threshold:
        reasons.append(Reason("events.below", {**limit, "high": _r(e.high)}))
        if f.known_share is not None and f.ledger.met:
            share = {"share": round(f.known_share, 2), "met": f.ledger.met}
            reasons.append(Reason("events.known_met", share))
        if f.visits_12m >= HABIT_VISITS:
            reasons.append(Reason("events.habit", {"visits": f.visits_12m}))
            return "habitual_low_yield", "credibly_below_habit", reasons
        if not f.visits_12m:
            reasons.append(Reason("events.stopped", {"visits": f.visits}))
        return "skip", "credibly_below", reasons
    key = "events.probably_below" if f.outcomes > 0 else "events.nothing_yet"
    return "doubtful", "probably_below", [*reasons, Reason(key, figures)]


def _context_reasons(f: SeriesReturn, c: Context) -> list[Reason]:
    """The outcomes and new contacts behind the estimate, and why there may be none."""
    reasons = []
    if f.outcomes:
        figures = {"outcomes": _count(f.outcomes), "value": round(f.value_eur)}
        reasons.append(Reason("events.outcomes", figures))
    elif not c.outcomes_recorded:
        reasons.append(Reason("events.no_outcomes"))
    elif not c.outcomes_credited:
        reasons.append(Reason("events.uncredited", {"count": c.outcomes_recorded}))
    if f.new_relevant:
        figures = {
            "count": f.new_relevant,
            "per_visit": round(f.new_relevant_per_visit.point, 2),
            "per_hour": round(f.new_relevant_per_hour.point, 3),
            "overall": round(c.newcomer_rate, 3),
        }
        reasons.append(Reason("events.new_relevant", figures))
    return reasons
