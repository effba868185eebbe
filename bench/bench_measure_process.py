"""`tiewise measure` as a whole process against igraph as a whole process (issue 17, point 7):
G(n=100,000, m=500,000) Erdős–Rényi (seed 1, drawn as in ``bench_burt.py``) written as a CSV edge
list, then, each in its own process and five times in turn:

- ``tiewise measure EDGES --out OUT.csv`` — start-up, reading the CSV, all four Burt measures,
  written as CSV;
- ``python -c "import igraph; g = igraph.Graph.Read_Ncol(EDGES, directed=False); g.constraint()"``
  — start-up, reading the same edges, constraint alone, nothing written.

The figure is the CPU time (user + system, ``getrusage(RUSAGE_CHILDREN)`` around each run) and the
wall time; the target is tiewise's CPU below igraph's. ``Read_Ncol`` reads whitespace-separated
pairs, so igraph gets the same edges without the CSV header and commas.

Usage: ``python bench/bench_measure_process.py`` (prints a Markdown section for bench/RESULTS.md).
"""

from __future__ import annotations

import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_burt import gnm_edges  # noqa: E402

RUNS = 5


def _cpu_and_wall(command: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> None:
    pairs = gnm_edges(100_000, 500_000, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "edges.csv"
        ncol = Path(tmp) / "edges.ncol"
        np.savetxt(csv, pairs, fmt="%d", delimiter=",", header="source,target", comments="")
        np.savetxt(ncol, pairs, fmt="%d", delimiter=" ")
        tiewise = str(Path(sys.executable).with_name("tiewise"))
        ours_command = [tiewise, "measure", str(csv), "--out", str(Path(tmp) / "out.csv")]
        igraph_command = [
            sys.executable,
            "-c",
            "import sys, igraph; "
            "g = igraph.Graph.Read_Ncol(sys.argv[1], directed=False); g.constraint()",
            str(ncol),
        ]
        _cpu_and_wall(ours_command)  # warm the file cache and the bytecode of both
        _cpu_and_wall(igraph_command)
        ours, theirs = [], []
        for _ in range(RUNS):
            ours.append(_cpu_and_wall(ours_command))
            theirs.append(_cpu_and_wall(igraph_command))
    ours_cpu = statistics.median(c for c, _ in ours)
    theirs_cpu = statistics.median(c for c, _ in theirs)
    print(
        f"## `tiewise measure` as a whole process — {date.today().isoformat()}, "
        f"{platform.machine()}, Python {platform.python_version()}, G(100,000, 500,000)\n"
    )
    print("| process | CPU median of 5 s | CPU range s | wall median s | vs igraph (CPU) |")
    print("|---|---|---|---|---|")
    for name, runs in (
        ("`tiewise measure edges.csv --out out.csv` (all four measures)", ours),
        ("igraph: start-up, `Read_Ncol`, `constraint()`", theirs),
    ):
        cpu = [c for c, _ in runs]
        wall = statistics.median(w for _, w in runs)
        print(
            f"| {name} | {statistics.median(cpu):.2f} | {min(cpu):.2f}–{max(cpu):.2f} | "
            f"{wall:.2f} | {statistics.median(cpu) / theirs_cpu:.2f}× |"
        )
    met = "met" if ours_cpu < theirs_cpu else "not met"
    print(f"\nTarget (tiewise's CPU below igraph's): {met}, {ours_cpu / theirs_cpu:.2f}×.")


if __name__ == "__main__":
    main()
