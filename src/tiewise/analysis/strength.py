"""Tie strength: a transparent score 0–1 per tie, a class, and the contribution of every input.

Granovetter (1973, *AJS* 78) defines tie strength as a combination of time, emotional intensity,
intimacy and reciprocal services. Marsden & Campbell (1984, *Social Forces* 63) found emotional
closeness the best single indicator, with frequency and duration contaminated by context —
so a self-rated closeness, where the user gave one, outweighs everything inferred. Gilbert &
Karahalios (CHI 2009) predicted tie strength from interaction traces (intensity, intimacy,
duration, reciprocity, structure) and found recency of contact among the strongest predictors.

Inputs per tie, each scaled to 0–1 (``today`` is passed in; no clock is read):

- ``frequency``: decayed number of interactions in the last 12 months,
  ``F = Σ exp(−age/τ)`` with τ = 90 days, scaled ``1 − exp(−F/3)`` (monthly contact ≈ 0.69,
  weekly ≈ 0.99);
- ``recency``: ``exp(−days since last interaction / 180)``; 0 without interactions;
- ``duration``: ``1 − exp(−years known / 5)``, years since ``met_on`` (else the first interaction);
- ``multiplexity``: ``(contexts − 1) / 2`` clipped to [0, 1] (one context 0, three or more 1);
- ``reciprocity``: ``1 − |inbound − outbound| / (inbound + outbound)`` over directed interactions
  (a *mutual* one — a meeting both attend, a logged coffee, a person met at an event — counts in
  both directions), averaged with the same balance over exchanges given/received; unknown
  without either.

Every contact moment counts alike, whatever its source: imported messages and meetings, contact
I log myself (``tiewise log``, *Done* on the plan) and people met at an event (each an
interaction of kind ``event``), all in the one ``interaction`` table.

Inferred score: the weighted mean of the known inputs with weights frequency .35, recency .25,
duration .15, reciprocity .15, multiplexity .10 (unknown inputs drop out and the rest is
renormalised). With a self-rating ``c`` (1–5): ``score = 0.7·(c − 1)/4 + 0.3·inferred``.

Classes: **dormant** — had interactions but none in the last 365 days, unless rated 4 or 5;
**strong** ``score ≥ 0.6``; **medium** ``score ≥ 0.35``; **weak** otherwise. ``margin`` is the
distance to the nearest class boundary (small = uncertain), used to ask about the least certain
ties first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from tiewise.model import Direction, ExchangeDirection
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

    since_last = days_before(snapshot.last_interaction, today)
    recency = np.where(np.isnan(since_last), 0.0, np.exp(-np.nan_to_num(since_last) / RECENCY_DAYS))

    met = np.array([t.met_on or np.datetime64("NaT") for t in snapshot.ties], dtype="datetime64[s]")
    first = _first_interaction(snapshot)
    known_days = days_before(np.where(np.isnat(met), first, met), today)
    duration = np.where(
        np.isnan(known_days),
        np.nan,
        1.0 - np.exp(-np.nan_to_num(known_days) / 365.25 / DURATION_YEARS),
    )

    contexts = np.asarray(snapshot.contexts.sum(axis=1)).ravel()
    multiplexity = np.clip((contexts - 1.0) / 2.0, 0.0, 1.0)

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

    had_contact = snapshot.interaction_counts > 0
    silent = had_contact & (np.nan_to_num(since_last, nan=np.inf) > WINDOW_DAYS)
    dormant = silent & ~(rated & (np.nan_to_num(snapshot.closeness) >= 4))
    tie_class = np.where(
        dormant,
        "dormant",
        np.where(score >= STRONG, "strong", np.where(score >= MEDIUM, "medium", "weak")),
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


def _first_interaction(snapshot: Snapshot) -> np.ndarray:
    first = np.full(snapshot.size, np.datetime64("NaT"), dtype="datetime64[s]")
    coo = snapshot.participation.tocoo()
    if coo.nnz:
        times = snapshot.interaction_times[coo.row].astype(np.int64)
        best = np.full(snapshot.size, np.iinfo(np.int64).max)
        np.minimum.at(best, coo.col, times)
        has = best < np.iinfo(np.int64).max
        first[has] = best[has].astype("datetime64[s]")
    return first


def _balance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    total = a + b
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 1.0 - np.abs(a - b) / np.where(total > 0, total, 1.0), np.nan)


def _reciprocity(
    snapshot: Snapshot, participation: sparse.csr_array, past: np.ndarray
) -> np.ndarray:
    directions = snapshot.interaction_directions
    mutual = directions == Direction.MUTUAL.value  # a meeting both attend: both ways
    inbound = participation @ (((directions == Direction.INBOUND.value) | mutual) & past).astype(
        float
    )
    outbound = participation @ (((directions == Direction.OUTBOUND.value) | mutual) & past).astype(
        float
    )
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
