"""vCard reader: address books in vCard 2.1, 3.0 and 4.0 (``.vcf``) to :class:`PersonRecord`.

One :class:`~tiewise.ingest.records.PersonRecord` per card; its ``line`` is the line of the card's
``BEGIN:VCARD``. Each card is parsed by ``vobject`` after a pre-processing step that brings it into
clean vCard 3.0 syntax, because real exports break vobject in several ways.

Pre-processing (what vobject 0.9.9 cannot do)
---------------------------------------------
- **Line ends**: LF, CRLF, CR, and ``\\r\\r\\n`` (an iPhone export whose CRLF was converted once
  more) are each one line end.
- **Splitting**: the file is cut into cards here (``BEGIN:VCARD`` … ``END:VCARD``, in any case),
  so line numbers are known and one bad card cannot spoil the rest. Text between cards is ignored.
  A vCard 2.1 ``AGENT`` with an embedded card is skipped as a whole.
- **Encoding**: a UTF-8 byte order mark is dropped; UTF-16 (with a BOM, or recognised by
  ``B\\0E\\0``) is decoded. Each card is read as UTF-8; a card that is not valid UTF-8 is read in
  the ``CHARSET`` it declares, or else as Windows-1252 (what Outlook writes), replacing
  undecodable bytes.
- **Unfolding**: continuation lines (starting with a space or tab) are joined; for 2.1 the white
  space is kept (RFC 822 folding), for 3.0/4.0 the one folding character is removed.
- **Quoted-printable** (2.1, Android and Outlook): a line ending in ``=`` continues on the next
  line *without* a leading space (a soft line break; vobject raises on these). Such lines are
  joined, then the value is decoded with its ``CHARSET`` (default UTF-8), e.g. an Outlook
  ``LABEL`` with ``=0D=0A``.
- **Binary data**: ``PHOTO``, ``LOGO``, ``SOUND``, ``KEY`` and ``AGENT``, and any property in
  base64 (``ENCODING=BASE64``, iOS ``ENCODING=b``, a bare ``BASE64``), are dropped before parsing
  together with their continuation lines, indented or not: the data is not needed and must neither
  crash nor slow the parser. Other ``ENCODING`` parameters (``8BIT``, ``7BIT``) are removed.
- **Escaping**: vobject decodes text values as 3.0 comma-separated lists and keeps only the first
  item, so ``FN:Berg, Anouk`` would become ``Berg``. 2.1 values (which have no backslash escapes
  except ``\\;`` in structured values) are therefore escaped into 3.0 syntax, and unescaped commas
  in 3.0/4.0 text values are escaped; Apple's ``\\:`` in URLs becomes ``:``.

- **Blanks** around the name, parameters and value (``FN : Anouk ``) are dropped; RFC 2425's
  ``PROFILE:VCARD`` (in any case, e.g. ``PROFILE:VCard``, which vobject refuses) is left out.

Quirks handled after parsing: iPhone grouped properties (``item1.EMAIL`` with ``item1.X-ABLabel``),
padded ``FN`` (white space collapsed), ``ORG:Company;`` (first unit), Outlook 2.1 bare parameters
(``EMAIL;PREF;INTERNET``, which vobject keeps as ``singletonparams``), ``N;LANGUAGE=nl``, vCard 4.0
``TEL;VALUE=uri:tel:+31-...``, ``PREF=1`` and ``TYPE="voice,cell"``, Google's
``CATEGORIES:myContacts,starred``.

Fields
------
- ``name``: ``FN``, else given, additional and family name from ``N``; else ``ORG``, else the first
  e-mail, phone or profile URL. ``given_name``/``family_name`` come from ``N`` as the source gives
  them: a particle in N's family part stays there (``van der Berg``), one in the additional part
  appears in ``name`` but not in ``family_name``.
- ``organisation``: the first ``ORG`` unit; ``role``: ``TITLE``, else ``ROLE``; ``note``: ``NOTE``
  (several are joined by a blank line); ``region``: the locality of the first ``ADR`` that has one.
- ``birthday``: the first ``BDAY`` that reads (``tiewise/birthdays.py``: ``1985-04-15``,
  ``19850415``, ``--0415``, a date-time, Apple's ``X-APPLE-OMIT-YEAR``); one that does not is a
  warning quoting it, and the card is kept without it.
- ``contexts``: ``CATEGORIES``, lower-cased, without Google's system groups ``myContacts`` and
  ``starred``.
- ``identifiers``: every ``EMAIL`` that normalises and every ``TEL`` that ``phonenumbers`` calls a
  *valid* number (E.164, region NL; an office extension such as ``TEL;TYPE=WORK:123456``, short
  numbers and text are skipped — ``123456`` is "possible" in NL as ``+31123456`` but no number),
  ``URL`` and ``X-SOCIALPROFILE`` values that are person profiles, and ``SOURCE_ID``
  ``vcard:<UID>``. A profile is LinkedIn ``in/<slug>`` (or ``pub/``), Facebook ``<name>`` or
  X/Twitter ``<handle>``, cut to that path and moved to the main host (``nl.linkedin.com``,
  ``m.facebook.com``, ``mobile.twitter.com``); company pages, groups, share links and
  ``profile.php?id=`` (whose identity normalisation would drop with the query) are not profiles.
  Preferred values come first (``PREF=n``, ``TYPE=pref`` or a bare ``PREF``; the same order picks
  the first ADR, FN, ...), then file order.

Keys
----
``vcard:uid:<UID>`` when the card has a UID, else the first (preferred) e-mail, else the first
valid phone, else ``vcard:name:<name>|<organisation>``. When a key is already taken in the file (two
cards with the same UID or e-mail), the later card's key gets ``#<line>`` appended, e.g.
``anouk@example.nl#12``.

Policies
--------
- A file that holds no ``BEGIN:VCARD`` at all raises :class:`~tiewise.errors.ImportFormatError`
  (found: ``binary data (a NUL byte)`` when it has a NUL byte after BOM handling, as a file
  that is no text has). A NUL or another control character inside a card costs only its value:
  :mod:`tiewise.ingest.hygiene` leaves the value out (a name keeps its other characters) with a
  warning on the card's line naming the field and the character (``U+0000``); the other cards
  and the rest of the card are read. (A NUL anywhere refused the whole file before.)
- A card still open at the end of the file (truncated, no ``END:VCARD``) raises
  ``ImportFormatError`` naming the line of its ``BEGIN``, field ``END``: a truncated file is
  incomplete and should be exported again rather than half imported.
- A card interrupted by the next ``BEGIN:VCARD`` (no ``END:VCARD`` in the middle of the file), or
  one vobject cannot parse even after pre-processing, is left out with an
  :class:`~tiewise.ingest.records.ImportWarning` on its ``BEGIN`` line.
- A line inside a card that is not a property (``NAME:value``), a stray ``BEGIN``/``END`` of
  another component, or a line whose parameters vobject cannot read, is left out with an
  ``ImportWarning`` on that line; the rest of the card is kept.
- A property vobject cannot read even after pre-processing is left out with a warning quoting
  it, and the card is read again; only when that fails too is the card left out (the warning
  quotes its first property). Warnings quote the input, never an exception's text.
- A text property longer than :data:`~tiewise.ingest.limits.MAX_FIELD_CHARS` (1 MiB of
  characters, the limit of every importer) after unfolding leaves its card out with a warning
  naming its line and field and giving its size, never its text, as soon as it is that long (a
  50 MB field took gigabytes before; then it refused the whole file, where one bad card should
  cost only itself); binary properties are dropped unread whatever their size.
- A card with no name, no organisation and no e-mail, phone or profile URL counts as ``skipped``
  (with its line in ``skips``). ``read`` is the number of cards in the file: every one of them
  is a person, a skip or a warning that left it out.
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass, field, replace

import vobject
from vobject.base import Component, ContentLine, ParseError, VObjectError, parseLine

from tiewise.birthdays import BirthdayError, read_birthday
from tiewise.errors import ImportFormatError
from tiewise.identifiers import identifier, is_identity, person_profile, phone_number
from tiewise.ingest import limits
from tiewise.ingest.records import ImportWarning, ParsedSource, PersonRecord, Skip
from tiewise.model import Birthday, Identifier, IdentifierKind

SOURCE = "vcard"

_BEGIN = b"BEGIN:VCARD"
_END = b"END:VCARD"
_AGENT_OPENING = re.compile(rb"^(?:[A-Za-z0-9_-]+\.)?AGENT(?:;[^:]*)?:\s*$", re.IGNORECASE)
_DECLARED_CHARSET = re.compile(rb";CHARSET=\"?([A-Za-z0-9._:+-]+)", re.IGNORECASE)
_VERSION = re.compile(r"^\s*VERSION\s*:\s*(\S+)", re.IGNORECASE)
_NAME = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)$")
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]+")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# A line end as clients write them: LF, CRLF, CR, and the CRCRLF of some iPhone exports (a CRLF
# file whose line ends were converted once more) — one line end, not a line end and a blank line.
_LINE_END = re.compile(rb"\r*\n|\r")
# In a 3.0 text value: an escape (any character), a lone trailing backslash, a comma or a newline.
_V3_TOKEN = re.compile(r"\\(.)|\\$|,|\r\n|\r|\n", re.DOTALL)
_V3_ESCAPABLE = frozenset('\\;,nN"')

# How a UTF-16 file starts (a byte order mark, or "BE" of BEGIN), its codec, bytes to skip.
_UTF16_STARTS = (
    (codecs.BOM_UTF16_LE, "utf-16-le", 2),
    (codecs.BOM_UTF16_BE, "utf-16-be", 2),
    (b"B\x00E\x00", "utf-16-le", 0),
    (b"\x00B\x00E", "utf-16-be", 0),
)
_FALLBACK_CHARSET = "cp1252"
_CHARSET_PROBE = b"BEGIN:VCARD;=,. -0aZ"
_DROPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY", "AGENT"})
_STRUCTURED = frozenset({"N", "ADR", "ORG", "GEO"})
_LISTS = frozenset({"CATEGORIES"})  # comma-separated lists; vobject returns them as lists
_TRANSFER_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_GOOGLE_SYSTEM_GROUPS = frozenset({"mycontacts", "starred"})
_UNRANKED = 101  # vCard 4.0 PREF runs from 1 (most preferred) to 100
_SNIPPET = 40
_EMPTY_CARD = "a card without name, organisation, e-mail, phone or profile"
_IGNORED = frozenset({"PROFILE"})  # RFC 2425's PROFILE:VCARD (any case) says nothing more
# What vobject raises on a card it cannot read, beyond its own errors
_VOBJECT_ERRORS = (VObjectError, ValueError, TypeError, AttributeError, IndexError, KeyError)


def parse_vcard(data: bytes, file: str) -> ParsedSource:
    """Read a vCard file (any of 2.1, 3.0, 4.0, several cards) into a :class:`ParsedSource`.

    Raises :class:`ImportFormatError` when the file is not text, holds no ``BEGIN:VCARD`` or ends
    inside a card; bad cards and lines elsewhere become warnings (see the module docstring).
    """
    lines = _LINE_END.split(_text_bytes(data))
    cards = _split_cards(lines, file)
    parsed = ParsedSource(source=SOURCE, file=file, read=len(cards))
    taken: set[str] = set()
    for card in cards:
        if card.interrupted_at is not None:
            found = f"BEGIN:VCARD on line {card.interrupted_at}"
            message = f"card left out: expected END:VCARD, found {found}"
            parsed.warnings.append(ImportWarning(file, card.begin, message))
            continue
        person = _read_card(card, file, parsed.warnings)
        if person is None:
            continue
        if not person.name:
            parsed.skipped += 1
            parsed.skips.append(Skip(file, card.begin, _EMPTY_CARD))
            continue
        if person.key in taken:
            person = replace(person, key=f"{person.key}#{person.line}")
        taken.add(person.key)
        parsed.persons.append(person)
    return parsed


# --- bytes: encoding and cards ------------------------------------------------------------------


@dataclass(slots=True)
class _RawCard:
    """The lines of one card between BEGIN:VCARD and END:VCARD, as bytes with line numbers."""

    begin: int
    body: list[tuple[int, bytes]] = field(default_factory=list)
    interrupted_at: int | None = None  # line of a BEGIN:VCARD that came before END:VCARD


def _text_bytes(data: bytes) -> bytes:
    """The file as ASCII-compatible bytes: BOM removed, UTF-16 re-encoded as UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    for marker, codec, skip in _UTF16_STARTS:
        if data.startswith(marker):
            return data[skip:].decode(codec, errors="replace").encode("utf-8")
    return data


