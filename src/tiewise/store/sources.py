"""The SQL of sources (``tiewise/sources/``): the sources themselves, what they read (folder
states, items, messages by digest), suggestions to review, and removing a source with what it
brought. Like ``repository.py``, every function takes an open ``Connection`` and the caller
decides the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from tiewise import model
from tiewise.ingest.records import MAX_LINKED_GROUP
from tiewise.store import schema as s
from tiewise.store.repository import count_rows

#: Rows per ``IN`` list (SQLite's limit on bound parameters is well above it).
_CHUNK = 500
#: The ``contact_link.source`` of links mail makes: two people on one message I sent.
LINK_SOURCE = "mail"


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source as stored: ``settings`` and ``counts`` decoded from JSON."""

    id: int
    name: str
    kind: str
    settings: dict[str, Any]
    secret: str
    created_at: datetime
    synced_at: datetime | None
    last_error: str | None
    counts: dict[str, Any] = field(default_factory=dict)


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _row(row: Any) -> SourceRow:
    return SourceRow(
        id=row.id,
        name=row.name,
        kind=row.kind,
        settings=json.loads(row.settings),
        secret=row.secret,
        created_at=row.created_at,
        synced_at=row.synced_at,
        last_error=row.last_error,
        counts=json.loads(row.counts or "{}"),
    )


# --- sources ----------------------------------------------------------------------------------


def add_source(
    connection: Connection,
    name: str,
    kind: str,
    settings: dict[str, Any],
    secret: str,
    now: datetime,
) -> int:
    return connection.execute(
        insert(s.source)
        .values(
            name=name,
            kind=kind,
            settings=json.dumps(settings, ensure_ascii=False, sort_keys=True),
            secret=secret,
            created_at=now,
            counts="{}",
        )
        .returning(s.source.c.id)
    ).scalar_one()


def load_sources(connection: Connection) -> list[SourceRow]:
    return [_row(r) for r in connection.execute(select(s.source).order_by(s.source.c.name))]


def load_source(connection: Connection, name: str) -> SourceRow | None:
    row = connection.execute(select(s.source).where(s.source.c.name == name)).first()
    return _row(row) if row is not None else None


def set_synced(
    connection: Connection, source_id: int, counts: dict[str, Any], when: datetime
) -> None:
    """Record a sync that went well: its time and the counts of all syncs together."""
    connection.execute(
        update(s.source)
        .where(s.source.c.id == source_id)
        .values(counts=json.dumps(counts, sort_keys=True), synced_at=when, last_error=None)
    )


def set_counts(connection: Connection, source_id: int, counts: dict[str, Any]) -> None:
    connection.execute(
        update(s.source)
        .where(s.source.c.id == source_id)
        .values(counts=json.dumps(counts, sort_keys=True))
    )


def set_error(connection: Connection, source_id: int, error: str) -> None:
    connection.execute(update(s.source).where(s.source.c.id == source_id).values(last_error=error))


# --- what a source read -------------------------------------------------------------------------


def load_folders(connection: Connection, source_id: int) -> dict[str, dict[str, Any]]:
    f = s.source_folder
    query = select(f.c.folder, f.c.state).where(f.c.source_id == source_id)
    return {folder: json.loads(state) for folder, state in connection.execute(query)}


def save_folders(
    connection: Connection, source_id: int, folders: dict[str, dict[str, Any]], when: datetime
) -> None:
    f = s.source_folder
    for folder, state in folders.items():
        connection.execute(delete(f).where(f.c.source_id == source_id, f.c.folder == folder))
        connection.execute(
            insert(f).values(
                source_id=source_id,
                folder=folder,
                state=json.dumps(state, sort_keys=True),
                synced_at=when,
            )
        )


def load_items(connection: Connection, source_id: int, folder: str) -> set[str]:
    i = s.source_item
    query = select(i.c.name).where(i.c.source_id == source_id, i.c.folder == folder)
    return set(connection.scalars(query))


