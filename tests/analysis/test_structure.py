"""Ego-network structure on hand-built networks where the answer is known."""

from __future__ import annotations

from datetime import date

import networkx as nx
import numpy as np
import pytest

from tiewise import model as M
from tiewise.analysis.profile import analyze
from tiewise.analysis.strength import tie_strength
from tiewise.analysis.structure import density, dunbar_layers, ego_burt, ego_structure
from tiewise.snapshot import build_snapshot

TODAY = date(2026, 11, 1)


def _network(edges: list[tuple[int, int]], n: int, fields: dict | None = None) -> object:
    fields = fields or {}
    contacts = [M.Contact(id=i, name=f"C{i}", **fields.get(i, {})) for i in range(1, n + 1)]
    links = [M.ContactLink(min(a, b), max(a, b), "manual") for a, b in edges]
    return build_snapshot(M.Me(name="me"), contacts, [M.Tie(i) for i in range(1, n + 1)], links)


def _two_cliques_and_a_bridge():
    """Contacts 1–4 all know each other, 5–8 too; 9 knows 4 and 5; 10 knows nobody."""
    first = [(a, b) for a in range(1, 5) for b in range(a + 1, 5)]
    second = [(a, b) for a in range(5, 9) for b in range(a + 1, 9)]
    fields = {i: {"organisation": "Radboudumc"} for i in range(1, 5)}
    fields.update({i: {"organisation": "Tennisclub"} for i in range(5, 9)})
    return _network([*first, *second, (4, 9), (5, 9)], 10, fields)


def test_clusters_bridges_components_and_density():
    snapshot = _two_cliques_and_a_bridge()
    structure = ego_structure(snapshot, tie_strength(snapshot, TODAY))
    assert structure.links == 14
    assert structure.density == pytest.approx(14 / 45)
    assert (structure.components, structure.largest_component, structure.isolates) == (2, 9, 1)
    groups = sorted(
        sorted(int(snapshot.contact_ids[i]) for i in c.members) for c in structure.clusters
    )
    assert [1, 2, 3, 4] in [g[:4] for g in groups] and len(structure.clusters) == 2
    labels = " ".join(c.label for c in structure.clusters)
    assert "Radboudumc" in labels and "Tennisclub" in labels
    assert structure.unclustered == 1  # contact 10
    # each clique reaches the rest only through one contact: 4 (inside) or 9 (outside), 5
    bridge_ids = {int(snapshot.contact_ids[b.contact]) for b in structure.bridges}
    assert bridge_ids & {4, 5, 9}
    assert all(np.all(c.density > 0) for c in structure.clusters)


def test_ego_burt_matches_networkx_on_the_ego_graph():
    snapshot = _two_cliques_and_a_bridge()
    burt = ego_burt(snapshot.links)
    graph = nx.Graph()
    graph.add_nodes_from(range(11))
    graph.add_edges_from((0, i) for i in range(1, 11))
    upper = np.argwhere(np.triu(snapshot.links.toarray()) > 0)
    graph.add_edges_from((int(a) + 1, int(b) + 1) for a, b in upper)
    assert burt.effective_size == pytest.approx(nx.effective_size(graph, nodes=[0])[0], abs=1e-9)
    assert burt.constraint == pytest.approx(nx.constraint(graph, nodes=[0])[0], abs=1e-9)
    assert burt.efficiency == pytest.approx(burt.effective_size / 10)


def test_a_star_has_no_redundancy():
    snapshot = _network([], 6)
    burt = ego_burt(snapshot.links)
    assert burt.effective_size == pytest.approx(6.0)
    assert burt.constraint == pytest.approx(6 * (1 / 6) ** 2)
    assert burt.hierarchy == pytest.approx(0.0)


def test_dunbar_layers_hold_strong_and_medium_ties_only():
    contacts = [M.Contact(id=i, name=f"C{i}") for i in range(1, 21)]
    ties = [M.Tie(i, closeness=5 if i <= 3 else 4 if i <= 8 else 1) for i in range(1, 21)]
    snapshot = build_snapshot(M.Me(name="me"), contacts, ties)
    layers = dunbar_layers(tie_strength(snapshot, TODAY))
    assert [(layer.capacity, layer.filled) for layer in layers] == [
        (5, 5),
        (15, 8),
        (50, 8),
        (150, 8),
    ]
    assert layers[0].mean_strength == pytest.approx((3 * 0.7 + 2 * 0.525) / 5)


def test_density_of_fewer_than_two_contacts_is_undefined():
    assert density(_network([], 1).links) is None


def test_analyze_json_has_every_section(demo_db):
    from tiewise.snapshot import load_snapshot
    from tiewise.store import Store

    with Store.open(demo_db) as store:
        profile = analyze(load_snapshot(store), date(2026, 11, 1))
    result = profile.to_json()
    assert set(result) >= {
        "size",
        "by_class",
        "density",
        "clusters",
        "bridges",
        "burt",
        "dunbar",
        "diversity",
        "components",
    }
    assert 6 <= len(result["clusters"]) <= 12
    labels = " ".join(c["label"] for c in result["clusters"])
    for expected in ("club", "sports", "family"):
        assert expected in labels
    assert result["burt"]["effective_size"] > 50
    assert 0 < result["burt"]["constraint"] < 0.2
    assert {d["attribute"] for d in result["diversity"]} == {
        "sector",
        "role",
        "region",
        "organisation",
        "context",
    }
