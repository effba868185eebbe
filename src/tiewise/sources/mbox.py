"""mbox files, read header by header: one file (Google Takeout's ``.mbox``, any mbox) or a
folder of them (a Thunderbird profile's ``Mail/Local Folders`` or ``ImapMail/<server>``:
``Inbox``, ``Sent`` … without an extension, with ``.msf`` index files beside them and
subfolders in ``<name>.sbd``).

**Messages.** A message starts at a ``From `` line at the start of the file or after a blank
line (mboxo, mboxrd and mboxcl all write one), or at any ``From `` line that reads like one
(``From sender Thu Jan  2 10:00:00 2020``, Thunderbird's ``From - …``, Takeout's ``From
1234@xxx Thu Jan 02 10:00:00 +0000 2020``). Its header block runs to the first blank line;
only that block is parsed (``headers.parse_header_block``). The body is skipped with
``bytes.find`` over 1 MiB chunks of the file, never parsed and never kept. The ``From_``
line's date stands in for a missing or malformed ``Date``. CRLF and LF line ends both read.

**Incremental.** The state of each file is its size, modification time, the offset read up
to (the end of the last message read), the line there, and SHA-256 digests of the file's first
4 KiB and of the 4 KiB before that offset. A file of the same size and time is not opened. A
file that grew with its start and the bytes before the offset unchanged was appended to: only
the new part is read. Anything else (compacted, rewritten, shortened) is read again from the
start, and the messages read before are known by their Message-ID digests and not counted
again.

**Folders left out** in a folder source: files whose name says drafts, templates, spam or mail
not yet sent (``Drafts``, ``Templates``, ``Junk``, ``Spam``, ``Unsent Messages``,
``Outbox``), hidden files, and every file that is not an mbox (``.msf``, ``.dat``, ``.json``
…: a file is read when it starts with ``From `` or is empty and has no extension or ``.mbox``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, NamedTuple

from tiewise.sources.base import BATCH_SIZE, Batch, SyncState
from tiewise.sources.errors import SourceError
from tiewise.sources.headers import MailHeaders, parse_header_block

CHUNK = 1 << 20
#: The longest header block read; a block without a blank line within it ends here.
MAX_HEADER = 1 << 20
#: Bytes of the file's start, and before the offset read up to, whose digests tell an append
#: from a rewrite.
PROBE = 4096
#: Folder names (compared without case) whose mail is no correspondence: drafts, templates,
#: spam, and mail not yet sent.
LEFT_OUT_FOLDERS = frozenset(
    {"drafts", "draft", "templates", "junk", "spam", "unsent messages", "outbox"}
)
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_FROM_DATE = re.compile(
    rb"^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    rb"Nov|Dec) +(\d{1,2}) +(\d{1,2}):(\d\d)(?::(\d\d))? +(?:([+-]\d{4}) +)?(\d{4})\s*$"
)


def from_line_date(line: bytes) -> datetime | None:
    """The date of an mbox ``From_`` line as naive UTC (asctime's zone is UTC unless the line
    gives an offset), ``None`` when it has none that reads."""
    found = _FROM_DATE.match(line.rstrip(b"\r\n"))
    if found is None:
        return None
    month, day, hour, minute, second, offset, year = found.groups()
    zone = UTC
    if offset:
        sign = -1 if offset[:1] == b"-" else 1
        zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))
    try:
        moment = datetime(
            int(year),
            _MONTHS.index(month.decode()) + 1,
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            tzinfo=zone,
        )
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None)


def _is_separator(buffer: bytes, newline: int) -> bool:
    """Whether the ``From `` line after the line feed at ``newline`` starts a message: the line
    before it is blank, or it reads like a ``From_`` line."""
    if buffer[newline - 1 : newline] == b"\n" or buffer[newline - 2 : newline] == b"\n\r":
        return True
    end = buffer.find(b"\n", newline + 1)
    return _FROM_DATE.match(buffer[newline + 1 : end if end >= 0 else None].rstrip()) is not None


def _blank_line(buffer: bytes, start: int) -> int:
    """The line feed that ends the last line before the first blank line after ``start``
    (``-1``: none in ``buffer``). The line end of the ``From_`` line is looked for first, so
    that a file with CRLF is not searched for LF blank lines to its end, nor the other way."""
    crlf = buffer[start - 1 : start] == b"\r"
    first, other = (b"\n\r\n", b"\n\n") if crlf else (b"\n\n", b"\n\r\n")
    found = buffer.find(first, start)
    found_other = buffer.find(other, start, found if found >= 0 else len(buffer))
    return found_other if found_other >= 0 else found


class _Message:
    __slots__ = ("from_line", "header", "line", "start")

    def __init__(self, start: int, line: int, from_line: bytes, header: bytes) -> None:
        self.start, self.line, self.from_line, self.header = start, line, from_line, header


def scan(handle: BinaryIO, start: int, end: int, line: int) -> Iterator[tuple[_Message, int, int]]:
    """The messages of an mbox between offsets ``start`` (where a message starts, or blank
    lines before one) and ``end``, each with the offset where it ends and the line number
    there; ``line`` is the line number at ``start``. Only header blocks are copied out."""
    handle.seek(start)
    buffer = handle.read(min(CHUNK, end - start))
    base = start  # the file offset of buffer[0]
    read_to = start + len(buffer)
    counted = 0  # the line feeds of buffer[:counted] are counted in ``line``

    def more() -> bool:
        nonlocal buffer, read_to
        if read_to >= end:
            return False
        chunk = handle.read(min(CHUNK, end - read_to))
        if not chunk:
            return False
        buffer += chunk
        read_to += len(chunk)
        return True

    def count_to(upto: int) -> int:
        """The line number at buffer[upto]."""
        nonlocal counted, line
        line += buffer.count(b"\n", counted, upto)
        counted = upto
        return line

    def next_separator(search: int) -> int:
        """The index of the line feed before the next From_ line that starts a message, at or
        after ``search`` (-1: none before ``end``); reads on, forgetting what lies before."""
        nonlocal buffer, base, counted
        while True:
            candidate = buffer.find(b"\nFrom ", search)
            if candidate >= 0 and buffer.find(b"\n", candidate + 1) < 0 and more():
                continue  # its line is not all read yet
            if candidate >= 0 and _is_separator(buffer, candidate):
                return candidate
            if candidate >= 0:
                search = candidate + 1
                continue
            keep = max(len(buffer) - 8, search, 0)  # a separator may straddle two chunks
            count_to(keep)
            buffer = buffer[keep:]
            base += keep
            counted = 0
            search = 0
            if not more():
                return -1

    first = 0  # the first message: after any blank lines at ``start``
    while buffer[first : first + 1] in (b"\n", b"\r"):
        first += 1
    if not buffer[first:].startswith(b"From "):
        # the rest of a message that was still being written when the file was last read
        # (or no mbox at all): the first message starts at the next separator
        found = next_separator(first)
        if found < 0:
            return
        first = found + 1
    position = first
    pending: _Message | None = None
    while True:
        # ``position`` is the start of a From_ line in buffer: its header block
        while True:
            line_end = buffer.find(b"\n", position)
            blank = _blank_line(buffer, line_end) if line_end >= 0 else -1
            if blank >= 0 or len(buffer) - position > MAX_HEADER or not more():
                break
        if line_end < 0:
            line_end = len(buffer)
        header_end = min(blank + 1 if blank >= 0 else len(buffer), line_end + 1 + MAX_HEADER)
        following = buffer.find(b"\nFrom ", line_end, header_end)
        while following >= 0:  # a message of headers alone, the next one right after it
            if _is_separator(buffer, following):
                header_end = following + 1
                break
            following = buffer.find(b"\nFrom ", following + 1, header_end)
        message = _Message(
            base + position,
            count_to(position),
            buffer[position:line_end],
            buffer[line_end + 1 : header_end],
        )
        if pending is not None:
            yield pending, message.start, message.line
        pending = message
        candidate = next_separator(max(header_end - 1, line_end))
        if candidate < 0:
            yield pending, end, count_to(len(buffer))
            return
        position = candidate + 1


def _digest(handle: BinaryIO, start: int, length: int) -> str:
    handle.seek(start)
    return hashlib.sha256(handle.read(length)).hexdigest()


def _probes(handle: BinaryIO, offset: int) -> dict[str, str]:
    return {
        "head": _digest(handle, 0, min(PROBE, offset)),
        "tail": _digest(handle, max(0, offset - PROBE), min(PROBE, offset)),
    }


def is_mbox(path: Path) -> bool:
    """Whether a file reads as an mbox: it starts with ``From `` (after blank lines), or it is
    empty and named like one (no extension, or ``.mbox``)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(1024).lstrip(b"\r\n")
    except OSError:
        return False
    if not start:
        return path.suffix.lower() in ("", ".mbox")
    return start.startswith(b"From ")


