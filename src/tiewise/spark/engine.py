"""One run of the Spark engine: check everything that can be checked, then read, compute and
write the node table of ``analysis/node_table.py`` as Parquet (or CSV) part files in a folder.

Order: the output folder (it must not hold anything yet) and, for a local edge list, the file and
its columns — all before the JVM starts; then the master (``session.check_master``); then,
after Spark has started, the columns of a remote edge list, one pass over the rows
(``reading.first_problem``) and the distinct layers; only then the measures.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tiewise.analysis.node_table import BASE_COLUMNS, layer_columns, schema
from tiewise.errors import EngineError
from tiewise.spark import measures, reading
from tiewise.spark.session import check_master, check_runtime, spark_session

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

OUTPUT_FORMATS = ("parquet", "csv")


@dataclass(frozen=True)
class Run:
    """What a run wrote: the folder, its format, and the node count."""

    out: str
    file_format: str
    nodes: int


def node_frame(
    spark: SparkSession,
    path: str,
    *,
    weight: str | None = None,
    directed: bool = False,
    layer: str | None = None,
    input_format: str | None = None,
    wedges_per_task: int = measures.WEDGES_PER_TASK,
    passes: int = 1,
    hash_function=None,
) -> DataFrame:
    """The node table of the edge list at ``path`` as a DataFrame (columns as in
    ``node_table.schema``), after every check of ``reading``."""
    if reading.is_local(path):
        edges = reading.inspect_local(path, weight, layer, input_format)
    else:
        edges = reading.inspect_spark(spark, path, weight, layer, input_format)
    raw = reading.raw_rows(spark, edges)
    reading.first_problem(spark, raw, edges)
    rows = reading.edge_rows(raw, edges)
    names = reading.layer_names(rows, edges) if layer is not None else None
    return compute(
        rows,
        weighted=weight is not None,
        directed=directed,
        layer_names=names,
        wedges_per_task=wedges_per_task,
        passes=passes,
        hash_function=hash_function,
    )


def compute(
    rows: DataFrame,
    *,
    weighted: bool,
    directed: bool,
    layer_names: list[str] | None,
    wedges_per_task: int = measures.WEDGES_PER_TASK,
    passes: int = 1,
    hash_function=None,
) -> DataFrame:
    """The node table from valid rows ``src, dst, w[, layer]`` (``measures`` steps 1–7)."""
    from pyspark.sql import functions as F

    keyed, nodes = measures.node_keys(rows, hash_function)
    ties, layer_ties = measures.tie_tables(
        keyed, weighted=weighted, directed=directed, layered=layer_names is not None
    )
    if layer_ties is not None:
        layer_ties = layer_ties.localCheckpoint()
    totals = measures.node_totals(ties)
    arcs = measures.oriented(ties, totals).localCheckpoint()
    sums = measures.triangle_sums(arcs, wedges_per_task, passes)
    per_node = measures.burt_nodes(arcs, sums)
    table = nodes.join(per_node, nodes["key"] == per_node["node"], "left")
    if layer_names is not None:
        layered = measures.layer_nodes(layer_ties, layer_names)
        table = table.join(
            layered.withColumnRenamed("node", "layer_node"),
            F.col("key") == F.col("layer_node"),
            "left",
        )
    target = schema(layer_names)
    columns = []
    for field in target:
        name = field.name
        if name == "id":
            columns.append(F.col("id"))
        elif name in ("degree", "layers", "multiplex_ties") or name.startswith("ties:"):
            columns.append(F.coalesce(F.col(_quoted(name)), F.lit(0)).cast("long").alias(name))
        elif name == "weighted_degree":
            columns.append(F.coalesce(F.col(name), F.lit(0.0)).alias(name))
        elif name == "multiplexity":
            columns.append(
                F.try_divide(
                    F.col("layer_ties").cast("double"), F.col("degree").cast("double")
                ).alias(name)
            )
        else:
            columns.append(F.col(_quoted(name)).cast("double").alias(name))
    return table.select(*columns)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def check_output(out: str) -> None:
    """A local output folder must not exist yet, or be empty; its parent must be writable."""
    if not reading.is_local(out):
        return
    folder = reading.local_path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise EngineError(out, "a new or empty output folder", "a file or folder with files in it")
    parent = folder if folder.exists() else folder.parent
    while not parent.exists():
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise EngineError(out, "a folder this user may write", "no permission to write there")


def measure_with_spark(
    path: str,
    out: str,
    *,
    weight: str | None = None,
    directed: bool = False,
    layer: str | None = None,
    master: str | None = None,
    output_format: str = "parquet",
    input_format: str | None = None,
    config: Mapping[str, str] | None = None,
    spark: SparkSession | None = None,
    passes: int = 1,
) -> Run:
    """Check, read, compute and write the node table of ``path`` to the folder ``out``.

    Raises :class:`~tiewise.errors.ImportFormatError` for a bad edge list and
    :class:`~tiewise.errors.EngineError` for a master, runtime or output folder that will not
    do — all before any measure is computed.
    """
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"output_format must be one of {OUTPUT_FORMATS}")
    check_output(out)
    if reading.is_local(path):
        reading.inspect_local(path, weight, layer, input_format)  # fail before the JVM starts
    if spark is None:
        check_runtime()
        check_master(master)
        spark = spark_session(master, config)
    frame = node_frame(
        spark,
        path,
        weight=weight,
        directed=directed,
        layer=layer,
        input_format=input_format,
        passes=passes,
    )
    writer = frame.write.mode("errorifexists")
    if output_format == "csv":
        writer.options(header=True, escape='"', emptyValue='""').csv(out)
        count = spark.read.options(header=True, escape='"').csv(out).count()
    else:
        writer.parquet(out)
        count = spark.read.parquet(out).count()
    return Run(out, output_format, count)


def columns_of(layer_names: list[str] | None) -> list[str]:
    """The columns of the node table (``node_table.schema``)."""
    return [*BASE_COLUMNS, *(layer_columns(layer_names) if layer_names is not None else [])]
