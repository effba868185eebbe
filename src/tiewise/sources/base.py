"""What every source is: a small interface the sync engine (``sources/sync.py``) drives.

A *source* is somewhere tiewise reads again and again — an mbox file or folder, a Maildir, and
next an IMAP account, a CardDAV address book, a CalDAV calendar — as opposed to an export
imported once (``ingest/``). Each kind implements :class:`Source`:

- ``check()`` says, before anything is written, whether the source is what it claims to be
  (a readable mbox, a Maildir with ``cur`` and ``new``), or raises
  :class:`~tiewise.sources.errors.SourceError`;
- ``read(state)`` yields :class:`Batch` es: what is new since ``state`` (a :class:`SyncState`),
  in pieces of at most ``batch_size`` messages, each with the state that holds once the batch
  is written. The engine writes each batch with its state in one transaction, so the state
  never runs ahead of the data: a sync that stops half way (an error, a server gone) keeps the
  batches written before, and the next sync goes on from there without reading a message twice.

The state is kept per *folder* (an mbox file, a Maildir folder; an IMAP mailbox; an address
book or calendar collection) as a small JSON object the source alone reads — an mbox's size,
modification time and the offset read up to; IMAP's ``UIDVALIDITY`` and last UID; a DAV
``sync-token`` — plus, where a folder has no order to resume from, the *items* already read (a
Maildir's unique names; a DAV resource's href with its ETag as ``version``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from tiewise.sources.headers import MailHeaders

#: The kinds of source; ``imap``, ``carddav`` and ``caldav`` are named in the store already and
#: come with their readers.
KINDS = ("mbox", "maildir", "imap", "carddav", "caldav")
#: How many messages one batch (one transaction) holds at most.
BATCH_SIZE = 2000


@dataclass
class SyncState:
    """What a source read before: ``folders`` maps each folder to its JSON state; ``items``
    gives the names of the items read in a folder (loaded when a source asks for them)."""

    folders: dict[str, dict[str, Any]] = field(default_factory=dict)
    items: Callable[[str], set[str]] = lambda _folder: set()


@dataclass
class Batch:
    """What a source read in one step, and the state once it is written: ``folders`` are the
    states to save (only those that changed), ``items`` the ``(folder, name, version)`` read.
    ``done`` and ``total`` measure the progress of the whole read in the source's unit (bytes
    of an mbox, files of a Maildir); ``unit`` names it."""

    messages: list[MailHeaders] = field(default_factory=list)
    folders: dict[str, dict[str, Any]] = field(default_factory=dict)
    items: list[tuple[str, str, str | None]] = field(default_factory=list)
    done: int = 0
    total: int = 0
    unit: str = "messages"


class Source(Protocol):
    """One source kind's reader (see the module docstring)."""

    kind: ClassVar[str]
    name: str

    def check(self) -> None:
        """Raise :class:`~tiewise.sources.errors.SourceError` unless the source can be read."""

    def folders(self) -> list[str]:
        """The folders the source reads, by the names its state uses."""

    def read(self, state: SyncState, batch_size: int = BATCH_SIZE) -> Iterator[Batch]:
        """What is new since ``state``, batch by batch (see :class:`Batch`)."""