def _left_out(name: str) -> bool:
    return name.lower() in LEFT_OUT_FOLDERS


class MboxSource:
    """An mbox file, or a folder of them (see the module docstring)."""

    kind: ClassVar[str] = "mbox"

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path

    def check(self) -> None:
        path = self.path
        if not path.exists():
            raise SourceError(
                self.name, "sources.expected.mbox", "sources.found.nothing", path=str(path)
            )
        if path.is_dir():
            if not self._files():
                raise SourceError(
                    self.name,
                    "sources.expected.mbox_folder",
                    "sources.found.no_mbox",
                    path=str(path),
                )
            return
        if not os.access(path, os.R_OK):
            raise SourceError(
                self.name, "sources.expected.mbox", "sources.found.unreadable", path=str(path)
            )
        if not is_mbox(path) and path.stat().st_size > 0:
            raise SourceError(
                self.name, "sources.expected.mbox", "sources.found.not_mbox", path=str(path)
            )

    def _files(self) -> dict[str, Path]:
        """The mbox files read, by their path relative to the source (the folder names)."""
        if not self.path.is_dir():
            return {self.path.name: self.path}
        found = {}
        for folder, directories, files in os.walk(self.path):
            directories[:] = sorted(d for d in directories if not d.startswith("."))
            for file in sorted(files):
                path = Path(folder) / file
                if file.startswith(".") or _left_out(file) or not is_mbox(path):
                    continue
                found[path.relative_to(self.path).as_posix()] = path
        return found

    def folders(self) -> list[str]:
        return list(self._files())

    def read(self, state: SyncState, batch_size: int = BATCH_SIZE) -> Iterator[Batch]:
        self.check()
        plans = []
        for folder, path in self._files().items():
            plan = self._plan(folder, path, state.folders.get(folder))
            if plan is not None:
                plans.append(plan)
        total = sum(plan.end - plan.start for plan in plans)
        done = 0
        for plan in plans:
            yield from self._read_file(plan, batch_size, done, total)
            done += plan.end - plan.start

    def _plan(self, folder: str, path: Path, known: dict[str, Any] | None) -> _Plan | None:
        """Where to read a file from and to; ``None`` when it is as it was."""
        try:
            stat = path.stat()
        except OSError as error:
            raise SourceError(
                self.name, "sources.expected.mbox", "sources.found.unreadable", path=str(path)
            ) from error
        size = stat.st_size
        if (
            known
            and known.get("offset") == size
            and known.get("size") == size
            and known.get("mtime_ns") == stat.st_mtime_ns
        ):
            return None
        start, line = 0, 1
        if known and 0 < known.get("offset", 0) <= size:
            offset = known["offset"]
            with path.open("rb") as handle:
                if _probes(handle, offset) == {"head": known["head"], "tail": known["tail"]}:
                    start, line = offset, known["line"]
        return _Plan(folder, path, start, size, line, stat)

    def _read_file(self, plan: _Plan, batch_size: int, done: int, total: int) -> Iterator[Batch]:
        where = str(plan.path)
        try:
            handle = plan.path.open("rb")
        except OSError as error:
            raise SourceError(
                self.name, "sources.expected.mbox", "sources.found.unreadable", path=where
            ) from error
        with handle:
            if plan.start == 0 and plan.end > 0:
                head = handle.read(1024).lstrip(b"\r\n")
                if head and not head.startswith(b"From "):
                    raise SourceError(
                        self.name, "sources.expected.mbox", "sources.found.not_mbox", path=where
                    )
            messages: list[MailHeaders] = []
            offset, line = plan.start, plan.line
            for message, offset, line in scan(handle, plan.start, plan.end, plan.line):
                messages.append(
                    parse_header_block(
                        message.header,
                        plan.folder,
                        line=message.line,
                        received_at=from_line_date(message.from_line),
                    )
                )
                if len(messages) >= batch_size:
                    yield self._batch(messages, plan, offset, line, done, total)
                    messages = []
            if offset != plan.end:  # blank lines only, or no message at all
                offset, line = plan.end, line + _count_lines(handle, offset, plan.end)
            yield self._batch(messages, plan, offset, line, done, total)

    def _batch(
        self,
        messages: list[MailHeaders],
        plan: _Plan,
        offset: int,
        line: int,
        done: int,
        total: int,
    ) -> Batch:
        """A batch whose state says: read up to ``offset`` (line ``line``). The probes are read
        through a handle of their own: ``handle`` is being scanned."""
        with plan.path.open("rb") as probe:
            probes = _probes(probe, offset)
        state = {
            "size": plan.stat.st_size,
            "mtime_ns": plan.stat.st_mtime_ns,
            "offset": offset,
            "line": line,
            **probes,
        }
        return Batch(
            messages=messages,
            folders={plan.folder: state},
            done=done + offset - plan.start,
            total=total,
            unit="bytes",
        )


class _Plan(NamedTuple):
    folder: str
    path: Path
    start: int
    end: int
    line: int
    stat: os.stat_result


def _count_lines(handle: BinaryIO, start: int, end: int) -> int:
    handle.seek(start)
    count = 0
    position = start
    while position < end:
        chunk = handle.read(min(CHUNK, end - position))
        if not chunk:
            break
        count += chunk.count(b"\n")
        position += len(chunk)
    return count
