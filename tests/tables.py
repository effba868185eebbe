"""Every row of every table, to check that an operation changed nothing (or exactly what)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tiewise.store import Store
from tiewise.store.schema import metadata


def table_rows(db: Path) -> dict[str, list[str]]:
    """Each table's rows as sorted strings, by table name."""
    with Store.open(db) as store, store.connect() as connection:
        return {
            name: sorted(map(str, connection.execute(select(table))))
            for name, table in metadata.tables.items()
        }
