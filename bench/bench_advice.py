"""Advice benchmark: ``tiewise advise``, ``invitations``, ``introductions``, ``plan`` and the
events commands on a heavy user's network (about 35,000 contacts from the capture benchmark's
synthetic exports).

Target (issue "Goals and advice"): each command under 2 s, start-up included; the events
commands (issue "Events") are measured alongside, since the weekly plan now includes events.
The synthetic exports carry no sectors, goals, needs and offers, favours, pending invitations or
events, so a copy of the heavy database is enriched first (seeded): a sector for every contact,
five goals, 3,000 needs and offers, 2,000 favours given or received, 300 pending invitations
(half from known contacts) and a heavy networker's events (see ``_add_events``). Reference in
the same run: ``tiewise analyze --json`` — the advice commands do the same loading and
analysis, so the difference is the cost of the advice itself.

Usage: ``python bench/bench_advice.py [DB]`` — without DB the heavy database is built first.
"""

from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_import import import_all  # noqa: E402
from synthetic_exports import generate  # noqa: E402

from tiewise import model as M  # noqa: E402
from tiewise.store import Store  # noqa: E402
from tiewise.store import repository as repo  # noqa: E402

TODAY = date(2026, 11, 1)
RUNS = 5
SECTORS = (
    "healthcare",
    "education",
    "government",
    "retail",
    "finance",
    "construction",
    "culture",
    "logistics",
    "energy",
    "agriculture",
    "software",
    "hospitality",
)
TOPICS = tuple(f"topic {k}" for k in range(40))
COMMANDS = (
    "analyze",
    "advise",
    "invitations",
    "introductions",
    "plan",
    "events report",
    "events upcoming",
)


def enrich(db: Path) -> None:
    """Add what the advice needs (see the module docstring); seeded, so every run is the same."""
    rng = np.random.default_rng(7)
    with Store.open(db) as store, store.begin() as connection:
        ids = [c.id for c in repo.load_contacts(connection)]
        connection.exec_driver_sql(
            "UPDATE contact SET sector = CASE id % 12 "
            + " ".join(f"WHEN {k} THEN '{s}'" for k, s in enumerate(SECTORS))
            + " END"
        )
        for goal in (
            M.Goal("clients", 5, targets=(M.GoalTarget(M.TargetAttribute.SECTOR, "healthcare"),)),
            M.Goal("sounding_board", 4),
            M.Goal("fun", 3),
            M.Goal("keeping_up", 2),
            M.Goal("new_worlds", 2, targets=(M.GoalTarget(M.TargetAttribute.SECTOR, "energy"),)),
        ):
            repo.add_goal(connection, goal)
        chosen = rng.choice(ids, size=3000, replace=False)
        repo.add_topics(
            connection,
            [
                M.Topic(
                    int(c),
                    M.TopicKind.NEED if k % 2 else M.TopicKind.OFFER,
                    TOPICS[int(rng.integers(len(TOPICS)))],
                )
                for k, c in enumerate(chosen)
            ],
        )
        repo.add_exchanges(
            connection,
            [
                M.Exchange(
                    int(rng.choice(ids)),
                    M.ExchangeDirection.GIVEN
                    if rng.random() < 0.4
                    else M.ExchangeDirection.RECEIVED,
                    M.ExchangeKind.HELP,
                    TODAY - timedelta(days=int(rng.integers(1, 900))),
                )
                for _ in range(2000)
            ],
        )
        repo.add_invitations(
            connection,
            [
                M.Invitation(
                    name=f"Sender {k}",
                    direction=M.Direction.INBOUND,
                    sent_at=datetime(2026, 10, 1) + timedelta(hours=k),
                    contact_id=int(rng.choice(ids)) if k % 2 else None,
                    message="Graag in contact over uw project." if k % 3 == 0 else None,
                )
                for k in range(300)
            ],
        )
        _add_events(connection, rng, ids)


