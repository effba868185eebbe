"""LinkedIn "Download your data" export → :class:`~tiewise.ingest.records.ParsedSource`.

The export is a zip of UTF-8 CSV files (CRLF line ends, sometimes a byte order mark). It can be
given as the zip itself, as the folder it was unpacked into, or as one or more of its CSV files.
Files are recognised by the name LinkedIn gives them (case-insensitive, anywhere in the zip or
folder); a CSV given on its own under another name is recognised by its header. Inside a zip or
folder only the known names count: an export holds dozens of other CSVs, some with similar
headers, and those are ignored. Columns are always found by name, never by position — LinkedIn
has added columns over the years and the older layouts are read too.

What each file becomes:

- ``Connections.csv`` — one :class:`PersonRecord` per connection (``is_connection=True``,
  ``met_how="LinkedIn"``, ``met_on`` = *Connected On*). The header is the first row holding
  ``First Name`` and ``Last Name``: the ``Notes:`` preamble before it (quoted or not, with its blank
  line) varies and is absent in older exports; the old header without ``URL`` is read as well.
  The key is the normalised profile URL, or ``linkedin:name:<first> <last>|<company>``.
- ``Invitations.csv`` — one :class:`InvitationRecord` per row (status pending: the export lists
  open invitations). ``INCOMING`` is inbound from *From*, ``OUTGOING`` is outbound to *To*. The
  invitation's ``person`` is set only when the same export also describes that person (by profile
  URL); a stranger's invitation does not create a contact.
- ``messages.csv`` — message metadata as :class:`InteractionRecord` (``kind=MESSAGE``,
  ``channel="linkedin"``): outbound when I sent it (participants: the recipients), inbound
  otherwise (participants: the sender and the other recipients). Everyone but me gets a
  :class:`PersonRecord` with ``is_connection=False``. Every pair of people (me excluded) in a
  conversation of three or more people gets one :class:`LinkRecord` per conversation.
  The 2018-2020 ``Messages.csv`` (``From,To,Date,Subject,Content,Direction,Folder``) has no
  conversation id and no URLs: *Direction* says who sent it, the sender of an OUTGOING row and
  the only recipient of an INCOMING one recognise me by name, and the conversation is the set of
  everyone's names.
- ``Endorsement_Received_Info.csv`` / ``Endorsement_Given_Info.csv`` and
  ``Recommendations_Received.csv`` / ``Recommendations_Given.csv`` — :class:`ExchangeRecord`
  (endorsement: the skill as description; recommendation: job title and company).
- ``Profile.csv`` (with ``Positions.csv`` for the current organisation and ``Email Addresses.csv``
  for my own addresses) — the :class:`MeRecord`.
  Its name also recognises me in the messages when ``me.name`` is empty.

Me is recognised by profile URL (``me``'s ``profile_url`` identifiers) or by name
(case-insensitive, ``me.name`` or the name in Profile.csv). When neither is known, I show up as an
ordinary participant: provide ``me`` for correct message directions.

Quirks handled: the ``Notes:`` preamble; the byte order mark; CRLF and newlines inside quoted
fields (records and messages carry the 1-based physical line where their row *starts*); rows of
only commas; hidden members (empty names); quoted companies with commas, quotes and emoji;
profile URLs without scheme; English month names whatever the locale (``15 Mar 2024``); US
``M/D/YY, h:mm AM`` times with a narrow no-break space (U+202F) before AM/PM; ``2023-05-01
14:22:10 UTC`` and ``2023/06/05 15:47:58 UTC``; other forms are tried with ``dateutil`` (month
before day) but only accepted when they name a full date. Aware times become naive UTC; times
without a zone are taken as they are (LinkedIn does not say which zone they are in).

Policies:

- *skipped* (``ParsedSource.skipped``, no warning): blank and comma-only rows, hidden members and
  parties without name or URL, message drafts (``IS MESSAGE DRAFT``), messages with nobody but me,
  rows repeating an invitation or exchange already read.
- *warned and skipped* (:class:`ImportWarning` naming file, line, column, expected and found): a
  row whose date cannot be read (*Connected On*, *Sent At*, *DATE*, *Endorsement Date*,
  *Creation Date*), an invitation *Direction* other than INCOMING/OUTGOING, a message without
  *CONVERSATION ID*. An empty *Connected On* is no error: the connection is kept without
  ``met_on``. An e-mail address or profile URL that is not valid is left out of the identifiers.
- *kept whatever their status*: endorsements and recommendations. The status tells whether
  LinkedIn shows them on the profile, not whether they were given: a hidden recommendation was
  still written, so it still counts in the give/receive ledger.
- *text*: message bodies (``CONTENT``) and recommendation texts are kept only with
  ``keep_message_text=True``; subjects and invitation notes (needed to triage invitations) always.
- *row left out with a warning*: a row holding a byte that is not UTF-8 (one damaged byte) or a
  NUL byte; the warning quotes the row (``\xe9`` for the byte).
- *file left out with a warning* (``file left out: expected …, found …``), the other files
  imported: a file of the export that cannot be read — not UTF-8 (UTF-16, or bytes that are not
  UTF-8 in more than one row in a hundred: another encoding), without its header
  (Connections.csv: no row with ``First Name``), rejected by the ``csv`` module (e.g. a field
  over its size limit), or a zip member that is damaged, encrypted, or larger than
  :data:`MAX_FILE_BYTES`.
- *raised* (:class:`~tiewise.errors.ImportFormatError`, nothing is returned): a path that does not
  exist or is not a zip, folder or CSV file; a zip whose directory cannot be read; a zip whose
  known files declare more than :data:`MAX_EXPORT_BYTES` together (refused before anything is
  inflated; a member is never inflated beyond its declared size); a zip or folder without any
  known file; a CSV given on its own that is not a LinkedIn export file; an export none of whose
  files can be read (the first file's error).

File names are matched whatever their case and whether words are joined by ``_`` or a space
(2017-2018 exports wrote ``Recommendations Given.csv``); older layouts read: Connections without
``URL`` (2018 also with ``Address``, ``Websites``, ``Instant Messengers``), Email Addresses with
``Is primary`` (2017: tab-separated), Invitations without the profile URL columns, the 2018
Profile.csv. docs/capture.md lists the layouts with their years and sources.

Keys: persons as above (``linkedin:name:<name>`` for people only seen in messages, endorsements and
recommendations without URL); ``linkedin:invitation:<direction>:<url or name>:<sent at>``,
``linkedin:message:<conversation id>:<date>:<sender key>`` (``:2``, ``:3`` … added when one sender
sends several messages in the same second),
``linkedin:endorsement:<direction>:<person>:<skill>:<day>`` and
``linkedin:recommendation:<direction>:<person>:<day>``, all built from the row alone, so they do
not change with the other files imported alongside.

Persons are deduplicated by key, the richer record winning (a connection over someone only seen in
a message); identifiers and contexts of both are kept. Someone seen only by name (a recipient in an
old messages.csv, a recommender) whose name is that of exactly one person with a profile URL in
the same export is taken to be that person: references to the name key (participants, links,
exchanges) point to the URL key instead. Connections are never merged by name.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import Enum
from itertools import combinations, islice
from pathlib import Path
from typing import Any

from dateutil import parser as dateutil_parser

from tiewise.errors import ImportFormatError
from tiewise.identifiers import identifier
from tiewise.ingest.records import (
    ME,
    ExchangeRecord,
    ImportWarning,
    InteractionRecord,
    InvitationRecord,
    LinkRecord,
    MeRecord,
    ParsedSource,
    PersonRecord,
)
from tiewise.model import (
    Direction,
    ExchangeDirection,
    ExchangeKind,
    Identifier,
    IdentifierKind,
    InteractionKind,
    Me,
)

__all__ = ["parse_linkedin"]

SOURCE = "linkedin"
_CONTEXTS = ("linkedin",)
_EXPORT = "a LinkedIn export: its .zip, the folder it was unpacked into, or its .csv files"
_UTF8 = "UTF-8 text, as LinkedIn writes its exports"
_SNIFF_ROWS = 10  # a header given on its own is looked for in this many first rows
_SHOW = 80  # at most this many characters of a found value go into a message
_HIDDEN_NAMES = frozenset({"linkedin member"})  # LinkedIn's placeholder for a hidden member
#: The most one CSV of an export may hold, unpacked; a heavy user's messages.csv (100,000
#: messages) is about 40 MiB. Larger files, and zip members declaring more, are refused unread.
MAX_FILE_BYTES = 256 * 2**20
#: The most the known files of one export may hold together, unpacked.
MAX_EXPORT_BYTES = 512 * 2**20
_CHUNK = 2**20  # zip members are inflated this many bytes at a time


# --- the files of an export -------------------------------------------------------------------


class _Kind(Enum):
    """The export files this parser reads, in the order they are read (Profile first: its name
    recognises me in the messages)."""

    PROFILE = "Profile"
    EMAIL_ADDRESSES = "Email Addresses"
    POSITIONS = "Positions"
    CONNECTIONS = "Connections"
    INVITATIONS = "Invitations"
    MESSAGES = "messages"
    ENDORSEMENTS_RECEIVED = "Endorsement_Received_Info"
    ENDORSEMENTS_GIVEN = "Endorsement_Given_Info"
    RECOMMENDATIONS_RECEIVED = "Recommendations_Received"
    RECOMMENDATIONS_GIVEN = "Recommendations_Given"

    @property
    def file_name(self) -> str:
        return f"{self.value}.csv"


@dataclass(frozen=True, slots=True)
class _Spec:
    """What the header of one kind of file looks like."""

    required: tuple[str, ...]  # columns that must be in the header row of a current export
    example: str  # the header of a current export, for error messages
    name_hint: str = ""  # recognising by header also needs this in the file name
    sniff: tuple[str, ...] = ()  # recognising by header also needs these columns
    older: tuple[tuple[str, ...], ...] = ()  # the required columns of older layouts

    def layout(self, columns: dict[str, int]) -> tuple[str, ...] | None:
        """The required columns of the layout this header row has, or None."""
        for wanted in (self.required, *self.older):
            if all(column.casefold() in columns for column in wanted):
                return wanted
        return None

    def recognises(self, columns: dict[str, int], file_name: str) -> bool:
        """Whether a CSV under an unknown name, with this header row, is of this kind."""
        if self.name_hint not in file_name.lower() or self.layout(columns) is None:
            return False
        return all(column.casefold() in columns for column in self.sniff)


_SPECS: dict[_Kind, _Spec] = {
    _Kind.PROFILE: _Spec(
        ("First Name", "Last Name", "Headline"),
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,...",
    ),
    _Kind.EMAIL_ADDRESSES: _Spec(  # 2017-2018: Email Address,Confirmed,Is primary,...
        ("Email Address", "Confirmed"),
        "Email Address,Confirmed,Primary,Updated On",
        name_hint="email",
    ),
    _Kind.POSITIONS: _Spec(
        ("Company Name", "Title", "Finished On"),
        "Company Name,Title,Description,Location,Started On,Finished On",
    ),
    _Kind.CONNECTIONS: _Spec(
        ("First Name", "Last Name"),
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        sniff=("Connected On",),  # else a recommendations file would pass for connections
    ),
    _Kind.INVITATIONS: _Spec(
        ("From", "To", "Sent At", "Direction"),
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    ),
    _Kind.MESSAGES: _Spec(
        ("CONVERSATION ID", "FROM", "TO", "DATE"),
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,...",
        older=(("FROM", "TO", "DATE", "DIRECTION"),),  # 2018-2020: From,To,Date,...,Direction
    ),
    _Kind.ENDORSEMENTS_RECEIVED: _Spec(
        ("Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name"),
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
        "Endorser Public Url,Endorsement Status",
    ),
    _Kind.ENDORSEMENTS_GIVEN: _Spec(
        ("Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name"),
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,"
        "Endorsee Public Url,Endorsement Status",
    ),
    _Kind.RECOMMENDATIONS_RECEIVED: _Spec(
        ("First Name", "Last Name", "Job Title", "Creation Date"),
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
        name_hint="received",
    ),
    _Kind.RECOMMENDATIONS_GIVEN: _Spec(
        ("First Name", "Last Name", "Job Title", "Creation Date"),
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
        name_hint="given",
    ),
}


def _name_key(base: str) -> str:
    """A file name as LinkedIn's names are compared: case, ``_`` or space and padding ignored
    (2017-2018 exports wrote ``Recommendations Given.csv``, later ones ``..._Given.csv``)."""
    return " ".join(base.replace("_", " ").split()).casefold()


_BY_NAME = {_name_key(kind.file_name): kind for kind in _Kind}
_KNOWN_NAMES = ", ".join(kind.file_name for kind in _Kind)


@dataclass(frozen=True, slots=True)
class _CsvFile:
    """One CSV to read. ``name`` is how messages name it (``export.zip:Connections.csv``);
    ``kind`` is None when the name is not one of LinkedIn's."""

    name: str
    data: bytes
    kind: _Kind | None


