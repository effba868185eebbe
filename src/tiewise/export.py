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
  decisions.
- ``contacts.vcf`` — the contacts as vCard 3.0 (merged records as one card), for an address
  book or another CRM: names, organisation, role, e-mails, phones, profile URLs, the region as
  the locality of an address, the contexts as categories, and the notes and stories as notes.
  ``tiewise import vcard`` reads it back.

Left out: the random keys of the database (settings ``export.secret`` and ``erasure.key``) and
the digests of erased people (``erased_identifier``) — they are bookkeeping, and the keys would
let anyone link an anonymous export back to this database. An export is not a backup: to keep
everything, copy the database file.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import vobject

from tiewise import model
from tiewise.erasure import KEY_SETTING
from tiewise.research.export import SECRET_SETTING
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.database import SCHEMA_HEAD

LEFT_OUT = (SECRET_SETTING, KEY_SETTING, "erased_identifier")


def _value(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _card(contact: model.Contact, tie: model.Tie, notes: list[model.Note]) -> str:
    card = vobject.vCard()
    card.add("fn").value = contact.name
    card.add("n").value = vobject.vcard.Name(
        family=contact.family_name or "", given=contact.given_name or ""
    )
    if contact.organisation:
        card.add("org").value = [contact.organisation]
    if contact.role:
        card.add("title").value = contact.role
    kinds = {
        model.IdentifierKind.EMAIL: ("email", "INTERNET"),
        model.IdentifierKind.PHONE: ("tel", "CELL"),
        model.IdentifierKind.PROFILE_URL: ("url", None),
    }
    for identifier in contact.identifiers:
        if identifier.kind not in kinds:
            continue
        name, kind = kinds[identifier.kind]
        line = card.add(name)
        line.value = (
            f"https://{identifier.value}"
            if identifier.kind is model.IdentifierKind.PROFILE_URL
            else identifier.value
        )
        if kind:
            line.type_param = kind
    if contact.region:
        card.add("adr").value = vobject.vcard.Address(city=contact.region)
    if tie.contexts:
        card.add("categories").value = list(tie.contexts)
    if notes:
        card.add("note").value = "\n\n".join(n.text for n in notes)
    return card.serialize()


def export_data(store: Store, folder: Path, contact: model.Contact | None = None) -> list[Path]:
    """Write ``tiewise.json`` and ``contacts.vcf`` into ``folder``: everything, or only what is
    about ``contact``."""
    with store.connect() as connection:
        group = None if contact is None else repo.merged_group(connection, contact.id)  # type: ignore[arg-type]
        tables = repo.export_rows(connection, group, leave_out=LEFT_OUT)
        records = repo.load_contacts(connection, include_merged=True)
        ties = {t.contact_id: t for t in repo.load_ties(connection)}
        notes = repo.load_notes(connection)
    members: dict[int, list[model.Contact]] = {}
    for record in records:
        survivor = record.id if record.merged_into is None else record.merged_into
        if group is None or survivor in group:
            members.setdefault(survivor, []).append(record)  # type: ignore[arg-type]
    cards = []
    for survivor, merged in sorted(members.items()):
        merged.sort(key=lambda r: (r.id != survivor, r.id))
        ids = {r.id for r in merged}
        person = model.fold_contact(merged)
        tie = model.fold_tie(survivor, [ties[r.id] for r in merged if r.id in ties])  # type: ignore[index]
        cards.append(_card(person, tie, [n for n in notes if n.contact_id in ids]))
    document = {
        "format": "tiewise-export",
        "version": 1,
        "schema": SCHEMA_HEAD,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "scope": "all" if contact is None else {"contact": contact.name},
        "tables": {
            name: [{k: _value(v) for k, v in row.items()} for row in rows]
            for name, rows in tables.items()
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "tiewise.json", folder / "contacts.vcf"]
    paths[0].write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
    paths[1].write_text("".join(cards), encoding="utf-8", newline="")
    return paths