def _is_marker(line: bytes, marker: bytes) -> bool:
    return line.strip().upper() == marker


def _split_cards(lines: list[bytes], file: str) -> list[_RawCard]:
    cards: list[_RawCard] = []
    current: _RawCard | None = None
    nested = 0  # depth inside a 2.1 AGENT's embedded card
    for number, line in enumerate(lines, start=1):
        if current is None:
            if _is_marker(line, _BEGIN):
                current = _RawCard(begin=number)
            continue
        if _is_marker(line, _BEGIN):
            if nested or _opens_agent(current):
                nested += 1
                continue
            current.interrupted_at = number
            cards.append(current)
            current = _RawCard(begin=number)
        elif _is_marker(line, _END):
            if nested:
                nested -= 1
                continue
            cards.append(current)
            current = None
        elif not nested:
            current.body.append((number, line))
    if current is not None:
        raise ImportFormatError(file, "END:VCARD", "end of file", line=current.begin, field="END")
    if not cards:
        raise _no_cards(lines, file)
    return cards


def _opens_agent(card: _RawCard) -> bool:
    """True when the card's last line is a 2.1 ``AGENT:`` whose value is the card that follows."""
    body = [line for _, line in card.body if line.strip()]
    return bool(body) and _AGENT_OPENING.match(body[-1]) is not None