def _kind_by_name(member: str) -> _Kind | None:
    base = member.replace("\\", "/").rsplit("/", 1)[-1]
    if member.startswith("__MACOSX/") or base.startswith("._"):
        return None
    return _BY_NAME.get(_name_key(base))


def _collect(paths: Sequence[Path]) -> tuple[list[_CsvFile], list[ImportFormatError]]:
    """The CSVs to read, and the errors of known files that could not even be read (a member of
    the zip that is damaged or too large): those are left out, the others are read."""
    if not paths:
        raise ImportFormatError("(no file)", _EXPORT, "no file at all")
    files: list[_CsvFile] = []
    failures: list[ImportFormatError] = []
    for path in paths:
        found, failed = _files_of(Path(path))
        files += found
        failures += failed
    return files, failures


def _files_of(path: Path) -> tuple[list[_CsvFile], list[ImportFormatError]]:
    if not path.exists():
        raise ImportFormatError(path, _EXPORT, "no such file or folder")
    if path.is_dir():
        return _folder_files(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _check_size(path, path.stat().st_size)
        return [_CsvFile(str(path), _read_bytes(path), _kind_by_name(path.name))], []
    if suffix == ".zip" or _looks_like_zip(path):
        return _zip_files(path)
    raise ImportFormatError(path, _EXPORT, f"a {suffix or 'extensionless'} file that is not a zip")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFormatError(path, "a readable file", f"{error.strerror or error}") from None


def _looks_like_zip(path: Path) -> bool:
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


def _check_size(name: object, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ImportFormatError(
            name, f"a LinkedIn export file of at most {_mib(MAX_FILE_BYTES)}", f"{_mib(size)}"
        )


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB" if size >= 2**20 else f"{size:,} bytes"


def _folder_files(folder: Path) -> tuple[list[_CsvFile], list[ImportFormatError]]:
    found: list[_CsvFile] = []
    failures: list[ImportFormatError] = []
    for path in sorted(folder.rglob("*")):
        kind = _kind_by_name(path.relative_to(folder).as_posix()) if path.is_file() else None
        if kind is None:
            continue
        try:
            _check_size(path, path.stat().st_size)
            found.append(_CsvFile(str(path), _read_bytes(path), kind))
        except (ImportFormatError, OSError) as error:
            failures.append(_as_format_error(path, error))
    if not found and not failures:
        raise ImportFormatError(folder, f"{_EXPORT} (one of {_KNOWN_NAMES})", "none of those files")
    return found, failures


def _as_format_error(name: object, error: Exception) -> ImportFormatError:
    if isinstance(error, ImportFormatError):
        return error
    reason = error.strerror if isinstance(error, OSError) and error.strerror else "an error"
    return ImportFormatError(name, "a readable file", reason)


def _zip_files(path: Path) -> tuple[list[_CsvFile], list[ImportFormatError]]:
    """The known members of the zip. Their declared sizes are checked before anything is
    inflated (one file at most :data:`MAX_FILE_BYTES`, together at most
    :data:`MAX_EXPORT_BYTES`), and the inflated bytes are counted too, so a zip bomb is refused
    without being unpacked. A member that is damaged, encrypted or too large is left out with
    its error; a zip whose directory cannot be read at all raises."""
    found: list[_CsvFile] = []
    failures: list[ImportFormatError] = []
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                (info, kind)
                for info in archive.infolist()
                if not info.is_dir() and (kind := _kind_by_name(info.filename)) is not None
            ]
            declared = sum(info.file_size for info, _kind in members)
            if declared > MAX_EXPORT_BYTES:
                raise ImportFormatError(
                    path,
                    f"a LinkedIn export that unpacks to at most {_mib(MAX_EXPORT_BYTES)}",
                    f"export files that unpack to {_mib(declared)}",
                )
            for info, kind in members:
                name = f"{path}:{info.filename}"
                try:
                    found.append(_CsvFile(name, _inflate(archive, info, name), kind))
                except ImportFormatError as error:
                    failures.append(error)
    # IndexError: zipfile's is_dir() on a member whose name a corrupt directory left empty
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ValueError,
        IndexError,
        struct.error,
        OSError,
    ):
        raise ImportFormatError(
            path, "a readable zip archive", "a corrupt zip (its directory cannot be read)"
        ) from None
    if not found and not failures:
        raise ImportFormatError(path, f"{_EXPORT} (one of {_KNOWN_NAMES})", "none of those files")
    return found, failures


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """The member's bytes, read in chunks and never more than its declared size allows."""
    _check_size(name, info.file_size)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > min(info.file_size, MAX_FILE_BYTES):
                    raise ImportFormatError(
                        name,
                        f"a zip member of the {info.file_size:,} bytes its header declares",
                        "more bytes than declared",
                    )
                chunks.append(chunk)
    except ImportFormatError:
        raise
    except RuntimeError:  # zipfile's word for an encrypted member
        raise ImportFormatError(name, "an unencrypted zip member", "an encrypted one") from None
    except NotImplementedError:  # e.g. an unsupported compression method
        method = info.compress_type
        found = f"compression method {method}, which Python cannot unpack"
        raise ImportFormatError(name, "a zip member compressed with deflate", found) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error, OSError):
        raise ImportFormatError(
            name, "a zip member that unpacks to what its checksum says", "damaged data"
        ) from None
    return b"".join(chunks)


