"""Edge lists in, Burt's measures out: the file side of ``tiewise measure`` for any network.

Input: a CSV file (UTF-8, comma-separated, header on line 1) with the columns ``source`` and
``target`` and any others; header names are matched case-insensitively and ignoring surrounding
spaces. The weight column is named by the caller (``--weight COLUMN``); without it the graph is
unweighted even if the file has a weight column, so a column called "weight" is never used by
surprise. Node ids are strings taken verbatim; nodes are numbered in order of first appearance,
reading the file row by row, source before target. Blank lines are skipped.

How rows become the adjacency matrix (``EdgeList.adjacency``, float64 CSR, ``n × n``):

- directed: entry (source, target); an undirected graph keeps every edge once, as the entry
  (u, v) with u the node that appeared first — so the matrix is upper triangular;
- weighted: rows naming the same edge (for an undirected graph, in either orientation) are one
  multi-edge whose weights are summed (as igraph does); unweighted: every edge has weight 1,
  however often it is listed. In a directed graph a→b and b→a stay two entries, which Burt's
  mutual weight adds up (a reciprocated tie weighs 2).
- self-loops and zero weights are kept as given; ``burt_measures`` ignores them.

Errors (``ImportFormatError`` naming file, line, field, what was expected and what was found):
a missing source/target/weight column, a row with a different number of fields than the header,
an empty (or blank) source or target, a weight that is not a finite non-negative number, and bytes
that are not UTF-8. Quoted fields may contain commas, quotes ("") and line breaks; a row's line is
the line it starts on. The file is parsed by Apache Arrow's multithreaded CSV reader
(``pyarrow``); only when that finds a problem is the file scanned again, row by row with the
``csv`` module, to report the first offending line.

Output: ``id,degree,effective_size,efficiency,constraint,hierarchy``, one row per node in the
order of ``node_ids``, an empty field for NaN (isolates; hierarchy at degree 1).
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from scipy import sparse

from tiewise.analysis.burt import BurtMeasures
from tiewise.errors import ImportFormatError, Phrase

SOURCE, TARGET = "source", "target"
MEASURES = ("degree", "effective_size", "efficiency", "constraint", "hierarchy")
#: Bytes of CSV text parsed per block (per thread) by Arrow.
BLOCK_SIZE = 1 << 24
#: A weight as the row-by-row scan accepts it (Arrow's float parser accepts a superset).
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
#: Bytes that were not UTF-8, as ``errors="surrogateescape"`` decodes them.
_UNDECODED = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, eq=False)
class EdgeList:
    """A graph read from an edge list: node ids in order of first appearance, and the adjacency
    matrix over them (see the module docstring for how rows become entries)."""

    node_ids: list[str]
    adjacency: sparse.csr_array
    directed: bool


@dataclass(frozen=True)
class _Layout:
    """Where the wanted columns are: header names as written, and their positions."""

    width: int
    source: tuple[int, str]
    target: tuple[int, str]
    weight: tuple[int, str] | None


def read_edge_list(path: Path, weight: str | None = None, directed: bool = False) -> EdgeList:
    """Read a ``source,target[,weight]`` CSV file into an :class:`EdgeList`.

    ``weight`` names the weight column (case-insensitive); ``None`` reads an unweighted graph.
    Raises :class:`ImportFormatError` with the line and field of the first problem.
    """
    path = Path(path)
    layout = _read_header(path, weight)
    table = _read_rows(path, layout)
    if table.num_rows == 0:
        return EdgeList([], sparse.csr_array((0, 0), dtype=np.float64), directed)
    node_ids, sources, targets = _number_nodes(path, layout, table)
    weights = _weights(path, layout, table)
    del table
    pa.default_memory_pool().release_unused()  # hand Arrow's buffers back before the analysis
    adjacency = _adjacency(len(node_ids), sources, targets, weights, directed)
    return EdgeList(node_ids, adjacency, directed)


def _read_header(path: Path, weight: str | None) -> _Layout:
    """Find the source, target and weight columns in line 1."""
    with path.open("rb") as handle:
        first_line = handle.readline()
    try:
        header = next(csv.reader([first_line.decode("utf-8-sig")]), None) if first_line else None
    except UnicodeDecodeError:
        raise ImportFormatError(path, "UTF-8 text", "bytes that are not UTF-8", line=1) from None
    if not header:
        found = "an empty file" if header is None else "an empty line"
        raise ImportFormatError(path, "a header with the columns source,target", found, line=1)
    keys = [name.strip().casefold() for name in header]

    def column(name: str, expected: Phrase) -> tuple[int, str]:
        positions = [k for k, key in enumerate(keys) if key == name.strip().casefold()]
        if len(positions) != 1:
            found = (
                Phrase("columns {columns}", columns=",".join(header))
                if not positions
                else "it more than once"
            )
            raise ImportFormatError(path, expected, found, line=1)
        return positions[0], header[positions[0]]

    source = column(SOURCE, Phrase("a source column named {name!r}", name=SOURCE))
    target = column(TARGET, Phrase("a target column named {name!r}", name=TARGET))
    weight_column = (
        None
        if weight is None
        else column(weight, Phrase("a weight column named {name!r}", name=weight))
    )
    if weight_column in (source, target):
        raise ImportFormatError(
            path, "a weight column other than source and target", repr(weight), line=1
        )
    return _Layout(len(header), source, target, weight_column)


def _read_rows(path: Path, layout: _Layout) -> pa.Table:
    """Parse every data row with Arrow: source and target as strings, weight as float64."""
    names = [f"c{k}" for k in range(layout.width)]
    types = {names[layout.source[0]]: pa.string(), names[layout.target[0]]: pa.string()}
    if layout.weight is not None:
        types[names[layout.weight[0]]] = pa.float64()
    try:
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(
                skip_rows=1, column_names=names, block_size=BLOCK_SIZE, encoding="utf8"
            ),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=types, include_columns=list(types), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise _locate_problem(path, layout, str(error)) from None
    return table.rename_columns(["source", "target", "weight"][: table.num_columns])


def _number_nodes(
    path: Path, layout: _Layout, table: pa.Table
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Node ids in order of first appearance (row by row, source before target) and every
    row's source and target as node numbers (int32 or int64)."""
    rows = table.num_rows
    sources, targets = table.column("source"), table.column("target")
    encoded = pc.dictionary_encode(pa.chunked_array(sources.chunks + targets.chunks))
    dictionary = encoded.chunk(encoded.num_chunks - 1).dictionary  # shared by all chunks
    blank = pc.or_(pc.equal(pc.utf8_length(dictionary), 0), pc.utf8_is_space(dictionary))
    if pc.any(blank).as_py():
        raise _locate_problem(path, layout, Phrase("an empty node id"))
    codes = np.concatenate([chunk.indices.to_numpy() for chunk in encoded.chunks])
    first = np.full(len(dictionary), 2 * rows, dtype=np.int64)
    np.minimum.at(first, codes[:rows], np.arange(0, 2 * rows, 2))
    np.minimum.at(first, codes[rows:], np.arange(1, 2 * rows, 2))
    order = np.argsort(first)
    index_type = np.int32 if len(order) < 2**31 else np.int64
    number = np.empty(len(order), dtype=index_type)
    number[order] = np.arange(len(order), dtype=index_type)
    node_ids = dictionary.take(pa.array(order)).to_pylist()
    return node_ids, number[codes[:rows]], number[codes[rows:]]


