"""Adding, listing and removing sources, and the reader of each kind.

``add`` checks the source before anything is written (a path that does not exist, a file that
is no mbox, a folder that is no Maildir: a :class:`~tiewise.sources.errors.SourceError` naming
the source and what was expected); ``remove`` takes back what a source brought
(``store.sources.remove_source``) — with ``dry_run`` in a transaction rolled back, so what it
reports is exactly what removing would do.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from tiewise.sources.base import Source
from tiewise.sources.errors import SourceError
from tiewise.sources.maildir import MaildirSource
from tiewise.sources.mbox import MboxSource
from tiewise.store import Store
from tiewise.store import sources as db

#: Where a source's secret lives when it needs none (files on this machine).
NO_SECRET = "none"
#: The longest source name (``source.name``).
MAX_NAME = 100
_READERS: dict[str, type] = {"mbox": MboxSource, "maildir": MaildirSource}


def reader(source: db.SourceRow) -> Source:
    """The reader of a stored source."""
    if source.kind == "imap":
        from tiewise.sources.imap import ImapSource

        return ImapSource(source.name, source.settings, source.secret)
    kind = _READERS.get(source.kind)
    if kind is None:  # imap, carddav, caldav: stored kinds whose readers come next
        raise SourceError(
            source.name, "sources.expected.readable_kind", "sources.found.kind", kind=source.kind
        )
    return kind(source.name, Path(source.settings["path"]))


def default_name(path: Path) -> str:
    """A name for a source from its path: the file or folder name without ``.mbox``."""
    name = path.name or str(path)
    return re.sub(r"\.mbox$", "", name, flags=re.IGNORECASE) or name


def find(store: Store, name: str) -> db.SourceRow:
    """The source called ``name``, or a SourceError listing the sources there are."""
    with store.connect() as connection:
        found = db.load_source(connection, name)
        if found is None:
            names = [s.name for s in db.load_sources(connection)]
    if found is None:
        if names:
            raise SourceError(
                name, "sources.expected.known", "sources.found.unknown", names=", ".join(names)
            )
        raise SourceError(name, "sources.expected.known", "sources.found.none_yet")
    return found


def add(store: Store, kind: str, path: Path, name: str | None, now: datetime) -> db.SourceRow:
    """Add a source of ``kind`` (``mbox`` or ``maildir``) reading ``path``; nothing is read
    yet (``tiewise sync`` does)."""
    from tiewise.hygiene import check_text

    absolute = Path(os.path.abspath(path.expanduser()))
    chosen = (name if name is not None else default_name(absolute)).strip()
    check_text(chosen, "--name")
    if not chosen or len(chosen) > MAX_NAME:
        raise SourceError(
            chosen or str(path), "sources.expected.name", "sources.found.name", limit=MAX_NAME
        )
    source = _READERS[kind](chosen, absolute)
    source.check()
    settings = {"path": str(absolute)}
    with store.begin() as connection:
        for known in db.load_sources(connection):
            if known.name == chosen:
                raise SourceError(chosen, "sources.expected.new_name", "sources.found.taken")
            if known.settings == settings and known.kind == kind:
                raise SourceError(
                    chosen,
                    "sources.expected.new_path",
                    "sources.found.read_by",
                    other=known.name,
                    path=str(absolute),
                )
        db.add_source(connection, chosen, kind, settings, NO_SECRET, now)
        return db.load_source(connection, chosen)  # type: ignore[return-value]


def list_sources(store: Store) -> list[db.SourceRow]:
    with store.connect() as connection:
        return db.load_sources(connection)


def remove(store: Store, name: str, dry_run: bool = False) -> db.Removal:
    """Remove the source ``name`` with what it brought; ``dry_run``: only say what would go."""
    source = find(store, name)
    with store.writer() as connection:
        transaction = connection.begin()
        try:
            removal = db.remove_source(connection, source)
        except BaseException:
            transaction.rollback()
            raise
        if dry_run:
            transaction.rollback()
            removal.dry_run = True
            return removal
        from tiewise.store import search

        search.refresh(connection)  # the documents of the contacts that went
        transaction.commit()
    from tiewise.sources import secrets

    secrets.forget(source.name, source.secret)  # a password in the keyring goes with it
    return removal