def add_items(
    connection: Connection, source_id: int, items: Sequence[tuple[str, str, str | None]]
) -> None:
    """Record items read (an item already recorded — read by a sync running at the same
    time — keeps its row)."""
    i = s.source_item
    by_folder: dict[str, dict[str, str | None]] = {}
    for folder, name, version in items:
        by_folder.setdefault(folder, {})[name] = version
    rows = []
    for folder, named in by_folder.items():
        known: set[str] = set()
        for chunk in _chunks(sorted(named)):
            query = select(i.c.name).where(
                i.c.source_id == source_id, i.c.folder == folder, i.c.name.in_(chunk)
            )
            known.update(connection.scalars(query))
        rows += [
            {"source_id": source_id, "folder": folder, "name": name, "version": version}
            for name, version in named.items()
            if name not in known
        ]
    if rows:
        connection.execute(insert(i), rows)


def add_source_origin(connection: Connection, source_id: int, origin_id: int) -> None:
    connection.execute(insert(s.source_origin).values(source_id=source_id, origin_id=origin_id))


# --- messages -----------------------------------------------------------------------------------


def known_digests(connection: Connection, source_id: int, digests: Sequence[str]) -> set[str]:
    """The digests among ``digests`` this source read before."""
    m = s.mail_message
    found: set[str] = set()
    for chunk in _chunks(sorted(set(digests))):
        query = select(m.c.digest).where(m.c.source_id == source_id, m.c.digest.in_(chunk))
        found.update(connection.scalars(query))
    return found


def add_messages(connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(s.mail_message), list(rows))


def interactions_by_key(connection: Connection, keys: Sequence[str]) -> dict[str, int]:
    i = s.interaction
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(keys))):
        query = select(i.c.external_key, i.c.id).where(i.c.external_key.in_(chunk))
        found.update({a: b for a, b in connection.execute(query)})
    return found


def contacts_by_email(connection: Connection, emails: Iterable[str]) -> dict[str, int]:
    """The contact each e-mail address (in normal form) belongs to — the survivor, when that
    record was merged into another."""
    ci = s.contact_identifier
    owners: dict[str, int] = {}
    for chunk in _chunks(sorted(set(emails))):
        query = select(ci.c.value, ci.c.contact_id).where(
            ci.c.kind == model.IdentifierKind.EMAIL.value, ci.c.value.in_(chunk)
        )
        owners.update({a: b for a, b in connection.execute(query)})
    survivors = survivors_of(connection, owners.values())
    return {email: survivors[contact_id] for email, contact_id in owners.items()}


def survivors_of(connection: Connection, ids: Iterable[int]) -> dict[int, int]:
    """Each contact record's survivor (itself when it was not merged into another)."""
    c = s.contact
    survivor = {i: i for i in ids}
    pointer: dict[int, int | None] = {}
    frontier = set(survivor)
    while frontier:
        found: dict[int, int | None] = {}
        for chunk in _chunks(sorted(frontier)):
            query = select(c.c.id, c.c.merged_into_id).where(c.c.id.in_(chunk))
            found.update({a: b for a, b in connection.execute(query)})
        pointer.update(found)
        frontier = {t for t in found.values() if t is not None and t not in pointer}
    for start in survivor:
        current, seen = start, {start}
        while pointer.get(current) is not None and pointer[current] not in seen:
            current = pointer[current]  # type: ignore[assignment]
            seen.add(current)
        survivor[start] = current
    return survivor


# --- suggestions --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A person who only wrote to me, with their messages waiting (from every source)."""

    id: int
    email: str
    name: str
    status: str
    messages: int
    first: datetime | None
    last: datetime | None
    sources: tuple[str, ...]


def suggestions_by_email(
    connection: Connection, emails: Iterable[str]
) -> dict[str, tuple[int, str, str]]:
    """E-mail → (id, name, status) of the suggestions among ``emails``."""
    g = s.mail_suggestion
    found: dict[str, tuple[int, str, str]] = {}
    for chunk in _chunks(sorted(set(emails))):
        query = select(g.c.email, g.c.id, g.c.name, g.c.status).where(g.c.email.in_(chunk))
        for email, i, name, status in connection.execute(query):
            found[email] = (i, name, status)
    return found


