"""Edge lists: reading (ids, orientation, duplicates, weights), errors with lines, output."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiewise.analysis.burt import BurtMeasures, burt_measures
from tiewise.analysis.edgelist import (
    EdgeList,
    measures_as_json,
    read_edge_list,
    write_measures_csv,
)
from tiewise.errors import ImportFormatError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graphs"


def write(tmp_path: Path, text: str | bytes, name: str = "edges.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def dense(edges: EdgeList) -> dict[tuple[str, str], float]:
    """Nonzero entries by node id."""
    coo = edges.adjacency.tocoo()
    ids = edges.node_ids
    return {(ids[i], ids[j]): float(v) for i, j, v in zip(coo.row, coo.col, coo.data, strict=True)}


# --- reading -----------------------------------------------------------------------------------


def test_borgatti_fixture_end_to_end():
    """Header names in any case, an extra column, a weight column named by the caller."""
    edges = read_edge_list(FIXTURES / "borgatti_weighted.csv", weight="STRENGTH")
    assert edges.node_ids == ["A", "B", "F", "G", "E", "D", "C"]
    assert not edges.directed
    measures = burt_measures(edges.adjacency, edges.directed)
    by_id = dict(zip(edges.node_ids, measures.constraint, strict=True))
    assert by_id["G"] == pytest.approx(0.299, abs=1e-3)
    assert by_id["A"] == pytest.approx(0.795, abs=1e-3)
    effective = dict(zip(edges.node_ids, measures.effective_size, strict=True))
    assert effective["G"] == pytest.approx(5.47, abs=1e-2)


def test_directed_fixture_matches_networkx_test_values():
    edges = read_edge_list(FIXTURES / "directed_weighted.csv", weight="weight", directed=True)
    assert edges.node_ids == ["0", "1", "2"]
    measures = burt_measures(edges.adjacency, edges.directed)
    assert measures.constraint == pytest.approx([0.840, 1.143, 1.378], abs=1e-3)
    assert measures.effective_size == pytest.approx([1.567, 1.083, 1], abs=1e-3)


def test_without_weight_option_the_graph_is_unweighted(tmp_path):
    path = write(tmp_path, "source,target,weight\na,b,5\nb,c,1\n")
    assert dense(read_edge_list(path)) == {("a", "b"): 1.0, ("b", "c"): 1.0}
    assert dense(read_edge_list(path, weight="weight")) == {("a", "b"): 5.0, ("b", "c"): 1.0}


def test_ids_in_order_of_first_appearance_source_before_target(tmp_path):
    path = write(tmp_path, "target,source\nx,y\nz,x\ny,w\n")
    # rows are (source, target) = (y, x), (x, z), (w, y)
    assert read_edge_list(path).node_ids == ["y", "x", "z", "w"]


def test_undirected_edges_are_stored_once_in_the_row_of_the_earlier_node(tmp_path):
    path = write(tmp_path, "source,target,w\na,b,1\nc,a,2\nb,a,4\nb,c,0.5\n")
    edges = read_edge_list(path, weight="w")
    assert dense(edges) == {("a", "b"): 5.0, ("a", "c"): 2.0, ("b", "c"): 0.5}
    assert edges.adjacency.format == "csr" and edges.adjacency.dtype == np.float64


def test_unweighted_duplicates_count_once(tmp_path):
    path = write(tmp_path, "source,target\na,b\nb,a\na,b\nb,c\n")
    assert dense(read_edge_list(path)) == {("a", "b"): 1.0, ("b", "c"): 1.0}
    directed = read_edge_list(path, directed=True)
    assert dense(directed) == {("a", "b"): 1.0, ("b", "a"): 1.0, ("b", "c"): 1.0}
    assert directed.directed


def test_directed_weighted_duplicates_are_summed_per_direction(tmp_path):
    path = write(tmp_path, "source,target,w\na,b,1\nb,a,2\na,b,3\n")
    edges = read_edge_list(path, weight="w", directed=True)
    assert dense(edges) == {("a", "b"): 4.0, ("b", "a"): 2.0}


def test_self_loops_and_zero_weights_are_kept_and_ignored_by_the_measures(tmp_path):
    path = write(tmp_path, "source,target,w\na,a,3\na,b,1\nb,c,0\nd,b,2\n")
    edges = read_edge_list(path, weight="w")
    assert edges.node_ids == ["a", "b", "c", "d"]
    assert dense(edges) == {("a", "a"): 3.0, ("a", "b"): 1.0, ("b", "c"): 0.0, ("b", "d"): 2.0}
    measures = burt_measures(edges.adjacency)
    assert measures.degree.tolist() == [1, 2, 0, 1]
    assert np.isnan(measures.constraint[2])


def test_quotes_bom_blank_lines_spaces_and_numbers(tmp_path):
    text = (
        '\ufeff Source ,"Target",W\r\n'
        '"Smith, J.","say ""hi""",1e1\r\n'
        "\r\n"
        '"multi\nline",b, 2.5\r\n'
        "b,NA,+.5\r\n"
    )
    edges = read_edge_list(write(tmp_path, text), weight="w")
    assert edges.node_ids == ["Smith, J.", 'say "hi"', "multi\nline", "b", "NA"]
    assert dense(edges)[("multi\nline", "b")] == 2.5
    assert dense(edges)[("b", "NA")] == 0.5
    assert dense(edges)[("Smith, J.", 'say "hi"')] == 10.0


