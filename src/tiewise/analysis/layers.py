"""Weighted degree and the layer measures of a multilayer (multiplex) network, per node.

A multilayer edge list has a *layer* column: each row is a relation of one kind (family,
household, neighbours, colleagues, classmates in Statistics Netherlands' person network), and a
pair of people may be related in several layers. Burt's measures (``analysis/burt.py``) see the
union of the layers: every row is a tie as ``tiewise measure`` reads it (rows of the same pair
are one multi-edge, weights summed, or weight 1 when unweighted). The measures here describe
how a node's ties spread over the layers.

Definitions, with ``w^ℓ_ij`` the mutual weight of i and j in layer ℓ (the rows of that pair and
layer, either direction, summed; 1 per row when unweighted) and self-loops ignored:

- **weighted degree** ``s_i = Σ_j w_ij``, the strength of Burt's ``p_ij = w_ij / s_i`` (mutual
  weights over all layers; for an unweighted undirected graph the degree, for an unweighted
  directed one the number of directed ties, a reciprocated pair counting 2); 0 for an isolate;
- a **layer tie** {i, j} in layer ℓ is a pair with ``w^ℓ_ij > 0`` (a zero-weight row is no tie,
  as in the union); a pair is a tie of the union exactly when it is a tie in some layer;
- ``ties_ℓ(i)``: the contacts of i in layer ℓ; ``layer_ties(i) = Σ_ℓ ties_ℓ(i)``;
- ``share_ℓ(i) = ties_ℓ(i) / layer_ties(i)``, the share of i's layer ties in layer ℓ;
- ``layers(i)``: the layers in which i has a tie;
- **multiplexity** ``layer_ties(i) / n_i``: the mean number of layers i shares with a contact
  (1: every contact in one layer only; Verbrugge 1979, "Multiplexity in adult friendships",
  *Social Forces* 57, counts the role relations a pair shares);
- ``multiplex_ties(i)``: the contacts of i who share two or more layers with i;
- **Blau over layers** ``1 − Σ_ℓ share_ℓ(i)²`` (Blau 1977, *Inequality and Heterogeneity*):
  0 when all of i's ties lie in one layer, ``1 − 1/L`` when they are spread evenly over L.

Isolates (no tie in any layer) get 0 counts and NaN for the ratios (share, multiplexity, Blau).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from tiewise.analysis.burt import mutual_weights


@dataclass(frozen=True, eq=False)
class LayerMeasures:
    """Layer measures per node, aligned with the nodes of the edge list; ``ties`` and
    ``share`` have one column per layer, in the order of ``layer_names``."""

    layer_names: list[str]
    ties: np.ndarray  # int64, n × L
    share: np.ndarray  # float64, n × L
    layers: np.ndarray  # int64
    multiplexity: np.ndarray
    multiplex_ties: np.ndarray  # int64
    layer_blau: np.ndarray


def weighted_degree(adjacency: sparse.sparray | sparse.spmatrix) -> np.ndarray:
    """The strength ``s_i = Σ_j w_ij`` of every node over the mutual weights ``W = A + Aᵀ``
    (self-loops and zero weights dropped, duplicates summed: ``burt.mutual_weights``)."""
    upper = sparse.coo_array(mutual_weights(adjacency))
    n = upper.shape[0]
    total = np.bincount(upper.row, upper.data, n) + np.bincount(upper.col, upper.data, n)
    return total.astype(np.float64, copy=False)


def layer_measures(
    n: int,
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray | None,
    layer_codes: np.ndarray,
    layer_names: list[str],
) -> LayerMeasures:
    """The layer measures of every node (module docstring) from the rows of an edge list:
    node numbers ``sources``/``targets`` (< ``n``), ``weights`` (``None``: unweighted) and the
    number of each row's layer in ``layer_names``. Direction does not matter: a layer tie is
    a pair with positive mutual weight."""
    count = len(layer_names)
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    codes = np.asarray(layer_codes, dtype=np.int64)
    keep = sources != targets
    low = np.minimum(sources, targets)[keep]
    high = np.maximum(sources, targets)[keep]
    codes = codes[keep]
    weight = np.ones(low.size) if weights is None else np.asarray(weights, np.float64)[keep]
    # one entry per (pair, layer): the key orders by pair, then layer
    key = (low * n + high) * max(count, 1) + codes
    unique, inverse = np.unique(key, return_inverse=True)
    summed = np.bincount(inverse, weight, unique.size)
    unique = unique[summed > 0]  # a layer tie has positive weight in its layer
    layer = unique % max(count, 1)
    pair = unique // max(count, 1)
    low, high = pair // n, pair % n
    ties = np.zeros((n, count), dtype=np.int64)
    np.add.at(ties, (low, layer), 1)
    np.add.at(ties, (high, layer), 1)
    pairs, per_pair = np.unique(pair, return_counts=True)
    multiplex = pairs[per_pair >= 2]
    multiplex_ties = np.bincount(multiplex // n, minlength=n) + np.bincount(
        multiplex % n, minlength=n
    )
    degree = np.bincount(pairs // n, minlength=n) + np.bincount(pairs % n, minlength=n)
    layer_ties = ties.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = ties / layer_ties[:, None]
        multiplexity = layer_ties / degree
        blau = 1.0 - (share**2).sum(axis=1)
    isolated = degree == 0
    share[isolated] = np.nan
    multiplexity[isolated] = np.nan
    blau[isolated] = np.nan
    return LayerMeasures(
        layer_names=list(layer_names),
        ties=ties,
        share=share,
        layers=(ties > 0).sum(axis=1).astype(np.int64),
        multiplexity=multiplexity.astype(np.float64),
        multiplex_ties=multiplex_ties.astype(np.int64),
        layer_blau=blau,
    )
