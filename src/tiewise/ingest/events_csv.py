"""Read a CSV of events (one occurrence per row) for ``tiewise events add --csv``.

Columns (header names without case; ``,`` or ``;`` as separator; UTF-8 with or without BOM):
``name`` and ``starts_at`` are required; ``ends_at``, ``location``, ``organiser`` (or
``organizer``) and ``category`` are optional. Times are ISO 8601: ``2026-12-03``,
``2026-12-03 17:00`` or ``2026-12-03T17:00``; a date alone means the start of that day.

Pure: bytes in, :class:`~tiewise.ingest.records.OccurrenceRecord` s out, keyed
``event:<name>:<start>`` like occurrences added by hand. Any problem raises
:class:`~tiewise.errors.ImportFormatError` naming the file, line (physical, 1-based; the header is
line 1), field, expected and found, so that nothing is written: the file is a list the user
wrote, to be fixed and given again. Problems include a field over
:data:`~tiewise.ingest.limits.MAX_FIELD_CHARS` (found: its size; rows are split by
``ingest/csv_records.py``, which measures such a field without holding it) and a control
character in a value (``tiewise.hygiene``: found is the value escaped, the character as
``U+0000`` and where it is).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tiewise.errors import ImportFormatError, Phrase
from tiewise.hygiene import EXPECTED, control_at, found_text
from tiewise.ingest.csv_records import Record, records
from tiewise.ingest.limits import too_long_error
from tiewise.ingest.records import OccurrenceRecord

REQUIRED = ("name", "starts_at")
OPTIONAL = ("ends_at", "location", "organiser", "category")
ALIASES = {"organizer": "organiser", "start": "starts_at", "end": "ends_at"}
_FIRST_LINE = re.compile(r"[^\r\n]*")


def occurrence_key(name: str, starts_at: datetime) -> str:
    """The stable key of an occurrence entered by hand or from a CSV of events: the same event
    by either route is the same occurrence."""
    return f"event:{name.casefold()}:{starts_at.isoformat(timespec='minutes')}"


def parse_time(value: str) -> datetime:
    """An ISO 8601 date or date-time, naive; one with a zone offset is converted to UTC first."""
    moment = datetime.fromisoformat(value.strip().replace(" ", "T", 1))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def parse_events_csv(data: bytes, file: str) -> list[OccurrenceRecord]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            file,
            "UTF-8 text",
            Phrase(
                "byte {byte:#04x} at offset {offset}", byte=data[error.start], offset=error.start
            ),
        ) from error
    first = _FIRST_LINE.match(content)[0]  # type: ignore[index]
    if not first.strip():
        raise ImportFormatError(file, "a header row with name and starts_at", "nothing", line=1)
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = records(content, delimiter)
    header = [
        ALIASES.get(h.strip().casefold(), h.strip().casefold()) for h in _cells(next(reader), file)
    ]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFormatError(
            file,
            Phrase("columns {columns}", columns=", ".join(REQUIRED)),
            Phrase(
                "no {columns} in the header {header}", columns=", ".join(missing), header=header
            ),
            line=1,
            field=missing[0],
        )
    rows = []
    for record in reader:
        line = record.line  # a record spanning lines is named by its first line
        cells = _cells(record, file, header)
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise ImportFormatError(
                file,
                Phrase("{count} fields", count=len(header)),
                Phrase("{count} fields", count=len(cells)),
                line=line,
            )
        values = dict(zip(header, (c.strip() for c in cells), strict=False))
        _check_text(values, file, line)
        name = values.get("name", "")
        if not name:
            raise ImportFormatError(file, "an event name", "an empty cell", line=line, field="name")
        times = {}
        for column in ("starts_at", "ends_at"):
            found = values.get(column, "")
            if not found:
                if column == "starts_at":
                    raise ImportFormatError(
                        file, "a date or date-time", "an empty cell", line=line, field=column
                    )
                times[column] = None
                continue
            try:
                times[column] = parse_time(found)
            except ValueError as error:
                raise ImportFormatError(
                    file,
                    "an ISO date or date-time such as 2026-12-03 17:00",
                    repr(found),
                    line=line,
                    field=column,
                ) from error
        if times["ends_at"] is not None and times["ends_at"] < times["starts_at"]:
            raise ImportFormatError(
                file,
                "an end after the start",
                Phrase(
                    "{end} before {start}", end=str(times["ends_at"]), start=str(times["starts_at"])
                ),
                line=line,
                field="ends_at",
            )
        rows.append(
            OccurrenceRecord(
                key=occurrence_key(name, times["starts_at"]),
                name=name,
                starts_at=times["starts_at"],
                line=line,
                ends_at=times["ends_at"],
                **{column: values.get(column) or None for column in OPTIONAL[1:]},
            )
        )
    return rows


def _cells(record: Record, file: str, header: list[str] | None = None) -> list[str]:
    """The cells of a record; a field over the limit refuses the file (its column named by the
    header when there is one)."""
    if record.too_long is None:
        return record.cells
    column, size = record.too_long
    named = header is not None and column < len(header)
    field = header[column] if named else Phrase("column {n}", n=column + 1)  # type: ignore[index]
    raise too_long_error(file, record.line, field, size)


def _check_text(values: dict[str, str], file: str, line: int) -> None:
    """Refuse a value with a control character other than tab and line ends, as the other
    importers leave them out (``tiewise.hygiene``): it would be stored and shown."""
    for column, value in values.items():
        at = control_at(value, multiline=True)
        if at is not None:
            raise ImportFormatError(file, EXPECTED, found_text(value, at), line=line, field=column)
