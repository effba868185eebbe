"""``tiewise demo``, ``report``, ``analyze`` and ``measure``: the network as a whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tiewise.cli.base import (
    JsonOption,
    _parse_date,
    _print_json,
    _snapshot,
    _state,
    app,
    console,
)
from tiewise.errors import InputError

# --- demo and report


@app.command()
def demo(
    ctx: typer.Context,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same network.")
    ] = 1,
    today: Annotated[
        str | None, typer.Option(help="Pretend today is this date (YYYY-MM-DD).")
    ] = None,
    charts: Annotated[
        Path | None,
        typer.Option(help="Folder for the event charts (default: beside the database file)."),
    ] = None,
) -> None:
    """Build the demo network (a design studio in Nijmegen) and print the report."""
    from tiewise.demo import build_demo

    state = _state(ctx)
    as_of = _parse_date(today, "--today") or date.today()
    build_demo(state.store, seed=seed, today=as_of)
    console.print(state.t("demo.written", seed=seed, db=state.db))
    console.print()
    folder = charts or _charts_beside(state.db)
    from tiewise.analysis.profile import analyze
    from tiewise.report.text import chart_files, render_report

    profile = analyze(_snapshot(state), as_of)
    render_report(
        profile,
        state.language,
        console,
        chart_files(folder, state.language, console) if folder else None,
    )


def _charts_beside(db: str) -> Path | None:
    """``NAME-charts/`` beside a database file; ``None`` for a database URL."""
    if "://" in db or db == ":memory:":
        return None
    path = Path(db)
    return path.with_name(f"{path.stem}-charts")


REPORT_SUFFIXES = (".md", ".html", ".htm", ".pdf")


@app.command()
def report(
    ctx: typer.Context,
    today: Annotated[str | None, typer.Option(help="Report as of this date (YYYY-MM-DD).")] = None,
    charts: Annotated[
        Path | None, typer.Option(help="Write the event charts (SVG and PNG) into this folder.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file instead: .md (charts as SVG beside it), "
            ".html (one page, charts inline) or .pdf.",
        ),
    ] = None,
) -> None:
    """Print the strategy report for your network, or write it as Markdown, HTML or PDF."""
    state = _state(ctx)
    as_of = _parse_date(today, "--today") or date.today()
    if output is not None and output.suffix.lower() not in REPORT_SUFFIXES:
        raise InputError(
            f"--output: expected a file ending in .md, .html or .pdf, found {str(output)!r}",
            field="output",
            key="error.report_suffix",
            values={"found": str(output)},
        )
    from tiewise.analysis.profile import analyze
    from tiewise.report.text import chart_files, render_report

    profile = analyze(_snapshot(state), as_of)
    if output is None:
        hook = chart_files(charts, state.language, console) if charts else None
        render_report(profile, state.language, console, hook)
        return
    from tiewise.report.document import DocumentConsole, write_document

    document = DocumentConsole()
    events = render_report(profile, state.language, document, document.place_charts)  # type: ignore[arg-type]
    if charts:
        from tiewise.report.charts import write_charts

        write_charts(events, charts, state.language)
    try:
        write_document(document.blocks, events, output, state.language)
    except OSError as error:
        raise InputError(
            f"--output: expected a file that can be written, found {str(output)!r} "
            f"({error.strerror or error})",
            field="output",
            key="error.unwritable",
            values={"file": str(output), "reason": error.strerror or str(error)},
        ) from error
    console.print(state.t("report.written", path=str(output)), markup=False, highlight=False)


@app.command()
def analyze(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: Annotated[str | None, typer.Option(help="Analyse as of this date (YYYY-MM-DD).")] = None,
) -> None:
    """Tie strength, clusters, bridges, structural holes, Dunbar layers and diversity."""
    state = _state(ctx)
    from tiewise.analysis.profile import analyze

    profile = analyze(_snapshot(state), _parse_date(today, "--today") or date.today())
    if as_json:
        _print_json(profile.to_json(state.language))
        return
    from tiewise.report.text import render_analysis

    render_analysis(profile, state.language, console)


@app.command()
def measure(
    ctx: typer.Context,
    edges: Annotated[str, typer.Argument(help="CSV edge list: source,target[,weight].")],
    weight: Annotated[
        str | None, typer.Option(help="Name of the weight column (default: unweighted).")
    ] = None,
    directed: Annotated[bool, typer.Option(help="The edges are directed.")] = False,
    as_json: JsonOption = False,
    out: Annotated[Path | None, typer.Option(help="Write the measures to this CSV file.")] = None,
    layer: Annotated[
        str | None,
        typer.Option(help="Name of the layer column: per-layer ties, multiplexity, Blau."),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="inprocess, or spark for edge lists too large for one machine.")
    ] = "inprocess",
    master: Annotated[
        str | None,
        typer.Option(help="Spark master: local[N], spark://HOST:PORT, yarn or k8s://URL."),
    ] = None,
    out_format: Annotated[
        str | None,
        typer.Option("--format", help="parquet or csv (default: parquet with --engine spark)."),
    ] = None,
) -> None:
    """Burt's measures (effective size, efficiency, constraint, hierarchy) for every node."""
    if engine != "inprocess" or layer is not None or master is not None or out_format:
        from tiewise.cli.measuring import measure_table_command

        measure_table_command(
            _state(ctx),
            edges,
            weight=weight,
            directed=directed,
            layer=layer,
            engine=engine,
            master=master,
            out=out,
            out_format=out_format,
            as_json=as_json,
        )
        return
    from rich.table import Table

    from tiewise.analysis.burt import burt_measures
    from tiewise.analysis.edgelist import measures_as_json, read_edge_list, write_measures_csv
    from tiewise.display import number

    state = _state(ctx)
    graph = read_edge_list(edges, weight=weight, directed=directed)
    measures = burt_measures(graph.adjacency, directed=directed)
    if out is not None:
        write_measures_csv(out, graph, measures)
        console.print(state.p("measure.written", len(graph.node_ids), file=str(out)))
    if as_json:
        _print_json(measures_as_json(graph, measures))
    elif out is None:
        table = Table()
        for key in ("id", "degree", "effective_size", "efficiency", "constraint", "hierarchy"):
            table.add_column(key, justify="left" if key == "id" else "right")
        for node in measures_as_json(graph, measures)["nodes"]:
            table.add_row(
                node["id"],
                str(node["degree"]),
                *(
                    number(node[k], 4, state.language)
                    for k in ("effective_size", "efficiency", "constraint", "hierarchy")
                ),
            )
        console.print(table)
