"""Honest statistics for "do networks pay off?": OLS with robust errors, rank correlations with
bootstrap intervals, the smallest effect the sample could detect, and explicit missing data.

- **OLS** (statsmodels) of the outcome on the predictors and controls, with HC3
  heteroskedasticity-robust standard errors (MacKinnon & White 1985; Long & Ervin 2000 recommend
  HC3 for samples under ~250). Categorical controls enter as dummies (first category the
  reference). Each predictor is reported three ways: the raw coefficient, the effect of one
  standard deviation of the predictor (``per_sd = b · sd(x)``, with its 95 % interval) and the
  fully standardised β (``b · sd(x) / sd(y)``).
- **Missing data**: each model uses the egos with every variable it needs (listwise deletion);
  how many were dropped, and for which variable, is reported with the model.
- **Minimum detectable effect** at 80 % power and α = .05 (two-sided), per standard deviation
  of the predictor: ``(z₀.₉₇₅ + z₀.₈) · SE(per_sd)`` — a "no relation" finding is read against
  it (Cohen 1988; Bloom 1995).
- **Spearman** rank correlations, with percentile bootstrap intervals (2,000 resamples, seeded).
- **Many tests**: p-values of the predictors of interest are also Holm-adjusted within each
  family of tests (Holm 1979: ``p_(k) · (m − k + 1)``, made monotone, for the k-th smallest of
  m p-values; ``study.fit_models`` defines the families), and a warning is given from
  :data:`MANY_TESTS` tests in a family on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

POWER = 0.8
ALPHA = 0.05
BOOTSTRAP = 2000
MANY_TESTS = 5


@dataclass(frozen=True)
class Coefficient:
    name: str
    estimate: float
    se: float
    low: float
    high: float
    p: float
    per_sd: float
    per_sd_low: float
    per_sd_high: float
    beta: float  # fully standardised
    mde_per_sd: float
    p_holm: float | None = None


@dataclass(frozen=True)
class Model:
    name: str
    outcome: str
    predictors: tuple[str, ...]
    controls: tuple[str, ...]
    n: int
    dropped: dict[str, int]  # variable → egos missing it (an ego may miss several)
    r2: float
    adj_r2: float
    coefficients: tuple[Coefficient, ...]  # the predictors, then the controls' terms
    notes: tuple[str, ...] = field(default_factory=tuple)
    kind: str = ""  # what the coefficients mean: see ``study.KINDS``

    def coefficient(self, name: str) -> Coefficient:
        return next(c for c in self.coefficients if c.name == name)


def _missing(values: np.ndarray) -> np.ndarray:
    if values.dtype == object:
        return np.array([v is None for v in values], dtype=bool)
    return np.isnan(values.astype(float))


def _design(
    variables: dict[str, np.ndarray],
    keep: np.ndarray,
    predictors: tuple[str, ...],
    controls: tuple[str, ...],
) -> tuple[np.ndarray, list[str]]:
    columns, names = [np.ones(int(keep.sum()))], ["const"]
    for name in (*predictors, *controls):
        values = variables[name][keep]
        if values.dtype == object:
            levels = sorted({str(v) for v in values})
            for level in levels[1:]:
                columns.append(np.array([str(v) == level for v in values], dtype=float))
                names.append(f"{name}={level}")
        else:
            columns.append(values.astype(float))
            names.append(name)
    return np.column_stack(columns), names


def ols(
    variables: dict[str, np.ndarray],
    outcome: str,
    predictors: tuple[str, ...],
    controls: tuple[str, ...] = (),
    name: str = "",
    kind: str = "",
) -> Model:
    """OLS with HC3 errors of ``outcome`` on ``predictors`` and ``controls`` (module docstring)."""
    import statsmodels.api as sm

    needed = (outcome, *predictors, *controls)
    missing = {v: _missing(variables[v]) for v in needed}
    keep = ~np.any(np.column_stack(list(missing.values())), axis=1)
    dropped = {v: int(m.sum()) for v, m in missing.items() if m.any()}
    y = variables[outcome][keep].astype(float)
    x, names = _design(variables, keep, predictors, controls)
    notes = []
    constant = [k for k in range(1, x.shape[1]) if np.ptp(x[:, k]) == 0]
    if constant:
        notes.append("constant: " + ", ".join(names[k] for k in constant) + " (left out)")
        x = np.delete(x, constant, axis=1)
        names = [n for k, n in enumerate(names) if k not in constant]
    fit = sm.OLS(y, x).fit(cov_type="HC3")
    z = stats.norm.ppf(1 - ALPHA / 2) + stats.norm.ppf(POWER)
    sd_y = y.std(ddof=1)
    intervals = np.asarray(fit.conf_int(ALPHA))
    coefficients = []
    for k, term in enumerate(names):
        if term == "const":
            continue
        sd_x = x[:, k].std(ddof=1)
        b, se = float(fit.params[k]), float(fit.bse[k])
        coefficients.append(
            Coefficient(
                name=term,
                estimate=b,
                se=se,
                low=float(intervals[k, 0]),
                high=float(intervals[k, 1]),
                p=float(fit.pvalues[k]),
                per_sd=b * sd_x,
                per_sd_low=float(intervals[k, 0]) * sd_x,
                per_sd_high=float(intervals[k, 1]) * sd_x,
                beta=b * sd_x / sd_y if sd_y > 0 else math.nan,
                mde_per_sd=z * se * sd_x,
            )
        )
    return Model(
        name=name or " + ".join(predictors),
        outcome=outcome,
        predictors=predictors,
        controls=controls,
        n=int(keep.sum()),
        dropped=dropped,
        r2=float(fit.rsquared),
        adj_r2=float(fit.rsquared_adj),
        coefficients=tuple(coefficients),
        notes=tuple(notes),
        kind=kind,
    )


@dataclass(frozen=True)
class Correlation:
    x: str
    y: str
    n: int
    rho: float
    low: float
    high: float
    p: float


def spearman(
    variables: dict[str, np.ndarray], x: str, y: str, seed: int = 0, resamples: int = BOOTSTRAP
) -> Correlation:
    """Spearman's ρ of ``x`` and ``y`` over the egos with both, with a percentile bootstrap 95 %
    interval (resampling egos)."""
    a, b = variables[x].astype(float), variables[y].astype(float)
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep], b[keep]
    n = a.size
    if n < 3:
        return Correlation(x, y, n, math.nan, math.nan, math.nan, math.nan)
    result = stats.spearmanr(a, b)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(resamples, n))
    ranks_a = stats.rankdata(a[draws], axis=1)
    ranks_b = stats.rankdata(b[draws], axis=1)
    ranks_a -= ranks_a.mean(axis=1, keepdims=True)
    ranks_b -= ranks_b.mean(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        rhos = (ranks_a * ranks_b).sum(axis=1) / np.sqrt(
            (ranks_a**2).sum(axis=1) * (ranks_b**2).sum(axis=1)
        )
    low, high = np.nanquantile(rhos, [ALPHA / 2, 1 - ALPHA / 2])
    return Correlation(
        x, y, n, float(result.statistic), float(low), float(high), float(result.pvalue)
    )


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down adjustment (Holm 1979), in the order given."""
    order = np.argsort(p_values)
    m = len(p_values)
    adjusted = np.empty(m)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted.tolist()
