"""Tie strength: a transparent score 0–1 per tie, a class, and the contribution of every input.

Granovetter (1973, *AJS* 78) defines tie strength as a combination of time, emotional intensity,
intimacy and reciprocal services. Marsden & Campbell (1984, *Social Forces* 63) found emotional
closeness the best single indicator, with frequency and duration contaminated by context —
so a self-rated closeness, where the user gave one, outweighs everything inferred. Marsden &
Campbell (2012, "Reflections on conceptualizing and measuring tie strength", *Social Forces*
91(1)) revisit that work: closeness (intensity) and time spent (frequency, duration) are two
dimensions of strength, and indicators of strength are kept apart from predictors such as the
contexts a tie arises in (kin, co-worker, neighbour) — hence multiplexity's small weight here.
Gilbert & Karahalios (CHI 2009) predicted tie strength from interaction traces (intensity,
intimacy, duration, reciprocity, structure) and found recency of contact among the strongest
predictors.

Inputs per tie, each scaled to 0–1 (``today`` is passed in; no clock is read; only interactions
up to the end of ``today`` count — a planned meeting is not contact yet):

- ``frequency``: decayed number of interactions in the last 12 months,
  ``F = Σ exp(−age/τ)`` with τ = 90 days, scaled ``1 − exp(−F/3)`` (monthly contact ≈ 0.69,
  weekly ≈ 0.99);
- ``recency``: ``exp(−days since last interaction / 180)``; 0 without interactions;
- ``duration``: ``1 − exp(−years known / 5)``, years since ``met_on`` (else the first
  interaction); unknown without either;
- ``reciprocity``: ``1 − |inbound − outbound| / (inbound + outbound)`` over interactions, averaged
  with the same balance over exchanges given/received; unknown without either. A meeting both
  attend is contact in both directions: every interaction of a kind where both are present —
  meeting, call, video, coffee, meal, event (:data:`BOTH_WAYS`) — and every ``mutual`` one adds
  one to *inbound* and one to *outbound*, whoever organised it (the organiser stays recorded as
  the direction, for who starts contact). Messages, e-mails and other contact count one way, in
  their recorded direction;
- ``multiplexity``: ``(contexts − 1) / 2`` clipped to [0, 1] (one context 0, three or more 1);
  **unknown** (NaN) when no context is recorded — no contexts is missing data, not a
  single-stranded tie.

Every contact moment counts alike, whatever its source: imported messages and meetings, contact
I log myself (``tiewise log``, *Done* on the plan) and people met at an event (each an
interaction of kind ``event``), all in the one ``interaction`` table.

Inferred score: the weighted mean of the known inputs,
``inferred = Σ_known w_i·x_i / Σ_known w_i`` with :data:`WEIGHTS` frequency .35, recency .25,
duration .15, reciprocity .15, multiplexity .10 — unknown inputs drop out and the rest is
renormalised. With a self-rating ``c`` (1–5): ``score = 0.7·(c − 1)/4 + 0.3·inferred``.

Classes: **dormant** — had interactions but none in the last 365 days, unless rated 4 or 5;
**strong** ``score ≥ 0.6`` — but not a tie whose contact only ever went one way (reciprocity
known and 0, no rating: frequent e-mails nobody answers), which stays **medium** at most;
**medium** ``score ≥ 0.35``; **weak** otherwise. ``margin`` is the
distance to the nearest class boundary (small = uncertain), used to ask about the least certain
ties first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from tiewise.model import Direction, ExchangeDirection, InteractionKind
from tiewise.snapshot import Snapshot

DECAY_DAYS = 90.0
FREQUENCY_SCALE = 3.0
RECENCY_DAYS = 180.0
DURATION_YEARS = 5.0
WINDOW_DAYS = 365
WEIGHTS = {
    "frequency": 0.35,
    "recency": 0.25,
    "duration": 0.15,
    "reciprocity": 0.15,
    "multiplexity": 0.10,
}
SELF_RATING_WEIGHT = 0.7
#: Kinds of interaction where both are present: contact in both directions, whoever organised it.
BOTH_WAYS = frozenset(
    kind.value
    for kind in (
        InteractionKind.MEETING,
        InteractionKind.CALL,
        InteractionKind.VIDEO,
        InteractionKind.COFFEE,
        InteractionKind.MEAL,
        InteractionKind.EVENT,
    )
)
STRONG, MEDIUM = 0.6, 0.35
CLASSES = ("strong", "medium", "weak", "dormant")


@dataclass(frozen=True, eq=False)
class TieStrength:
    """Per contact (aligned with ``snapshot.contacts``): score, class, margin, the 0–1 value of
    every input (NaN when unknown) and its contribution to the score."""

    score: np.ndarray
    tie_class: np.ndarray  # of str
    margin: np.ndarray
    inputs: dict[str, np.ndarray]
    contributions: dict[str, np.ndarray]

    def explain(self, index: int) -> list[dict[str, float | str | None]]:
        """The inputs behind one tie's score, largest contribution first."""
        rows = []
        for name, values in self.inputs.items():
            value = float(values[index])
            rows.append(
                {
                    "input": name,
                    "value": None if np.isnan(value) else round(value, 4),
                    "contribution": round(float(self.contributions[name][index]), 4),
                }
            )
        return sorted(rows, key=lambda r: -float(r["contribution"] or 0.0))