# --- CSV text, rows and headers ---------------------------------------------------------------

_SURROGATE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept by surrogateescape


def _decode(file: _CsvFile) -> str:
    """The file as text. A byte that is not UTF-8 is kept as a lone surrogate (surrogateescape):
    the row holding it is left out with a warning (:func:`_table`), not the whole file."""
    data = file.data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFormatError(file.name, _UTF8, "UTF-16 text (a UTF-16 byte order mark)", line=1)
    head = data[:4096]
    if head and head.count(0) * 4 > len(head):
        raise ImportFormatError(file.name, _UTF8, "UTF-16 text (NUL bytes between letters)", line=1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="surrogateescape")


def _not_utf8(file: str, line: int, text: str) -> ImportFormatError:
    bad = ord(_SURROGATE.search(text)[0]) - 0xDC00  # type: ignore[index]
    return ImportFormatError(
        file,
        _UTF8,
        f"byte 0x{bad:02X}, which is not UTF-8 (saved as Latin-1, Windows-1252 or UTF-16?)",
        line=line,
    )


@dataclass(frozen=True, slots=True)
class _Row:
    """One CSV record; ``line`` is the physical line it starts on."""

    line: int
    cells: list[str]
    columns: dict[str, int]

    def text(self, column: str) -> str:
        """The cell under ``column``, empty when absent; line ends become newlines."""
        index = self.columns.get(column.casefold())
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].replace("\r\n", "\n").replace("\r", "\n").strip()

    def get(self, column: str) -> str:
        """The cell under ``column`` on one line: every run of white space one space."""
        return " ".join(self.text(column).split())

    @property
    def blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