def _no_cards(lines: list[bytes], file: str) -> ImportFormatError:
    for number, line in enumerate(lines, start=1):
        if b"\x00" in line:  # no text: UTF-16 without a byte order mark, an image, a zip …
            return ImportFormatError(
                file, "a vCard text file", "binary data (a NUL byte)", line=number
            )
    for number, line in enumerate(lines, start=1):
        if line.strip():
            found = repr(_snippet(line.decode("utf-8", errors="replace").strip()))
            return ImportFormatError(file, "BEGIN:VCARD", found, line=number, field="BEGIN")
    return ImportFormatError(file, "BEGIN:VCARD", "an empty file", field="BEGIN")


def _card_text(card: _RawCard) -> list[tuple[int, str]]:
    """Decode the card: UTF-8, else its declared CHARSET, else Windows-1252."""
    raw = [line for _, line in card.body]
    codec = "utf-8"
    try:
        for line in raw:
            line.decode("utf-8")
    except UnicodeDecodeError:
        codec = _declared_charset(raw) or _FALLBACK_CHARSET
    return [(number, _decode(line, codec)) for number, line in card.body]


def _declared_charset(raw: list[bytes]) -> str | None:
    for line in raw:
        for match in _DECLARED_CHARSET.finditer(line):
            codec = _text_codec(match.group(1).decode("ascii"))
            if codec:
                return codec
    return None


