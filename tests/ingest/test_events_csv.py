"""The events-CSV parser: values, physical line numbers, aliases and errors that name the place."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from tiewise.errors import ImportFormatError
from tiewise.ingest.events_csv import parse_events_csv, parse_time
from tiewise.ingest.limits import MAX_FIELD_CHARS
from tiewise.ingest.records import OccurrenceRecord

GOOD = (
    "name,starts_at,ends_at,location,organiser,category\r\n"
    "Ondernemersborrel Nijmegen,2026-12-03 17:00,2026-12-03T19:30,Café De Plak,"
    "Ondernemersclub Nijmegen,borrel\r\n"
    "\r\n"
    "Zakenontbijt Gelderland,2027-01-08,,,,\r\n"
)


def parse(text: str, encoding: str = "utf-8") -> list[OccurrenceRecord]:
    return parse_events_csv(text.encode(encoding), "f.csv")


def failure(text: str) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        parse(text)
    return caught.value


def test_every_column_is_read_into_the_row():
    first = parse(GOOD)[0]
    assert first == OccurrenceRecord(
        key="event:ondernemersborrel nijmegen:2026-12-03T17:00",
        name="Ondernemersborrel Nijmegen",
        starts_at=datetime(2026, 12, 3, 17, 0),
        line=2,
        ends_at=datetime(2026, 12, 3, 19, 30),
        location="Café De Plak",
        organiser="Ondernemersclub Nijmegen",
        category="borrel",
    )


def test_a_date_alone_starts_at_midnight_and_empty_optional_cells_are_none():
    second = parse(GOOD)[1]
    assert second.starts_at == datetime(2027, 1, 8, 0, 0)
    assert (second.ends_at, second.location, second.organiser, second.category) == (
        None,
        None,
        None,
        None,
    )


def test_lines_are_physical_and_blank_lines_are_skipped_but_counted():
    assert [row.line for row in parse(GOOD)] == [2, 4]


def test_a_row_after_a_multi_line_cell_keeps_its_physical_line():
    text = (
        'name,starts_at,location\r\nBorrel,2026-01-05,"Café\r\nCentrum"\r\nOntbijt,2026-02-01,\r\n'
    )
    rows = parse(text)
    assert rows[0].location == "Café\r\nCentrum"
    assert (rows[1].name, rows[1].line) == ("Ontbijt", 4)


def test_a_multi_line_row_is_numbered_by_its_first_line():
    text = 'name,starts_at,location\r\nBorrel,2026-01-05,"Café\r\nCentrum"\r\n'
    assert parse(text)[0].line == 2


def test_semicolons_and_a_bom_with_the_aliases_organizer_start_and_end():
    text = (
        "Name;Start;End;Organizer;Location\n"
        "Netwerkcafé Arnhem;2026-11-09 17:00;2026-11-09 19:00;Netwerkcafé, Arnhem;Arnhem\n"
    )
    (row,) = parse_events_csv(b"\xef\xbb\xbf" + text.encode(), "f.csv")
    assert row.name == "Netwerkcafé Arnhem"  # the BOM is not part of the first header
    assert (row.starts_at, row.ends_at) == (
        datetime(2026, 11, 9, 17, 0),
        datetime(2026, 11, 9, 19, 0),
    )
    assert row.organiser == "Netwerkcafé, Arnhem"  # a comma inside a ;-separated cell
    assert row.location == "Arnhem"


def test_header_names_ignore_case_and_surrounding_spaces():
    (row,) = parse(" NAME , Starts_At \nBorrel,2026-01-05T08:15\n")
    assert (row.name, row.starts_at) == ("Borrel", datetime(2026, 1, 5, 8, 15))


def test_a_missing_starts_at_column_is_reported_on_line_1():
    error = failure("name,location\nBorrel,Nijmegen\n")
    assert (error.file, error.line, error.field) == ("f.csv", 1, "starts_at")
    assert "no starts_at" in error.found
    assert str(error).startswith(
        "f.csv, line 1, field 'starts_at': expected columns name, starts_at"
    )


def test_an_empty_file_is_reported_on_line_1():
    with pytest.raises(ImportFormatError) as caught:
        parse_events_csv(b"", "f.csv")
    assert (caught.value.line, caught.value.found) == (1, "nothing")


def test_an_unparsable_date_names_line_and_field():
    error = failure("name,starts_at\nBorrel,2026-01-05\nOntbijt,3 december\n")
    assert (error.line, error.field) == (3, "starts_at")
    assert error.found == "'3 december'"
    assert str(error).startswith("f.csv, line 3, field 'starts_at': expected an ISO date")


def test_an_unparsable_end_names_the_ends_at_field():
    error = failure("name,start,end\nBorrel,2026-01-05,later\n")
    assert (error.line, error.field) == (2, "ends_at")


def test_an_empty_start_cell_is_refused():
    error = failure("name,starts_at\nBorrel,\n")
    assert (error.line, error.field, error.found) == (2, "starts_at", "an empty cell")


def test_an_end_before_the_start_is_refused():
    error = failure("name,starts_at,ends_at\nBorrel,2026-01-05 19:00,2026-01-05 17:00\n")
    assert (error.line, error.field) == (2, "ends_at")
    assert error.expected == "an end after the start"


def test_an_empty_name_is_refused():
    error = failure("name,starts_at\nBorrel,2026-01-05\n  ,2026-01-06\n")
    assert (error.line, error.field, error.found) == (3, "name", "an empty cell")


def test_a_row_with_more_fields_than_the_header_is_refused():
    error = failure("name,starts_at\nBorrel,2026-01-05,extra\n")
    assert (error.line, error.field) == (2, None)
    assert (error.expected, error.found) == ("2 fields", "3 fields")


def test_bytes_that_are_not_utf8_are_refused_with_the_offset():
    data = "name,starts_at\nCafé,2026-01-05\n".encode("cp1252")
    with pytest.raises(ImportFormatError) as caught:
        parse_events_csv(data, "f.csv")
    error = caught.value
    assert (error.file, error.line, error.field) == ("f.csv", None, None)
    assert error.expected == "UTF-8 text"
    assert error.found == f"byte 0xe9 at offset {data.index(0xE9)}"


def test_a_field_over_the_limit_refuses_the_file_with_its_size():
    """The csv module raised its own csv.Error here (a traceback); now the field is measured:
    the error names line and column and gives the size, never the text."""
    location = "x" * (MAX_FIELD_CHARS + 1)
    error = failure(f'name,starts_at,location\nBorrel,2026-01-05,"{location}"\n')
    assert (error.line, error.field) == (2, "location")
    assert (error.expected, error.found) == (
        "a field of at most 1,048,576 characters",
        "a field of 1,048,577 characters",
    )
    assert "xxx" not in str(error)


def test_a_field_over_the_csv_modules_own_limit_is_read():
    (row,) = parse(f"name,starts_at,location\nBorrel,2026-01-05,{'x' * 200_000}\n")
    assert len(row.location or "") == 200_000


def test_a_control_character_refuses_the_file_naming_line_field_and_character():
    error = failure("name,starts_at,location\nBorrel,2026-01-05,Caf\x00e\n")
    assert (error.line, error.field, error.expected) == (
        2,
        "location",
        "text without control characters",
    )
    assert error.found == "'Caf\\x00e' (U+0000 at character 4)"


def test_parse_time_accepts_a_date_a_space_or_a_t():
    assert parse_time("2026-12-03") == datetime(2026, 12, 3)
    assert parse_time(" 2026-12-03 17:00 ") == datetime(2026, 12, 3, 17, 0)
    assert parse_time("2026-12-03T17:00") == datetime(2026, 12, 3, 17, 0)
    with pytest.raises(ValueError):
        parse_time("03-12-2026")


@pytest.fixture
def dutch_clock(monkeypatch: pytest.MonkeyPatch):
    """The process runs in Central European time (a POSIX rule, so no tz database is needed)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_zone_offset_is_converted_to_utc_whatever_the_local_zone(dutch_clock):
    assert parse_time("2026-12-03T17:00+01:00") == datetime(2026, 12, 3, 16, 0)
    assert parse_time("2026-12-03T17:00Z") == datetime(2026, 12, 3, 17, 0)
