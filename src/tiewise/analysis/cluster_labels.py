"""Names for clusters that tell them apart: what each cluster has *more of* than the network.

A cluster's most common value is often common everywhere ("Arnhem-Nijmegen", "online") and then
names two clusters alike. The label here names the **most distinctive** value instead.

The rule, for a cluster *C* of *n* contacts in a network of *N*:

* candidates are the values of three attributes: the **organisation**, the **context** of the
  tie (work, club, family …; a contact may have several) and the **place** (``region``);
* for a value *v* held by *k* members of *C* and by *K* contacts in all, its share is
  ``k / n``, its base rate ``K / N`` and its **score** ``k / n − K / N`` (share minus base rate:
  how many percentage points more common *v* is in *C* than in the whole network). Unlike the
  lift ``(k / n) / (K / N)`` it does not crown a value two people share;
* a value counts only with **enough members**: ``k ≥ MIN_MEMBERS`` (3), ``k / n ≥ MIN_SHARE``
  (10 %) and a positive score (over-represented);
* the label is the value of the highest score (ties: more members, then organisation before
  context before place, then the value's name);
* **never two alike**: while two or more clusters carry the same set of values, each of them
  adds its next-best value not yet named; a cluster with none left (or with no value at all)
  gets its number, ``#3``;
* the count a label reports is the number of members holding **every** value named —
  ``online + ASML · 7 of 10``: 7 of the cluster's 10 members are online ties at ASML.

Pure function of a Snapshot and its clusters; no randomness.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tiewise.snapshot import Snapshot

if TYPE_CHECKING:  # structure names its clusters with this module
    from tiewise.analysis.structure import Cluster

#: The attributes a label may name, in the order that breaks ties.
LABEL_ATTRIBUTES = ("organisation", "context", "region")
MIN_MEMBERS = 3
MIN_SHARE = 0.10


@dataclass(frozen=True, slots=True)
class Distinctive:
    """A value over-represented in a cluster."""

    attribute: str  # organisation, context or region
    value: str
    count: int  # members of the cluster holding the value
    share: float  # count / cluster size
    base: float  # share of all contacts holding the value

    @property
    def score(self) -> float:
        """Share minus base rate: how much more common the value is in the cluster."""
        return self.share - self.base


@dataclass(frozen=True, slots=True)
class ClusterLabel:
    """The label of one cluster: the values named, how many members hold them all, of how many."""

    index: int  # the cluster's index
    values: tuple[Distinctive, ...]  # most distinctive first; empty when none qualifies
    count: int | None  # members holding every value named; None without values
    size: int
    number: bool  # "#k" added to tell it from another cluster (or for want of any value)

    @property
    def text(self) -> str:
        """``Radboudumc``, ``online + ASML``, ``online #3`` or ``#3`` (the count is not in it:
        the page says ``· 8 of 12`` in its own language)."""
        named = " + ".join(v.value for v in self.values)
        suffix = f"#{self.index + 1}" if self.number else ""
        return " ".join(part for part in (named, suffix) if part)

    @property
    def share(self) -> float | None:
        return None if self.count is None else self.count / max(self.size, 1)


def _holders(snapshot: Snapshot) -> dict[str, tuple[np.ndarray, tuple[str, ...]]]:
    """Per attribute: a boolean matrix (contacts × values) of who holds what, and the names."""
    found: dict[str, tuple[np.ndarray, tuple[str, ...]]] = {}
    for attribute in LABEL_ATTRIBUTES:
        if attribute == "context":
            matrix = snapshot.contexts
            found[attribute] = (matrix, snapshot.context_names)  # sparse, 0/1
            continue
        codes, names = snapshot.attribute(attribute)
        found[attribute] = (codes, names)
    return found


def _counts(holder: np.ndarray, names: tuple[str, ...], rows: np.ndarray | None) -> np.ndarray:
    """How many of ``rows`` (all contacts when ``None``) hold each value."""
    if not names:
        return np.zeros(0, dtype=np.int64)
    if holder.ndim == 1:  # codes, −1 when unknown
        codes = holder if rows is None else holder[rows]
        return np.bincount(codes[codes >= 0], minlength=len(names))
    matrix = holder if rows is None else holder[rows]
    return np.asarray((matrix > 0).sum(axis=0)).ravel().astype(np.int64)


def _mask(holder: np.ndarray, names: tuple[str, ...], value: str) -> np.ndarray:
    column = names.index(value)
    if holder.ndim == 1:
        return holder == column
    return np.asarray(holder[:, [column]].toarray()).ravel() > 0


def distinctive_values(snapshot: Snapshot, members: np.ndarray) -> list[Distinctive]:
    """Every value that qualifies for a label of the cluster ``members`` (see the module
    docstring), best first."""
    total, size = snapshot.size, len(members)
    if not total or not size:
        return []
    found = []
    for order, (attribute, (holder, names)) in enumerate(_holders(snapshot).items()):
        everywhere, inside = _counts(holder, names, None), _counts(holder, names, members)
        for column in np.flatnonzero(inside >= MIN_MEMBERS):
            count = int(inside[column])
            value = Distinctive(
                attribute, names[column], count, count / size, float(everywhere[column] / total)
            )
            if value.share >= MIN_SHARE and value.score > 0:
                found.append((-value.score, -count, order, value.value, value))
    return [entry[-1] for entry in sorted(found)]


def cluster_labels(snapshot: Snapshot, clusters: Sequence[Cluster]) -> list[ClusterLabel]:
    """One label per cluster, in the order of ``clusters``, no two alike (module docstring)."""
    holders = _holders(snapshot)
    candidates = [distinctive_values(snapshot, c.members) for c in clusters]
    chosen: list[list[Distinctive]] = [found[:1] for found in candidates]
    numbered = [not found for found in candidates]

    def key(k: int) -> tuple:
        values = frozenset((v.attribute, v.value.casefold()) for v in chosen[k])
        return (values, k if numbered[k] else None)

    while True:
        groups: dict[tuple, list[int]] = defaultdict(list)
        for k in range(len(clusters)):
            groups[key(k)].append(k)
        alike = [k for group in groups.values() if len(group) > 1 for k in group]
        if not alike:
            break
        for k in alike:
            left = [v for v in candidates[k] if v not in chosen[k]]
            if left:
                chosen[k].append(left[0])
            else:
                numbered[k] = True
    labels = []
    for k, cluster in enumerate(clusters):
        count = None
        if chosen[k]:
            every = np.ones(snapshot.size, dtype=bool)
            for value in chosen[k]:
                holder, names = holders[value.attribute]
                every &= _mask(holder, names, value.value)
            count = int(every[cluster.members].sum())
        labels.append(
            ClusterLabel(
                cluster.index, tuple(chosen[k]), count, int(cluster.members.size), numbered[k]
            )
        )
    return labels