def _text_codec(name: str | None) -> str | None:
    """``name`` when it is a known text encoding compatible with ASCII, else ``None``."""
    if not name:
        return None
    try:
        if _CHARSET_PROBE.decode(name) == _CHARSET_PROBE.decode("ascii"):
            return name
    except (LookupError, UnicodeError, ValueError):
        pass
    return None


def _decode(raw: bytes, codec: str) -> str:
    try:
        text = raw.decode(codec, errors="replace")
    except (LookupError, UnicodeError, ValueError):
        text = raw.decode(_FALLBACK_CHARSET, errors="replace")
    return _NEWLINE.sub(" ", text)


# --- text: logical lines and their repair -------------------------------------------------------


@dataclass(slots=True)
class _Logical:
    """One property after unfolding, starting on file line ``line``."""

    line: int
    parts: list[str]
    quoted_printable: bool

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True, slots=True)
class _Head:
    """The part of a property before the value: name, raw tokens and parsed parameters."""

    name: str
    tokens: tuple[str, ...]  # the name (with its group) followed by the raw parameters
    params: tuple[tuple[str, str], ...]  # (KEY, value); a bare 2.1 parameter has key ""

    def charset(self) -> str | None:
        return next((value for key, value in self.params if key == "CHARSET"), None)

    def has_encoding(self, *names: str) -> bool:
        return any(key in ("ENCODING", "") and value.upper() in names for key, value in self.params)

    def without_transfer_encodings(self) -> str:
        kept = [self.tokens[0]]
        for token, (key, value) in zip(self.tokens[1:], self.params, strict=True):
            if key == "ENCODING" or (not key and value.upper() in _TRANSFER_ENCODINGS):
                continue
            kept.append(token)
        return ";".join(kept)


