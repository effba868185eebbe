"""One set of tests that both engines of ``tiewise measure`` must pass: in process
(``analysis/node_table.py``) and Apache Spark in local mode (``tiewise.spark``).

Every test graph is an edge list as a user would give it (CSV rows with multi-edges, reversed
duplicates, self-loops, zero weights, isolates that only appear in such rows). To start Spark's
jobs as seldom as possible, the graphs of one kind (weighted or not, directed or not, with
layers or not) are laid side by side as one edge list — ids prefixed with the graph's name —
and measured in one run per engine: every measure is a function of a node's neighbourhood, so
a graph's numbers do not change when other graphs lie beside it.

Each engine's numbers are checked against independent references (networkx' loops, igraph,
Burt's definitions computed one node at a time, published values), and Spark's against the
in-process engine's to 1e-9 on every node and column.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from tests.analysis.test_burt import (
    BORGATTI_EDGES,
    igraph_constraint,
    naive_measures,
    networkx_reference,
)
from tiewise.analysis.node_table import BASE_COLUMNS, layer_columns, measure_table

TOLERANCE = 1e-9
ENGINES = ("inprocess", "spark")
LAYERS = ("family", "household", "school", "work")

Row = tuple[str, str, float, str]  # source, target, weight, layer


@dataclass(frozen=True)
class Graph:
    """A test graph: its rows, and the kind of edge list it belongs to. Undirected graphs are
    measured with their layer column, directed ones without: four runs per engine in all."""

    name: str
    rows: tuple[Row, ...]
    weighted: bool
    directed: bool

    @property
    def layered(self) -> bool:
        return not self.directed

    @property
    def kind(self) -> tuple[bool, bool, bool]:
        return (self.weighted, self.directed, self.layered)


def _rows(edges: Iterable[tuple], layer: str = "family") -> tuple[Row, ...]:
    out = []
    for edge in edges:
        u, v, *rest = edge
        weight = float(rest[0]) if rest else 1.0
        out.append((str(u), str(v), weight, layer))
    return tuple(out)


def _nx_rows(graph: nx.Graph, weight: str | None) -> tuple[Row, ...]:
    return _rows(
        (u, v, d.get(weight, 1.0) if weight else 1.0) for u, v, d in graph.edges(data=True)
    )


def _two_cliques() -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from(nx.complete_graph(range(4)).edges())
    graph.add_edges_from(nx.complete_graph(range(5, 9)).edges())
    graph.add_edges_from([(3, 4), (4, 5)])
    return graph


def _random_rows(seed: int, weighted: bool, layered: bool) -> tuple[Row, ...]:
    """A small random edge list: repeated and reversed rows, self-loops, zero weights."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 15))
    count = int(rng.integers(0, 3 * n + 6))
    rows = []
    for _ in range(count):
        u, v = (int(x) for x in rng.integers(0, n, 2))
        weight = float(np.round(rng.uniform(0.01, 100), 4)) if weighted else 1.0
        if weighted and rng.random() < 0.05:
            weight = 0.0
        layer = LAYERS[int(rng.integers(0, len(LAYERS)))] if layered else "family"
        rows.append((f"n{u}", f"n{v}", weight, layer))
    return tuple(rows)


