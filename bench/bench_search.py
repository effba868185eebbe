"""Search and bulk edit (issue 18) on the heavy network (the advice benchmark's database: 35,509
contacts, enriched as ``bench_advice.py`` does).

Targets: a search through the web under 20 clients < 50 ms at the 95th percentile; a bulk edit
of 10,000 contacts < 2 s.

1. **The index.** Rewriting every document (``search.rebuild``, what migration 0007 leaves to
   the first write) — once.
2. **The search in process.** ``search.matching`` for a set of queries a user would type
   (``queries``: a name reversed and in lower case, the first four letters of a surname, a
   full name, an organisation, a sector; 250 of them, seeded). Reference in the same run: what
   the contacts page did before (a substring of the name, ``needle in name.casefold()`` over
   every contact of the Snapshot) for the same queries.
3. **The search through the web.** ``tiewise serve`` in its own process, warmed up as
   ``bench_web.py`` does; every search a query no client asked before, so no page cache helps.
   (a) bench_web's load — 20 clients, each on one kept-alive connection, every page of its
   ``PAGES`` once per round in an order of its own, ``ROUNDS`` rounds — with one search and one
   contacts page the client has not seen either per round (``/contacts?page=N``: the current
   contacts page, rendered afresh — the reference), p95 per kind of request and against the
   static stylesheet; (b) everyone searching at once: 20 clients × ``SEARCHES`` searches back
   to back, then the same with unseen contacts pages. And the server's CPU time for one page,
   alone in this process: what a request costs whatever the machine's load.
4. **Bulk edit of 10,000 contacts** — set the sector and add a tag, in one transaction, search
   documents refreshed: the plan alone (what ``--set`` without ``--yes`` shows), then the edit;
   and the same through ``tiewise contacts --search … --set … --add-tag … --yes`` as a process
   (start-up included). Reference: a bare ``UPDATE contact SET sector`` of the same rows (no
   plan, no tag, no index).

Usage: ``python bench/bench_search.py [DB]`` — DB as for ``bench_advice.py`` (the heavy, not yet
enriched database); without it the heavy database is built first (minutes).
"""

from __future__ import annotations

import asyncio
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_advice import SECTORS, TODAY, prepared_database  # noqa: E402
from bench_web import CLIENTS, PAGES, REFERENCE, p95, serve, warm_up  # noqa: E402
from http_client import Connection  # noqa: E402
from sqlalchemy import text  # noqa: E402

from tiewise.bulkedit import Edit, bulk_edit  # noqa: E402
from tiewise.snapshot import load_snapshot  # noqa: E402
from tiewise.store import Store, search  # noqa: E402

ROUNDS = 5  # as bench_web
SEARCHES = 15  # per client, when everyone searches at once
BULK = 10_000
TAGGED = ("--add-tag", "bulk edited", "--yes")
TIEWISE = Path(sys.executable).with_name("tiewise")


def queries(db: Path, count: int, seed: int) -> list[str]:
    """Queries a user would type, drawn from the data (see the module docstring)."""
    rng = random.Random(seed)
    with Store.open(db) as store, store.connect() as connection:
        names = [n for (n,) in connection.execute(text("SELECT name FROM contact"))]
        organisations = [
            o
            for (o,) in connection.execute(
                text("SELECT DISTINCT organisation FROM contact WHERE organisation IS NOT NULL")
            )
        ]
    found: list[str] = []
    while len(found) < count:
        name = rng.choice(names)
        words = name.split()
        found.append(
            rng.choice(
                [
                    " ".join(reversed(words)).lower(),
                    words[-1][:4],
                    name,
                    rng.choice(organisations),
                    rng.choice(SECTORS),
                ]
            )
        )
    return found


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def in_process(db: Path) -> dict[str, object]:
    asked = queries(db, 250, seed=1)
    with Store.open(db) as store:
        with store.begin() as connection:
            rebuild = timed(search.rebuild, connection)
        snapshot = load_snapshot(store)
        names = [c.name.casefold() for c in snapshot.contacts]
        with store.connect() as connection:
            ours = [timed(search.matching, connection, q) for q in asked]
            sizes = [len(search.matching(connection, q)) for q in asked]
        reference = [timed(lambda n: [n in name for name in names], q.casefold()) for q in asked]
    return {"rebuild": rebuild, "ours": ours, "reference": reference, "sizes": sizes}


async def _client(
    base: str,
    number: int,
    extra: list[tuple[str, str]],
    rounds: int,
    pages: tuple[str, ...],
    latencies: dict,
    errors: list,
) -> None:
    """One user on one kept-alive connection: each round, every one of ``pages`` and its
    share of ``extra``, in an order of its own."""
    shuffle = random.Random(number).shuffle
    per_round = len(extra) // rounds
    async with Connection(base) as connection:  # http_client.py: why not httpx here
        for round_ in range(rounds):
            mine = extra[round_ * per_round : (round_ + 1) * per_round]
            order = [*((p, p) for p in pages), *mine]
            shuffle(order)
            for path, kind in order:
                start = time.perf_counter()
                status, _body = await connection.get(path)
                latencies.setdefault(kind, []).append(time.perf_counter() - start)
                if status != 200:
                    errors.append((path, status))


