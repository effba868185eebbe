"""A register-like multilayer person network, for the benchmarks of the Spark engine (issue 22):
people in households, families across households, school classes, workplaces and neighbours —
the five layers of Statistics Netherlands' person network — drawn at any size with a seed.

Layers (every tie within a layer is undirected and unweighted; a pair may share layers):

- **household**: households of 1–6 people (shares 38, 33, 12, 12, 4, 1 %), everyone in a
  household tied to everyone else in it;
- **family**: households grouped in families of 2–4 households (in random order); everyone
  tied to everyone in the family's other households;
- **school**: 18 % of people are pupils, in classes of 20–30, each class a clique;
- **work**: half of the people work, at workplaces of Zipf-distributed size (exponent 2,
  at most 2 % of people); up to ``colleague_cap`` colleagues everyone is tied to everyone,
  above it each worker to the ``colleague_cap`` colleagues nearest in home location (a band
  in the order of location), so large workplaces give long bands, not giant cliques;
- **neighbours**: households on a unit square, ordered along a Z-order curve; each household
  tied (everyone to everyone) to the ``neighbour_households`` households after it.

Usage: ``python bench/register_network.py PEOPLE OUT.csv [--seed S] [--parquet]`` writes
``source,target,layer`` (ids are numbers) and prints the edge count per layer.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

HOUSEHOLD_SIZES = np.array([1, 2, 3, 4, 5, 6])
HOUSEHOLD_SHARES = np.array([0.38, 0.33, 0.12, 0.12, 0.04, 0.01])


def _groups(sizes: np.ndarray) -> np.ndarray:
    """Start of each group in a sequence of consecutive groups of these sizes."""
    return np.concatenate([[0], np.cumsum(sizes)[:-1]])


def _cliques(members: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair within each group: ``members`` holds the groups one after another."""
    starts = _groups(sizes)
    sources, targets = [], []
    for size in np.unique(sizes):
        if size < 2:
            continue
        first = starts[sizes == size]
        block = first[:, None] + np.arange(size)[None, :]
        upper, lower = np.triu_indices(size, 1)
        sources.append(members[block[:, upper]].ravel())
        targets.append(members[block[:, lower]].ravel())
    if not sources:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(sources), np.concatenate(targets)