def add_suggestion(connection: Connection, email: str, name: str, now: datetime) -> int:
    return connection.execute(
        insert(s.mail_suggestion)
        .values(email=email, name=name, status="pending", created_at=now)
        .returning(s.mail_suggestion.c.id)
    ).scalar_one()


def name_suggestion(connection: Connection, suggestion_id: int, name: str) -> None:
    g = s.mail_suggestion
    connection.execute(update(g).where(g.c.id == suggestion_id).values(name=name))


def load_suggestions(connection: Connection, status: str | None = "pending") -> list[Suggestion]:
    """The suggestions (``status``: pending, dismissed, or ``None`` for both) with how many
    messages wait (a message read by several sources once) and when the first and last came,
    most messages first."""
    g, m, src = s.mail_suggestion, s.mail_message, s.source
    query = (
        select(
            g.c.id,
            g.c.email,
            g.c.name,
            g.c.status,
            func.count(m.c.digest.distinct()),
            func.min(m.c.occurred_at),
            func.max(m.c.occurred_at),
        )
        .join(m, m.c.suggestion_id == g.c.id, isouter=True)
        .group_by(g.c.id, g.c.email, g.c.name, g.c.status)
        .order_by(func.count(m.c.digest.distinct()).desc(), g.c.email)
    )
    if status is not None:
        query = query.where(g.c.status == status)
    names: dict[int, set[str]] = {}
    for suggestion_id, name in connection.execute(
        select(m.c.suggestion_id, src.c.name)
        .join(src, src.c.id == m.c.source_id)
        .where(m.c.suggestion_id.is_not(None))
        .distinct()
    ):
        names.setdefault(suggestion_id, set()).add(name)
    return [
        Suggestion(i, email, name, state, count, first, last, tuple(sorted(names.get(i, ()))))
        for i, email, name, state, count, first, last in connection.execute(query)
    ]


def set_suggestion_status(connection: Connection, ids: Sequence[int], status: str) -> None:
    g = s.mail_suggestion
    connection.execute(update(g).where(g.c.id.in_(ids)).values(status=status))


def delete_suggestions(connection: Connection, ids: Sequence[int]) -> None:
    g = s.mail_suggestion
    if ids:
        connection.execute(delete(g).where(g.c.id.in_(ids)))


def waiting_messages(
    connection: Connection, suggestion_ids: Sequence[int]
) -> list[tuple[int, str, int, datetime]]:
    """(source id, digest, suggestion id, time) of the messages waiting for these
    suggestions, in every source."""
    m = s.mail_message
    rows = []
    for chunk in _chunks(sorted(set(suggestion_ids))):
        query = select(m.c.source_id, m.c.digest, m.c.suggestion_id, m.c.occurred_at).where(
            m.c.suggestion_id.in_(chunk)
        )
        rows += [tuple(r) for r in connection.execute(query)]
    return rows


def suggestions_now_contacts(connection: Connection) -> dict[str, int]:
    """E-mail → suggestion id of the suggestions whose address a contact has now (added by
    hand or by an import since)."""
    g, ci = s.mail_suggestion, s.contact_identifier
    query = select(g.c.email, g.c.id).join(
        ci, (ci.c.value == g.c.email) & (ci.c.kind == model.IdentifierKind.EMAIL.value)
    )
    return {a: b for a, b in connection.execute(query)}


def set_message_interaction(connection: Connection, rows: Sequence[tuple[int, str, int]]) -> None:
    """Each (source id, digest, interaction id): that message is that interaction now."""
    m = s.mail_message
    for source_id, digest, interaction_id in rows:
        connection.execute(
            update(m)
            .where(m.c.source_id == source_id, m.c.digest == digest)
            .values(outcome="interaction", interaction_id=interaction_id, suggestion_id=None)
        )


# --- threads ------------------------------------------------------------------------------------


