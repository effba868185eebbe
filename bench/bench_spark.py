"""The Spark engine against the in-process engine on the register-like network (issue 22):
``bench/register_network.py`` at PEOPLE people (seed 1) as a CSV edge list with a layer column.

1. whole commands, each its own process: ``tiewise measure EDGES --layer layer --out OUT.csv``
   (in process) and ``… --engine spark --master local[2] --out DIR`` (Spark, driver memory and
   shuffle partitions from ``spark-defaults.conf``); wall time and peak resident memory of the
   command and its children (in local mode the driver's JVM runs the executors too);
2. the Spark run step by step in this process, each step forced and timed (``localCheckpoint``
   or a count), with the rows, wedges and triangles it made and the shuffle bytes it wrote
   (from Spark's event log);
3. igraph's ``constraint`` alone on the union graph, for the ratio;
4. the largest difference between the two engines' numbers.

Usage: ``python bench/bench_spark.py [PEOPLE ...]`` (default 100000); prints Markdown for
``bench/RESULTS-spark.md``. Needs pyspark and Java (``make java``).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from register_network import register_network, write_csv  # noqa: E402

SETTINGS = {
    "spark.driver.memory": "6g",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.adaptive.enabled": "true",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc), 0 when gone."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children[int(fields[1])].append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * resource.getpagesize()
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and the peak resident memory in MB of the process and its descendants
    (the Spark driver's JVM is a child of the command), sampled every 0.2 s."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return wall, peak / 2**20


def steps(edges: Path, folder: Path) -> list[tuple[str, float, int, float]]:
    """(step, seconds, rows made, shuffle MB written) for each step of the Spark engine."""
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from tiewise.spark import measures, reading

    log_dir = folder / "events"
    log_dir.mkdir()
    builder = SparkSession.builder.master("local[2]").appName("tiewise bench")
    settings = {
        **SETTINGS,
        "spark.eventLog.enabled": "true",
        "spark.eventLog.dir": str(log_dir),
        "spark.eventLog.compress": "false",
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    out: list[tuple[str, float, int]] = []

    def step(name: str, action):
        spark.sparkContext.setJobGroup(name, name)
        started = time.perf_counter()
        rows = action()
        out.append((name, time.perf_counter() - started, rows))

    edge_input = reading.inspect_local(str(edges), None, "layer")
    raw = reading.raw_rows(spark, edge_input)
    step("read and check the rows", lambda: reading.first_problem(spark, raw, edge_input) or 0)
    rows = reading.edge_rows(raw, edge_input)
    names: list[str] = []

    def layers() -> int:
        names.extend(reading.layer_names(rows, edge_input))
        return len(names)

    step("distinct layers", layers)
    holder: dict = {}

    def keys() -> int:
        holder["keyed"], holder["nodes"] = measures.node_keys(rows)
        return holder["nodes"].count()

    step("node keys (hash, clash check)", keys)

    def ties() -> int:
        tie_table, layer_ties = measures.tie_tables(
            holder["keyed"], weighted=False, directed=False, layered=True
        )
        holder["layer_ties"] = layer_ties.localCheckpoint()
        holder["ties"] = tie_table
        return holder["layer_ties"].count()

    step("ties per layer (group by pair, layer)", ties)

    def arcs() -> int:
        totals = measures.node_totals(holder["ties"])
        holder["arcs"] = measures.oriented(holder["ties"], totals).localCheckpoint()
        return holder["arcs"].count()

    step("ties, node totals, orientation", arcs)

    def wedges() -> int:
        out_degree = holder["arcs"].groupBy("u").count()
        return int(out_degree.select(F.sum(F.col("count") * (F.col("count") - 1) / 2)).first()[0])

    step("count the wedges (Σ d⁺(d⁺−1)/2)", wedges)

    def triangles() -> int:
        holder["sums"] = measures.triangle_sums(holder["arcs"]).localCheckpoint()
        return holder["sums"].count()

    step("wedges, triangles, sums per tie", triangles)

    def per_node() -> int:
        frame = measures.burt_nodes(holder["arcs"], holder["sums"])
        layered = measures.layer_nodes(holder["layer_ties"], names)
        table = frame.join(layered, "node", "left")
        table.write.parquet(str(folder / "steps.parquet"))
        return spark.read.parquet(str(folder / "steps.parquet")).count()

    step("per node, layers, write Parquet", per_node)
    spark.stop()
    shuffle = _shuffle_megabytes(log_dir)
    return [(name, seconds, rows, shuffle.get(name, 0.0)) for name, seconds, rows in out]


def _shuffle_megabytes(log_dir: Path) -> dict[str, float]:
    group_of_job: dict[int, str] = {}
    job_of_stage: dict[int, int] = {}
    written: dict[str, float] = defaultdict(float)
    for log in log_dir.rglob("*"):
        if not log.is_file() or "appstatus" in log.name or log.suffix == ".crc":
            continue
        for line in log.open(encoding="utf-8"):
            event = json.loads(line)
            kind = event["Event"]
            if kind == "SparkListenerJobStart":
                group = (event.get("Properties") or {}).get("spark.jobGroup.id", "")
                group_of_job[event["Job ID"]] = group
                for stage in event["Stage IDs"]:
                    job_of_stage[stage] = event["Job ID"]
            elif kind == "SparkListenerTaskEnd":
                metrics = event.get("Task Metrics") or {}
                shuffle = metrics.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
                group = group_of_job.get(job_of_stage.get(event["Stage ID"], -1), "")
                written[group] += shuffle / 2**20
    return dict(written)


def largest_difference(inprocess: Path, spark_out: Path) -> float:
    ours = pa_csv.read_csv(inprocess).to_pandas().set_index("id")
    theirs = pq.read_table(spark_out).to_pandas()
    theirs["id"] = theirs["id"].astype(ours.index.dtype)
    theirs = theirs.set_index("id").loc[ours.index]
    worst = 0.0
    for column in ("effective_size", "efficiency", "constraint", "hierarchy", "layer_blau"):
        a, b = ours[column].to_numpy(float), theirs[column].to_numpy(float)
        both = ~(np.isnan(a) & np.isnan(b))
        worst = max(worst, float(np.nanmax(np.abs(a[both] - b[both]), initial=0.0)))
    return worst


def igraph_constraint_seconds(layers) -> float:
    import igraph

    source = np.concatenate([s for s, _ in layers.values()])
    target = np.concatenate([t for _, t in layers.values()])
    n = int(max(source.max(), target.max())) + 1
    graph = igraph.Graph(n=n, edges=np.column_stack([source, target]).tolist())
    graph.simplify()  # the union graph: one tie per pair, as the engines see it unweighted
    started = time.perf_counter()
    graph.constraint()
    return time.perf_counter() - started


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100_000]
    tiewise = str(Path(sys.executable).with_name("tiewise"))
    machine = platform.processor() or platform.machine()
    load = os.getloadavg()[0]
    print(f"## Spark engine — {date.today()}, {machine}, {os.cpu_count()} cores, load {load:.1f}\n")
    for people in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            layers = register_network(people, seed=1)
            edges = folder / "edges.csv"
            rows = write_csv(layers, edges)
            conf = folder / "conf"
            conf.mkdir()
            (conf / "spark-defaults.conf").write_text(
                "".join(f"{k} {v}\n" for k, v in SETTINGS.items())
            )
            env = {**os.environ, "SPARK_CONF_DIR": str(conf), "SPARK_LOCAL_IP": "127.0.0.1"}
            ours_csv = folder / "ours.csv"
            ours = run([tiewise, "measure", str(edges), "--layer", "layer", "--out", str(ours_csv)])
            spark_out = folder / "spark"
            theirs = run(
                [tiewise, "measure", str(edges), "--layer", "layer", "--engine", "spark",
                 "--master", "local[2]", "--out", str(spark_out)],
                env,
            )  # fmt: skip
            difference = largest_difference(ours_csv, spark_out)
            staged = steps(edges, folder)
            igraph_seconds = igraph_constraint_seconds(layers)
        print(f"### {people:,} people, {rows:,} rows\n")
        print("| engine | wall (s) | peak memory (MB) |\n|---|---:|---:|")
        print(f"| in process | {ours[0]:.1f} | {ours[1]:,.0f} |")
        print(f"| Spark local[2] | {theirs[0]:.1f} | {theirs[1]:,.0f} |")
        print(f"\nigraph constraint alone: {igraph_seconds:.1f} s; "
              f"in process / igraph {ours[0] / igraph_seconds:.2f}, "
              f"Spark / igraph {theirs[0] / igraph_seconds:.2f}; "
              f"largest difference Spark vs in process {difference:.1e}\n")  # fmt: skip
        print("| Spark step | s | rows | shuffle written (MB) |\n|---|---:|---:|---:|")
        for name, seconds, count, shuffle in staged:
            print(f"| {name} | {seconds:.1f} | {count:,} | {shuffle:,.1f} |")
        print()


if __name__ == "__main__":
    main()
