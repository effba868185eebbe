"""The SQL of privacy: erasing a person completely (``tiewise/erasure.py``) and exporting all
my data or one person's (``tiewise/export.py``; see docs/privacy.md). Like ``repository.py``,
every function takes an open ``Connection`` and the caller decides the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, Table, delete, func, insert, or_, select, update

from tiewise.store import schema as s
from tiewise.store.repository import count_rows


def erase_contacts(connection: Connection, ids: Sequence[int]) -> dict[str, int]:
    """Delete the contacts ``ids`` and every fact about them; say how many of each went.

    The foreign keys cascade to identifiers, the tie, notes, stories, topics, links, encounters,
    exchanges, invitations, merge and advice decisions and the outcome links. Interactions with
    no other participant are deleted here (an e-mail between me and them is a fact about them);
    shared ones stay without them. Outcomes and exchanges stay (they are mine); the person is
    unlinked from them.
    """
    p = s.interaction_participant
    theirs = select(p.c.interaction_id).where(p.c.contact_id.in_(ids))
    shared = select(p.c.interaction_id).where(p.c.contact_id.not_in(ids))
    only_theirs = theirs.except_(shared)
    counts = {
        "records": len(ids),
        "identifiers": count_rows(
            connection, s.contact_identifier, s.contact_identifier.c.contact_id.in_(ids)
        ),
        "notes": count_rows(connection, s.note, s.note.c.contact_id.in_(ids)),
        "interactions": count_rows(connection, s.interaction, s.interaction.c.id.in_(only_theirs)),
        "shared_interactions": count_rows(
            connection,
            s.interaction,
            s.interaction.c.id.in_(theirs),
            s.interaction.c.id.in_(shared),
        ),
        "links": count_rows(
            connection,
            s.contact_link,
            s.contact_link.c.contact_a.in_(ids) | s.contact_link.c.contact_b.in_(ids),
        ),
        "encounters": count_rows(connection, s.encounter, s.encounter.c.contact_id.in_(ids)),
        "exchanges": count_rows(connection, s.exchange, s.exchange.c.contact_id.in_(ids)),
        "invitations": count_rows(connection, s.invitation, s.invitation.c.contact_id.in_(ids)),
        "outcomes": count_rows(
            connection, s.outcome_contact, s.outcome_contact.c.contact_id.in_(ids)
        ),
    }
    connection.execute(delete(s.interaction).where(s.interaction.c.id.in_(only_theirs)))
    connection.execute(delete(s.contact).where(s.contact.c.id.in_(ids)))
    return counts


def unlinked_invitations(connection: Connection) -> list[tuple[int, str, str | None]]:
    """(id, name, profile URL) of the invitations not linked to a contact."""
    table = s.invitation
    query = select(table.c.id, table.c.name, table.c.profile_url).where(
        table.c.contact_id.is_(None)
    )
    return [(row_id, name, url) for row_id, name, url in connection.execute(query)]


def delete_invitations(connection: Connection, ids: Sequence[int]) -> int:
    return connection.execute(delete(s.invitation).where(s.invitation.c.id.in_(ids))).rowcount


#: The free-text fields, as (table, column): my notes and stories, how I met someone,
#: interaction subjects and bodies, outcome and exchange descriptions, invitation messages.
FREE_TEXT = (
    (s.note, "text"),
    (s.tie, "met_how"),
    (s.interaction, "subject"),
    (s.interaction, "body"),
    (s.outcome, "description"),
    (s.exchange, "description"),
    (s.invitation, "message"),
)


def free_text_rows(connection: Connection, hint: str | None) -> list[tuple[Table, str, int, str]]:
    """(table, column, row key, text) of every free-text field (:data:`FREE_TEXT`) whose text
    contains ``hint`` in any case — every non-empty one when ``hint`` is ``None``. The hint
    must be ASCII: SQLite lower-cases only ASCII letters, so the caller matches the rest."""
    rows = []
    for table, column in FREE_TEXT:
        key = table.primary_key.columns.values()[0]
        query = select(key, table.c[column]).where(table.c[column].is_not(None))
        if hint is not None:
            query = query.where(func.lower(table.c[column]).contains(hint.lower(), autoescape=True))
        rows += [(table, column, row_key, text) for row_key, text in connection.execute(query)]
    return rows


def free_text_owners(connection: Connection) -> dict[tuple[str, int], set[int]]:
    """The contacts each free-text row belongs to, by (table name, row key): a note's or a
    tie's contact, an interaction's participants, an outcome's linked contacts, an exchange's
    or an invitation's contact. Rows that belong to no one are left out."""
    p, linked = s.interaction_participant, s.outcome_contact
    queries = (
        (s.note, select(s.note.c.id, s.note.c.contact_id)),
        (s.tie, select(s.tie.c.contact_id, s.tie.c.contact_id)),
        (s.interaction, select(p.c.interaction_id, p.c.contact_id)),
        (s.outcome, select(linked.c.outcome_id, linked.c.contact_id)),
        (s.exchange, select(s.exchange.c.id, s.exchange.c.contact_id)),
        (
            s.invitation,
            select(s.invitation.c.id, s.invitation.c.contact_id).where(
                s.invitation.c.contact_id.is_not(None)
            ),
        ),
    )
    owners: dict[tuple[str, int], set[int]] = {}
    for table, query in queries:
        for row_key, contact_id in connection.execute(query):
            owners.setdefault((table.name, row_key), set()).add(contact_id)
    return owners