def thread_rows(connection: Connection) -> list[tuple[str, str | None, str, tuple[int, ...]]]:
    """(digest, parent digest, direction, participants) of every message that is an
    interaction, once per digest (a message read by two sources is one message)."""
    m, p = s.mail_message, s.interaction_participant
    participants: dict[int, list[int]] = {}
    query = (
        select(p.c.interaction_id, p.c.contact_id)
        .where(p.c.interaction_id.in_(select(m.c.interaction_id)))
        .order_by(p.c.interaction_id, p.c.contact_id)
    )
    for interaction_id, contact_id in connection.execute(query):
        participants.setdefault(interaction_id, []).append(contact_id)
    seen: dict[str, tuple[str, str | None, str, tuple[int, ...]]] = {}
    query = select(m.c.digest, m.c.parent, m.c.direction, m.c.interaction_id).where(
        m.c.interaction_id.is_not(None)
    )
    for digest, parent, direction, interaction_id in connection.execute(query):
        people = tuple(participants.get(interaction_id, ()))
        seen.setdefault(digest, (digest, parent, direction, people))
    return list(seen.values())


# --- removing a source --------------------------------------------------------------------------


@dataclass
class Removal:
    """What removing a source takes back: the interactions it brought (not those another source
    also read), the contacts it created that nothing else holds, its suggestions; and the
    contacts it created that stay because I wrote something about them or another source
    knows them."""

    name: str
    interactions: int = 0
    contacts: int = 0
    kept_contacts: int = 0
    suggestions: int = 0
    messages: int = 0
    links: int = 0
    dry_run: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.name,
            "interactions": self.interactions,
            "contacts": self.contacts,
            "kept_contacts": self.kept_contacts,
            "suggestions": self.suggestions,
            "messages": self.messages,
            "links": self.links,
            "applied": not self.dry_run,
        }


def _origins(connection: Connection, source_id: int) -> list[int]:
    so = s.source_origin
    return list(connection.scalars(select(so.c.origin_id).where(so.c.source_id == source_id)))


def _brought_interactions(connection: Connection, source_id: int) -> list[int]:
    """The interactions this source's messages are, that no other source's message also is."""
    m = s.mail_message
    ours = select(m.c.interaction_id).where(
        m.c.source_id == source_id, m.c.interaction_id.is_not(None)
    )
    others = select(m.c.interaction_id).where(
        m.c.source_id != source_id, m.c.interaction_id.is_not(None)
    )
    return sorted(set(connection.scalars(ours.except_(others))))


def _held(connection: Connection, ids: Sequence[int], origins: Sequence[int]) -> set[int]:
    """The contacts among ``ids`` that something besides the source holds: anything I wrote or
    decided about them (notes and stories, a rating, tags, needs and offers, contexts, how or
    when we met, a status or cadence, decisions, merges, exchanges, invitations, events,
    outcomes), an identifier or a link from elsewhere, or an interaction that stays."""
    if not ids:
        return set()
    t = s.tie
    held: set[int] = set()
    for chunk in _chunks(list(ids)):
        for column in (
            s.note.c.contact_id,
            s.contact_tag.c.contact_id,
            s.topic.c.contact_id,
            s.tie_context.c.contact_id,
            s.decision.c.contact_id,
            s.exchange.c.contact_id,
            s.invitation.c.contact_id,
            s.encounter.c.contact_id,
            s.outcome_contact.c.contact_id,
            s.merge_decision.c.contact_a,
            s.merge_decision.c.contact_b,
            s.contact.c.merged_into_id,
            s.interaction_participant.c.contact_id,
        ):
            held.update(connection.scalars(select(column).where(column.in_(chunk))))
        held.update(
            connection.scalars(
                select(t.c.contact_id).where(
                    t.c.contact_id.in_(chunk),
                    or_(
                        t.c.closeness.is_not(None),
                        t.c.met_how.is_not(None),
                        t.c.met_on.is_not(None),
                        t.c.cadence_days.is_not(None),
                        t.c.status != model.TieStatus.ACTIVE.value,
                    ),
                )
            )
        )
        held.update(
            connection.scalars(
                select(s.contact.c.id).where(
                    s.contact.c.id.in_(chunk), s.contact.c.merged_into_id.is_not(None)
                )
            )
        )
        ci = s.contact_identifier
        held.update(
            connection.scalars(
                select(ci.c.contact_id).where(
                    ci.c.contact_id.in_(chunk),
                    or_(ci.c.origin_id.is_(None), ci.c.origin_id.not_in(origins)),
                )
            )
        )
        link = s.contact_link
        for column in (link.c.contact_a, link.c.contact_b):
            held.update(
                connection.scalars(
                    select(column).where(column.in_(chunk), link.c.source != LINK_SOURCE)
                )
            )
    return held


