"""Analysis benchmark: ``tiewise analyze`` on a heavy user's network (about 35,000 contacts,
110,000 interactions, from the capture benchmark's synthetic exports).

Target (issue "Analysis"): under 2 s. Measured: loading the Snapshot, computing the Profile, and
the whole command in a child process (start-up included). Reference in the same run: igraph's
``constraint`` for me on the same ego graph, against our ego Burt measures.

Usage: ``python bench/bench_analyze.py [DB]`` — without DB the heavy database is built first.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import igraph
import numpy as np
from scipy import sparse

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_import import import_all  # noqa: E402
from synthetic_exports import generate  # noqa: E402

from tiewise.analysis.profile import analyze  # noqa: E402
from tiewise.analysis.structure import ego_burt  # noqa: E402
from tiewise.snapshot import load_snapshot  # noqa: E402
from tiewise.store import Store  # noqa: E402

TODAY = date(2026, 11, 1)
RUNS = 5


def measure(db: Path) -> None:
    with Store.open(db) as store:
        start = time.perf_counter()
        snapshot = load_snapshot(store)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        analyze(snapshot, TODAY)
        analysed = time.perf_counter() - start
    start = time.perf_counter()
    ours = ego_burt(snapshot.links)
    ours_seconds = time.perf_counter() - start
    n = snapshot.size
    upper = sparse.triu(snapshot.links, k=1).tocoo()
    edges = [(0, i + 1) for i in range(n)]
    edges += (np.column_stack([upper.row, upper.col]) + 1).tolist()
    start = time.perf_counter()
    reference = igraph.Graph(n=n + 1, edges=edges).constraint([0])[0]
    reference_seconds = time.perf_counter() - start
    tiewise = Path(sys.executable).with_name("tiewise")
    commands = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [str(tiewise), "--db", str(db), "analyze", "--json", "--today", TODAY.isoformat()],
            check=True,
            capture_output=True,
        )
        commands.append(time.perf_counter() - start)
    print(
        f"## Analysis benchmark — {date.today().isoformat()}, {platform.machine()}, "
        f"Python {platform.python_version()}, {n:,} contacts, "
        f"{snapshot.interaction_times.size:,} interactions, {snapshot.links.nnz // 2:,} links\n"
    )
    print("| step | seconds | target |\n|---|---|---|")
    print(f"| load the Snapshot | {loaded:.2f} | |")
    print(f"| analyze (strength, structure, diversity) | {analysed:.2f} | |")
    print(f"| load + analyze in one process | **{loaded + analysed:.2f}** | < 2 s |")
    print(
        f"| `tiewise analyze --json`, whole command incl. start-up, median of {RUNS} "
        f"(slowest) | **{statistics.median(commands):.2f}** ({max(commands):.2f}) | < 2 s |"
    )
    print(f"| ego Burt measures for me (ours, all four) | {ours_seconds:.3f} | |")
    print(f"| igraph constraint for me (reference) | {reference_seconds:.3f} | |")
    print(f"\nConstraint for me: ours {ours.constraint:.12f}, igraph {reference:.12f}.")


def main() -> None:
    if len(sys.argv) > 1:
        measure(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "exports"
        generate(data)
        db = Path(tmp) / "heavy.db"
        import_all(data, db)
        measure(db)


if __name__ == "__main__":
    main()
