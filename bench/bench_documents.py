"""Documents and privacy benchmark, on the heavy user's network of ``bench_advice.py`` (about
35,000 contacts, enriched the same way): the strategy report on the terminal (the reference,
measured in the same run) against the same report written as Markdown, HTML and PDF; the full
export (``tiewise.json`` and ``contacts.vcf``); and erasing one well-connected person, as a dry
run and for real (each real run on a fresh copy of the database).

No target was set for these commands; the point is what a document costs over the terminal
report, and that erasure stays interactive on a large database.

Usage: ``python bench/bench_documents.py [DB]`` — without DB the heavy database is built first.
"""

from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_advice import TODAY, prepared_database  # noqa: E402

from tiewise.store import Store  # noqa: E402

RUNS = 5


def _busiest_contact(db: Path) -> str:
    """The id of the contact in the most interactions (the heaviest erasure)."""
    with Store.open(db) as store, store.connect() as connection:
        return str(
            connection.exec_driver_sql(
                "SELECT contact_id FROM interaction_participant GROUP BY contact_id "
                "ORDER BY count(*) DESC LIMIT 1"
            ).scalar_one()
        )


def _time(command: list[str], before: object = None) -> float:
    if callable(before):
        before()
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(db: Path, folder: Path) -> None:
    tiewise = str(Path(sys.executable).with_name("tiewise"))
    base = [tiewise, "--db", str(db)]
    today = ["--today", TODAY.isoformat()]
    person = _busiest_contact(db)
    copy = folder / "erase.db"

    def fresh_copy() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
        shutil.copy(db, copy)

    cases = {
        "report (terminal)": lambda: _time([*base, "report", *today]),
        "report -o report.md": lambda: _time([*base, "report", *today, "-o", str(folder / "r.md")]),
        "report -o report.html": lambda: _time(
            [*base, "report", *today, "-o", str(folder / "r.html")]
        ),
        "report -o report.pdf": lambda: _time(
            [*base, "report", *today, "-o", str(folder / "r.pdf")]
        ),
        "export DIR": lambda: _time([*base, "export", str(folder / "export")]),
        "contact erase ID (dry run)": lambda: _time([*base, "contact", "erase", person, "--json"]),
        "contact erase ID --yes": lambda: _time(
            [tiewise, "--db", str(copy), "contact", "erase", person, "--yes", "--json"],
            before=fresh_copy,
        ),
    }
    seconds = {name: [run() for _ in range(RUNS)] for name, run in cases.items()}
    reference = statistics.median(seconds["report (terminal)"])
    sizes = {
        "report -o report.pdf": (folder / "r.pdf").stat().st_size,
        "report -o report.html": (folder / "r.html").stat().st_size,
        "export DIR": sum(p.stat().st_size for p in (folder / "export").iterdir()),
    }
    print(
        f"## Documents and privacy — {date.today().isoformat()}, {platform.machine()}, "
        f"Python {platform.python_version()}, 35,509 contacts (the advice benchmark's database)\n"
    )
    print(f"| command (start-up included) | median of {RUNS} s | slowest s | vs report | output |")
    print("|---|---|---|---|---|")
    for name, values in seconds.items():
        median = statistics.median(values)
        size = f"{sizes[name] / 1e6:.1f} MB" if name in sizes else ""
        print(
            f"| `tiewise {name}` | {median:.2f} | {max(values):.2f} | "
            f"{median / reference:.2f}× | {size} |"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure(prepared_database(folder, sys.argv[1] if len(sys.argv) > 1 else None), folder)


if __name__ == "__main__":
    main()
