"""The Spark engine on a cluster, not only in local mode: a standalone master and worker started
from the pyspark distribution on 127.0.0.1, ``tiewise measure --engine spark --master
spark://127.0.0.1:PORT`` run as its own process (its own driver), the result held to the
in-process engine's numbers, and the cluster stopped."""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from tests.analysis.conftest import spark_available
from tests.analysis.test_spark_engine import karate_rows, write_csv
from tiewise.analysis.node_table import measure_table


@pytest.mark.skipif(
    spark_available() is not None and not os.environ.get("CI"),  # in CI it must run
    reason=str(spark_available()),
)
def test_measure_on_a_standalone_cluster(tmp_path):
    from tiewise.spark.standalone import StandaloneCluster

    edges = write_csv(tmp_path / "edges.csv", karate_rows())
    out = tmp_path / "nodes"
    settings = {
        "spark.driver.memory": "512m",
        "spark.executor.memory": "512m",
        "spark.sql.shuffle.partitions": "2",
        "spark.sql.adaptive.enabled": "false",
    }
    with StandaloneCluster(cores=1, memory="768m", defaults=settings) as cluster:
        result = subprocess.run(
            [
                sys.executable, "-m", "tiewise", "measure", str(edges), "--engine", "spark",
                "--master", cluster.url, "--weight", "weight", "--layer", "layer",
                "--out", str(out),
            ],
            env=cluster.environment(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        worker_logs = list((cluster.folder / "work").rglob("stderr"))
        assert worker_logs, "no executor ran on the worker"
    assert "35" in result.stdout
    expected = {row["id"]: row for row in measure_table(edges, "weight", layer="layer").to_pylist()}
    rows = pq.read_table(out).to_pylist()
    assert {row["id"] for row in rows} == set(expected)
    for row in rows:
        for column, value in expected[row["id"]].items():
            if value is None or (isinstance(value, float) and math.isnan(value)):
                assert row[column] is None
            elif column != "id":
                assert row[column] == pytest.approx(value, rel=1e-9, abs=1e-9)
