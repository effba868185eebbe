"""Ego-level measures for every ego at once, vectorised across egos (no Python loop per ego).

Structure — one graph holds every ego network side by side (ego ``e`` is node ``A + e``, tied
to each of its alters; alter–alter ties as given), and Burt's measures come from
:func:`tiewise.analysis.burt.burt_measures` on that graph, read off at the ego nodes. That is
the same function and the same model (ego network, unweighted) as the single-ego analysis of
``analysis/structure.py``, so both agree on the same data (a test checks it).

- ``size`` n (alters), ``ties`` t (alter–alter ties), ``density`` ``t / (n(n−1)/2)`` (NaN below
  2 alters), ``effective_size`` ``n − 2t/n`` (Borgatti 1997), ``efficiency`` ES/n,
  ``constraint`` and ``hierarchy`` (Burt 1992; NaN without alters, hierarchy NaN with one).
- Tie classes (when given): ``strong``, ``medium``, ``weak`` counts and ``share_*`` of alters
  with a known class.
- Per categorical attribute ``x``: ``x_known`` (alters with a value), ``x_categories``,
  ``x_blau`` ``1 − Σp²``, ``x_iqv`` Blau/(1 − 1/K) with K the ego's non-empty categories (0 when
  K = 1), ``x_entropy`` ``Σ p ln(1/p)`` (nats), ``x_ei`` Krackhardt–Stern ``(E − I)/(E + I)``
  between ego and alters (alters with an unknown value left out, NaN when ego's value is
  unknown), and composition shares ``x=<category>`` of the known alters. Same definitions as
  ``analysis/diversity.py``, which documents how they relate to egor's (R):
  ``alts_diversity_count`` = ``x_categories``; ``alts_diversity_entropy`` is our entropy in base
  2 and gives 0 (we: NaN) without known alters; ``comp_ei`` = ``x_ei``; ``comp_ply`` = the
  shares; egor's ``ego_density`` = ``density``; egor has no Blau, IQV or Burt measures.
- Per numeric alter attribute ``y``: ``y_mean`` over alters with a value.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from tiewise.analysis.burt import burt_measures
from tiewise.research.egonets import UNKNOWN, EgoNetworks

CLASSES = ("strong", "medium", "weak")


def structure(nets: EgoNetworks) -> dict[str, np.ndarray]:
    alters, egos = len(nets.alter_ids), nets.egos
    ego_nodes = alters + nets.ego_of
    rows = np.concatenate([ego_nodes, nets.tie_a])
    cols = np.concatenate([np.arange(alters), nets.tie_b])
    graph = sparse.coo_array(
        (np.ones(rows.size), (rows, cols)), shape=(alters + egos, alters + egos)
    ).tocsr()
    burt = burt_measures(graph)
    size = nets.size.astype(float)
    ties = np.bincount(nets.ego_of[nets.tie_a], minlength=egos).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = np.where(size >= 2, ties / (size * (size - 1) / 2), np.nan)
    at_ego = slice(alters, alters + egos)
    return {
        "size": size,
        "ties": ties,
        "density": density,
        "effective_size": np.asarray(burt.effective_size[at_ego], dtype=float),
        "efficiency": np.asarray(burt.efficiency[at_ego], dtype=float),
        "constraint": np.asarray(burt.constraint[at_ego], dtype=float),
        "hierarchy": np.asarray(burt.hierarchy[at_ego], dtype=float),
    }


def tie_classes(nets: EgoNetworks) -> dict[str, np.ndarray]:
    if nets.tie_class is None:
        return {}
    columns: dict[str, np.ndarray] = {}
    known = np.zeros(nets.egos)
    for name in CLASSES:
        count = np.bincount(
            nets.ego_of, weights=(nets.tie_class == name).astype(float), minlength=nets.egos
        )
        columns[name] = count
        known += count
    with np.errstate(divide="ignore", invalid="ignore"):
        for name in CLASSES:
            columns[f"share_{name}"] = np.where(known > 0, columns[name] / known, np.nan)
    return columns


def category_counts(nets: EgoNetworks, attribute: str) -> np.ndarray:
    """Egos × categories: how many alters of each ego have each value."""
    values = nets.categorical[attribute]
    k = len(values.categories)
    known = values.alters != UNKNOWN
    flat = nets.ego_of[known] * k + values.alters[known]
    return np.bincount(flat, minlength=nets.egos * k).reshape(nets.egos, k).astype(float)


def diversity(nets: EgoNetworks, attribute: str) -> dict[str, np.ndarray]:
    values = nets.categorical[attribute]
    counts = category_counts(nets, attribute)
    total = counts.sum(axis=1)
    occupied = (counts > 0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = counts / total[:, None]
        blau = np.where(total > 0, 1.0 - (p * p).sum(axis=1), np.nan)
        iqv = np.where(occupied > 1, blau * occupied / (occupied - 1), blau * 0.0)
        logs = np.where(p > 0, np.log(np.where(p > 0, 1.0 / p, 1.0)), 0.0)
        entropy = np.where(total > 0, (p * logs).sum(axis=1), np.nan)
        ego_value = values.egos
        has_ego = ego_value != UNKNOWN
        same = np.where(has_ego, counts[np.arange(nets.egos), np.maximum(ego_value, 0)], 0.0)
        external = total - same
        ei = np.where(has_ego & (total > 0), (external - same) / total, np.nan)
    columns = {
        f"{attribute}_known": total,
        f"{attribute}_categories": occupied.astype(float),
        f"{attribute}_blau": blau,
        f"{attribute}_iqv": iqv,
        f"{attribute}_entropy": entropy,
        f"{attribute}_ei": ei,
    }
    with np.errstate(divide="ignore", invalid="ignore"):
        for k, name in enumerate(values.categories):
            columns[f"{attribute}={name}"] = np.where(total > 0, counts[:, k] / total, np.nan)
    return columns


def numeric_means(nets: EgoNetworks) -> dict[str, np.ndarray]:
    columns = {}
    for name, values in nets.numeric.items():
        known = ~np.isnan(values)
        sums = np.bincount(nets.ego_of[known], weights=values[known], minlength=nets.egos)
        counts = np.bincount(nets.ego_of[known], minlength=nets.egos)
        with np.errstate(divide="ignore", invalid="ignore"):
            columns[f"{name}_mean"] = np.where(counts > 0, sums / counts, np.nan)
    return columns


def ego_measures(nets: EgoNetworks) -> dict[str, np.ndarray]:
    """Every measure above, one array per column, in ego order."""
    columns = {**structure(nets), **tie_classes(nets)}
    for attribute in nets.categorical:
        columns.update(diversity(nets, attribute))
    columns.update(numeric_means(nets))
    return columns
