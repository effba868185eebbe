"""A study: ego measures for every ego, then the questions of the literature, with honest
statistics (``models.py``).

The seed study's question is whether network size predicts performance; the literature adds
composition and structure (Stam, Arzlanian & Elfring 2014, *JBV* 29: structural holes and
diversity matter more than weak ties; Lechner, Dowling & Welpe 2006: the mix of tie types more
than size). These measures go together — a bigger network is, by construction, less
constrained (Burt 1992: ``c_i = Σ_j (p_ij + Σ_q p_iq p_qj)²`` falls with ``n``) and tends to be
more diverse — so each is first estimated holding the others fixed:

1. **Joint model** (shown first, the headline): OLS of the outcome on every network measure of
   the data at once — ``size``; composition ``share_strong``, ``share_weak`` (medium ties the
   reference); diversity ``<attribute>_blau`` for each categorical alter attribute; structure
   ``constraint`` — plus the controls. Its coefficient of ``m`` is the difference in outcome
   per SD of ``m`` at equal values of the other measures and controls.
2. **Total associations**: one model per measure, ``outcome ~ m + controls``. Its coefficient
   includes whatever runs through the measures left out (omitted-variable bias when they also
   drive the outcome: ``b_total = b_m + Σ_k b_k · δ_km``, with ``δ_km`` the slope of measure
   ``k`` on ``m``; e.g. Wooldridge, *Introductory Econometrics*, §3.3). It answers "do egos with
   more of ``m`` do better?", not "does ``m`` make them do better?" — the report labels it so.
3. ``--predictors``: one model of the user's own.

Validation (``simulate.validate``, ``bench/bench_study.py validate``): with a planted size
effect of 0 the joint model's size coefficient is centred on 0 with nominal coverage, while the
total association of size is not (figures in ``docs/research.md``).

A measure enters the joint model when the data have it, it varies, and at most half the egos
miss it (a warning names the measures left out). Spearman correlations of the outcome with
every numeric measure come with bootstrap intervals. p-values are Holm-adjusted within each
family of tests: the joint model's network measures, the total associations, the user's
predictors (Holm 1979).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tiewise.errors import InputError
from tiewise.research.data import Study
from tiewise.research.instruments import RESOURCES_UNVERIFIED
from tiewise.research.measures import ego_measures
from tiewise.research.models import MANY_TESTS, Correlation, Model, holm, ols, spearman

JOINT = "joint"
TOTAL = "total association"
YOURS = "your predictors"
#: What the coefficients of each kind of model mean, as the report and ``--json`` say it.
KINDS = {
    JOINT: "joint model: each measure's coefficient holds the other network measures and the "
    "controls fixed",
    TOTAL: "total association, not an effect: one measure and the controls; it includes what "
    "runs through the measures left out",
    YOURS: "your model: each predictor holds your other predictors and the controls fixed",
}


@dataclass(frozen=True)
class Descriptive:
    name: str
    n: int
    missing: int
    mean: float
    sd: float
    minimum: float
    median: float
    maximum: float


@dataclass(frozen=True)
class StudyResult:
    outcome: str
    controls: tuple[str, ...]
    egos: int
    variables: dict[str, np.ndarray]
    descriptives: tuple[Descriptive, ...]
    models: tuple[Model, ...]
    correlations: tuple[Correlation, ...]
    warnings: tuple[str, ...]


def network_predictors(
    variables: dict[str, np.ndarray], controls: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], list[str]]:
    """The network measures of the joint model, in the order size, composition, diversity,
    constraint; and why any that the data have were left out."""
    diversity = sorted(k for k in variables if k.endswith("_blau"))
    candidates = ("size", "share_strong", "share_weak", *diversity, "constraint")
    chosen, left_out = [], []
    for name in candidates:
        if name not in variables or name in controls:
            continue
        if variables[name].dtype == object:
            left_out.append(f"{name} (not numeric)")
            continue
        values = variables[name].astype(float)
        missing = int(np.isnan(values).sum())
        if not _varies(values):
            left_out.append(f"{name} (does not vary)")
        elif missing > values.size / 2:
            left_out.append(f"{name} (missing for {missing} of {values.size} egos)")
        else:
            chosen.append(name)
    return tuple(chosen), left_out


def fit_models(
    variables: dict[str, np.ndarray],
    outcome: str = "performance",
    controls: tuple[str, ...] = (),
    predictors: tuple[str, ...] = (),
) -> tuple[list[Model], list[str]]:
    """The joint model, the total association of each of its measures, and the user's model
    (module docstring), with Holm-adjusted p-values per family; and the warnings."""
    network, left_out = network_predictors(variables, controls)
    warnings = []
    if left_out:
        warnings.append("left out of the joint model: " + ", ".join(left_out))
    families: list[list[Model]] = []
    if network:
        families.append([ols(variables, outcome, network, controls, JOINT, JOINT)])
        families.append(
            [ols(variables, outcome, (m,), controls, f"{TOTAL}: {m}", TOTAL) for m in network]
        )
    if predictors:
        families.append([ols(variables, outcome, predictors, controls, YOURS, YOURS)])
    if not families:
        raise InputError(
            "no model to fit: give --predictors (columns of the wide file)", key="error.no_model"
        )
    models = []
    for family in families:
        tests = [(m, c) for m in family for c in m.coefficients if c.name in m.predictors]
        adjusted = dict(
            zip(
                ((m.name, c.name) for m, c in tests),
                holm([c.p for _, c in tests]),
                strict=True,
            )
        )
        models += [
            replace(
                m,
                coefficients=tuple(
                    replace(c, p_holm=adjusted[(m.name, c.name)])
                    if (m.name, c.name) in adjusted
                    else c
                    for c in m.coefficients
                ),
            )
            for m in family
        ]
        if len(tests) >= MANY_TESTS:
            kind = family[0].kind
            warnings.append(
                f"{len(tests)} tests of predictors ({kind}): some will look significant by "
                "chance; read the Holm-adjusted p-values"
            )
    return models, warnings


def describe(name: str, values: np.ndarray) -> Descriptive:
    x = values.astype(float)
    known = x[~np.isnan(x)]
    if not known.size:
        return Descriptive(name, 0, int(x.size), *([math.nan] * 5))
    return Descriptive(
        name,
        int(known.size),
        int(x.size - known.size),
        float(known.mean()),
        float(known.std(ddof=1)) if known.size > 1 else math.nan,
        float(known.min()),
        float(np.median(known)),
        float(known.max()),
    )


def run_study(
    study: Study,
    outcome: str = "performance",
    controls: tuple[str, ...] = (),
    predictors: tuple[str, ...] = (),
    seed: int = 0,
) -> StudyResult:
    """Measures, descriptives, models and correlations (module docstring). ``predictors`` adds
    one model of its own (for wide data, or a question of the user's)."""
    variables = dict(study.variables)
    if study.networks is not None:
        variables.update(ego_measures(study.networks))
    for name in (outcome, *controls, *predictors):
        if name not in variables:
            shown = ", ".join(list(variables)[:15]) + (" …" if len(variables) > 15 else "")
            raise InputError(
                f"{name!r}: expected a column of the data, found {shown}",
                key="error.no_column",
                values={"name": name, "found": shown},
            )
    if variables[outcome].dtype == object:
        raise InputError(
            f"{outcome!r}: expected a numeric outcome, found text",
            key="error.outcome_text",
            values={"name": outcome},
        )
    models, warnings = fit_models(variables, outcome, controls, predictors)
    numeric = [k for k, v in variables.items() if v.dtype != object and k != outcome]
    varying = [k for k in numeric if k not in controls and _varies(variables[k])]
    correlations = tuple(spearman(variables, k, outcome, seed=seed) for k in varying)
    if any(k.startswith("rg_") for k in variables):
        warnings.append(RESOURCES_UNVERIFIED)
    n = len(study.ego_ids)
    for model in models:
        if model.dropped:
            lost = n - model.n
            warnings.append(
                f"model {model.name!r}: {lost} of {n} egos left out for missing values "
                f"({', '.join(f'{k} {v}' for k, v in model.dropped.items())})"
            )
    return StudyResult(
        outcome=outcome,
        controls=controls,
        egos=n,
        variables=variables,
        descriptives=tuple(describe(k, v) for k, v in variables.items() if v.dtype != object),
        models=tuple(models),
        correlations=correlations,
        warnings=tuple(warnings),
    )


def _varies(values: np.ndarray) -> bool:
    known = values.astype(float)
    known = known[~np.isnan(known)]
    return known.size > 2 and bool(np.ptp(known) > 0)


def _number(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return round(float(value), 6)


def result_to_json(result: StudyResult) -> dict[str, Any]:
    """The contract of ``tiewise study DATA --json``: every number of the report."""
    return {
        "outcome": result.outcome,
        "controls": list(result.controls),
        "egos": result.egos,
        "descriptives": [
            {k: _number(v) if isinstance(v, float) else v for k, v in d.__dict__.items()}
            for d in result.descriptives
        ],
        "models": [
            {
                "name": m.name,
                "kind": m.kind,
                "meaning": KINDS.get(m.kind, ""),
                "predictors": list(m.predictors),
                "n": m.n,
                "dropped": m.dropped,
                "r2": _number(m.r2),
                "adj_r2": _number(m.adj_r2),
                "notes": list(m.notes),
                "coefficients": [
                    {
                        k: _number(v) if isinstance(v, float) or v is None else v
                        for k, v in c.__dict__.items()
                    }
                    for c in m.coefficients
                ],
            }
            for m in result.models
        ],
        "correlations": [
            {k: _number(v) if isinstance(v, float) else v for k, v in c.__dict__.items()}
            for c in result.correlations
        ],
        "warnings": list(result.warnings),
        "resource_generator": (
            "unverified" if any(k.startswith("rg_") for k in result.variables) else None
        ),
    }
