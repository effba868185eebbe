"""The importers under fuzzing (issue 17, point 8): real-format files truncated, flipped,
re-encoded, with one enormous line, very many columns or properties, deep nesting, endless or
non-advancing recurrences and a zip bomb — each imported end to end in a process with a memory
cap. Every case must import or be refused with a typed error, and a refused import must leave
the database as it was (``tests/fuzzing.py``). Small sizes here; ``bench/bench_fuzz.py`` runs
1,000 cases per importer at the issue's sizes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLES = 40


@pytest.mark.parametrize("kind", ["vcard", "csv", "ics", "linkedin"])
def test_mutated_files_import_or_are_refused_cleanly(kind: str):
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzzing", kind, str(EXAMPLES), "small"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,  # a hang guard, not a speed figure: a case that never ends fails here
    )
    *failures, last = done.stdout.strip().splitlines() or [""]
    assert done.returncode == 0, done.stderr[-2000:]
    assert failures == []
    assert last == f"cases {EXAMPLES} failures 0"
