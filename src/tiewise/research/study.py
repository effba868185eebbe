"""A study: ego measures for every ego, then the questions of the literature, with honest
statistics (``models.py``).

The headline question is the seed study's: does network size predict performance? Then the
composition and structure questions (Stam, Arzlanian & Elfring 2014, *JBV* 29: structural
holes and diversity matter more than weak ties; Lechner, Dowling & Welpe 2006: the mix of tie
types more than size). Each question is one OLS model with the controls; size stays in every
model after the first, so composition and structure are compared at equal size.

| model | predictors |
|---|---|
| size | ``size`` |
| composition | ``size``, ``share_strong``, ``share_weak`` (medium ties the reference) |
| diversity | ``size``, ``<attribute>_blau`` for each categorical alter attribute |
| structural holes | ``size``, ``constraint`` |

Models whose variables the data lack are skipped (a wide file names its own columns:
``--predictors``). Spearman correlations of the outcome with every numeric measure come with
bootstrap intervals; p-values of the predictors of interest are Holm-adjusted across models.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tiewise.errors import InputError
from tiewise.research.data import Study
from tiewise.research.measures import ego_measures
from tiewise.research.models import MANY_TESTS, Correlation, Model, holm, ols, spearman


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


def _questions(variables: dict[str, np.ndarray]) -> list[tuple[str, tuple[str, ...]]]:
    diversity = tuple(sorted(k for k in variables if k.endswith("_blau")))
    questions = [
        ("size", ("size",)),
        ("composition", ("size", "share_strong", "share_weak")),
        ("diversity", ("size", *diversity)),
        ("structural holes", ("size", "constraint")),
    ]
    return [
        (name, predictors)
        for name, predictors in questions
        if all(p in variables for p in predictors) and (name != "diversity" or diversity)
    ]


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
            raise InputError(f"{name!r}: expected a column of the data, found {shown}")
    if variables[outcome].dtype == object:
        raise InputError(f"{outcome!r}: expected a numeric outcome, found text")
    questions = _questions(variables)
    if predictors:
        questions.append(("your predictors", predictors))
    if not questions:
        raise InputError("no model to fit: give --predictors (columns of the wide file)")
    models = [ols(variables, outcome, p, controls, name) for name, p in questions]
    interest = [(m, c) for m in models for c in m.coefficients if c.name in m.predictors]
    adjusted = holm([c.p for _, c in interest])
    by_model: dict[str, list] = {}
    for (model, coefficient), p in zip(interest, adjusted, strict=True):
        by_model.setdefault(model.name, []).append(replace(coefficient, p_holm=p))
    models = [
        replace(
            m,
            coefficients=tuple(
                next((c for c in by_model.get(m.name, []) if c.name == k.name), k)
                for k in m.coefficients
            ),
        )
        for m in models
    ]
    numeric = [k for k, v in variables.items() if v.dtype != object and k != outcome]
    varying = [k for k in numeric if k not in controls and _varies(variables[k])]
    correlations = tuple(spearman(variables, k, outcome, seed=seed) for k in varying)
    warnings = []
    if len(interest) >= MANY_TESTS:
        warnings.append(
            f"{len(interest)} tests of predictors: some will look significant by chance; "
            "read the Holm-adjusted p-values"
        )
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
    }