def days_before(values: np.ndarray, today: date) -> np.ndarray:
    """Days from datetime64 values to the end of ``today`` (NaN for NaT)."""
    end = np.datetime64(today, "s") + np.timedelta64(1, "D")
    days = (end - values).astype("timedelta64[s]").astype(np.float64) / 86_400.0
    days[np.isnat(values)] = np.nan
    return days


def tie_strength(snapshot: Snapshot, today: date) -> TieStrength:
    """Score and classify every tie of ``snapshot`` as of ``today`` (vectorised over contacts)."""
    n = snapshot.size
    participation = snapshot.participation.T.tocsr()  # contacts × interactions
    age = days_before(snapshot.interaction_times, today)
    past = age >= 0
    recent = past & (age <= WINDOW_DAYS)

    decayed = np.where(recent, np.exp(-np.nan_to_num(age) / DECAY_DAYS), 0.0)
    frequency = 1.0 - np.exp(-(participation @ decayed) / FREQUENCY_SCALE)

    since_last = days_before(_last_interaction(snapshot, past), today)
    recency = np.where(np.isnan(since_last), 0.0, np.exp(-np.nan_to_num(since_last) / RECENCY_DAYS))

    met = np.array([t.met_on or np.datetime64("NaT") for t in snapshot.ties], dtype="datetime64[s]")
    first = _first_interaction(snapshot, past)
    known_days = days_before(np.where(np.isnat(met), first, met), today)
    duration = np.where(
        np.isnan(known_days),
        np.nan,
        1.0 - np.exp(-np.nan_to_num(known_days) / 365.25 / DURATION_YEARS),
    )

    contexts = np.asarray(snapshot.contexts.sum(axis=1)).ravel().astype(float)
    multiplexity = np.where(contexts > 0, np.clip((contexts - 1.0) / 2.0, 0.0, 1.0), np.nan)

    reciprocity = _reciprocity(snapshot, participation, past)

    inputs = {
        "frequency": frequency,
        "recency": recency,
        "duration": duration,
        "reciprocity": reciprocity,
        "multiplexity": multiplexity,
    }
    weight_sum = np.zeros(n)
    weighted = np.zeros(n)
    for name, values in inputs.items():
        known = ~np.isnan(values)
        weight_sum += np.where(known, WEIGHTS[name], 0.0)
        weighted += np.where(known, WEIGHTS[name] * np.nan_to_num(values), 0.0)
    safe = np.where(weight_sum > 0, weight_sum, 1.0)
    inferred = weighted / safe

    rated = ~np.isnan(snapshot.closeness)
    self_rating = np.where(rated, (np.nan_to_num(snapshot.closeness) - 1.0) / 4.0, np.nan)
    share = np.where(rated, 1.0 - SELF_RATING_WEIGHT, 1.0)
    score = np.where(rated, SELF_RATING_WEIGHT * np.nan_to_num(self_rating), 0.0) + share * inferred

    contributions = {
        "closeness": np.where(rated, SELF_RATING_WEIGHT * np.nan_to_num(self_rating), 0.0)
    }
    for name, values in inputs.items():
        contributions[name] = (
            share * np.where(np.isnan(values), 0.0, WEIGHTS[name] * np.nan_to_num(values)) / safe
        )
    all_inputs = {"closeness": self_rating, **inputs}

    had_contact = np.asarray(participation @ past.astype(float)).ravel() > 0
    silent = had_contact & (np.nan_to_num(since_last, nan=np.inf) > WINDOW_DAYS)
    dormant = silent & ~(rated & (np.nan_to_num(snapshot.closeness) >= 4))
    # contact that only ever went one way is not a strong tie, however frequent (Granovetter
    # 1973: strength includes reciprocal services); a rating of mine decides over it
    one_sided = ~rated & (np.nan_to_num(inputs["reciprocity"], nan=1.0) == 0.0)
    tie_class = np.where(
        dormant,
        "dormant",
        np.where(
            (score >= STRONG) & ~one_sided,
            "strong",
            np.where(score >= MEDIUM, "medium", "weak"),
        ),
    ).astype(object)
    margin = np.minimum(np.abs(score - STRONG), np.abs(score - MEDIUM))
    for array in (score, margin, *all_inputs.values(), *contributions.values()):
        array.setflags(write=False)
    return TieStrength(
        score=score,
        tie_class=tie_class,
        margin=margin,
        inputs=all_inputs,
        contributions=contributions,
    )


