"""The Snapshot: an immutable, in-memory view of one person's network — the input of all analysis.

Analysis and advice are pure functions of a Snapshot (plus ``today`` where time matters): no
database, no clock. Contacts are indexed ``0..n-1`` in id order; merged contacts are folded into
the contact they were merged into, so every fact of a merged-away record counts for the survivor.

Large relations are NumPy arrays and SciPy CSR matrices (read-only):

- ``links`` (n × n, symmetric): the evidence count that two contacts know each other, summed over
  sources;
- ``participation`` (m × n, 0/1): which contacts took part in each of the m interactions;
- ``contexts`` (n × k, 0/1): the contexts (work, family, club …) of each tie.

Small relations (goals, events, outcomes …) are tuples of domain records.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy import sparse
from sqlalchemy import Connection

from tiewise import model
from tiewise.store import Store
from tiewise.store import repository as repo

ATTRIBUTES = ("organisation", "role", "sector", "region")


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def _frozen_csr(matrix: sparse.csr_array) -> sparse.csr_array:
    for part in (matrix.data, matrix.indices, matrix.indptr):
        part.setflags(write=False)
    return matrix


@dataclass(frozen=True, eq=False)
class Snapshot:
    me: model.Me
    contacts: tuple[model.Contact, ...]
    ties: tuple[model.Tie, ...]
    contact_ids: np.ndarray
    closeness: np.ndarray
    links: sparse.csr_array
    context_names: tuple[str, ...]
    contexts: sparse.csr_array
    interaction_times: np.ndarray
    interaction_kinds: np.ndarray
    interaction_directions: np.ndarray
    participation: sparse.csr_array
    interaction_minutes: np.ndarray  # per interaction, NaN when not known
    goals: tuple[model.Goal, ...] = ()
    series: tuple[model.EventSeries, ...] = ()
    occurrences: tuple[model.EventOccurrence, ...] = ()
    attendances: tuple[model.Attendance, ...] = ()
    encounters: tuple[model.Encounter, ...] = ()
    outcomes: tuple[model.Outcome, ...] = ()
    exchanges: tuple[model.Exchange, ...] = ()
    invitations: tuple[model.Invitation, ...] = ()
    topics: tuple[model.Topic, ...] = ()
    notes: tuple[model.Note, ...] = ()
    decisions: tuple[model.Decision, ...] = ()  # standing decisions (not undone), oldest first
    settings: tuple[tuple[str, str], ...] = ()  # (key, value) pairs of the setting table
    _index: dict[int, int] = field(default_factory=dict, repr=False)
    _attributes: dict[str, tuple[np.ndarray, tuple[str, ...]]] = field(
        default_factory=dict, repr=False
    )

    @property
    def size(self) -> int:
        """Number of contacts — reported, never praised."""
        return len(self.contacts)

    def setting(self, key: str) -> str | None:
        """A setting's value (``None`` when unset)."""
        return dict(self.settings).get(key)

    def index_of(self, contact_id: int) -> int:
        """Position of a contact (or of the contact it was merged into) in the arrays."""
        return self._index[contact_id]

    def position_of(self, contact_id: int) -> int | None:
        """Like :meth:`index_of`, but ``None`` for an id the Snapshot does not hold."""
        return self._index.get(contact_id)

    @cached_property
    def interaction_counts(self) -> np.ndarray:
        """Number of interactions per contact."""
        return _frozen(np.asarray(self.participation.sum(axis=0)).ravel().astype(np.int64))

    @cached_property
    def last_interaction(self) -> np.ndarray:
        """Time of the latest interaction per contact (``NaT`` when none)."""
        latest = np.full(self.size, np.datetime64("NaT"), dtype="datetime64[s]")
        coo = self.participation.tocoo()
        if coo.nnz:
            times = self.interaction_times[coo.row].astype(np.int64)
            best = np.full(self.size, np.iinfo(np.int64).min)
            np.maximum.at(best, coo.col, times)
            has = best > np.iinfo(np.int64).min
            latest[has] = best[has].astype("datetime64[s]")
        return _frozen(latest)

    def attribute(self, name: str) -> tuple[np.ndarray, tuple[str, ...]]:
        """Codes ``0..k-1`` of a contact attribute (organisation, role, sector, region) and the
        k category names; ``-1`` where the attribute is unknown."""
        if name not in ATTRIBUTES:
            raise ValueError(f"unknown attribute {name!r}; expected one of {ATTRIBUTES}")
        if name not in self._attributes:  # computed once: analysis asks for each many times
            values = [getattr(c, name) or None for c in self.contacts]
            categories = tuple(sorted({v for v in values if v is not None}))
            lookup = {v: i for i, v in enumerate(categories)}
            codes = np.array([lookup.get(v, -1) if v else -1 for v in values], dtype=np.int64)
            self._attributes[name] = (_frozen(codes), categories)
        return self._attributes[name]

    def has_value(self, name: str, values: Iterable[str]) -> np.ndarray:
        """Which contacts have one of ``values`` for attribute ``name`` (case-insensitive)."""
        wanted = {value.casefold() for value in values}
        codes, categories = self.attribute(name)
        return np.isin(codes, [i for i, c in enumerate(categories) if c.casefold() in wanted])


