"""Tie strength on hand-built networks where the right class is beyond doubt."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from tiewise import model as M
from tiewise.analysis.strength import tie_strength
from tiewise.snapshot import build_snapshot

TODAY = date(2026, 11, 1)


def _at(days_ago: float) -> datetime:
    return datetime.combine(TODAY, datetime.min.time()) - timedelta(days=days_ago)


def _meeting(days_ago: float, who: int, direction=M.Direction.MUTUAL) -> M.Interaction:
    return M.Interaction(_at(days_ago), M.InteractionKind.MEETING, "calendar", direction, (who,))


def _snapshot(ties, interactions=(), exchanges=()):
    contacts = [M.Contact(id=t.contact_id, name=f"C{t.contact_id}") for t in ties]
    return build_snapshot(M.Me(name="me"), contacts, ties, (), interactions, exchanges=exchanges)


def test_obvious_cases_get_the_obvious_class():
    ties = [
        M.Tie(1, closeness=5),  # rated very close, no data
        M.Tie(2, contexts=("work", "club"), met_on=TODAY - timedelta(days=3650)),  # weekly
        M.Tie(3),  # one meeting two years ago
        M.Tie(4),  # never any contact
        M.Tie(5, closeness=5),  # very close, silent for two years
        M.Tie(6, closeness=1),  # rated distant but in touch
    ]
    weekly = [
        _meeting(7 * k + 1, 2, M.Direction.INBOUND if k % 2 else M.Direction.OUTBOUND)
        for k in range(52)
    ]
    interactions = [*weekly, _meeting(730, 3), _meeting(700, 5)]
    interactions += [_meeting(30 * k + 2, 6) for k in range(12)]
    strength = tie_strength(_snapshot(ties, interactions), TODAY)
    assert list(strength.tie_class) == ["strong", "strong", "dormant", "weak", "strong", "weak"]
    assert strength.score[1] > 0.8
    # self-rating outweighs inference: a monthly contact rated 1 stays weak
    assert strength.score[5] < 0.35


def test_contributions_add_up_to_the_score_and_follow_the_formula():
    ties = [M.Tie(1, met_on=TODAY - timedelta(days=round(5 * 365.25)), contexts=("work",))]
    strength = tie_strength(_snapshot(ties, [_meeting(0, 1, M.Direction.INBOUND)]), TODAY)
    frequency = 1 - math.exp(-math.exp(-1 / 90) / 3)
    recency = math.exp(-1 / 180)
    duration = 1 - math.exp(-(round(5 * 365.25) + 1) / 365.25 / 5)
    reciprocity = 0.0  # one inbound, no outbound
    expected = (0.35 * frequency + 0.25 * recency + 0.15 * duration + 0.15 * reciprocity) / 1.0
    assert strength.score[0] == pytest.approx(expected, abs=1e-12)
    total = sum(float(values[0]) for values in strength.contributions.values())
    assert total == pytest.approx(float(strength.score[0]), abs=1e-12)
    explained = {row["input"]: row for row in strength.explain(0)}
    assert explained["closeness"]["value"] is None
    assert explained["frequency"]["value"] == pytest.approx(frequency, abs=1e-4)


def test_unknown_inputs_drop_out_and_the_rest_is_renormalised():
    # no met_on and no interactions: duration and reciprocity unknown
    strength = tie_strength(_snapshot([M.Tie(1, contexts=("a", "b", "c"))]), TODAY)
    assert np.isnan(strength.inputs["duration"][0])
    assert np.isnan(strength.inputs["reciprocity"][0])
    # multiplexity 1 × .10 over known weights .35 + .25 + .10
    assert strength.score[0] == pytest.approx(0.10 / 0.70)


def test_exchanges_count_toward_reciprocity():
    on = TODAY - timedelta(days=10)
    exchanges = [
        M.Exchange(1, M.ExchangeDirection.GIVEN, M.ExchangeKind.HELP, on),
        M.Exchange(1, M.ExchangeDirection.RECEIVED, M.ExchangeKind.ADVICE, on),
        M.Exchange(2, M.ExchangeDirection.GIVEN, M.ExchangeKind.HELP, on),
    ]
    strength = tie_strength(_snapshot([M.Tie(1), M.Tie(2)], exchanges=exchanges), TODAY)
    assert list(strength.inputs["reciprocity"]) == [1.0, 0.0]


def test_margin_is_small_near_a_boundary():
    strength = tie_strength(_snapshot([M.Tie(1, closeness=3), M.Tie(2, closeness=5)]), TODAY)
    # closeness 3 → 0.35 exactly on the medium boundary; 5 → 0.70, 0.10 above strong
    assert strength.margin[0] == pytest.approx(0.0)
    assert strength.margin[1] == pytest.approx(0.10)
