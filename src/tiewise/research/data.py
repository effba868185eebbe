"""Reading study data: the long format of ego-network research and a wide table per ego.

Long format — a folder with three CSV files (``,`` or ``;``, UTF-8 with or without BOM):

- egos: ``egos.csv`` (or ``ego.csv``, or Network Canvas' ``*_ego.csv``): one row per ego, an id
  column and any ego variables (performance, controls, attributes);
- alters: ``alters.csv`` (or Network Canvas' ``*_attributeList_*.csv``): one row per alter, the
  ego's id, the alter's id, and alter attributes and tie variables (Network Canvas stores the
  ego–alter tie on the alter);
- alter ties: ``alter_ties.csv`` (or ``aaties.csv``, Network Canvas' ``*_edgeList_*.csv``): the
  ego's id and two alter ids of alters who know each other.

Id columns are recognised by name, without case: ego ``ego_id``, ``egoID``, ``.egoID``
(egor), ``networkCanvasEgoUUID``; alter ``alter_id``, ``alterID``, ``.altID``,
``networkCanvasUUID``; tie ends ``source``/``target``, ``Source``/``Target``, ``.srcID``/
``.tgtID``, ``networkCanvasSourceUUID``/``networkCanvasTargetUUID``. Network Canvas' own
bookkeeping columns (``nodeID``, ``edgeID``, ``from``, ``to``, session fields) and ``name`` are
ignored: no names enter a study. Several files of one kind (one per Network Canvas session) are
read together.

Alter columns whose non-empty values are all numbers are numeric (their ego mean is a measure);
the others are categorical (diversity and composition). The tie class comes from a
``tie_class`` column (strong, medium, weak), else ``closeness`` 1–5 (4–5 strong, 3 medium, 1–2
weak), else ``strength`` 0–1 (from 0.6 strong, from 0.35 medium — the classes of
``analysis/strength.py``).

Wide format — one CSV with one row per ego: an id column and numeric or categorical columns
(network measures computed elsewhere, performance, controls).

Errors name the file, the row (the header is row 1) and the column: a missing id column, an
alter of an unknown ego, a tie between unknown alters, an ego without alters, a duplicate id.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tiewise.errors import ImportFormatError, Phrase
from tiewise.research.egonets import EgoNetworks, build
from tiewise.research.instruments import position_scores, prestige_of, resource_scores
from tiewise.research.tables import ALTER_ID, EGO_ID, IGNORED, SOURCE, TARGET, Table, read_table


@dataclass(frozen=True)
class Study:
    """What a study reads: ego networks (long format) or none (wide), and the ego variables."""

    ego_ids: tuple[str, ...]
    variables: dict[str, np.ndarray]  # per ego: float (NaN missing) or object (None missing)
    networks: EgoNetworks | None
    sources: tuple[str, ...]


def _variables(table: Table, skip: set[str]) -> dict[str, np.ndarray]:
    """Per column: floats when every non-empty cell is a number, else text (None missing)."""
    columns = {}
    for name in table.header:
        if name in skip or name.casefold() in IGNORED:
            continue
        cells = [row.get(name, "") for _, row in table.rows]
        try:
            columns[name] = np.array(
                [float(c.replace(",", ".")) if c else math.nan for c in cells], dtype=float
            )
        except ValueError:
            columns[name] = np.array([c or None for c in cells], dtype=object)
    return columns


def _files(folder: Path, names: tuple[str, ...], patterns: tuple[str, ...]) -> list[Path]:
    for name in names:
        if (folder / name).is_file():
            return [folder / name]
    found = sorted({p for pattern in patterns for p in folder.glob(pattern)})
    return found


def _one_table(
    folders: tuple[Path, ...],
    names: tuple[str, ...],
    patterns: tuple[str, ...],
    what: str,
    required: bool = True,
) -> Table | None:
    """The files of one kind in every folder, read as one table (each row keeps its file)."""
    paths = []
    for folder in folders:
        found = _files(folder, names, patterns)
        if not found and required:
            raise ImportFormatError(
                folder, Phrase("the {what} file", what=what), "none in this folder"
            )
        paths += found
    if not paths:
        return None
    tables = [read_table(p) for p in paths]
    header = tuple(dict.fromkeys(h for t in tables for h in t.header))
    rows = [(line, row) for t in tables for line, row in t.rows]
    row_files = tuple(t.file for t in tables for _ in t.rows)
    return Table(tables[0].file if len(tables) == 1 else what, header, rows, row_files)


def _tie_class(alters: dict[str, np.ndarray]) -> np.ndarray | None:
    lower = {k.casefold(): k for k in alters}
    if "tie_class" in lower:
        values = alters[lower["tie_class"]]
        return np.array([str(v).casefold() if v is not None else "" for v in values], dtype=object)
    for name, strong, medium in (("closeness", 4.0, 3.0), ("strength", 0.6, 0.35)):
        if name in lower and alters[lower[name]].dtype == float:
            x = alters[lower[name]]
            return np.where(
                np.isnan(x),
                "",
                np.where(x >= strong, "strong", np.where(x >= medium, "medium", "weak")),
            ).astype(object)
    return None


def read_long(*folders: Path) -> Study:
    """One or more folders in the long format (see the module docstring), read as one cohort:
    several anonymous exports, or the sessions of a survey, side by side. Ego ids must be
    unique across them."""
    egos = _one_table(folders, ("egos.csv", "ego.csv"), ("*_ego.csv",), "egos")
    alters = _one_table(folders, ("alters.csv",), ("*attributeList_*.csv",), "alters")
    ties = _one_table(
        folders, ("alter_ties.csv", "aaties.csv"), ("*edgeList_*.csv",), "alter ties", False
    )
    assert egos is not None and alters is not None

    ego_column = egos.column(EGO_ID, Phrase("ego id"))
    ego_ids: list[str] = []
    number: dict[str, int] = {}
    for k, (line, row) in enumerate(egos.rows):
        ego = row.get(ego_column, "")
        if not ego or ego in number:
            found = Phrase("an empty cell") if not ego else Phrase("{ego!r} again", ego=ego)
            raise ImportFormatError(
                egos.file_of(k), "a unique ego id", found, line=line, field=ego_column
            )
        number[ego] = len(ego_ids)
        ego_ids.append(ego)

    alter_ego_column = alters.column(EGO_ID, Phrase("ego id"))
    alter_column = alters.column(ALTER_ID, Phrase("alter id"))
    alter_egos, alter_ids, alter_number = [], [], {}
    for k, (line, row) in enumerate(alters.rows):
        ego = row.get(alter_ego_column, "")
        if ego not in number:
            raise ImportFormatError(
                alters.file_of(k),
                "the id of an ego in the egos file",
                repr(ego),
                line=line,
                field=alter_ego_column,
            )
        alter = row.get(alter_column, "")
        if not alter or (ego, alter) in alter_number:
            found = (
                Phrase("an empty cell")
                if not alter
                else Phrase("{alter!r} again for ego {ego!r}", alter=alter, ego=ego)
            )
            raise ImportFormatError(
                alters.file_of(k),
                "a unique alter id per ego",
                found,
                line=line,
                field=alter_column,
            )
        alter_number[(ego, alter)] = len(alter_ids)
        alter_egos.append(number[ego])
        alter_ids.append(f"{ego}/{alter}")
    counts = np.bincount(np.asarray(alter_egos, dtype=np.int64), minlength=len(ego_ids))
    if (counts == 0).any():
        lonely = int(np.flatnonzero(counts == 0)[0])  # ego numbers follow the rows of egos
        line = egos.rows[lonely][0]
        raise ImportFormatError(
            egos.file_of(lonely),
            "alters for every ego",
            Phrase("none for ego {ego!r}", ego=ego_ids[lonely]),
            line=line,
            field=ego_column,
        )

    pairs = []
    if ties is not None:
        tie_ego = ties.column(EGO_ID, Phrase("ego id"))
        source = ties.column(SOURCE, Phrase("source alter"))
        target = ties.column(TARGET, Phrase("target alter"))
        for k, (line, row) in enumerate(ties.rows):
            ego = row.get(tie_ego, "")
            ends = []
            for column in (source, target):
                key = (ego, row.get(column, ""))
                if key not in alter_number:
                    raise ImportFormatError(
                        ties.file_of(k),
                        Phrase("an alter of ego {ego!r}", ego=ego),
                        repr(key[1]),
                        line=line,
                        field=column,
                    )
                ends.append(alter_number[key])
            pairs.append((ends[0], ends[1]))

    skip = {alter_ego_column, alter_column}
    alter_variables = _variables(alters, skip)
    ego_variables = _variables(egos, {ego_column})
    categorical = {k: v for k, v in alter_variables.items() if v.dtype == object}
    categorical.pop(next((k for k in categorical if k.casefold() == "tie_class"), ""), None)
    numeric = {k: v for k, v in alter_variables.items() if v.dtype == float}
    networks = build(
        ego_ids,
        alter_egos,
        alter_ids,
        np.asarray(pairs, dtype=np.int64).reshape(-1, 2),
        ego_attributes={
            k: list(ego_variables[k])
            for k in categorical
            if k in ego_variables and ego_variables[k].dtype == object
        },
        alter_attributes={k: list(v) for k, v in categorical.items()},
        numeric=numeric,
        tie_class=_tie_class(alter_variables),
    )
    sources = sorted({*egos.row_files, *alters.row_files, *(ties.row_files if ties else ())})
    for folder in folders:
        for name, values in _instrument_scores(folder, tuple(ego_ids), sources).items():
            known = variables_of(ego_variables, name, len(ego_ids))
            ego_variables[name] = np.where(np.isnan(known), values, known)
    return Study(tuple(ego_ids), ego_variables, networks, tuple(sources))


def variables_of(variables: dict[str, np.ndarray], name: str, egos: int) -> np.ndarray:
    """The numeric column ``name``, or all missing when there is none yet."""
    return variables[name] if name in variables else np.full(egos, np.nan)


def _instrument_scores(
    folder: Path, ego_ids: tuple[str, ...], sources: list[str]
) -> dict[str, np.ndarray]:
    """Scores of a position generator and a resource generator answered in ``folder``."""
    scores: dict[str, np.ndarray] = {}
    positions = folder / "position_generator.csv"
    if positions.is_file():
        scores.update(position_scores(positions, ego_ids, prestige_of(folder)))
        sources.append(str(positions))
    resources = folder / "resource_generator.csv"
    if resources.is_file():
        scores.update(resource_scores(resources, ego_ids))
        sources.append(str(resources))
    return scores


def read_wide(path: Path) -> Study:
    """One row per ego (see the module docstring)."""
    table = read_table(path)
    column = table.column(EGO_ID, Phrase("ego id"))
    seen: set[str] = set()
    for line, row in table.rows:
        ego = row.get(column, "")
        if not ego or ego in seen:
            found = Phrase("an empty cell") if not ego else Phrase("{ego!r} again", ego=ego)
            raise ImportFormatError(table.file, "a unique ego id", found, line=line, field=column)
        seen.add(ego)
    ids = tuple(row[column] for _, row in table.rows)
    return Study(ids, _variables(table, {column}), None, (table.file,))


def read_study(*paths: Path) -> Study:
    """Folders in the long format (read as one cohort), or one wide CSV file."""
    for path in paths:
        if not path.exists():
            raise ImportFormatError(
                path, "a folder (long format) or a CSV file (wide)", "nothing here"
            )
    if all(p.is_dir() for p in paths):
        return read_long(*paths)
    if len(paths) == 1:
        return read_wide(paths[0])
    raise ImportFormatError(
        paths[0], "folders in the long format, or a single wide CSV file", "a mix of both"
    )