def _unlink(connection: Connection, interaction_ids: Sequence[int]) -> int:
    """Take back the evidence these interactions gave that their people know each other (one
    per pair and message, as the sync added it); a link left without evidence goes. Returns
    how many links went."""
    p, link = s.interaction_participant, s.contact_link
    people: dict[int, list[int]] = {}
    for chunk in _chunks(list(interaction_ids)):
        query = select(p.c.interaction_id, p.c.contact_id).where(p.c.interaction_id.in_(chunk))
        for interaction_id, contact_id in connection.execute(query):
            people.setdefault(interaction_id, []).append(contact_id)
    evidence: dict[tuple[int, int], int] = {}
    for members in people.values():
        if 2 <= len(members) <= MAX_LINKED_GROUP:
            for a, b in combinations(sorted(members), 2):
                evidence[(a, b)] = evidence.get((a, b), 0) + 1
    gone = 0
    for (a, b), count in evidence.items():
        where = (link.c.contact_a == a, link.c.contact_b == b, link.c.source == LINK_SOURCE)
        row = connection.execute(select(link.c.id, link.c.evidence_count).where(*where)).first()
        if row is None:
            continue
        if row.evidence_count <= count:
            connection.execute(delete(link).where(link.c.id == row.id))
            gone += 1
        else:
            connection.execute(
                update(link)
                .where(link.c.id == row.id)
                .values(evidence_count=row.evidence_count - count)
            )
    return gone


def remove_source(connection: Connection, source: SourceRow) -> Removal:
    """Remove ``source`` and what it brought (see :class:`Removal`); notes, stories, ratings
    and every other thing I wrote stay, and so does every contact they are about."""
    removal = Removal(source.name)
    origins = _origins(connection, source.id)
    interactions = _brought_interactions(connection, source.id)
    removal.messages = count_rows(
        connection, s.mail_message, s.mail_message.c.source_id == source.id
    )
    created = (
        sorted(
            set(
                connection.scalars(select(s.contact.c.id).where(s.contact.c.origin_id.in_(origins)))
            )
        )
        if origins
        else []
    )
    removal.links = _unlink(connection, interactions)
    for chunk in _chunks(interactions):
        connection.execute(delete(s.interaction).where(s.interaction.c.id.in_(chunk)))
    removal.interactions = len(interactions)
    held = _held(connection, created, origins)
    going = [c for c in created if c not in held]
    for chunk in _chunks(going):
        connection.execute(delete(s.contact).where(s.contact.c.id.in_(chunk)))
    removal.contacts = len(going)
    removal.kept_contacts = len(created) - len(going)
    # suggestions whose messages all came from this source go with them
    m = s.mail_message
    theirs = set(
        connection.scalars(
            select(m.c.suggestion_id).where(
                m.c.source_id == source.id, m.c.suggestion_id.is_not(None)
            )
        )
    )
    elsewhere = set(
        connection.scalars(
            select(m.c.suggestion_id).where(
                m.c.source_id != source.id, m.c.suggestion_id.in_(theirs)
            )
        )
    )
    only_here = sorted(theirs - elsewhere)
    removal.suggestions = len(only_here)
    connection.execute(delete(s.source).where(s.source.c.id == source.id))  # cascades
    delete_suggestions(connection, only_here)
    # origins nothing refers to any longer
    for chunk in _chunks(origins):
        used = set()
        for table in (s.contact, s.contact_identifier, s.interaction):
            used.update(
                connection.scalars(select(table.c.origin_id).where(table.c.origin_id.in_(chunk)))
            )
        unused = [o for o in chunk if o not in used]
        if unused:
            connection.execute(delete(s.origin).where(s.origin.c.id.in_(unused)))
    return removal