def _add_events(connection, rng: np.random.Generator, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    """A heavy networker: 40 series, monthly for three years plus three months ahead, attended
    60 % of the time, 5 people met per visit (15 % first meetings), 30 expected per upcoming
    occurrence, 0.2 outcomes per visit (half through a contact first met there)."""
    series_ids = repo.add_series(connection, [M.EventSeries(f"Series {k}") for k in range(40)])
    kinds = list(M.OutcomeKind)
    for series_id in series_ids:
        starts = [
            datetime(2023, 11, 1, 17) + timedelta(days=30 * k + int(rng.integers(0, 30)))
            for k in range(40)
        ]
        occurrence_ids = repo.add_occurrences(
            connection,
            [
                M.EventOccurrence(start, series_id=series_id, name=f"S{series_id}")
                for start in starts
            ],
            None,
        )
        attendances, encounters, outcomes = [], [], []
        for start, occurrence_id in zip(starts, occurrence_ids, strict=True):
            people = rng.choice(ids, size=30 if start.date() > TODAY else 5, replace=False)
            if start.date() > TODAY:
                encounters += [
                    M.Encounter(occurrence_id, int(p), M.EncounterKind.EXPECTED) for p in people
                ]
                continue
            if rng.random() >= 0.6:
                continue
            attendances.append(
                M.Attendance(
                    occurrence_id,
                    M.AttendanceStatus.ATTENDED,
                    float(rng.uniform(1.5, 4)),
                    float(rng.integers(0, 40)),
                    int(rng.integers(1, 6)),
                )
            )
            firsts = rng.random(5) < 0.15
            encounters += [
                M.Encounter(occurrence_id, int(p), M.EncounterKind.MET, bool(f))
                for p, f in zip(people, firsts, strict=True)
            ]
            if rng.random() < 0.2:
                direct = rng.random() < 0.5 or not firsts.any()
                outcomes.append(
                    M.Outcome(
                        kinds[int(rng.integers(len(kinds)))],
                        start.date() + timedelta(days=int(rng.integers(0, 60))),
                        float(rng.integers(100, 5000)) if rng.random() < 0.5 else None,
                        occurrence_id=occurrence_id if direct else None,
                        contact_ids=(int(people[int(np.argmax(firsts))]),),
                    )
                )
        repo.save_attendances(connection, attendances)
        repo.add_encounters(connection, encounters)
        repo.add_outcomes(connection, [o for o in outcomes if o.occurred_on <= TODAY])


def measure(db: Path) -> None:
    tiewise = Path(sys.executable).with_name("tiewise")
    seconds: dict[str, list[float]] = {}
    for command in COMMANDS:
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(
                [tiewise, "--db", db, *command.split(), "--json", "--today", TODAY.isoformat()],
                check=True,
                capture_output=True,
            )
            seconds.setdefault(command, []).append(time.perf_counter() - start)
    reference = statistics.median(seconds["analyze"])
    print(
        f"## Advice benchmark — {date.today().isoformat()}, {platform.machine()}, "
        f"Python {platform.python_version()}, 35,509 contacts (enriched: 12 sectors, 5 goals, "
        "3,000 needs/offers, 2,000 favours, 300 pending invitations, 40 event series with "
        "1,600 occurrences)\n"
    )
    print(
        f"| command (`--json`, start-up included) | median of {RUNS} s | slowest s "
        "| vs analyze | target |"
    )
    print("|---|---|---|---|---|")
    for command in COMMANDS:
        median = statistics.median(seconds[command])
        target = "reference" if command == "analyze" else "< 2 s"
        print(
            f"| `tiewise {command}` | {median:.2f} | {max(seconds[command]):.2f} | "
            f"{median / reference:.2f}× | {target} |"
        )


def prepared_database(folder: Path, given: str | None) -> Path:
    """A copy of the database ``given`` (else the heavy network built from the synthetic
    exports) in ``folder``, enriched."""
    db = folder / "bench.db"
    if given:
        shutil.copy(given, db)
    else:
        data = folder / "exports"
        generate(data)
        import_all(data, db)
    enrich(db)
    return db


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        measure(prepared_database(Path(tmp), sys.argv[1] if len(sys.argv) > 1 else None))


if __name__ == "__main__":
    main()
