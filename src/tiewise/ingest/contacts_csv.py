"""Contact CSVs: Google Contacts, Outlook (desktop and web, English and Dutch) and mapped CSVs.

Bytes in, a :class:`~tiewise.ingest.records.ParsedSource` (``source="csv"``) out: one
:class:`~tiewise.ingest.records.PersonRecord` per contact row. Columns are always found by their
title (case-insensitive, surrounding blanks ignored), never by position.

Formats (``FORMATS``)
---------------------
``google``
    Google Contacts today: ``First Name, Middle Name, Last Name, …, Organization Name,
    Organization Title, …, Notes, Photo, Labels, E-mail 1 - Label, E-mail 1 - Value, …``.
    Repeated columns are numbered (``E-mail N``, ``Phone N``, ``Website N``) and ``N`` grows
    with the fullest contact, so any ``N`` is read, in the order of ``N``. Detected by
    ``First Name`` with ``E-mail 1 - Value``, ``Organization Name`` or any numbered column.
``google_legacy``
    the older "Google CSV": ``Name, Given Name, Additional Name, Family Name, …,
    Group Membership, E-mail 1 - Type, E-mail 1 - Value, …, Organization 1 - Name,
    Organization 1 - Title, …``. Detected by ``Given Name`` with ``Family Name``, by
    ``Group Membership`` or by ``Organization 1 - Name``.
``outlook``
    Outlook.com (61 unquoted columns starting ``First Name,Middle Name,Last Name,Title``), the
    Outlook desktop Import/Export wizard (92 quoted columns starting ``"Title","First Name"``;
    older versions write ``Business Country`` for ``Business Country/Region``) and Google's own
    "Outlook CSV" export, which reuses these titles. Detected by ``First Name`` or ``Last Name``
    with ``E-mail Address``, ``First Name`` with ``Job Title`` and ``Company``, or ``First Name``
    with ``Business Country/Region`` (``Business Country``). A Dutch Outlook writes Dutch titles
    (below).
``generic``
    any other CSV, read through a *mapping* from our field names to its column titles (see
    :func:`parse_contacts_csv`). A mapping can also be given with another format, to add
    columns to the built-in ones (e.g. a French Outlook).

Reading
-------
- Encoding: a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32). Without one the file is read
  as UTF-8; when that fails and the bytes hold no valid multi-byte UTF-8 at all, as Windows-1252
  (cp1252), which Outlook desktop writes on a western Windows. A file that is damaged UTF-8 stays
  UTF-8. Bytes that cannot be decoded become U+FFFD; a row whose *used* cell holds one is skipped
  with a warning (damage in a column we do not read does not matter).
- Delimiter: ``,``, ``;`` (a Dutch Outlook, Excel with Dutch regional settings) or a tab, chosen
  as the one that splits the header line into the most columns. An Excel ``sep=;`` first line is
  honoured.
- Line numbers are physical, 1-based lines: a row starts on the line after the end of the previous
  row, so multi-line quoted Notes are counted.

Values
------
- Google joins several values in one cell with `` ::: ``; every cell is split on it. Fields that
  hold one value (names, organisation, role) take the first part.
- E-mail cells are also split on ``;`` and ``,`` and ``Name <address>`` is reduced to the
  address; phone cells on ``;``. Labels: Google `` ::: `` (``* myContacts ::: * coworkers``),
  Outlook ``Categories`` ``;``, generic ``;``, ``,`` or `` ::: ``. Labels become ``contexts``:
  leading ``* `` and ``System Group:`` removed, lower-cased, duplicates dropped, and Google's own
  groups (``myContacts``, ``My Contacts``, ``starred``, ``Imported on …``) left out.
- Names: a full-name column (``Name``, generic ``name``) wins; otherwise given, middle and family
  name are joined. A middle name that consists of surname particles only (``van der``, ``de``,
  ``'t``, ``von`` …, as in Outlook's ``Middle Name``/``Middelste naam`` or a Dutch
  ``Tussenvoegsel``) is also put in front of the family name: ``Anouk`` + ``van der`` + ``Berg``
  gives name ``Anouk van der Berg``, family name ``van der Berg``. Another middle name stays in the
  full name only. Titles and suffixes (``Dr.``, ``Jr.``) are left out. Without any name the
  nickname, then the e-mail display name (``Anouk (anouk@example.nl)`` → ``Anouk``), then the
  organisation, then the first identifier stands in as the name.
- Identifiers, normalised with :func:`tiewise.identifiers.identifier` (phones: region NL), in the
  order e-mails, phones, profile URLs, without duplicates. Invalid e-mails are skipped, and so are
  phones that ``phonenumbers`` does not call valid (an extension, a short code, text). Outlook
  phone columns are read most personal first (mobile, primary, business, home, other, car);
  shared numbers (company main phone, assistant, fax, pager, telex …) are never read: they
  would merge colleagues. An Exchange
  entry (``E-mail Type`` ``EX``, an X.500 address) yields the SMTP address from its display name
  when it holds one. Profile URLs come from website columns, and only when they point at one
  person on LinkedIn (``/in/``, ``/pub/``), Facebook or X/Twitter: a company homepage
  identifies nobody. Country and mobile hosts are folded (``nl.linkedin.com`` → ``linkedin.com``).
- ``note`` is the Notes column (several mapped note columns are joined by newlines).
- ``birthday``: Google's (and the legacy format's) ``Birthday`` column, or a mapped
  ``birthday`` column: ``1985-04-15``, ``--04-15`` without the year, and the other forms of
  :func:`tiewise.birthdays.read_birthday`. A value that does not read is a warning quoting it
  (``the value was left out``; the row is kept). Outlook's ``Birthday``/``Verjaardag`` is not
  read: it follows the regional settings of the Windows that wrote it (``4/15/1985`` or
  ``15-4-1985``), so day and month cannot be told apart, and an empty one is ``0/0/00``.

Keys, skipped rows, warnings, errors
------------------------------------
- ``PersonRecord.key``: the first normalised e-mail, else the first valid phone, else
  ``csv:name:<name>|<organisation>``. When a key is already taken in this file (a duplicate
  contact), ``#<line>`` is appended, e.g. ``anouk@example.nl#7``.
- ``skipped`` counts blank rows (only empty cells), a repeated header row and rows with no name,
  no organisation and no identifier; ``skips`` names each with its line. ``read`` counts the
  rows after the header: every one is a person, a skip or a warning that left it out.
- ``warnings`` (:class:`~tiewise.ingest.records.ImportWarning`) name rows left out because they are
  bad: a different number of columns than the header (an unquoted comma shifts every later
  cell, so even a row with only empty extra cells is misaligned), an undecodable used cell, or a
  field over :data:`~tiewise.ingest.limits.MAX_FIELD_CHARS` (1 MiB of characters; the warning
  gives its column and size, never its text). Rows are split by ``ingest/csv_records.py``, which
  measures such a field without holding it and reads on after its row.
- :class:`~tiewise.errors.ImportFormatError` (nothing is imported) for an unknown format name, an
  empty file, a header that matches no format when none was given (expected ``a Google, Outlook
  or mapped CSV header``, found its first columns), a header without any usable column for the
  given format, a ``generic`` format without mapping, a mapping naming an unknown field or a
  column the header lacks, and a header with a field over the limit. Any other input, however
  damaged, gives a ParsedSource: the parser never crashes.

Dutch Outlook titles
--------------------
The Dutch Outlook desktop export (92 columns, Dutch order) uses, for what we read:
``Voornaam``, ``Middelste naam``, ``Achternaam``, ``Bedrijf``, ``Functie``, ``E-mailadres``,
``E-mailadres 2``, ``E-mailadres 3``, ``Weergavenaam voor e-mail``, ``Mobiele telefoon``,
``Hoofdtelefoon``, ``Telefoon op werk``, ``Telefoon op werk 2``, ``Telefoon thuis``,
``Telefoon thuis 2``, ``Andere telefoon``, ``Autotelefoon``, ``Webpagina``, ``Notities`` and
``Categorieën`` (also accepted as ``Categorien``, as tools that lose the ë write it). Also accepted
(not written by Outlook itself, common in Dutch CRM exports): ``Tussenvoegsel``. Detected by
``Voornaam``/``Achternaam`` with ``E-mailadres``, ``Voornaam`` with ``Functie`` and ``Bedrijf``, or
``Voornaam`` with ``Land/regio (werk)``. Deliberately not read: ``Afdeling``,
``Hoofdtelefoon bedrijf``, ``Telefoon assistent``, the fax, pager and address columns.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from tiewise.birthdays import BirthdayError, read_birthday
from tiewise.errors import ImportFormatError, Phrase
from tiewise.identifiers import identifier, is_identity, person_profile, phone_number
from tiewise.ingest.csv_records import records
from tiewise.ingest.limits import too_long_error, too_long_message
from tiewise.ingest.records import ImportWarning, ParsedSource, PersonRecord, Skip
from tiewise.model import Identifier, IdentifierKind

FORMATS = ("google", "google_legacy", "outlook", "generic")

# Our field names a mapping may use (``middle_name`` beyond the documented set, for particles).
_MAPPING_FIELDS = (
    "name",
    "given_name",
    "middle_name",
    "family_name",
    "organisation",
    "role",
    "sector",
    "region",
    "email",
    "phone",
    "profile_url",
    "note",
    "contexts",
    "birthday",
)
# Fields that make a header usable: without any of them no row can yield a person.
_PERSON_FIELDS = frozenset(
    {
        "name",
        "given_name",
        "middle_name",
        "family_name",
        "nickname",
        "display_name",
        "organisation",
        "email",
        "phone",
        "website",
        "profile_url",
    }
)

# --- column knowledge: our field → column titles, most wanted first --------------------------

_GOOGLE: dict[str, tuple[str, ...]] = {
    "given_name": ("First Name",),
    "middle_name": ("Middle Name",),
    "family_name": ("Last Name",),
    "nickname": ("Nickname",),
    "organisation": ("Organization Name",),
    "role": ("Organization Title",),
    "note": ("Notes",),
    "contexts": ("Labels", "Group Membership"),
    "birthday": ("Birthday",),
}

_GOOGLE_LEGACY: dict[str, tuple[str, ...]] = {
    "name": ("Name",),
    "given_name": ("Given Name",),
    "middle_name": ("Additional Name",),
    "family_name": ("Family Name",),
    "nickname": ("Nickname",),
    "note": ("Notes",),
    "contexts": ("Group Membership",),
    "birthday": ("Birthday",),
}

# Google's numbered columns "<Kind> <N> - <Part>" (any N), as (kind, part) → field.
_GOOGLE_NUMBERED: dict[tuple[str, str], str] = {
    ("e-mail", "value"): "email",
    ("phone", "value"): "phone",
    ("website", "value"): "website",
    ("organization", "name"): "organisation",
    ("organization", "title"): "role",
}
_NUMBERED_TITLE = re.compile(r"(?P<kind>[a-z][a-z -]*?) (?P<n>\d{1,6}) - (?P<part>[a-z ]+)")

_OUTLOOK_EN: dict[str, tuple[str, ...]] = {
    "given_name": ("First Name",),
    "middle_name": ("Middle Name",),
    "family_name": ("Last Name",),
    "nickname": ("Nickname",),
    "organisation": ("Company",),
    "role": ("Job Title",),
    "email": ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"),
    "display_name": ("E-mail Display Name",),
    "phone": (
        "Mobile Phone",
        "Primary Phone",
        "Business Phone",
        "Business Phone 2",
        "Home Phone",
        "Home Phone 2",
        "Other Phone",
        "Car Phone",
    ),
    "website": ("Web Page", "Personal Web Page"),
    "note": ("Notes",),
    "contexts": ("Categories",),
}

_OUTLOOK_NL: dict[str, tuple[str, ...]] = {
    "given_name": ("Voornaam",),
    "middle_name": ("Middelste naam", "Tussenvoegsel"),
    "family_name": ("Achternaam",),
    "organisation": ("Bedrijf",),
    "role": ("Functie",),
    "email": ("E-mailadres", "E-mailadres 2", "E-mailadres 3"),
    "display_name": ("Weergavenaam voor e-mail",),
    "phone": (
        "Mobiele telefoon",
        "Hoofdtelefoon",
        "Telefoon op werk",
        "Telefoon op werk 2",
        "Telefoon thuis",
        "Telefoon thuis 2",
        "Andere telefoon",
        "Autotelefoon",
    ),
    "website": ("Webpagina",),
    "note": ("Notities",),
    "contexts": ("Categorieën", "Categorien"),
}

# A header is of a format when it holds every title of one of its signatures; checked in order.
# _ANY_NUMBERED stands for any of Google's numbered columns ("Phone 3 - Value").
_ANY_NUMBERED = "<numbered>"
_SIGNATURES: dict[str, tuple[tuple[str, ...], ...]] = {
    "google": (
        ("First Name", "E-mail 1 - Value"),
        ("First Name", "Organization Name"),
        ("First Name", _ANY_NUMBERED),
    ),
    "google_legacy": (
        ("Given Name", "Family Name"),
        ("Group Membership",),
        ("Organization 1 - Name",),
    ),
    "outlook": (
        ("First Name", "E-mail Address"),
        ("Last Name", "E-mail Address"),
        ("First Name", "Job Title", "Company"),
        ("First Name", "Business Country/Region"),
        ("First Name", "Business Country"),
        ("Voornaam", "E-mailadres"),
        ("Achternaam", "E-mailadres"),
        ("Voornaam", "Functie", "Bedrijf"),
        ("Voornaam", "Land/regio (werk)"),
    ),
}

_LABELS_GOOGLE = re.compile(r"\s*:::\s*")
_LABELS_OUTLOOK = re.compile(r"\s*(?::::|;)\s*")
_LABELS_GENERIC = re.compile(r"\s*(?::::|[;,])\s*")


@dataclass(frozen=True, slots=True)
class _Dialect:
    """What one format means by its columns."""

    tables: tuple[Mapping[str, tuple[str, ...]], ...]
    numbered: Mapping[tuple[str, str], str]
    labels: re.Pattern[str]
    example: str  # titles named when a header lacks every usable column


_DIALECTS: dict[str, _Dialect] = {
    "google": _Dialect(
        (_GOOGLE,), _GOOGLE_NUMBERED, _LABELS_GOOGLE, "'First Name', 'E-mail 1 - Value'"
    ),
    "google_legacy": _Dialect(
        (_GOOGLE_LEGACY,), _GOOGLE_NUMBERED, _LABELS_GOOGLE, "'Name', 'E-mail 1 - Value'"
    ),
    "outlook": _Dialect(
        (_OUTLOOK_EN, _OUTLOOK_NL),
        {},
        _LABELS_OUTLOOK,
        "'First Name', 'E-mail Address' or 'Voornaam', 'E-mailadres'",
    ),
    "generic": _Dialect((), {}, _LABELS_GENERIC, "the columns of the mapping"),
}

# Labels Google adds by itself; they say nothing about where I know someone from.
_SYSTEM_LABELS = frozenset({"mycontacts", "my contacts", "starred"})
_SYSTEM_LABEL_PATTERN = re.compile(r"imported on\b")
_SYSTEM_GROUP_PREFIX = re.compile(r"^system group:\s*", re.IGNORECASE)

# Surname particles (Dutch tussenvoegsels and their neighbours); compared lower-cased.
_PARTICLES = frozenset(
    (
        *("van", "der", "den", "de", "het", "'t", "te", "ter", "ten", "vd", "v.d."),  # Dutch
        *("in", "op", "aan", "bij", "uit", "onder", "voor"),  # Dutch
        *("von", "vom", "zu", "zum", "zur"),  # German
        *("du", "des", "la", "le", "les", "d'", "l'"),  # French
        *("di", "da", "del", "della", "dos", "das"),  # Italian, Portuguese, Spanish
        *("al", "el", "bin", "ibn"),  # Arabic
    )
)

_VALUE_SEPARATOR = re.compile(r"\s*(?::::|;)\s*")
_EMAIL_SEPARATOR = re.compile(r"\s*(?::::|[;,])\s*")
_WEBSITE_SEPARATOR = re.compile(r"(?:\s*(?::::|[;,])\s*|\s+)")
_MULTI_VALUE = re.compile(r"\s+:::\s+")
_ANGLE_ADDRESS = re.compile(r"<([^<>]*)>")
_DISPLAY_NAME = re.compile(r"^(?P<name>.*?)\s*\((?P<address>[^()]*@[^()]*)\)\s*$")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACK_ENCODING = "cp1252"
_DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r'"?sep=(?P<delimiter>[,;\t|])"?(?=\r|\n|$)', re.IGNORECASE)
_REPLACEMENT = "\ufffd"
_HEADER_EXPECTED = "a Google, Outlook or mapped CSV header"


# --- public API ------------------------------------------------------------------------------


def detect_format(header: Sequence[str]) -> str | None:
    """The format of a contact CSV by its header row (``google``, ``google_legacy``, ``outlook``),
    or ``None`` when it matches none; ``generic`` is never detected."""
    titles = {_norm(title) for title in header}
    if any(_numbered_field(title, _GOOGLE_NUMBERED) for title in titles):
        titles.add(_ANY_NUMBERED)
    for format_name, signatures in _SIGNATURES.items():
        for signature in signatures:
            if all(_norm(title) in titles for title in signature):
                return format_name
    return None


def parse_contacts_csv(
    data: bytes,
    file: str,
    format: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ParsedSource:
    """Read a contact CSV. ``format=None`` detects the format from the header, or means
    ``generic`` when a ``mapping`` is given.

    ``mapping`` goes from our field names — ``name, given_name, middle_name, family_name,
    organisation, role, sector, region, email, phone, profile_url, note, contexts, birthday`` —
    to column titles of the file (case-insensitive). A value may name several columns separated
    by ``|``
    (``{"email": "E-mail|E-mail work"}``); a field may also be repeated under a suffixed key,
    ``email2`` or ``email#work``. Every named column that the header has is read; a field of
    which no column is found is an error. With a built-in format the mapped columns come before
    that format's own.
    """
    if format is not None and format not in FORMATS:
        raise ImportFormatError(
            file, Phrase("a format out of {formats}", formats=", ".join(FORMATS)), repr(format)
        )
    decoded = _decode(bytes(data))
    text, delimiter = _delimiter(decoded.text)
    rows = _rows(text, delimiter)
    header_line, header = _header(rows, file)
    chosen = _choose_format(header, header_line, file, format, mapping)
    layout = _Layout(
        header=tuple(header),
        columns=_columns(header, header_line, file, _DIALECTS[chosen], mapping),
        labels=_DIALECTS[chosen].labels,
        encoding=decoded.encoding if decoded.lossy else None,
    )
    if not _PERSON_FIELDS & layout.columns.keys():
        raise ImportFormatError(
            file,
            Phrase(
                "a {format} header with name, organisation or e-mail columns (such as {example})",
                format=chosen,
                example=_DIALECTS[chosen].example,
            ),
            _found(header),
            line=header_line,
        )
    return _parse_rows(rows, layout, file)


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Decoded:
    text: str
    encoding: str
    lossy: bool  # undecodable bytes were replaced by U+FFFD


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: list[str]
    too_long: tuple[int, int] | None = None  # column and size of a field over the limit


@dataclass(frozen=True, slots=True)
class _Layout:
    header: tuple[str, ...]
    columns: dict[str, tuple[int, ...]]  # our field → column positions, most wanted first
    labels: re.Pattern[str]
    encoding: str | None  # set when decoding was lossy: used cells are then checked


def _decode(data: bytes) -> _Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding)
    try:
        return _Decoded(data.decode("utf-8"), "utf-8", lossy=False)
    except UnicodeDecodeError:
        damaged = data.decode("utf-8", errors="replace")
    if any(ord(char) > 127 and char != _REPLACEMENT for char in damaged):
        return _Decoded(damaged, "utf-8", lossy=True)
    return _decode_as(data, _FALLBACK_ENCODING)


def _decode_as(data: bytes, encoding: str) -> _Decoded:
    try:
        return _Decoded(data.decode(encoding), encoding, lossy=False)
    except UnicodeDecodeError:
        return _Decoded(data.decode(encoding, errors="replace"), encoding, lossy=True)


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter, and the text with an Excel ``sep=`` line emptied (its line stays)."""
    text = text.removeprefix("\ufeff")
    sep_line = _SEP_LINE.match(text)
    if sep_line:
        return text[sep_line.end() :], sep_line["delimiter"]
    # the first 64 KiB say it (io.StringIO holds four bytes a character: not the whole file)
    first = next((line for line in io.StringIO(text[:65536], newline="") if line.strip()), "")
    return text, max(_DELIMITERS, key=lambda delimiter: _count_columns(first, delimiter))