def _first_interaction(snapshot: Snapshot, past: np.ndarray) -> np.ndarray:
    """Per contact the earliest interaction up to today (NaT without one)."""
    return _extreme_interaction(snapshot, past, np.minimum, np.iinfo(np.int64).max)


def _last_interaction(snapshot: Snapshot, past: np.ndarray) -> np.ndarray:
    """Per contact the latest interaction up to today (NaT without one): a planned meeting is
    not contact yet, so it can neither raise recency above 1 nor end dormancy."""
    return _extreme_interaction(snapshot, past, np.maximum, np.iinfo(np.int64).min)


def _extreme_interaction(
    snapshot: Snapshot, past: np.ndarray, ufunc: np.ufunc, start: int
) -> np.ndarray:
    found = np.full(snapshot.size, np.datetime64("NaT"), dtype="datetime64[s]")
    coo = snapshot.participation.tocoo()
    keep = past[coo.row]
    rows, cols = coo.row[keep], coo.col[keep]
    if rows.size:
        times = snapshot.interaction_times[rows].astype("datetime64[s]").astype(np.int64)
        best = np.full(snapshot.size, start, dtype=np.int64)
        ufunc.at(best, cols, times)
        has = best != start
        found[has] = best[has].astype("datetime64[s]")
    return found


def _balance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    total = a + b
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 1.0 - np.abs(a - b) / np.where(total > 0, total, 1.0), np.nan)


def _reciprocity(
    snapshot: Snapshot, participation: sparse.csr_array, past: np.ndarray
) -> np.ndarray:
    directions = snapshot.interaction_directions
    # a meeting both attend is contact in both directions, whoever organised it
    both_ways = (directions == Direction.MUTUAL.value) | np.isin(
        snapshot.interaction_kinds, list(BOTH_WAYS)
    )
    inbound = participation @ (((directions == Direction.INBOUND.value) | both_ways) & past).astype(
        float
    )
    outbound = participation @ (
        ((directions == Direction.OUTBOUND.value) | both_ways) & past
    ).astype(float)
    by_interactions = _balance(inbound, outbound)
    index = np.array([snapshot.index_of(e.contact_id) for e in snapshot.exchanges], dtype=np.int64)
    is_given = np.array(
        [e.direction == ExchangeDirection.GIVEN for e in snapshot.exchanges], dtype=bool
    )
    given = np.bincount(index[is_given], minlength=snapshot.size).astype(float)
    received = np.bincount(index[~is_given], minlength=snapshot.size).astype(float)
    by_exchanges = _balance(given, received)
    stacked = np.vstack([by_interactions, by_exchanges])
    known = ~np.isnan(stacked)
    counts = known.sum(axis=0)
    with np.errstate(invalid="ignore"):
        return np.where(counts > 0, np.nansum(stacked, axis=0) / np.maximum(counts, 1), np.nan)


def rating_order(snapshot: Snapshot, strength: TieStrength) -> np.ndarray:
    """Positions of the unrated ties, least certain class first (smallest ``margin``); ties with
    more interactions first among equals, as a rating of them changes more."""
    unrated = np.flatnonzero(np.isnan(snapshot.closeness))
    order = np.lexsort((-snapshot.interaction_counts[unrated], strength.margin[unrated]))
    return unrated[order]
