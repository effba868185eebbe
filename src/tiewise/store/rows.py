"""Rows of a constant query read through the plain DBAPI cursor.

At tens of thousands of rows SQLAlchemy's per-row result objects cost more than the query, so
the loaders the Snapshot needs (contacts, ties, links, interactions, encounters) and the search
read this way.
"""

from __future__ import annotations

from sqlalchemy import Connection


def raw_rows(connection: Connection, sql: str) -> list[tuple]:
    """Every row of ``sql`` (a constant query: no parameters) as plain tuples."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()
