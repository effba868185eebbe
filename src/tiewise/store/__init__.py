"""The store: the only part of tiewise that speaks SQL (SQLAlchemy 2.x, Alembic migrations)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

from tiewise.store import search
from tiewise.store.database import WRITE_OPTION, open_engine


class Store:
    """An open tiewise database. ``begin()`` gives a connection inside one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, target: str | os.PathLike[str]) -> Store:
        """Open (creating or upgrading as needed) the database at a path or SQLAlchemy URL."""
        return cls(open_engine(target))

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection in a write transaction: committed on success, rolled back on any error.

        The transaction takes the write lock at its start (SQLite ``BEGIN IMMEDIATE``; on a
        server, an advisory lock), so concurrent writers wait for each other — up to the busy
        timeout, then :class:`~tiewise.errors.StoreBusyError` — instead of failing when a read
        inside the transaction turns into a write (a deferred SQLite transaction that cannot
        upgrade its lock fails at once, whatever the timeout)."""
        with self.writer() as connection, connection.begin():
            yield connection
            search.refresh(connection)  # the search documents of what this transaction changed

    def writer(self) -> Connection:
        """A connection whose transactions are write transactions (see :meth:`begin`), for
        code that manages the transaction itself."""
        return self.engine.connect().execution_options(**{WRITE_OPTION: True})

    def connect(self) -> Connection:
        """A connection for reading (its transactions take no write lock)."""
        return self.engine.connect()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


__all__ = ["Store"]
