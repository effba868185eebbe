"""Ego measures for many egos at once agree with networkx per ego and with the single-ego
analysis of a tiewise database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from tiewise.analysis.profile import analyze
from tiewise.research.data import read_long
from tiewise.research.egonets import build
from tiewise.research.export import export_anonymous
from tiewise.research.measures import ego_measures
from tiewise.research.simulate import simulate_cohort
from tiewise.snapshot import load_snapshot
from tiewise.store import Store

from ..conftest import DEMO_TODAY


def test_a_hand_built_ego_network():
    """Ego e0: alters a–d, ties a–b and b–c. networkx on the ego graph: effective size 3,
    constraint 0.5347; density 2/6."""
    nets = build(
        ["e0", "e1"],
        [0, 0, 0, 0, 1],
        ["a", "b", "c", "d", "x"],
        [(0, 1), (1, 2), (2, 1)],  # the duplicate tie counts once
        ego_attributes={"sector": ["it", None]},
        alter_attributes={"sector": ["it", "it", "zorg", None, "zorg"]},
        tie_class=["strong", "strong", "weak", "", "medium"],
    )
    m = ego_measures(nets)
    assert m["size"].tolist() == [4, 1]
    assert m["density"][0] == pytest.approx(2 / 6)
    assert np.isnan(m["density"][1])
    assert m["effective_size"][0] == pytest.approx(3.0)
    assert m["constraint"][0] == pytest.approx(0.5347222222)
    assert m["constraint"][1] == pytest.approx(1.0) and np.isnan(m["hierarchy"][1])
    assert m["share_strong"][0] == pytest.approx(2 / 3)  # of the 3 alters with a class
    assert m["sector_blau"][0] == pytest.approx(1 - (2 / 3) ** 2 - (1 / 3) ** 2)
    assert m["sector_iqv"][0] == pytest.approx((4 / 9) * 2)
    assert m["sector_entropy"][0] == pytest.approx(
        -(2 / 3) * np.log(2 / 3) - (1 / 3) * np.log(1 / 3)
    )
    assert m["sector_ei"][0] == pytest.approx((1 - 2) / 3)  # 2 alike, 1 different
    assert np.isnan(m["sector_ei"][1])  # ego's own sector unknown
    assert m["sector=zorg"][1] == 1.0


def test_every_ego_agrees_with_networkx_on_its_own_ego_graph():
    cohort = simulate_cohort(egos=40, mean_alters=8, seed=5)
    nets = cohort.study.networks
    m = ego_measures(nets)
    owner = nets.ego_of
    for e in range(nets.egos):
        graph = nx.Graph()
        alters = range(nets.indptr[e], nets.indptr[e + 1])
        graph.add_edges_from(("ego", a) for a in alters)
        mine = owner[nets.tie_a] == e
        graph.add_edges_from(zip(nets.tie_a[mine].tolist(), nets.tie_b[mine].tolist(), strict=True))
        assert m["effective_size"][e] == pytest.approx(
            nx.effective_size(graph, nodes=["ego"])["ego"]
        )
        assert m["constraint"][e] == pytest.approx(nx.constraint(graph, nodes=["ego"])["ego"])
        ego_only = graph.subgraph(alters)
        assert m["density"][e] == pytest.approx(nx.density(ego_only))


def test_the_anonymous_export_gives_the_single_ego_analysis(demo_copy: Path, tmp_path: Path):
    """Same data, two routes: tiewise's own analysis of the demo, and the study's measures of
    its anonymous export."""
    with Store.open(demo_copy) as store:
        export_anonymous(store, tmp_path / "export", today=DEMO_TODAY)
        profile = analyze(load_snapshot(store), DEMO_TODAY)
    m = ego_measures(read_long(tmp_path / "export").networks)
    burt = profile.structure.burt
    assert m["size"][0] == profile.snapshot.size
    assert m["effective_size"][0] == pytest.approx(burt.effective_size)
    assert m["efficiency"][0] == pytest.approx(burt.efficiency)
    assert m["constraint"][0] == pytest.approx(burt.constraint)
    assert m["hierarchy"][0] == pytest.approx(burt.hierarchy)
    assert m["density"][0] == pytest.approx(profile.structure.density)
    sector = next(d for d in profile.diversity if d.attribute == "sector")
    assert m["sector_blau"][0] == pytest.approx(sector.blau)
    assert m["sector_iqv"][0] == pytest.approx(sector.iqv)
    assert m["sector_entropy"][0] == pytest.approx(sector.shannon)
    assert m["sector_ei"][0] == pytest.approx(sector.ei_me)
    assert m["strong"][0] == profile.structure.by_class["strong"]


def test_the_anonymous_export_names_nobody(demo_copy: Path, tmp_path: Path):
    with Store.open(demo_copy) as store:
        first = export_anonymous(store, tmp_path / "a", today=date(2026, 11, 1))
        export_anonymous(store, tmp_path / "b", today=date(2026, 11, 1))
        snapshot = load_snapshot(store)
    text = "".join(p.read_text() for p in first)
    for contact in snapshot.contacts[:50]:
        assert contact.name not in text
        assert not any(i.value in text for i in contact.identifiers)
        if contact.organisation:
            assert f",{contact.organisation}," not in text
    assert (tmp_path / "a" / "alters.csv").read_text() == (
        tmp_path / "b" / "alters.csv"
    ).read_text()