def _param(token: str) -> tuple[str, str]:
    key, sep, value = token.partition("=")
    return (key.strip().upper(), value.strip().strip('"')) if sep else ("", token.strip())


def _split_property(text: str) -> tuple[_Head, str] | None:
    """Head and value of ``GROUP.NAME;PARAM=x:value``, or ``None`` when it is no property."""
    index = _value_colon(text)
    if index < 0:
        return None
    tokens = [token.strip() for token in _split_params(text[:index])]
    match = _NAME.match(tokens[0])
    if match is None:
        return None
    params = tuple(_param(token) for token in tokens[1:])
    return _Head(match.group(1).upper(), tuple(tokens), params), text[index + 1 :]


def _value_colon(text: str) -> int:
    """Index of the colon that starts the value (not one inside a quoted parameter), or -1."""
    colon = text.find(":")
    if colon < 0 or text.find('"', 0, colon) < 0:
        return colon
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def _split_params(head: str) -> list[str]:
    tokens: list[str] = []
    start, quoted = 0, False
    for index, char in enumerate(head):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            tokens.append(head[start:index])
            start = index + 1
    tokens.append(head[start:])
    return tokens


def _is_binary(head: _Head) -> bool:
    return head.name in _DROPPED or head.has_encoding("BASE64", "B")


def _logical_lines(lines: list[tuple[int, str]], v21: bool) -> list[_Logical]:
    """Unfold continuation and quoted-printable soft line breaks; leave out binary properties.
    Raises :class:`_TooLong` for a text property longer than ``limits.MAX_FIELD_CHARS``, as soon
    as it is that long."""
    result: list[_Logical] = []
    current: _Logical | None = None
    size = 0
    binary = False
    for number, text in lines:
        if not text.strip():  # a blank line ends any property (2.1 base64 blocks end so)
            current, binary = None, False
            continue
        if binary and (text[0] in " \t" or _BASE64_LINE.fullmatch(text.strip())):
            continue
        if current is not None and current.quoted_printable and current.parts[-1].endswith("="):
            current.parts[-1] = current.parts[-1][:-1]
            current.parts.append(text)
        elif current is not None and text[0] in " \t":
            current.parts.append(text if v21 else text[1:])
        else:
            split = _split_property(text[:_HEAD_CHARS])
            binary = split is not None and _is_binary(split[0])
            current, size = None, 0
            if not binary:
                qp = split is not None and split[0].has_encoding("QUOTED-PRINTABLE")
                current = _Logical(number, [text], qp)
                result.append(current)
        size += len(text)
        if current is not None and limits.is_too_long(size):
            raise _TooLong(current)
    return result


_HEAD_CHARS = 4096  # the name and parameters of a property are looked for this far


class _TooLong(Exception):
    """A text property over the limit: its card is left out (see the module)."""

    def __init__(self, logical: _Logical) -> None:
        split = _split_property(logical.parts[0][:_HEAD_CHARS])
        self.line = logical.line
        self.field = split[0].name if split is not None else None
        self.size = sum(len(part) for part in logical.parts)
        super().__init__(self.field, self.size)

    def warning(self, file: str) -> ImportWarning:
        message = limits.too_long_message(self.field, self.size, "card left out", at_least=True)
        return ImportWarning(file, self.line, message)