def _count_columns(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        return 0


def _rows(text: str, delimiter: str) -> Iterator[_Row]:
    """Rows with the physical line each starts on (``ingest/csv_records.py``); a row with a
    field over the limit comes without cells, with that field's column and size."""
    for record in records(text, delimiter):
        yield _Row(record.line, record.cells, record.too_long)


def _column(header: Sequence[str], position: int) -> str:
    """A column as a message names it: its title, else its number."""
    return header[position] if position < len(header) else Phrase("column {n}", n=position + 1)


def _header(rows: Iterator[_Row], file: str) -> tuple[int, list[str]]:
    for row in rows:
        if row.too_long:
            column, size = row.too_long
            raise too_long_error(file, row.line, Phrase("column {n}", n=column + 1), size)
        if not _is_blank(row.cells):
            return row.line, row.cells
    raise ImportFormatError(file, _HEADER_EXPECTED, "an empty file", line=1)


def _choose_format(
    header: Sequence[str],
    line: int,
    file: str,
    format: str | None,
    mapping: Mapping[str, str] | None,
) -> str:
    chosen = format or ("generic" if mapping else detect_format(header))
    if chosen is None:
        raise ImportFormatError(file, _HEADER_EXPECTED, _found(header), line=line)
    if chosen == "generic" and not mapping:
        raise ImportFormatError(
            file, "a column mapping for the generic format", "no mapping", field="mapping"
        )
    return chosen


def _columns(
    header: Sequence[str],
    line: int,
    file: str,
    dialect: _Dialect,
    mapping: Mapping[str, str] | None,
) -> dict[str, tuple[int, ...]]:
    """Our field → the positions of its columns: mapped ones, then named, then numbered."""
    positions: dict[str, list[int]] = {}
    for position, title in enumerate(header):
        positions.setdefault(_norm(title), []).append(position)
    found: dict[str, list[int]] = {}

    def add(field: str, titles: Sequence[str]) -> list[int]:
        new = [p for title in titles for p in positions.get(_norm(title), ())]
        column = found.setdefault(field, [])
        column.extend(p for p in new if p not in column)
        return new

    for field, titles in _mapped_titles(mapping, file).items():
        if not add(field, titles):
            raise ImportFormatError(
                file,
                Phrase(
                    "a column {titles} for {field!r}, as the mapping says",
                    titles=" or ".join(map(repr, titles)),
                    field=field,
                ),
                _found(header),
                line=line,
                field=titles[0],
            )
    for table in dialect.tables:
        for field, titles in table.items():
            add(field, titles)
    for field, titles in _numbered_titles(header, dialect.numbered).items():
        add(field, titles)
    return {field: tuple(column) for field, column in found.items() if column}


def _mapped_titles(mapping: Mapping[str, str] | None, file: str) -> dict[str, list[str]]:
    titles: dict[str, list[str]] = {}
    for key, value in (mapping or {}).items():
        match = re.fullmatch(r"([a-z_]+?)(?:\d+|#.*)?", str(key).strip().lower())
        field = match[1] if match else str(key)
        if field not in _MAPPING_FIELDS:
            raise ImportFormatError(
                file,
                Phrase("a field name out of {fields}", fields=", ".join(_MAPPING_FIELDS)),
                repr(key),
                field=str(key),
            )
        names = value.split("|") if isinstance(value, str) else list(value)
        names = [name.strip() for name in names if name and name.strip()]
        if not names:
            raise ImportFormatError(file, "a column title", repr(value), field=str(key))
        titles.setdefault(field, []).extend(names)
    return titles


def _numbered_titles(
    header: Sequence[str], numbered: Mapping[tuple[str, str], str]
) -> dict[str, list[str]]:
    """Google's numbered titles per field, ordered by their number."""
    ranked: dict[str, list[tuple[int, str]]] = {}
    for title in header:
        found = _numbered_field(_norm(title), numbered)
        if found:
            ranked.setdefault(found[0], []).append((found[1], title))
    return {field: [title for _, title in sorted(pairs)] for field, pairs in ranked.items()}


def _numbered_field(title: str, numbered: Mapping[tuple[str, str], str]) -> tuple[str, int] | None:
    """Our field and the number of a numbered title (normalised), e.g. ("phone", 3)."""
    match = _NUMBERED_TITLE.fullmatch(title)
    if match is None:
        return None
    field = numbered.get((match["kind"], match["part"]))
    return (field, int(match["n"])) if field else None


# --- rows to records -------------------------------------------------------------------------


def _parse_rows(rows: Iterator[_Row], layout: _Layout, file: str) -> ParsedSource:
    parsed = ParsedSource(source="csv", file=file, read=0)
    keys: set[str] = set()
    header = [_norm(title) for title in layout.header]

    def skip(line: int, why: str) -> None:
        parsed.skipped += 1
        parsed.skips.append(Skip(file, line, why))

    for row in rows:
        parsed.read = (parsed.read or 0) + 1
        if row.too_long:
            column, size = row.too_long
            message = too_long_message(_column(layout.header, column), size, "row skipped")
            parsed.warnings.append(ImportWarning(file, row.line, message))
            continue
        if _is_blank(row.cells):
            skip(row.line, "a blank row")
            continue
        if [_norm(cell) for cell in row.cells] == header:
            skip(row.line, "the header again")
            continue
        problem = _row_problem(row.cells, layout)
        if problem:
            parsed.warnings.append(ImportWarning(file, row.line, problem))
            continue
        cells = _cells(row.cells, layout)
        person = _person(cells, row.line, layout)
        if person is None:
            skip(row.line, "a row without name, organisation, e-mail, phone or profile")
            continue
        person = _with_birthday(person, cells, layout, parsed.warnings, file)
        key = _unique_key(person, keys)
        keys.add(key)
        parsed.persons.append(replace(person, key=key))
    return parsed


def _row_problem(cells: Sequence[str], layout: _Layout) -> str | None:
    width = len(layout.header)
    if len(cells) != width:
        return f"expected {width} columns as in the header, found {len(cells)}; row skipped"
    if layout.encoding is None:
        return None
    for columns in layout.columns.values():
        for position in columns:
            if _REPLACEMENT in cells[position]:
                return (
                    f"field {layout.header[position]!r}: expected text in {layout.encoding}, "
                    "found bytes that cannot be decoded; row skipped"
                )
    return None


def _cells(cells: Sequence[str], layout: _Layout) -> dict[str, list[str]]:
    """The non-empty values of each of our fields, columns in order of preference."""
    values: dict[str, list[str]] = {}
    for field, columns in layout.columns.items():
        found = [cells[p].strip() for p in columns if cells[p].strip()]
        if found:
            values[field] = found
    return values


def _person(cells: Mapping[str, list[str]], line: int, layout: _Layout) -> PersonRecord | None:
    given, middle, family = (
        _single(cells, f) for f in ("given_name", "middle_name", "family_name")
    )
    organisation = _single(cells, "organisation")
    identifiers = _identifiers(cells)
    name = _full_name(cells, given, middle, family)
    if not (name or organisation or identifiers):
        return None
    return PersonRecord(
        key="",
        name=name or organisation or identifiers[0].value,
        line=line,
        given_name=given,
        family_name=_family_name(middle, family),
        organisation=organisation,
        role=_single(cells, "role"),
        sector=_single(cells, "sector"),
        region=_single(cells, "region"),
        identifiers=identifiers,
        contexts=_contexts(cells, layout.labels),
        note=_note(cells),
    )


def _with_birthday(
    person: PersonRecord,
    cells: Mapping[str, list[str]],
    layout: _Layout,
    warnings: list[ImportWarning],
    file: str,
) -> PersonRecord:
    """The person with the birthday of their row (Google: ``1985-04-15``, ``--04-15`` without
    the year; ``tiewise.birthdays.read_birthday``); one that does not read is a warning quoting
    it, and the row is kept without it."""
    value = _single(cells, "birthday")
    if value is None:
        return person
    try:
        return replace(person, birthday=read_birthday(value))
    except BirthdayError as error:
        title = layout.header[layout.columns["birthday"][0]]
        message = f"field {title!r}: {error}; the value was left out"
        warnings.append(ImportWarning(file, person.line, message))
        return person


def _single(cells: Mapping[str, list[str]], field: str) -> str | None:
    for value in cells.get(field, ()):
        first = " ".join(_MULTI_VALUE.split(value, maxsplit=1)[0].split())
        if first:
            return first
    return None


def _full_name(
    cells: Mapping[str, list[str]], given: str | None, middle: str | None, family: str | None
) -> str | None:
    parts = " ".join(part for part in (given, middle, family) if part)
    return (
        _single(cells, "name")
        or parts
        or _single(cells, "nickname")
        or _display_name(_single(cells, "display_name"))
    )


def _display_name(value: str | None) -> str | None:
    """``Anouk de Vries (anouk@example.nl)`` → ``Anouk de Vries``; a bare address is no name."""
    if not value:
        return None
    match = _DISPLAY_NAME.match(value)
    name = match["name"].strip() if match else value
    return None if "@" in name or not name else name


def _family_name(middle: str | None, family: str | None) -> str | None:
    if middle and family and _is_particle(middle):
        return f"{middle} {family}"
    return family


def _is_particle(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and all(word in _PARTICLES for word in words)


def _note(cells: Mapping[str, list[str]]) -> str | None:
    notes = [value.replace("\r\n", "\n").replace("\r", "\n") for value in cells.get("note", ())]
    return "\n".join(notes) or None


def _contexts(cells: Mapping[str, list[str]], separator: re.Pattern[str]) -> tuple[str, ...]:
    labels: dict[str, None] = {}
    for cell in cells.get("contexts", ()):
        for part in separator.split(cell):
            label = _label(part)
            if label:
                labels.setdefault(label)
    return tuple(labels)


def _label(text: str) -> str | None:
    label = _SYSTEM_GROUP_PREFIX.sub("", text.strip().removeprefix("*").strip())
    label = " ".join(label.split()).lower()
    if not label or label in _SYSTEM_LABELS or _SYSTEM_LABEL_PATTERN.match(label):
        return None
    return label


# --- identifiers -----------------------------------------------------------------------------


def _identifiers(cells: Mapping[str, list[str]]) -> tuple[Identifier, ...]:
    found: dict[tuple[IdentifierKind, str], Identifier] = {}
    candidates = (
        *(_email(value) for value in _emails(cells)),
        *(_phone(value) for value in _split(cells.get("phone", ()), _VALUE_SEPARATOR)),
        *(person_profile(value) for value in _websites(cells)),
    )
    for candidate in candidates:
        if candidate is not None:
            found.setdefault((candidate.kind, candidate.value), candidate)
    return tuple(found.values())


def _split(values: Sequence[str], separator: re.Pattern[str]) -> list[str]:
    return [part for value in values for part in separator.split(value) if part.strip()]


def _emails(cells: Mapping[str, list[str]]) -> list[str]:
    emails = _split(cells.get("email", ()), _EMAIL_SEPARATOR)
    for value in cells.get("display_name", ()):
        match = _DISPLAY_NAME.match(value)
        if match:
            emails.append(match["address"])
    return emails


def _websites(cells: Mapping[str, list[str]]) -> list[str]:
    return _split([*cells.get("website", ()), *cells.get("profile_url", ())], _WEBSITE_SEPARATOR)


def _email(value: str) -> Identifier | None:
    angle = _ANGLE_ADDRESS.search(value)
    return identifier(IdentifierKind.EMAIL, angle[1] if angle else value)


def _phone(value: str) -> Identifier | None:
    """A number in E.164: valid, or written internationally (kept, not an identity); an
    extension, a short code or text is no identifier (``identifiers.phone_number``)."""
    found = phone_number(value)
    return Identifier(IdentifierKind.PHONE, found[0]) if found else None


# --- keys and small helpers ------------------------------------------------------------------


def _unique_key(person: PersonRecord, taken: set[str]) -> str:
    key = _base_key(person)
    while key in taken:
        key = f"{key}#{person.line}"
    return key


def _base_key(person: PersonRecord) -> str:
    for kind in (IdentifierKind.EMAIL, IdentifierKind.PHONE):
        for found in person.identifiers:
            if found.kind == kind and is_identity(found):
                return found.value
    return f"csv:name:{person.name}|{person.organisation or ''}"


def _norm(title: str) -> str:
    """A column title compared: NFC, no BOM, blanks collapsed, case-folded."""
    text = unicodedata.normalize("NFC", title.replace("\ufeff", ""))
    return " ".join(text.split()).casefold()


def _is_blank(cells: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _found(header: Sequence[str]) -> str:
    """The first columns of a header, shortened, for an error message."""
    shown = [repr(title[:40]) for title in header[:4]]
    more = ", …" if len(header) > 4 else ""
    return Phrase("columns {columns}", columns=", ".join(shown) + more) if shown else "no columns"
