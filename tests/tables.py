"""Every row of every table, to check that an operation changed nothing (or exactly what); and
the schema as the migrations made it, to compare with ``schema.metadata``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, select, text

from tiewise.store import Store
from tiewise.store.schema import SEARCH_INDEX, is_search_index, metadata


def table_rows(db: Path) -> dict[str, list[str]]:
    """Each table's rows as sorted strings, by table name; the search index's documents too."""
    with Store.open(db) as store, store.connect() as connection:
        rows = {
            name: sorted(map(str, connection.execute(select(table))))
            for name, table in metadata.tables.items()
        }
        key = "rowid" if connection.dialect.name == "sqlite" else "contact_id"
        documents = connection.execute(text(f"SELECT {key}, body FROM {SEARCH_INDEX}"))
        rows[SEARCH_INDEX] = sorted(map(str, documents))
        return rows


def schema_differences(connection: Connection) -> list[Any]:
    """What differs between the migrated database and ``metadata`` (the search index, which is
    the migration's alone, left out)."""
    options = {"include_name": lambda name, _kind, _parent: not is_search_index(name)}
    return compare_metadata(MigrationContext.configure(connection, opts=options), metadata)


def schema_tables(connection: Connection) -> set[str]:
    """The migrated database's tables, the search index left out."""
    return {name for name in inspect(connection).get_table_names() if not is_search_index(name)}