def _bands(members: np.ndarray, sizes: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Within each group (members in order), each member tied to the next ``width``."""
    group = np.repeat(np.arange(sizes.size), sizes)
    sources, targets = [], []
    for offset in range(1, width + 1):
        same = group[:-offset] == group[offset:]
        sources.append(members[:-offset][same])
        targets.append(members[offset:][same])
    return np.concatenate(sources), np.concatenate(targets)


def _between(
    first: np.ndarray, second: np.ndarray, start: np.ndarray, size: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Everyone of household ``first[k]`` tied to everyone of household ``second[k]``
    (people numbered by household: household h holds ``start[h] … start[h] + size[h] − 1``)."""
    a, b = size[first], size[second]
    count = a * b
    pair = np.repeat(np.arange(first.size), count)
    within = np.arange(count.sum()) - np.repeat(_groups(count), count)
    return start[first][pair] + within // b[pair], start[second][pair] + within % b[pair]


def _z_order(x: np.ndarray, y: np.ndarray, bits: int = 16) -> np.ndarray:
    """Morton code of points on the unit square: nearby points, nearby codes (mostly)."""
    xi = (x * (1 << bits)).astype(np.uint64)
    yi = (y * (1 << bits)).astype(np.uint64)
    code = np.zeros_like(xi)
    for bit in range(bits):
        code |= ((xi >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit)
        code |= ((yi >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit + 1)
    return code


def register_network(
    people: int,
    seed: int = 1,
    colleague_cap: int = 100,
    neighbour_households: int = 4,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Layer name → (sources, targets), people numbered 0 … ``people`` − 1 by household."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice(HOUSEHOLD_SIZES, size=people, p=HOUSEHOLD_SHARES)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), people) + 1]
    sizes[-1] -= sizes.sum() - people
    sizes = sizes[sizes > 0]
    start = _groups(sizes)
    everyone = np.arange(people)
    layers = {"household": _cliques(everyone, sizes)}

    order = rng.permutation(sizes.size)
    family_sizes = rng.integers(2, 5, size=sizes.size)
    family_sizes = family_sizes[: np.searchsorted(np.cumsum(family_sizes), sizes.size) + 1]
    family_sizes[-1] -= family_sizes.sum() - sizes.size
    family_of = np.empty(sizes.size, np.int64)
    family_of[order] = np.repeat(np.arange(family_sizes.size), family_sizes)
    by_family = order  # households in family order
    firsts, seconds = [], []
    family_start = _groups(family_sizes)
    for size in range(2, 5):
        chosen = family_start[family_sizes == size]
        for i in range(size):
            for j in range(i + 1, size):
                firsts.append(by_family[chosen + i])
                seconds.append(by_family[chosen + j])
    layers["family"] = _between(np.concatenate(firsts), np.concatenate(seconds), start, sizes)

    pupils = rng.permutation(people)[: int(0.18 * people)]
    class_sizes = rng.integers(20, 31, size=pupils.size // 20 + 1)
    class_sizes = class_sizes[: np.searchsorted(np.cumsum(class_sizes), pupils.size) + 1]
    class_sizes[-1] -= class_sizes.sum() - pupils.size
    layers["school"] = _cliques(pupils, class_sizes[class_sizes > 0])

    x, y = rng.random(sizes.size), rng.random(sizes.size)
    z = _z_order(x, y)
    home = np.repeat(z, sizes)  # each person's location code
    workers = rng.permutation(people)[: people // 2]
    largest = max(2, people // 50)
    work_sizes = np.minimum(rng.zipf(2.0, size=workers.size), largest)
    work_sizes = work_sizes[: np.searchsorted(np.cumsum(work_sizes), workers.size) + 1]
    work_sizes[-1] -= work_sizes.sum() - workers.size
    work_sizes = work_sizes[work_sizes > 0]
    workplace = np.repeat(np.arange(work_sizes.size), work_sizes)
    by_place = np.lexsort((home[workers], workplace))
    workers = workers[by_place]  # grouped by workplace, by location within it
    small = work_sizes <= colleague_cap
    in_small = np.repeat(small, work_sizes)
    clique_source, clique_target = _cliques(workers[in_small], work_sizes[small])
    band_source, band_target = _bands(workers[~in_small], work_sizes[~small], colleague_cap // 2)
    layers["work"] = (
        np.concatenate([clique_source, band_source]),
        np.concatenate([clique_target, band_target]),
    )

    by_location = np.argsort(z)
    firsts, seconds = [], []
    for offset in range(1, neighbour_households + 1):
        firsts.append(by_location[:-offset])
        seconds.append(by_location[offset:])
    layers["neighbours"] = _between(np.concatenate(firsts), np.concatenate(seconds), start, sizes)
    return layers


def write_csv(layers: dict[str, tuple[np.ndarray, np.ndarray]], path: Path) -> int:
    """Write ``source,target,layer``; returns the number of rows."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    tables = [
        pa.table(
            {
                "source": pa.array(source, pa.int64()),
                "target": pa.array(target, pa.int64()),
                "layer": pa.array([name] * source.size, pa.string()),
            }
        )
        for name, (source, target) in layers.items()
    ]
    table = pa.concat_tables(tables)
    pa_csv.write_csv(table, path, pa_csv.WriteOptions(quoting_style="none"))
    return table.num_rows


def write_parquet(layers: dict[str, tuple[np.ndarray, np.ndarray]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.concat_tables(
        pa.table(
            {
                "source": pa.array(source, pa.int64()),
                "target": pa.array(target, pa.int64()),
                "layer": pa.array([name] * source.size, pa.string()),
            }
        )
        for name, (source, target) in layers.items()
    )
    pq.write_table(table, path)
    return table.num_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parquet", action="store_true")
    arguments = parser.parse_args()
    started = time.perf_counter()
    layers = register_network(arguments.people, arguments.seed)
    for name, (source, _) in layers.items():
        print(f"{name}: {source.size:,} ties")
    writer = write_parquet if arguments.parquet else write_csv
    rows = writer(layers, arguments.out)
    print(f"{rows:,} rows written to {arguments.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