def canonical_ids(contacts: Sequence[model.Contact]) -> dict[int, int]:
    """Map every contact id to the id of the contact it was (transitively) merged into."""
    parent = {c.id: c.merged_into for c in contacts if c.id is not None}
    resolved: dict[int, int] = {}
    for contact_id in parent:
        seen = [contact_id]
        current = contact_id
        while parent.get(current) is not None and parent[current] not in seen:
            current = parent[current]  # type: ignore[assignment]
            seen.append(current)
        for visited in seen:
            resolved[visited] = current
    return resolved


@dataclass(frozen=True, eq=False)
class InteractionTable:
    """Interactions as arrays: ``times``, ``kinds``, ``directions`` per interaction, and one
    (``rows``, ``participants``) pair per participation — interaction position, contact id."""

    times: np.ndarray
    kinds: np.ndarray
    directions: np.ndarray
    rows: np.ndarray
    participants: np.ndarray
    minutes: np.ndarray  # per interaction; NaN when not known

    @classmethod
    def from_records(cls, interactions: Sequence[model.Interaction]) -> InteractionTable:
        rows = [row for row, i in enumerate(interactions) for _ in i.participants]
        return cls(
            times=np.array([i.occurred_at for i in interactions], dtype="datetime64[s]"),
            kinds=np.array([i.kind.value for i in interactions], dtype=object),
            directions=np.array([i.direction.value for i in interactions], dtype=object),
            rows=np.array(rows, dtype=np.int64),
            participants=np.array(
                [p for i in interactions for p in i.participants], dtype=np.int64
            ),
            minutes=np.array(
                [
                    np.nan if i.duration_minutes is None else i.duration_minutes
                    for i in interactions
                ],
                dtype=np.float64,
            ),
        )


def _members(contacts: Sequence[model.Contact], canonical: dict[int, int]) -> dict[int, list]:
    """Survivor id → its records, the survivor first, then merged records by id; in id order."""
    members: dict[int, list[model.Contact]] = {}
    for contact in contacts:
        if contact.id is not None:
            members.setdefault(canonical[contact.id], []).append(contact)
    for root, records in members.items():
        if len(records) > 1:
            records.sort(key=lambda c: (c.id != root, c.id))
    return dict(sorted(members.items()))


@dataclass(frozen=True, eq=False)
class LinkTable:
    """Links as arrays: contact ids ``a`` and ``b`` and the ``evidence`` count of each link."""

    a: np.ndarray
    b: np.ndarray
    evidence: np.ndarray

    @classmethod
    def from_records(cls, links: Sequence[model.ContactLink]) -> LinkTable:
        return cls(
            a=np.array([link.contact_a for link in links], dtype=np.int64),
            b=np.array([link.contact_b for link in links], dtype=np.int64),
            evidence=np.array([link.evidence_count for link in links], dtype=np.int64),
        )


