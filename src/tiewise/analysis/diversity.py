"""Diversity and homophily: how varied my contacts are, and how much like-knows-like.

Four indices, each computed in exactly one function below:

- **Blau** ``1 − Σ p_k²`` (Blau 1977): the chance that two contacts drawn at random (with
  replacement) fall in different categories; 0 when everyone is alike.
- **IQV** ``Blau / (1 − 1/K)`` (Agresti & Agresti 1978): Blau divided by its maximum for K
  categories, so 0–1.
- **Shannon entropy** ``Σ p_k log(1/p_k)`` (Shannon 1948): 0 for one category, ``log K`` when the
  K categories are equally large.
- **E-I index** ``(E − I)/(E + I)`` (Krackhardt & Stern 1988): −1 when all ties stay within a
  group, +1 when all cross groups.

:func:`diversity` applies them to the contacts of a :class:`~tiewise.snapshot.Snapshot`, per
attribute (sector, role, region, organisation, and the tie ``context``), optionally on a subset of
contacts (``mask``). Decisions, all deliberate:

- **Unknowns.** Contacts whose value is unknown (code −1; for ``context``: no context at all) are
  left out of every index and reported as ``unknown``. Proportions are shares of the *known*.
- **K for the IQV** is the number of categories that are non-empty among the known contacts of the
  subset (the ``categories`` field). tiewise's attributes are free text, so there is no fixed list
  of "possible" categories; the IQV therefore measures how *evenly* the contacts spread over the
  categories they do occupy, while Blau (not normalised) also grows with the number of categories
  and is the index to compare across subsets.
- **Context is multi-valued.** A contact may have several contexts (work *and* club). For Blau,
  IQV and Shannon every (contact, context) membership counts once, so the proportions are shares
  of memberships, not of contacts (a contact in two contexts weighs twice; ``known`` still counts
  contacts). For the E-I index among contacts a link is internal when its two contacts share at
  least one context. I have no context, so ``ei_me`` is NaN for ``context``.
- **Links are counted, not weighted.** For ``ei_among`` each pair of contacts who know each other
  counts once, whatever its evidence count, as in Krackhardt & Stern's count of ties.
- **NaN** marks an undefined value: no known contact (Blau, IQV, Shannon), no tie to count
  (E + I = 0), my own value unknown (``ei_me``).

Comparison with egor (R, Krenz et al.; functions in ``R/composition.R`` and ``R/ei.R``):

- ``alts_diversity_count`` (distinct non-missing alter categories) is our ``categories``.
- ``alts_diversity_entropy`` is the same formula ``sum(p * log(1/p, base))`` with missing values
  dropped, as :func:`shannon`; its default base is 2 where ours is e, and for an ego without
  (known) alters it returns 0 (sum over an empty table) where we return NaN.
- egor has no Blau or IQV function.
- ``comp_ei(object, alt.attr, ego.attr)`` is our ``ei_me``: E = alters whose value differs from
  ego's, I = alters with ego's value, alters with a missing value dropped, NaN when ego's value is
  missing (0/0).
- ``EI(object, alt.attr)`` is the alter-alter version (our ``ei_among``), but by default
  (``rescale = TRUE``) egor replaces the counts by densities, E / possible between-group pairs and
  I / possible within-group pairs. Ours is Krackhardt & Stern's count form, so the two differ
  whenever groups differ in size. egor has no multi-valued attribute like our ``context``.

References: Blau, P. M. (1977) *Inequality and Heterogeneity*, Free Press. Agresti, A. & Agresti,
B. F. (1978) Statistical analysis of qualitative variation, *Sociological Methodology* 9,
204–237. Shannon, C. E. (1948) A mathematical theory of communication, *Bell System Technical
Journal* 27, 379–423. Krackhardt, D. & Stern, R. N. (1988) Informal networks and organizational
crises: an experimental simulation, *Social Psychology Quarterly* 51(2), 123–140.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from tiewise.snapshot import ATTRIBUTES, Snapshot

CONTEXT = "context"
DEFAULT_ATTRIBUTES = ("sector", "role", "region", "organisation", CONTEXT)
TOP_CATEGORIES = 5


def _counts(counts: np.ndarray) -> np.ndarray:
    """Validated category counts: a 1-D array of finite, non-negative numbers."""
    values = np.asarray(counts, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"counts must be one-dimensional, got shape {values.shape}")
    if not np.all(np.isfinite(values)) or np.any(values < 0):
        raise ValueError("counts must be finite and non-negative")
    return values


def blau(counts: np.ndarray) -> float:
    """Blau's index of heterogeneity ``1 − Σ p_k²`` with ``p_k = n_k / Σ n`` (Blau 1977).

    Also known as the Gini–Simpson index: the probability that two members drawn at random with
    replacement belong to different categories. 0 for a single category, at most ``1 − 1/K``
    for K categories. Empty categories do not matter. NaN when there is nobody (``Σ n = 0``).
    Computed as ``(N² − Σ n_k²) / N²`` so that integer counts give the exact fraction.
    """
    values = _counts(counts)
    total = values.sum()
    if total == 0:
        return math.nan
    squared_total = total * total
    return float((squared_total - np.dot(values, values)) / squared_total)


def iqv(counts: np.ndarray, categories: int | None = None) -> float:
    """Index of qualitative variation ``Blau / (1 − 1/K)`` (Agresti & Agresti 1978).

    Blau's index divided by its maximum ``1 − 1/K``, so 0 (everyone alike) to 1 (all K categories
    equally large). ``K = categories``, the number of *possible* categories; by default the
    number of non-empty categories in ``counts``. Defined cases: NaN when there is nobody
    (``Σ n = 0``, whatever K); **0 when K = 1** — a single possible category leaves no variation,
    which is a finding (everyone alike), not a missing value. Raises ``ValueError`` when
    ``categories`` is below 1 or below the number of non-empty categories.
    """
    values = _counts(counts)
    occupied = int(np.count_nonzero(values))
    k = occupied if categories is None else int(categories)
    if categories is not None and (k < 1 or k < occupied):
        raise ValueError(f"categories={categories} but {occupied} categories are non-empty")
    heterogeneity = blau(values)
    if math.isnan(heterogeneity) or k == 1:
        return heterogeneity  # NaN (nobody) or 0.0 (one category)
    return heterogeneity * k / (k - 1)


def shannon(counts: np.ndarray, base: float = math.e) -> float:
    """Shannon entropy ``H = Σ p_k log_b(1/p_k)`` over the non-empty categories (Shannon 1948).

    0 for a single category, ``log_b K`` when K categories are equally large. ``base`` e gives
    nats (egor's ``alts_diversity_entropy`` defaults to base 2, bits). NaN when there is nobody
    (``Σ n = 0``); egor returns 0 there.
    """
    if not base > 0 or base == 1:
        raise ValueError(f"base must be positive and not 1, got {base}")
    values = _counts(counts)
    total = values.sum()
    if total == 0:
        return math.nan
    p = values[values > 0] / total
    return float(np.dot(p, -np.log(p)) / math.log(base))


def ei_index(internal: float, external: float) -> float:
    """Krackhardt & Stern's E-I index ``(E − I) / (E + I)`` (Krackhardt & Stern 1988).

    ``internal`` I counts ties within a group, ``external`` E ties across groups. −1 when all ties
    are internal, +1 when all are external, 0 when balanced. NaN when there is no tie
    (``E + I = 0``). Same formula as egor's ``comp_ei`` and the unscaled form of egor's ``EI``.
    """
    if not (math.isfinite(internal) and math.isfinite(external)) or internal < 0 or external < 0:
        raise ValueError(f"tie counts must be finite and non-negative: {internal}, {external}")
    total = internal + external
    if total == 0:
        return math.nan
    return float((external - internal) / total)


@dataclass(frozen=True)
class AttributeDiversity:
    """Diversity and homophily of my contacts on one attribute (see the module docstring).

    ``known``/``unknown`` count contacts (in the subset) with and without a value;
    ``categories`` is the number of non-empty categories (the K of the IQV); ``top`` the
    largest categories with their counts (largest first, ties by name; for ``context`` counts
    of memberships). ``ei_me`` compares me with my contacts (E = contacts with another value
    than mine, I = contacts with my value; NaN when mine is unknown, and always for
    ``context``). ``ei_among`` runs over the links between contacts of the subset whose values
    are both known (E = links across categories, I = links within).
    """

    attribute: str
    known: int
    unknown: int
    categories: int
    blau: float
    iqv: float
    shannon: float
    top: list[tuple[str, int]]
    ei_me: float
    ei_among: float


def _membership(snapshot: Snapshot, attribute: str) -> tuple[sparse.csr_array, tuple[str, ...]]:
    """Contacts × categories 0/1 matrix (int64, no explicit zeros) and the category names.

    Single-valued attributes have at most one 1 per row (none when unknown); ``context`` may
    have several.
    """
    n = snapshot.size
    if attribute == CONTEXT:
        matrix = sparse.csr_array(snapshot.contexts != 0, dtype=np.int64)
        return matrix, snapshot.context_names
    if attribute not in ATTRIBUTES:
        raise ValueError(
            f"unknown attribute {attribute!r}; expected one of {(*ATTRIBUTES, CONTEXT)}"
        )
    codes, names = snapshot.attribute(attribute)
    rows = np.flatnonzero(codes >= 0)
    matrix = sparse.csr_array(
        (np.ones(rows.size, dtype=np.int64), (rows, codes[rows])), shape=(n, len(names))
    )
    return matrix, names


def _my_membership(snapshot: Snapshot, attribute: str, names: tuple[str, ...]) -> np.ndarray | None:
    """My 0/1 row over ``names``; ``None`` when my value is unknown (always for ``context``).

    A value of mine that no contact shares gives an all-zero row: every known contact differs.
    """
    if attribute == CONTEXT:
        return None
    value = getattr(snapshot.me, attribute) or None
    if value is None:
        return None
    return np.array([name == value for name in names], dtype=np.int64)


def _top(counts: np.ndarray, names: tuple[str, ...]) -> list[tuple[str, int]]:
    """The largest non-empty categories, largest first, equal counts by name."""
    order = np.lexsort((np.arange(counts.size), -counts))  # names are sorted, so index = name
    order = order[counts[order] > 0][:TOP_CATEGORIES]
    return [(names[i], int(counts[i])) for i in order]


def _ei_among(matrix: sparse.csr_array, links: sparse.csr_array, keep: np.ndarray) -> float:
    """E-I over the links whose both ends satisfy ``keep``; internal = sharing a category."""
    pairs = sparse.triu(links, k=1, format="coo")
    a, b = pairs.row, pairs.col
    use = (pairs.data != 0) & keep[a] & keep[b]
    a, b = a[use], b[use]
    if a.size == 0:
        return math.nan
    shared = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel() > 0
    internal = int(np.count_nonzero(shared))
    return ei_index(internal, a.size - internal)


def _attribute_diversity(
    snapshot: Snapshot, attribute: str, mask: np.ndarray
) -> AttributeDiversity:
    matrix, names = _membership(snapshot, attribute)
    has_value = np.asarray(matrix.sum(axis=1)).ravel() > 0
    known_mask = has_value & mask
    subset = matrix[np.flatnonzero(mask)]
    counts = np.asarray(subset.sum(axis=0)).ravel().astype(np.int64)
    mine = _my_membership(snapshot, attribute, names)
    if mine is None:
        ei_me = math.nan
    else:
        like_me = np.asarray(matrix[np.flatnonzero(known_mask)] @ mine).ravel() > 0
        internal = int(np.count_nonzero(like_me))
        ei_me = ei_index(internal, like_me.size - internal)
    return AttributeDiversity(
        attribute=attribute,
        known=int(np.count_nonzero(known_mask)),
        unknown=int(np.count_nonzero(mask & ~has_value)),
        categories=int(np.count_nonzero(counts)),
        blau=blau(counts),
        iqv=iqv(counts),
        shannon=shannon(counts),
        top=_top(counts, names),
        ei_me=ei_me,
        ei_among=_ei_among(matrix, snapshot.links, known_mask),
    )


def diversity(
    snapshot: Snapshot,
    attributes: Sequence[str] = DEFAULT_ATTRIBUTES,
    mask: np.ndarray | None = None,
) -> list[AttributeDiversity]:
    """Blau, IQV, Shannon and the E-I indices of my contacts, one :class:`AttributeDiversity`
    per attribute, in the order given.

    ``attributes`` are contact attributes (organisation, role, sector, region) or ``"context"``
    (the tie contexts, multi-valued). ``mask`` (bool, one per contact) restricts everything to a
    subset of contacts — e.g. the weak ties, or one goal's targets; ``ei_among`` then uses only
    the links with both ends in the subset. See the module docstring for the treatment of
    unknown values, K, context memberships, NaN and the comparison with egor.
    """
    n = snapshot.size
    if mask is None:
        selected = np.ones(n, dtype=bool)
    else:
        selected = np.asarray(mask)
        if selected.dtype != np.bool_ or selected.shape != (n,):
            raise ValueError(
                f"mask must be a bool array of length {n}, got {selected.dtype} {selected.shape}"
            )
    return [_attribute_diversity(snapshot, attribute, selected) for attribute in attributes]
