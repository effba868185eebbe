"""Synthetic cohorts with known effects, to check that the study recovers what was planted.

Each ego gets a network drawn from ego-specific parameters, so that size, diversity and
structure vary independently enough to be told apart:

- size ~ 2 + Poisson(``mean_alters`` − 2);
- each alter's sector drawn from the ego's own mix over :data:`SECTORS` (Dirichlet with a
  concentration that varies between egos, so some egos know one world, others many);
- each pair of alters knows each other with the ego's own probability (Beta(2, 5)), which moves
  density and constraint;
- each alter's closeness 1–5 (4–5 a strong tie) with an ego-specific share of strong ties.

Controls: ``firm_age`` (1–30 years), ``firm_size`` (log-normal employees), ``industry`` (the ego's
own, one of four). Performance is then ``Σ β_m · z(m) + 0.3 · z(log firm_age) + sector effect +
ε`` with ε ~ N(0, 1), where ``z(m)`` is measure ``m`` (as ``measures.py`` computes it) in
standard units of the cohort and ``β_m`` the planted effects — so the effect of one standard
deviation of ``m`` on performance is ``β_m``, which is what the study reports as ``per_sd``.

:func:`validate` fits, on many such cohorts, the models a user of ``tiewise study`` sees
(``study.fit_models``: the joint model and the total associations) and reports, per model and
measure, the mean estimate per SD, its bias against the planted effect, the share of 95 %
intervals that hold the planted value (coverage) and the share of cohorts where the measure is
significant at 5 % (raw and Holm-adjusted). For a measure of the joint model the planted effect
is ``β_m``; a total association has no planted value of its own (it mixes ``β_m`` with the
effects of the measures it stands in for), so its rows are compared with ``β_m`` to show the
bias of reading it as an effect.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tiewise.research.data import Study
from tiewise.research.egonets import build
from tiewise.research.measures import ego_measures

SECTORS = ("care", "education", "finance", "government", "industry", "retail", "tech", "culture")
EGO_SECTORS = ("services", "trade", "manufacturing", "creative")
DEFAULT_EFFECTS = {"size": 0.0, "sector_blau": 0.3, "constraint": -0.2}
CONTROLS = ("firm_age", "firm_size", "industry")


@dataclass(frozen=True)
class Cohort:
    study: Study
    effects: dict[str, float] = field(default_factory=dict)


def simulate_cohort(
    egos: int = 500,
    mean_alters: float = 15.0,
    effects: dict[str, float] | None = None,
    seed: int = 0,
) -> Cohort:
    """A cohort of ``egos`` ego networks with performance driven by ``effects`` (measure name
    → effect of one standard deviation; default :data:`DEFAULT_EFFECTS`)."""
    planted = dict(DEFAULT_EFFECTS if effects is None else effects)
    rng = np.random.default_rng(seed)
    sizes = 2 + rng.poisson(max(mean_alters - 2.0, 0.0), size=egos)
    owner = np.repeat(np.arange(egos), sizes)
    concentration = np.exp(rng.normal(-0.5, 1.0, size=egos))
    mixes = rng.gamma(np.repeat(concentration[:, None], len(SECTORS), axis=1))
    mixes /= mixes.sum(axis=1, keepdims=True)
    cumulative = np.cumsum(mixes, axis=1)[owner]
    sector = (rng.random(owner.size)[:, None] > cumulative).sum(axis=1)
    strong_share = rng.beta(2, 4, size=egos)
    strong = rng.random(owner.size) < strong_share[owner]
    closeness = np.where(strong, rng.integers(4, 6, owner.size), rng.integers(1, 4, owner.size))
    density = rng.beta(2, 5, size=egos)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    pairs = []
    for_size = {}
    for n in np.unique(sizes):  # upper-triangle pairs once per network size, not per ego
        a, b = np.triu_indices(int(n), k=1)
        for_size[int(n)] = (a, b)
    for e in range(egos):
        a, b = for_size[int(sizes[e])]
        keep = rng.random(a.size) < density[e]
        pairs.append(np.column_stack([a[keep], b[keep]]) + starts[e])
    ties = np.concatenate(pairs) if pairs else np.zeros((0, 2), dtype=np.int64)
    ego_ids = [f"ego{e:05d}" for e in range(egos)]
    ego_sector = rng.integers(0, len(EGO_SECTORS), egos)
    networks = build(
        ego_ids,
        owner,
        [f"a{k}" for k in range(owner.size)],
        ties,
        alter_attributes={"sector": [SECTORS[s] for s in sector]},
        numeric={"closeness": closeness.astype(float)},
        tie_class=np.where(closeness >= 4, "strong", np.where(closeness == 3, "medium", "weak")),
    )
    measures = ego_measures(networks)
    firm_age = rng.integers(1, 31, egos).astype(float)
    firm_size = np.round(np.exp(rng.normal(1.5, 1.0, egos)))
    sector_effect = np.array([0.0, 0.2, -0.1, 0.3])[ego_sector]
    performance = 0.3 * _z(np.log(firm_age)) + sector_effect + rng.normal(0, 1, egos)
    for name, beta in planted.items():
        performance += beta * _z(measures[name])
    variables = {
        "performance": performance,
        "firm_age": firm_age,
        "firm_size": firm_size,
        "industry": np.array([EGO_SECTORS[s] for s in ego_sector], dtype=object),
    }
    return Cohort(Study(tuple(ego_ids), variables, networks, ("simulated",)), planted)


def _z(values: np.ndarray) -> np.ndarray:
    filled = np.where(np.isnan(values), np.nanmean(values), values)
    return (filled - filled.mean()) / filled.std()


def write_cohort(cohort: Cohort, folder: Path) -> list[Path]:
    """Write the cohort in the long format (``egos.csv``, ``alters.csv``, ``alter_ties.csv``)."""
    folder.mkdir(parents=True, exist_ok=True)
    study, nets = cohort.study, cohort.study.networks
    assert nets is not None
    names = list(study.variables)
    paths = [folder / "egos.csv", folder / "alters.csv", folder / "alter_ties.csv"]
    with paths[0].open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["ego_id", *names])
        for e, ego in enumerate(study.ego_ids):
            writer.writerow([ego, *(_cell(study.variables[n][e]) for n in names)])
    sector = nets.categorical["sector"]
    owner = nets.ego_of
    with paths[1].open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["ego_id", "alter_id", "sector", "closeness"])
        for a, alter in enumerate(nets.alter_ids):
            writer.writerow(
                [
                    study.ego_ids[owner[a]],
                    alter.split("/")[-1],
                    sector.categories[sector.alters[a]],
                    int(nets.numeric["closeness"][a]),
                ]
            )
    with paths[2].open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["ego_id", "source", "target"])
        for a, b in zip(nets.tie_a, nets.tie_b, strict=True):
            writer.writerow(
                [
                    study.ego_ids[owner[a]],
                    nets.alter_ids[a].split("/")[-1],
                    nets.alter_ids[b].split("/")[-1],
                ]
            )
    return paths


def _cell(value: object) -> str:
    if isinstance(value, float):
        return "" if np.isnan(value) else str(round(float(value), 6))
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Recovery:
    """How one model's coefficient of one measure behaved over ``repeats`` cohorts."""

    kind: str  # "joint" or "total association"
    measure: str
    planted: float
    repeats: int
    mean: float  # mean estimate per SD
    coverage: float  # share of 95 % intervals holding ``planted``
    significant: float  # share with p < .05
    significant_holm: float  # share with Holm-adjusted p < .05

    @property
    def bias(self) -> float:
        return self.mean - self.planted


