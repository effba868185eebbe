"""CSV text to records (``ingest/csv_records.py``): the csv module's records and lines, with
fields over the limit measured instead of read, whatever the csv module's own limit."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiewise.ingest import csv_records, limits
from tiewise.ingest.csv_records import Record, records

PIECES = ["a", "b", ",", ";", '"', '""', "\r", "\n", "\r\n", " ", "é", "x" * 9, "y" * 17]


def by_the_csv_module(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found, line = [], 1
    for cells in reader:
        found.append((line, cells))
        line = reader.line_num + 1
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.sampled_from([",", ";"]),
    st.sampled_from([4, 131_072]),
    st.sampled_from([8, 2**20]),
    st.sampled_from([3, 16, 2**20]),
)
def test_the_records_are_the_csv_modules_with_long_fields_measured(
    text: str, delimiter: str, module_limit: int, our_limit: int, chunk: int
) -> None:
    """Whatever the csv module's own limit (4: every field longer goes to the tokenizer), our
    limit (8: most records have a field over it) and the size of the chunks of lines."""
    before = (csv.field_size_limit(), limits.MAX_FIELD_CHARS, csv_records._CHUNK)
    try:
        csv.field_size_limit(module_limit)
        limits.MAX_FIELD_CHARS, csv_records._CHUNK = our_limit, chunk
        found = list(records(text, delimiter))
    finally:
        csv.field_size_limit(before[0])
        limits.MAX_FIELD_CHARS, csv_records._CHUNK = before[1], before[2]
    expected = []
    for line, cells in by_the_csv_module(text, delimiter):
        over = next(((i, len(c)) for i, c in enumerate(cells) if len(c) > our_limit), None)
        expected.append(Record(line, [] if over else cells, over))
    assert found == expected


def test_a_5_mib_field_is_measured_and_the_next_record_read_on_its_line() -> None:
    text = 'a,b\r\nc,"' + "x" * (5 * 2**20) + '\n\n"\r\nd,e\r\n'
    assert list(records(text)) == [
        Record(1, ["a", "b"]),
        Record(2, [], (1, 5 * 2**20 + 2)),
        Record(5, ["d", "e"]),
    ]


@pytest.mark.parametrize("text", ["", "\r\n", "a"])
def test_short_texts(text: str) -> None:
    assert [(r.line, r.cells) for r in records(text)] == by_the_csv_module(text, ",")
