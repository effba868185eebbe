"""The network map's data: positions, colours and sizes, computed on the server once per
version of the data; ``static/map.js`` only draws, places labels, filters, finds, pans and zooms.

Layout: me at the centre; each cluster (Leiden, ``analysis/structure.py``) gets a sector of a
circle around me, at a distance that grows with its size, and its members are laid out by
Fruchterman–Reingold on the links among them (igraph, seeded); contacts in no cluster sit on an
outer ring. Up to :data:`NODE_LIMIT` contacts every contact is drawn; above it the map shows one
circle per cluster (size ∝ members) with the links between clusters, which stays readable and
light at 30,000 contacts.

Cluster labels are :func:`tiewise.analysis.cluster_labels.cluster_labels`: the most distinctive
organisation, context or place of each cluster (share in the cluster minus share in the whole
network, among values at least 3 members and 10 % of the cluster hold), never two alike. Each
entry of ``clusters`` carries ``label`` (the values, ``online + ASML``), ``count`` (members
holding every value named), ``size``, ``share`` (count / size), ``values`` (each with its own
count, share and base rate); the page writes ``online + ASML · 7 of 10`` in its language.
"""

from __future__ import annotations

import math
import random
from typing import Any

import numpy as np

from tiewise.analysis.cluster_labels import ClusterLabel, cluster_labels
from tiewise.analysis.profile import Profile
from tiewise.analysis.structure import igraph

NODE_LIMIT = 2500
EDGE_LIMIT = 20_000
UNCLUSTERED = -1


def _cluster_index(profile: Profile) -> np.ndarray:
    index = np.full(profile.snapshot.size, UNCLUSTERED, dtype=np.int64)
    for cluster in profile.structure.clusters:
        index[cluster.members] = cluster.index
    return index


def _centres(sizes: list[int]) -> list[tuple[float, float, float]]:
    """(x, y, radius) of each cluster: around me in proportion to their size."""
    total = max(sum(sizes), 1)
    centres, angle = [], 0.0
    for size in sizes:
        share = size / total
        middle = angle + math.pi * share
        radius = 40.0 + 14.0 * math.sqrt(size)
        distance = 160.0 + 2.2 * radius
        centres.append((distance * math.cos(middle), distance * math.sin(middle), radius))
        angle += 2.0 * math.pi * share
    return centres


def network_map(profile: Profile) -> dict[str, Any]:
    """The map as JSON-ready data: ``mode`` is ``contacts`` or ``clusters``."""
    snapshot, structure, strength = profile.snapshot, profile.structure, profile.strength
    clusters = structure.clusters
    index = _cluster_index(profile)
    labels = cluster_labels(snapshot, clusters)
    strong = strength.tie_class == "strong"
    legend = [
        _legend_entry(label, int(strong[c.members].sum()))
        for c, label in zip(clusters, labels, strict=True)
    ]
    if snapshot.size > NODE_LIMIT:
        return _cluster_map(profile, index, legend)
    centres = _centres([int(c.members.size) for c in clusters])
    x = np.zeros(snapshot.size)
    y = np.zeros(snapshot.size)
    links = snapshot.links.tocoo()
    for cluster, (cx, cy, radius) in zip(clusters, centres, strict=True):
        members = cluster.members
        local = {int(p): k for k, p in enumerate(members)}
        inside = np.isin(links.row, members) & np.isin(links.col, members) & (links.row < links.col)
        edges = [
            (local[int(a)], local[int(b)])
            for a, b in zip(links.row[inside], links.col[inside], strict=True)
        ]
        graph = igraph.Graph(n=len(members), edges=edges)
        state = random.getstate()
        random.seed(cluster.index)
        layout = np.array(graph.layout_fruchterman_reingold(niter=300).coords, dtype=float)
        random.setstate(state)
        if len(members) > 1:
            layout -= layout.mean(axis=0)
            layout *= radius / max(np.abs(layout).max(), 1e-9)
        x[members] = cx + layout[:, 0]
        y[members] = cy + layout[:, 1]
    loose = np.flatnonzero(index == UNCLUSTERED)
    outer = max((math.hypot(cx, cy) + r for cx, cy, r in centres), default=200.0) + 80.0
    for k, p in enumerate(loose):
        angle = 2.0 * math.pi * k / max(len(loose), 1)
        x[p], y[p] = outer * math.cos(angle), outer * math.sin(angle)
    bridges = {b.contact for b in structure.bridges}
    relevance = (
        profile.relevance.values.max(axis=0)
        if profile.relevance.values.shape[0]
        else np.zeros(snapshot.size)
    )
    nodes = [
        {
            "id": int(snapshot.contact_ids[i]),
            "name": c.name,
            "organisation": c.organisation,
            "class": str(strength.tie_class[i]),
            "cluster": int(index[i]),
            "strength": round(float(strength.score[i]), 3),
            "relevance": round(float(relevance[i]), 3),
            "bridge": i in bridges,
            "x": round(float(x[i]), 1),
            "y": round(float(y[i]), 1),
        }
        for i, c in enumerate(snapshot.contacts)
    ]
    upper = links.row < links.col
    pairs = np.column_stack([links.row[upper], links.col[upper]])[:EDGE_LIMIT]
    return {
        "mode": "contacts",
        "me": snapshot.me.name or "",
        "clusters": legend,
        "nodes": nodes,
        "edges": pairs.tolist(),
    }


