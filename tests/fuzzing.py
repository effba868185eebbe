"""Fuzzing the importers with real-format files (issue 17, point 8).

Each case starts from a real-format fixture of one importer and mutates it the way files go
wrong in the wild or on purpose: truncated, bytes flipped, re-encoded as Latin-1 or UTF-16, one
enormous line, very many columns or properties, deep nesting, a recurrence that never ends or
never matches, a zip bomb. The case is imported end to end (parse, then write) into a database,
and must end in one of two ways: imported, or refused with a
:class:`~tiewise.errors.TiewiseError` — never another exception (a traceback), and a refused
import must leave the database as it was.

Hypothesis draws the cases (``run``); the process caps its own address space
(``resource.RLIMIT_AS``) so that an importer whose memory runs away fails here as a
``MemoryError`` instead of taking the machine. ``python -m tests.fuzzing KIND EXAMPLES SCALE``
runs one importer and prints one line per failure and a last line ``cases N failures M``;
``tests/test_fuzz.py`` runs each importer at a small size in ``make test``, ``bench/bench_fuzz.py``
at 1,000 cases each.
"""

from __future__ import annotations

import io
import resource
import sys
import tempfile
import traceback
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiewise.errors import TiewiseError
from tiewise.ingest.run import run_import
from tiewise.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
MEMORY_CAP = 3 * 1024**3  # bytes of address space for the whole fuzzing process
NOW = datetime(2026, 11, 1, 12, 0)

#: Sizes of the large mutations: "small" in ``make test``, "full" in bench/ (the issue's sizes).
SCALES = {
    "small": {
        "line": 2 * 1024**2,
        "columns": 20_000,
        "properties": 20_000,
        "depth": 2_000,
        "bomb": 64 * 1024**2,
    },
    "full": {
        "line": 50 * 1024**2,
        "columns": 1_000_000,
        "properties": 1_000_000,
        "depth": 100_000,
        "bomb": 1024**3,
    },
}


def _seeds(kind: str) -> list[bytes]:
    folder = {"vcard": "vcard", "csv": "contacts_csv", "ics": "ics"}.get(kind)
    if folder is not None:
        suffix = {"vcard": ".vcf", "csv": ".csv", "ics": ".ics"}[kind]
        return [p.read_bytes() for p in sorted((FIXTURES / folder).glob(f"*{suffix}"))]
    return [_zipped(FIXTURES / "linkedin" / name) for name in ("export", "export_2018")]


