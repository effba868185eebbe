"""No control characters from imported files (``tiewise.hygiene`` for the other entry points).

A parser reads what a file holds; a NUL or an escape in a value of a damaged or hostile file
would otherwise be stored, shown and written into every export (a vCard export with a NUL byte
is refused whole by its readers). :func:`scrub` goes over everything a parser returned, before
anything is written, and leaves out each value with a control character other than tab, line
feed and carriage return (which the parsers already handle as text in imported values):

- a field that may be empty (organisation, note, location …), an identifier, a context: the
  value is left out, the rest of the row is imported;
- a name (of a person, an invitation's sender, an event): the control characters are taken out
  of it, so that the person or event is still imported;
- the keys that tie records to each other (built from the source's ids): each control character
  is written as ``\\xNN``, the same in every record, so the records still meet.

Each value left out or changed is a warning naming the file, the line, the field, what was
expected and what was found (the value escaped, and the character and where it is).
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from tiewise.hygiene import EXPECTED, MULTI_LINE, found_text
from tiewise.ingest.records import ImportWarning, ParsedSource

#: Fields that name other records or where a record came from: escaped, not left out.
KEYS = frozenset(
    {"key", "person", "person_a", "person_b", "participants", "attendees", "file", "source"}
)
#: Fields a record cannot do without: the control characters are taken out of them.
REQUIRED = frozenset({"name", "channel"})
LISTS = ("persons", "interactions", "links", "exchanges", "invitations", "occurrences")


def scrub(parsed: ParsedSource) -> ParsedSource:
    """``parsed`` without control characters in any value (see the module); changed in place
    and returned. The common case — a file without any — costs one search per record."""
    for name in LISTS:
        records = getattr(parsed, name)
        for index, record in enumerate(records):
            if _has_control(record):
                records[index] = _clean(record, parsed)
    if parsed.me is not None and _has_control(parsed.me):
        parsed.me = _clean(parsed.me, parsed)
    return parsed


@cache
def _text_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [v if isinstance(v, str) else getattr(v, "value", "") for v in value]
    return []


def _has_control(record: Any) -> bool:
    return any(
        MULTI_LINE.search(text)
        for name in _text_fields(type(record))
        for text in _strings(getattr(record, name))
        if isinstance(text, str)
    )


def _escaped(text: str) -> str:
    return MULTI_LINE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _clean(record: Any, parsed: ParsedSource) -> Any:
    changes: dict[str, Any] = {}
    line = getattr(record, "line", 1)
    file = getattr(record, "file", None) or parsed.file

    def warn(field: str, text: str, done: str) -> None:
        at = MULTI_LINE.search(text).start()  # type: ignore[union-attr]
        parsed.warnings.append(
            ImportWarning(
                file,
                line,
                f"field {field!r}: expected {EXPECTED}, found {found_text(text, at)}; {done}",
            )
        )

    for name in _text_fields(type(record)):
        value = getattr(record, name)
        if name in KEYS:
            if isinstance(value, str) and MULTI_LINE.search(value):
                changes[name] = _escaped(value)
            elif isinstance(value, tuple) and any(MULTI_LINE.search(v) for v in value):
                changes[name] = tuple(_escaped(v) for v in value)
        elif isinstance(value, str) and MULTI_LINE.search(value):
            if name in REQUIRED:
                warn(name, value, "the control characters were left out of it")
                changes[name] = MULTI_LINE.sub("", value)
            else:
                warn(name, value, "the value was left out")
                changes[name] = None
        elif isinstance(value, tuple) and any(MULTI_LINE.search(t) for t in _strings(value)):
            kept = []
            for item in value:
                text = item if isinstance(item, str) else getattr(item, "value", "")
                if MULTI_LINE.search(text):
                    warn(name, text, "the value was left out")
                else:
                    kept.append(item)
            changes[name] = tuple(kept)
    return dataclasses.replace(record, **changes)
