"""Merging and unmerging contacts in the store, and the list of suggested merges.

A merge only sets ``contact.merged_into_id`` on the merged-away record (see docs/decisions.md):
facts keep the contact id they were recorded under and the Snapshot folds them into the survivor.
An unmerge clears the pointer, so both records come back with all their history. Every decision
is remembered in ``merge_decision``, so a pair kept apart is not suggested again.

Suggestions (``identity.suggest_merges``) name the same person across sources by a similar name
plus a shared employer (organisation or work e-mail domain) and carry the evidence for and
against, with a score; see docs/capture.md.
"""

from __future__ import annotations

from datetime import datetime

from tiewise.errors import InputError
from tiewise.ingest.identity import IdentityIndex, MergeSuggestion, suggest_merges
from tiewise.model import Contact
from tiewise.store import Store
from tiewise.store import repository as repo


def suggestions(store: Store) -> tuple[list[MergeSuggestion], dict[int, Contact]]:
    """Suggested merges (best first) and the contacts they name, by id."""
    with store.connect() as connection:
        contacts = repo.load_contacts(connection, include_merged=True)
        decided = repo.load_merge_decisions(connection)
    by_id = {c.id: c for c in contacts if c.id is not None}
    return suggest_merges(contacts, decided), by_id


def merge(store: Store, survivor: int, merged: int, now: datetime) -> None:
    """Merge contact ``merged`` into ``survivor`` (both given by id)."""
    with store.begin() as connection:
        index = IdentityIndex(repo.load_contacts(connection, include_merged=True))
        a, b = index.survivor(survivor), index.survivor(merged)
        if a == b:
            raise InputError(
                f"contacts {survivor} and {merged} are already one person",
                key="error.already_merged",
                values={"a": str(survivor), "b": str(merged)},
            )
        repo.load_contact(connection, a)  # raises NotFoundError for unknown ids
        repo.set_merged_into(connection, b, a)
        repo.record_merge_decision(connection, a, b, "merged", now)


def keep_apart(store: Store, contact_a: int, contact_b: int, now: datetime) -> None:
    """Remember that two suggested contacts are different people."""
    if contact_a == contact_b:
        raise InputError(
            f"keep apart: expected two different contacts, found {contact_a} twice",
            field="contact_b",
            key="error.keep_apart_same",
            values={"id": str(contact_a)},
        )
    with store.begin() as connection:
        repo.load_contact(connection, contact_a)  # raises NotFoundError for unknown ids
        repo.load_contact(connection, contact_b)
        repo.record_merge_decision(connection, contact_a, contact_b, "kept_apart", now)


def unmerge(store: Store, contact_id: int, now: datetime) -> list[int]:
    """Restore ``contact_id`` if it was merged away, or every record merged into it if it is a
    survivor. Returns the ids restored; each pair is remembered as kept apart."""
    with store.begin() as connection:
        contacts = repo.load_contacts(connection, include_merged=True)
        target = next((c for c in contacts if c.id == contact_id), None)
        if target is None:
            raise InputError(
                f"no contact with id {contact_id}",
                key="error.no_contact_id",
                values={"id": str(contact_id)},
            )
        if target.merged_into is not None:
            pairs = [(target.merged_into, contact_id)]
        else:
            pairs = [(contact_id, c.id) for c in contacts if c.merged_into == contact_id]
        if not pairs:
            raise InputError(
                f"contact {contact_id} ({target.name}) was never merged",
                key="error.never_merged",
                values={"id": str(contact_id), "name": target.name},
            )
        for survivor, restored in pairs:
            repo.set_merged_into(connection, restored, None)  # type: ignore[arg-type]
            repo.record_merge_decision(connection, survivor, restored, "kept_apart", now)  # type: ignore[arg-type]
    return [restored for _, restored in pairs]  # type: ignore[misc]
