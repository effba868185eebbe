"""Reading a LinkedIn export: the files to read, and each file as a table of rows.

Collecting the CSVs (from a zip, an unpacked folder or CSV files given on their own), finding
LinkedIn's files by name, the size limits that refuse a zip bomb before it is inflated, decoding
(UTF-8, byte order mark; UTF-16 and other encodings refused), splitting into rows with the physical
line each starts on, finding the header row of the layout (:mod:`tiewise.ingest.linkedin_layouts`)
and leaving out damaged rows. What becomes of the rows: :mod:`tiewise.ingest.linkedin_readers`;
the policies as a whole: :mod:`tiewise.ingest.linkedin`.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tiewise.errors import ImportFormatError, Phrase
from tiewise.ingest import csv_records
from tiewise.ingest.limits import too_long_message
from tiewise.ingest.linkedin_layouts import SPECS, Kind
from tiewise.ingest.records import ImportWarning

_EXPORT = "a LinkedIn export: its .zip, the folder it was unpacked into, or its .csv files"
_UTF8 = "UTF-8 text, as LinkedIn writes its exports"
_SNIFF_ROWS = 10  # a header given on its own is looked for in this many first rows
_SHOW = 80  # at most this many characters of a found value go into a message
#: The most one CSV of an export may hold, unpacked; a heavy user's messages.csv (100,000
#: messages) is about 40 MiB. Larger files, and zip members declaring more, are refused unread.
MAX_FILE_BYTES = 256 * 2**20
#: The most the known files of one export may hold together, unpacked.
MAX_EXPORT_BYTES = 512 * 2**20
_CHUNK = 2**20  # zip members are inflated this many bytes at a time


# --- the files of an export -------------------------------------------------------------------


def _name_key(base: str) -> str:
    """A file name as LinkedIn's names are compared: case, ``_`` or space and padding ignored
    (2017-2018 exports wrote ``Recommendations Given.csv``, later ones ``..._Given.csv``)."""
    return " ".join(base.replace("_", " ").split()).casefold()


_BY_NAME = {_name_key(kind.file_name): kind for kind in Kind}
_KNOWN_NAMES = ", ".join(kind.file_name for kind in Kind)


@dataclass(frozen=True, slots=True)
class CsvFile:
    """One CSV to read. ``name`` is how messages name it (``export.zip:Connections.csv``);
    ``kind`` is None when the name is not one of LinkedIn's."""

    name: str
    data: bytes
    kind: Kind | None


def _kind_by_name(member: str) -> Kind | None:
    base = member.replace("\\", "/").rsplit("/", 1)[-1]
    if member.startswith("__MACOSX/") or base.startswith("._"):
        return None
    return _BY_NAME.get(_name_key(base))


def collect(paths: Sequence[Path]) -> tuple[list[CsvFile], list[ImportFormatError]]:
    """The CSVs to read, and the errors of known files that could not even be read (a member of
    the zip that is damaged or too large): those are left out, the others are read."""
    if not paths:
        raise ImportFormatError("(no file)", _EXPORT, "no file at all")
    files: list[CsvFile] = []
    failures: list[ImportFormatError] = []
    for path in paths:
        found, failed = _files_of(Path(path))
        files += found
        failures += failed
    return files, failures


def _files_of(path: Path) -> tuple[list[CsvFile], list[ImportFormatError]]:
    if not path.exists():
        raise ImportFormatError(path, _EXPORT, "no such file or folder")
    if path.is_dir():
        return _folder_files(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _check_size(path, path.stat().st_size)
        return [CsvFile(str(path), _read_bytes(path), _kind_by_name(path.name))], []
    if suffix == ".zip" or _looks_like_zip(path):
        return _zip_files(path)
    found = (
        Phrase("a {suffix} file that is not a zip", suffix=suffix)
        if suffix
        else "an extensionless file that is not a zip"
    )
    raise ImportFormatError(path, _EXPORT, found)


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
            name,
            Phrase("a LinkedIn export file of at most {size}", size=_mib(MAX_FILE_BYTES)),
            _mib(size),
        )


def _mib(size: int) -> Phrase:
    if size >= 2**20:
        return Phrase("{size:,.0f} MiB", size=size / 2**20)
    return Phrase("{size:,} bytes", size=size)


