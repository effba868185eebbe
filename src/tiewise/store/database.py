"""Opening a tiewise database: checks first, then migrations, then an engine ready for work.

SQLite is the embedded default (one file; WAL journal, foreign keys on, a busy timeout, and real
transactions around DDL so a failed migration leaves nothing behind). Any other SQLAlchemy URL —
PostgreSQL in particular — goes through the same code.

Before anything is written, the target is inspected read-only: a file that is not SQLite, an SQLite
database of another application, or a tiewise database whose schema is newer than this code is
refused with a :class:`StoreError`, and the file stays byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from tiewise.errors import Phrase, StoreBusyError, StoreError
from tiewise.store.failures import install as install_failures
from tiewise.store.failures import read_only_reason, read_only_uri, read_only_url

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

#: Written into the SQLite header (``PRAGMA application_id``) by the first migration: "TWIS".
APPLICATION_ID = 0x54574953
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
#: The execution option that marks a connection as a writer (``Store.begin``, ``Store.writer``).
WRITE_OPTION = "tiewise_write"
TRANSIENT_SQLITE_ERRORS = frozenset({"disk I/O error", "database is locked"})
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for a lock_timeout
MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(target: str | os.PathLike[str]) -> str:
    """A path becomes an SQLite URL; anything containing ``://`` is taken as an SQLAlchemy URL."""
    text = os.fspath(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _alembic_config(url: str) -> Config:
    from alembic.config import Config  # Alembic is imported only when a migration may run

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


SCHEMA_HEAD = "0008"
"""The newest migration's revision, so that opening an up-to-date database needs no Alembic
import (about 0.1 s); a test checks it against the migrations directory."""


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config("sqlite://"))


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the migrations directory has no head revision"
    return head


def _known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def _check_sqlite_file(path: Path) -> None:
    """Refuse, without writing, a file that is not an empty or tiewise SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise StoreError(path, "a database file", "a directory")
    # Read the header only when SQLite cannot: closing a file descriptor of a database drops
    # every POSIX lock this process holds on it, also those of open connections — another
    # process may then take the file for its own and delete the write-ahead log under them.
    if not _is_sqlite(path):
        with path.open("rb") as handle:
            header = handle.read(64)
        raise StoreError(path, "an SQLite database (header 'SQLite format 3')", _describe(header))
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            application_id, tables, revision = _read_identity(path)
            break
        except sqlite3.OperationalError as error:
            # another process may be writing, or closing the write-ahead log as we open it
            if time.monotonic() < deadline and str(error) in TRANSIENT_SQLITE_ERRORS:
                time.sleep(0.02)
                continue
            raise StoreError(path, "a readable SQLite database", str(error)) from error
        except sqlite3.DatabaseError as error:
            raise StoreError(path, "a readable SQLite database", str(error)) from error
    if not tables:
        return
    if application_id != APPLICATION_ID or "alembic_version" not in tables:
        raise StoreError(
            path,
            "a tiewise database",
            Phrase(
                "an SQLite database of another application (tables: {tables})",
                tables=", ".join(sorted(tables)[:5]),
            ),
        )
    _check_revision(path, revision)


def _is_sqlite(path: Path) -> bool:
    """Whether SQLite reads ``path`` as a database (its header says "SQLite format 3")."""
    probe = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        probe.execute("PRAGMA schema_version").fetchone()
        return True
    except sqlite3.DatabaseError as error:
        return "not a database" not in str(error)
    finally:
        probe.close()


def _read_identity(path: Path) -> tuple[int, set[str], str | None]:
    """The application id, the tables and the schema revision of an SQLite file, read through
    a read-only connection (so a file that is not ours stays as it was)."""
    reader = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        application_id = reader.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = reader.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return application_id, tables, revision
    finally:
        reader.close()


def _check_revision(where: object, revision: str | None) -> None:
    if revision is not None and revision != SCHEMA_HEAD and revision not in _known_revisions():
        raise StoreError(
            where,
            Phrase("schema revision {revision} or older", revision=head_revision()),
            Phrase(
                "revision {revision}, made by a newer tiewise — upgrade tiewise to open it",
                revision=revision,
            ),
        )


def _describe(header: bytes) -> str:
    if not header:
        return Phrase("an empty read")
    decoded = ""
    for cut in range(4):  # a multi-byte character may be cut off at the end of the sample
        try:
            decoded = header[: len(header) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    if decoded and all(ch.isprintable() or ch.isspace() for ch in decoded):
        return Phrase("text starting with {text!r}", text=" ".join(decoded.split())[:40])
    return Phrase("binary data starting with {bytes}", bytes=header[:8].hex(" "))


def _configure_sqlite(engine: Engine) -> None:
    """Pragmas per connection, and explicit BEGIN so that DDL is transactional too
    (the SQLAlchemy pysqlite recipe for Python < 3.12)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        if not connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN")
            return
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as error:
            if "locked" in str(error.orig) or "busy" in str(error.orig):
                raise StoreBusyError(engine.url.database, BUSY_TIMEOUT_MS / 1000) from error
            raise


