"""The longest field an importer reads, and how a field over it is reported.

One limit for every format: a vCard property (after unfolding), a CSV field (contact CSVs,
LinkedIn's CSVs, a CSV of events) and an iCalendar content line (after unfolding) hold at most
:data:`MAX_FIELD_CHARS` characters. A note of a few pages is some thousands of characters; a
field a thousand times longer is damage or an attack, and reading it whole is what made a 50 MB
field take gigabytes. Readers measure a field as they go and stop once it is over the limit, so
the message gives its size (``or more`` when counting stopped), never its text.

What becomes of the record that holds it follows the format's policy for a bad record: a vCard's
card, a CSV's row and a calendar's line are left out with a warning and the rest of the file is
read; the CSV of events, which is all or nothing, is refused whole. Binary vCard properties
(photos) are dropped unread whatever their size and never meet the limit.
"""

from __future__ import annotations

from tiewise.errors import ImportFormatError, Phrase

#: The most characters one field of an imported file may hold (1 MiB of characters).
MAX_FIELD_CHARS = 2**20


def expected_size() -> Phrase:
    """What a message says was expected: ``a field of at most 1,048,576 characters``."""
    return Phrase("a field of at most {limit:,} characters", limit=MAX_FIELD_CHARS)


def found_size(size: int, *, at_least: bool = False) -> Phrase:
    """What a message says was found: the size, never the text (``or more`` when the reader
    stopped counting once the field was over the limit)."""
    if at_least:
        return Phrase("a field of {size:,} characters or more", size=size)
    return Phrase("a field of {size:,} characters", size=size)


def is_too_long(size: int) -> bool:
    return size > MAX_FIELD_CHARS


def too_long_message(field: str | None, size: int, done: str, *, at_least: bool = False) -> str:
    """The warning for a record left out (``done``: ``row skipped``, ``card left out`` …)."""
    where = f"field {field!r}: " if field else ""
    return f"{where}expected {expected_size()}, found {found_size(size, at_least=at_least)}; {done}"


def too_long_error(
    file: str, line: int, field: str | None, size: int, *, at_least: bool = False
) -> ImportFormatError:
    """The error for a field over the limit where the whole file is refused."""
    return ImportFormatError(
        file, expected_size(), found_size(size, at_least=at_least), line=line, field=field
    )
