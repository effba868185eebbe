"""Reading and writing domain records — with ``privacy.py`` (erasure and export), the only code
besides the migrations that speaks SQL.

Every function takes an open SQLAlchemy ``Connection``; the caller decides the transaction
(``with store.begin() as connection: ...``), so an import or the demo is one transaction that
either lands whole or leaves nothing behind. Writers take sequences and use ``executemany``.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

import numpy as np
from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from tiewise import model
from tiewise.errors import NotFoundError
from tiewise.store import schema as s
from tiewise.store import search
from tiewise.store.rows import raw_rows

_IDENTIFIER_KINDS = {kind.value: kind for kind in model.IdentifierKind}
_TIE_STATUSES = {status.value: status for status in model.TieStatus}
_Named = TypeVar("_Named", model.Contact, model.EventSeries, "_Name")


def _date(value: date | str | None) -> date | None:
    """A DATE column as read by the driver: PostgreSQL gives dates, SQLite ISO text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# --- settings and provenance


def get_setting(connection: Connection, key: str, default: str | None = None) -> str | None:
    value = connection.scalar(select(s.setting.c.value).where(s.setting.c.key == key))
    return default if value is None else value


def load_settings(connection: Connection) -> list[tuple[str, str]]:
    """Every setting as (key, value), by key."""
    query = select(s.setting.c.key, s.setting.c.value).order_by(s.setting.c.key)
    return [(key, value) for key, value in connection.execute(query)]


def set_setting(connection: Connection, key: str, value: str) -> None:
    connection.execute(delete(s.setting).where(s.setting.c.key == key))
    connection.execute(insert(s.setting).values(key=key, value=value))


def delete_setting(connection: Connection, key: str) -> None:
    connection.execute(delete(s.setting).where(s.setting.c.key == key))


def add_origin(
    connection: Connection,
    source: str,
    recorded_at: datetime,
    file: str | None = None,
    digest: str | None = None,
) -> int:
    """Record a source of facts (an import file, the demo, manual entry) and return its id."""
    return connection.execute(
        insert(s.origin)
        .values(source=source, file=file, digest=digest, recorded_at=recorded_at)
        .returning(s.origin.c.id)
    ).scalar_one()


def origin_sources(connection: Connection, after: int = 0) -> set[str]:
    """The kinds of source (``demo``, ``manual``, ``linkedin`` …) the database holds facts from;
    with ``after``, only of the origins recorded after origin ``after`` (ids only grow)."""
    query = select(s.origin.c.source).where(s.origin.c.id > after).distinct()
    return set(connection.scalars(query))


def last_origin(connection: Connection) -> int:
    """The id of the latest origin (0 when there is none)."""
    return int(connection.scalar(select(func.max(s.origin.c.id))) or 0)


def _origin_columns(origin_id: int | None, record_origin: model.Origin | None) -> dict:
    line = record_origin.line if record_origin is not None else None
    return {"origin_id": origin_id, "origin_line": line}


# --- me


def load_me(connection: Connection) -> model.Me:
    row = connection.execute(select(s.me)).first()
    identifiers = tuple(
        model.Identifier(model.IdentifierKind(kind), value)
        for kind, value in connection.execute(
            select(s.me_identifier.c.kind, s.me_identifier.c.value).order_by(s.me_identifier.c.id)
        )
    )
    if row is None:
        return model.Me(identifiers=identifiers)
    return model.Me(
        name=row.name,
        identifiers=identifiers,
        organisation=row.organisation,
        role=row.role,
        sector=row.sector,
        region=row.region,
    )


def save_me(connection: Connection, me: model.Me) -> None:
    """Replace me (a single row) and my identifiers."""
    connection.execute(delete(s.me))
    connection.execute(
        insert(s.me).values(
            id=1,
            name=me.name,
            organisation=me.organisation,
            role=me.role,
            sector=me.sector,
            region=me.region,
        )
    )
    connection.execute(delete(s.me_identifier))
    unique = {(i.kind.value, i.value) for i in me.identifiers}
    if unique:
        connection.execute(
            insert(s.me_identifier), [{"kind": k, "value": v} for k, v in sorted(unique)]
        )


# --- contacts

_CONTACT_FIELDS = ("name", "given_name", "family_name", "organisation", "role", "sector", "region")
_BIRTHDAY_COLUMNS = ("birth_year", "birth_month", "birth_day")


def _contact_columns(contact: model.Contact) -> dict[str, object]:
    """The descriptive columns of a contact's row: its fields and its birthday."""
    birthday = contact.birthday
    return {
        **{name: getattr(contact, name) for name in _CONTACT_FIELDS},
        "birth_year": birthday.year if birthday else None,
        "birth_month": birthday.month if birthday else None,
        "birth_day": birthday.day if birthday else None,
    }


def _birthday(year: int | None, month: int | None, day: int | None) -> model.Birthday | None:
    return model.Birthday(month, day, year) if month is not None and day is not None else None


