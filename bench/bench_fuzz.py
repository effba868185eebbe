"""Fuzzing at the issue's sizes (issue 17, point 8): 1,000 cases per importer, with a 50 MB line,
10⁶ columns, 10⁶ properties, nesting 100,000 deep and a zip that inflates to 1 GB, each run in
its own process under the memory cap of ``tests/fuzzing.py``. Prints a Markdown table for
bench/RESULTS.md: cases, failures (tracebacks, hangs, a refused import that changed the
database), the wall time and the peak memory of each importer's run.

Usage: ``python bench/bench_fuzz.py [EXAMPLES]`` (default 1,000).
"""

from __future__ import annotations

import platform
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).parent.parent
KINDS = ("vcard", "csv", "ics", "linkedin")
HANG_SECONDS = 4 * 3600


def main() -> None:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rows = []
    for kind in KINDS:
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        done = subprocess.run(
            [sys.executable, "-m", "tests.fuzzing", kind, str(examples), "full"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=HANG_SECONDS,
        )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        lines = done.stdout.strip().splitlines() or ["(no output)"]
        failures = lines[:-1] + ([done.stderr.strip()[-300:]] if done.returncode else [])
        rows.append((kind, lines[-1], len(failures), seconds, max(peak, before) / 1024, failures))
    print(
        f"## Fuzzing — {date.today().isoformat()}, {platform.machine()}, Python "
        f"{platform.python_version()}, {examples} cases per importer at full size\n"
    )
    print("| importer | result | failures | seconds | peak MB (so far) |")
    print("|---|---|---|---|---|")
    for kind, last, count, seconds, peak, _ in rows:
        print(f"| {kind} | {last} | {count} | {seconds:.0f} | {peak:.0f} |")
    for kind, _, _, _, _, failures in rows:
        for line in failures[:20]:
            print(f"- {kind}: {line}")


if __name__ == "__main__":
    main()