def _records(name: str, text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """Every CSV record with the 1-based physical line it starts on (quoted newlines counted)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFormatError(
            name, "well-formed CSV", _csv_problem(error, text, start), line=start
        ) from None
    return records


def _csv_problem(error: csv.Error, text: str, line: int) -> str:
    """What the csv module objected to, in the terms of the input rather than its message."""
    if "field limit" in str(error):
        return f"a field longer than {csv.field_size_limit():,} characters"
    found = next(islice(io.StringIO(text, newline=""), line - 1, None), "")
    return f"a record the csv module cannot split: {_quote(found.rstrip(chr(13) + chr(10)))}"


def _columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        columns.setdefault(cell.strip().lstrip("\ufeff").strip().casefold(), index)
    return columns


@dataclass(frozen=True, slots=True)
class _Table:
    file: str
    kind: _Kind
    rows: list[_Row]
    layout: tuple[str, ...] = ()  # the required columns of the layout the header has
    damaged: list[tuple[int, str]] = field(default_factory=list)  # rows left out: line, found


def _table(file: _CsvFile) -> _Table:
    text = _decode(file)
    records = _records(file.name, text)
    kind = file.kind or _sniff(file, text, records)
    found = _header(records, kind)
    if found is None and "\t" in text[:4096]:  # 2017 exports wrote some files tab-separated
        tab_records = _records(file.name, text, "\t")
        if (found := _header(tab_records, kind)) is not None:
            records = tab_records
    if found is None:
        if _SURROGATE.search(text):
            line = next(line for line, cells in records if _SURROGATE.search(",".join(cells)))
            raise _not_utf8(file.name, line, ",".join(dict(records)[line]))
        raise _missing_header(file.name, kind, text, records)
    position, layout = found
    header_line, header = records[position]
    if _SURROGATE.search(",".join(header)):
        raise _not_utf8(file.name, header_line, ",".join(header))
    columns = _columns(header)
    rows: list[_Row] = []
    damaged: list[tuple[int, str]] = []
    for line, cells in records[position + 1 :]:
        joined = ",".join(cells)
        if _SURROGATE.search(joined) or "\x00" in joined:
            damaged.append((line, joined))
        else:
            rows.append(_Row(line, cells, columns))
    # one damaged byte costs its row; a file in another encoding is refused as a whole
    if len(damaged) > max(1, (len(rows) + len(damaged)) // 100):
        line, joined = next((d for d in damaged if _SURROGATE.search(d[1])), damaged[0])
        if _SURROGATE.search(joined):
            raise _not_utf8(file.name, line, joined)
        raise ImportFormatError(file.name, _UTF8, "NUL bytes in several rows", line=line)
    return _Table(file.name, kind, rows, layout, damaged)


def _header(
    records: list[tuple[int, list[str]]], kind: _Kind
) -> tuple[int, tuple[str, ...]] | None:
    """The position of the header row and the layout it has."""
    spec = _SPECS[kind]
    for position, (_line, cells) in enumerate(records):
        layout = spec.layout(_columns(cells))
        if layout is not None:
            return position, layout
    return None


def _sniff(file: _CsvFile, text: str, records: list[tuple[int, list[str]]]) -> _Kind:
    """The kind of a CSV given under a name LinkedIn does not use, from its header."""
    tabs = "\t" in text[:4096]  # 2017 exports wrote some files tab-separated
    for delimiter in (",", "\t") if tabs else (",",):
        table = records if delimiter == "," else _records(file.name, text, delimiter)
        for _line, cells in table[:_SNIFF_ROWS]:
            columns = _columns(cells)
            for kind, spec in _SPECS.items():
                if spec.recognises(columns, file.name):
                    return kind
    line, found = _first_line(text)
    raise ImportFormatError(
        file.name, f"one of the LinkedIn export files ({_KNOWN_NAMES})", found, line=line
    )


def _missing_header(
    name: str, kind: _Kind, text: str, records: list[tuple[int, list[str]]]
) -> ImportFormatError:
    spec = _SPECS[kind]
    line, found = _first_line(text)
    first = next((cells for _, cells in records if any(c.strip() for c in cells)), [])
    columns = _columns(first)
    missing = next((c for c in spec.required if c.casefold() not in columns), spec.required[0])
    return ImportFormatError(
        name,
        f"the LinkedIn {kind.value} header with {', '.join(spec.required)}, like '{spec.example}'",
        found,
        line=line,
        field=missing,
    )


def _first_line(text: str) -> tuple[int | None, str]:
    """The first non-blank physical line and its number, as a message shows it."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.strip():
            return number, _quote(line.rstrip("\r\n"))
    return None, "an empty file"


def _quote(value: str) -> str:
    """``value`` as a message quotes it: at most :data:`_SHOW` characters, line ends and bytes
    that are not UTF-8 written out (``\\n``, ``\\xE9``)."""
    shown = value if len(value) <= _SHOW else value[: _SHOW - 1] + "…"
    shown = shown.replace("\r", "\\r").replace("\n", "\\n").replace("\x00", "\\x00")
    return "'" + _SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02X}", shown) + "'"


# --- dates and times --------------------------------------------------------------------------

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_SPACES = re.compile(r"[\s\u202f\u00a0\u2009]+")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})")
_CLOCK = r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:\s*([AaPp])\.?[Mm]\.?)?"
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:(?:,\s*|\s+)" + _CLOCK + ")?")
_ISO_DATE = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)" + _CLOCK + r")?(?:\s*(?:UTC|GMT|Z))?",
    re.IGNORECASE,
)
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _month(word: str) -> int | None:
    word = word.lower()
    if word == "sept":
        return 9
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word) and len(word) >= 3:
            return number
    return None


