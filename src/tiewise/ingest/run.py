"""One import, end to end: read the files, parse them all, then write everything in one
transaction. A file that fails to parse stops the import before anything is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection

from tiewise.errors import ImportFormatError
from tiewise.ingest.contacts_csv import parse_contacts_csv
from tiewise.ingest.ics import parse_ics
from tiewise.ingest.linkedin import parse_linkedin
from tiewise.ingest.records import ParsedSource
from tiewise.ingest.vcard import parse_vcard
from tiewise.ingest.writer import ImportSummary, import_sources
from tiewise.model import Me, SeriesReview
from tiewise.store import Store
from tiewise.store import repository as repo

KINDS = ("linkedin", "vcard", "csv", "ics")
#: How far ahead calendar events are read, so upcoming networking events can be advised on.
CALENDAR_HORIZON = timedelta(days=120)


def read_bytes(path: Path) -> bytes:
    """The bytes of an input file, or an ImportFormatError that says why they cannot be read."""
    if not path.exists():
        raise ImportFormatError(path, "an existing file", "nothing at this path")
    if path.is_dir():
        raise ImportFormatError(path, "a file", "a directory")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFormatError(path, "a readable file", error.strerror or str(error)) from error


def digest_of(paths: Sequence[Path]) -> str:
    """SHA-256 over the files' bytes (a folder: its files in name order)."""
    sha = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            sha.update(read_bytes(file))
    return sha.hexdigest()


def parse_files(
    kind: str,
    paths: Sequence[Path],
    me: Me,
    now: datetime,
    *,
    keep_message_text: bool = False,
    csv_format: str | None = None,
    mapping: Mapping[str, str] | None = None,
    event_categories: Sequence[str] = (),
    confirmed_series: Sequence[str] = (),
    progress: Callable[[Path], None] = lambda _path: None,
) -> list[tuple[ParsedSource, str]]:
    """Parse every file (a LinkedIn export counts as one source); pure apart from reading."""
    if kind == "linkedin":
        for path in paths:
            progress(path)
        return [(parse_linkedin(paths, me, keep_message_text), digest_of(paths))]
    parsed = []
    for path in paths:
        progress(path)
        data = read_bytes(path)
        name = str(path)
        if kind == "vcard":
            source = parse_vcard(data, name)
        elif kind == "csv":
            source = parse_contacts_csv(data, name, csv_format, mapping)
        elif kind == "ics":
            source = parse_ics(
                data,
                name,
                me,
                now=now,
                horizon=now + CALENDAR_HORIZON,
                event_categories=event_categories,
                confirmed_series=confirmed_series,
            )
        else:
            raise ValueError(f"unknown import kind {kind!r}; expected one of {KINDS}")
        parsed.append((source, hashlib.sha256(data).hexdigest()))
    return parsed


def calendar_options(connection: Connection) -> dict[str, object]:
    """What a calendar import needs from the store: the series the user confirmed as events
    (entries by those names are events whatever the evidence)."""
    confirmed = [x.name for x in repo.load_series(connection) if x.review == SeriesReview.CONFIRMED]
    return {"confirmed_series": confirmed}


def run_import(
    store: Store,
    kind: str,
    paths: Sequence[Path],
    now: datetime,
    **options: object,
) -> ImportSummary:
    """Parse ``paths`` as ``kind`` and write them in one transaction; return the summary."""
    with store.connect() as connection:
        me = repo.load_me(connection)
        if kind == "ics":
            options = {**calendar_options(connection), **options}
    sources = parse_files(kind, paths, me, now, **options)  # type: ignore[arg-type]
    return import_sources(store, sources, now)