def _load(
    base: str, extra: list[list[tuple[str, str]]], rounds: int, pages: tuple[str, ...]
) -> tuple[dict, list, float]:
    """The 20 clients at once, client ``k`` with the requests ``extra[k]``; latencies by
    kind, errors, wall seconds."""
    latencies: dict[str, list[float]] = {}
    errors: list = []

    async def everyone() -> None:
        await asyncio.gather(
            *(_client(base, k, extra[k], rounds, pages, latencies, errors) for k in range(CLIENTS))
        )

    start = time.perf_counter()
    asyncio.run(everyone())
    return latencies, errors, time.perf_counter() - start


def _shares(requests: list[tuple[str, str]], each: int) -> list[list[tuple[str, str]]]:
    return [requests[k * each : (k + 1) * each] for k in range(CLIENTS)]


def through_the_web(db: Path) -> dict[str, object]:
    """Two loads on one server (see the module docstring): bench_web's, with one search and
    one unseen contacts page per client and round, interleaved; then everyone searching."""
    mixed, alone = CLIENTS * ROUNDS, CLIENTS * SEARCHES
    asked = list(dict.fromkeys(queries(db, (mixed + alone) * 3, seed=2)))
    searches = [("/contacts?" + urlencode({"q": q}), "search") for q in asked]
    unseen = [(f"/contacts?page={n}", "contacts page, unseen") for n in range(2, 2 + mixed)]
    interleaved = [r for pair in zip(searches[:mixed], unseen, strict=True) for r in pair]
    every_page = (*PAGES, REFERENCE)
    load = [os.getloadavg()[0]]
    with serve(db) as base:
        warm = warm_up(base)
        mix = _load(base, _shares(interleaved, 2 * ROUNDS), ROUNDS, every_page)
        only = _load(base, _shares(searches[mixed : mixed + alone], SEARCHES), 1, ())
        pages = [(f"/contacts?page={n}", "contacts page, unseen") for n in range(2, 2 + alone)]
        only_pages = _load(base, _shares(pages, SEARCHES), 1, ())
    load.append(os.getloadavg()[0])
    return {
        "mix": mix,
        "searching": only,
        "paging": only_pages,
        "warm": warm,
        "load": load,
    }


def server_time(db: Path) -> dict[str, list[float]]:
    """CPU seconds the server spends on one search page and one unseen contacts page, each
    rendered alone in this process (no client, no other request): what a request costs
    whatever the machine's load."""
    from starlette.requests import Request

    from tiewise.web.app import create_app

    app = create_app(str(db), today=lambda: TODAY)
    site = app.state.site
    site.workspace.views()  # the analysis, once

    def request(query: str) -> Request:
        scope = {"type": "http", "method": "GET", "path": "/contacts", "headers": [], "app": app}
        return Request({**scope, "query_string": query.encode()})

    asked = list(dict.fromkeys(queries(db, 600, seed=3)))[:200]
    cpu: dict[str, list[float]] = {"search": [], "contacts page, unseen": []}
    for k, query in enumerate(asked):
        for kind, url in (
            ("search", urlencode({"q": query})),
            ("contacts page, unseen", f"page={k + 2}"),
        ):
            start = time.process_time()
            site.pages["contacts"](request(url))
            cpu[kind].append(time.process_time() - start)
    site.workspace.close()
    return cpu


def bulk(db: Path, folder: Path) -> dict[str, float]:
    copy = folder / "bulk.db"
    shutil.copy(db, copy)
    with Store.open(copy) as store:
        with store.connect() as connection:
            people = search.matching(connection, "e")[:BULK]  # the people with a word in e…
        edit = Edit({"sector": "zorg"}, ("bulk edited",))
        plan = timed(bulk_edit, store, people, edit, False)
        cpu = time.process_time()
        done = timed(bulk_edit, store, people, edit, True)
        cpu = time.process_time() - cpu
        with store.engine.connect() as connection:
            transaction = connection.begin()
            start = time.perf_counter()
            for k in range(0, len(people), 500):
                listed = ",".join(map(str, people[k : k + 500]))
                connection.exec_driver_sql(
                    f"UPDATE contact SET sector = 'bare' WHERE id IN ({listed})"
                )
            bare = time.perf_counter() - start
            transaction.rollback()
    shutil.copy(db, copy)
    with Store.open(copy) as store, store.connect() as connection:
        query = "healthcare"  # whoever matches a sector's name: about 3,000 people
        matched = len(search.matching(connection, query))
    start = time.perf_counter()
    subprocess.run(
        [TIEWISE, "--db", copy, "contacts", "--search", query, "--set", "sector=zorg", *TAGGED],
        check=True,
        capture_output=True,
    )
    command = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([TIEWISE, "--db", copy, "me", "--json"], check=True, capture_output=True)
    startup = time.perf_counter() - start
    return {
        "people": len(people),
        "plan": plan,
        "done": done,
        "cpu": cpu,
        "bare": bare,
        "command": command,
        "command_people": matched,
        "startup": startup,
    }