def test_header_only_gives_an_empty_graph(tmp_path):
    edges = read_edge_list(write(tmp_path, "source,target,weight\n"), weight="weight")
    assert edges.node_ids == [] and edges.adjacency.shape == (0, 0)
    measures = burt_measures(edges.adjacency)
    assert measures_as_json(edges, measures) == {"nodes": []}


def test_many_rows_across_arrow_blocks(tmp_path, monkeypatch):
    """Ids spread over several parse blocks keep their first-appearance order."""
    import tiewise.analysis.edgelist as edgelist

    monkeypatch.setattr(edgelist, "BLOCK_SIZE", 1 << 10)
    rng = np.random.default_rng(5)
    pairs = rng.integers(0, 300, size=(2_000, 2))
    lines = ["source,target,weight"] + [f"n{a},n{b},{(a + b) % 7}" for a, b in pairs]
    edges = read_edge_list(write(tmp_path, "\n".join(lines) + "\n"), weight="weight")
    expected_order = list(dict.fromkeys(f"n{v}" for v in pairs.ravel()))
    assert edges.node_ids == expected_order
    reference: dict[tuple[str, str], float] = {}
    index = {v: k for k, v in enumerate(expected_order)}
    for a, b in pairs:
        u, v = sorted((f"n{a}", f"n{b}"), key=index.__getitem__)
        reference[(u, v)] = reference.get((u, v), 0.0) + (a + b) % 7
    assert dense(edges) == reference


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=6).filter(lambda s: s.strip() and "\r" not in s),
            st.text(min_size=1, max_size=6).filter(lambda s: s.strip() and "\r" not in s),
            st.integers(0, 1000),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_round_trip_of_arbitrary_ids_through_the_csv_module(tmp_path_factory, rows, directed):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["source", "target", "weight"])
    for source, target, weight in rows:
        writer.writerow([source, target, weight / 8])
    path = write(tmp_path_factory.mktemp("rt"), buffer.getvalue())
    edges = read_edge_list(path, weight="weight", directed=directed)
    expected_ids = list(dict.fromkeys(v for source, target, _ in rows for v in (source, target)))
    assert edges.node_ids == expected_ids
    index = {v: k for k, v in enumerate(expected_ids)}
    expected: dict[tuple[str, str], float] = {}
    for source, target, weight in rows:
        key = (source, target)
        if not directed:
            key = tuple(sorted(key, key=index.__getitem__))
        expected[key] = expected.get(key, 0.0) + weight / 8
    assert dense(edges) == pytest.approx(expected)


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weight", "line", "field", "expected", "found"),
    [
        ("source,target,w\na,b,1\n\nc,d,x\n", "w", 4, "w", "a non-negative number", "'x'"),
        ("source,target,w\na,b,-1\n", "w", 2, "w", "a non-negative number", "'-1'"),
        ("source,target,w\na,b,1\nc,d,\n", "w", 3, "w", "a non-negative number", "an empty field"),
        ("source,target,w\na,b,NaN\n", "w", 2, "w", "a non-negative number", "'NaN'"),
        ("source,target,w\na,b,inf\n", "w", 2, "w", "a non-negative number", "'inf'"),
        ("source,target,w\na,b,1e999\n", "w", 2, "w", "a finite number", "'1e999'"),
        ("Source,TARGET\na,b\n,c\n", None, 3, "Source", "a node id", "an empty field"),
        ("source,target\na,b\nc,  \n", None, 3, "target", "a node id", "an empty field"),
        ("source,target\na,b\nc\n", None, 3, None, "2 fields as in the header", "1"),
        ("source,target\na,b\nc,d,e\n", None, 3, None, "2 fields as in the header", "3"),
        ('source,target,w\n"x\ny",b,1\nc,d,-2\n', "w", 4, "w", "a non-negative number", "'-2'"),
        ("x,target\na,b\n", None, 1, None, "a source column named 'source'", "x,target"),
        ("source,target\na,b\n", "weight", 1, None, "a weight column named 'weight'", "target"),
        ("source,Source,target\na,b,c\n", None, 1, None, "a source column", "more than once"),
        ("source,target\na,b\n", "Source", 1, None, "a weight column other than", "'Source'"),
        ("", None, 1, None, "a header", "an empty file"),
        ("\nsource,target\n", None, 1, None, "a header", "an empty line"),
    ],
)
def test_format_errors_name_line_field_expected_and_found(
    tmp_path, text, weight, line, field, expected, found
):
    path = write(tmp_path, text)
    with pytest.raises(ImportFormatError) as caught:
        read_edge_list(path, weight=weight)
    error = caught.value
    assert error.file == str(path)
    assert error.line == line
    assert error.field == field
    assert expected in error.expected
    assert found in error.found
    assert f"line {line}" in str(error)