def _graphs() -> list[Graph]:
    karate = nx.karate_club_graph()
    directed = {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}
    graphs = [
        Graph("karate", _nx_rows(karate, None), False, False),
        Graph("karate_weighted", _nx_rows(karate, "weight"), True, False),
        Graph("florentine", _nx_rows(nx.florentine_families_graph(), None), False, False),
        Graph("borgatti", _rows(BORGATTI_EDGES), False, False),
        Graph(
            "borgatti_weighted",
            _rows((u, v, w) for (u, v), w in BORGATTI_EDGES.items()),
            True,
            False,
        ),
        Graph("path4", _nx_rows(nx.path_graph(4), None), False, False),
        Graph("k4", _nx_rows(nx.complete_graph(4), None), False, False),
        Graph("two_cliques", _nx_rows(_two_cliques(), None), False, False),
        Graph("star", _nx_rows(nx.star_graph(5), None), False, False),
        # isolates appear only in self-loops or zero-weight rows
        Graph("isolates", _rows([("a", "b"), ("c", "c"), ("d", "d"), ("a", "a")]), False, False),
        Graph(
            "isolates_weighted",
            _rows([("a", "b", 1), ("b", "c", 0), ("d", "d", 4), ("b", "e", 2), ("c", "f", 0)]),
            True,
            False,
        ),
        # multi-edges: repeated and reversed rows; summed when weighted, one tie when not
        Graph(
            "multi_edges",
            _rows([(0, 1), (0, 1), (1, 0), (1, 2), (2, 3), (3, 1), (1, 3), (2, 0)]),
            False,
            False,
        ),
        Graph(
            "multi_edges_weighted",
            _rows([(0, 1, 1), (0, 1, 2), (1, 2, 1), (2, 0, 1), (1, 3, 1), (3, 1, 4), (2, 3, 0)]),
            True,
            False,
        ),
        Graph(
            "karate_loops",
            _nx_rows(karate, "weight") + _rows([(0, 0, 50), (33, 33, 1)]),
            True,
            False,
        ),
        Graph("directed", _rows((u, v, w) for (u, v), w in directed.items()), False, True),
        Graph("directed_weighted", _rows((u, v, w) for (u, v), w in directed.items()), True, True),
        Graph(
            "directed_duplicates",
            _rows([("a", "b"), ("b", "a"), ("a", "b"), ("b", "c"), ("c", "a"), ("c", "c")]),
            False,
            True,
        ),
        Graph("register_small", _register_rows(), False, False),
        Graph("register_small_weighted", _register_rows(weighted=True), True, False),
    ]
    for weighted in (False, True):
        for directed_kind in (False, True):
            for seed in range(25):
                graphs.append(
                    Graph(
                        f"random_{int(weighted)}{int(directed_kind)}_{seed}",
                        _random_rows(seed, weighted, not directed_kind),
                        weighted,
                        directed_kind,
                    )
                )
    return graphs


def _register_rows(weighted: bool = False) -> tuple[Row, ...]:
    """A tiny register-like network: two households, a family across them, a class, a
    workplace; several pairs related in two or three layers."""
    edges = [
        ("ann", "bob", "household"),
        ("ann", "cas", "household"),
        ("bob", "cas", "household"),
        ("dik", "eva", "household"),
        ("ann", "dik", "family"),
        ("bob", "eva", "family"),
        ("ann", "eva", "family"),
        ("cas", "fay", "school"),
        ("cas", "gus", "school"),
        ("fay", "gus", "school"),
        ("ann", "dik", "work"),
        ("dik", "hal", "work"),
        ("ann", "hal", "work"),
        ("bob", "cas", "family"),
        ("ann", "bob", "work"),
    ]
    return tuple(
        (u, v, float(1 + (len(u) + len(v) + len(layer)) % 4) if weighted else 1.0, layer)
        for u, v, layer in edges
    )


GRAPHS = {graph.name: graph for graph in _graphs()}
KINDS = sorted({graph.kind for graph in GRAPHS.values()})


def _prefixed(graph: Graph, node: str) -> str:
    return f"{graph.name}:{node}"


def _write_kind(folder: Path, kind: tuple[bool, bool, bool]) -> Path:
    path = folder / ("edges_{}{}{}.csv".format(*map(int, kind)))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "weight", "layer"])
        for graph in GRAPHS.values():
            if graph.kind == kind:
                for u, v, w, layer in graph.rows:
                    writer.writerow([_prefixed(graph, u), _prefixed(graph, v), repr(w), layer])
    return path


@pytest.fixture(scope="session")
def edge_lists(tmp_path_factory) -> dict[tuple[bool, bool, bool], Path]:
    folder = tmp_path_factory.mktemp("engines")
    return {kind: _write_kind(folder, kind) for kind in KINDS}


@pytest.fixture(scope="session")
def measured(request, edge_lists):
    """``measured(engine, kind)``: id → row of the node table, computed once per session."""

    @cache
    def run(engine: str, kind: tuple[bool, bool, bool]) -> dict[str, dict]:
        weighted, directed, layered = kind
        options = {
            "weight": "weight" if weighted else None,
            "directed": directed,
            "layer": "layer" if layered else None,
        }
        path = edge_lists[kind]
        if engine == "inprocess":
            rows = measure_table(path, **options).to_pylist()
        else:
            from tiewise.spark.engine import node_frame

            spark = request.getfixturevalue("spark")
            rows = [row.asDict() for row in node_frame(spark, str(path), **options).collect()]
        return {row["id"]: row for row in rows}

    return run


def values(table: dict[str, dict], graph: Graph, nodes: Iterable, column: str) -> np.ndarray:
    out = []
    for node in nodes:
        value = table[_prefixed(graph, str(node))][column]
        out.append(np.nan if value is None else value)
    return np.array(out, dtype=np.float64)


