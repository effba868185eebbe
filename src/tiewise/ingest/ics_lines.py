"""iCalendar bytes to unfolded content lines, each with the physical lines it came from.

The text layer of ``ics.py``: decoding (UTF-8 with or without a byte order mark, UTF-16 with
one), line ends (LF, CRLF, CR, and CR CR LF as one), unfolding, and the limit of every importer
on one field (:data:`~tiewise.ingest.limits.MAX_FIELD_CHARS`) applied to a content line after
unfolding: such a line is measured, never joined, and left out with a warning giving its name
and size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiewise.errors import ImportFormatError, Phrase
from tiewise.ingest import limits
from tiewise.ingest.records import ImportWarning


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without a byte order mark), or UTF-16 when a byte order mark says so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFormatError(
                file, "UTF-16 text", "bytes that are not UTF-16", line=1
            ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError(
            file, "UTF-8 text", Phrase("the byte 0x{byte:02x}", byte=data[exc.start]), line=line
        ) from exc


_LINE_END = re.compile(r"\r*\n|\r")
_LINE_NAME = re.compile(r"[A-Za-z0-9-]+")


@dataclass(slots=True)
class Line:
    """One content line after unfolding; ``first``/``last`` are its physical lines."""

    first: int
    last: int
    text: str


def unfold(text: str, file: str, too_long: list[ImportWarning]) -> list[Line]:
    """Join folded lines (a line starting with a space or tab continues the previous one, also
    across blank lines, as icalendar does); drop blank lines. A line ends with LF, CRLF, CR or
    ``CR CR LF`` (a CRLF file passed once more through a CRLF conversion, as some iPhone and
    Windows exports are): one line end each, so a line keeps the number it has in the file.

    A content line longer than :data:`~tiewise.ingest.limits.MAX_FIELD_CHARS` after unfolding
    is left out with a warning in ``too_long`` giving its name and size, never its text (an
    inline attachment, or damage): its folds are measured, not joined, and the rest of its
    event is read. Folds are joined once per line: appending each to the line so far made a
    folded 8 MiB line take 31 s of CPU."""
    lines: list[Line] = []
    parts: list[str] = []  # the last line's physical lines, without their folding blank
    size = 0
    for number, raw in enumerate(_LINE_END.split(text), start=1):
        if raw[:1] in (" ", "\t") and parts:
            size += len(raw) - 1
            if not limits.is_too_long(size):
                parts.append(raw[1:])
            lines[-1].last = number
        elif raw.strip():
            _join_last(lines, parts, size, file, too_long)
            lines.append(Line(number, number, raw))
            parts, size = [raw], len(raw)
    _join_last(lines, parts, size, file, too_long)
    return lines


def _join_last(
    lines: list[Line], parts: list[str], size: int, file: str, too_long: list[ImportWarning]
) -> None:
    """The last line's text from its parts, or the line left out when it is too long."""
    if limits.is_too_long(size):
        line = lines.pop()
        name = _LINE_NAME.match(line.text)
        message = limits.too_long_message(name[0] if name else None, size, "line ignored")
        too_long.append(ImportWarning(file, line.first, message))
    elif len(parts) > 1:
        lines[-1].text = "".join(parts)
