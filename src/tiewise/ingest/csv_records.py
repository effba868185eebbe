"""CSV text to records, each with the physical line it starts on, no field over the limit.

Every CSV importer (contact CSVs, LinkedIn's CSVs, the CSV of events) splits its text here, so
that all of them split it the same way and share one field limit,
:data:`~tiewise.ingest.limits.MAX_FIELD_CHARS`.

- Python's ``csv`` module splits the records, in its default dialect: ``"`` quotes, a doubled
  quote is a quote, a quoted field may hold line ends; the delimiter is the caller's. Line
  numbers are physical, 1-based lines: a record starts on the line after the end of the one
  before, so a quoted note over several lines is counted.
- The module's own field limit (``csv.field_size_limit``, 131,072 characters unless changed) is
  process-global: changing it would change it for every other reader in the process, and the web
  app imports in threads. So it is left alone. A record the module refuses (a field over its
  limit), and a record with a physical line longer than ``MAX_FIELD_CHARS``, which is never
  handed to the module, is split from its first character by :func:`_split_record`, a tokenizer
  of the same dialect (checked against the module on 100,000 random texts) that measures each
  field before it copies it; the module then goes on after that record. A field between the
  module's limit and ours is therefore read whatever the module's limit is.
- A record with a field over ``MAX_FIELD_CHARS`` comes without cells, with the position and size
  of that field (:attr:`Record.too_long`); the caller leaves the record out or refuses the file.
- Memory: beyond the text itself, one chunk of lines (:class:`_Source`; ``io.StringIO`` takes
  four bytes a character, so one over the whole text took 200 MiB more for a 50 MiB file) and at
  most one field's limit. (When other code in the process raised the module's limit above ours,
  a record is checked after the module split it.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain

from tiewise.ingest import limits

# A quoted field: the text between the quotes (doubled quotes in it), the closing quote if any.
_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"?')
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record: the physical line it starts on and its cells; ``too_long`` is the
    position and size of its first field over the limit (then ``cells`` is empty)."""

    line: int
    cells: list[str]
    too_long: tuple[int, int] | None = None


def records(text: str, delimiter: str = ",") -> Iterator[Record]:
    """The records of ``text`` in order (see the module)."""
    check = csv.field_size_limit() > limits.MAX_FIELD_CHARS
    source = _Source(text, 0)
    reader = csv.reader(source.lines(), delimiter=delimiter)
    first_line = 1  # of what the reader reads
    while True:
        start = source.offset()
        line = first_line + reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, _LongLine):
            record, end = _split_record(text, start, delimiter, line)
            yield record
            source = _Source(text, end)
            reader = csv.reader(source.lines(), delimiter=delimiter)
            first_line = line + line_ends(text, start, end)
            continue
        if check:
            over = next((i for i, cell in enumerate(cells) if limits.is_too_long(len(cell))), None)
            if over is not None:
                yield Record(line, [], (over, len(cells[over])))
                continue
        yield Record(line, cells)


class _LongLine(Exception):
    """A physical line longer than the field limit: its record is split by the tokenizer."""


class _Source:
    """The lines of ``text`` from ``start`` on, for the csv module, :data:`_CHUNK` characters
    at a time: ``io.StringIO`` holds four bytes a character, so one over a whole 50 MiB file
    took 200 MiB more. A line longer than the field limit is never handed over
    (:class:`_LongLine`)."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.base = start  # where the chunk being read starts in text
        self.chunk = io.StringIO("")

    def offset(self) -> int:
        """Where in ``text`` the next line starts."""
        return self.base + self.chunk.tell()

    def lines(self) -> Iterator[str]:
        return chain.from_iterable(self._chunks())

    def _chunks(self) -> Iterator[io.StringIO]:
        at = self.base
        while at < len(self.text):
            end = _chunk_end(self.text, at)
            self.base, self.chunk = at, io.StringIO(self.text[at:end], newline="")
            yield self.chunk
            at = end


_CHUNK = 2**20


def _chunk_end(text: str, at: int) -> int:
    """Where the chunk from ``at`` ends: at a line end near :data:`_CHUNK` characters on, or
    after its first line when that is longer; :class:`_LongLine` when that line is over the
    field limit."""
    first = _LINE_END.search(text, at)
    first_end = first.end() if first else len(text)
    if limits.is_too_long(first_end - at):
        raise _LongLine
    stop = at + _CHUNK
    if stop >= len(text):
        return len(text)
    if first_end >= stop:
        return first_end
    cut = max(text.rfind("\n", at, stop), text.rfind("\r", at, stop)) + 1
    return cut + 1 if text[cut - 1] == "\r" and text.startswith("\n", cut) else cut


def line_ends(text: str, start: int, end: int) -> int:
    """How many line ends (CRLF, CR or LF) ``text[start:end]`` holds, without copying it."""
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


@cache
def _unquoted(delimiter: str) -> re.Pattern[str]:
    """An unquoted field, or what follows a quoted field's closing quote (the csv module keeps
    it): anything up to the delimiter or the end of the line."""
    return re.compile(f"[^{re.escape(delimiter)}\r\n]*")


def _split_record(text: str, start: int, delimiter: str, line: int) -> tuple[Record, int]:
    """The record that starts at ``text[start]`` and where the next one starts. Each field is
    measured before it is copied: from the first field over the limit on, nothing is copied."""
    unquoted = _unquoted(delimiter)
    cells: list[str] = []
    too_long: tuple[int, int] | None = None
    at, column = start, 0
    while True:
        inside = closing = at  # the quoted part, empty for an unquoted field
        quoted = _QUOTED.match(text, at) if text.startswith('"', at) else None
        if quoted is not None:
            inside, closing = quoted.span(1)
        rest = unquoted.match(text, quoted.end() if quoted is not None else at)
        size = closing - inside - text.count('""', inside, closing) + rest.end() - rest.start()
        if too_long is None and limits.is_too_long(size):
            too_long = (column, size)
        elif too_long is None:
            cells.append(text[inside:closing].replace('""', '"') + rest[0])
        at = rest.end()
        if text.startswith(delimiter, at):
            at += len(delimiter)
            column += 1
            continue
        ending = _LINE_END.match(text, at)
        end = max(ending.end() if ending else len(text), start + 1)
        return Record(line, [] if too_long else cells, too_long), end