def _configure_server(engine: Engine) -> None:
    """Write transactions on a server take one transaction-level advisory lock first, so that
    they run one after the other as on SQLite (a read-then-write never interleaves with another
    writer's); a wait longer than the busy timeout is a :class:`StoreBusyError`."""

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        if not connection.get_execution_options().get(WRITE_OPTION):
            return
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
        try:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({APPLICATION_ID})")
        except OperationalError as error:
            if getattr(error.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
                raise StoreBusyError(
                    engine.url.render_as_string(hide_password=True), BUSY_TIMEOUT_MS / 1000
                ) from error
            raise


def create_store_engine(url: str | URL, where: str | None = None) -> Engine:
    engine = create_engine(url, future=True)
    shown = engine.url.database if engine.dialect.name == "sqlite" else None
    install_failures(engine, where or shown or engine.url.render_as_string(hide_password=True))
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    elif engine.dialect.name == "postgresql":
        _configure_server(engine)
    return engine


def open_engine(target: str | os.PathLike[str]) -> Engine:
    """Check the target, migrate it to the newest schema, and return an engine.

    A new (missing or empty) database is created by running every migration; an older tiewise
    database is upgraded; anything else raises :class:`StoreError` before a byte is written.
    """
    url = database_url(target)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        _check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if read_only_reason(path):  # reads work, a write is one line (store/failures.py)
            engine = create_store_engine(read_only_url(path), str(path))
            migrate(engine)
            return engine
    engine = create_store_engine(url)
    if engine.dialect.name != "sqlite":
        _check_server_database(engine, url)
    migrate(engine)
    return engine


def _check_server_database(engine: Engine, url: str) -> None:
    tables = set(inspect(engine).get_table_names())
    if tables and "alembic_version" not in tables:
        raise StoreError(
            make_url(url).render_as_string(hide_password=True),
            "a tiewise database",
            "a database with other tables",
        )
    with engine.connect() as connection:
        _check_revision(url, _stored_revision(connection))


def _stored_revision(connection: Connection) -> str | None:
    """The schema revision recorded by Alembic (its ``alembic_version`` table), read with plain
    SQL so that opening an up-to-date database does not import Alembic."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return _stored_revision(connection)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` on ``engine`` in one transaction.

    On SQLite, foreign keys are switched off while migrating: a batch migration copies a table
    and drops the old one, and with foreign keys on, that drop would cascade-delete the rows
    that refer to it. Integrity is checked (``PRAGMA foreign_key_check``) before committing.
    """
    if revision == "head" and current_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command

    config = _alembic_config(engine.url.render_as_string(hide_password=False))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or it is ignored
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if revision == "head":  # the documents a migration marked stale (0007: all),
                    from tiewise.store import search  # or every search would fold them anew

                    search.refresh(connection)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreError(
                            engine.url,
                            "consistent references after migrating",
                            Phrase(
                                "{count} broken references, e.g. {first}",
                                count=len(broken),
                                first=broken[0],
                            ),
                        )
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")
