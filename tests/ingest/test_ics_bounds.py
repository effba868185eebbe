"""A calendar import is bounded (issue 17, point 9): hostile rules are refused, expansion is
capped and the cap reported, a large meeting makes no links between its guests. Each case runs
under a memory cap (``RLIMIT_AS`` in a child process, or ``tracemalloc``) and a CPU cap — never
a wall-clock assertion."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tracemalloc
from datetime import datetime
from pathlib import Path

import pytest

from tests.ingest.test_ics import ANOUK, ME, NOW, calendar, meeting, parse_text
from tests.test_cli import run
from tiewise.ingest import ics, limits
from tiewise.ingest.records import MAX_LINKED_GROUP
from tiewise.ingest.run import run_import
from tiewise.store import Store

MEMORY_CAP = 512 * 2**20  # address space of the child: the libraries take about 190 MB
CPU_CAP = 60  # seconds of CPU, a guard against a hang (the cases take well under a second)

_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
from datetime import datetime
from tiewise.ingest.ics import parse_ics
from tiewise.model import Me
result = parse_ics(sys.stdin.buffer.read(), "hostile.ics", Me(name="Jan"), datetime(2025, 11, 15))
print(json.dumps({{
    "interactions": len(result.interactions),
    "occurrences": len(result.occurrences),
    "warnings": [[w.line, w.message] for w in result.warnings],
    "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}}))
"""


def parse_capped(text: str, cpu: int = CPU_CAP) -> dict:
    """Parse ``text`` in a child process under the memory and CPU caps."""
    code = textwrap.dedent(_CHILD.format(memory=MEMORY_CAP, cpu=cpu))
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=text.replace("\n", "\r\n").encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)


def hostile(rule: str) -> str:
    """A 330-byte calendar of the kind that ran away: one meeting with a rule and no end."""
    return calendar(meeting("runaway", "20250101T090000Z", ANOUK, extra=f"RRULE:{rule}"))


def test_a_rule_that_cannot_advance_is_refused_under_a_memory_cap() -> None:
    """RRULE:FREQ=DAILY;INTERVAL=0 grew ~30 MB/s without end (2.4 GB after 95 s)."""
    result = parse_capped(hostile("FREQ=DAILY;INTERVAL=0"))
    assert (result["interactions"], result["occurrences"]) == (0, 0)
    assert result["warnings"] == [
        [
            4,
            "field 'RRULE': expected an INTERVAL of 1 or more (RFC 5545 3.3.10: a rule with"
            " INTERVAL=0 never advances), found 'RRULE:FREQ=DAILY;INTERVAL=0'; event skipped",
        ]
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",
        "FREQ=MINUTELY",
        "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MINUTELY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=30",
    ],
)
def test_secondly_and_minutely_without_end_are_refused_under_a_memory_cap(rule: str) -> None:
    result = parse_capped(hostile(rule))
    assert (result["interactions"], result["occurrences"]) == (0, 0)
    assert result["warnings"] == [
        [
            4,
            f"field 'RRULE': expected a rule recurring at most hourly, found 'RRULE:{rule}';"
            " event skipped",
        ]
    ]


_EVERY_400_YEARS = "which matches no date in 400 years, after which its dates repeat"
_NO_DAY = "which matches no date: no day passes its BY parts together"
#: Rules that match no date, with what the warning says of them, and the CPU the expansion
#: took for one such event before (DTSTART 2025-01-01, a Wednesday; it walked to the year 9999).
BARREN = [
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", _EVERY_400_YEARS),  # 0.22 s
    ("FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", _EVERY_400_YEARS),  # 0.35 s
    ("FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30", _EVERY_400_YEARS),  # 0.87 s
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", _NO_DAY),  # 2.9 s
    ("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=-30", _NO_DAY),  # 5.4 s
    ("FREQ=DAILY;BYSETPOS=2", "whose BYSETPOS names no place in the times of one period"),  # 5.0 s
    ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", _EVERY_400_YEARS),  # every 7 days from a Wednesday
    ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", _EVERY_400_YEARS),  # 2025, 2029: no leap
    (
        "FREQ=DAILY;BYEASTER=0;BYMONTH=1",
        "with BYEASTER, which is dateutil's and no part of RFC 5545",
    ),
]


