"""Closing the loop (issue 15): what logging one contact and re-reading the plan costs, on the
command line and in the web app, on the heavy network (the advice benchmark's database: 35,509
contacts, enriched as ``bench_advice.py`` does).

Targets: logging one activity and re-reading the plan costs < 0.3 s on top of the command's
start-up; the web's pages after a logged contact stay within the current p95 figures with 20
clients.

**Command line.** Each run works on a fresh copy of the database (so every run logs into the
same data and the plan has the same people due) and runs, one after the other, as a user would:

1. ``tiewise --db DB --help`` — interpreter and imports only (the database is not opened);
2. ``tiewise --db DB me --json`` — the *start-up reference*: the same interpreter and imports
   (every command module is imported by ``tiewise.cli``), plus opening the database the user
   named (the engine, the schema-version check) and a one-row read. That is what any command
   pays before doing its own work, so ``log`` minus this is the cost of logging itself
   (resolving the name, the duplicate guard, the write). ``--help`` opens no database and would
   charge the opening to ``log``; its figure is printed too;
3. ``tiewise --db DB plan --json`` — the plan before logging;
4. ``tiewise --db DB log ID --kind coffee --on DAY`` — ID the first person due in the plan
   (what a user would log), DAY a distinct past day per run (so the duplicate guard never
   refuses it, whichever copy it runs on);
5. ``tiewise --db DB plan --json`` — the re-read: the same plan after the write (the logged
   person should have left it; the script checks).

A first run is a warm-up and is discarded (hyperfine's ``--warmup 1``); ``RUNS`` runs follow.
The issue's figure is, per run, (log − start-up) + (plan after − plan before): what logging
adds to a command's start-up, and what the written record adds to re-reading the plan. Its
median and range over the runs are reported, with the ratios. Each command's CPU time (user +
system, from ``getrusage``) is reported beside its wall-clock time: on a shared machine the
wall clock also counts waiting for a core, the CPU time much less so.

**Web.** ``tiewise serve`` on another copy, started, warmed up and loaded exactly as in
``bench_web.py`` (its functions are imported: 20 clients × 5 rounds × every page); then, as a
browser: the dashboard (which sets the CSRF cookie and lists the plan), the first person due,
their contact page, and the *Log contact* form on it posted with the CSRF field and cookie and
an ``Origin`` header (``/plan/done`` from the dashboard when the contact page has no such form
yet: it records an interaction the same way). The write forgets the cached views, so the page
the form redirects to pays the re-analysis; it is timed, then the dashboard (the plan, re-read),
then the same 20-client load straight away — every other page is rendered for the first time
inside that load, as it would be for users browsing after a write. Its p95 per page is compared
with the p95 before the write, in the same run and the same server. Last, a second write the
same way, and then every page once, alone: the first rendering of each page for the new data,
which is what the load after a write pays on top of the re-analysis.

The machine's load average is printed with the figures: this 2-core VM is shared.

Usage: ``python bench/bench_loop.py [DB]`` — DB as for ``bench_advice.py`` (the heavy,
not yet enriched database); without it the heavy database is built first (minutes).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_advice import prepared_database  # noqa: E402
from bench_web import CLIENTS, PAGES, REFERENCE, ROUNDS, p95, serve, timed_load, warm_up  # noqa: E402

RUNS = 9
TARGET_SECONDS = 0.3
PAGE_TARGET_MS = 300
TIEWISE = Path(sys.executable).with_name("tiewise")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(db: Path, *arguments: str) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds (user + system) of one command, and what it printed."""
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [TIEWISE, "--db", db, *arguments], check=False, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"tiewise {' '.join(arguments)}: {done.stderr.strip()}")
    return seconds, _cpu() - cpu, done.stdout


def _fresh_copy(master: Path, db: Path) -> None:
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        path.unlink(missing_ok=True)
    shutil.copy(master, db)


def _due(plan_json: str) -> list[int]:
    return [c["contact_id"] for c in json.loads(plan_json)["contacts"]]


