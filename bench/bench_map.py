"""Map benchmark: how long the network map takes to redraw 2,000 contacts in Debian's chromium.

Target (issue "The web app"): smooth at 2,000 contacts. The page is served by the app on the
demo database, but ``/network.json`` is answered with a synthetic map of ``NODES`` contacts in
10 clusters and ``EDGES`` links (Playwright's request routing), so the drawing code meets the
size the issue names. Each filter change redraws everything; the script times 30 redraws inside
the page (``performance.now``, reading one pixel back so the drawing is finished, not only
queued) and compares them with one frame at 60 frames a second (16.7 ms), the reference for
"smooth". Reference in the same run: the demo's own map (417
contacts).

Usage: ``python bench/bench_map.py``
"""

from __future__ import annotations

import json
import math
import platform
import random
import socket
import statistics
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from tiewise.demo import build_demo
from tiewise.store import Store
from tiewise.web.app import create_app
from tiewise.web.safety import allowed_hosts

NODES = 2000
EDGES = 8000
FRAME_MS = 1000 / 60
REDRAWS = 30
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMING = f"""() => {{
  const form = document.getElementById('map-filters');
  const context = document.getElementById('map').getContext('2d');
  const times = [];
  for (let i = 0; i < {REDRAWS}; i++) {{
    const start = performance.now();
    form.dispatchEvent(new Event('change'));
    context.getImageData(0, 0, 1, 1);  // waits until the pixels are drawn
    times.push(performance.now() - start);
  }}
  return times;
}}"""


def synthetic_map() -> dict:
    rng = random.Random(7)
    clusters = [{"index": k, "label": f"cluster {k}", "size": NODES // 10} for k in range(10)]
    nodes = []
    for i in range(NODES):
        k = i % 10
        angle = 2 * math.pi * k / 10
        nodes.append(
            {
                "id": i + 1,
                "name": f"Person {i}",
                "organisation": "Org",
                "class": rng.choice(["strong", "medium", "weak", "dormant"]),
                "cluster": k,
                "strength": rng.random(),
                "relevance": rng.random(),
                "bridge": rng.random() < 0.01,
                "x": 450 * math.cos(angle) + rng.gauss(0, 60),
                "y": 450 * math.sin(angle) + rng.gauss(0, 60),
            }
        )
    edges = [[rng.randrange(NODES), rng.randrange(NODES)] for _ in range(EDGES)]
    return {"mode": "contacts", "me": "me", "clusters": clusters, "nodes": nodes, "edges": edges}


def redraw_times(page, url: str, body: str | None) -> list[float]:  # type: ignore[no-untyped-def]
    if body is not None:
        page.route(
            "**/network.json",
            lambda route: route.fulfill(body=body, content_type="application/json"),
        )
    page.goto(url + "/network")
    page.wait_for_function("document.getElementById('map').dataset.nodesDrawn !== '0'")
    times = page.evaluate(TIMING)
    page.unroute("**/network.json")
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        with Store.open(db) as store:
            build_demo(store, seed=1, today=date(2026, 11, 1))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        app = create_app(str(db), hosts=allowed_hosts("127.0.0.1", port))
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            demo = redraw_times(page, url, None)
            large = redraw_times(page, url, json.dumps(synthetic_map()))
            browser.close()
        server.should_exit = True
    print(
        f"## Map benchmark — {date.today().isoformat()}, {platform.machine()}, Debian chromium "
        f"headless (software rendering), {REDRAWS} full redraws each\n"
    )
    print("| map | median ms | slowest ms | median vs one 60 fps frame |")
    print("|---|---|---|---|")
    for label, times in (
        ("demo, 417 contacts", demo),
        (f"{NODES:,} contacts, {EDGES:,} links", large),
    ):
        median = statistics.median(times)
        print(f"| {label} | {median:.1f} | {max(times):.1f} | {median / FRAME_MS:.2f}× |")


if __name__ == "__main__":
    main()
