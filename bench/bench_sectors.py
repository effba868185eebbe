"""Sector suggestions benchmark: grouping the organisations of 35,000 contacts and suggesting a
sector for each group (``tiewise.sectors.group_organisations``), as ``tiewise sectors`` and the
web's ``/sectors`` do after a LinkedIn import of that size.

The contacts are synthetic, deterministic for a seed: 12,000 organisations (a LinkedIn network of
35,000 has about one organisation per three connections), named from Dutch and English parts
with a sector word or none ("Gemeente Zwolle", "Jansen Bouw", "Bakker Logistics", "Visser &
Partners"), each contact writing its organisation one of several ways — as is, with a legal form
(B.V., N.V., Ltd, GmbH …), in capitals, with "Nederland" or "Group" after it, or with one letter
dropped (a typo) — and holding a position from a list of Dutch and English job titles; one in
twenty works for themself ("Freelance", "ZZP").

Reference in the same run: the fuzzy step without blocking — ``rapidfuzz.process.cdist`` over all
distinctive keys at once, which is what grouping would cost if every name were compared with
every other (vectorised; a Python loop over the pairs would be far slower still). The script
prints CPU seconds (median of ``REPEATS``), the groups found and the ratio.

Usage: ``python bench/bench_sectors.py [CONTACTS]``
"""

from __future__ import annotations

import platform
import statistics
import sys
import time

import numpy as np
from synthetic_exports import FAMILY

from tiewise import sectors
from tiewise.model import Contact

REPEATS = 5
ORGANISATIONS = 12_000
PLACES = (
    "Amsterdam Rotterdam Utrecht Nijmegen Arnhem Zwolle Deventer Apeldoorn Ede Tiel Venlo "
    "Eindhoven Tilburg Breda Leiden Delft Haarlem Almere Groningen Leeuwarden Assen Emmen "
    "Enschede Hengelo Maastricht Heerlen Sittard Roermond Middelburg Goes Alkmaar Hoorn"
).split(" ")
SECTOR_WORDS = (
    "Bouw",
    "Logistics",
    "Transport",
    "Advocaten",
    "Accountants",
    "Zorg",
    "Consultancy",
    "Software",
    "Media",
    "Design",
    "Installatietechniek",
    "Makelaardij",
    "Energie",
    "Catering",
    "Retail",
    "",
    "",
    "& Partners",
    "Groep",
    "Solutions",
)
PUBLIC = ("Gemeente", "Ziekenhuis", "Hogeschool", "Basisschool", "Stichting", "Provincie")
ROLES = (
    "Verpleegkundige",
    "Software Engineer",
    "Projectleider",
    "Beleidsadviseur",
    "Docent",
    "Accountmanager",
    "Directeur",
    "Eigenaar",
    "Huisarts",
    "Warehouse manager",
    "Advocaat",
    "Consultant",
    "Marketing manager",
    "Recruiter",
    "Business Developer",
    "Teamleider",
    "Data analyst",
    "Uitvoerder",
    "Controller",
    "HR adviseur",
)
FORMS = ("", " B.V.", " BV", " N.V.", " Ltd", " GmbH", " Nederland", " Group", " Holding B.V.")
SELF = ("Freelance", "ZZP", "Zelfstandig", "Self-employed")


def organisations(rng: np.random.Generator) -> list[str]:
    names = set()
    while len(names) < ORGANISATIONS:
        if rng.random() < 0.25:
            name = f"{PUBLIC[rng.integers(len(PUBLIC))]} {PLACES[rng.integers(len(PLACES))]}"
            if rng.random() < 0.5:
                name += f" {FAMILY[rng.integers(len(FAMILY))]}"
        else:
            family = FAMILY[rng.integers(len(FAMILY))]
            word = SECTOR_WORDS[rng.integers(len(SECTOR_WORDS))]
            place = PLACES[rng.integers(len(PLACES))] if rng.random() < 0.6 else ""
            name = " ".join(part for part in (family, word, place) if part)
            if rng.random() < 0.3:
                name = f"{name} {rng.integers(1, 400)}"
        names.add(name)
    return sorted(names)


def written(rng: np.random.Generator, name: str) -> str:
    """One way a contact writes ``name``."""
    draw = rng.random()
    if draw < 0.55:
        return name
    if draw < 0.80:
        return name + FORMS[rng.integers(len(FORMS))]
    if draw < 0.90:
        return name.upper()
    if draw < 0.95 and len(name) > 8:
        at = int(rng.integers(1, len(name) - 1))
        return name[:at] + name[at + 1 :]  # a letter dropped
    return name.lower()