def _is_v21(lines: list[tuple[int, str]]) -> bool:
    for _, text in lines:
        match = _VERSION.match(text)
        if match:
            return match.group(1).startswith("2")
    return False


def _decode_qp(value: str, charset: str | None) -> str:
    codec = _text_codec(charset) or "utf-8"
    try:
        raw = value.encode(codec)
    except UnicodeError:
        raw = value.encode("utf-8", errors="replace")
    return binascii.a2b_qp(raw).decode(codec, errors="replace")


def _escape_v3(text: str) -> str:
    """Plain text as a vCard 3.0 text value."""
    escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _NEWLINE.sub("\\\\n", escaped)


def _v21_to_v3(name: str, value: str) -> str:
    """A 2.1 value (no escapes but ``\\;`` in structured values) in 3.0 syntax."""
    if name in _STRUCTURED:
        parts = re.split(r"(?<!\\);", value)
        return ";".join(_escape_v3(part.replace("\\;", ";")) for part in parts)
    if name in _LISTS:
        return ",".join(_escape_v3(item) for item in value.split(","))
    return _escape_v3(value)


def _repair_v3_token(match: re.Match[str]) -> str:
    escaped = match.group(1)
    if escaped is not None:
        if escaped in _V3_ESCAPABLE:
            return match.group(0)
        if escaped == ":":  # Apple writes URL:http\://…
            return ":"
        return "\\\\" + _NEWLINE.sub("\\\\n", escaped)
    token = match.group(0)
    if token == "\\":
        return "\\\\"
    return "\\," if token == "," else "\\n"


def _repair_list_token(match: re.Match[str]) -> str:
    return "," if match.group(0) == "," else _repair_v3_token(match)


def _repair_v3(name: str, value: str) -> str:
    """A 3.0/4.0 value as vobject must see it to return it whole (text values) or split only
    where the source meant it (lists and structured values)."""
    if name in _STRUCTURED:
        value = _NEWLINE.sub("\\\\n", value)
        trailing = len(value) - len(value.rstrip("\\"))
        return value + "\\" if trailing % 2 else value
    if name in _LISTS:
        return _V3_TOKEN.sub(_repair_list_token, value)
    return _V3_TOKEN.sub(_repair_v3_token, value)


@dataclass(frozen=True, slots=True)
class _Problem:
    line: int
    message: str


def _prepare(logical: _Logical, v21: bool) -> str | _Problem | None:
    """The logical line in clean 3.0 syntax, the problem that leaves it out, or None for a
    property that is ignored."""
    text = logical.text
    split = _split_property(text)
    if split is None or split[0].name in ("BEGIN", "END"):
        found = repr(_snippet(text))
        return _Problem(
            logical.line, f"expected a property NAME:value, found {found}; line left out"
        )
    head, value = split
    if head.name in _IGNORED:
        return None
    if logical.quoted_printable:
        value = _decode_qp(value, head.charset())
    value = value.strip(" \t")  # blanks around a value, as some clients write them
    value = _v21_to_v3(head.name, value) if v21 else _repair_v3(head.name, value)
    clean_head = head.without_transfer_encodings()
    prepared = f"{clean_head}:{value}"
    try:
        parseLine(prepared)  # vobject's own grammar: what passes here, readOne accepts
    except ParseError:
        found = repr(_snippet(clean_head))
        return _Problem(
            logical.line,
            f"field {head.name!r}: expected readable parameters, found {found}; line left out",
        )
    return prepared


def _snippet(text: str) -> str:
    return text if len(text) <= _SNIPPET else text[:_SNIPPET] + "…"


# --- parsing a card with vobject ----------------------------------------------------------------


