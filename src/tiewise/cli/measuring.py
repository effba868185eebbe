"""``tiewise measure`` with ``--engine spark`` or ``--layer``: the whole node table
(``analysis/node_table.py``) in process or on Spark (``tiewise.spark``). Presentation only;
``report.measure`` hands over to :func:`measure_table_command` when either option is given."""

from __future__ import annotations

import math
from pathlib import Path

from tiewise.cli.base import State, _print_json, console
from tiewise.errors import EngineError, not_one_of

ENGINES = ("inprocess", "spark")
FORMATS = ("parquet", "csv")


def measure_table_command(
    state: State,
    edges: str,
    *,
    weight: str | None,
    directed: bool,
    layer: str | None,
    engine: str,
    master: str | None,
    out: Path | None,
    out_format: str | None,
    as_json: bool,
) -> None:
    """Check the options, run the engine, say what was written (or print the table)."""
    if engine not in ENGINES:
        raise not_one_of("engine", ENGINES, engine, "--engine")
    if out_format is not None and out_format not in FORMATS:
        raise not_one_of("format", FORMATS, out_format, "--format")
    if engine == "spark":
        if out is None or as_json:
            raise EngineError(
                "--engine spark",
                "an output folder (--out DIR) for the node table",
                "--json" if as_json else "no --out",
            )
        from tiewise.spark.engine import measure_with_spark

        run = measure_with_spark(
            edges,
            str(out),
            weight=weight,
            directed=directed,
            layer=layer,
            master=master,
            output_format=out_format or "parquet",
        )
        console.print(state.p("measure.written", run.nodes, file=run.out))
        return
    if master is not None:
        raise EngineError("--master", "--engine spark with a Spark master", "--engine inprocess")
    from tiewise.analysis.node_table import measure_table, write_table

    table = measure_table(Path(edges), weight=weight, directed=directed, layer=layer)
    if out is not None:
        write_table(table, out, out_format or "csv")
        console.print(state.p("measure.written", table.num_rows, file=str(out)))
    if as_json or out is None:
        rows = [
            {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
            for row in table.to_pylist()
        ]
        _print_json({"nodes": rows})