def test_invalid_utf8_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, b"source,target\na,b\n" + b"c,d\n" * 50 + b"e,\xff\n")
    with pytest.raises(ImportFormatError) as caught:
        read_edge_list(path)
    assert caught.value.line == 53
    assert caught.value.expected == "UTF-8 text"


def test_invalid_utf8_in_the_header(tmp_path):
    with pytest.raises(ImportFormatError) as caught:
        read_edge_list(write(tmp_path, b"source,\xfftarget\n"))
    assert caught.value.line == 1


def test_the_first_problem_in_the_file_is_reported(tmp_path):
    """A bad weight comes before an empty id further down: the weight is reported."""
    path = write(tmp_path, "source,target,w\na,b,1\nb,c,oops\n,d,1\n")
    with pytest.raises(ImportFormatError) as caught:
        read_edge_list(path, weight="w")
    assert (caught.value.line, caught.value.field) == (3, "w")


# --- output ------------------------------------------------------------------------------------


def measured(tmp_path: Path, text: str) -> tuple[EdgeList, BurtMeasures]:
    edges = read_edge_list(write(tmp_path, text, "in.csv"))
    return edges, burt_measures(edges.adjacency)


def test_write_measures_csv(tmp_path):
    edges, measures = measured(tmp_path, "source,target\nhub,a\nhub,b\nhub,c\na,b\nlonely,lonely\n")
    out = tmp_path / "out.csv"
    write_measures_csv(out, edges, measures)
    lines = out.read_text().splitlines()
    assert lines[0] == "id,degree,effective_size,efficiency,constraint,hierarchy"
    assert lines[-1] == "lonely,0,,,,"  # NaN → empty
    rows = list(csv.DictReader(out.open()))
    assert [row["id"] for row in rows] == ["hub", "a", "b", "c", "lonely"]
    hub = rows[0]
    assert int(hub["degree"]) == 3
    assert float(hub["constraint"]) == pytest.approx(measures.constraint[0], rel=1e-15)
    assert float(hub["effective_size"]) == pytest.approx(3 - 2 / 3)
    assert rows[3]["hierarchy"] == ""  # c has one contact


def test_write_measures_csv_quotes_ids_that_need_it(tmp_path):
    edges, measures = measured(tmp_path, 'source,target\n"Smith, J.",b\nb,"say ""hi"""\n')
    out = tmp_path / "out.csv"
    write_measures_csv(out, edges, measures)
    rows = list(csv.DictReader(out.open(newline="")))
    assert [row["id"] for row in rows] == ["Smith, J.", "b", 'say "hi"']


def test_measures_as_json(tmp_path):
    edges, measures = measured(tmp_path, "source,target\nhub,a\nhub,b\nlonely,lonely\n")
    document = measures_as_json(edges, measures)
    json.dumps(document, allow_nan=False)  # no NaN leaks into the JSON
    nodes = document["nodes"]
    assert [node["id"] for node in nodes] == ["hub", "a", "b", "lonely"]
    assert nodes[0] == {
        "id": "hub",
        "degree": 2,
        "effective_size": 2.0,
        "efficiency": 1.0,
        "constraint": 0.5,
        "hierarchy": pytest.approx(0.0, abs=1e-12),
    }
    assert nodes[1]["hierarchy"] is None
    assert nodes[3] == {
        "id": "lonely",
        "degree": 0,
        "effective_size": None,
        "efficiency": None,
        "constraint": None,
        "hierarchy": None,
    }
    assert all(isinstance(node["degree"], int) for node in nodes)
    assert not any(isinstance(v, float) and math.isnan(v) for n in nodes for v in n.values())


def test_output_refuses_measures_of_another_graph(tmp_path):
    edges, _ = measured(tmp_path, "source,target\na,b\n")
    other = burt_measures(read_edge_list(write(tmp_path, "source,target\na,b\nb,c\n")).adjacency)
    with pytest.raises(ValueError, match="not the same graph"):
        measures_as_json(edges, other)
    with pytest.raises(ValueError, match="not the same graph"):
        write_measures_csv(tmp_path / "x.csv", edges, other)