def _zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def _in_zip(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """``change`` applied to the largest CSV inside a LinkedIn zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    target = max(members, key=lambda name: len(members[name]))
    members[target] = change(members[target])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _bomb(size: int) -> bytes:
    """A LinkedIn-named zip whose Connections.csv inflates to ``size`` bytes of zeros."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("Connections.csv", "w", force_zip64=True) as member,
    ):
        block = b"0" * (1024 * 1024)
        for _ in range(size // len(block)):
            member.write(block)
    return buffer.getvalue()


def _mutations(kind: str, scale: dict[str, int]) -> st.SearchStrategy[Callable[[bytes], bytes]]:
    """Strategies of functions from a seed file's bytes to a mutated file's bytes."""

    def truncate(at: float) -> Callable[[bytes], bytes]:
        return lambda data: data[: int(len(data) * at)]

    def flip(positions: list[float], values: list[int]) -> Callable[[bytes], bytes]:
        def apply(data: bytes) -> bytes:
            mutable = bytearray(data)
            for at, value in zip(positions, values, strict=False):
                if mutable:
                    mutable[int(at * (len(mutable) - 1))] = value
            return bytes(mutable)

        return apply

    def reencode(encoding: str) -> Callable[[bytes], bytes]:
        return lambda data: data.decode("utf-8", "replace").encode(encoding, "replace")

    def long_line(data: bytes) -> bytes:
        cut = data.find(b"\n", len(data) // 2) + 1
        return data[:cut] + b"A" * scale["line"] + b"\r\n" + data[cut:]

    def many_columns(data: bytes) -> bytes:
        first, _, rest = data.partition(b"\n")
        extra = b"".join(b",C%d" % n for n in range(scale["columns"]))
        return first.rstrip(b"\r") + extra + b"\r\n" + rest

    def many_properties(data: bytes) -> bytes:
        marker = b"END:VCARD" if kind == "vcard" else b"END:VEVENT"
        cut = data.find(marker)
        if cut < 0:
            return data
        lines = b"".join(b"X-FUZZ-%d:value\r\n" % n for n in range(scale["properties"]))
        return data[:cut] + lines + data[cut:]

    def deep(data: bytes) -> bytes:
        name = b"VCARD" if kind == "vcard" else b"VEVENT"
        depth = scale["depth"]
        return data + b"BEGIN:%s\r\n" % name * depth + b"END:%s\r\n" % name * depth

    def endless(data: bytes) -> bytes:
        rule = b"RRULE:FREQ=SECONDLY\r\n"
        cut = data.find(b"END:VEVENT")
        return data if cut < 0 else data[:cut] + rule + data[cut:]

    def no_interval(data: bytes) -> bytes:
        cut = data.find(b"END:VEVENT")
        rule = b"RRULE:FREQ=DAILY;INTERVAL=0\r\n"
        return data if cut < 0 else data[:cut] + rule + data[cut:]

    def barren(data: bytes) -> bytes:  # no 30 February: walked to the year 9999 (5 s a rule)
        cut = data.find(b"END:VEVENT")
        rule = b"RRULE:FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30\r\n"
        return data if cut < 0 else data[:cut] + rule + data[cut:]

    common = [
        st.floats(0.0, 1.0).map(truncate),
        st.builds(
            flip,
            st.lists(st.floats(0.0, 1.0), min_size=1, max_size=16),
            st.lists(st.integers(0, 255), min_size=1, max_size=16),
        ),
        st.sampled_from(["latin-1", "utf-16", "utf-16-be", "cp1252"]).map(reencode),
        st.just(long_line),
    ]
    if kind == "linkedin":
        inner = st.one_of(*common, st.just(many_columns))
        return st.one_of(
            inner.map(lambda change: lambda data: _in_zip(data, change)),
            st.just(lambda _data: _bomb(scale["bomb"])),
            st.floats(0.0, 1.0).map(truncate),  # a cut zip
        )
    if kind == "csv":
        return st.one_of(*common, st.just(many_columns))
    shaped = [st.just(many_properties), st.just(deep)]
    if kind == "ics":
        shaped += [st.just(endless), st.just(no_interval), st.just(barren)]
    return st.one_of(*common, *shaped)


def _counts(db: Path) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(db) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def run(kind: str, examples: int, scale_name: str = "small") -> tuple[int, list[str]]:
    """Fuzz one importer with ``examples`` cases; the number of cases run and the failures."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    scale = SCALES[scale_name]
    seeds = _seeds(kind)
    folder = Path(tempfile.mkdtemp(prefix="tiewise-fuzz-"))
    db = folder / "fuzz.db"
    Store.open(db).close()
    suffix = {"vcard": ".vcf", "csv": ".csv", "ics": ".ics", "linkedin": ".zip"}[kind]
    failures: list[str] = []
    cases = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(st.integers(0, len(seeds) - 1), _mutations(kind, scale))
    def case(seed: int, mutate: Callable[[bytes], bytes]) -> None:
        nonlocal cases
        cases += 1
        path = folder / f"case{suffix}"
        path.write_bytes(mutate(seeds[seed]))
        before = _counts(db)
        try:
            with Store.open(db) as store:
                run_import(store, kind, [path], NOW)
        except TiewiseError:
            if _counts(db) != before:
                failures.append(f"{kind} case {cases}: a refused import changed the database")
        except BaseException as error:  # every other exception is a finding
            where = traceback.extract_tb(error.__traceback__)[-1]
            failures.append(
                f"{kind} case {cases}: {type(error).__name__}: {str(error)[:200]} "
                f"at {Path(where.filename).name}:{where.lineno}"
            )
        finally:
            path.unlink(missing_ok=True)

    case()
    return cases, failures


if __name__ == "__main__":
    found_cases, found = run(sys.argv[1], int(sys.argv[2]), sys.argv[3])
    for line in found:
        print(line)
    print(f"cases {found_cases} failures {len(found)}")
