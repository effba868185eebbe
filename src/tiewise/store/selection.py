"""Which people a search and a tag pick — the selection shared by ``tiewise contacts``, its bulk
edit and the contacts page of the web app (the tie class and the cluster, which need the
analysis, are filtered by those callers)."""

from __future__ import annotations

from sqlalchemy import Connection

from tiewise.store import search as searching
from tiewise.store import tags as tagging


def selected(connection: Connection, search: str | None, tag: str | None) -> set[int] | None:
    """The people (surviving records) who match ``search`` (:func:`search.matching`) and have
    ``tag`` (any spelling); None — everyone — when neither is given (empty counts as not
    given). A search without a letter or digit matches no one."""
    chosen: set[int] | None = None
    if search is not None and search.strip():
        chosen = set(searching.matching(connection, search))
    if tag is not None and tag.strip():
        with_tag = tagging.tagged(connection, tag)
        chosen = with_tag if chosen is None else chosen & with_tag
    return chosen