def _read_card(card: _RawCard, file: str, warnings: list[ImportWarning]) -> PersonRecord | None:
    lines = _card_text(card)
    v21 = _is_v21(lines)
    prepared: list[tuple[int, str]] = []
    try:
        logicals = _logical_lines(lines, v21)
    except _TooLong as too_long:
        warnings.append(too_long.warning(file))
        return None
    for logical in logicals:
        result = _prepare(logical, v21)
        if isinstance(result, _Problem):
            warnings.append(ImportWarning(file, result.line, result.message))
        elif result is not None:
            prepared.append((logical.line, result))
    component = _component(prepared)
    if component is None:
        # find the properties vobject cannot read on their own, leave them out and try again
        properties = [(line, text) for line, text in prepared if not _VERSION.match(text)]
        bad = [(line, text) for line, text in properties if _component([(line, text)]) is None]
        if 0 < len(bad) < len(properties):
            for line, text in bad:
                found = repr(_snippet(text))
                message = f"expected a property vobject can read, found {found}; line left out"
                warnings.append(ImportWarning(file, line, message))
            component = _component([item for item in prepared if item not in bad])
    if component is None:
        first = next((text for _, text in prepared if not _VERSION.match(text)), "BEGIN:VCARD")
        message = f"card left out: expected a vCard vobject can read, found {_snippet(first)!r}"
        warnings.append(ImportWarning(file, card.begin, message))
        return None
    person = _person(component, card.begin)
    birthday = _birthday(prepared, file, warnings) if "bday" in component.contents else None
    return replace(person, birthday=birthday) if birthday else person


def _birthday(
    prepared: list[tuple[int, str]], file: str, warnings: list[ImportWarning]
) -> Birthday | None:
    """The first ``BDAY`` that reads as a birthday (``tiewise.birthdays.read_birthday``, with
    Apple's ``X-APPLE-OMIT-YEAR``); each one that does not is a warning quoting it, and the
    rest of the card is kept."""
    found: Birthday | None = None
    for line, text in prepared:
        split = _split_property(text)
        if split is None or split[0].name != "BDAY":
            continue
        head, value = split
        omit = next((v for key, v in head.params if key == "X-APPLE-OMIT-YEAR"), None)
        try:
            birthday = read_birthday(value, omit)
        except BirthdayError as error:
            message = f"field 'BDAY': {error}; the value was left out"
            warnings.append(ImportWarning(file, line, message))
            continue
        found = found or birthday
    return found


def _component(prepared: list[tuple[int, str]]) -> Component | None:
    """The card vobject reads from these properties, or None when it cannot."""
    text = "\n".join(["BEGIN:VCARD", *(line for _, line in prepared), "END:VCARD", ""])
    try:
        return vobject.readOne(text, transform=True)
    except _VOBJECT_ERRORS:
        return None


# --- from vobject's component to a PersonRecord -------------------------------------------------


def _rank(line: ContentLine) -> int:
    """Lower is more preferred: ``PREF=n`` (4.0), else ``TYPE=pref`` or a bare ``PREF``."""
    prefs = line.params.get("PREF")
    if prefs:
        try:
            return max(1, min(int(prefs[0]), _UNRANKED))
        except ValueError:
            return 1
    types = {t.strip().lower() for value in line.params.get("TYPE", []) for t in value.split(",")}
    types |= {value.lower() for value in line.singletonparams}
    return 1 if "pref" in types else _UNRANKED


def _lines(card: Component, name: str) -> list[ContentLine]:
    return sorted(card.contents.get(name.lower(), []), key=_rank)


def _clean(text: object) -> str:
    """Text with white space collapsed; lists (vobject's comma lists) joined by spaces."""
    if isinstance(text, list | tuple):
        text = " ".join(str(item) for item in text)
    return " ".join(str(text).split()) if text is not None else ""


def _texts(card: Component, name: str) -> list[str]:
    """The non-empty text values of all ``name`` properties, preferred first; list values
    (``CATEGORIES``) are flattened."""
    texts: list[str] = []
    for line in _lines(card, name):
        values = line.value if isinstance(line.value, list) else [line.value]
        texts += [value for value in values if isinstance(value, str) and value.strip()]
    return texts


def _first_text_value(card: Component, *names: str) -> str | None:
    for name in names:
        for value in _texts(card, name):
            cleaned = _clean(value)
            if cleaned:
                return cleaned
    return None


