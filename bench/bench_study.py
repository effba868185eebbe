"""Study benchmark: every ego measure for 10,000 egos with 50 alters each.

Target (issue "Research"): all ego measures in under 10 s, and at least 50× faster than a
per-ego networkx loop measured in the same run. The cohort comes from
``research.simulate.simulate_cohort`` (density per ego drawn from Beta(2, 5), so about 350
alter–alter ties per ego; one categorical attribute, closeness, tie classes).

tiewise: ``research.measures.ego_measures`` on all egos (median of 3 runs), every measure it
has. Reference: for a random sample of egos, networkx builds each ego graph (ego tied to its
alters, plus the alter ties) and computes effective size, constraint and the density of the
alters, and Python the sector Blau index — the per-ego loop the issue names, doing less than
tiewise does (no hierarchy, tie classes, other indices or composition), which favours it. Its
time per ego times the number of egos is the reference.

Usage: ``python bench/bench_study.py [EGOS] [ALTERS] [SAMPLE]``

Validation (``python bench/bench_study.py validate [REPEATS] [EGOS]``, default 1,000 cohorts of
400 egos): ``research.simulate.validate`` fits the models ``tiewise study`` shows — the joint
model and the total association of each measure, with the controls firm age, firm size and
industry — on cohorts with planted effects (size 0, sector Blau +0.3, constraint −0.2 per SD,
composition 0) and prints, per model and measure, the mean estimate, its bias, the coverage of
the 95 % intervals and the share of cohorts where the measure is significant (p < .05, raw and
Holm-adjusted within the model's family).
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections import Counter
from datetime import date

import networkx as nx
import numpy as np

from tiewise.research.measures import ego_measures
from tiewise.research.simulate import simulate_cohort


def networkx_per_ego(nets, egos: np.ndarray) -> float:  # type: ignore[no-untyped-def]
    """Seconds for the reference loop over ``egos``."""
    owner = nets.ego_of[nets.tie_a]
    order = np.argsort(owner, kind="stable")
    starts = np.searchsorted(owner[order], np.arange(nets.egos + 1))
    sector = nets.categorical["sector"]
    start = time.perf_counter()
    for e in egos:
        graph = nx.Graph()
        alters = range(nets.indptr[e], nets.indptr[e + 1])
        graph.add_edges_from(("ego", a) for a in alters)
        mine = order[starts[e] : starts[e + 1]]
        graph.add_edges_from(zip(nets.tie_a[mine].tolist(), nets.tie_b[mine].tolist(), strict=True))
        nx.effective_size(graph, nodes=["ego"])
        nx.constraint(graph, nodes=["ego"])
        nx.density(graph.subgraph(alters))
        counts = Counter(sector.alters[a] for a in alters)
        total = sum(counts.values())
        _ = 1 - sum((n / total) ** 2 for n in counts.values())
    return time.perf_counter() - start


def validation(repeats: int, egos: int) -> None:
    from tiewise.research.simulate import DEFAULT_EFFECTS, validate

    start = time.perf_counter()
    rows = validate(repeats=repeats, egos=egos)
    seconds = time.perf_counter() - start
    planted = ", ".join(f"{k} {v:+g}" for k, v in DEFAULT_EFFECTS.items())
    print(
        f"## Study validation — {date.today().isoformat()}, {repeats:,} cohorts of {egos} egos "
        f"(seeds 1000–{999 + repeats}), planted per SD: {planted}, composition 0; "
        f"{seconds:.0f} s\n"
    )
    print(
        "| model | measure | planted | mean estimate | bias | 95% CI coverage | p < .05 "
        "| Holm p < .05 |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r.kind} | {r.measure} | {r.planted:+.2f} | {r.mean:+.3f} | {r.bias:+.3f} | "
            f"{r.coverage:.1%} | {r.significant:.1%} | {r.significant_holm:.1%} |"
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "validate":
        repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
        egos = int(sys.argv[3]) if len(sys.argv) > 3 else 400
        validation(repeats, egos)
        return
    egos = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    alters = float(sys.argv[2]) if len(sys.argv) > 2 else 50.0
    sample = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    made = time.perf_counter()
    nets = simulate_cohort(egos=egos, mean_alters=alters, seed=1).study.networks
    made = time.perf_counter() - made
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        ego_measures(nets)
        runs.append(time.perf_counter() - start)
    ours = statistics.median(runs)
    chosen = np.random.default_rng(2).choice(egos, size=min(sample, egos), replace=False)
    per_ego = networkx_per_ego(nets, chosen) / chosen.size
    reference = per_ego * egos
    print(
        f"## Study benchmark — {date.today().isoformat()}, {platform.machine()}, "
        f"Python {platform.python_version()}, networkx {nx.__version__}\n"
    )
    print(
        f"{egos:,} egos, {len(nets.alter_ids):,} alters (mean {len(nets.alter_ids) / egos:.1f}), "
        f"{nets.tie_a.size:,} alter–alter ties; cohort simulated in {made:.1f} s.\n"
    )
    print("| | seconds | egos per second | vs networkx |")
    print("|---|---|---|---|")
    print(
        f"| tiewise `ego_measures`, all measures, median of 3 | {ours:.2f} | "
        f"{egos / ours:,.0f} | {reference / ours:.0f}× faster |"
    )
    print(
        f"| networkx loop per ego ({chosen.size} egos timed, × {egos:,}) | {reference:.1f} | "
        f"{1 / per_ego:,.0f} | 1× |"
    )


if __name__ == "__main__":
    main()