def add_contacts(
    connection: Connection, contacts: Sequence[model.Contact], origin_id: int | None = None
) -> list[int]:
    """Insert contacts with their identifiers; return the new ids in input order."""
    if not contacts:
        return []
    rows = [
        {
            **_contact_columns(c),
            "merged_into_id": c.merged_into,
            **_origin_columns(origin_id, c.origin),
        }
        for c in contacts
    ]
    ids = list(
        connection.execute(
            insert(s.contact).returning(s.contact.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )
    add_identifiers(
        connection,
        [
            (contact_id, i)
            for contact_id, c in zip(ids, contacts, strict=True)
            for i in c.identifiers
        ],
        origin_id,
    )
    return ids


def contact_with_identifier(
    connection: Connection, kind: model.IdentifierKind, value: str
) -> int | None:
    """The contact record that holds this identifier, if any."""
    table = s.contact_identifier
    return connection.scalar(
        select(table.c.contact_id).where(table.c.kind == kind.value, table.c.value == value)
    )


def facts_about(connection: Connection, contact_id: int) -> int:
    """How many facts beyond the record itself are kept about a contact: interactions, notes,
    topics, links, encounters, exchanges, outcomes and records merged into it."""
    return sum(
        count_rows(connection, table, column == contact_id)
        for table, column in (
            (s.interaction_participant, s.interaction_participant.c.contact_id),
            (s.note, s.note.c.contact_id),
            (s.topic, s.topic.c.contact_id),
            (s.contact_link, s.contact_link.c.contact_a),
            (s.contact_link, s.contact_link.c.contact_b),
            (s.encounter, s.encounter.c.contact_id),
            (s.exchange, s.exchange.c.contact_id),
            (s.outcome_contact, s.outcome_contact.c.contact_id),
            (s.contact, s.contact.c.merged_into_id),
        )
    )


def delete_contact(connection: Connection, contact_id: int) -> None:
    connection.execute(delete(s.contact).where(s.contact.c.id == contact_id))


def add_identifiers(
    connection: Connection,
    identifiers: Iterable[tuple[int, model.Identifier]],
    origin_id: int | None = None,
) -> None:
    rows = [
        {
            "contact_id": contact_id,
            "kind": i.kind.value,
            "value": i.value,
            **_origin_columns(origin_id, i.origin),
        }
        for contact_id, i in identifiers
    ]
    if rows:
        connection.execute(insert(s.contact_identifier), rows)


def update_contact(connection: Connection, contact: model.Contact) -> None:
    """Write the descriptive fields of an existing contact (identifiers are added separately)."""
    if contact.id is None:
        raise ValueError("update_contact needs a contact with an id")
    result = connection.execute(
        update(s.contact).where(s.contact.c.id == contact.id).values(_contact_columns(contact))
    )
    if result.rowcount == 0:
        raise NotFoundError(
            f"no contact with id {contact.id}",
            key="error.no_contact_id",
            values={"id": str(contact.id)},
        )


def update_contacts(connection: Connection, contacts: Sequence[model.Contact]) -> None:
    """Write the descriptive fields of many existing contacts at once (executemany)."""
    if not contacts:
        return
    statement = (
        update(s.contact)
        .where(s.contact.c.id == bindparam("contact_id"))
        .values({name: bindparam(name) for name in (*_CONTACT_FIELDS, *_BIRTHDAY_COLUMNS)})
    )
    connection.execute(statement, [{"contact_id": c.id, **_contact_columns(c)} for c in contacts])


def load_contacts(connection: Connection, include_merged: bool = False) -> list[model.Contact]:
    """All contacts ordered by id, with their identifiers; merged-away contacts only on request."""
    identifiers: dict[int, list[model.Identifier]] = defaultdict(list)
    for contact_id, kind, value in raw_rows(
        connection, "SELECT contact_id, kind, value FROM contact_identifier ORDER BY id"
    ):
        identifiers[contact_id].append(model.Identifier(_IDENTIFIER_KINDS[kind], value))
    where = "" if include_merged else " WHERE merged_into_id IS NULL"
    rows = raw_rows(
        connection,
        "SELECT id, name, given_name, family_name, organisation, role, sector, region, "
        f"merged_into_id, birth_year, birth_month, birth_day FROM contact{where} ORDER BY id",
    )
    empty: tuple[model.Identifier, ...] = ()
    return [
        model.Contact(
            name=name,
            id=contact_id,
            given_name=given,
            family_name=family,
            organisation=organisation,
            role=role,
            sector=sector,
            region=region,
            identifiers=tuple(identifiers[contact_id]) if contact_id in identifiers else empty,
            merged_into=merged_into,
            birthday=_birthday(year, month, day) if month is not None else None,
        )
        for (
            contact_id,
            name,
            given,
            family,
            organisation,
            role,
            sector,
            region,
            merged_into,
            year,
            month,
            day,
        ) in rows
    ]


@dataclass(frozen=True, slots=True)
class _Name:
    name: str
    id: int


def _close_names(name: str, names: Sequence[_Name], limit: int = 5) -> list[_Name]:
    """Names close to a mistyped one ("Lote Bakker" → Lotte Bakker), by rapidfuzz's weighted
    ratio ≥ 85, best first."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        name,
        [n.name for n in names],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=85,
    )
    return [names[index] for _, _, index in found]


def named(name: str, records: Sequence[_Named]) -> list[_Named]:
    """The records whose ``name`` is ``name`` (any case); else those with a word that starts
    with it ("Anna" finds Anna de Vries, not Janna); else those whose name contains it."""
    wanted = name.casefold().strip()
    exact = [r for r in records if r.name.casefold() == wanted]
    if exact or not wanted:
        return exact
    words = [r for r in records if any(w.startswith(wanted) for w in _words(r.name))]
    if words and " " not in wanted:
        return words
    return [r for r in records if wanted in r.name.casefold()]


def _words(name: str) -> list[str]:
    return name.casefold().replace("-", " ").split()


def find_contact(connection: Connection, name: str) -> model.Contact:
    """The one contact a user means by ``name``: an id, an exact name (case-insensitive), or a
    unique part of a name; failing those, the one person the search finds (accents and word
    order aside: "aimee", "graaf elena"). Several matches or none → NotFoundError listing the
    candidates."""
    if name.strip().isdigit():  # an id may also name a merged-away record
        known = connection.scalar(select(s.contact.c.id).where(s.contact.c.id == int(name)))
        if known is not None:
            return load_contact(connection, known)
    # names alone first (one column of every contact, matched in Python so that any case and
    # any script compare alike), the whole record only for the matches
    names = [
        _Name(n, i)
        for i, n in raw_rows(
            connection, "SELECT id, name FROM contact WHERE merged_into_id IS NULL ORDER BY id"
        )
    ]
    found = named(name, names)
    if not found:  # then the search (store/search.py): "aimee", "graaf elena", any field
        found = [_Name("", i) for i in search.matching(connection, name)]
    if len(found) == 1:
        return load_contact(connection, found[0].id)
    if not found:
        close = [load_contact(connection, m.id) for m in _close_names(name, names)]
        listed = "; ".join(f"{c.id} {c.name} ({c.organisation or '—'})" for c in close)
        raise NotFoundError(
            f"no contact matches {name!r}" + (f"; did you mean: {listed}" if close else ""),
            candidates=close,
            name=name,
            key="error.no_contact_close" if close else "error.no_contact",
            values={"name": name, "listed": listed},
        )
    matches = [load_contact(connection, m.id) for m in found[:10]]
    listed = "; ".join(f"{c.id} {c.name} ({c.organisation or '—'})" for c in matches)
    raise NotFoundError(
        f"{len(found)} contacts match {name!r}: {listed} — give the id",
        candidates=matches,
        name=name,
        key="error.several_contacts",
        values={"count": len(found), "name": name, "listed": listed},
    )


def contact_names(connection: Connection, ids: Iterable[int]) -> dict[int, str]:
    """The names of these contact records, by id."""
    wanted = sorted(set(ids))
    names: dict[int, str] = {}
    for start in range(0, len(wanted), 500):  # bounded IN lists
        query = select(s.contact.c.id, s.contact.c.name).where(
            s.contact.c.id.in_(wanted[start : start + 500])
        )
        names.update({contact_id: name for contact_id, name in connection.execute(query)})
    return names


def contact_sources(connection: Connection, ids: Sequence[int]) -> list[dict[str, object]]:
    """Where what is known of these contact records came from: per origin (source, file, when
    imported) the lines of the records and identifiers, oldest first."""
    found: dict[int, set[int]] = defaultdict(set)
    for table, key in (
        (s.contact, s.contact.c.id),
        (s.contact_identifier, s.contact_identifier.c.contact_id),
    ):
        query = select(table.c.origin_id, table.c.origin_line).where(
            key.in_(ids), table.c.origin_id.is_not(None)
        )
        for origin_id, line in connection.execute(query):
            found[origin_id].update([line] if line is not None else [])
    origins = connection.execute(
        select(s.origin)
        .where(s.origin.c.id.in_(found))
        .order_by(s.origin.c.recorded_at, s.origin.c.id)
    )
    return [
        {
            "source": o.source,
            "file": o.file,
            "lines": sorted(found[o.id]),
            "recorded_at": o.recorded_at,
        }
        for o in origins
    ]


def load_contact(connection: Connection, contact_id: int) -> model.Contact:
    """One contact (merged away or not) with its identifiers, read by its id alone."""
    c, ci = s.contact, s.contact_identifier
    row = connection.execute(select(c).where(c.c.id == contact_id)).first()
    if row is None:
        raise NotFoundError(
            f"no contact with id {contact_id}",
            key="error.no_contact_id",
            values={"id": str(contact_id)},
        )
    identifiers = connection.execute(
        select(ci.c.kind, ci.c.value).where(ci.c.contact_id == contact_id).order_by(ci.c.id)
    )
    return model.Contact(
        name=row.name,
        id=row.id,
        given_name=row.given_name,
        family_name=row.family_name,
        organisation=row.organisation,
        role=row.role,
        sector=row.sector,
        region=row.region,
        identifiers=tuple(model.Identifier(_IDENTIFIER_KINDS[k], v) for k, v in identifiers),
        merged_into=row.merged_into_id,
        birthday=_birthday(row.birth_year, row.birth_month, row.birth_day),
    )


def save_ties(connection: Connection, ties: Sequence[model.Tie]) -> None:
    """Insert or replace the tie (and its contexts) of each contact."""
    if not ties:
        return
    contact_ids = [t.contact_id for t in ties]
    connection.execute(delete(s.tie).where(s.tie.c.contact_id.in_(contact_ids)))
    connection.execute(delete(s.tie_context).where(s.tie_context.c.contact_id.in_(contact_ids)))
    connection.execute(
        insert(s.tie),
        [
            {
                "contact_id": t.contact_id,
                "closeness": t.closeness,
                "met_how": t.met_how,
                "met_on": t.met_on,
                "status": t.status.value,
                "cadence_days": t.cadence_days,
            }
            for t in ties
        ],
    )
    contexts = [
        {"contact_id": t.contact_id, "context": context}
        for t in ties
        for context in sorted(set(t.contexts))
    ]
    if contexts:
        connection.execute(insert(s.tie_context), contexts)


def set_closeness(connection: Connection, contact_id: int, closeness: int | None) -> None:
    """Set the self-rated closeness of the tie with a contact (creating the tie if needed)."""
    updated = connection.execute(
        update(s.tie).where(s.tie.c.contact_id == contact_id).values(closeness=closeness)
    )
    if updated.rowcount == 0:
        connection.execute(
            insert(s.tie).values(
                contact_id=contact_id, closeness=closeness, status=model.TieStatus.ACTIVE.value
            )
        )


def load_ties(connection: Connection) -> list[model.Tie]:
    contexts: dict[int, list[str]] = defaultdict(list)
    for contact_id, context in raw_rows(
        connection, "SELECT contact_id, context FROM tie_context ORDER BY contact_id, context"
    ):
        contexts[contact_id].append(context)
    rows = raw_rows(
        connection,
        "SELECT contact_id, closeness, met_how, met_on, status, cadence_days FROM tie "
        "ORDER BY contact_id",
    )
    return [
        model.Tie(
            contact_id=contact_id,
            closeness=closeness,
            contexts=tuple(contexts.get(contact_id, ())),
            met_how=met_how,
            met_on=_date(met_on),
            status=_TIE_STATUSES[status],
            cadence_days=cadence_days,
        )
        for contact_id, closeness, met_how, met_on, status, cadence_days in rows
    ]


def load_tie(connection: Connection, contact_id: int) -> model.Tie:
    """The tie with one contact (a blank tie when none was recorded)."""
    row = connection.execute(select(s.tie).where(s.tie.c.contact_id == contact_id)).first()
    if row is None:
        return model.Tie(contact_id=contact_id)
    contexts = connection.scalars(
        select(s.tie_context.c.context)
        .where(s.tie_context.c.contact_id == contact_id)
        .order_by(s.tie_context.c.context)
    )
    return model.Tie(
        contact_id=contact_id,
        closeness=row.closeness,
        contexts=tuple(contexts),
        met_how=row.met_how,
        met_on=_date(row.met_on),
        status=_TIE_STATUSES[row.status],
        cadence_days=row.cadence_days,
    )


def add_notes(connection: Connection, notes: Sequence[model.Note]) -> list[int]:
    if not notes:
        return []
    rows = [
        {
            "contact_id": n.contact_id,
            "kind": n.kind.value,
            "text": n.text,
            "written_at": n.written_at,
        }
        for n in notes
    ]
    return list(
        connection.execute(
            insert(s.note).returning(s.note.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )


def load_notes(connection: Connection, contact_id: int | None = None) -> list[model.Note]:
    query = select(s.note).order_by(s.note.c.written_at, s.note.c.id)
    if contact_id is not None:
        query = query.where(s.note.c.contact_id == contact_id)
    return [
        model.Note(
            id=row.id,
            contact_id=row.contact_id,
            kind=model.NoteKind(row.kind),
            text=row.text,
            written_at=row.written_at,
        )
        for row in connection.execute(query)
    ]


def add_topics(connection: Connection, topics: Sequence[model.Topic]) -> None:
    rows = [{"contact_id": t.contact_id, "kind": t.kind.value, "topic": t.topic} for t in topics]
    if rows:
        connection.execute(insert(s.topic), rows)


def remove_topics(connection: Connection, topics: Sequence[model.Topic]) -> int:
    """Delete these needs or offers; returns how many there were."""
    table, removed = s.topic, 0
    for t in topics:
        removed += connection.execute(
            delete(table).where(
                table.c.contact_id == t.contact_id,
                table.c.kind == t.kind.value,
                table.c.topic == t.topic,
            )
        ).rowcount
    return removed


def load_topics(connection: Connection) -> list[model.Topic]:
    query = select(s.topic).order_by(s.topic.c.contact_id, s.topic.c.kind, s.topic.c.topic)
    return [
        model.Topic(contact_id=r.contact_id, kind=model.TopicKind(r.kind), topic=r.topic)
        for r in connection.execute(query)
    ]


# --- who knows whom, and interactions


def add_links(connection: Connection, links: Sequence[model.ContactLink]) -> None:
    """Add contact–contact links; a link already known from the same source gains evidence and
    widens its first/last seen dates."""
    if not links:
        return
    merged: dict[tuple[int, int, str], model.ContactLink] = {}
    for link in links:
        a, b = sorted((link.contact_a, link.contact_b))
        if a == b:
            continue
        key = (a, b, link.source)
        merged[key] = _combine_links(merged.get(key), link, a, b)
    existing = {
        (r.contact_a, r.contact_b, r.source): r
        for r in connection.execute(
            select(s.contact_link).where(s.contact_link.c.contact_a.in_({k[0] for k in merged}))
        )
    }
    new_rows = []
    for key, link in merged.items():
        row = existing.get(key)
        if row is None:
            new_rows.append(
                {
                    "contact_a": link.contact_a,
                    "contact_b": link.contact_b,
                    "source": link.source,
                    "evidence_count": link.evidence_count,
                    "first_seen": link.first_seen,
                    "last_seen": link.last_seen,
                }
            )
            continue
        old = model.ContactLink(
            row.contact_a,
            row.contact_b,
            row.source,
            row.evidence_count,
            row.first_seen,
            row.last_seen,
        )
        combined = _combine_links(old, link, *key[:2])
        connection.execute(
            update(s.contact_link)
            .where(s.contact_link.c.id == row.id)
            .values(
                evidence_count=combined.evidence_count,
                first_seen=combined.first_seen,
                last_seen=combined.last_seen,
            )
        )
    if new_rows:
        connection.execute(insert(s.contact_link), new_rows)


def _combine_links(
    old: model.ContactLink | None, new: model.ContactLink, a: int, b: int
) -> model.ContactLink:
    if old is None:
        return model.ContactLink(
            a, b, new.source, new.evidence_count, new.first_seen, new.last_seen
        )
    firsts = [d for d in (old.first_seen, new.first_seen) if d is not None]
    lasts = [d for d in (old.last_seen, new.last_seen) if d is not None]
    return model.ContactLink(
        a,
        b,
        new.source,
        old.evidence_count + new.evidence_count,
        min(firsts) if firsts else None,
        max(lasts) if lasts else None,
    )


def load_links(connection: Connection) -> list[model.ContactLink]:
    rows = raw_rows(
        connection,
        "SELECT contact_a, contact_b, source, evidence_count, first_seen, last_seen "
        "FROM contact_link ORDER BY contact_a, contact_b, source",
    )
    return [
        model.ContactLink(a, b, source, evidence, _date(first), _date(last))
        for a, b, source, evidence, first, last in rows
    ]


def link_arrays(connection: Connection) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All links as three int64 arrays — contact a, contact b, evidence count — for the Snapshot,
    which needs no more of them (one array read instead of a record per link)."""
    rows = raw_rows(connection, "SELECT contact_a, contact_b, evidence_count FROM contact_link")
    table = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy()


def add_interactions(
    connection: Connection, interactions: Sequence[model.Interaction], origin_id: int | None = None
) -> list[int]:
    if not interactions:
        return []
    rows = [
        {
            "occurred_at": i.occurred_at,
            "kind": i.kind.value,
            "channel": i.channel,
            "direction": i.direction.value,
            "duration_minutes": i.duration_minutes,
            "subject": i.subject,
            "body": i.body,
            "external_key": i.external_key,
            **_origin_columns(origin_id, i.origin),
        }
        for i in interactions
    ]
    ids = list(
        connection.execute(
            insert(s.interaction).returning(s.interaction.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )
    participants = [
        {"interaction_id": interaction_id, "contact_id": contact_id}
        for interaction_id, i in zip(ids, interactions, strict=True)
        for contact_id in sorted(set(i.participants))
    ]
    if participants:
        connection.execute(insert(s.interaction_participant), participants)
    return ids


def load_interactions(connection: Connection) -> list[model.Interaction]:
    participants: dict[int, list[int]] = defaultdict(list)
    for interaction_id, contact_id in connection.execute(
        select(
            s.interaction_participant.c.interaction_id, s.interaction_participant.c.contact_id
        ).order_by(
            s.interaction_participant.c.interaction_id, s.interaction_participant.c.contact_id
        )
    ):
        participants[interaction_id].append(contact_id)
    query = select(s.interaction).order_by(s.interaction.c.occurred_at, s.interaction.c.id)
    return [
        model.Interaction(
            id=r.id,
            occurred_at=r.occurred_at,
            kind=model.InteractionKind(r.kind),
            channel=r.channel,
            direction=model.Direction(r.direction),
            participants=tuple(participants.get(r.id, ())),
            duration_minutes=r.duration_minutes,
            subject=r.subject,
            external_key=r.external_key,
            body=r.body,
        )
        for r in connection.execute(query)
    ]


def interactions_with(connection: Connection, contact_ids: Sequence[int]) -> list[dict]:
    """The interactions any of ``contact_ids`` took part in, newest first, each with every
    participant's id and where it came from (source, file, line)."""
    i, p, o = s.interaction, s.interaction_participant, s.origin
    theirs = select(p.c.interaction_id).where(p.c.contact_id.in_(contact_ids))
    query = (
        select(i, o.c.source, o.c.file)
        .outerjoin(o, o.c.id == i.c.origin_id)
        .where(i.c.id.in_(theirs))
        .order_by(i.c.occurred_at.desc(), i.c.id.desc())
    )
    rows = [dict(r._mapping) for r in connection.execute(query)]
    people: dict[int, list[int]] = defaultdict(list)
    members = select(p.c.interaction_id, p.c.contact_id).where(p.c.interaction_id.in_(theirs))
    for interaction_id, contact_id in connection.execute(members.order_by(p.c.contact_id)):
        people[interaction_id].append(contact_id)
    for row in rows:
        row["participants"] = people[row["id"]]
    return rows


def same_day_interactions(
    connection: Connection, day: date, kind: model.InteractionKind, source: str
) -> list[tuple[int, datetime, str | None, int | None, set[int]]]:
    """(id, when, subject, minutes, participants) of the interactions of ``kind`` from
    ``source`` on ``day`` (to refuse logging the same activity twice)."""
    i, p, o = s.interaction, s.interaction_participant, s.origin
    start = datetime.combine(day, datetime.min.time())
    query = (
        select(i.c.id, i.c.occurred_at, i.c.subject, i.c.duration_minutes, p.c.contact_id)
        .join(p, p.c.interaction_id == i.c.id)
        .join(o, o.c.id == i.c.origin_id)
        .where(
            i.c.kind == kind.value,
            o.c.source == source,
            i.c.occurred_at >= start,
            i.c.occurred_at < start + timedelta(days=1),
        )
    )
    found: dict[int, tuple[int, datetime, str | None, int | None, set[int]]] = {}
    for interaction_id, when, subject, minutes, contact_id in connection.execute(query):
        moment = when if isinstance(when, datetime) else datetime.fromisoformat(str(when))
        found.setdefault(interaction_id, (interaction_id, moment, subject, minutes, set()))
        found[interaction_id][4].add(contact_id)
    return list(found.values())


def remove_participants(
    connection: Connection, interaction_id: int, contact_ids: Sequence[int]
) -> None:
    """Take these contacts out of an interaction; the others stay in it."""
    p = s.interaction_participant
    connection.execute(
        delete(p).where(p.c.interaction_id == interaction_id, p.c.contact_id.in_(contact_ids))
    )


def delete_interaction(connection: Connection, interaction_id: int) -> None:
    connection.execute(delete(s.interaction).where(s.interaction.c.id == interaction_id))


def delete_encounter(
    connection: Connection, occurrence_id: int, contact_id: int, kind: model.EncounterKind
) -> None:
    table = s.encounter
    connection.execute(
        delete(table).where(
            table.c.occurrence_id == occurrence_id,
            table.c.contact_id == contact_id,
            table.c.kind == kind.value,
        )
    )


def interaction_arrays(connection: Connection) -> tuple[np.ndarray, ...]:
    """All interactions as arrays, in time order, for the Snapshot: times (datetime64[s]),
    kinds, directions, the participation pairs (interaction position, contact id), and the
    minutes each took (NaN when not known).
    NumPy parses SQLite's ISO text and PostgreSQL's datetimes alike."""
    rows = raw_rows(
        connection, "SELECT id, occurred_at, kind, direction, duration_minutes FROM interaction"
    )
    pairs = raw_rows(connection, "SELECT interaction_id, contact_id FROM interaction_participant")
    columns = list(zip(*rows, strict=True)) if rows else [(), (), (), (), ()]
    ids = np.array(columns[0], dtype=np.int64)
    times = np.array(columns[1], dtype="datetime64[s]")
    order = np.lexsort((ids, times))
    ids, times = ids[order], times[order]
    kinds = np.array(columns[2], dtype=object)[order]
    directions = np.array(columns[3], dtype=object)[order]
    pair_table = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    interaction_ids, contact_ids = pair_table[:, 0], pair_table[:, 1].copy()
    position = np.empty(ids.max() + 1 if ids.size else 0, dtype=np.int64)
    position[ids] = np.arange(ids.size)
    minutes = np.array([np.nan if m is None else m for m in columns[4]], dtype=np.float64)
    return times, kinds, directions, position[interaction_ids], contact_ids, minutes[order]


def first_contact_date(connection: Connection, contact_id: int) -> date | None:
    """The earliest day I am known to have been in touch with a contact (or a record merged
    into it): an interaction, a meeting at an event or the tie's ``met_on``; ``None`` when
    nothing says so."""
    merged = select(s.contact.c.id).where(s.contact.c.merged_into_id == contact_id)
    ids = [contact_id, *connection.scalars(merged)]
    first_interaction = connection.scalar(
        select(func.min(s.interaction.c.occurred_at))
        .join(s.interaction_participant)
        .where(s.interaction_participant.c.contact_id.in_(ids))
    )
    first_event = connection.scalar(
        select(func.min(s.event_occurrence.c.starts_at))
        .join(s.encounter)
        .where(s.encounter.c.contact_id.in_(ids), s.encounter.c.kind == model.EncounterKind.MET)
    )
    met_on = connection.scalar(select(func.min(s.tie.c.met_on)).where(s.tie.c.contact_id.in_(ids)))
    days = [_day(v) for v in (first_interaction, first_event, met_on) if v is not None]
    return min(days) if days else None


def _day(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def interaction_summary(connection: Connection) -> dict[int, tuple[int, datetime]]:
    """Per contact id (as stored, before merges): number of interactions and the latest one."""
    p, i = s.interaction_participant, s.interaction
    query = (
        select(p.c.contact_id, func.count(), func.max(i.c.occurred_at))
        .join(i, i.c.id == p.c.interaction_id)
        .group_by(p.c.contact_id)
    )
    return {contact_id: (count, latest) for contact_id, count, latest in connection.execute(query)}


# --- goals


def _insert_targets(
    connection: Connection, goal_id: int, targets: Sequence[model.GoalTarget]
) -> None:
    rows = sorted({(t.attribute.value, t.value) for t in targets})
    if rows:
        connection.execute(
            insert(s.goal_target),
            [{"goal_id": goal_id, "attribute": a, "value": v} for a, v in rows],
        )


def add_goal(connection: Connection, goal: model.Goal) -> int:
    goal_id = connection.execute(
        insert(s.goal)
        .values(
            key=goal.key,
            label=goal.label,
            priority=goal.priority,
            goal_class=goal.goal_class.value if goal.goal_class else None,
        )
        .returning(s.goal.c.id)
    ).scalar_one()
    _insert_targets(connection, goal_id, goal.targets)
    return goal_id


def load_goals(connection: Connection) -> list[model.Goal]:
    targets: dict[int, list[model.GoalTarget]] = defaultdict(list)
    for goal_id, attribute, value in connection.execute(
        select(s.goal_target).order_by(
            s.goal_target.c.goal_id, s.goal_target.c.attribute, s.goal_target.c.value
        )
    ):
        targets[goal_id].append(model.GoalTarget(model.TargetAttribute(attribute), value))
    return [
        model.Goal(
            id=r.id,
            key=r.key,
            label=r.label,
            priority=r.priority,
            goal_class=model.GoalClass(r.goal_class) if r.goal_class else None,
            targets=tuple(targets.get(r.id, ())),
        )
        for r in connection.execute(select(s.goal).order_by(s.goal.c.id))
    ]


def update_goal(connection: Connection, goal_id: int, goal: model.Goal) -> None:
    """Replace the priority, label, class and targets of goal ``goal_id`` (its id, and so the
    outcomes that refer to it, stay)."""
    connection.execute(
        update(s.goal)
        .where(s.goal.c.id == goal_id)
        .values(
            label=goal.label,
            priority=goal.priority,
            goal_class=goal.goal_class.value if goal.goal_class else None,
        )
    )
    connection.execute(delete(s.goal_target).where(s.goal_target.c.goal_id == goal_id))
    _insert_targets(connection, goal_id, goal.targets)


def remove_goal(connection: Connection, goal_id: int) -> None:
    """Delete a goal and its targets; outcomes that served it keep existing without a goal."""
    connection.execute(delete(s.goal_target).where(s.goal_target.c.goal_id == goal_id))
    connection.execute(delete(s.goal).where(s.goal.c.id == goal_id))


# --- events, attendance, outcomes


def add_series(connection: Connection, series: Sequence[model.EventSeries]) -> list[int]:
    rows = [
        {
            "name": e.name,
            "organiser": e.organiser,
            "category": e.category,
            "location": e.location,
            "evidence": e.evidence,
            "review": e.review.value if e.review else None,
        }
        for e in series
    ]
    if not rows:
        return []
    return list(
        connection.execute(
            insert(s.event_series).returning(s.event_series.c.id, sort_by_parameter_order=True),
            rows,
        ).scalars()
    )


def load_series(connection: Connection) -> list[model.EventSeries]:
    return [
        model.EventSeries(
            id=r.id,
            name=r.name,
            organiser=r.organiser,
            category=r.category,
            location=r.location,
            evidence=r.evidence,
            review=model.SeriesReview(r.review) if r.review else None,
        )
        for r in connection.execute(select(s.event_series).order_by(s.event_series.c.id))
    ]


def review_series(
    connection: Connection, series_id: int, review: model.SeriesReview | None
) -> bool:
    """Record the user's word on a series (``None`` clears it); False when there is no such
    series. A rejected series is left out of the Snapshot, and imports skip its occurrences."""
    table = s.event_series
    result = connection.execute(
        update(table).where(table.c.id == series_id).values(review=review.value if review else None)
    )
    return result.rowcount == 1


def occurrence_counts(connection: Connection) -> dict[int, int]:
    """Number of occurrences per series id."""
    o = s.event_occurrence
    query = select(o.c.series_id, func.count()).where(o.c.series_id.is_not(None))
    return {row[0]: row[1] for row in connection.execute(query.group_by(o.c.series_id))}


def add_occurrences(
    connection: Connection,
    occurrences: Sequence[model.EventOccurrence],
    origin_id: int | None = None,
) -> list[int]:
    rows = [
        {
            "series_id": o.series_id,
            "name": o.name,
            "starts_at": o.starts_at,
            "ends_at": o.ends_at,
            "location": o.location,
            "external_key": o.external_key,
            **_origin_columns(origin_id, o.origin),
        }
        for o in occurrences
    ]
    if not rows:
        return []
    table = s.event_occurrence
    return list(
        connection.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )


def load_occurrences(connection: Connection) -> list[model.EventOccurrence]:
    table = s.event_occurrence
    return [
        model.EventOccurrence(
            id=r.id,
            series_id=r.series_id,
            name=r.name,
            starts_at=r.starts_at,
            ends_at=r.ends_at,
            location=r.location,
            external_key=r.external_key,
        )
        for r in connection.execute(select(table).order_by(table.c.starts_at, table.c.id))
    ]


def save_attendances(connection: Connection, attendances: Sequence[model.Attendance]) -> None:
    if not attendances:
        return
    connection.execute(
        delete(s.attendance).where(
            s.attendance.c.occurrence_id.in_([a.occurrence_id for a in attendances])
        )
    )
    connection.execute(
        insert(s.attendance),
        [
            {
                "occurrence_id": a.occurrence_id,
                "status": a.status.value,
                "hours": a.hours,
                "cost_eur": a.cost_eur,
                "enjoyment": a.enjoyment,
            }
            for a in attendances
        ],
    )


def load_attendances(connection: Connection) -> list[model.Attendance]:
    return [
        model.Attendance(
            occurrence_id=r.occurrence_id,
            status=model.AttendanceStatus(r.status),
            hours=r.hours,
            cost_eur=r.cost_eur,
            enjoyment=r.enjoyment,
        )
        for r in connection.execute(select(s.attendance).order_by(s.attendance.c.occurrence_id))
    ]


def add_encounters(connection: Connection, encounters: Sequence[model.Encounter]) -> None:
    """Add encounters. A person *met* at an occurrence is also an interaction with them (kind
    ``event``, both ways, at the occurrence's start), so that the tie model, the plan and the
    cadence see the meeting like any other contact (one model, one table)."""
    rows = [
        {
            "occurrence_id": e.occurrence_id,
            "contact_id": e.contact_id,
            "kind": e.kind.value,
            "first_meeting": e.first_meeting,
        }
        for e in encounters
    ]
    if rows:
        connection.execute(insert(s.encounter), rows)
    met = [e for e in encounters if e.kind == model.EncounterKind.MET]
    if not met:
        return
    o, series = s.event_occurrence, s.event_series
    query = (
        select(o.c.id, o.c.starts_at, func.coalesce(series.c.name, o.c.name))
        .outerjoin(series, series.c.id == o.c.series_id)
        .where(o.c.id.in_({e.occurrence_id for e in met}))
    )
    occurrences = {row[0]: (row[1], row[2]) for row in connection.execute(query)}
    add_interactions(
        connection,
        [
            model.Interaction(
                occurrences[e.occurrence_id][0],
                model.InteractionKind.EVENT,
                "event",
                model.Direction.MUTUAL,
                (e.contact_id,),
                subject=occurrences[e.occurrence_id][1],
                external_key=encounter_key(e.occurrence_id, e.contact_id),
            )
            for e in met
        ],
    )


def encounter_key(occurrence_id: int, contact_id: int) -> str:
    """The key of the interaction that a meeting at an event is: meeting someone at an event is
    contact with them, in both directions (docs/method.md)."""
    return f"encounter:{occurrence_id}:{contact_id}"


def load_encounters(connection: Connection) -> list[model.Encounter]:
    """Every encounter, read through the plain cursor (an active networker has tens of
    thousands: each visit's people met, each upcoming event's guest list)."""
    kinds = {k.value: k for k in model.EncounterKind}
    rows = raw_rows(
        connection,
        "SELECT occurrence_id, contact_id, kind, first_meeting FROM encounter "
        "ORDER BY occurrence_id, contact_id, kind",
    )
    return [
        model.Encounter(occurrence_id, contact_id, kinds[kind], bool(first))
        for occurrence_id, contact_id, kind, first in rows
    ]


def add_outcomes(connection: Connection, outcomes: Sequence[model.Outcome]) -> list[int]:
    if not outcomes:
        return []
    rows = [
        {
            "kind": o.kind.value,
            "occurred_on": o.occurred_on,
            "value_eur": o.value_eur,
            "description": o.description,
            "occurrence_id": o.occurrence_id,
            "goal_id": o.goal_id,
        }
        for o in outcomes
    ]
    ids = list(
        connection.execute(
            insert(s.outcome).returning(s.outcome.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )
    links = [
        {"outcome_id": outcome_id, "contact_id": contact_id}
        for outcome_id, o in zip(ids, outcomes, strict=True)
        for contact_id in sorted(set(o.contact_ids))
    ]
    if links:
        connection.execute(insert(s.outcome_contact), links)
    return ids


def load_outcomes(connection: Connection) -> list[model.Outcome]:
    contacts: dict[int, list[int]] = defaultdict(list)
    for outcome_id, contact_id in connection.execute(
        select(s.outcome_contact).order_by(
            s.outcome_contact.c.outcome_id, s.outcome_contact.c.contact_id
        )
    ):
        contacts[outcome_id].append(contact_id)
    return [
        model.Outcome(
            id=r.id,
            kind=model.OutcomeKind(r.kind),
            occurred_on=r.occurred_on,
            value_eur=r.value_eur,
            description=r.description,
            occurrence_id=r.occurrence_id,
            goal_id=r.goal_id,
            contact_ids=tuple(contacts.get(r.id, ())),
        )
        for r in connection.execute(
            select(s.outcome).order_by(s.outcome.c.occurred_on, s.outcome.c.id)
        )
    ]


# --- exchanges and invitations


def add_exchanges(
    connection: Connection, exchanges: Sequence[model.Exchange], origin_id: int | None = None
) -> list[int]:
    if not exchanges:
        return []
    rows = [
        {
            "contact_id": e.contact_id,
            "direction": e.direction.value,
            "kind": e.kind.value,
            "occurred_on": e.occurred_on,
            "description": e.description,
            "counterpart_id": e.counterpart_id,
            "external_key": e.external_key,
            **_origin_columns(origin_id, e.origin),
        }
        for e in exchanges
    ]
    return list(
        connection.execute(
            insert(s.exchange).returning(s.exchange.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )


def load_exchanges(connection: Connection) -> list[model.Exchange]:
    return [
        model.Exchange(
            id=r.id,
            contact_id=r.contact_id,
            direction=model.ExchangeDirection(r.direction),
            kind=model.ExchangeKind(r.kind),
            occurred_on=r.occurred_on,
            description=r.description,
            counterpart_id=r.counterpart_id,
            external_key=r.external_key,
        )
        for r in connection.execute(
            select(s.exchange).order_by(s.exchange.c.occurred_on, s.exchange.c.id)
        )
    ]


def add_invitations(
    connection: Connection, invitations: Sequence[model.Invitation], origin_id: int | None = None
) -> list[int]:
    if not invitations:
        return []
    rows = [
        {
            "name": i.name,
            "direction": i.direction.value,
            "sent_at": i.sent_at,
            "status": i.status.value,
            "contact_id": i.contact_id,
            "profile_url": i.profile_url,
            "message": i.message,
            "channel": i.channel,
            "external_key": i.external_key,
            **_origin_columns(origin_id, i.origin),
        }
        for i in invitations
    ]
    return list(
        connection.execute(
            insert(s.invitation).returning(s.invitation.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )


def load_invitations(connection: Connection) -> list[model.Invitation]:
    return [
        model.Invitation(
            id=r.id,
            name=r.name,
            direction=model.Direction(r.direction),
            sent_at=r.sent_at,
            status=model.InvitationStatus(r.status),
            contact_id=r.contact_id,
            profile_url=r.profile_url,
            message=r.message,
            channel=r.channel,
            external_key=r.external_key,
        )
        for r in connection.execute(
            select(s.invitation).order_by(s.invitation.c.sent_at, s.invitation.c.id)
        )
    ]


def known_keys(connection: Connection, table: Table) -> set[str]:
    """The external keys already stored in ``table`` (for idempotent imports)."""
    return set(
        connection.scalars(select(table.c.external_key).where(table.c.external_key.is_not(None)))
    )


def link_exists(connection: Connection, contact_a: int, contact_b: int, source: str) -> bool:
    a, b = sorted((contact_a, contact_b))
    link = s.contact_link
    query = select(link.c.id).where(
        link.c.contact_a == a, link.c.contact_b == b, link.c.source == source
    )
    return connection.scalar(query) is not None


def add_decision(connection: Connection, decision: model.Decision) -> int:
    """Record a decision (see ``tiewise/decisions.py``) and return its id."""
    return connection.execute(
        insert(s.decision)
        .values(
            kind=decision.kind.value,
            contact_id=decision.contact_id,
            invitation_id=decision.invitation_id,
            action=decision.action,
            verdict=decision.verdict.value,
            decided_at=decision.decided_at,
            figures=None if decision.figures is None else json.dumps(decision.figures),
            restore=None if decision.restore is None else json.dumps(decision.restore),
        )
        .returning(s.decision.c.id)
    ).scalar_one()


def load_decisions(connection: Connection, include_undone: bool = False) -> list[model.Decision]:
    """Decisions, oldest first; those undone only with ``include_undone``."""
    table = s.decision
    query = select(table).order_by(table.c.decided_at, table.c.id)
    if not include_undone:
        query = query.where(table.c.undone_at.is_(None))
    return [
        model.Decision(
            id=r.id,
            kind=model.DecisionKind(r.kind),
            verdict=model.Verdict(r.verdict),
            decided_at=r.decided_at,
            contact_id=r.contact_id,
            invitation_id=r.invitation_id,
            action=r.action,
            figures=json.loads(r.figures) if r.figures else None,
            restore=json.loads(r.restore) if r.restore else None,
            undone_at=r.undone_at,
        )
        for r in connection.execute(query)
    ]


def detach_decision(connection: Connection, decision_id: int) -> None:
    """Keep a decision when the contact it names is deleted (the contact an accepted invitation
    created, removed again by undoing it): its ``contact_id`` becomes NULL instead of the row
    being deleted with the contact."""
    table = s.decision
    connection.execute(update(table).where(table.c.id == decision_id).values(contact_id=None))


def mark_undone(connection: Connection, decision_ids: Sequence[int], when: datetime) -> None:
    if decision_ids:
        table = s.decision
        connection.execute(update(table).where(table.c.id.in_(decision_ids)).values(undone_at=when))


def set_invitation(
    connection: Connection,
    invitation_id: int,
    status: model.InvitationStatus,
    contact_id: int | None,
) -> None:
    table = s.invitation
    connection.execute(
        update(table)
        .where(table.c.id == invitation_id)
        .values(status=status.value, contact_id=contact_id)
    )


def record_merge_decision(
    connection: Connection, contact_a: int, contact_b: int, decision: str, decided_at: datetime
) -> None:
    """Remember that the user (or an identical identifier) merged two contacts or kept them
    apart; the latest decision about a pair wins."""
    a, b = sorted((contact_a, contact_b))
    table = s.merge_decision
    connection.execute(delete(table).where(table.c.contact_a == a, table.c.contact_b == b))
    connection.execute(
        insert(table).values(contact_a=a, contact_b=b, decision=decision, decided_at=decided_at)
    )


def load_merge_decisions(connection: Connection) -> dict[tuple[int, int], str]:
    table = s.merge_decision
    return {(r.contact_a, r.contact_b): r.decision for r in connection.execute(select(table))}


def set_merged_into(connection: Connection, contact_id: int, survivor: int | None) -> None:
    result = connection.execute(
        update(s.contact).where(s.contact.c.id == contact_id).values(merged_into_id=survivor)
    )
    if result.rowcount == 0:
        raise NotFoundError(
            f"no contact with id {contact_id}",
            key="error.no_contact_id",
            values={"id": str(contact_id)},
        )


def is_empty(connection: Connection) -> bool:
    """True when the database holds no personal data yet (settings do not count)."""
    tables = (s.contact, s.goal, s.event_series, s.event_occurrence, s.interaction, s.me)
    return all(connection.scalar(select(func.count()).select_from(t)) == 0 for t in tables)


# --- secrets, and the records of one person


def secret(connection: Connection, key: str) -> bytes:
    """The random 32-byte secret kept in setting ``key``, made on first use."""
    value = get_setting(connection, key)
    if value is None:
        value = secrets.token_hex(32)
        set_setting(connection, key, value)
    return bytes.fromhex(value)


def merged_group(connection: Connection, contact_id: int) -> list[int]:
    """Every record of one person, from any of them: the surviving record first, then every
    record merged into it, directly or through another."""
    survivor = contact_id
    while (
        parent := connection.scalar(
            select(s.contact.c.merged_into_id).where(s.contact.c.id == survivor)
        )
    ) is not None:
        survivor = parent
    group, frontier = [survivor], [survivor]
    while frontier:
        frontier = list(
            connection.scalars(
                select(s.contact.c.id).where(s.contact.c.merged_into_id.in_(frontier))
            )
        )
        group += frontier
    return group


def count_rows(connection: Connection, table: Table, *where: object) -> int:
    """How many rows of ``table`` meet ``where``."""
    return connection.scalar(select(func.count()).select_from(table).where(*where)) or 0
