"""Capture benchmark: a heavy user's exports imported completely, and identity resolution.

Targets (issue "Capture"): the whole import (30,000 LinkedIn connections, 100,000 messages,
10,000 meetings, 5,000 vCards) under 30 s with peak memory under 1 GB; merge suggestions over
30,000 people under 5 s. The import runs in a child process so its peak memory (ru_maxrss) is
its own. Identity resolution is compared, in the same run, with a reference that scores the same
candidate pairs one by one in a Python loop.

Usage: ``python bench/bench_import.py`` (prints a Markdown table for bench/RESULTS.md).
"""

from __future__ import annotations

import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from rapidfuzz import fuzz

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from synthetic_exports import generate  # noqa: E402

from tiewise import model  # noqa: E402
from tiewise.identifiers import identifier  # noqa: E402
from tiewise.ingest.identity import name_key, organisation_key, suggest_merges  # noqa: E402
from tiewise.ingest.run import run_import  # noqa: E402
from tiewise.store import Store  # noqa: E402
from tiewise.store import repository as repo  # noqa: E402

NOW = datetime(2026, 11, 1, 12)


def import_all(data: Path, db: Path) -> dict[str, float]:
    """Child process: import every export into a fresh database, return seconds per step."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with Store.open(db) as store:
        with store.begin() as connection:
            repo.save_me(
                connection,
                model.Me(
                    name="Eva de Wit",
                    identifiers=(
                        identifier(model.IdentifierKind.EMAIL, "eva@studiowit.nl"),
                        identifier(model.IdentifierKind.PROFILE_URL, "linkedin.com/in/evadewit"),
                    ),
                ),
            )
        for kind, paths in (
            ("linkedin", [data / "linkedin"]),
            ("vcard", [data / "contacts.vcf"]),
            ("ics", [data / "calendar.ics"]),
        ):
            step = time.perf_counter()
            summary = run_import(store, kind, paths, NOW)
            timings[kind] = time.perf_counter() - step
            timings[f"{kind}_added"] = summary.added
    timings["total"] = time.perf_counter() - started
    timings["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return timings


def reference_suggestions(contacts: list[model.Contact], threshold: float) -> int:
    """The same blocking, but every candidate pair scored in a Python loop."""
    blocks: dict[str, list[model.Contact]] = defaultdict(list)
    for contact in contacts:
        key = organisation_key(contact.organisation)
        if key:
            blocks[key].append(contact)
    found = 0
    for members in blocks.values():
        names = [name_key(c.name) for c in members]
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                if fuzz.token_sort_ratio(names[i], names[j]) >= threshold:
                    found += 1
    return found


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(import_all(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "exports"
        generate(data)
        db = Path(tmp) / "heavy.db"
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(data), str(db)],
            capture_output=True,
            text=True,
            check=True,
        )
        timings = json.loads(child.stdout.strip().splitlines()[-1])
        with Store.open(db) as store, store.connect() as connection:
            contacts = repo.load_contacts(connection)
            interactions = len(repo.load_interactions(connection))
        start = time.perf_counter()
        ours = suggest_merges(contacts)
        ours_seconds = time.perf_counter() - start
        start = time.perf_counter()
        reference = reference_suggestions(contacts, 85.0)
        reference_seconds = time.perf_counter() - start
        # the same people working for only 15 large employers: blocks of about 2,000
        crowded = [replace(c, organisation=f"Employer {c.id % 15}") for c in contacts]
        start = time.perf_counter()
        crowded_ours = len(suggest_merges(crowded))
        crowded_seconds = time.perf_counter() - start
        start = time.perf_counter()
        crowded_reference = reference_suggestions(crowded, 85.0)
        crowded_reference_seconds = time.perf_counter() - start
    print(
        f"## Capture benchmark — {date.today().isoformat()}, {platform.machine()}, "
        f"Python {platform.python_version()}, {len(contacts):,} contacts, "
        f"{interactions:,} interactions\n"
    )
    print("| step | seconds | target |\n|---|---|---|")
    for kind in ("linkedin", "vcard", "ics"):
        print(f"| import {kind} | {timings[kind]:.1f} | |")
    print(f"| **whole import** | **{timings['total']:.1f}** | < 30 s |")
    print(f"| peak memory of the import | {timings['peak_mb']:.0f} MB | < 1 GB |")
    print(f"| merge suggestions, {len(contacts):,} people (ours) | {ours_seconds:.2f} | < 5 s |")
    print(f"| same pairs scored in a Python loop (reference) | {reference_seconds:.2f} | |")
    print(f"| same people in 15 large employers (ours) | {crowded_seconds:.2f} | < 5 s |")
    print(f"| same, scored in a Python loop (reference) | {crowded_reference_seconds:.2f} | |")
    print(
        f"\nSuggestions: ours {len(ours)}, reference {reference}; with large employers ours "
        f"{crowded_ours}, reference {crowded_reference} (each pair must agree). Speed-up "
        f"{reference_seconds / ours_seconds:.1f}× with small blocks, "
        f"{crowded_reference_seconds / crowded_seconds:.1f}× with large blocks."
    )


if __name__ == "__main__":
    main()