def _ms(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values) * 1000, p95(values) * 1000, max(values) * 1000


def report(process: dict, web: dict, edit: dict) -> None:
    print(
        f"## Search and bulk edit (issue 18) — {date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, 35,509 contacts (enriched "
        "as the advice benchmark)\n"
    )
    ours, reference = process["ours"], process["reference"]
    print(f"Index: every document rewritten (`search.rebuild`) in {process['rebuild']:.2f} s.\n")
    print("| search in process, 250 queries | median ms | p95 ms | max ms |")
    print("|---|---|---|---|")
    print("| `search.matching` (index, any field) | {:.2f} | {:.2f} | {:.2f} |".format(*_ms(ours)))
    print(
        "| reference: substring of the name over the Snapshot (the page before) | "
        "{:.2f} | {:.2f} | {:.2f} |".format(*_ms(reference))
    )
    sizes = sorted(process["sizes"])
    print(
        f"\nPeople found per query: median {statistics.median(sizes):.0f}, largest {sizes[-1]:,}.\n"
    )
    latencies, errors, wall = web["mix"]
    requests = sum(len(v) for v in latencies.values())
    print(
        f"Through the web, (a) bench_web's load: {CLIENTS} clients × {ROUNDS} rounds × (every "
        f"page of bench_web + 1 search never asked before + 1 contacts page never shown before: "
        f"the current contacts page rendered afresh, the reference), {requests} requests in "
        f"{wall:.1f} s; load average {web['load'][0]:.1f} → {web['load'][1]:.1f} (2 cores, "
        "shared with other work).\n"
    )
    static = p95(latencies[REFERENCE])
    print("| (a) request | count | median ms | p95 ms | max ms | p95 vs static | target |")
    print("|---|---|---|---|---|---|---|")
    special = ("search", "contacts page, unseen")
    for kind in (*special, "/contacts", REFERENCE):
        values = latencies[kind]
        target = {"search": "p95 < 50 ms", REFERENCE: "reference"}.get(kind, "")
        label = kind if kind in special else f"`{kind}`"
        median, high, top = _ms(values)
        print(
            f"| {label} | {len(values)} | {median:.0f} | {high:.0f} | {top:.0f} | "
            f"{p95(values) / static:.1f}× | {target} |"
        )
    others = [v for k, vs in latencies.items() if k not in (*special, REFERENCE) for v in vs]
    median, high, top = _ms(others)
    print(
        f"| every page of bench_web | {len(others)} | {median:.0f} | {high:.0f} | {top:.0f} | "
        f"{p95(others) / static:.1f}× | |"
    )
    print(
        f"\n(b) Everyone at once: {CLIENTS} clients × {SEARCHES} searches never asked before, "
        f"back to back; then {CLIENTS} × {SEARCHES} contacts pages never shown before.\n"
    )
    print("| (b) request | count | median ms | p95 ms | max ms | wall s |")
    print("|---|---|---|---|---|---|")
    for name, kind in (("searching", "search"), ("paging", "contacts page, unseen")):
        values, failed, seconds = web[name]
        errors = errors + failed
        median, high, top = _ms(values[kind])
        shown = f"{median:.0f} | {high:.0f} | {top:.0f} | {seconds:.1f}"
        print(f"| {kind} | {len(values[kind])} | {shown} |")
    print(f"\n{len(errors)} errors.")
    cpu = web["cpu"]
    print("\n| server CPU per page, alone, 200 each | median ms | p95 ms | max ms |")
    print("|---|---|---|---|")
    for kind in special:
        print("| {} | {:.1f} | {:.1f} | {:.1f} |".format(kind, *_ms(cpu[kind])))
    print(
        f"\n| bulk edit, {edit['people']:,} contacts (sector + a tag) | seconds | target |\n"
        "|---|---|---|\n"
        f"| the plan (what it would change) | {edit['plan']:.2f} | |\n"
        f"| the edit, in one transaction, documents refreshed | **{edit['done']:.2f}** "
        f"(CPU {edit['cpu']:.2f}) | < 2 s |\n"
        f"| reference: bare `UPDATE contact SET sector` of the same rows | {edit['bare']:.2f} | |\n"
        f"| `tiewise contacts --search healthcare --set sector=zorg --add-tag … --yes` "
        f"({edit['command_people']:,} contacts), whole process | {edit['command']:.2f} | |\n"
        f"| start-up reference: `tiewise me --json` | {edit['startup']:.2f} | |"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = prepared_database(folder, sys.argv[1] if len(sys.argv) > 1 else None)
        process = in_process(db)
        web = through_the_web(db)
        web["cpu"] = server_time(db)
        edit = bulk(db, folder)
    report(process, web, edit)


if __name__ == "__main__":
    main()
