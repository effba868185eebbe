"""Start-up of the command line (issue 17, point 7): ``tiewise --help`` and ``tiewise contacts
--help`` must cost at most 0.2 s of CPU. Each process runs nine times in turn after one warm-up;
the figure is the CPU median (user + system of the child). The references, run in the same loop:
the bare interpreter (``python -c pass``) and the interpreter importing Typer and Rich, which every
command needs to parse its arguments.

Bytecode: an installed wheel has every module compiled (pip writes ``__pycache__`` at install, and
``make`` does the same for the editable install with ``compileall``). Without it — an editable
install under ``PYTHONDONTWRITEBYTECODE=1``, as on the development machine — Python compiles every
tiewise module from source at each start. Both are measured: the target applies to the first, the
second shows what the missing cache costs.

Usage: ``python bench/bench_startup.py`` (prints a Markdown section for bench/RESULTS.md).
"""

from __future__ import annotations

import compileall
import os
import platform
import shutil
import statistics
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_measure_process import _cpu_and_wall  # noqa: E402

RUNS = 9
TARGET_CPU_S = 0.2
SOURCE = HERE.parent / "src" / "tiewise"


def _drop_bytecode() -> None:
    for cache in SOURCE.rglob("__pycache__"):
        shutil.rmtree(cache)


def main() -> None:
    tiewise = str(Path(sys.executable).with_name("tiewise"))
    processes = {
        "`python -c pass` (interpreter)": [sys.executable, "-c", "pass"],
        "`python -c 'import typer.main, rich.console'`": [
            sys.executable,
            "-c",
            "import typer.main, rich.console",
        ],
        "`tiewise --help`": [tiewise, "--help"],
        "`tiewise contacts --help`": [tiewise, "contacts", "--help"],
    }
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    _drop_bytecode()
    uncached = {
        f"{name}, no bytecode": command
        for name, command in processes.items()
        if name.startswith("`tiewise")
    }
    compiled = _runs(uncached)
    compileall.compile_dir(SOURCE, quiet=1)
    runs = _runs(processes) | compiled
    typer_alone = statistics.median(runs["`python -c 'import typer.main, rich.console'`"])
    print(
        f"## Start-up of the command line — {date.today().isoformat()}, {platform.machine()}, "
        f"Python {platform.python_version()}\n"
    )
    print(f"| process | CPU median of {RUNS} s | CPU range s | vs Typer + Rich alone |")
    print("|---|---|---|---|")
    for name, cpu in runs.items():
        median = statistics.median(cpu)
        print(
            f"| {name} | {median:.3f} | {min(cpu):.3f}–{max(cpu):.3f} | "
            f"{median / typer_alone:.2f}× |"
        )
    worst = max(statistics.median(runs[n]) for n in list(processes)[2:])
    met = "met" if worst <= TARGET_CPU_S else "not met"
    print(
        f"\nTarget (each help ≤ {TARGET_CPU_S} s CPU, bytecode compiled as installed): {met}, "
        f"highest median {worst:.3f} s."
    )


def _runs(processes: dict[str, list[str]]) -> dict[str, list[float]]:
    """CPU seconds of each process, ``RUNS`` times in turn after one warm-up."""
    runs: dict[str, list[float]] = {name: [] for name in processes}
    for command in processes.values():
        _cpu_and_wall(command)
    for _ in range(RUNS):
        for name, command in processes.items():
            runs[name].append(_cpu_and_wall(command)[0])
    return runs


if __name__ == "__main__":
    main()
