"""Reading a study's CSV files: one table with each row's line and file, and the names the
common tools give the id columns (tiewise, egor, Network Canvas). Used by ``data.py`` (the
networks and ego variables) and ``instruments.py`` (the survey answers).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from tiewise.errors import ImportFormatError, Phrase

EGO_ID = ("ego_id", "egoid", ".egoid", "networkcanvasegouuid")
ALTER_ID = ("alter_id", "alterid", ".altid", "networkcanvasuuid")
SOURCE = ("source", ".srcid", "networkcanvassourceuuid")
TARGET = ("target", ".tgtid", "networkcanvastargetuuid")
IGNORED = frozenset(
    {
        "name",
        "nodeid",
        "edgeid",
        "from",
        "to",
        "networkcanvascaseid",
        "networkcanvassessionid",
        "networkcanvasprotocolname",
        "networkcanvastype",
        "sessionstart",
        "sessionfinish",
        "sessionexported",
        "app_version",
        "commit_hash",
    }
)


@dataclass(frozen=True)
class Table:
    """Rows of one CSV file, or of several read together: the header and the cells, with each
    row's physical line and the file it is in."""

    file: str
    header: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]
    row_files: tuple[str, ...] = ()

    def file_of(self, index: int) -> str:
        """The file row ``index`` comes from."""
        return self.row_files[index] if self.row_files else self.file

    def column(self, names: tuple[str, ...], role: str) -> str:
        for name in self.header:
            if name.casefold() in names:
                return name
        raise ImportFormatError(
            self.file,
            Phrase("a {role} column ({names})", role=role, names=", ".join(names)),
            Phrase("the columns {columns}", columns=", ".join(self.header))
            if self.header
            else "no columns",
            line=1,
            field=names[0],
        )


def read_table(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFormatError(path, "a readable file", error.strerror or str(error)) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            path, "UTF-8 text", Phrase("byte {byte:#04x}", byte=data[error.start])
        ) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = tuple(h.strip() for h in next(reader, []))
    if not header:
        raise ImportFormatError(path, "a header row", "an empty file", line=1)
    rows = []
    while True:
        line = reader.line_num + 1
        cells = next(reader, None)
        if cells is None:
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise ImportFormatError(
                path, Phrase("{count} fields", count=len(header)), f"{len(cells)}", line=line
            )
        rows.append((line, dict(zip(header, (c.strip() for c in cells), strict=False))))
    return Table(str(path), header, rows)
