"""Web benchmark: every page of ``tiewise serve`` under 20 concurrent local clients.

Target (issue "The web app"): with a 30,000-contact database every page is served in under
300 ms at the 95th percentile with 20 concurrent clients and no errors. The database is the
capture benchmark's heavy network (35,509 contacts) enriched as ``bench_advice.py`` does (goals,
sectors, needs and offers, favours, invitations, events), so every page has real content.

The server runs as a separate process (``tiewise serve``, uvicorn, one worker), as a user runs
it. After a warm-up pass over every page in both languages (the first request analyses the
network, about 1.5 s, and each page is rendered once per version of the data and language; the
warm-up time is reported), a bounded load: 20 clients at once, each on one kept-alive
connection as a browser, requesting every page ``ROUNDS`` times, in an order of its own.
Reference in the same run: the static stylesheet, served by the same server — the floor any
page stands on.

Usage: ``python bench/bench_web.py [DB]`` — without DB the heavy database is built first.
"""

from __future__ import annotations

import asyncio
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_advice import prepared_database  # noqa: E402
from http_client import Connection  # noqa: E402

CLIENTS = 20
ROUNDS = 5
PAGES = (
    "/",
    "/network",
    "/network.json",
    "/contacts",
    "/contacts?q=jan&sort=name",
    "/contacts?class=strong",
    "/contacts/1000",
    "/goals",
    "/advice",
    "/invitations",
    "/introductions",
    "/events",
    "/merge",
    "/import",
    "/settings",
    "/?lang=nl",
)
REFERENCE = "/static/app.css"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _client(base: str, number: int, latencies: dict[str, list[float]], errors: list) -> None:
    """One user: a kept-alive connection, as a browser has, and every page once per round in
    an order of its own."""
    shuffle = random.Random(number).shuffle
    async with Connection(base) as connection:  # http_client.py: why not httpx here
        for _ in range(ROUNDS):
            order = [*PAGES, REFERENCE]
            shuffle(order)
            for path in order:
                start = time.perf_counter()
                status, _body = await connection.get(path)
                latencies.setdefault(path, []).append(time.perf_counter() - start)
                if status != 200:
                    errors.append((path, status))


async def load(base: str) -> tuple[dict[str, list[float]], list]:
    latencies: dict[str, list[float]] = {}
    errors: list = []
    await asyncio.gather(*(_client(base, k, latencies, errors) for k in range(CLIENTS)))
    return latencies, errors


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """``tiewise serve`` on ``db`` in its own process, as a user runs it; yields its base URL
    once it answers, and stops it afterwards."""
    port = _free_port()
    tiewise = Path(sys.executable).with_name("tiewise")
    server = subprocess.Popen(
        [tiewise, "--db", db, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + REFERENCE, timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(10)


def warm_up(base: str) -> float:
    """Every page once in each language (the analysis, advice, map, charts); seconds taken."""
    warm = time.perf_counter()
    for language in ("en", "nl"):
        with httpx.Client(base_url=base, cookies={"tiewise_lang": language}) as client:
            for path in PAGES:
                client.get(path, timeout=120).raise_for_status()
    return time.perf_counter() - warm


def timed_load(base: str) -> tuple[dict[str, list[float]], list, float]:
    """The load (``CLIENTS`` clients × ``ROUNDS`` rounds): latencies per path, errors, wall
    seconds."""
    started = time.perf_counter()
    latencies, errors = asyncio.run(load(base))
    return latencies, errors, time.perf_counter() - started


def measure(db: Path) -> None:
    with serve(db) as base:
        warm_seconds = warm_up(base)
        latencies, errors, wall = timed_load(base)
    requests = sum(len(v) for v in latencies.values())
    reference = p95(latencies[REFERENCE])
    print(
        f"## Web benchmark — {date.today().isoformat()}, {platform.machine()}, "
        f"Python {platform.python_version()}, 35,509 contacts (enriched as the advice benchmark), "
        f"{CLIENTS} concurrent clients × {ROUNDS} rounds × {len(PAGES) + 1} paths\n"
    )
    print(
        f"{requests} requests in {wall:.1f} s ({requests / wall:.0f}/s), {len(errors)} errors; "
        f"warm-up (the analysis, then every page once in each language) {warm_seconds:.1f} s.\n"
    )
    print("| path | median ms | p95 ms | max ms | p95 vs static | target |")
    print("|---|---|---|---|---|---|")
    for path in (*PAGES, REFERENCE):
        values = latencies[path]
        target = "reference" if path == REFERENCE else "p95 < 300 ms"
        print(
            f"| `{path}` | {statistics.median(values) * 1000:.0f} | {p95(values) * 1000:.0f} | "
            f"{max(values) * 1000:.0f} | {p95(values) / reference:.1f}× | {target} |"
        )
    if errors:
        print(f"\nErrors: {errors[:10]}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        measure(prepared_database(Path(tmp), sys.argv[1] if len(sys.argv) > 1 else None))


if __name__ == "__main__":
    main()
