"""A Maildir, read header by header: the folder itself (``cur``, ``new``, ``tmp``) and its
Maildir++ subfolders (``.Sent``, ``.Archive`` …, each a Maildir of its own), as Dovecot,
Courier, offlineimap, mbsync and getmail keep them.

**Messages.** Every file in ``new`` and ``cur`` is one message (``tmp`` holds messages still
being delivered and is never read). Each file is read up to the first blank line, in 16 KiB
pieces, and only that header block is parsed (``headers.parse_header_block``); the body is
never read. A message's *unique name* is its file name without the ``:2,`` flags, which a
mail program changes (and moves the file from ``new`` to ``cur``) as the message is read,
answered or flagged. A unique name starting with a Unix time (``1700000000.M1P2.host``, as
the Maildir specification suggests) stands in for a missing or malformed ``Date``.

**Incremental.** The state is the set of unique names read, per folder: a sync lists ``new``
and ``cur`` and reads the files whose unique name it has not read before. A message that
disappears between the listing and the reading (moved by a mail program) is read next time.

**Folders left out:** Maildir++ folders named like drafts, templates or spam (``.Drafts``,
``.Templates``, ``.Junk``, ``.Spam``), and mail not yet sent (``.Outbox``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from tiewise.sources.base import BATCH_SIZE, Batch, SyncState
from tiewise.sources.errors import SourceError
from tiewise.sources.headers import MailHeaders, parse_header_block
from tiewise.sources.mbox import LEFT_OUT_FOLDERS, MAX_HEADER

PIECE = 16 * 1024
ROOT = "."  # the folder name of the Maildir itself
_FLAGS = re.compile(r"[:;!]2,.*$")
_DELIVERED = re.compile(r"^(\d{9,10})\.")


def unique_name(file_name: str) -> str:
    """A message file's unique name: without the flags after ``:2,`` (or ``;2,``, ``!2,`` where
    a colon cannot be in a file name)."""
    return _FLAGS.sub("", file_name)


def delivered_at(name: str) -> datetime | None:
    """The delivery time a unique name starts with, as naive UTC (``None``: it has none)."""
    found = _DELIVERED.match(name)
    if found is None:
        return None
    return datetime.fromtimestamp(int(found.group(1)), UTC).replace(tzinfo=None)


def header_block(path: Path) -> bytes:
    """The bytes of a message file up to its first blank line (at most 1 MiB)."""
    block = b""
    with path.open("rb") as handle:
        while len(block) < MAX_HEADER:
            piece = handle.read(PIECE)
            if not piece:
                break
            start = max(0, len(block) - 2)
            block += piece
            for blank in (b"\n\n", b"\n\r\n"):
                found = block.find(blank, start)
                if found >= 0:
                    return block[: found + 1]
            if block.startswith((b"\n", b"\r\n")):
                return b""
    return block


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


class MaildirSource:
    """A Maildir and its Maildir++ subfolders (see the module docstring)."""

    kind: ClassVar[str] = "maildir"

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path

    def check(self) -> None:
        where = str(self.path)
        if not self.path.exists():
            raise SourceError(
                self.name, "sources.expected.maildir", "sources.found.nothing", path=where
            )
        if not self.path.is_dir():
            raise SourceError(
                self.name, "sources.expected.maildir", "sources.found.a_file", path=where
            )
        if not is_maildir(self.path):
            raise SourceError(
                self.name, "sources.expected.maildir", "sources.found.not_maildir", path=where
            )

    def _folders(self) -> dict[str, Path]:
        found = {ROOT: self.path}
        for entry in sorted(os.scandir(self.path), key=lambda e: e.name):
            name = entry.name
            if (
                name.startswith(".")
                and name not in (".", "..")
                and entry.is_dir()
                and name[1:].lower() not in LEFT_OUT_FOLDERS
                and is_maildir(Path(entry.path))
            ):
                found[name] = Path(entry.path)
        return found

    def folders(self) -> list[str]:
        return list(self._folders())

    def read(self, state: SyncState, batch_size: int = BATCH_SIZE) -> Iterator[Batch]:
        self.check()
        unread: list[tuple[str, str, Path]] = []
        for folder, path in self._folders().items():
            known = state.items(folder)
            files: dict[str, Path] = {}
            for part in ("new", "cur"):
                try:
                    entries = list(os.scandir(path / part))
                except OSError as error:
                    raise SourceError(
                        self.name,
                        "sources.expected.maildir",
                        "sources.found.unreadable",
                        path=str(path / part),
                    ) from error
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    name = unique_name(entry.name)
                    if name not in known:
                        files.setdefault(name, Path(entry.path))
            unread += [(folder, name, files[name]) for name in sorted(files)]
        total = len(unread)
        for start in range(0, max(total, 1), batch_size):
            messages: list[MailHeaders] = []
            items: list[tuple[str, str, str | None]] = []
            for folder, name, path in unread[start : start + batch_size]:
                try:
                    block = header_block(path)
                except FileNotFoundError:
                    continue  # moved by a mail program while we read: next time
                except OSError as error:
                    raise SourceError(
                        self.name,
                        "sources.expected.maildir",
                        "sources.found.unreadable",
                        path=str(path),
                    ) from error
                messages.append(parse_header_block(block, folder, received_at=delivered_at(name)))
                items.append((folder, name, None))
            yield Batch(
                messages=messages,
                items=items,
                done=min(start + batch_size, total),
                total=total,
                unit="files",
            )
