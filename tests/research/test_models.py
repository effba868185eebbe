"""The estimators recover planted effects on simulated cohorts, and say "no relation" about a
zero effect no more often than they should — for the models ``tiewise study`` shows: the joint
model of every network measure, and each measure's total association."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from tiewise.research.measures import ego_measures
from tiewise.research.models import holm, ols, spearman
from tiewise.research.simulate import CONTROLS, simulate_cohort, validate
from tiewise.research.study import JOINT, TOTAL, fit_models

REPEATS = 100


@pytest.fixture(scope="module")
def recovered() -> dict[tuple[str, str], object]:
    """(model kind, measure) → recovery over REPEATS cohorts of 300 egos (fixed seeds)."""
    return {(r.kind, r.measure): r for r in validate(repeats=REPEATS, egos=300, seed=1000)}


def test_one_cohort_the_joint_model_finds_no_size_effect_where_none_was_planted():
    """Planted: size 0, sector Blau +0.3, constraint −0.2 per SD (seed 11, 400 egos).

    Constraint falls with size (Burt 1992: with more contacts each holds a smaller share of
    one's time), and constraint lowers performance here, so size *alone* goes with better
    performance although size does nothing. The joint model holds constraint and diversity
    fixed and recovers 0; the total association of size does not and is labelled as such.
    """
    cohort = simulate_cohort(egos=400, seed=11)
    variables = {**cohort.study.variables, **ego_measures(cohort.study.networks)}
    models, _ = fit_models(variables, "performance", CONTROLS)
    joint = models[0]
    assert joint.kind == JOINT
    assert joint.predictors == ("size", "share_strong", "share_weak", "sector_blau", "constraint")
    size = joint.coefficient("size")
    assert size.per_sd_low < 0 < size.per_sd_high
    assert abs(size.per_sd) < 0.1
    blau, constraint = joint.coefficient("sector_blau"), joint.coefficient("constraint")
    assert blau.per_sd_low < 0.3 < blau.per_sd_high
    assert constraint.per_sd_low < -0.2 < constraint.per_sd_high
    total = next(m for m in models if m.kind == TOTAL and m.predictors == ("size",))
    assert total.name == "total association: size"
    assert total.coefficient("size").per_sd_low > 0  # a "relation" that is not an effect


@pytest.mark.parametrize(("name", "planted"), [("sector_blau", 0.3), ("constraint", -0.2)])
def test_planted_effects_are_recovered_by_the_joint_model_with_honest_intervals(
    recovered, name: str, planted: float
):
    r = recovered[(JOINT, name)]
    assert r.planted == planted and r.repeats == REPEATS
    assert abs(r.bias) < 0.1 * abs(planted)
    # 95 % nominal; 100 repeats: the central 99 % binomial range is about 89–100 %
    assert 0.89 <= r.coverage <= 1.0


def test_a_zero_size_effect_is_significant_in_the_joint_model_no_more_often_than_nominal(
    recovered,
):
    r = recovered[(JOINT, "size")]
    assert r.planted == 0.0
    assert abs(r.mean) < 0.03
    # 5 % nominal; with 100 repeats the 99 % binomial upper bound is 11 %
    assert r.significant <= stats.binom.ppf(0.99, REPEATS, 0.05) / REPEATS
    assert r.coverage >= 0.89


def test_the_total_association_of_size_is_biased_which_is_why_it_is_not_the_headline(
    recovered,
):
    """Omitted-variable bias: b_total = b_size + b_constraint · δ, with δ < 0 the slope of
    constraint (in SD) on size and b_constraint = −0.2, so b_total > 0 though b_size = 0."""
    r = recovered[(TOTAL, "size")]
    assert r.mean > 0.1
    assert r.significant > 0.5
    assert r.coverage < 0.5


def test_missing_values_are_dropped_and_reported():
    cohort = simulate_cohort(egos=120, seed=9)
    variables = {**cohort.study.variables, **ego_measures(cohort.study.networks)}
    variables["firm_size"] = variables["firm_size"].copy()
    variables["firm_size"][:10] = np.nan
    model = ols(variables, "performance", ("size",), ("firm_size",))
    assert model.n == 110
    assert model.dropped == {"firm_size": 10}


def test_the_minimum_detectable_effect_shrinks_with_the_sample():
    mde = []
    for egos in (100, 400):
        cohort = simulate_cohort(egos=egos, seed=3)
        variables = {**cohort.study.variables, **ego_measures(cohort.study.networks)}
        mde.append(ols(variables, "performance", ("size",)).coefficient("size").mde_per_sd)
    assert mde[1] < mde[0] * 0.6  # about 1/√4


def test_spearman_matches_scipy_and_its_interval_holds_the_estimate():
    cohort = simulate_cohort(egos=200, seed=4)
    variables = {**cohort.study.variables, **ego_measures(cohort.study.networks)}
    result = spearman(variables, "size", "performance")
    expected = stats.spearmanr(variables["size"], variables["performance"]).statistic
    assert result.rho == pytest.approx(expected)
    assert result.low < result.rho < result.high
    assert result.n == 200


def test_holm_adjusts_step_down():
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
