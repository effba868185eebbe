"""The structure of my ego network: clusters, bridges, density, Burt's measures for me, Dunbar
layers. Pure functions of a Snapshot and the tie strengths.

Model: the **ego network** — me, my contacts, my ties to all of them and the links among them
that tiewise knows of. That is all a personal network holds; METHOD.md notes that constraint
differs between the ego-network and the whole-network model (karate node 0: 0.178 vs 0.155).
Burt's measures for me are computed on this ego network, unweighted (every tie and link counts
1), as in Burt (1992) and Borgatti (1997): link weights from different sources (shared meetings,
group messages) are not comparable with tie strength, so they do not enter. ``tiewise measure``
computes the same measures for any whole network.
"""

from __future__ import annotations

import math
import random
import sys
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from tiewise.analysis.burt import burt_measures
from tiewise.analysis.cluster_labels import cluster_labels
from tiewise.analysis.strength import MEDIUM, TieStrength
from tiewise.snapshot import Snapshot


def _igraph_without_plotting():  # type: ignore[no-untyped-def]
    """Import igraph while hiding matplotlib from it: igraph imports ``matplotlib.pyplot`` at
    import time whenever matplotlib is installed, for plotting tiewise never does, which cost
    0.33 s in every command. The charts (``report/charts.py``) import matplotlib themselves,
    normally, later."""
    hidden = "matplotlib" not in sys.modules
    if hidden:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]  # import → ImportError
    try:
        import igraph
    finally:
        if hidden:
            del sys.modules["matplotlib"]
    return igraph


igraph = _igraph_without_plotting()

#: Dunbar's nested layers (Zhou, Sornette, Hill & Dunbar 2005, Proc. R. Soc. B 272).
DUNBAR_LAYERS = (5, 15, 50, 150)
#: Communities smaller than this many contacts, or than this share of all contacts, are
#: reported together as "not clustered" (fragments of loosely linked online contacts).
MIN_CLUSTER_SIZE = 3
MIN_CLUSTER_SHARE = 0.02


@dataclass(frozen=True, slots=True)
class Cluster:
    """A group of contacts who know each other (community detection on the links)."""

    index: int
    members: np.ndarray  # contact positions
    label: str  # its most distinctive values: "online + ASML", "#3" (analysis/cluster_labels.py)
    dominant: dict[str, tuple[str, float]]  # attribute → (most common value, its share)
    density: float
    strong: int
    weak_or_medium: int


@dataclass(frozen=True, slots=True)
class Bridge:
    """A contact who holds the only link between a cluster and the rest of my contacts."""

    contact: int  # position
    cluster: int  # the cluster reached (or left) through this contact
    side: str  # "outside": links into the cluster from outside; "inside": its only way out


@dataclass(frozen=True, slots=True)
class DunbarLayer:
    """Layer of ``capacity`` (5, 15, 50, 150): strong and medium ties by strength rank."""

    capacity: int
    filled: int
    mean_strength: float | None


@dataclass(frozen=True, slots=True)
class EgoBurt:
    effective_size: float | None
    efficiency: float | None
    constraint: float | None
    hierarchy: float | None


@dataclass(frozen=True)
class EgoStructure:
    size: int
    by_class: dict[str, int]
    links: int
    density: float | None
    components: int
    largest_component: int
    isolates: int
    membership: np.ndarray  # cluster index per contact, −1 when not in a reported cluster
    clusters: list[Cluster]
    unclustered: int
    bridges: list[Bridge]
    burt: EgoBurt
    dunbar: list[DunbarLayer]


def density(links: sparse.csr_array) -> float | None:
    """Share of possible links among contacts that exist: ``L / (n(n − 1)/2)`` (ties to me
    excluded); ``None`` with fewer than two contacts."""
    n = links.shape[0]
    if n < 2:
        return None
    return float((links.nnz / 2) / (n * (n - 1) / 2))


def clusters_of(links: sparse.csr_array, seed: int = 0) -> np.ndarray:
    """Community of each contact by the Leiden algorithm (Traag, Waltman & van Eck 2019,
    *Scientific Reports* 9) maximising modularity on the unweighted links, via igraph, with two
    iterations (igraph's default; iterating until stable costs three times as long at 35,000
    contacts and gave the same clusters on the demo); a fixed seed makes the result repeatable.
    Isolated contacts get their own community."""
    n = links.shape[0]
    upper = sparse.triu(links, k=1).tocoo()
    graph = igraph.Graph(n=n, edges=np.column_stack([upper.row, upper.col]))
    igraph.set_random_number_generator(random.Random(seed))
    try:
        partition = graph.community_leiden(objective_function="modularity", n_iterations=2)
    finally:
        igraph.set_random_number_generator(random)  # igraph's default generator
    return np.asarray(partition.membership, dtype=np.int64)


def _dominant(snapshot: Snapshot, members: np.ndarray) -> dict[str, tuple[str, float]]:
    """Each attribute's most common value among ``members``, with its share."""
    dominant: dict[str, tuple[str, float]] = {}
    for attribute in ("context", "organisation", "sector"):
        if attribute == "context":
            counts = np.asarray(snapshot.contexts[members].sum(axis=0)).ravel()
            names = snapshot.context_names
            if counts.size == 0 or counts.max() == 0:
                continue
            best = int(np.argmax(counts))
            dominant[attribute] = (names[best], float(counts[best] / len(members)))
            continue
        codes, names = snapshot.attribute(attribute)
        known = codes[members]
        known = known[known >= 0]
        if known.size == 0:
            continue
        value, count = Counter(known.tolist()).most_common(1)[0]
        dominant[attribute] = (names[value], count / len(members))
    return dominant