def _english_day(text: str) -> date | None:
    """``15 Mar 2024``, with English month names whatever the locale."""
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match is None or (month := _month(match[2])) is None:
        return None
    try:
        return date(int(match[3]), month, int(match[1]))
    except ValueError:
        return None


def _clock(
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    half: str | None,
) -> datetime | None:
    """A datetime from the parts of a match (``half``: ``a`` or ``p`` of a 12-hour clock)."""
    hours = int(hour or 0)
    if half is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half.lower() == "p" else 0)
    try:
        return datetime(year, month, day, hours, int(minute or 0), int(second or 0))
    except ValueError:
        return None


def _us_datetime(text: str) -> datetime | None:
    """``3/14/24, 9:05 AM`` — month first, as LinkedIn writes it."""
    match = _US_DATE.fullmatch(text)
    if match is None:
        return None
    month, day, year = int(match[1]), int(match[2]), int(match[3])
    if len(match[3]) == 2:
        year += 2000 if year < 70 else 1900
    return _clock(year, month, day, *match.groups()[3:])


def _iso_datetime(text: str) -> datetime | None:
    """``2023-05-01 14:22:10 UTC``, ``2023/06/05 15:47:58 UTC``, ``2026-06-01 08:00 UTC``."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return None
    return _clock(int(match[1]), int(match[2]), int(match[3]), *match.groups()[3:])


def _any_datetime(text: str) -> datetime | None:
    """Anything else dateutil reads (month before day), provided it names a whole date."""
    if len(text) > 64 or not any(char.isdigit() for char in text):
        return None
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names: read as naive
        for default in _DEFAULTS:
            try:
                parsed = dateutil_parser.parse(text, default=default, dayfirst=False)
                if parsed.tzinfo is not None:
                    parsed = parsed.astimezone(UTC).replace(tzinfo=None)
            except (ValueError, ArithmeticError):  # dateutil: also decimal.InvalidOperation
                return None
            results.append(parsed)
    return results[0] if results[0] == results[1] else None


def _parse_datetime(text: str) -> datetime | None:
    """A LinkedIn time as naive UTC (or as written when it has no zone); None if unreadable."""
    text = _clean(text)
    if not text:
        return None
    return _iso_datetime(text) or _us_datetime(text) or _any_datetime(text)


def _parse_day(text: str) -> date | None:
    text = _clean(text)
    found = _english_day(text)
    if found is not None:
        return found
    moment = _parse_datetime(text)
    return moment.date() if moment is not None else None


# --- people -----------------------------------------------------------------------------------


def _profile_url(value: str) -> Identifier | None:
    return identifier(IdentifierKind.PROFILE_URL, value) if value else None


def _email(value: str) -> Identifier | None:
    return identifier(IdentifierKind.EMAIL, value) if value else None


def _full_name(*parts: str) -> str:
    return " ".join(" ".join(parts).split())


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class _Party:
    """Someone named in a message, an endorsement or a recommendation."""

    name: str
    url: Identifier | None

    @property
    def key(self) -> str:
        return self.url.value if self.url else f"linkedin:name:{self.name}"


def _party(name: str, url: str) -> _Party | None:
    """None for a hidden member: no URL and no name (or LinkedIn's placeholder name)."""
    name = _full_name(name)
    profile = _profile_url(url)
    if profile is None and (not name or name.casefold() in _HIDDEN_NAMES):
        return None
    if not name and profile is not None:
        name = profile.value
    return _Party(name, profile)


class _MeMatcher:
    """Recognises me by profile URL or by name."""

    def __init__(self, me: Me) -> None:
        urls = (_profile_url(value) for value in me.values(IdentifierKind.PROFILE_URL))
        self.urls = {url.value for url in urls if url is not None}
        self.names = {_fold(me.name)} - {""}

    def add_name(self, name: str | None) -> None:
        if name and _fold(name):
            self.names.add(_fold(name))

    def __call__(self, party: _Party) -> bool:
        if party.url is not None and party.url.value in self.urls:
            return True
        return _fold(party.name) in self.names


def _richness(person: PersonRecord) -> tuple[bool, int]:
    """How much a record says: a connection beats someone only seen, then count what is known."""
    fields = (person.given_name, person.family_name, person.organisation, person.role)
    filled = sum(value is not None for value in (*fields, person.met_on, person.met_how))
    return person.is_connection, filled + len(person.identifiers)


def _combine(kept: PersonRecord, other: PersonRecord) -> PersonRecord:
    """``kept``, with the identifiers and contexts only ``other`` has added."""
    known = {(i.kind, i.value) for i in kept.identifiers}
    identifiers = kept.identifiers + tuple(
        i for i in other.identifiers if (i.kind, i.value) not in known
    )
    contexts = kept.contexts + tuple(c for c in other.contexts if c not in kept.contexts)
    return replace(kept, identifiers=identifiers, contexts=contexts)


# --- building the result ----------------------------------------------------------------------


@dataclass
class _Builder:
    parsed: ParsedSource
    is_me: _MeMatcher
    keep_text: bool
    persons: dict[str, PersonRecord] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)  # what the export says of me
    seen: set[str] = field(default_factory=set)  # keys of invitations and exchanges
    conversations: dict[str, _Conversation] = field(default_factory=dict)
    file: str | None = None  # the table being read: the provenance of its records

    def skip(self) -> None:
        self.parsed.skipped += 1

    def warn(self, table: _Table, row: _Row, expected: str, column: str, value: str) -> None:
        message = f"expected {expected} in '{column}', found {_quote(value)}"
        self.parsed.warnings.append(ImportWarning(table.file, row.line, message))

    def person(self, record: PersonRecord) -> str:
        record = replace(record, file=self.file)
        old = self.persons.get(record.key)
        if old is None:
            self.persons[record.key] = record
        elif _richness(record) > _richness(old):
            self.persons[record.key] = _combine(record, old)
        else:
            self.persons[record.key] = _combine(old, record)
        return record.key

    def seen_person(self, party: _Party, line: int, given: str = "", family: str = "") -> str:
        """The key of someone only seen (not a connection); me is :data:`ME`."""
        if self.is_me(party):
            return ME
        return self.person(
            PersonRecord(
                key=party.key,
                name=party.name,
                line=line,
                given_name=given or None,
                family_name=family or None,
                identifiers=(party.url,) if party.url else (),
                contexts=_CONTEXTS,
                is_connection=False,
            )
        )

    def first_time(self, key: str) -> bool:
        """False (and counted as skipped) for a key read before: a repeated row."""
        if key in self.seen:
            self.skip()
            return False
        self.seen.add(key)
        return True

    def aliases(self) -> dict[str, str]:
        """Name keys of people only seen, without identifiers, whose name is that of exactly one
        person with a profile URL → that person's key (in older messages.csv a sender has a URL
        but the same person as a recipient has only a name)."""
        with_url: dict[str, list[str]] = {}
        for person in self.persons.values():
            if any(i.kind is IdentifierKind.PROFILE_URL for i in person.identifiers):
                with_url.setdefault(_fold(person.name), []).append(person.key)
        aliases = {}
        for person in self.persons.values():
            targets = with_url.get(_fold(person.name), [])
            if not person.is_connection and not person.identifiers and len(targets) == 1:
                aliases[person.key] = targets[0]
        return aliases

    def finish(self) -> ParsedSource:
        """Resolve name keys to profile URLs where the export allows, and close the result.
        Only references change: the keys of interactions and exchanges stay as the rows made
        them, so they do not depend on which other files were imported with them."""
        aliases = self.aliases()
        for alias, target in aliases.items():
            self.persons[target] = _combine(self.persons[target], self.persons.pop(alias))
        parsed = self.parsed
        parsed.persons = list(self.persons.values())
        parsed.interactions = [
            replace(i, participants=_renamed(i.participants, aliases)) for i in parsed.interactions
        ]
        parsed.exchanges = [
            replace(e, person=aliases.get(e.person, e.person)) for e in parsed.exchanges
        ]
        parsed.invitations = [
            replace(i, person=i.profile_url) if i.profile_url in self.persons else i
            for i in parsed.invitations
        ]
        parsed.links = _group_links(self.conversations.values(), aliases)
        if self.profile:
            parsed.me = MeRecord(
                name=self.profile.get("name"),
                identifiers=tuple(self.profile.get("emails", ())),
                organisation=self.profile.get("organisation"),
                role=self.profile.get("role"),
                region=self.profile.get("region"),
            )
        return parsed