def build_snapshot(
    me: model.Me,
    contacts: Sequence[model.Contact],
    ties: Sequence[model.Tie] = (),
    links: Sequence[model.ContactLink] | LinkTable = (),
    interactions: Sequence[model.Interaction] | InteractionTable = (),
    **small: Sequence,
) -> Snapshot:
    """Assemble a Snapshot from domain records (used by the loader and by tests).

    ``contacts`` may include merged-away records; their facts are folded into the survivor.
    ``small`` takes the tuples of small records: goals, series, occurrences, attendances,
    encounters, outcomes, exchanges, invitations, topics, notes, decisions, settings.
    """
    canonical = canonical_ids(contacts)
    members = _members(contacts, canonical)
    survivors = [model.fold_contact(records) for records in members.values()]
    position = {c.id: i for i, c in enumerate(survivors)}
    index = {contact_id: position[root] for contact_id, root in canonical.items()}
    n = len(survivors)

    ties_of: dict[int, model.Tie] = {t.contact_id: t for t in ties}
    aligned_ties = tuple(
        ties_of.get(root) or model.Tie(contact_id=root)
        if len(records) == 1
        else model.fold_tie(root, [ties_of[c.id] for c in records if c.id in ties_of])
        for root, records in members.items()
    )
    closeness = np.array(
        [np.nan if t.closeness is None else float(t.closeness) for t in aligned_ties]
    )

    context_names = tuple(sorted({ctx for t in aligned_ties for ctx in t.contexts}))
    context_index = {name: i for i, name in enumerate(context_names)}
    rows = [i for i, t in enumerate(aligned_ties) for _ in t.contexts]
    cols = [context_index[ctx] for t in aligned_ties for ctx in t.contexts]
    context_matrix = sparse.csr_array(
        (np.ones(len(rows)), (rows, cols)), shape=(n, len(context_names))
    )
    context_matrix.data[:] = 1.0

    lookup = np.full(max(index, default=0) + 1, -1, dtype=np.int64)
    lookup[np.fromiter(index.keys(), dtype=np.int64, count=len(index))] = np.fromiter(
        index.values(), dtype=np.int64, count=len(index)
    )
    link_table = links if isinstance(links, LinkTable) else LinkTable.from_records(links)
    a, b = lookup[link_table.a], lookup[link_table.b]
    weight = link_table.evidence.astype(np.float64)
    keep = (a >= 0) & (b >= 0) & (a != b)
    link_matrix = sparse.coo_array(
        (
            np.concatenate([weight[keep], weight[keep]]),
            (np.concatenate([a[keep], b[keep]]), np.concatenate([b[keep], a[keep]])),
        ),
        shape=(n, n),
    ).tocsr()
    link_matrix.sum_duplicates()

    table = (
        interactions
        if isinstance(interactions, InteractionTable)
        else InteractionTable.from_records(interactions)
    )
    known = (table.participants >= 0) & (table.participants < lookup.size)
    columns = np.full(table.participants.size, -1, dtype=np.int64)
    columns[known] = lookup[table.participants[known]]
    keep = columns >= 0
    participation = sparse.csr_array(
        (np.ones(int(keep.sum())), (table.rows[keep], columns[keep])),
        shape=(table.times.size, n),
    )
    participation.sum_duplicates()
    participation.data[:] = 1.0  # a merged person counts once per interaction

    return Snapshot(
        me=me,
        contacts=tuple(survivors),
        ties=aligned_ties,
        contact_ids=_frozen(np.array([c.id for c in survivors], dtype=np.int64)),
        closeness=_frozen(closeness),
        links=_frozen_csr(link_matrix),
        context_names=context_names,
        contexts=_frozen_csr(context_matrix),
        interaction_times=_frozen(table.times),
        interaction_kinds=_frozen(table.kinds),
        interaction_directions=_frozen(table.directions),
        participation=_frozen_csr(participation),
        interaction_minutes=_frozen(table.minutes),
        _index=index,
        **{name: tuple(records) for name, records in small.items()},
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many small acyclic records.

    Loading 35,000 contacts creates several hundred thousand objects; every 700 allocations the
    collector would rescan them all, which cost 0.35–0.45 s of a 0.85 s load. The records hold no
    reference cycles, so nothing is left uncollected; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _events_not_rejected(
    series: list[model.EventSeries],
    occurrences: list[model.EventOccurrence],
    attendances: list[model.Attendance],
    encounters: list[model.Encounter],
) -> tuple[list, list, list, list]:
    """Leave out the series the user rejected (``tiewise events reject``) with their
    occurrences, attendances and encounters: they are no events. The meetings behind them stay
    meetings (interactions); the rows stay in the database, so confirming brings them back."""
    rejected = {x.id for x in series if x.review == model.SeriesReview.REJECTED}
    if not rejected:
        return series, occurrences, attendances, encounters
    gone = {o.id for o in occurrences if o.series_id in rejected}
    return (
        [x for x in series if x.id not in rejected],
        [o for o in occurrences if o.id not in gone],
        [a for a in attendances if a.occurrence_id not in gone],
        [e for e in encounters if e.occurrence_id not in gone],
    )


def load_snapshot(store: Store) -> Snapshot:
    """Read the whole network of the store's user into a Snapshot (one read transaction)."""
    with store.connect() as connection:
        return read_snapshot(connection)


def read_snapshot(connection: Connection) -> Snapshot:
    """The Snapshot as ``connection`` sees it — also inside a write transaction, as the demo
    reads the network it has just written to decide on its advice."""
    series, occurrences, attendances, encounters = _events_not_rejected(
        repo.load_series(connection),
        repo.load_occurrences(connection),
        repo.load_attendances(connection),
        repo.load_encounters(connection),
    )
    with _collector_paused():
        return build_snapshot(
            me=repo.load_me(connection),
            contacts=repo.load_contacts(connection, include_merged=True),
            ties=repo.load_ties(connection),
            links=LinkTable(*repo.link_arrays(connection)),
            interactions=InteractionTable(*repo.interaction_arrays(connection)),
            goals=repo.load_goals(connection),
            series=series,
            occurrences=occurrences,
            attendances=attendances,
            encounters=encounters,
            outcomes=repo.load_outcomes(connection),
            exchanges=repo.load_exchanges(connection),
            invitations=repo.load_invitations(connection),
            topics=repo.load_topics(connection),
            notes=repo.load_notes(connection),
            decisions=repo.load_decisions(connection),
            settings=repo.load_settings(connection),
        )