def contacts(count: int, seed: int = 18) -> tuple[list[Contact], dict[int, str]]:
    """The contacts, and the organisation each really works for (by contact id)."""
    rng = np.random.default_rng(seed)
    names = organisations(rng)
    weights = 1.0 / np.arange(1, len(names) + 1) ** 0.6  # a few large employers, a long tail
    weights /= weights.sum()
    chosen = rng.choice(len(names), size=count, p=weights)
    result, truth = [], {}
    for i, index in enumerate(chosen.tolist(), 1):
        if rng.random() < 0.05:
            organisation = SELF[rng.integers(len(SELF))]
        else:
            organisation = written(rng, names[index])
            truth[i] = names[index]
        role = ROLES[rng.integers(len(ROLES))]
        result.append(Contact(f"Contact {i}", id=i, organisation=organisation, role=role))
    return result, truth


def quality(groups: list[sectors.OrganisationGroup], truth: dict[int, str]) -> str:
    """How well the groups match the organisations the contacts really work for: groups that
    hold contacts of more than one organisation (merged wrongly), organisations whose
    contacts are in more than one group (split), and pairwise precision and recall."""
    group_of = {m.contact_id: g.key for g in groups for m in g.members if m.contact_id in truth}
    by_group: dict[str, set[str]] = {}
    by_truth: dict[str, set[str]] = {}
    for contact, key in group_of.items():
        by_group.setdefault(key, set()).add(truth[contact])
        by_truth.setdefault(truth[contact], set()).add(key)
    merged = sum(1 for found in by_group.values() if len(found) > 1)
    split = sum(1 for found in by_truth.values() if len(found) > 1)
    pairs = {}
    for contact, key in group_of.items():
        pairs.setdefault((key, truth[contact]), 0)
        pairs[(key, truth[contact])] += 1
    same_both = sum(n * (n - 1) // 2 for n in pairs.values())
    in_group: dict[str, int] = {}
    in_truth: dict[str, int] = {}
    for (key, name), n in pairs.items():
        in_group[key] = in_group.get(key, 0) + n
        in_truth[name] = in_truth.get(name, 0) + n
    same_group = sum(n * (n - 1) // 2 for n in in_group.values())
    same_truth = sum(n * (n - 1) // 2 for n in in_truth.values())
    return (
        f"{len(by_truth):,} organisations: {merged:,} groups hold more than one, {split:,} "
        f"organisations are split; pairwise precision {same_both / same_group:.4f}, "
        f"recall {same_both / same_truth:.4f}"
    )


def cpu(work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(REPEATS):
        sectors.fold.cache_clear()
        sectors.normal_name.cache_clear()
        sectors.matches.cache_clear()
        sectors._word_match.cache_clear()
        start = time.process_time()
        result = work()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def unblocked(keys: list[str]) -> int:
    """The reference: every distinctive key against every other, one cdist (the same cutoff,
    length and digits rule); the number of close pairs."""
    from rapidfuzz import fuzz, process

    long = [k for k in keys if len(k) >= sectors.FUZZY_LENGTH]
    scores = process.cdist(
        long, long, scorer=fuzz.ratio, score_cutoff=sectors.FUZZY_CUTOFF, dtype=np.uint8
    )
    rows, columns = np.nonzero(np.triu(scores, 1))
    digits = sectors._DIGITS
    return sum(
        1
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True)
        if digits.sub("", long[row]) == digits.sub("", long[column])
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 35_000
    people, truth = contacts(count)
    distinct = sorted({c.organisation for c in people})
    keys = sorted({sectors.normal_name(name).distinctive for name in distinct})
    print(
        f"{platform.machine()}, Python {platform.python_version()}: {count:,} contacts, "
        f"{len(distinct):,} distinct organisation spellings, {len(keys):,} distinctive keys"
    )
    seconds, groups = cpu(lambda: sectors.group_organisations(people))
    suggested = sum(1 for g in groups if g.suggestion is not None)  # type: ignore[union-attr]
    print(
        f"group_organisations: {seconds:.2f} s CPU (median of {REPEATS}); "
        f"{len(groups):,} groups, {suggested:,} with a suggestion"  # type: ignore[arg-type]
    )
    print("  " + quality(groups, truth))  # type: ignore[arg-type]
    fuzzy, pairs = cpu(lambda: sectors._fuzzy_pairs(keys))
    print(f"  of which the fuzzy step (blocked cdist): {fuzzy:.3f} s, {len(pairs):,} close pairs")  # type: ignore[arg-type]
    reference, found = cpu(lambda: unblocked(keys))
    print(
        f"reference, one cdist over all keys: {reference:.3f} s, {found:,} close pairs "
        f"({found - len(pairs):,} missed by blocking); "
        f"blocked / reference = {fuzzy / reference:.2f}×"
    )


if __name__ == "__main__":
    main()