def assert_close(actual, expected, tolerance: float = TOLERANCE) -> None:
    np.testing.assert_allclose(actual, expected, rtol=tolerance, atol=tolerance, equal_nan=True)


# --- references --------------------------------------------------------------------------------


def reference_graph(graph: Graph) -> nx.Graph:
    """The graph the rows mean: multi-edges merged (weights summed per direction when directed,
    per pair when not; 1 when unweighted), self-loops kept, zero-weight edges left out."""
    merged = nx.DiGraph() if graph.directed else nx.Graph()
    weights: dict[tuple[str, str], float] = {}
    for u, v, w, _ in graph.rows:
        merged.add_nodes_from([u, v])
        key = (u, v) if graph.directed or u <= v else (v, u)
        weights[key] = weights.get(key, 0.0) + (w if graph.weighted else 1.0)
    for (u, v), w in weights.items():
        if graph.weighted and w <= 0:
            continue
        merged.add_edge(u, v, weight=w if graph.weighted else 1.0)
    return merged


def reference_weighted_degree(graph: Graph, nodes: list) -> np.ndarray:
    merged = reference_graph(graph)
    total = dict.fromkeys(nodes, 0.0)
    for u, v, d in merged.edges(data=True):
        if u != v:
            total[u] += d["weight"]
            total[v] += d["weight"]
    return np.array([total[v] for v in nodes])


def reference_layers(graph: Graph, nodes: list) -> dict[str, dict]:
    """Layer measures one node at a time from their definitions (``analysis/layers.py``)."""
    layer_weight: dict[tuple[frozenset, str], float] = {}
    for u, v, w, layer in graph.rows:
        if u != v:
            key = (frozenset((u, v)), layer)
            layer_weight[key] = layer_weight.get(key, 0.0) + (w if graph.weighted else 1.0)
    shared: dict[frozenset, set[str]] = {}
    for (pair, layer), w in layer_weight.items():
        if w > 0:
            shared.setdefault(pair, set()).add(layer)
    out = {}
    for node in nodes:
        contacts = {pair: layers for pair, layers in shared.items() if node in pair}
        ties = {layer: sum(layer in ls for ls in contacts.values()) for layer in LAYERS}
        total = sum(ties.values())
        degree = len(contacts)
        share = {layer: ties[layer] / total if total else math.nan for layer in LAYERS}
        out[node] = {
            "degree": degree,
            "layers": sum(1 for t in ties.values() if t),
            "multiplexity": total / degree if degree else math.nan,
            "multiplex_ties": sum(1 for ls in contacts.values() if len(ls) >= 2),
            "layer_blau": 1 - sum(s * s for s in share.values()) if degree else math.nan,
            **{f"ties:{layer}": ties[layer] for layer in LAYERS},
            **{f"share:{layer}": share[layer] for layer in LAYERS},
        }
    return out


# --- both engines against the references --------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_every_graph_agrees_with_networkx_igraph_and_the_definitions(measured, engine, name):
    graph = GRAPHS[name]
    table = measured(engine, graph.kind)
    merged = reference_graph(graph)
    nodes = list(merged)
    weight = "weight" if graph.weighted else None
    effective, constraint = networkx_reference(merged, weight)
    naive = naive_measures(merged, weight)
    assert_close(values(table, graph, nodes, "effective_size"), effective)
    assert_close(values(table, graph, nodes, "constraint"), constraint)
    assert_close(values(table, graph, nodes, "constraint"), igraph_constraint(merged, weight))
    assert_close(values(table, graph, nodes, "efficiency"), naive["eff"])
    assert_close(values(table, graph, nodes, "hierarchy"), naive["h"])
    degree = [len(set(nx.all_neighbors(merged, v)) - {v}) for v in nodes]
    np.testing.assert_array_equal(values(table, graph, nodes, "degree"), degree)
    assert_close(
        values(table, graph, nodes, "weighted_degree"), reference_weighted_degree(graph, nodes)
    )
    assert sum(key.startswith(f"{name}:") for key in table) == len(nodes)