def _weights(path: Path, layout: _Layout, table: pa.Table) -> np.ndarray | None:
    """The weight of every row (float64), or ``None`` for an unweighted graph."""
    if layout.weight is None:
        return None
    column = table.column("weight")
    if column.null_count:
        raise _locate_problem(path, layout, Phrase("an empty weight"))
    weights = column.to_numpy()
    if not (np.isfinite(weights).all() and (weights >= 0).all()):
        raise _locate_problem(path, layout, Phrase("a negative or non-finite weight"))
    return weights


def _adjacency(
    n: int,
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray | None,
    directed: bool,
) -> sparse.csr_array:
    """The CSR adjacency matrix: duplicates summed (weighted) or set to 1 (unweighted); an
    undirected edge stored once, in the row of the endpoint that appeared first."""
    if not directed:
        sources, targets = np.minimum(sources, targets), np.maximum(sources, targets)
    data = np.ones(len(sources)) if weights is None else weights
    adjacency = sparse.csr_array((data, (sources, targets)), shape=(n, n), dtype=np.float64)
    adjacency.sum_duplicates()
    if weights is None:
        adjacency.data[:] = 1.0
    return adjacency


def _locate_problem(path: Path, layout: _Layout, summary: str) -> ImportFormatError:
    """Scan the file row by row for the first row that breaks a rule, and describe it; if none
    does (Arrow and the ``csv`` module disagree), describe the file as a whole."""
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num
            if not row:
                continue
            problem = _row_problem(row, layout)
            if problem is not None:
                field, expected, found = problem
                return ImportFormatError(path, expected, found, line=start, field=field)
    return ImportFormatError(path, "a CSV edge list (source,target[,weight])", summary)