def _folder_files(folder: Path) -> tuple[list[CsvFile], list[ImportFormatError]]:
    found: list[CsvFile] = []
    failures: list[ImportFormatError] = []
    for path in sorted(folder.rglob("*")):
        kind = _kind_by_name(path.relative_to(folder).as_posix()) if path.is_file() else None
        if kind is None:
            continue
        try:
            _check_size(path, path.stat().st_size)
            found.append(CsvFile(str(path), _read_bytes(path), kind))
        except (ImportFormatError, OSError) as error:
            failures.append(_as_format_error(path, error))
    if not found and not failures:
        raise ImportFormatError(folder, _one_of_the_files(), "none of those files")
    return found, failures


def _one_of_the_files() -> Phrase:
    return Phrase("{export} (one of {names})", export=Phrase(_EXPORT), names=_KNOWN_NAMES)


def _as_format_error(name: object, error: Exception) -> ImportFormatError:
    if isinstance(error, ImportFormatError):
        return error
    reason = error.strerror if isinstance(error, OSError) and error.strerror else "an error"
    return ImportFormatError(name, "a readable file", reason)


def _zip_files(path: Path) -> tuple[list[CsvFile], list[ImportFormatError]]:
    """The known members of the zip. Their declared sizes are checked before anything is
    inflated (one file at most :data:`MAX_FILE_BYTES`, together at most
    :data:`MAX_EXPORT_BYTES`), and the inflated bytes are counted too, so a zip bomb is refused
    without being unpacked. A member that is damaged, encrypted or too large is left out with
    its error; a zip whose directory cannot be read at all raises."""
    found: list[CsvFile] = []
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
                    Phrase(
                        "a LinkedIn export that unpacks to at most {size}",
                        size=_mib(MAX_EXPORT_BYTES),
                    ),
                    Phrase("export files that unpack to {size}", size=_mib(declared)),
                )
            for info, kind in members:
                name = f"{path}:{info.filename}"
                try:
                    found.append(CsvFile(name, _inflate(archive, info, name), kind))
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
        raise ImportFormatError(path, _one_of_the_files(), "none of those files")
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
                        Phrase(
                            "a zip member of the {size:,} bytes its header declares",
                            size=info.file_size,
                        ),
                        "more bytes than declared",
                    )
                chunks.append(chunk)
    except ImportFormatError:
        raise
    except RuntimeError:  # zipfile's word for an encrypted member
        raise ImportFormatError(name, "an unencrypted zip member", "an encrypted one") from None
    except NotImplementedError:  # e.g. an unsupported compression method
        method = info.compress_type
        found = Phrase("compression method {method}, which Python cannot unpack", method=method)
        raise ImportFormatError(name, "a zip member compressed with deflate", found) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error, OSError):
        raise ImportFormatError(
            name, "a zip member that unpacks to what its checksum says", "damaged data"
        ) from None
    return b"".join(chunks)


# --- CSV text, rows and headers ---------------------------------------------------------------

_SURROGATE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept by surrogateescape


def _decode(file: CsvFile) -> str:
    """The file as text. A byte that is not UTF-8 is kept as a lone surrogate (surrogateescape):
    the row holding it is left out with a warning (:func:`read_table`), not the whole file."""
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
        Phrase(
            "byte 0x{byte:02X}, which is not UTF-8 (saved as Latin-1, Windows-1252 or UTF-16?)",
            byte=bad,
        ),
        line=line,
    )


@dataclass(frozen=True, slots=True)
class Row:
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


def _records(
    text: str, delimiter: str = ","
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, int, int]]]:
    """Every CSV record with the 1-based physical line it starts on (quoted newlines counted),
    and apart from them the records with a field over the limit: line, column and size
    (``ingest/csv_records.py`` measures such a field without holding it)."""
    read: list[tuple[int, list[str]]] = []
    too_long: list[tuple[int, int, int]] = []
    for record in csv_records.records(text, delimiter):
        if record.too_long is None:
            read.append((record.line, record.cells))
        else:
            too_long.append((record.line, *record.too_long))
    return read, too_long


def _too_long_warnings(
    file: str, too_long: list[tuple[int, int, int]], header: list[str], header_line: int
) -> list[ImportWarning]:
    """A row with a field over the limit, left out: its column (the header's title for a row
    after the header) and size, never its text."""
    warnings = []
    for line, column, size in too_long:
        named = line > header_line and column < len(header)
        field = header[column].strip() if named else f"column {column + 1}"
        warnings.append(ImportWarning(file, line, too_long_message(field, size, "row left out")))
    return warnings


def _columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        columns.setdefault(cell.strip().lstrip("\ufeff").strip().casefold(), index)
    return columns