def _renamed(keys: Sequence[str], aliases: dict[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(aliases.get(key, key) for key in keys))


# --- the files, one reader each ---------------------------------------------------------------


def _read_profile(table: _Table, out: _Builder) -> None:
    row = next((row for row in table.rows if not row.blank), None)
    if row is None:
        return
    name = _full_name(row.get("First Name"), row.get("Last Name"))
    out.profile.update(
        name=name or None, role=row.get("Headline") or None, region=row.get("Geo Location") or None
    )
    out.is_me.add_name(name)


def _read_email_addresses(table: _Table, out: _Builder) -> None:
    """My own e-mail addresses: they recognise me in calendars and contact lists."""
    for row in table.rows:
        email = None if row.blank else _email(row.get("Email Address"))
        if email is None:
            out.skip()
            continue
        out.profile.setdefault("emails", []).append(email)


def _read_positions(table: _Table, out: _Builder) -> None:
    """My current organisation: the first position that has not finished."""
    for row in table.rows:
        if not row.blank and row.get("Company Name") and not row.get("Finished On"):
            out.profile["organisation"] = row.get("Company Name")
            return


def _read_connections(table: _Table, out: _Builder) -> None:
    for row in table.rows:
        first, last = row.get("First Name"), row.get("Last Name")
        if row.blank or not (first or last):
            out.skip()
            continue
        connected = row.get("Connected On")
        met_on = _parse_day(connected) if connected else None
        if connected and met_on is None:
            out.warn(table, row, "a date like 15 Mar 2024", "Connected On", connected)
            continue
        out.person(_connection(row, first, last, met_on))


def _connection(row: _Row, first: str, last: str, met_on: date | None) -> PersonRecord:
    name = _full_name(first, last)
    company = row.get("Company") or None
    url = _profile_url(row.get("URL"))
    email = _email(row.get("Email Address"))
    return PersonRecord(
        key=url.value if url else f"linkedin:name:{name}|{company or ''}",
        name=name,
        line=row.line,
        given_name=first or None,
        family_name=last or None,
        organisation=company,
        role=row.get("Position") or None,
        identifiers=tuple(i for i in (email, url) if i is not None),
        contexts=_CONTEXTS,
        met_on=met_on,
        met_how="LinkedIn",
        is_connection=True,
    )


_INVITATION_SIDES = {
    "INCOMING": (Direction.INBOUND, "From", "inviterProfileUrl"),
    "OUTGOING": (Direction.OUTBOUND, "To", "inviteeProfileUrl"),
}


def _read_invitations(table: _Table, out: _Builder) -> None:
    for row in table.rows:
        if row.blank:
            out.skip()
            continue
        side = _INVITATION_SIDES.get(row.get("Direction").upper())
        if side is None:
            out.warn(table, row, "INCOMING or OUTGOING", "Direction", row.get("Direction"))
            continue
        direction, name_column, url_column = side
        party = _party(row.get(name_column), row.get(url_column))
        sent_at = _parse_datetime(row.get("Sent At"))
        if party is None:
            out.skip()
        elif sent_at is None:
            expected = "a date and time like 3/14/24, 9:05 AM"
            out.warn(table, row, expected, "Sent At", row.get("Sent At"))
        else:
            _invitation(out, row, direction, party, sent_at)


def _invitation(
    out: _Builder, row: _Row, direction: Direction, party: _Party, sent_at: datetime
) -> None:
    who = party.url.value if party.url else party.name
    key = f"linkedin:invitation:{direction.value}:{who}:{sent_at.isoformat()}"
    if out.first_time(key):
        out.parsed.invitations.append(
            InvitationRecord(
                key=key,
                name=party.name,
                direction=direction,
                sent_at=sent_at,
                line=row.line,
                profile_url=party.url.value if party.url else None,
                message=row.text("Message") or None,
            )
        )


@dataclass
class _Conversation:
    people: dict[str, None] = field(default_factory=dict)  # non-me keys, in order of appearance
    with_me: bool = False
    first: date | None = None
    last: date | None = None

    def saw(self, keys: Sequence[str], day: date) -> None:
        for key in keys:
            if key == ME:
                self.with_me = True
            else:
                self.people.setdefault(key)
        self.first = min(self.first or day, day)
        self.last = max(self.last or day, day)


def _recipients(names: str, urls: str) -> list[_Party]:
    """The parties in ``TO`` and ``RECIPIENT PROFILE URLS`` (comma-separated, paired by position
    when both have as many; a single URL goes with the whole TO, which may hold a comma)."""
    name_list = _names(names)
    url_list = [url for url in (u.strip() for u in re.split(r"[,;]", urls)) if url]
    if len(url_list) == 1 and name_list:
        pairs = [(names, url_list[0])]
    elif url_list and len(url_list) != len(name_list):
        pairs = [("", url) for url in url_list]
    else:
        pairs = list(zip(name_list, url_list or [""] * len(name_list), strict=True))
    return [party for name, url in pairs if (party := _party(name, url)) is not None]


def _names(names: str) -> list[str]:
    return [name for name in (n.strip() for n in names.split(",")) if name]


def _read_messages(table: _Table, out: _Builder) -> None:
    if "CONVERSATION ID" not in table.layout:
        _read_direction_messages(table, out)
        return
    repeats: Counter[str] = Counter()
    for row in table.rows:
        if row.blank or row.get("IS MESSAGE DRAFT").lower() in {"true", "yes", "1"}:
            out.skip()
            continue
        conversation_id = row.get("CONVERSATION ID")
        occurred_at = _parse_datetime(row.get("DATE"))
        if not conversation_id:
            out.warn(table, row, "a conversation id", "CONVERSATION ID", conversation_id)
        elif occurred_at is None:
            expected = "a date and time like 2023-05-01 14:22:10 UTC"
            out.warn(table, row, expected, "DATE", row.get("DATE"))
        else:
            conversation = out.conversations.setdefault(conversation_id, _Conversation())
            _message(out, row, conversation_id, occurred_at, conversation, repeats)


def _message(
    out: _Builder,
    row: _Row,
    conversation_id: str,
    occurred_at: datetime,
    conversation: _Conversation,
    repeats: Counter[str],
) -> None:
    sender = _party(row.get("FROM"), row.get("SENDER PROFILE URL"))
    sender_key = out.seen_person(sender, row.line) if sender else ""
    recipients = [
        out.seen_person(party, row.line)
        for party in _recipients(row.get("TO"), row.get("RECIPIENT PROFILE URLS"))
    ]
    _interaction(
        out, row, (conversation_id, occurred_at), conversation, repeats, sender_key, recipients
    )


_MESSAGE_SIDES = {"INCOMING": Direction.INBOUND, "OUTGOING": Direction.OUTBOUND}


def _read_direction_messages(table: _Table, out: _Builder) -> None:
    """The 2018-2020 layout ``From,To,Date,Subject,Content,Direction,Folder``: no conversation
    id and no profile URLs, but *Direction* says whether I sent it. The sender of an OUTGOING
    message, and the only recipient of an INCOMING one, is me: their names recognise me. The
    conversation is the set of everyone's names."""
    for row in table.rows:
        side = row.get("DIRECTION").upper()
        recipients = _names(row.get("TO"))
        if side == "OUTGOING":
            out.is_me.add_name(row.get("FROM"))
        elif side == "INCOMING" and len(recipients) == 1:
            out.is_me.add_name(recipients[0])
    repeats: Counter[str] = Counter()
    for row in table.rows:
        if row.blank:
            out.skip()
            continue
        direction = _MESSAGE_SIDES.get(row.get("DIRECTION").upper())
        occurred_at = _parse_datetime(row.get("DATE"))
        if direction is None:
            out.warn(table, row, "INCOMING or OUTGOING", "DIRECTION", row.get("DIRECTION"))
        elif occurred_at is None:
            expected = "a date and time like 2018-03-14T09:05:00 or 3/14/18, 9:05 AM"
            out.warn(table, row, expected, "DATE", row.get("DATE"))
        else:
            names = _names(row.get("TO"))
            sender = _party(row.get("FROM"), "")
            if direction is Direction.OUTBOUND:
                sender_key = ME
            else:
                sender_key = out.seen_person(sender, row.line) if sender else ""
            recipients = [
                out.seen_person(party, row.line)
                for name in names
                if (party := _party(name, "")) is not None
            ]
            everyone = sorted({_fold(name) for name in [row.get("FROM"), *names] if name})
            conversation_id = "names:" + ";".join(everyone)
            conversation = out.conversations.setdefault(conversation_id, _Conversation())
            moment = (conversation_id, occurred_at)
            _interaction(out, row, moment, conversation, repeats, sender_key, recipients)


def _interaction(
    out: _Builder,
    row: _Row,
    moment: tuple[str, datetime],
    conversation: _Conversation,
    repeats: Counter[str],
    sender_key: str,
    recipients: list[str],
) -> None:
    conversation_id, occurred_at = moment
    everyone = [key for key in dict.fromkeys([sender_key, *recipients]) if key]
    conversation.saw(everyone, occurred_at.date())
    participants = tuple(key for key in everyone if key != ME)
    if not participants:
        out.skip()
        return
    base = f"linkedin:message:{conversation_id}:{occurred_at.isoformat()}:{sender_key}"
    repeats[base] += 1
    out.parsed.interactions.append(
        InteractionRecord(
            key=base if repeats[base] == 1 else f"{base}:{repeats[base]}",
            occurred_at=occurred_at,
            kind=InteractionKind.MESSAGE,
            channel=SOURCE,
            direction=Direction.OUTBOUND if sender_key == ME else Direction.INBOUND,
            participants=participants,
            line=row.line,
            subject=row.get("SUBJECT") or None,
            body=(row.text("CONTENT") or None) if out.keep_text else None,
        )
    )


def _group_links(
    conversations: Iterable[_Conversation], aliases: dict[str, str]
) -> list[LinkRecord]:
    """Everyone in a conversation of three or more people knows each other: one link per pair
    (me excluded) per conversation."""
    links = []
    for conversation in conversations:
        people = _renamed(list(conversation.people), aliases)
        if len(people) + conversation.with_me < 3:
            continue
        for pair in combinations(people, 2):
            first, second = sorted(pair)
            links.append(
                LinkRecord(
                    first,
                    second,
                    SOURCE,
                    evidence=1,
                    first_seen=conversation.first,
                    last_seen=conversation.last,
                )
            )
    return links


def _endorsement_reader(direction: ExchangeDirection) -> Callable[[_Table, _Builder], None]:
    role = "Endorser" if direction is ExchangeDirection.RECEIVED else "Endorsee"

    def read(table: _Table, out: _Builder) -> None:
        for row in table.rows:
            first, last = row.get(f"{role} First Name"), row.get(f"{role} Last Name")
            party = None if row.blank else _party(f"{first} {last}", row.get(f"{role} Public Url"))
            day = _parse_day(row.get("Endorsement Date"))
            if party is None:
                out.skip()
            elif day is None:
                expected = "a date like 2023/06/05 15:47:58 UTC"
                out.warn(table, row, expected, "Endorsement Date", row.get("Endorsement Date"))
            else:
                person = out.seen_person(party, row.line, first, last)
                skill = row.get("Skill Name")
                key = f"linkedin:endorsement:{direction.value}:{person}:{skill}:{day.isoformat()}"
                _exchange(out, row, key, person, direction, ExchangeKind.ENDORSEMENT, day, skill)

    return read


def _recommendation_reader(direction: ExchangeDirection) -> Callable[[_Table, _Builder], None]:
    def read(table: _Table, out: _Builder) -> None:
        for row in table.rows:
            first, last = row.get("First Name"), row.get("Last Name")
            party = None if row.blank else _party(f"{first} {last}", "")
            day = _parse_day(row.get("Creation Date"))
            if party is None:
                out.skip()
            elif day is None:
                expected = "a date like 06/05/23, 3:47 PM"
                out.warn(table, row, expected, "Creation Date", row.get("Creation Date"))
            else:
                person = out.seen_person(party, row.line, first, last)
                key = f"linkedin:recommendation:{direction.value}:{person}:{day.isoformat()}"
                description = _recommendation_text(row, out.keep_text)
                kind = ExchangeKind.RECOMMENDATION
                _exchange(out, row, key, person, direction, kind, day, description)

    return read


def _recommendation_text(row: _Row, keep_text: bool) -> str:
    """``Job Title, Company`` — and the recommendation itself when the user keeps texts."""
    about = ", ".join(part for part in (row.get("Job Title"), row.get("Company")) if part)
    text = row.text("Text") if keep_text else ""
    return "\n\n".join(part for part in (about, text) if part)


def _exchange(
    out: _Builder,
    row: _Row,
    key: str,
    person: str,
    direction: ExchangeDirection,
    kind: ExchangeKind,
    day: date,
    description: str,
) -> None:
    if person == ME:
        out.skip()
        return
    if not out.first_time(key):
        return
    out.parsed.exchanges.append(
        ExchangeRecord(key, person, direction, kind, day, row.line, description or None)
    )


_READERS: dict[_Kind, Callable[[_Table, _Builder], None]] = {
    _Kind.PROFILE: _read_profile,
    _Kind.EMAIL_ADDRESSES: _read_email_addresses,
    _Kind.POSITIONS: _read_positions,
    _Kind.CONNECTIONS: _read_connections,
    _Kind.INVITATIONS: _read_invitations,
    _Kind.MESSAGES: _read_messages,
    _Kind.ENDORSEMENTS_RECEIVED: _endorsement_reader(ExchangeDirection.RECEIVED),
    _Kind.ENDORSEMENTS_GIVEN: _endorsement_reader(ExchangeDirection.GIVEN),
    _Kind.RECOMMENDATIONS_RECEIVED: _recommendation_reader(ExchangeDirection.RECEIVED),
    _Kind.RECOMMENDATIONS_GIVEN: _recommendation_reader(ExchangeDirection.GIVEN),
}
_ORDER = list(_Kind)


# --- the entry point --------------------------------------------------------------------------


def parse_linkedin(paths: Sequence[Path], me: Me, keep_message_text: bool = False) -> ParsedSource:
    """Read a LinkedIn export — one .zip, one unpacked folder, or one or more of its CSV files.

    ``me`` recognises the user in the messages; ``keep_message_text`` keeps message bodies and
    recommendation texts. The result's ``file`` is the path given (several paths: joined with
    ``", "``). Raises :class:`~tiewise.errors.ImportFormatError` when a file cannot be read as
    what it should be; rows that are bad on their own become warnings (see the module docstring).
    """
    files, failures = _collect(paths)
    tables: list[_Table] = []
    for file in files:
        try:
            tables.append(_table(file))
        except ImportFormatError as error:  # one bad file does not cost the others
            failures.append(error)
    if not tables:
        raise failures[0]
    tables.sort(key=lambda table: _ORDER.index(table.kind))
    label = str(paths[0]) if len(paths) == 1 else ", ".join(str(path) for path in paths)
    builder = _Builder(ParsedSource(SOURCE, label), _MeMatcher(me), keep_message_text)
    builder.parsed.warnings += [_left_out(error) for error in failures]
    for table in tables:
        # records name their file when it is not the path given: a CSV in a zip or folder
        builder.file = table.file if table.file != label else None
        builder.parsed.warnings += [
            _damaged(table.file, line, found) for line, found in table.damaged
        ]
        lists = (builder.parsed.interactions, builder.parsed.exchanges, builder.parsed.invitations)
        before = [len(records) for records in lists]
        _READERS[table.kind](table, builder)
        for records, start in zip(lists, before, strict=True):
            records[start:] = [replace(r, file=builder.file) for r in records[start:]]
    return builder.finish()


def _left_out(error: ImportFormatError) -> ImportWarning:
    """A file of the export that could not be read, as a warning: the others are imported."""
    where = f"in '{error.field}' " if error.field else ""
    message = f"file left out: expected {error.expected} {where}found {error.found}"
    return ImportWarning(error.file, error.line or 1, message)


def _damaged(file: str, line: int, found: str) -> ImportWarning:
    """A row left out because it holds a byte that is not UTF-8 (or a NUL byte)."""
    if _SURROGATE.search(found):
        bad = ord(_SURROGATE.search(found)[0]) - 0xDC00  # type: ignore[index]
        message = f"row left out: expected UTF-8 text, found byte 0x{bad:02X} in {_quote(found)}"
    else:
        message = f"row left out: expected text without NUL bytes, found {_quote(found)}"
    return ImportWarning(file, line, message)