def test_rules_that_match_no_date_are_ignored_under_a_memory_and_cpu_cap() -> None:
    """Two events of each rule above: before, the expansion took about 35 s of CPU for them and
    the child is stopped at 15 s; now each rule is judged without walking to the year 9999, the
    rule is ignored with a warning on its line, and each event is read at its DTSTART (which the
    expansion gave for it before, too)."""
    events = [
        meeting(f"barren{n}-{copy}", "20250101T090000Z", ANOUK, extra=f"RRULE:{rule}")
        for n, (rule, _why) in enumerate(BARREN)
        for copy in range(2)
    ]
    result = parse_capped(calendar(*events), cpu=15)
    assert (result["interactions"], result["occurrences"]) == (len(events), 0)
    expected = [
        [
            10 + 8 * (2 * n + copy),
            f"field 'RRULE': expected an RFC 5545 rule that gives dates, found 'RRULE:{rule}'"
            f" {why}; the rule is ignored and the event read at its DTSTART only",
        ]
        for n, (rule, why) in enumerate(BARREN)
        for copy in range(2)
    ]
    assert result["warnings"] == expected


@pytest.mark.parametrize(
    ("rule", "dates"),
    [
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", ["2016-02-29", "2020-02-29", "2024-02-29"]),
        (
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
            ["2016-02-29", "2020-02-29", "2024-02-29"],
        ),
        ("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;BYMONTH=2", ["2026-02-13"]),  # 2015: too long ago
    ],
)
def test_rules_with_rare_dates_are_expanded_as_before(rule: str, dates: list[str]) -> None:
    """Leap days only, every fourth year from a leap year, Friday 13 February: kept whole."""
    event = meeting("rare", "20120229T090000Z", ANOUK, extra=f"RRULE:{rule}")
    parsed = ics.parse_ics(
        calendar(event).replace("\n", "\r\n").encode(), "rare.ics", ME, datetime(2026, 3, 1)
    )
    found = [i.occurred_at.date().isoformat() for i in parsed.interactions]
    assert found == dates and parsed.warnings == []


def test_the_other_meetings_of_a_hostile_file_are_read() -> None:
    text = calendar(
        meeting("runaway", "20250101T090000Z", ANOUK, extra="RRULE:FREQ=DAILY;INTERVAL=0"),
        meeting("ok", "20250102T090000Z", ANOUK),
    )
    assert parse_capped(text)["interactions"] == 1


def test_one_series_is_capped_and_the_cap_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics, "MAX_OCCURRENCES", 10)
    event = meeting("weekly", "20250101T090000Z", ANOUK, extra="RRULE:FREQ=WEEKLY")
    result = parse_text(calendar(event))
    assert len(result.interactions) == 10
    assert result.interactions[-1].occurred_at == datetime(2025, 3, 5, 9, 0)  # the first ten
    (warning,) = result.warnings
    assert warning.line == 4
    assert warning.message.startswith("expected at most 10 occurrences of one series from")
    assert "the first 10 are read, the later ones ignored (the cap of one series)" in (
        warning.message
    )


def test_one_file_is_capped_and_the_cap_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics, "MAX_FILE_OCCURRENCES", 12)
    events = [
        meeting(f"weekly{n}", f"2025010{n + 1}T090000Z", ANOUK, extra="RRULE:FREQ=WEEKLY;COUNT=5")
        for n in range(4)
    ]
    result = parse_text(calendar(*events))
    assert len(result.interactions) == 12
    (warning,) = result.warnings
    assert "expected at most 12 occurrences in one file" in warning.message
    assert "this and the later series are not read (the cap of one file)" in warning.message
    assert result.skipped == 1  # the fourth series


def test_the_cap_appears_in_the_import_summary(tmp_path: Path) -> None:
    """A twice-daily meeting over ten years (about 7,500 occurrences) is cut at 5,000, and the
    import summary's errors say so."""
    event = meeting("twice-daily", "20151116T090000Z", ANOUK, extra="RRULE:FREQ=DAILY;BYHOUR=9,14")
    path = tmp_path / "busy.ics"
    path.write_text(calendar(event).replace("\n", "\r\n"), encoding="utf-8")
    summary = json.loads(run(tmp_path / "t.db", "import", "ics", str(path), "--json"))
    assert summary["added"] == ics.MAX_OCCURRENCES + 1  # the meetings and Anouk
    assert len(summary["errors"]) == 1
    assert "expected at most 5000 occurrences of one series" in summary["errors"][0]