@pytest.mark.parametrize("engine", ENGINES)
def test_published_values(measured, engine):
    def at(name: str, node: str, column: str) -> float:
        graph = GRAPHS[name]
        return measured(engine, graph.kind)[_prefixed(graph, node)][column]

    assert at("borgatti", "G", "constraint") == pytest.approx(0.400, abs=1e-3)
    assert at("borgatti", "A", "constraint") == pytest.approx(0.595, abs=1e-3)
    assert at("borgatti", "G", "effective_size") == pytest.approx(4.67, abs=1e-2)
    assert at("borgatti_weighted", "G", "constraint") == pytest.approx(0.299, abs=1e-3)
    assert at("borgatti_weighted", "G", "effective_size") == pytest.approx(5.47, abs=1e-2)
    assert at("florentine", "Medici", "constraint") == pytest.approx(0.2099, abs=1e-4)
    assert at("florentine", "Medici", "effective_size") == pytest.approx(5.667, abs=1e-3)
    assert at("karate", "0", "constraint") == pytest.approx(0.155, abs=1e-3)
    assert at("k4", "0", "constraint") == pytest.approx(0.925926, abs=1e-6)
    assert [at("path4", str(k), "constraint") for k in range(4)] == pytest.approx(
        [1, 0.5, 0.5, 1], abs=1e-6
    )
    cliques = [at("two_cliques", str(k), "constraint") for k in range(9)]
    expected = [0.865741] * 3 + [0.583333, 0.5, 0.583333] + [0.865741] * 3
    assert cliques == pytest.approx(expected, abs=1e-6)
    directed = [at("directed_weighted", str(k), "constraint") for k in range(3)]
    assert directed == pytest.approx([0.840, 1.143, 1.378], abs=1e-3)
    assert at("star", "0", "hierarchy") == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("engine", ENGINES)
def test_isolates_self_loops_and_zero_weights(measured, engine):
    graph = GRAPHS["isolates"]
    table = measured(engine, graph.kind)
    for node in ("c", "d"):  # only self-loops
        row = table[_prefixed(graph, node)]
        assert row["degree"] == 0 and row["weighted_degree"] == 0
        for column in ("effective_size", "efficiency", "constraint", "hierarchy"):
            assert row[column] is None or math.isnan(row[column])
    row = table[_prefixed(graph, "a")]  # one contact: hierarchy undefined
    assert row["degree"] == 1 and row["constraint"] == 1.0
    assert row["hierarchy"] is None or math.isnan(row["hierarchy"])
    graph = GRAPHS["isolates_weighted"]
    table = measured(engine, graph.kind)
    assert table[_prefixed(graph, "f")]["degree"] == 0  # only a zero-weight row
    assert table[_prefixed(graph, "b")]["degree"] == 2
    assert table[_prefixed(graph, "b")]["weighted_degree"] == 3.0


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(name for name, graph in GRAPHS.items() if graph.layered))
def test_layer_measures_follow_their_definitions(measured, engine, name):
    graph = GRAPHS[name]
    table = measured(engine, graph.kind)
    nodes = list(reference_graph(graph))
    reference = reference_layers(graph, nodes)
    layers = sorted({layer for *_, layer in graph.rows})
    for node in nodes:
        row = table[_prefixed(graph, node)]
        expected = reference[node]
        assert row["degree"] == expected["degree"]
        for column in [*layer_columns(layers)]:
            got = np.nan if row[column] is None else row[column]
            assert_close(got, expected[column])


def test_register_small_by_hand(measured):
    """ann: household with bob and cas, family with dik and eva (and bob's household tie is
    also work), work with dik and hal."""
    graph = GRAPHS["register_small"]
    for engine in ENGINES:
        ann = measured(engine, graph.kind)[_prefixed(graph, "ann")]
        # contacts bob (household, work), cas (household), dik (family, work), eva (family),
        # hal (work): 5 contacts, 7 layer ties
        assert ann["degree"] == 5
        assert ann["ties:household"] == 2 and ann["ties:family"] == 2 and ann["ties:work"] == 3
        assert ann["multiplex_ties"] == 2
        assert ann["multiplexity"] == pytest.approx(7 / 5)
        assert ann["layer_blau"] == pytest.approx(1 - (4 + 4 + 9) / 49)
        assert ann["layers"] == 3 and ann["ties:school"] == 0


# --- Spark against the in-process engine --------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: "wdl=" + "".join(map(str, map(int, kind))))
def test_spark_equals_the_in_process_engine_on_every_node(measured, kind):
    ours = measured("inprocess", kind)
    spark = measured("spark", kind)
    assert set(spark) == set(ours)
    columns = list(next(iter(ours.values())))
    assert list(next(iter(spark.values()))) == columns
    assert columns[: len(BASE_COLUMNS)] == list(BASE_COLUMNS)
    for node, row in ours.items():
        for column in columns[1:]:
            expected = np.nan if row[column] is None else row[column]
            got = np.nan if spark[node][column] is None else spark[node][column]
            assert_close(got, expected)
