"""Many ego networks at once, as flat arrays (the research module's Snapshot).

Egos are numbered ``0..E-1`` and alters ``0..A-1``, sorted by ego: the alters of ego ``e`` are
``indptr[e]:indptr[e+1]`` and ``ego_of[a]`` is an alter's ego. Alter–alter ties are pairs of
alter numbers of the same ego (``tie_a < tie_b``, each pair once). Attributes are kept as codes
into one category list per attribute, shared by egos and alters (−1: unknown), so that the
measures in ``measures.py`` run over all egos at once with ``bincount`` instead of a Python loop
per ego.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

UNKNOWN = -1


@dataclass(frozen=True)
class Categorical:
    """Codes of a categorical attribute for egos and for alters, over one category list."""

    categories: tuple[str, ...]
    egos: np.ndarray  # int64 per ego, −1 unknown (all −1 when egos lack the attribute)
    alters: np.ndarray  # int64 per alter


@dataclass(frozen=True)
class EgoNetworks:
    ego_ids: tuple[str, ...]
    indptr: np.ndarray  # int64, E + 1
    alter_ids: tuple[str, ...]
    tie_a: np.ndarray  # int64 alter numbers, tie_a < tie_b
    tie_b: np.ndarray
    categorical: dict[str, Categorical] = field(default_factory=dict)
    numeric: dict[str, np.ndarray] = field(default_factory=dict)  # per alter, NaN unknown
    tie_class: np.ndarray | None = None  # per alter: "strong" | "medium" | "weak" | "" unknown

    @property
    def egos(self) -> int:
        return len(self.ego_ids)

    @property
    def ego_of(self) -> np.ndarray:
        return np.repeat(np.arange(self.egos), np.diff(self.indptr))

    @property
    def size(self) -> np.ndarray:
        return np.diff(self.indptr)


def encode(ego_values: Sequence[str | None], alter_values: Sequence[str | None]) -> Categorical:
    """Codes over the sorted union of the non-empty values (compared as given, trimmed)."""

    def clean(value: str | None) -> str | None:
        if value is None:
            return None
        text = str(value).strip()
        return text or None

    egos = [clean(v) for v in ego_values]
    alters = [clean(v) for v in alter_values]
    categories = tuple(sorted({v for v in (*egos, *alters) if v is not None}))
    lookup = {c: i for i, c in enumerate(categories)}
    return Categorical(
        categories,
        np.array([lookup[v] if v is not None else UNKNOWN for v in egos], dtype=np.int64),
        np.array([lookup[v] if v is not None else UNKNOWN for v in alters], dtype=np.int64),
    )


def build(
    ego_ids: Sequence[str],
    alter_egos: Sequence[int],
    alter_ids: Sequence[str],
    ties: Sequence[tuple[int, int]] | np.ndarray = (),
    ego_attributes: Mapping[str, Sequence[str | None]] | None = None,
    alter_attributes: Mapping[str, Sequence[str | None]] | None = None,
    numeric: Mapping[str, Sequence[float]] | None = None,
    tie_class: Sequence[str] | None = None,
) -> EgoNetworks:
    """Ego networks from rows: ``alter_egos[a]`` is the ego number of alter ``a`` (any order),
    ``ties`` pairs of alter numbers of one ego. Alters are reordered by ego; duplicates of a
    tie and self-ties are dropped."""
    owner = np.asarray(alter_egos, dtype=np.int64)
    order = np.argsort(owner, kind="stable")
    position = np.empty_like(order)
    position[order] = np.arange(order.size)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=len(ego_ids)))])
    pairs = np.asarray(ties, dtype=np.int64).reshape(-1, 2)
    a, b = position[pairs[:, 0]], position[pairs[:, 1]]
    low, high = np.minimum(a, b), np.maximum(a, b)
    keep = low != high
    unique = np.unique(np.column_stack([low[keep], high[keep]]), axis=0)
    alter_attributes = alter_attributes or {}
    ego_attributes = ego_attributes or {}
    categorical = {}
    for name, values in alter_attributes.items():
        ego_values = ego_attributes.get(name, [None] * len(ego_ids))
        categorical[name] = encode(ego_values, [values[i] for i in order])
    return EgoNetworks(
        ego_ids=tuple(ego_ids),
        indptr=indptr.astype(np.int64),
        alter_ids=tuple(alter_ids[i] for i in order),
        tie_a=unique[:, 0] if unique.size else np.zeros(0, dtype=np.int64),
        tie_b=unique[:, 1] if unique.size else np.zeros(0, dtype=np.int64),
        categorical=categorical,
        numeric={
            name: np.asarray(values, dtype=float)[order] for name, values in (numeric or {}).items()
        },
        tie_class=None if tie_class is None else np.asarray(tie_class, dtype=object)[order],
    )