def _derived(s: dict[str, list[float]]) -> None:
    """The paired differences of each run (see the module docstring)."""

    def minus(a: str, b: str) -> list[float]:
        return [x - y for x, y in zip(s[a], s[b], strict=True)]

    s["log_over_start"] = minus("log", "start")
    s["log_over_help"] = minus("log", "help")
    s["plan_over_start"] = minus("plan_before", "start")
    s["plan_delta"] = minus("plan_after", "plan_before")
    s["loop"] = [x + y for x, y in zip(s["log_over_start"], s["plan_delta"], strict=True)]


def command_line(master: Path, folder: Path) -> dict[str, Any]:
    """The five commands of each run (see the module docstring); wall-clock and CPU seconds
    per command per run."""
    db = folder / "cli.db"
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    left: list[bool] = []
    logged: list[int] = []
    load = [os.getloadavg()[0]]
    today = date.today()
    for run in range(RUNS + 1):  # run 0: warm-up
        _fresh_copy(master, db)
        times: dict[str, list[float]] = {}
        *times["help"], _ = _timed(db, "--help")
        *times["start"], _ = _timed(db, "me", "--json")
        *times["plan_before"], before = _timed(db, "plan", "--json")
        due = _due(before)
        person = due[0] if due else 1000
        day = today - timedelta(days=1 + run)
        *times["log"], _ = _timed(db, "log", str(person), "--kind", "coffee", "--on", str(day))
        *times["plan_after"], after = _timed(db, "plan", "--json")
        if run == 0:
            continue
        left.append(bool(due) and person not in _due(after))
        logged.append(person)
        for name, (seconds, used) in times.items():
            wall.setdefault(name, []).append(seconds)
            cpu.setdefault(name, []).append(used)
    load.append(os.getloadavg()[0])
    _derived(wall)
    _derived(cpu)
    return {"seconds": wall, "cpu": cpu, "left": left, "logged": logged, "load": load}


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    """The forms of a page with the values a browser would send untouched (hidden fields such
    as the CSRF token, text defaults, the selected option, checked boxes)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", "")))
            self._inside = True
        elif not self._inside or "name" not in a:
            if tag == "option" and self._select is not None:
                self._option(a)
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.forms[-1].fields[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self._textarea = a["name"]
            self.forms[-1].fields[a["name"]] = ""

    def _option(self, a: dict[str, str]) -> None:
        fields = self.forms[-1].fields
        if self._select not in fields or "selected" in a:
            fields[self._select] = a.get("value", "")  # type: ignore[index]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self._inside:
            self.forms[-1].fields[self._textarea] += data


def forms_of(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _planned(html: str) -> list[int]:
    return [int(f.fields["contact_id"]) for f in forms_of(html) if f.action == "/plan/done"]


def log_as_a_browser(base: str) -> dict[str, Any]:
    """Log contact with the first person due, through the form, as a browser: see the module
    docstring. Seconds of the post, of the page it leads to and of the dashboard after it."""
    with httpx.Client(base_url=base, timeout=120, headers={"Origin": base}) as browser:
        dashboard = browser.get("/")
        dashboard.raise_for_status()
        due = _planned(dashboard.text)
        person = due[0] if due else 1000
        page = browser.get(f"/contacts/{person}")
        page.raise_for_status()
        action = f"/contacts/{person}/log"
        form = next((f for f in forms_of(page.text) if f.action == action), None)
        if form is not None:
            fields = {**form.fields, "kind": "coffee"}
        else:
            action = "/plan/done"
            form = next(f for f in forms_of(dashboard.text) if f.action == action)
            fields = {**form.fields, "contact_id": str(person)}
        start = time.perf_counter()
        posted = browser.post(action, data=fields, follow_redirects=False)
        post_seconds = time.perf_counter() - start
        if posted.status_code != 303:
            raise RuntimeError(f"POST {action}: {posted.status_code} {posted.text[:300]}")
        target = posted.headers["location"]
        start = time.perf_counter()
        first = browser.get(target)
        first_seconds = time.perf_counter() - start
        first.raise_for_status()
        start = time.perf_counter()
        again = browser.get("/")
        dashboard_seconds = time.perf_counter() - start
        again.raise_for_status()
    return {
        "action": action,
        "person": person,
        "post": post_seconds,
        "target": target,
        "first": first_seconds,
        "dashboard": dashboard_seconds,
        "left": bool(due) and person not in _planned(again.text),
    }


def first_renderings(base: str) -> dict[str, float]:
    """Seconds of each page requested once, alone, right after a write whose re-analysis has
    been paid: what rendering it for the new version of the data costs."""
    seconds = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for path in PAGES:
            start = time.perf_counter()
            client.get(path).raise_for_status()
            seconds[path] = time.perf_counter() - start
    return seconds


def web(master: Path, folder: Path) -> dict[str, Any]:
    db = folder / "web.db"
    _fresh_copy(master, db)
    load = [os.getloadavg()[0]]
    with serve(db) as base:
        warm = warm_up(base)
        before, errors_before, wall_before = timed_load(base)
        write = log_as_a_browser(base)
        after, errors_after, wall_after = timed_load(base)
        second = log_as_a_browser(base)
        firsts = first_renderings(base)
    load.append(os.getloadavg()[0])
    return {
        "warm": warm,
        "before": before,
        "after": after,
        "errors": errors_before + errors_after,
        "walls": (wall_before, wall_after),
        "write": write,
        "second": second,
        "firsts": firsts,
        "load": load,
    }


def _size(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as connection:
        contacts = connection.execute(
            "SELECT count(*) FROM contact WHERE merged_into_id IS NULL"
        ).fetchone()[0]
        interactions = connection.execute("SELECT count(*) FROM interaction").fetchone()[0]
    return contacts, interactions


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} | {min(values):.2f}–{max(values):.2f}"


def report(master: Path, cli: dict[str, Any], site: dict[str, Any]) -> None:
    contacts, interactions = _size(master)
    s = cli["seconds"]
    med = {name: statistics.median(values) for name, values in s.items()}
    print(
        f"## Closing the loop (issue 15) — {time.strftime('%Y-%m-%d %H:%M %Z')}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{contacts:,} contacts, {interactions:,} interactions (enriched as the advice "
        "benchmark)\n"
    )
    print(
        f"Load average (1 min) during the command-line runs {cli['load'][0]:.2f} → "
        f"{cli['load'][1]:.2f}, during the web runs {site['load'][0]:.2f} → "
        f"{site['load'][1]:.2f}.\n"
    )
    c = cli["cpu"]
    cmed = {name: statistics.median(values) for name, values in c.items()}
    print(
        f"| command (start-up included) | wall median of {RUNS} s | wall range s "
        "| vs start-up | CPU median s | CPU vs start-up |"
    )
    print("|---|---|---|---|---|---|")
    rows = (
        ("`tiewise --help` (imports only)", "help"),
        ("`tiewise me --json` (start-up reference)", "start"),
        ("`tiewise plan --json`, before logging", "plan_before"),
        ("`tiewise log ID --kind coffee --on DAY`", "log"),
        ("`tiewise plan --json`, after logging (the re-read)", "plan_after"),
    )
    for label, name in rows:
        print(
            f"| {label} | {_spread(s[name])} | {med[name] / med['start']:.2f}× | "
            f"{cmed[name]:.2f} | {cmed[name] / cmed['start']:.2f}× |"
        )
    print()
    print("| cost (paired per run) | wall median s | wall range s | CPU median s | CPU range s |")
    print("|---|---|---|---|---|")
    costs = (
        ("log − start-up", "log_over_start"),
        ("log − `--help`", "log_over_help"),
        ("plan before − start-up (the plan's own work)", "plan_over_start"),
        ("plan after − plan before", "plan_delta"),
    )
    for label, name in costs:
        print(f"| {label} | {_spread(s[name])} | {_spread(c[name])} |")
    print(
        "| **(log − start-up) + (plan after − plan before)**, target < "
        f"{TARGET_SECONDS} s | **{med['loop']:.2f}** | {min(s['loop']):.2f}–{max(s['loop']):.2f} "
        f"| **{cmed['loop']:.2f}** | {min(c['loop']):.2f}–{max(c['loop']):.2f} |"
    )
    print(
        f"\nThe issue's figure: {med['loop']:.2f} s wall ({med['loop'] / TARGET_SECONDS:.1f}× the "
        f"target), {cmed['loop']:.2f} s CPU ({cmed['loop'] / TARGET_SECONDS:.1f}×). The logged "
        f"person left the plan in {sum(cli['left'])} of {len(cli['left'])} runs (ids logged: "
        f"{sorted(set(cli['logged']))}). Ratios (wall medians): log / start-up "
        f"{med['log'] / med['start']:.2f}×, plan after / plan before "
        f"{med['plan_after'] / med['plan_before']:.2f}×, plan / start-up "
        f"{med['plan_before'] / med['start']:.2f}×.\n"
    )
    w = site["write"]
    requests = sum(len(v) for v in site["before"].values())
    print(
        f"Web ({CLIENTS} clients × {ROUNDS} rounds × {len(PAGES) + 1} paths, {requests} requests "
        f"per load, {len(site['errors'])} errors): warm-up {site['warm']:.1f} s; load before the "
        f"write {site['walls'][0]:.1f} s, after {site['walls'][1]:.1f} s. The write: "
        f"`POST {w['action']}` (person {w['person']}) {w['post'] * 1000:.0f} ms; the page it "
        f"leads to, `{w['target']}`, first after the write (the re-analysis) "
        f"{w['first'] * 1000:.0f} ms; the dashboard after it {w['dashboard'] * 1000:.0f} ms; the "
        f"person left the dashboard's plan: {'yes' if w['left'] else 'no'}.\n"
    )
    print(
        "| path | p95 before ms | p95 after ms | after / before | max after ms "
        f"| after > {PAGE_TARGET_MS} ms |"
    )
    print("|---|---|---|---|---|---|")
    for path in (*PAGES, REFERENCE):
        b, a = site["before"][path], site["after"][path]
        slow = sum(v * 1000 > PAGE_TARGET_MS for v in a)
        print(
            f"| `{path}` | {p95(b) * 1000:.0f} | {p95(a) * 1000:.0f} | {p95(a) / p95(b):.2f}× | "
            f"{max(a) * 1000:.0f} | {slow} of {len(a)} |"
        )
    pooled_b = [v for p in PAGES for v in site["before"][p]]
    pooled_a = [v for p in PAGES for v in site["after"][p]]
    print(
        f"| all pages | {p95(pooled_b) * 1000:.0f} | {p95(pooled_a) * 1000:.0f} | "
        f"{p95(pooled_a) / p95(pooled_b):.2f}× | {max(pooled_a) * 1000:.0f} | "
        f"{sum(v * 1000 > PAGE_TARGET_MS for v in pooled_a)} of {len(pooled_a)} |"
    )
    second, firsts = site["second"], site["firsts"]
    costly = sorted(firsts.items(), key=lambda item: -item[1])
    print(
        f"\nA second write (`POST {second['action']}`, person {second['person']}: "
        f"{second['post'] * 1000:.0f} ms; `{second['target']}` after it "
        f"{second['first'] * 1000:.0f} ms, the dashboard {second['dashboard'] * 1000:.0f} ms), "
        "then every page once, alone — its first rendering for the new data: "
        f"{sum(firsts.values()):.1f} s in all; "
        + ", ".join(f"`{path}` {value * 1000:.0f} ms" for path, value in costly[:5])
        + f"; the other {len(costly) - 5} pages "
        f"{min(v for _, v in costly[5:]) * 1000:.0f}–{max(v for _, v in costly[5:]) * 1000:.0f} ms."
    )
    if site["errors"]:
        print(f"\nErrors: {site['errors'][:10]}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        master = prepared_database(folder, sys.argv[1] if len(sys.argv) > 1 else None)
        cli = command_line(master, folder)
        site = web(master, folder)
        report(master, cli, site)


if __name__ == "__main__":
    main()