def _legend_entry(label: ClusterLabel, strong: int) -> dict[str, Any]:
    share = label.share
    return {
        "index": label.index,
        "label": label.text,
        "count": label.count,
        "size": label.size,
        "share": None if share is None else round(share, 3),
        "strong": strong,
        "values": [
            {
                "attribute": v.attribute,
                "value": v.value,
                "count": v.count,
                "share": round(v.share, 3),
                "base": round(v.base, 3),
            }
            for v in label.values
        ],
    }


def _cluster_map(profile: Profile, index: np.ndarray, legend: list[dict]) -> dict[str, Any]:
    snapshot = profile.snapshot
    clusters = profile.structure.clusters
    groups = len(clusters) + 1  # the last group: contacts in no cluster
    group = np.where(index == UNCLUSTERED, len(clusters), index)
    links = snapshot.links.tocoo()
    between = np.zeros((groups, groups), dtype=np.int64)
    np.add.at(between, (group[links.row], group[links.col]), 1)
    sizes = [int(c.members.size) for c in clusters] + [int((index == UNCLUSTERED).sum())]
    centres = _centres(sizes)
    strong = profile.strength.tie_class == "strong"
    nodes = [
        {
            "cluster": k if k < len(clusters) else UNCLUSTERED,
            "label": legend[k]["label"] if k < len(clusters) else "",
            "count": legend[k]["count"] if k < len(clusters) else None,
            "size": sizes[k],
            "strong": int(strong[group == k].sum()),
            "x": round(cx, 1),
            "y": round(cy, 1),
            "radius": round(r, 1),
        }
        for k, (cx, cy, r) in enumerate(centres)
    ]
    edges = [
        [a, b, int(between[a, b])]
        for a in range(groups)
        for b in range(a + 1, groups)
        if between[a, b]
    ]
    return {
        "mode": "clusters",
        "me": snapshot.me.name or "",
        "clusters": legend,
        "nodes": nodes,
        "edges": edges,
        "contacts": snapshot.size,
    }


def map_list(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The map as a list (the page's alternative to the drawing, shown without JavaScript):
    one group per cluster in the map's order, then the contacts in no cluster; each with its
    label, counts and — in contacts mode — its people, strongest tie first."""
    groups = [{**c, "people": []} for c in data["clusters"]]
    if data["mode"] == "contacts":
        people: dict[int, list[dict[str, Any]]] = {}
        for node in data["nodes"]:
            people.setdefault(node["cluster"], []).append(node)
        for members in people.values():
            members.sort(key=lambda n: (-n["strength"], n["name"].casefold()))
        for group in groups:
            group["people"] = people.get(group["index"], [])
        loose = people.get(UNCLUSTERED, [])
        size, strong = len(loose), sum(n["class"] == "strong" for n in loose)
    else:
        loose = []
        outside = [n for n in data["nodes"] if n["cluster"] == UNCLUSTERED]
        size, strong = sum(n["size"] for n in outside), sum(n["strong"] for n in outside)
    if size:
        groups.append(
            {
                "index": UNCLUSTERED,
                "label": "",
                "count": None,
                "size": size,
                "strong": strong,
                "people": loose,
            }
        )
    return groups
