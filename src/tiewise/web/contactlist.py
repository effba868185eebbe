"""Which contacts the contacts page lists, in which order — shared by the page (``pages.py``)
and its bulk edit (``bulk.py``), so that "all N matching" is exactly the list the user saw.

The query string says it: ``q`` (the search, ``store/search.py``: any field, any order, accents
aside), ``tag``, ``class`` (tie class), ``cluster`` and ``sort`` (strength, name or last).

Speed: a search is typed anew every time, so its page is rarely in the page cache. The three
orders of all contacts and the list of tags are computed once per version of the data (per
Profile) and kept here; a page then costs the search itself (about a millisecond in the index)
and a pass over a boolean mask, not a sort of 35,000 contacts.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from tiewise.analysis.profile import Profile
from tiewise.analysis.strength import CLASSES
from tiewise.store import Store
from tiewise.store.selection import selected
from tiewise.store.tags import tag_counts

SORTS = ("strength", "name", "last")

_kept: dict[str, Any] = {}  # "profile": a weak reference to it, then what was computed for it
_guard = threading.Lock()


def _for_profile(profile: Profile, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per Profile (the workspace keeps one per version of the data)."""
    with _guard:
        owner = _kept.get("profile")
        if owner is None or owner() is not profile:
            _kept.clear()
            _kept["profile"] = weakref.ref(profile)
        if name in _kept:
            return _kept[name]
    value = compute()  # outside the lock: two first requests may both compute it
    with _guard:
        owner = _kept.get("profile")
        if owner is not None and owner() is profile:
            _kept.setdefault(name, value)
    return value


def _order(profile: Profile, sort: str) -> np.ndarray:
    """Every position, in the order of ``sort`` (ties kept in position order)."""
    snapshot = profile.snapshot

    def compute() -> np.ndarray:
        if sort == "name":
            return np.argsort([c.name.casefold() for c in snapshot.contacts], kind="stable")
        if sort == "last":
            last = snapshot.last_interaction.astype("int64")
            return np.argsort(-last, kind="stable")
        return np.argsort(-profile.strength.score, kind="stable")

    return _for_profile(profile, f"order:{sort}", compute)


def _positions_of(profile: Profile, ids: set[int]) -> np.ndarray:
    """The positions of the people ``ids`` (those in the Snapshot)."""
    contact_ids = profile.snapshot.contact_ids
    wanted = np.fromiter(ids, dtype=np.int64, count=len(ids))
    ascending = _for_profile(profile, "ascending", lambda: bool(np.all(np.diff(contact_ids) > 0)))
    if not ascending:
        return np.flatnonzero(np.isin(contact_ids, wanted))
    at = np.searchsorted(contact_ids, wanted)
    inside = at < contact_ids.size
    at = at[inside]
    return at[contact_ids[at] == wanted[inside]]


def listed(profile: Profile, store: Store, query: Mapping[str, str]) -> np.ndarray:
    """The positions (in the Snapshot) of the contacts ``query`` picks, in the page's order."""
    snapshot = profile.snapshot
    search, tag = query.get("q", "").strip(), query.get("tag", "").strip()
    if search or tag:
        with store.connect() as connection:
            chosen = selected(connection, search, tag) or set()
        keep = np.zeros(snapshot.size, dtype=bool)
        keep[_positions_of(profile, chosen)] = True
    else:
        keep = np.ones(snapshot.size, dtype=bool)
    klass = query.get("class", "")
    if klass in CLASSES:
        keep &= profile.strength.tie_class == klass
    cluster = query.get("cluster", "")
    if cluster.isdigit():
        members = np.zeros(snapshot.size, dtype=bool)
        clusters = profile.structure.clusters
        if int(cluster) < len(clusters):
            members[clusters[int(cluster)].members] = True
        keep &= members
    sort = query.get("sort", "strength")
    order = _order(profile, sort if sort in SORTS else "strength")
    return order[keep[order]]


def tag_list(profile: Profile, store: Store) -> list[tuple[str, int]]:
    """Every tag in use with how many people have it (for the page's tag filter and the bulk
    edit's suggestions), once per version of the data."""

    def compute() -> list[tuple[str, int]]:
        with store.connect() as connection:
            return tag_counts(connection)

    return _for_profile(profile, "tags", compute)
