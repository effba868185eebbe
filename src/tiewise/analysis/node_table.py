"""The per-node measures of a whole network as one table — the in-process engine of
``tiewise measure``, and the columns every engine writes (the Spark engine in
``tiewise.spark`` writes the same table).

Columns, one row per node of the edge list (every id in a source or target field, isolates
too), in order of first appearance:

- ``id`` (string), ``degree`` (int), ``weighted_degree`` (float: ``layers.weighted_degree``);
- ``effective_size``, ``efficiency``, ``constraint``, ``hierarchy`` (float: ``burt.py``);
- with a layer column: ``layers``, ``multiplexity``, ``multiplex_ties``, ``layer_blau``, and per
  layer ℓ (sorted by name) ``ties:ℓ`` and ``share:ℓ`` (``layers.py``).

A missing value (NaN in the arrays: an isolate, hierarchy at degree 1) is a null in Parquet and
an empty field in CSV.

The edge list is read by ``edgelist.read_edge_list`` (its rules: header names matched ignoring
case and surrounding spaces, ids verbatim, undirected rows stored once, multi-edges summed or
set to 1 when unweighted, self-loops and zero weights kept for ``burt_measures`` to ignore). The
layer column is read here, by the same rules, row for row beside it; an empty layer is refused.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from tiewise.analysis.burt import burt_measures
from tiewise.analysis.edgelist import SOURCE, TARGET, read_edge_list
from tiewise.analysis.layers import LayerMeasures, layer_measures, weighted_degree
from tiewise.errors import ImportFormatError, Phrase

#: The columns every engine writes, before the layer columns.
BASE_COLUMNS = (
    "id",
    "degree",
    "weighted_degree",
    "effective_size",
    "efficiency",
    "constraint",
    "hierarchy",
)
#: The per-node layer columns, before ``ties:ℓ`` and ``share:ℓ`` of each layer.
LAYER_COLUMNS = ("layers", "multiplexity", "multiplex_ties", "layer_blau")
#: Integer columns (the others but ``id`` are float64).
COUNT_COLUMNS = frozenset({"degree", "layers", "multiplex_ties"})
#: Most distinct values a layer column may have (a layer is a kind of relation, not an id).
MAX_LAYERS = 100


def layer_columns(layer_names: list[str]) -> list[str]:
    """The names of the layer columns for these layers (sorted by the caller)."""
    return [
        *LAYER_COLUMNS,
        *(f"ties:{name}" for name in layer_names),
        *(f"share:{name}" for name in layer_names),
    ]


def schema(layer_names: list[str] | None) -> pa.Schema:
    """The Arrow schema of the node table (``None``: no layer column)."""
    names = [*BASE_COLUMNS, *(layer_columns(layer_names) if layer_names is not None else [])]
    return pa.schema(
        [
            (
                name,
                pa.string()
                if name == "id"
                else pa.int64()
                if name in COUNT_COLUMNS or name.startswith("ties:")
                else pa.float64(),
            )
            for name in names
        ]
    )


def measure_table(
    path: Path, weight: str | None = None, directed: bool = False, layer: str | None = None
) -> pa.Table:
    """Every per-node measure of the CSV edge list at ``path``, in process (module docstring).

    Raises :class:`ImportFormatError` naming the file, line and field of a problem.
    """
    path = Path(path)
    edges = read_edge_list(path, weight=weight, directed=directed)
    measures = burt_measures(edges.adjacency, directed=directed)
    columns: dict[str, object] = {
        "id": edges.node_ids,
        "degree": np.asarray(measures.degree, dtype=np.int64),
        "weighted_degree": weighted_degree(edges.adjacency),
        "effective_size": measures.effective_size,
        "efficiency": measures.efficiency,
        "constraint": measures.constraint,
        "hierarchy": measures.hierarchy,
    }
    layer_names = None
    if layer is not None:
        layered = _layer_measures(path, edges.node_ids, weight, layer)
        layer_names = layered.layer_names
        columns |= {
            "layers": layered.layers,
            "multiplexity": layered.multiplexity,
            "multiplex_ties": layered.multiplex_ties,
            "layer_blau": layered.layer_blau,
        }
        for k, name in enumerate(layer_names):
            columns[f"ties:{name}"] = layered.ties[:, k]
        for k, name in enumerate(layer_names):
            columns[f"share:{name}"] = layered.share[:, k]
    target = schema(layer_names)
    arrays = [pa.array(columns[field.name], type=field.type, from_pandas=True) for field in target]
    return pa.Table.from_arrays(arrays, schema=target)


def _layer_measures(
    path: Path, node_ids: list[str], weight: str | None, layer: str
) -> LayerMeasures:
    """Read source, target, weight and ``layer`` again (the rows ``read_edge_list`` read, in
    the same order) and compute the layer measures."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader([handle.readline()]), [])
    keys = [name.strip().casefold() for name in header]

    def position(name: str) -> int:
        return keys.index(name.strip().casefold())

    if layer.strip().casefold() not in keys:
        raise ImportFormatError(
            path,
            Phrase("a layer column named {name!r}", name=layer),
            Phrase("columns {columns}", columns=",".join(header)),
            line=1,
        )
    if keys.count(layer.strip().casefold()) > 1:
        raise ImportFormatError(
            path, Phrase("a layer column named {name!r}", name=layer), "it more than once", line=1
        )
    wanted = {SOURCE: position(SOURCE), TARGET: position(TARGET), "layer": position(layer)}
    if wanted["layer"] in (wanted[SOURCE], wanted[TARGET]):
        raise ImportFormatError(
            path, "a layer column other than source and target", repr(layer), line=1
        )
    if weight is not None:
        if wanted["layer"] == position(weight):
            raise ImportFormatError(path, "a layer column other than the weight", repr(layer))
        wanted["weight"] = position(weight)
    names = [f"c{k}" for k in range(len(header))]
    types = {names[k]: pa.string() for key, k in wanted.items() if key != "weight"}
    if weight is not None:
        types[names[wanted["weight"]]] = pa.float64()
    table = pa_csv.read_csv(
        path,
        read_options=pa_csv.ReadOptions(skip_rows=1, column_names=names, encoding="utf8"),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types=types, include_columns=list(types), strings_can_be_null=False
        ),
    )
    layers = table.column(names[wanted["layer"]])
    blank = pc.or_(pc.equal(pc.utf8_length(layers), 0), pc.utf8_is_space(layers))
    if pc.any(blank).as_py():
        raise _empty_layer(path, header[wanted["layer"]], wanted["layer"])
    layer_names = sorted(set(pc.unique(layers).to_pylist()))
    if len(layer_names) > MAX_LAYERS:
        raise ImportFormatError(
            path,
            Phrase("a layer column with at most {limit} distinct values", limit=MAX_LAYERS),
            Phrase("{count} distinct values", count=len(layer_names)),
            field=header[wanted["layer"]],
        )
    ids = pa.array(node_ids, type=pa.string())
    sources = pc.index_in(table.column(names[wanted[SOURCE]]), value_set=ids)
    targets = pc.index_in(table.column(names[wanted[TARGET]]), value_set=ids)
    sources, targets, codes = (
        np.asarray(column.to_numpy(zero_copy_only=False), dtype=np.int64)
        for column in (
            sources,
            targets,
            pc.index_in(layers, value_set=pa.array(layer_names, pa.string())),
        )
    )
    weights = None if weight is None else table.column(names[wanted["weight"]]).to_numpy()
    return layer_measures(len(node_ids), sources, targets, weights, codes, layer_names)


def _empty_layer(path: Path, name: str, position: int) -> ImportFormatError:
    """The error for the first row with an empty or blank layer, with its line."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num
            if row and not row[position].strip():
                return ImportFormatError(
                    path, "a layer name", "an empty field", line=start, field=name
                )
    return ImportFormatError(path, "a layer name", "an empty field", field=name)


def write_table(table: pa.Table, path: Path, file_format: str) -> None:
    """Write the node table as ``parquet`` or ``csv`` (nulls as empty fields) to ``path``."""
    if file_format == "parquet":
        pq.write_table(table, path)
    else:
        pa_csv.write_csv(table, path, pa_csv.WriteOptions(quoting_style="needed"))
