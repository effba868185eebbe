"""Calendar rules that give no date (issue 17, bounded input): CPU of ``parse_ics`` for a
one-meeting calendar whose meeting recurs by the rule, now and with the check of
``ingest/recurrence.py`` switched off — the expansion as it ran before, walking to the year 9999
for a rule without dates — measured in the same run. Median of three runs each, DTSTART
2025-01-01 09:00 UTC, now 2025-11-15 (the window: ten years back, 120 days ahead).

Usage: ``python bench/bench_recurrence.py`` (prints a Markdown section for bench/RESULTS.md).
"""

from __future__ import annotations

import platform
import statistics
import time
from datetime import UTC, datetime

from tiewise.ingest import ics
from tiewise.model import Me

RUNS = 3
NOW = datetime(2025, 11, 15, 12, 0)
ME = Me(name="Jan Jansen")
RULES = [
    ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "no date"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "no date"),
    ("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31", "no date"),
    ("FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30", "no date"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "no date"),
    ("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "no date"),
    ("FREQ=DAILY;BYSETPOS=2", "no date"),
    ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", "no date"),
    ("FREQ=WEEKLY", "weekly"),
    ("FREQ=WEEKLY;BYDAY=MO,WE", "twice a week"),
    ("FREQ=DAILY;BYHOUR=9,14", "twice a day"),
]


def calendar(rule: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//tiewise//bench//EN",
        "BEGIN:VEVENT",
        "UID:bench",
        "DTSTART:20250101T090000Z",
        "DURATION:PT1H",
        "SUMMARY:Overleg",
        "ATTENDEE:mailto:anouk@example.com",
        f"RRULE:{rule}",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


def cpu(data: bytes) -> tuple[float, int]:
    """CPU seconds of one parse (median of RUNS) and the meetings it read."""
    times, meetings = [], 0
    for _ in range(RUNS):
        start = time.process_time()
        meetings = len(ics.parse_ics(data, "bench.ics", ME, NOW).interactions)
        times.append(time.process_time() - start)
    return statistics.median(times), meetings


def main() -> None:
    rows = []
    for rule, kind in RULES:
        data = calendar(rule)
        now, meetings = cpu(data)
        judge = ics.barren
        ics.barren = lambda _rule, _start: None  # the expansion as before
        try:
            before, meetings_before = cpu(data)
        finally:
            ics.barren = judge
        assert meetings == meetings_before, (rule, meetings, meetings_before)
        rows.append(
            f"| `{rule}` | {kind} | {meetings} | {before:.3f} s | {now:.3f} s |"
            f" {now / before:.3f}× |"
        )
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"## Calendar rules without dates (issue 17) — {stamp}, {platform.machine()},"
        f" Python {platform.python_version()}\n"
    )
    print("| RRULE | kind | meetings read | before (check off) | now | now/before |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