def _row_problem(row: list[str], layout: _Layout) -> tuple[str | None, str, str] | None:
    """``(field, expected, found)`` for the first rule the row breaks, or ``None``."""
    if len(row) != layout.width:
        return None, Phrase("{count} fields as in the header", count=layout.width), f"{len(row)}"
    if any(_UNDECODED.search(value) for value in row):
        return None, Phrase("UTF-8 text"), Phrase("bytes that are not UTF-8")
    for position, name in (layout.source, layout.target):
        if not row[position].strip():
            return name, Phrase("a node id"), Phrase("an empty field")
    if layout.weight is not None:
        position, name = layout.weight
        text = row[position].strip()
        if not _NUMBER.fullmatch(text):
            found = repr(row[position]) if text else Phrase("an empty field")
            return name, Phrase("a non-negative number"), found
        if not math.isfinite(float(text)):
            return name, Phrase("a finite number"), repr(row[position])
        if float(text) < 0:
            return name, Phrase("a non-negative number"), repr(row[position])
    return None


def write_measures_csv(path: Path, edges: EdgeList, measures: BurtMeasures) -> None:
    """Write ``id,degree,effective_size,efficiency,constraint,hierarchy`` (empty for NaN)."""
    _check_aligned(edges, measures)
    ids = pa.array(edges.node_ids, type=pa.string())
    columns = {"id": ids, "degree": pa.array(np.asarray(measures.degree, dtype=np.int64))}
    for name in MEASURES[1:]:
        columns[name] = pa.array(getattr(measures, name), type=pa.float64(), from_pandas=True)
    needs_quotes = len(ids) and pc.any(pc.match_substring_regex(ids, r'[",\r\n]')).as_py()
    with Path(path).open("wb") as handle:
        handle.write((",".join(columns) + "\n").encode())
        pa_csv.write_csv(
            pa.table(columns),
            handle,
            pa_csv.WriteOptions(
                include_header=False, quoting_style="needed" if needs_quotes else "none"
            ),
        )


def measures_as_json(edges: EdgeList, measures: BurtMeasures) -> dict:
    """``{"nodes": [{"id", "degree", "effective_size", …}]}``, ``None`` for NaN."""
    _check_aligned(edges, measures)
    columns = {"degree": np.asarray(measures.degree, dtype=np.int64).tolist()}
    for name in MEASURES[1:]:
        values = np.asarray(getattr(measures, name), dtype=np.float64)
        columns[name] = np.where(np.isnan(values), None, values).tolist()
    names = ("id", *MEASURES)
    rows = zip(edges.node_ids, *(columns[name] for name in MEASURES), strict=True)
    return {"nodes": [dict(zip(names, row, strict=True)) for row in rows]}


def _check_aligned(edges: EdgeList, measures: BurtMeasures) -> None:
    if len(measures.degree) != len(edges.node_ids):
        raise ValueError(
            f"{len(measures.degree)} measures for {len(edges.node_ids)} nodes: not the same graph"
        )