def set_free_text(
    connection: Connection, table: Table, column: str, row_key: int, text: str
) -> None:
    key = table.primary_key.columns.values()[0]
    connection.execute(update(table).where(key == row_key).values({column: text}))


#: The tables whose rows carry the key of the source record they came from.
KEYED = (s.interaction, s.exchange, s.invitation, s.event_occurrence)


def external_keys_containing(connection: Connection, hint: str) -> list[tuple[Table, int, str]]:
    """(table, row id, key) of the source-record keys that contain the ASCII text ``hint`` in
    any case."""
    found = []
    for table in KEYED:
        query = select(table.c.id, table.c.external_key).where(
            func.lower(table.c.external_key).contains(hint.lower(), autoescape=True)
        )
        found += [(table, row_id, key) for row_id, key in connection.execute(query)]
    return found


def set_external_key(connection: Connection, table: Table, row_id: int, key: str) -> None:
    connection.execute(update(table).where(table.c.id == row_id).values(external_key=key))


def add_erased_digests(connection: Connection, digests: Iterable[str], when: datetime) -> None:
    table = s.erased_identifier
    new = set(digests) - erased_digests(connection)
    if new:
        connection.execute(insert(table), [{"digest": d, "erased_at": when} for d in sorted(new)])


def erased_digests(connection: Connection) -> set[str]:
    return set(connection.scalars(select(s.erased_identifier.c.digest)))


def _about(table: Table, ids: Sequence[int]) -> object | None:
    """The rows of ``table`` that are facts about the contacts ``ids`` (``None``: none are)."""
    p, linked, met = s.interaction_participant, s.outcome_contact, s.encounter
    if table is s.contact:
        return table.c.id.in_(ids)
    if table is s.interaction:
        return table.c.id.in_(select(p.c.interaction_id).where(p.c.contact_id.in_(ids)))
    if table is s.outcome:
        return table.c.id.in_(select(linked.c.outcome_id).where(linked.c.contact_id.in_(ids)))
    if table is s.event_occurrence:
        return table.c.id.in_(select(met.c.occurrence_id).where(met.c.contact_id.in_(ids)))
    columns = [
        c
        for c in table.columns
        if c.name != "merged_into_id" and any(fk.column.table is s.contact for fk in c.foreign_keys)
    ]
    return or_(*(c.in_(ids) for c in columns)) if columns else None


def export_rows(
    connection: Connection,
    contact_ids: Sequence[int] | None = None,
    leave_out: Iterable[str] = (),
) -> dict[str, list[dict[str, object]]]:
    """Every row of every table as ``{column: value}``, by primary key — or, with
    ``contact_ids``, only the facts about those contacts and the origins they came from; without
    the tables and settings named in ``leave_out``."""
    skipped = set(leave_out)
    rows: dict[str, list[dict[str, object]]] = {}
    for table in s.metadata.sorted_tables:
        if table.name in skipped:
            continue
        query = select(table).order_by(*table.primary_key.columns)
        if table is s.setting:
            query = query.where(table.c.key.not_in(skipped))
        if contact_ids is not None:
            condition = _about(table, contact_ids)
            if condition is None:
                continue
            query = query.where(condition)  # type: ignore[arg-type]
        result = connection.execute(query)
        keys = list(result.keys())
        rows[table.name] = [dict(zip(keys, row, strict=True)) for row in result.fetchall()]
    if contact_ids is not None:  # and where those facts came from
        sources = {r["origin_id"] for found in rows.values() for r in found if r.get("origin_id")}
        query = select(s.origin).where(s.origin.c.id.in_(sources)).order_by(s.origin.c.id)
        rows["origin"] = [dict(row._mapping) for row in connection.execute(query)]
    return rows