def validate(
    repeats: int = 200,
    egos: int = 400,
    seed: int = 1000,
    effects: dict[str, float] | None = None,
    controls: tuple[str, ...] = CONTROLS,
) -> list[Recovery]:
    """Recovery of the planted effects by the models ``tiewise study`` shows (module
    docstring), over ``repeats`` cohorts of ``egos`` egos with seeds ``seed``, ``seed + 1``, …"""
    from tiewise.research.study import fit_models

    planted = dict(DEFAULT_EFFECTS if effects is None else effects)
    rows: dict[tuple[str, str], list[Any]] = {}
    for k in range(repeats):
        cohort = simulate_cohort(egos=egos, effects=planted, seed=seed + k)
        variables = {**cohort.study.variables, **ego_measures(cohort.study.networks)}
        models, _ = fit_models(variables, "performance", controls)
        for model in models:
            for c in model.coefficients:
                if c.name in model.predictors:
                    rows.setdefault((model.kind, c.name), []).append(
                        (c.per_sd, c.per_sd_low, c.per_sd_high, c.p, c.p_holm)
                    )
    out = []
    for (kind, measure), values in rows.items():
        data = np.array(values, dtype=float)
        beta = planted.get(measure, 0.0)
        out.append(
            Recovery(
                kind=kind,
                measure=measure,
                planted=beta,
                repeats=len(values),
                mean=float(data[:, 0].mean()),
                coverage=float(np.mean((data[:, 1] <= beta) & (beta <= data[:, 2]))),
                significant=float(np.mean(data[:, 3] < 0.05)),
                significant_holm=float(np.mean(data[:, 4] < 0.05)),
            )
        )
    return out
