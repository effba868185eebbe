"""One import, end to end: read the files, parse them all, then write everything in one
transaction. A file that fails to parse stops the import before anything is written.
"""

from __future__ import annotations

import hashlib
import json
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


#: The calendar categories the user chose to mark networking events (a JSON list): every
#: calendar import after the one that named them reads them too, on the command line and the web.
EVENT_CATEGORIES_SETTING = "calendar.event_categories"


def remembered_categories(connection: Connection) -> list[str]:
    """The event categories the user chose in earlier imports (or set in Settings)."""
    return json.loads(repo.get_setting(connection, EVENT_CATEGORIES_SETTING) or "[]")


def event_categories(values: Sequence[str]) -> list[str]:
    """Categories as typed (repeated, or comma-separated on the web): trimmed, no blanks, each
    once in its first spelling (categories match case-insensitively; see ``ics.EventRule``)."""
    seen: dict[str, str] = {}
    for value in values:
        for category in value.split(","):
            if category.strip():
                seen.setdefault(category.strip().casefold(), category.strip())
    return list(seen.values())


def calendar_options(
    connection: Connection, chosen: Sequence[str] = (), replace: bool = False
) -> tuple[dict[str, object], dict[str, str]]:
    """What a calendar import needs from the store — the series the user confirmed as events
    (entries by those names are events whatever the evidence) and the event categories: those
    remembered and ``chosen`` now, or with ``replace`` (the web form shows the remembered ones
    to edit) ``chosen`` alone — and the settings the import writes with its records (the
    categories, when they changed)."""
    confirmed = [x.name for x in repo.load_series(connection) if x.review == SeriesReview.CONFIRMED]
    remembered = remembered_categories(connection)
    categories = event_categories([*([] if replace else remembered), *chosen])
    settings = {}
    if categories != remembered:
        settings[EVENT_CATEGORIES_SETTING] = json.dumps(categories, ensure_ascii=False)
    return {"confirmed_series": confirmed, "event_categories": categories}, settings


def run_import(
    store: Store,
    kind: str,
    paths: Sequence[Path],
    now: datetime,
    *,
    progress: Callable[[Path], None] = lambda _path: None,
    writing: Callable[[], None] = lambda: None,
    event_categories: Sequence[str] = (),
    replace_categories: bool = False,
    **options: object,
) -> ImportSummary:
    """Parse ``paths`` as ``kind`` and write them in one transaction; return the summary.
    ``progress`` is told each file as it is read, ``writing`` when the writing starts;
    ``event_categories`` are added to the remembered ones (``replace_categories``: replace
    them)."""
    settings: dict[str, str] = {}
    with store.connect() as connection:
        me = repo.load_me(connection)
        if kind == "ics":
            calendar, settings = calendar_options(connection, event_categories, replace_categories)
            options = {**calendar, **options}
    sources = parse_files(kind, paths, me, now, progress=progress, **options)  # type: ignore[arg-type]
    writing()
    return import_sources(store, sources, now, settings)
