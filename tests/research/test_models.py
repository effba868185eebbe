"""The estimators recover planted effects on simulated cohorts, and say "no relation" about a
zero effect no more often than they should."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from tiewise.research.measures import ego_measures
from tiewise.research.models import holm, ols, spearman
from tiewise.research.simulate import simulate_cohort

PREDICTORS = ("size", "sector_blau", "constraint")
CONTROLS = ("firm_age", "firm_size", "industry")
REPEATS = 200


@pytest.fixture(scope="module")
def repeated() -> dict[str, np.ndarray]:
    """Per predictor: estimates, interval ends and p-values over REPEATS cohorts of 400 egos."""
    rows = []
    for seed in range(REPEATS):
        cohort = simulate_cohort(egos=400, seed=1000 + seed)
        variables = {**cohort.study.variables, **ego_measures(cohort.study.networks)}
        model = ols(variables, "performance", PREDICTORS, CONTROLS)
        rows.append(
            [
                (c.per_sd, c.per_sd_low, c.per_sd_high, c.p)
                for c in (model.coefficient(name) for name in PREDICTORS)
            ]
        )
    data = np.array(rows)  # repeats × predictors × (estimate, low, high, p)
    return {name: data[:, k, :] for k, name in enumerate(PREDICTORS)}


@pytest.mark.parametrize(("name", "planted"), [("sector_blau", 0.3), ("constraint", -0.2)])
def test_planted_effects_are_recovered_without_bias_and_with_honest_intervals(
    repeated, name: str, planted: float
):
    values = repeated[name]
    bias = values[:, 0].mean() - planted
    coverage = np.mean((values[:, 1] <= planted) & (planted <= values[:, 2]))
    assert abs(bias) < 0.1 * abs(planted)
    assert 0.92 <= coverage <= 0.98


def test_a_zero_size_effect_is_significant_no_more_often_than_the_nominal_rate(repeated):
    values = repeated["size"]
    rate = np.mean(values[:, 3] < 0.05)
    # 5 % nominal; with 200 repeats the 99 % binomial upper bound is about 9 %
    assert rate <= stats.binom.ppf(0.99, REPEATS, 0.05) / REPEATS
    coverage = np.mean((values[:, 1] <= 0) & (values[:, 2] >= 0))
    assert 0.92 <= coverage <= 0.98
    assert abs(values[:, 0].mean()) < 0.03


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
