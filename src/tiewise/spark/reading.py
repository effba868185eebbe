"""Edge lists for the Spark engine: CSV or Parquet, a file or a folder of part files, on a local
path or any URI Spark reads (``hdfs://``, ``s3a://``, ``abfss://``, …), checked before work.

The rules are the in-process reader's (``analysis/edgelist.py``): header names (CSV) or column
names (Parquet) are matched ignoring case and surrounding spaces; ``source`` and ``target`` are
required, the weight and layer columns are named by the caller; ids are strings taken verbatim
(Parquet ids of another type are cast to strings); a weight is a finite non-negative number
(``1e1``, ``+.5``, `` 2.5 ``); blank lines are skipped. CSV is UTF-8 with or without a BOM,
comma-separated, ``"`` quoting with ``""`` inside quotes.

One difference: a CSV file is read line by line so that Spark can split it over tasks; a
quoted field with a line break in it therefore breaks its row, which is refused as a row with
the wrong number of fields (the in-process reader accepts it).

Checks, in this order, each an error naming the file or URL and what was expected:

1. before Spark starts (local paths): the path exists and can be read; the columns are there
   (a CSV header read with Python, a Parquet schema read with pyarrow);
2. when Spark has started (other URIs): the same, through Spark;
3. before any measure is computed: one pass over the rows (``first_problem``) for a row with
   the wrong number of fields, an empty id, a weight that is not a finite non-negative number,
   an empty layer; and the distinct layers (at most ``MAX_LAYERS``).

Spark cannot tell the line of a row it read; the error names the file (the part file) and the
row's ids instead.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from tiewise.analysis.edgelist import SOURCE, TARGET
from tiewise.analysis.node_table import MAX_LAYERS
from tiewise.errors import ImportFormatError, Phrase

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

#: A weight as the in-process reader accepts it (``edgelist._NUMBER``), for Java's regex.
NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
#: The column that holds a CSV row Spark could not split into the header's fields.
CORRUPT = "_tiewise_corrupt_row"
FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class EdgeInput:
    """An edge list and where its columns are: the names as written in the file."""

    path: str
    file_format: str  # csv | parquet
    columns: tuple[str, ...]
    source: str
    target: str
    weight: str | None
    layer: str | None
    weight_is_text: bool = True


def is_local(path: str) -> bool:
    """A path on this machine: no URI scheme, or ``file:``."""
    scheme = urlparse(path).scheme
    return scheme in ("", "file") or (len(scheme) == 1 and os.name == "nt")


def local_path(path: str) -> Path:
    return Path(urlparse(path).path if path.startswith("file:") else path)


def file_format_of(path: str, given: str | None = None) -> str:
    """``csv`` or ``parquet``: as ``given``, else by the name's ending, else (a local folder)
    by its files; CSV when nothing says otherwise."""
    if given is not None:
        return given
    name = path.rstrip("/").lower()
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if is_local(path) and local_path(path).is_dir():
        files = [p for p in local_path(path).iterdir() if not p.name.startswith(("_", "."))]
        if files and all(p.suffix in (".parquet", ".pq") for p in files):
            return "parquet"
    return "csv"


def inspect_local(
    path: str, weight: str | None, layer: str | None, file_format: str | None = None
) -> EdgeInput:
    """Check a local edge list before Spark starts: it exists, can be read, has the columns."""
    where = local_path(path)
    if not where.exists():
        raise ImportFormatError(path, "a CSV or Parquet edge list", "no such file or folder")
    files = _data_files(where) if where.is_dir() else [where]
    if not files:
        raise ImportFormatError(path, "a CSV or Parquet edge list", "an empty folder")
    unreadable = [f for f in files if not os.access(f, os.R_OK)]
    if unreadable or not os.access(where, os.R_OK | (os.X_OK if where.is_dir() else 0)):
        raise ImportFormatError(
            unreadable[0] if unreadable else path,
            "a file this user may read",
            "no permission to read it",
        )
    fmt = file_format_of(path, file_format)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            schema = pq.read_schema(files[0])
        except Exception as error:  # pyarrow raises several kinds for a file that is no Parquet
            raise ImportFormatError(files[0], "a Parquet file", _first_line(error)) from None
        names = tuple(schema.names)
        text = _is_text(schema, names, weight)
        return _located(path, fmt, names, weight, layer, line=None, weight_is_text=text)
    with files[0].open("rb") as handle:
        first = handle.readline()
    try:
        header = next(csv.reader([first.decode("utf-8-sig")]), None) if first else None
    except UnicodeDecodeError:
        raise ImportFormatError(
            files[0], "UTF-8 text", "bytes that are not UTF-8", line=1
        ) from None
    if not header:
        found = "an empty file" if header is None else "an empty line"
        raise ImportFormatError(files[0], "a header with the columns source,target", found, line=1)
    return _located(path, fmt, tuple(header), weight, layer, line=1)


def inspect_spark(
    spark: SparkSession,
    path: str,
    weight: str | None,
    layer: str | None,
    file_format: str | None = None,
) -> EdgeInput:
    """The same checks through Spark, for a path Python cannot open (``hdfs://`` …)."""
    from pyspark.errors import AnalysisException

    fmt = file_format_of(path, file_format)
    try:
        if fmt == "parquet":
            schema = spark.read.parquet(path).schema
            names = tuple(schema.names)
            text = {f.name: f.dataType.typeName() for f in schema.fields}
            weight_is_text = weight is None or text.get(_match(names, weight) or "") == "string"
            return _located(path, fmt, names, weight, layer, None, weight_is_text)
        names = tuple(spark.read.options(header=True, escape='"').csv(path).columns)
    except AnalysisException as error:
        raise ImportFormatError(path, "a CSV or Parquet edge list", _first_line(error)) from None
    return _located(path, fmt, names, weight, layer, line=1)


def _data_files(folder: Path) -> list[Path]:
    """The data files of a folder as Spark reads it (no ``_SUCCESS``, no hidden files)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(("_", ".")))


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def _match(names: tuple[str, ...], wanted: str) -> str | None:
    found = [name for name in names if name.strip().casefold() == wanted.strip().casefold()]
    return found[0] if len(found) == 1 else None


def _is_text(schema, names: tuple[str, ...], weight: str | None) -> bool:
    import pyarrow as pa

    if weight is None or _match(names, weight) is None:
        return True
    kind = schema.field(_match(names, weight)).type
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def _located(
    path: str,
    file_format: str,
    names: tuple[str, ...],
    weight: str | None,
    layer: str | None,
    line: int | None,
    weight_is_text: bool = True,
) -> EdgeInput:
    """Find the columns by name as the in-process reader does, or raise its errors."""

    def column(name: str, expected: Phrase) -> str:
        found = [n for n in names if n.strip().casefold() == name.strip().casefold()]
        if len(found) != 1:
            said = (
                Phrase("columns {columns}", columns=",".join(names))
                if not found
                else "it more than once"
            )
            raise ImportFormatError(path, expected, said, line=line)
        return found[0]

    source = column(SOURCE, Phrase("a source column named {name!r}", name=SOURCE))
    target = column(TARGET, Phrase("a target column named {name!r}", name=TARGET))
    weight_column = (
        None
        if weight is None
        else column(weight, Phrase("a weight column named {name!r}", name=weight))
    )
    if weight_column in (source, target):
        raise ImportFormatError(
            path, "a weight column other than source and target", repr(weight), line=line
        )
    layer_column = (
        None
        if layer is None
        else column(layer, Phrase("a layer column named {name!r}", name=layer))
    )
    if layer_column in (source, target):
        raise ImportFormatError(
            path, "a layer column other than source and target", repr(layer), line=line
        )
    if layer_column is not None and layer_column == weight_column:
        raise ImportFormatError(path, "a layer column other than the weight", repr(layer))
    return EdgeInput(
        path, file_format, names, source, target, weight_column, layer_column, weight_is_text
    )


def raw_rows(spark: SparkSession, edges: EdgeInput) -> DataFrame:
    """The rows as read, every CSV column as a string, with the file each row came from and
    (CSV) the row as text when it does not have the header's fields."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    if edges.file_format == "parquet":
        frame = spark.read.parquet(edges.path)
    else:
        schema = T.StructType(
            [T.StructField(name, T.StringType()) for name in edges.columns]
            + [T.StructField(CORRUPT, T.StringType())]
        )
        frame = (
            spark.read.schema(schema)
            .options(
                header=True,
                escape='"',
                mode="PERMISSIVE",
                columnNameOfCorruptRecord=CORRUPT,
                encoding="UTF-8",
            )
            .csv(edges.path)
        )
    return frame.withColumn("_tiewise_file", F.col("_metadata.file_path"))


def edge_rows(raw: DataFrame, edges: EdgeInput) -> DataFrame:
    """``src``, ``dst`` (strings), ``w`` (float64; 1 when unweighted) and ``layer`` (when
    asked) of every row; call :func:`first_problem` first, as this takes the rows as valid."""
    from pyspark.sql import functions as F

    columns = [
        F.col(_quoted(edges.source)).cast("string").alias("src"),
        F.col(_quoted(edges.target)).cast("string").alias("dst"),
        (
            F.lit(1.0)
            if edges.weight is None
            else _weight_value(F.col(_quoted(edges.weight)), edges.weight_is_text)
        ).alias("w"),
    ]
    if edges.layer is not None:
        columns.append(F.col(_quoted(edges.layer)).cast("string").alias("layer"))
    return raw.select(*columns)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _weight_value(column: Column, is_text: bool) -> Column:
    from pyspark.sql import functions as F

    if is_text:
        return F.trim(column).try_cast("double")
    return column.cast("double")


def _blank(column: Column) -> Column:
    from pyspark.sql import functions as F

    return column.isNull() | (F.regexp_replace(column, r"^\s+$", "") == F.lit(""))


def first_problem(spark: SparkSession, raw: DataFrame, edges: EdgeInput) -> None:
    """One pass over the rows: raise :class:`ImportFormatError` for the first bad row found
    (module docstring), naming its file, field, what was expected and what was found."""
    from pyspark.sql import functions as F

    source = F.col(_quoted(edges.source)).cast("string")
    target = F.col(_quoted(edges.target)).cast("string")
    checks: list[tuple[Column, str | None, str, Column]] = []
    if edges.file_format == "csv":
        checks.append((F.col(CORRUPT).isNotNull(), None, "fields", F.col(CORRUPT)))
    checks += [
        (_blank(source), edges.source, "id", F.lit("")),
        (_blank(target), edges.target, "id", F.lit("")),
    ]
    if edges.weight is not None:
        raw_weight = F.col(_quoted(edges.weight))
        text = raw_weight.cast("string")
        value = _weight_value(raw_weight, edges.weight_is_text)
        checks.append((_blank(text), edges.weight, "weight-empty", F.lit("")))
        if edges.weight_is_text:
            checks.append((~F.trim(text).rlike(NUMBER), edges.weight, "number", text))
        checks.append(
            (F.isnan(value) | (F.abs(value) == float("inf")), edges.weight, "finite", text)
        )
        checks.append((value < 0, edges.weight, "number", text))
    if edges.layer is not None:
        checks.append(
            (_blank(F.col(_quoted(edges.layer)).cast("string")), edges.layer, "layer", F.lit(""))
        )
    kind = F.lit(None).cast("int")
    for k, (condition, *_rest) in reversed(list(enumerate(checks))):
        kind = F.when(F.coalesce(condition, F.lit(False)), F.lit(k)).otherwise(kind)
    found = F.lit(None).cast("string")
    for k, (*_rest, shown) in enumerate(checks):
        found = F.when(kind == k, shown).otherwise(found)
    bad = (
        raw.select(
            kind.alias("kind"),
            found.alias("found"),
            source.alias("source"),
            target.alias("target"),
            F.col("_tiewise_file").alias("file"),
        )
        .where(F.col("kind").isNotNull())
        .limit(1)
        .collect()
    )
    if bad:
        row = bad[0]
        _, field, what, _ = checks[row["kind"]]
        raise _row_error(row["file"], field, what, row, len(edges.columns))


def _row_error(file: str, field: str | None, what: str, row, width: int) -> ImportFormatError:
    where = Phrase(
        "{value} in the row of {source} and {target}",
        value=repr(row["found"]) if row["found"] is not None else "",
        source=repr(row["source"]),
        target=repr(row["target"]),
    )
    if what == "fields":
        return ImportFormatError(
            file,
            Phrase("{count} fields as in the header", count=width),
            Phrase("the row {row}", row=repr(row["found"])),
        )
    if what == "id":
        return ImportFormatError(file, "a node id", "an empty field", field=field)
    if what == "weight-empty":
        return ImportFormatError(file, "a non-negative number", "an empty field", field=field)
    if what == "layer":
        return ImportFormatError(file, "a layer name", "an empty field", field=field)
    expected = "a finite number" if what == "finite" else "a non-negative number"
    return ImportFormatError(file, expected, where, field=field)


def layer_names(rows: DataFrame, edges: EdgeInput) -> list[str]:
    """The distinct layers, sorted; refuses more than ``MAX_LAYERS``."""
    found = [
        row["layer"] for row in rows.select("layer").distinct().limit(MAX_LAYERS + 1).collect()
    ]
    if len(found) > MAX_LAYERS:
        raise ImportFormatError(
            edges.path,
            Phrase("a layer column with at most {limit} distinct values", limit=MAX_LAYERS),
            Phrase("more than {limit} distinct values", limit=MAX_LAYERS),
            field=edges.layer,
        )
    return sorted(found)