@dataclass(frozen=True, slots=True)
class Table:
    file: str
    kind: Kind
    rows: list[Row]
    layout: tuple[str, ...] = ()  # the required columns of the layout the header has
    damaged: list[tuple[int, str]] = field(default_factory=list)  # rows left out: line, found
    left_out: list[ImportWarning] = field(default_factory=list)  # rows with a field too long


def read_table(file: CsvFile) -> Table:
    text = _decode(file)
    records, too_long = _records(text)
    kind = file.kind or _sniff(file, text, records)
    found = _header(records, kind)
    if found is None and "\t" in text[:4096]:  # 2017 exports wrote some files tab-separated
        tab_records, tab_too_long = _records(text, "\t")
        if (found := _header(tab_records, kind)) is not None:
            records, too_long = tab_records, tab_too_long
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
    rows: list[Row] = []
    damaged: list[tuple[int, str]] = []
    for line, cells in records[position + 1 :]:
        joined = ",".join(cells)
        if _SURROGATE.search(joined) or "\x00" in joined:
            damaged.append((line, joined))
        else:
            rows.append(Row(line, cells, columns))
    # one damaged byte costs its row; a file in another encoding is refused as a whole
    if len(damaged) > max(1, (len(rows) + len(damaged)) // 100):
        line, joined = next((d for d in damaged if _SURROGATE.search(d[1])), damaged[0])
        if _SURROGATE.search(joined):
            raise _not_utf8(file.name, line, joined)
        raise ImportFormatError(file.name, _UTF8, "NUL bytes in several rows", line=line)
    left_out = _too_long_warnings(file.name, too_long, header, header_line)
    return Table(file.name, kind, rows, layout, damaged, left_out)


def _header(records: list[tuple[int, list[str]]], kind: Kind) -> tuple[int, tuple[str, ...]] | None:
    """The position of the header row and the layout it has."""
    spec = SPECS[kind]
    for position, (_line, cells) in enumerate(records):
        layout = spec.layout(_columns(cells))
        if layout is not None:
            return position, layout
    return None


def _sniff(file: CsvFile, text: str, records: list[tuple[int, list[str]]]) -> Kind:
    """The kind of a CSV given under a name LinkedIn does not use, from its header."""
    tabs = "\t" in text[:4096]  # 2017 exports wrote some files tab-separated
    for delimiter in (",", "\t") if tabs else (",",):
        table = records if delimiter == "," else _records(text, delimiter)[0]
        for _line, cells in table[:_SNIFF_ROWS]:
            columns = _columns(cells)
            for kind, spec in SPECS.items():
                if spec.recognises(columns, file.name):
                    return kind
    line, found = _first_line(text)
    raise ImportFormatError(
        file.name,
        Phrase("one of the LinkedIn export files ({names})", names=_KNOWN_NAMES),
        found,
        line=line,
    )


def _missing_header(
    name: str, kind: Kind, text: str, records: list[tuple[int, list[str]]]
) -> ImportFormatError:
    spec = SPECS[kind]
    line, found = _first_line(text)
    first = next((cells for _, cells in records if any(c.strip() for c in cells)), [])
    columns = _columns(first)
    missing = next((c for c in spec.required if c.casefold() not in columns), spec.required[0])
    return ImportFormatError(
        name,
        Phrase(
            "the LinkedIn {kind} header with {columns}, like '{example}'",
            kind=kind.value,
            columns=", ".join(spec.required),
            example=spec.example,
        ),
        found,
        line=line,
        field=missing,
    )


def _first_line(text: str) -> tuple[int | None, str]:
    """The first non-blank physical line and its number, as a message shows it."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.strip():
            return number, quote(line.rstrip("\r\n"))
    return None, "an empty file"


def quote(value: str) -> str:
    """``value`` as a message quotes it: at most :data:`_SHOW` characters, line ends and bytes
    that are not UTF-8 written out (``\\n``, ``\\xE9``)."""
    shown = value if len(value) <= _SHOW else value[: _SHOW - 1] + "…"
    shown = shown.replace("\r", "\\r").replace("\n", "\\n").replace("\x00", "\\x00")
    return "'" + _SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02X}", shown) + "'"


def damaged_row_warning(file: str, line: int, found: str) -> ImportWarning:
    """A row left out because it holds a byte that is not UTF-8 (or a NUL byte)."""
    if _SURROGATE.search(found):
        bad = ord(_SURROGATE.search(found)[0]) - 0xDC00  # type: ignore[index]
        message = f"row left out: expected UTF-8 text, found byte 0x{bad:02X} in {quote(found)}"
    else:
        message = f"row left out: expected text without NUL bytes, found {quote(found)}"
    return ImportWarning(file, line, message)
