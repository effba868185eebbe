"""The store: the only part of tiewise that speaks SQL (SQLAlchemy 2.x, Alembic migrations)."""

from __future__ import annotations

import os

from sqlalchemy import Connection, Engine

from tiewise.store.database import open_engine


class Store:
    """An open tiewise database. ``begin()`` gives a connection inside one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, target: str | os.PathLike[str]) -> Store:
        """Open (creating or upgrading as needed) the database at a path or SQLAlchemy URL."""
        return cls(open_engine(target))

    def begin(self):  # type: ignore[no-untyped-def]
        """A connection in a transaction: committed on success, rolled back on any error."""
        return self.engine.begin()

    def connect(self) -> Connection:
        return self.engine.connect()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


__all__ = ["Store"]
