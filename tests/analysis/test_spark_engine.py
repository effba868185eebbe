"""The Spark engine's own paths: Parquet in, CSV out, the command line, the fallback numbering
when two ids hash alike, salted wedge joins, and bad input refused before any work (the
numbers themselves are held to the in-process engine's in ``test_engines.py``)."""

from __future__ import annotations

import csv
import math
import socket
from pathlib import Path

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tiewise.analysis.node_table import measure_table
from tiewise.cli import app
from tiewise.errors import EngineError, ImportFormatError

TOLERANCE = 1e-9
LAYERS = ("family", "school", "work")


def karate_rows() -> list[tuple[str, str, float, str]]:
    graph = nx.karate_club_graph()
    rows = [
        (f"p{u}", f"p{v}", float(d["weight"]), LAYERS[(u * v) % 3])
        for u, v, d in graph.edges(data=True)
    ]
    rows += [("p1", "p0", 2.0, "family"), ("p5", "p5", 3.0, "work"), ("alone", "alone", 1, "work")]
    return rows


def write_csv(path: Path, rows, header=("source", "target", "weight", "layer")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def karate_csv(tmp_path_factory) -> Path:
    return write_csv(tmp_path_factory.mktemp("karate") / "edges.csv", karate_rows())


@pytest.fixture(scope="module")
def reference(karate_csv) -> dict[str, dict]:
    table = measure_table(karate_csv, weight="weight", layer="layer")
    return {row["id"]: row for row in table.to_pylist()}


def assert_same(rows: list[dict], reference: dict[str, dict]) -> None:
    assert {row["id"] for row in rows} == set(reference)
    for row in rows:
        expected = reference[row["id"]]
        assert list(row) == list(expected)
        for column, value in expected.items():
            if column == "id":
                continue
            got = row[column]
            if value is None or (isinstance(value, float) and math.isnan(value)):
                assert got is None or got == "" or math.isnan(float(got)), (row["id"], column)
            else:
                assert float(got) == pytest.approx(value, rel=TOLERANCE, abs=TOLERANCE)


def test_parquet_input_gives_the_numbers_of_csv_input(spark, tmp_path, karate_csv, reference):
    from tiewise.spark.engine import node_frame

    rows = karate_rows()
    table = pa.table(
        {
            "Source": [r[0] for r in rows],
            "TARGET": [r[1] for r in rows],
            "weight": pa.array([r[2] for r in rows], pa.float64()),
            "layer": [r[3] for r in rows],
        }
    )
    folder = tmp_path / "edges.parquet"
    folder.mkdir()
    pq.write_table(table.slice(0, 40), folder / "part-0.parquet")
    pq.write_table(table.slice(40), folder / "part-1.parquet")
    frame = node_frame(spark, str(folder), weight="weight", layer="layer")
    assert_same([row.asDict() for row in frame.collect()], reference)


def test_the_command_line_writes_csv_and_parquet_folders(spark, tmp_path, karate_csv, reference):
    runner = CliRunner()
    out = tmp_path / "out_csv"
    result = runner.invoke(
        app,
        [
            "measure", str(karate_csv), "--engine", "spark", "--master", "local[2]",
            "--weight", "weight", "--layer", "layer", "--out", str(out), "--format", "csv",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "35" in result.output and str(out) in result.output
    rows = []
    for part in sorted(out.glob("part-*.csv")):
        with part.open(newline="", encoding="utf-8") as handle:
            rows += [dict(row) for row in csv.DictReader(handle)]
    assert_same(rows, reference)
    out = tmp_path / "out_parquet"
    result = runner.invoke(
        app,
        ["measure", str(karate_csv), "--engine", "spark", "--weight", "weight",
         "--layer", "layer", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert_same(pq.read_table(out).to_pylist(), reference)


def test_the_in_process_engine_writes_the_same_table(tmp_path, karate_csv, reference):
    runner = CliRunner()
    out = tmp_path / "nodes.parquet"
    result = runner.invoke(
        app,
        ["measure", str(karate_csv), "--weight", "weight", "--layer", "layer",
         "--out", str(out), "--format", "parquet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert_same(pq.read_table(out).to_pylist(), reference)


def test_clashing_hashes_and_salted_wedges_give_the_same_numbers(spark, karate_csv, reference):
    """Ids hashed by their length (most clash: dense numbering instead), every node's wedges
    split over buckets (at most two wedges per task), and the wedges made in three passes."""
    from pyspark.sql import functions as F

    from tiewise.spark.engine import node_frame

    frame = node_frame(
        spark,
        str(karate_csv),
        weight="weight",
        layer="layer",
        wedges_per_task=2,
        passes=3,
        hash_function=lambda column: F.length(column).cast("long"),
    )
    assert_same([row.asDict() for row in frame.collect()], reference)


# --- bad input, refused before any work ----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def no_spark(monkeypatch):
    """Fail if a run tries to start Spark: the error must come first."""
    import tiewise.spark.engine as engine

    def refuse(*args, **kwargs):
        raise AssertionError("Spark was started before the error was found")

    monkeypatch.setattr(engine, "spark_session", refuse)


def test_a_master_that_does_not_answer(no_spark, tmp_path, karate_csv):
    from tiewise.spark.engine import measure_with_spark

    url = f"spark://127.0.0.1:{free_port()}"
    with pytest.raises(EngineError) as caught:
        measure_with_spark(str(karate_csv), str(tmp_path / "out"), master=url)
    assert caught.value.where == url
    assert "a Spark master answering within 5 s" in str(caught.value)
    assert "no answer" in str(caught.value)
    with pytest.raises(EngineError, match="local\\[N\\], spark://HOST:PORT"):
        measure_with_spark(str(karate_csv), str(tmp_path / "out"), master="mesos://x:1")


@pytest.mark.parametrize(
    ("make", "expected", "found"),
    [
        (lambda d: d / "missing.csv", "a CSV or Parquet edge list", "no such file or folder"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "a CSV or Parquet edge list",
         "an empty folder"),
        (lambda d: write_csv(d / "e.csv", [("a", "b", 1, "x")], ("from", "target", "weight",
         "layer")), "a source column named 'source'", "columns from,target,weight,layer"),
        (lambda d: write_csv(d / "e.csv", [("a", "b", 1, "x")], ("source", "target", "w",
         "layer")), "a weight column named 'weight'", "columns source,target,w,layer"),
        (lambda d: write_csv(d / "e.csv", [("a", "b", 1, "x")], ("source", "target", "weight",
         "kind")), "a layer column named 'layer'", "columns source,target,weight,kind"),
    ],
)  # fmt: skip
def test_paths_and_columns_are_checked_before_spark_starts(no_spark, tmp_path, make, expected,
                                                            found):  # fmt: skip
    from tiewise.spark.engine import measure_with_spark

    path = make(tmp_path)
    with pytest.raises(ImportFormatError) as caught:
        measure_with_spark(str(path), str(tmp_path / "out"), weight="weight", layer="layer")
    assert caught.value.file == str(path)
    assert expected in caught.value.expected and found in caught.value.found


def test_a_parquet_file_without_the_columns(no_spark, tmp_path):
    from tiewise.spark.engine import measure_with_spark

    path = tmp_path / "edges.parquet"
    pq.write_table(pa.table({"from": ["a"], "to": ["b"]}), path)
    with pytest.raises(ImportFormatError, match="a source column named 'source'"):
        measure_with_spark(str(path), str(tmp_path / "out"))


def test_an_output_folder_in_the_way(no_spark, tmp_path, karate_csv):
    from tiewise.spark.engine import measure_with_spark

    out = tmp_path / "out"
    out.mkdir()
    (out / "old.parquet").write_bytes(b"")
    with pytest.raises(EngineError, match="a new or empty output folder"):
        measure_with_spark(str(karate_csv), str(out))


@pytest.mark.parametrize(
    ("text", "field", "expected", "found"),
    [
        ("source,target,w\na,b,1\nc,d,x\n", "w", "a non-negative number", "'x'"),
        ("source,target,w\na,b,-2\n", "w", "a non-negative number", "'-2'"),
        ("source,target,w\na,b,NaN\n", "w", "a non-negative number", "'NaN'"),
        ("source,target,w\na,b,1e999\n", "w", "a finite number", "'1e999'"),
        ("source,target,w\na,b,\n", "w", "a non-negative number", "an empty field"),
        ("source,target,w\n,b,1\n", "source", "a node id", "an empty field"),
        ("source,target,w\na,  ,1\n", "target", "a node id", "an empty field"),
        ("source,target,w\na,b,1\nc,d\n", None, "3 fields as in the header", "'c,d'"),
    ],
)
def test_bad_rows_are_refused_before_the_measures(spark, tmp_path, text, field, expected, found):
    from tiewise.spark.engine import node_frame

    path = tmp_path / "edges.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        node_frame(spark, str(path), weight="w")
    error = caught.value
    assert error.file.endswith("edges.csv")
    assert error.field == field
    assert expected in error.expected and found in error.found


def test_an_empty_layer_is_refused(spark, tmp_path):
    from tiewise.spark.engine import node_frame

    path = tmp_path / "edges.csv"
    path.write_text("source,target,layer\na,b,work\nb,c,\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="expected a layer name, found an empty field"):
        node_frame(spark, str(path), layer="layer")
    with pytest.raises(ImportFormatError) as caught:
        measure_table(path, layer="layer")
    assert caught.value.line == 3


def test_engine_errors_can_be_said_in_dutch():
    error = EngineError(
        "spark://127.0.0.1:1", "a new or empty output folder", "a file or folder with files in it"
    )
    dutch = error.said("nl")
    assert dutch.startswith("spark://127.0.0.1:1: ") and "verwacht" in dutch
    assert "output folder" not in dutch


# --- the command line's options, without starting Spark ----------------------------------------


def test_an_unknown_engine_or_format_and_spark_without_an_output_folder(no_spark, karate_csv):
    runner = CliRunner()
    result = runner.invoke(app, ["measure", str(karate_csv), "--engine", "flink"])
    assert result.exit_code == 2
    assert "expected one of inprocess, spark, found 'flink'" in " ".join(result.output.split())
    result = runner.invoke(app, ["measure", str(karate_csv), "--format", "xlsx"])
    assert result.exit_code == 2 and "parquet, csv" in result.output
    result = runner.invoke(app, ["measure", str(karate_csv), "--engine", "spark"])
    assert result.exit_code == 2
    assert "an output folder (--out DIR) for the node table" in " ".join(result.output.split())
    result = runner.invoke(
        app, ["--lang", "nl", "measure", str(karate_csv), "--engine", "spark", "--json"]
    )
    assert result.exit_code == 2 and "uitvoermap" in result.output


def test_the_in_process_engine_prints_the_layer_table_as_json(karate_csv, reference):
    import json

    result = CliRunner().invoke(
        app, ["measure", str(karate_csv), "--weight", "weight", "--layer", "layer"]
    )
    assert result.exit_code == 0, result.output
    nodes = json.loads(result.output)["nodes"]
    assert_same(nodes, reference)
    assert nodes[0]["id"] == "p0" and "share:work" in nodes[0]


def test_an_edge_list_without_ties(spark, tmp_path):
    from tiewise.spark.engine import node_frame

    for text in ("source,target,weight,layer\n", "source,target,weight,layer\na,a,2,x\n"):
        path = tmp_path / "edges.csv"
        path.write_text(text, encoding="utf-8")
        expected = measure_table(path, weight="weight", layer="layer").to_pylist()
        rows = [
            row.asDict()
            for row in node_frame(spark, str(path), weight="weight", layer="layer").collect()
        ]
        assert rows == expected


def test_layer_names_that_look_like_columns_or_need_quoting(spark, tmp_path):
    from tiewise.spark.engine import node_frame

    rows = [("a", "b", 1, "node"), ("b", "c", 1, "a.b"), ("a", "c", 1, "x`y"), ("c", "d", 1, "id")]
    path = write_csv(tmp_path / "edges.csv", [*rows, ("a", "b", 1, "a.b")])
    expected = {row["id"]: row for row in measure_table(path, layer="layer").to_pylist()}
    assert_same([row.asDict() for row in node_frame(spark, str(path), layer="layer").collect()],
                expected)  # fmt: skip
    assert expected["a"]["ties:node"] == 1 and expected["a"]["multiplex_ties"] == 1