def _name_parts(card: Component) -> tuple[str | None, str | None, str | None]:
    """Given name, family name and the full name from ``N``."""
    for line in _lines(card, "N"):
        name = line.value
        given = _clean(getattr(name, "given", "")) or None
        additional = _clean(getattr(name, "additional", ""))
        family = _clean(getattr(name, "family", "")) or None
        full = " ".join(part for part in (given, additional, family) if part)
        if full:
            return given, family, full
    return None, None, None


def _organisation(card: Component) -> str | None:
    for line in _lines(card, "ORG"):
        units = line.value if isinstance(line.value, list) else [line.value]
        if not units:
            continue
        first = units[0]
        # an unescaped comma in a 3.0 ORG makes vobject split the unit into a list
        unit = ",".join(first) if isinstance(first, list) else first
        cleaned = _clean(unit)
        if cleaned:
            return cleaned
    return None


def _region(card: Component) -> str | None:
    for line in _lines(card, "ADR"):
        locality = _clean(getattr(line.value, "city", ""))
        if locality:
            return locality
    return None


def _note(card: Component) -> str | None:
    notes = [value.strip() for value in _texts(card, "NOTE")]
    return "\n\n".join(notes) or None


def _contexts(card: Component) -> tuple[str, ...]:
    contexts: list[str] = []
    for category in _texts(card, "CATEGORIES"):
        context = _clean(category).lower()
        if context not in _GOOGLE_SYSTEM_GROUPS and context not in contexts:
            contexts.append(context)
    return tuple(contexts)


def _phone(value: str) -> Identifier | None:
    """A number in E.164 (``tel:`` URI parameters such as ``;ext=`` dropped): valid, or written
    internationally (kept, not an identity); an office extension (``123456``), a short code or
    text is no identifier (``identifiers.phone_number``)."""
    found = phone_number(value)
    return Identifier(IdentifierKind.PHONE, found[0]) if found else None


def _identifiers(card: Component, uid: str | None) -> tuple[Identifier, ...]:
    found: list[Identifier | None] = []
    found += [identifier(IdentifierKind.EMAIL, value) for value in _texts(card, "EMAIL")]
    found += [_phone(value) for value in _texts(card, "TEL")]
    urls = _texts(card, "URL") + _texts(card, "X-SOCIALPROFILE")
    found += [person_profile(value) for value in urls]
    if uid:
        found.append(identifier(IdentifierKind.SOURCE_ID, f"vcard:{uid}"))
    unique: dict[tuple[IdentifierKind, str], Identifier] = {}
    for item in found:
        if item is not None:
            unique.setdefault((item.kind, item.value), item)
    return tuple(unique.values())


def _first_of(identifiers: tuple[Identifier, ...], kind: IdentifierKind) -> str | None:
    return next((item.value for item in identifiers if item.kind == kind), None)


def _person(card: Component, line: int) -> PersonRecord:
    """The card as a PersonRecord; its ``name`` is empty when the card has no name, no
    organisation and no e-mail, phone or profile URL."""
    given, family, full = _name_parts(card)
    organisation = _organisation(card)
    uid = _first_text_value(card, "UID")
    identifiers = _identifiers(card, uid)
    name = (
        _first_text_value(card, "FN")
        or full
        or organisation
        or _first_of(identifiers, IdentifierKind.EMAIL)
        or _first_of(identifiers, IdentifierKind.PHONE)
        or _first_of(identifiers, IdentifierKind.PROFILE_URL)
        or ""
    )
    key = (
        (f"vcard:uid:{uid}" if uid else None)
        or _first_of(identifiers, IdentifierKind.EMAIL)
        or next(
            (i.value for i in identifiers if i.kind is IdentifierKind.PHONE and is_identity(i)),
            None,
        )
        or f"vcard:name:{name}|{organisation or ''}"
    )
    return PersonRecord(
        key=key,
        name=name,
        line=line,
        given_name=given,
        family_name=family,
        organisation=organisation,
        role=_first_text_value(card, "TITLE", "ROLE"),
        region=_region(card),
        identifiers=identifiers,
        contexts=_contexts(card),
        note=_note(card),
    )