def test_a_meeting_across_the_end_of_an_expansion_span_is_read_once() -> None:
    """A recurring series is expanded a year at a time from ten years (and two days) before
    now; with now at 14:30 every span ends at 14:30, inside a 14:00–15:00 meeting, which the
    recurrence library returns in both spans. Each occurrence must count once towards the cap:
    a twice-daily meeting over ten years (about 7,300 in the window) gives exactly the first
    5,000, all distinct — the duplicates once took 6 places under the cap."""
    now = datetime(2026, 6, 1, 14, 30)
    event = meeting("twice-daily", "20151116T090000Z", ANOUK, extra="RRULE:FREQ=DAILY;BYHOUR=9,14")
    text = calendar(event).replace("\n", "\r\n").encode()
    parsed = ics.parse_ics(text, "busy.ics", ME, now)
    starts = [i.occurred_at for i in parsed.interactions]
    assert len(starts) == len(set(starts)) == ics.MAX_OCCURRENCES


def _crowd(size: int) -> str:
    guests = [f"guest{n}@org{n % 40}.example.com" for n in range(size)]
    return calendar(meeting("town-hall", "20250301T090000Z", *guests))


@pytest.mark.parametrize(("size", "links"), [(MAX_LINKED_GROUP, 66), (MAX_LINKED_GROUP + 1, 0)])
def test_links_up_to_the_group_limit(size: int, links: int, store: Store, tmp_path: Path) -> None:
    assert MAX_LINKED_GROUP == 12
    assert len(parse_text(_crowd(size)).links) == links
    path = tmp_path / "crowd.ics"
    path.write_text(_crowd(size), encoding="utf-8")
    summary = run_import(store, "ics", [path], NOW)
    assert (summary.links, summary.interactions) == (links, 1)


def test_a_meeting_of_1000_makes_no_links_in_bounded_memory(store: Store, tmp_path: Path) -> None:
    """Before issue 17: 499,500 links and about 740 MB traced (847 MB resident)."""
    path = tmp_path / "crowd.ics"
    path.write_text(_crowd(1000), encoding="utf-8")
    tracemalloc.start()
    try:
        summary = run_import(store, "ics", [path], NOW)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (summary.links, summary.interactions, summary.contacts) == (0, 1, 1000)
    assert peak < 100 * 2**20


def test_the_me_fixture_is_the_parsers() -> None:
    assert ME.name == "Jan Jansen"  # the imports above recognise no one as me


def test_a_content_line_over_the_limit_is_ignored_and_its_event_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The limit of every importer (``ingest/limits.py``): the line is left out with its name
    and size, never its text, and the rest of its event is read."""
    monkeypatch.setattr(limits, "MAX_FIELD_CHARS", 1000)
    description = "DESCRIPTION:" + "\n ".join(["x" * 74] * 20)  # 12 + 20 × 74 = 1,492
    result = parse_text(calendar(meeting("long", "20250101T090000Z", ANOUK, extra=description)))
    assert len(result.interactions) == 1
    assert [(w.line, w.message) for w in result.warnings] == [
        (
            10,
            "field 'DESCRIPTION': expected a field of at most 1,000 characters, found a field of "
            "1,492 characters; line ignored",
        )
    ]
    assert not result.warnings[0].drops_record


def test_a_folded_20_mib_line_is_measured_not_joined_under_a_memory_and_cpu_cap() -> None:
    """Each fold was appended to the line so far: a folded 8 MiB line took 31 s of CPU, 20 MiB
    would take minutes (the child is stopped at 60 s). Now its folds are counted, not joined."""
    folds = 20 * 2**20 // 74
    description = "DESCRIPTION:" + "\n ".join(["x" * 74] * folds)
    result = parse_capped(calendar(meeting("huge", "20250101T090000Z", ANOUK, extra=description)))
    assert result["interactions"] == 1
    assert result["warnings"] == [
        [
            10,
            "field 'DESCRIPTION': expected a field of at most 1,048,576 characters, found a field"
            f" of {12 + 74 * folds:,} characters; line ignored",
        ]
    ]
