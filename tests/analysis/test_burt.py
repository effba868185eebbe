"""Burt's measures against networkx (loop path), igraph, published values and hand computation.

networkx is called with ``nodes=list(G)``: in networkx 3.6.1 the default ``nodes=None`` path of
``effective_size`` divides by the wrong row maximum for weighted and directed graphs (PR #8906).
networkx counts self-loops into a node's total and keeps zero-weight edges as contacts; igraph
ignores self-loops. We ignore self-loops and drop zero-weight edges, so networkx gets the graph
without self-loops, igraph the graph as it is, and zero-weight edges are tested on their own.
"""

from __future__ import annotations

import math

import igraph
import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse

from tiewise.analysis import burt
from tiewise.analysis.burt import BurtMeasures, burt_measures

TOLERANCE = 1e-9


# --- references -------------------------------------------------------------------------------


def matrix(graph: nx.Graph, weight: str | None = None) -> sparse.csr_array:
    """The adjacency matrix of ``graph`` in node order (symmetric for an undirected graph)."""
    return nx.to_scipy_sparse_array(graph, nodelist=list(graph), weight=weight, format="csr")


def networkx_reference(graph: nx.Graph, weight: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Effective size and constraint from networkx' per-node loops, self-loops removed.

    networkx 3.6.1 takes a directed node without successors for an isolate (it tests
    ``G[v]``, the successors, although it sums over predecessors ∪ successors) and returns NaN.
    The measures depend on mutual weights only, which reversing every edge leaves unchanged, so
    such a node's values are read from the reversed graph, where it has successors.
    """
    plain = graph.copy()
    plain.remove_edges_from(list(nx.selfloop_edges(plain)))
    nodes = list(plain)
    views = [plain, plain.reverse()] if plain.is_directed() else [plain]
    effective: dict = {}
    constraint: dict = {}
    for view in views:
        asked = [v for v in nodes if len(view[v]) > 0 or len(views) == 1 or view is plain]
        for v, value in nx.effective_size(view, nodes=asked, weight=weight).items():
            if not math.isnan(value) or v not in effective:
                effective[v] = value
        for v, value in nx.constraint(view, nodes=asked, weight=weight).items():
            if not math.isnan(value) or v not in constraint:
                constraint[v] = value
    return np.array([effective[v] for v in nodes]), np.array([constraint[v] for v in nodes])


def igraph_constraint(graph: nx.Graph, weight: str | None) -> np.ndarray:
    """igraph's constraint on the graph as it is (self-loops included: igraph ignores them).

    igraph 1.0 gives 0, not NaN, to a node whose only edges are self-loops; such a node has no
    contact, and we give it NaN like every isolate (as networkx does since gh-6916).
    """
    index = {v: k for k, v in enumerate(graph)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    g = igraph.Graph(n=len(index), edges=edges, directed=graph.is_directed())
    weights = None
    if weight is not None:
        weights = [graph.edges[u, v][weight] for u, v in graph.edges()]
    values = np.array(g.constraint(weights=weights))
    loops_only = [not (set(nx.all_neighbors(graph, v)) - {v}) for v in graph]
    values[loops_only] = np.nan
    return values


def naive_measures(graph: nx.Graph, weight: str | None) -> dict[str, np.ndarray]:
    """All four measures straight from Burt's definitions, one node at a time (self-loops and
    zero-weight edges dropped first) — an implementation independent of ours."""

    def a(u, v) -> float:
        if u == v or not graph.has_edge(u, v):
            return 0.0
        return float(graph.edges[u, v].get(weight, 1) if weight else 1)

    def w(u, v) -> float:
        return a(u, v) + a(v, u) if graph.is_directed() else a(u, v)

    contacts = {u: [v for v in graph if w(u, v) > 0] for u in graph}
    total = {u: sum(w(u, v) for v in contacts[u]) for u in graph}
    largest = {u: max((w(u, v) for v in contacts[u]), default=0.0) for u in graph}

    def p(u, v) -> float:
        return w(u, v) / total[u]

    out: dict[str, list[float]] = {k: [] for k in ("es", "eff", "c", "h")}
    for i in graph:
        n = len(contacts[i])
        if n == 0:
            for values in out.values():
                values.append(math.nan)
            continue
        es = sum(
            1 - sum(p(i, q) * w(j, q) / largest[j] for q in contacts[i] if q != j)
            for j in contacts[i]
        )
        dyadic = [
            (p(i, j) + sum(p(i, q) * p(q, j) for q in contacts[i] if q not in (i, j))) ** 2
            for j in contacts[i]
        ]
        c = sum(dyadic)
        mean = c / n
        h = (
            sum((d / mean) * math.log(d / mean) for d in dyadic) / (n * math.log(n))
            if n > 1
            else math.nan
        )
        for key, value in (("es", es), ("eff", es / n), ("c", c), ("h", h)):
            out[key].append(value)
    return {key: np.array(values) for key, values in out.items()}


def assert_close(actual, expected, tolerance: float = TOLERANCE) -> None:
    np.testing.assert_allclose(actual, expected, rtol=tolerance, atol=tolerance, equal_nan=True)


def assert_agrees_with_references(graph: nx.Graph, weight: str | None) -> BurtMeasures:
    measures = burt_measures(matrix(graph, weight), directed=graph.is_directed())
    effective, constraint = networkx_reference(graph, weight)
    assert_close(measures.effective_size, effective)
    assert_close(measures.constraint, constraint)
    assert_close(measures.constraint, igraph_constraint(graph, weight))
    naive = naive_measures(graph, weight)
    assert_close(measures.efficiency, naive["eff"])
    assert_close(measures.hierarchy, naive["h"])
    return measures


# --- published and reference graphs ----------------------------------------------------------

BORGATTI_EDGES = {
    ("A", "B"): 2,
    ("A", "F"): 3,
    ("A", "G"): 5,
    ("A", "E"): 2,
    ("E", "G"): 8,
    ("F", "G"): 3,
    ("B", "G"): 4,
    ("B", "D"): 1,
    ("D", "G"): 3,
    ("G", "C"): 10,
}


def borgatti_graph() -> nx.Graph:
    """Borgatti (1997)'s example with the weights of networkx' tests."""
    graph = nx.Graph()
    for (u, v), weight in BORGATTI_EDGES.items():
        graph.add_edge(u, v, weight=weight)
    return graph


def networkx_directed_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for (u, v), weight in {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}.items():
        graph.add_edge(u, v, weight=weight)
    return graph


def by_name(graph: nx.Graph, values: np.ndarray) -> dict:
    return dict(zip(graph, values, strict=True))


def test_borgatti_unweighted_matches_published_values():
    graph = borgatti_graph()
    measures = assert_agrees_with_references(graph, None)
    constraint = by_name(graph, measures.constraint)
    effective = by_name(graph, measures.effective_size)
    assert constraint["G"] == pytest.approx(0.400, abs=1e-3)
    assert constraint["A"] == pytest.approx(0.595, abs=1e-3)
    assert constraint["C"] == pytest.approx(1, abs=1e-3)
    assert effective["G"] == pytest.approx(4.67, abs=1e-2)
    assert effective["A"] == pytest.approx(2.50, abs=1e-2)
    assert effective["C"] == pytest.approx(1, abs=1e-2)


def test_borgatti_weighted_matches_networkx_test_values():
    graph = borgatti_graph()
    measures = assert_agrees_with_references(graph, "weight")
    constraint = by_name(graph, measures.constraint)
    effective = by_name(graph, measures.effective_size)
    assert constraint["G"] == pytest.approx(0.299, abs=1e-3)
    assert constraint["A"] == pytest.approx(0.795, abs=1e-3)
    assert constraint["C"] == pytest.approx(1, abs=1e-3)
    assert effective["G"] == pytest.approx(5.47, abs=1e-2)
    assert effective["A"] == pytest.approx(2.47, abs=1e-2)
    assert effective["C"] == pytest.approx(1, abs=1e-2)


def test_borgatti_unweighted_effective_size_is_n_minus_2t_over_n():
    """Borgatti (1997): for unweighted undirected graphs ES = n − 2t/n, t = ties among alters."""
    graph = borgatti_graph()
    measures = burt_measures(matrix(graph))
    for node, value in by_name(graph, measures.effective_size).items():
        alters = nx.ego_graph(graph, node, center=False)
        n, t = alters.number_of_nodes(), alters.number_of_edges()
        assert value == pytest.approx(n - 2 * t / n, abs=TOLERANCE)


def test_networkx_directed_graph_unweighted():
    measures = assert_agrees_with_references(networkx_directed_graph(), None)
    assert measures.constraint == pytest.approx([1.003, 1.003, 1.389], abs=1e-3)
    assert measures.effective_size == pytest.approx([1.167, 1.167, 1], abs=1e-3)


def test_networkx_directed_graph_weighted():
    measures = assert_agrees_with_references(networkx_directed_graph(), "weight")
    assert measures.constraint == pytest.approx([0.840, 1.143, 1.378], abs=1e-3)
    assert measures.effective_size == pytest.approx([1.567, 1.083, 1], abs=1e-3)


def test_igraph_unit_test_path_of_four():
    measures = assert_agrees_with_references(nx.path_graph(4), None)
    assert measures.constraint == pytest.approx([1, 0.5, 0.5, 1], abs=1e-6)


def test_igraph_unit_test_complete_graph_of_four():
    measures = assert_agrees_with_references(nx.complete_graph(4), None)
    assert measures.constraint == pytest.approx([0.925926] * 4, abs=1e-6)


def test_igraph_unit_test_two_cliques_joined_through_a_middle_node():
    graph = nx.Graph()
    graph.add_nodes_from(range(9))
    graph.add_edges_from(nx.complete_graph(range(4)).edges())
    graph.add_edges_from(nx.complete_graph(range(5, 9)).edges())
    graph.add_edges_from([(3, 4), (4, 5)])
    measures = assert_agrees_with_references(graph, None)
    expected = [0.865741] * 3 + [0.583333, 0.5, 0.583333] + [0.865741] * 3
    assert measures.constraint == pytest.approx(expected, abs=1e-6)


def test_florentine_families_medici():
    graph = nx.florentine_families_graph()
    measures = assert_agrees_with_references(graph, None)
    assert by_name(graph, measures.constraint)["Medici"] == pytest.approx(0.2099, abs=1e-4)
    assert by_name(graph, measures.effective_size)["Medici"] == pytest.approx(5.667, abs=1e-3)


@pytest.mark.parametrize("weight", [None, "weight"])
def test_karate_club(weight):
    graph = nx.karate_club_graph()
    measures = assert_agrees_with_references(graph, weight)
    if weight is None:
        # METHOD.md: karate node 0 has constraint 0.155 in the whole network.
        assert measures.constraint[0] == pytest.approx(0.155, abs=1e-3)


def test_a_larger_random_graph_against_igraph():
    graph = nx.gnm_random_graph(2_000, 12_000, seed=3)
    rng = np.random.default_rng(3)
    for u, v in graph.edges():
        graph.edges[u, v]["weight"] = float(rng.uniform(0.1, 10))
    measures = burt_measures(matrix(graph, "weight"))
    assert_close(measures.constraint, igraph_constraint(graph, "weight"))


# --- random graphs -----------------------------------------------------------------------------


@st.composite
def random_graphs(draw) -> tuple[nx.Graph, str | None, sparse.sparray]:
    """A small graph (directed or not, weighted or not, with self-loops and isolates) and its
    adjacency matrix as a caller could give it: COO or CSR; for an undirected graph every
    edge stored one way round in a random orientation, or the symmetric matrix."""
    n = draw(st.integers(1, 14))
    directed = draw(st.booleans())
    weighted = draw(st.booleans())
    pairs = draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n + 5)
    )
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(range(n))
    for u, v in pairs:
        if not graph.has_edge(u, v):
            weight = draw(st.floats(0.01, 100.0)) if weighted else 1.0
            graph.add_edge(u, v, weight=weight)
    weight_name = "weight" if weighted else None
    if directed or draw(st.booleans()):
        adjacency = matrix(graph, weight_name)
    else:
        rows, cols, data = [], [], []
        for u, v, d in graph.edges(data=True):
            flip = draw(st.booleans())
            rows.append(v if flip else u)
            cols.append(u if flip else v)
            data.append(d["weight"] if weighted else 1.0)
        adjacency = sparse.coo_array((data, (rows, cols)), shape=(n, n))
    if draw(st.booleans()):
        adjacency = sparse.coo_array(adjacency)
    return graph, weight_name, adjacency


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_graphs())
def test_random_graphs_agree_with_networkx_igraph_and_the_definitions(case):
    graph, weight, adjacency = case
    measures = burt_measures(adjacency, directed=graph.is_directed())
    effective, constraint = networkx_reference(graph, weight)
    assert_close(measures.effective_size, effective)
    assert_close(measures.constraint, constraint)
    assert_close(measures.constraint, igraph_constraint(graph, weight))
    naive = naive_measures(graph, weight)
    assert_close(measures.efficiency, naive["eff"])
    assert_close(measures.hierarchy, naive["h"])
    degree = np.array([len(set(nx.all_neighbors(graph, v)) - {v}) for v in graph])
    np.testing.assert_array_equal(measures.degree, degree)


@settings(max_examples=100, deadline=None)
@given(random_graphs())
def test_graphblas_and_scipy_products_agree(case):
    _, _, adjacency = case
    upper = burt.mutual_weights(adjacency)
    _, strength, _ = burt._node_totals(upper)
    ours = burt._triangle_sums_graphblas(upper, strength)
    fallback = burt._triangle_sums_scipy(upper, strength)
    first, second = np.lexsort((ours.j, ours.i)), np.lexsort((fallback.j, fallback.i))
    np.testing.assert_array_equal(ours.i[first], fallback.i[second])
    np.testing.assert_array_equal(ours.j[first], fallback.j[second])
    assert_close(ours.x[first], fallback.x[second], 1e-12)
    assert_close(ours.v[first], fallback.v[second], 1e-12)


def test_scipy_fallback_is_used_without_graphblas(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_graphblas(name, *args, **kwargs):
        if name == "suitesparse_graphblas":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_graphblas)
    monkeypatch.setattr(burt, "SCIPY_WEDGES_PER_CHUNK", 7)  # many chunks
    graph = nx.karate_club_graph()
    measures = burt_measures(matrix(graph, "weight"))
    assert_close(measures.constraint, igraph_constraint(graph, "weight"))


# --- hierarchy by hand -------------------------------------------------------------------------


def test_hierarchy_of_a_star_is_zero_and_undefined_for_its_leaves():
    """Every c_ij of the hub is (1/k)², all equal, so H = 0; a leaf has one contact: NaN."""
    measures = burt_measures(matrix(nx.star_graph(5)))
    assert measures.hierarchy[0] == pytest.approx(0.0, abs=1e-12)
    assert measures.constraint[0] == pytest.approx(5 * (1 / 5) ** 2)
    assert np.isnan(measures.hierarchy[1:]).all()
    assert measures.constraint[1:] == pytest.approx([1.0] * 5)


def test_hierarchy_by_hand_on_an_asymmetric_ego_network():
    """Nodes a, b, c, d; ties a–b, a–c, b–c, a–d (unweighted).

    For a: p_ab = p_ac = p_ad = 1/3, and p_bc = p_cb = 1/2, so
    c_ab = (1/3 + p_ac·p_cb)² = (1/3 + 1/6)² = 1/4, c_ac = 1/4, c_ad = (1/3)² = 1/9;
    C_a = 11/18, c̄ = C_a/3 = 11/54, r = c/c̄ = 27/22, 27/22, 6/11 and
    H_a = (2·(27/22)·ln(27/22) + (6/11)·ln(6/11)) / (3 ln 3).
    For b: p_ba = p_bc = 1/2; c_ba = (1/2 + p_bc·p_ca)² = (1/2 + 1/4)² = 9/16,
    c_bc = (1/2 + p_ba·p_ac)² = (1/2 + 1/6)² = 4/9; C_b = 145/144, c̄ = 145/288 and
    H_b = (r₁ ln r₁ + r₂ ln r₂) / (2 ln 2) with r₁ = (9/16)/c̄ = 162/145, r₂ = (4/9)/c̄ = 128/145.
    """
    a, b, c, d = range(4)
    adjacency = sparse.coo_array(([1.0] * 4, ([a, a, b, a], [b, c, c, d])), shape=(4, 4))
    measures = burt_measures(adjacency)
    assert measures.constraint[a] == pytest.approx(11 / 18)
    h_a = (2 * (27 / 22) * math.log(27 / 22) + (6 / 11) * math.log(6 / 11)) / (3 * math.log(3))
    assert measures.hierarchy[a] == pytest.approx(h_a, abs=1e-12)
    assert measures.constraint[b] == pytest.approx(145 / 144)
    r1, r2 = 162 / 145, 128 / 145
    h_b = (r1 * math.log(r1) + r2 * math.log(r2)) / (2 * math.log(2))
    assert measures.hierarchy[b] == pytest.approx(h_b, abs=1e-12)
    assert np.isnan(measures.hierarchy[d])


def test_hierarchy_by_hand_with_weights():
    """A hub h with contacts x (weight 3) and y (weight 1), no tie between x and y:
    p_hx = 3/4, p_hy = 1/4, c_hx = 9/16, c_hy = 1/16, C = 10/16, c̄ = 5/16,
    r = 9/5, 1/5, H = ((9/5) ln(9/5) + (1/5) ln(1/5)) / (2 ln 2)."""
    adjacency = sparse.csr_array(([3.0, 1.0], ([0, 0], [1, 2])), shape=(3, 3))
    measures = burt_measures(adjacency)
    expected = ((9 / 5) * math.log(9 / 5) + (1 / 5) * math.log(1 / 5)) / (2 * math.log(2))
    assert measures.hierarchy[0] == pytest.approx(expected, abs=1e-12)
    assert measures.effective_size[0] == pytest.approx(2.0)


# --- input handling ----------------------------------------------------------------------------


def test_zero_weight_edges_are_no_ties():
    """B–D gets weight 0 and a zero-weight C–E is added: both are stored, neither is a tie."""
    graph = borgatti_graph()
    index = {v: k for k, v in enumerate(graph)}
    weights = {**BORGATTI_EDGES, ("B", "D"): 0.0, ("C", "E"): 0.0}
    rows = [index[u] for u, _ in weights]
    cols = [index[v] for _, v in weights]
    with_zeros = sparse.coo_array((list(weights.values()), (rows, cols)), shape=(7, 7))
    assert with_zeros.nnz == len(BORGATTI_EDGES) + 1
    expected = graph.copy()
    expected.remove_edge("B", "D")
    ours = burt_measures(with_zeros)
    reference = burt_measures(matrix(expected, "weight"))
    for field in ("degree", "effective_size", "constraint", "hierarchy"):
        assert_close(getattr(ours, field), getattr(reference, field))
    assert ours.degree[index["C"]] == 1


def test_a_node_with_only_zero_weight_edges_is_an_isolate():
    adjacency = sparse.coo_array(([0.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    measures = burt_measures(adjacency)
    assert measures.degree.tolist() == [0, 1, 1]
    assert np.isnan(measures.constraint[0]) and np.isnan(measures.effective_size[0])


def test_self_loops_are_ignored():
    graph = nx.karate_club_graph()
    loops = graph.copy()
    loops.add_edge(0, 0, weight=50.0)
    loops.add_edge(33, 33, weight=1.0)
    for field in ("degree", "effective_size", "efficiency", "constraint", "hierarchy"):
        assert_close(
            getattr(burt_measures(matrix(loops, "weight")), field),
            getattr(burt_measures(matrix(graph, "weight")), field),
        )


def test_isolates_and_self_loop_only_nodes_are_nan():
    adjacency = sparse.coo_array(([1.0, 4.0], ([0, 2], [1, 2])), shape=(4, 4))
    measures = burt_measures(adjacency)
    assert measures.degree.tolist() == [1, 1, 0, 0]
    for field in ("effective_size", "efficiency", "constraint", "hierarchy"):
        assert np.isnan(getattr(measures, field)[2:]).all()
    assert measures.constraint[:2].tolist() == [1.0, 1.0]
    assert measures.effective_size[:2].tolist() == [1.0, 1.0]


def test_empty_graphs():
    for n in (0, 1, 5):
        measures = burt_measures(sparse.csr_array((n, n)))
        assert measures.degree.shape == (n,)
        assert np.isnan(measures.constraint).all()


def test_symmetric_one_way_and_mixed_orientation_inputs_agree():
    graph = borgatti_graph()
    symmetric = burt_measures(matrix(graph, "weight"))
    upper = burt_measures(sparse.triu(matrix(graph, "weight")))
    lower = burt_measures(sparse.tril(matrix(graph, "weight")))
    for field in ("effective_size", "constraint", "hierarchy"):
        assert_close(getattr(upper, field), getattr(symmetric, field))
        assert_close(getattr(lower, field), getattr(symmetric, field))


def test_duplicate_edges_are_summed_like_igraph_multi_edges():
    """An undirected edge listed twice (as COO duplicates, or once each way round) is a
    multi-edge: its weights add up, as in igraph."""
    rows, cols = [0, 0, 1, 2, 1, 2, 3], [1, 1, 2, 0, 3, 3, 1]
    weights = [1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 4.0]  # 0–1 twice; 1–3 once each way round
    ours = burt_measures(sparse.coo_array((weights, (rows, cols)), shape=(4, 4)))
    g = igraph.Graph(n=4, edges=list(zip(rows, cols, strict=True)))
    assert_close(ours.constraint, g.constraint(weights=weights))
    merged = sparse.coo_array(
        ([3.0, 1.0, 1.0, 5.0, 1.0], ([0, 1, 0, 1, 2], [1, 2, 2, 3, 3])), shape=(4, 4)
    )
    assert_close(ours.effective_size, burt_measures(merged).effective_size)


def test_measures_do_not_depend_on_the_scale_of_weights_or_the_directed_flag():
    graph = nx.karate_club_graph()
    base = burt_measures(matrix(graph, "weight"))
    scaled = burt_measures(matrix(graph, "weight") * 1e-7, directed=True)
    for field in ("effective_size", "constraint", "hierarchy"):
        assert_close(getattr(scaled, field), getattr(base, field))


def test_integer_and_boolean_matrices_are_accepted():
    graph = nx.florentine_families_graph()
    as_float = burt_measures(matrix(graph))
    as_bool = burt_measures(matrix(graph).astype(bool))
    as_int = burt_measures(sparse.csr_matrix(matrix(graph).astype(np.int8)))
    assert_close(as_bool.constraint, as_float.constraint)
    assert_close(as_int.constraint, as_float.constraint)


@pytest.mark.parametrize(
    ("adjacency", "message"),
    [
        (sparse.coo_array(([-1.0], ([0], [1])), shape=(2, 2)), "negative"),
        (sparse.coo_array(([np.nan], ([0], [1])), shape=(2, 2)), "finite"),
        (sparse.coo_array(([np.inf], ([0], [1])), shape=(2, 2)), "finite"),
        (sparse.coo_array(([1j], ([0], [1])), shape=(2, 2)), "real"),
        (sparse.csr_array((2, 3)), "square"),
        (np.eye(2), "sparse"),
    ],
)
def test_invalid_matrices_are_rejected(adjacency, message):
    with pytest.raises(ValueError, match=message):
        burt_measures(adjacency)


def test_results_are_read_only_int_degrees_and_aligned():
    measures = burt_measures(matrix(nx.path_graph(3)))
    assert measures.degree.dtype.kind == "i"
    assert measures.degree.tolist() == [1, 2, 1]
    with pytest.raises(ValueError):
        measures.constraint[0] = 0.0


def test_directed_must_be_a_bool():
    with pytest.raises(TypeError, match="bool"):
        burt_measures(matrix(nx.path_graph(3)), directed="yes")  # type: ignore[arg-type]