def bridges_of(links: sparse.csr_array, membership: np.ndarray) -> list[Bridge]:
    """Contacts who hold the only link between a reported cluster and the other contacts: the
    single outside contact linked into the cluster, or the single member linked out of it."""
    upper = sparse.triu(links, k=1).tocoo()
    a, b = upper.row, upper.col
    ca, cb = membership[a], membership[b]
    across = ca != cb
    result: list[Bridge] = []
    for cluster in np.unique(membership[membership >= 0]):
        into = across & ((ca == cluster) | (cb == cluster))
        inside = np.where(ca[into] == cluster, a[into], b[into])
        outside = np.where(ca[into] == cluster, b[into], a[into])
        if np.unique(outside).size == 1:
            result.append(Bridge(int(outside[0]), int(cluster), "outside"))
        if np.unique(inside).size == 1 and np.unique(outside).size > 1:
            result.append(Bridge(int(inside[0]), int(cluster), "inside"))
    return result


def ego_burt(links: sparse.csr_array) -> EgoBurt:
    """Burt's measures for me on my unweighted ego network (me tied to every contact)."""
    n = links.shape[0]
    if n == 0:
        return EgoBurt(None, None, None, None)
    pattern = (links > 0).astype(np.float64)
    me_row = sparse.csr_array(np.ones((1, n)))
    ego = sparse.vstack(
        [
            sparse.hstack([sparse.csr_array((1, 1)), me_row]),
            sparse.hstack([me_row.T, pattern]),
        ]
    ).tocsr()
    measures = burt_measures(ego)

    def value(array: np.ndarray) -> float | None:
        return None if np.isnan(array[0]) else float(array[0])

    return EgoBurt(
        value(measures.effective_size),
        value(measures.efficiency),
        value(measures.constraint),
        value(measures.hierarchy),
    )


def dunbar_layers(strength: TieStrength) -> list[DunbarLayer]:
    """Fill Dunbar's layers (5, 15, 50, 150) with my strong and medium ties in order of
    strength; a weak or dormant tie does not occupy a layer. ``filled`` of a layer counts the
    ties that reach into it (layers are nested)."""
    active = np.sort(
        strength.score[(strength.score >= MEDIUM) & (strength.tie_class != "dormant")]
    )[::-1]
    layers = []
    for capacity in DUNBAR_LAYERS:
        inside = active[:capacity]
        layers.append(
            DunbarLayer(capacity, int(inside.size), float(inside.mean()) if inside.size else None)
        )
    return layers


def ego_structure(snapshot: Snapshot, strength: TieStrength, seed: int = 0) -> EgoStructure:
    """Everything about the shape of my network (see the module docstring for the model)."""
    links = snapshot.links
    n = snapshot.size
    pattern = (links > 0).astype(np.int8)
    components, labels = connected_components(pattern, directed=False) if n else (0, np.zeros(0))
    sizes = np.bincount(labels) if n else np.zeros(0, dtype=np.int64)
    communities = clusters_of(pattern, seed) if n else np.zeros(0, dtype=np.int64)
    community_sizes = np.bincount(communities) if n else np.zeros(0, dtype=np.int64)
    smallest = max(MIN_CLUSTER_SIZE, math.ceil(MIN_CLUSTER_SHARE * n))
    big = np.flatnonzero(community_sizes >= smallest)
    order = big[np.argsort(-community_sizes[big], kind="stable")]
    membership = np.full(n, -1, dtype=np.int64)
    clusters = []
    for index, community in enumerate(order):
        members = np.flatnonzero(communities == community)
        membership[members] = index
        classes = strength.tie_class[members]
        clusters.append(
            Cluster(
                index=index,
                members=members,
                label="",  # named below, against the other clusters
                dominant=_dominant(snapshot, members),
                density=density(links[members][:, members]) or 0.0,
                strong=int(np.sum(classes == "strong")),
                weak_or_medium=int(np.sum((classes == "weak") | (classes == "medium"))),
            )
        )
    clusters = [
        replace(cluster, label=named.text)
        for cluster, named in zip(clusters, cluster_labels(snapshot, clusters), strict=True)
    ]
    by_class = Counter(strength.tie_class.tolist())
    return EgoStructure(
        size=n,
        by_class={k: by_class.get(k, 0) for k in ("strong", "medium", "weak", "dormant")},
        links=links.nnz // 2,
        density=density(links),
        components=int(components),
        largest_component=int(sizes.max()) if n else 0,
        isolates=int(np.sum(np.asarray(pattern.sum(axis=1)).ravel() == 0)),
        membership=membership,
        clusters=clusters,
        unclustered=int(np.sum(membership < 0)),
        bridges=bridges_of(links, membership),
        burt=ego_burt(links),
        dunbar=dunbar_layers(strength),
    )


def worlds(links: sparse.csr_array, structure: EgoStructure) -> np.ndarray:
    """The world of every contact, as an index: a reported cluster is one world (its members
    share information, so a second tie into it adds less); a contact outside every cluster is a
    world with the contacts it is linked to, and one that none of my other contacts knows is a
    world of its own — the least redundant tie there is (Burt 1992, ch. 1–2; docs/method.md).
    Used for instrumental goals by the goal fit (``cluster_span``) and the portfolio."""
    membership = structure.membership
    groups = membership.astype(np.int64).copy()
    outside = np.flatnonzero(membership < 0)
    if outside.size:
        _, labels = connected_components(links[outside][:, outside], directed=False)
        groups[outside] = len(structure.clusters) + labels
    return groups
