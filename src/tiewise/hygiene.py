"""Text without control characters, at every entry point.

A NUL or another control character in a name or a note is never meant: it comes from a damaged
file, a paste or a script, and once stored it breaks what is made from it (a vCard export with a
NUL byte is refused whole by every reader, this project's own included; an escape sequence in a
name rewrites the terminal that lists it). So text that would be stored holds none of them:

- **refused**: C0 controls (U+0000–U+001F) and DEL (U+007F); in a field that may hold several
  lines (a note, a story, a list of names one per line) tab, line feed and carriage return are
  text, the other controls are not;
- **where**: web forms (``web/forms.py``: every field of every form), command-line arguments and
  options (``cli/base.py``: every text parameter of every command), imported files
  (``ingest/hygiene.py``: the value is left out with a warning, the rest of the row is kept).

The error is an :class:`~tiewise.errors.InputError` naming the field, what was expected and
what was found, escaped so that it can be read (``'Ann\\x00a'``).
"""

from __future__ import annotations

import re

from tiewise.errors import InputError, Phrase

SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")
MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, LF and CR are text here
EXPECTED = "text without control characters"
SHOWN = 80  # characters of a long value quoted in a message


def control_at(value: str, multiline: bool = False) -> int | None:
    """The index of the first control character of ``value`` not allowed, or None."""
    found = (MULTI_LINE if multiline else SINGLE_LINE).search(value)
    return found.start() if found else None


def quoted(value: str) -> str:
    """``value`` as a message shows it: escaped (``'Ann\\x00a'``), long values cut short."""
    if len(value) <= SHOWN:
        return repr(value)
    return Phrase("{value}… ({count} chars)", value=repr(value[:SHOWN]), count=len(value))


def found_text(value: str, at: int) -> Phrase:
    """What a message says was found: the value escaped, the character and where it is."""
    return Phrase(
        "{value} ({character} at character {position})",
        value=quoted(value),
        character=f"U+{ord(value[at]):04X}",
        position=at + 1,
    )


def check_text(value: str, field: str, *, multiline: bool = False, shown: str | None = None) -> str:
    """``value`` if it holds no control character not allowed (see the module), else an
    :class:`InputError` for ``field`` (``shown``: the field as the caller names it, e.g.
    ``--note``)."""
    at = control_at(value, multiline)
    if at is None:
        return value
    raise InputError(
        f"{shown or field}: expected {EXPECTED}, found {found_text(value, at)}",
        field=field,
        key="error.control",
        values={
            "found": quoted(value),
            "character": f"U+{ord(value[at]):04X}",
            "position": at + 1,
        },
    )


def check_label(
    value: str, field: str, *, limit: int, what: str | None = None, shown: str | None = None
) -> str:
    """A short text a person types as a label (a tag, a sector, a region): no control
    character, spaces collapsed, at most ``limit`` characters; ``what`` names it in the message
    ("expected a tag of at most 100 characters") and, when given, makes an empty label an
    error too (``error.<what>_empty``). Returns the label ('' only when ``what`` is None)."""
    check_text(value, field, shown=shown)
    label = " ".join(value.split())
    named = f"a {what} of " if what else ""
    if not label and what:
        raise InputError(
            f"{shown or field}: expected a {what}, found an empty text",
            field=field,
            key=f"error.{what}_empty",
        )
    if len(label) > limit:
        raise InputError(
            f"{shown or field}: expected {named}at most {limit} characters, found {quoted(label)}",
            field=field,
            key=f"error.{what}_long" if what else "error.too_long",
            values={"high": limit, "found": quoted(label)},
        )
    return label
