"""``tiewise export DIR``: all my data, or all data about one person, in open formats — data
portability and the right of access (AVG/GDPR art. 20 and 15).

Two files:

- ``tiewise.json`` — every record of every table, as ``{"format": "tiewise-export",
  "version": 1, "schema": <migration revision>, "exported_at", "scope", "tables": {name:
  [row, …]}}``, rows in primary-key order with the column names of ``docs/data-model.md``; dates
  and times in ISO 8601 (times naive UTC, as stored). With ``--contact`` the tables hold only
  the facts about that person (and the records merged into them): their contact records,
  identifiers, tie, notes and stories, topics, links, interactions they took part in, the
  events where they were met or expected, outcomes and exchanges linked to them, invitations and
  decisions, and the origins (source, file, when) those facts came from.
- ``contacts.vcf`` — the contacts as vCard 3.0 (merged records as one card), for an address
  book or another CRM: names, organisation, role, the birthday (``BDAY:1985-04-15``, or
  ``BDAY:--04-15`` without the year), e-mails, phones, profile URLs, the region as
  the locality of an address, the contexts as categories, and the notes and stories as notes.
  ``tiewise import vcard`` reads it back.

Left out: the random keys of the database (settings ``export.secret``, ``erasure.key`` from
before the key moved out, ``database.id``, which names the erasure key outside the database, and
``feed.token``, the secret of the calendar feed)
and the digests of erased people (``erased_identifier``) — they are bookkeeping, and the keys
would let anyone link an anonymous export back to this database. An export is not a backup: to keep
everything, copy the database file.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from tiewise import model
from tiewise.erasure import KEY_SETTING
from tiewise.erasure_key import DATABASE_ID_SETTING
from tiewise.research.export import SECRET_SETTING
from tiewise.snapshot import canonical_ids
from tiewise.store import Store, privacy
from tiewise.store import repository as repo
from tiewise.store.database import SCHEMA_HEAD
from tiewise.store.feed_token import FEED_TOKEN_SETTING

LEFT_OUT = (
    SECRET_SETTING,
    KEY_SETTING,
    DATABASE_ID_SETTING,
    FEED_TOKEN_SETTING,
    "erased_identifier",
)


def _iso(value: object) -> str:
    """JSON for what ``json`` cannot write itself: dates and times, as ISO 8601."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot export a {type(value).__name__}")


def _text(value: str) -> str:
    """A vCard 3.0 text value (RFC 2426 §4): backslash, comma, semicolon and newline escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """A content line folded after at most 75 octets (RFC 2426 §2.6), never inside a UTF-8
    character; the continuation lines start with a space."""
    if len(line.encode()) <= 75:
        return line + "\r\n"
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts) + "\r\n"


def card(contact: model.Contact, tie: model.Tie, notes: list[model.Note]) -> str:
    """One vCard 3.0 for ``contact``: written here rather than with vobject, which took half of
    a full export's time (see ``docs/decisions.md``); ``tiewise import vcard`` (vobject) reads
    it back."""
    family, given = _text(contact.family_name or ""), _text(contact.given_name or "")
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_text(contact.name)}", f"N:{family};{given};;;"]
    if contact.organisation:
        lines.append(f"ORG:{_text(contact.organisation)}")
    if contact.role:
        lines.append(f"TITLE:{_text(contact.role)}")
    if contact.birthday is not None:  # --MM-DD without the year (ISO 8601:2000, as Google writes)
        lines.append(f"BDAY:{contact.birthday.isoformat()}")
    for identifier in contact.identifiers:
        if identifier.kind is model.IdentifierKind.EMAIL:
            lines.append(f"EMAIL;TYPE=INTERNET:{_text(identifier.value)}")
        elif identifier.kind is model.IdentifierKind.PHONE:
            lines.append(f"TEL;TYPE=CELL:{_text(identifier.value)}")
        elif identifier.kind is model.IdentifierKind.PROFILE_URL:
            lines.append(f"URL:https://{identifier.value}")
    if contact.region:
        lines.append(f"ADR:;;;{_text(contact.region)};;;")
    if tie.contexts:
        lines.append("CATEGORIES:" + ",".join(_text(c) for c in tie.contexts))
    if notes:
        lines.append("NOTE:" + _text("\n\n".join(n.text for n in notes)))
    lines.append("END:VCARD")
    return "".join(_fold(line) for line in lines)


def _json(document: dict[str, object], tables: dict[str, list[dict[str, object]]]) -> str:
    """The export document with one row per line: readable, and written by the C encoder."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, default=_iso)

    head = ",\n".join(f" {dump(key)}: {dump(value)}" for key, value in document.items())
    blocks = [
        f"  {dump(name)}: [\n" + ",\n".join("   " + dump(row) for row in rows) + "\n  ]"
        if rows
        else f"  {dump(name)}: []"
        for name, rows in tables.items()
    ]
    return "{\n" + head + ',\n "tables": {\n' + ",\n".join(blocks) + "\n }\n}\n"


def export_data(store: Store, folder: Path, contact: model.Contact | None = None) -> list[Path]:
    """Write ``tiewise.json`` and ``contacts.vcf`` into ``folder``: everything, or only what is
    about ``contact``."""
    with store.connect() as connection:
        group = None if contact is None else repo.merged_group(connection, contact.id)  # type: ignore[arg-type]
        tables = privacy.export_rows(connection, group, leave_out=LEFT_OUT)
        records = repo.load_contacts(connection, include_merged=True)
        ties = {t.contact_id: t for t in repo.load_ties(connection)}
        notes = repo.load_notes(connection)
    survivor_of = canonical_ids(records)
    name_of = {r.id: r.name for r in records}
    members: dict[int, list[model.Contact]] = {}
    for record in records:
        survivor = survivor_of[record.id]  # type: ignore[index]
        if group is None or survivor in group:
            members.setdefault(survivor, []).append(record)
    notes_of: dict[int, list[model.Note]] = {}
    for note in notes:
        notes_of.setdefault(note.contact_id, []).append(note)
    cards = []
    for survivor, merged in sorted(members.items()):
        merged.sort(key=lambda r: (r.id != survivor, r.id))
        person = model.fold_contact(merged)
        tie = model.fold_tie(survivor, [ties[r.id] for r in merged if r.id in ties])  # type: ignore[index]
        cards.append(card(person, tie, [n for r in merged for n in notes_of.get(r.id, [])]))  # type: ignore[arg-type]
    document = {
        "format": "tiewise-export",
        "version": 1,
        "schema": SCHEMA_HEAD,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "scope": "all" if group is None else {"contact": name_of[group[0]]},
    }
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "tiewise.json", folder / "contacts.vcf"]
    paths[0].write_text(_json(document, tables), encoding="utf-8")
    paths[1].write_text("".join(cards), encoding="utf-8", newline="")
    return paths
