"""A database that cannot be written: read-only, or full.

- **Read-only** (a file without write permission, a folder where SQLite cannot make its
  write-ahead log, a read-only file system): the database is opened read-only
  (:func:`read_only_url`), so every command that only reads (``contacts``, ``analyze``,
  ``advise``, ``plan``, ``report`` …) works, and a write is one line — "expected a writable
  database, found a read-only file … nothing was written" — not a traceback.
- **Full** (no room on the disk, a quota, SQLite's ``max_page_count``): the write is rolled back
  and said in one line.

:func:`install` translates SQLite's errors into a :class:`~tiewise.errors.StoreError` for every
statement and commit of an engine (SQLAlchemy's ``handle_error`` event), so no caller has to.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, ExceptionContext

from tiewise.errors import Phrase, StoreError

WRITABLE = "a writable database"
ROOM = "room to write"


def read_only_reason(path: Path) -> str | None:
    """Why an existing SQLite file can only be read here, or None when it can be written."""
    if not path.is_file():
        return None
    if not os.access(path, os.W_OK):
        return "a read-only file"
    if not os.access(path.parent, os.W_OK):
        return "a file in a read-only folder"
    return None


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` for reading only. A database in WAL mode is read
    through its ``-shm`` and ``-wal`` files; in a folder where SQLite cannot make them it is
    opened ``immutable`` (nobody can write it there either)."""
    uri = f"{path.as_uri()}?mode=ro"
    logs = Path(f"{path}-shm").exists() and Path(f"{path}-wal").exists()
    if not os.access(path.parent, os.W_OK) and not logs:
        uri += "&immutable=1"
    return uri


def read_only_url(path: Path) -> URL:
    """The SQLAlchemy URL of :func:`read_only_uri`."""
    query = {"mode": "ro", "uri": "true"}
    if "immutable=1" in read_only_uri(path):
        query["immutable"] = "1"
    return URL.create("sqlite", database="file:" + quote(str(path)), query=query)


def translated(error: BaseException, where: str) -> StoreError | None:
    """The one-line error for a database that refused a write, or None for other errors."""
    name = getattr(error, "sqlite_errorname", "") or ""
    said = str(error)
    if name.startswith("SQLITE_READONLY") or "readonly database" in said:
        return StoreError(
            where,
            WRITABLE,
            Phrase(
                "a read-only database ({said}) — nothing was written; commands that only read "
                "still work. Check the permissions of the file and its folder",
                said=said,
            ),
        )
    if name == "SQLITE_FULL" or "database or disk is full" in said:
        return StoreError(
            where,
            ROOM,
            "a full disk (or the database's size limit) — nothing was written; free some "
            "space and try again",
        )
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(
            where,
            ROOM,
            Phrase("a full disk ({reason}) — nothing was written", reason=error.strerror),
        )
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return StoreError(where, WRITABLE, "a read-only file system — nothing was written")
    return None


def install(engine: Engine, where: str) -> None:
    """Raise :func:`translated` errors instead of SQLAlchemy's for every statement of
    ``engine`` (``where``: the database as the user named it)."""

    @event.listens_for(engine, "handle_error")
    def _handle(context: ExceptionContext) -> None:
        original = context.original_exception
        if isinstance(original, sqlite3.Error | OSError):
            error = translated(original, where)
            if error is not None:
                raise error from context.sqlalchemy_exception
