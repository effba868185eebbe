"""Erasing a person completely — the right to erasure (AVG/GDPR art. 17), shared by
``tiewise contact erase`` and the web app.

What goes, in one transaction:

- the contact and every record merged into it, with their identifiers, tie, notes, stories,
  topics, links to other contacts, encounters at events, exchanges, invitations and decisions;
  invitations not linked to a contact go too when they carry the person's profile URL or name;
- interactions with no one else in them; shared interactions (a meeting with others) stay,
  without them;
- their full name and e-mail addresses wherever they appear in free text (my notes about others,
  interaction subjects and bodies, outcome and exchange descriptions, invitation messages): each
  mention is replaced by a placeholder. A name of one word is not replaced (it would hit other
  people); such mentions are counted instead;
- their links to outcomes (the outcome itself is mine and stays, so an event keeps its yield).

What is kept so that a later import does not bring them back: for each identifier (e-mail,
phone, profile URL, source id) an HMAC-SHA-256 digest with a random key of this database
(setting ``erasure.key``). A digest cannot be turned back into the identifier without the key,
and even with it only by guessing. An import skips every record that carries such an
identifier, and says how many it skipped. A record that carries only a name cannot be
recognised and would come back.

On SQLite the erasure runs with ``secure_delete`` on and checkpoints the write-ahead log
afterwards, so the deleted text does not linger in free pages of the database file. On
PostgreSQL, dead rows stay on disk until ``VACUUM``; backups are outside tiewise's reach on
either.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from tiewise import model
from tiewise.store import Store
from tiewise.store import repository as repo

KEY_SETTING = "erasure.key"


def identifier_digest(key: bytes, kind: str, value: str) -> str:
    """``HMAC-SHA-256(key, "<kind>:<value>")`` as 64 hex digits; ``value`` in normal form."""
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


class ErasedIdentifiers:
    """The digests of erased people's identifiers, to recognise them in an import."""

    def __init__(self, connection: Connection) -> None:
        self.digests = repo.erased_digests(connection)
        self.key = repo.secret(connection, KEY_SETTING) if self.digests else b""

    def any_of(self, identifiers: Iterable[model.Identifier]) -> bool:
        return bool(self.digests) and any(
            identifier_digest(self.key, i.kind.value, i.value) in self.digests for i in identifiers
        )

    def profile(self, url: str | None) -> bool:
        return bool(self.digests and url) and (
            identifier_digest(self.key, model.IdentifierKind.PROFILE_URL.value, url or "")
            in self.digests
        )


@dataclass
class Erasure:
    """What an erasure removed (or, in a dry run, would remove); ``as_json()`` is the contract of
    ``tiewise contact erase --json``."""

    name: str
    counts: dict[str, int]
    mentions_replaced: int = 0
    mentions_left: list[str] = field(default_factory=list)  # "table.column #id" of one-word names
    dry_run: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "dry_run": self.dry_run,
            **self.counts,
            "mentions_replaced": self.mentions_replaced,
            "mentions_left": self.mentions_left,
        }


def _mention_pattern(needle: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)", re.IGNORECASE)


def _replace_mentions(
    connection: Connection, names: set[str], emails: set[str], placeholder: str
) -> tuple[int, list[str]]:
    """Replace full names (two words or more) and e-mail addresses in free text."""
    replaceable = sorted({n for n in names if len(n.split()) >= 2} | emails, key=len, reverse=True)
    replaced = 0
    for needle in replaceable:
        pattern = _mention_pattern(needle)
        for table, column, row_id, text in repo.free_text_rows(connection, needle):
            new, count = pattern.subn(placeholder, text)
            if count:
                repo.set_free_text(connection, table, column, row_id, new)
                replaced += count
    left = []
    for name in sorted(n for n in names if len(n.split()) == 1):
        pattern = _mention_pattern(name)
        left += [
            f"{table.name}.{column} #{row_id}"
            for table, column, row_id, text in repo.free_text_rows(connection, name)
            if pattern.search(text)
        ]
    return replaced, left


def _erase(
    connection: Connection, contact: model.Contact, placeholder: str, when: datetime
) -> Erasure:
    group = repo.merged_group(connection, contact.id)  # type: ignore[arg-type]
    records = [repo.load_contact(connection, i) for i in group]  # the survivor first
    identifiers = [i for record in records for i in record.identifiers]
    key = repo.secret(connection, KEY_SETTING)
    repo.add_erased_digests(
        connection, (identifier_digest(key, i.kind.value, i.value) for i in identifiers), when
    )
    counts = repo.erase_contacts(connection, group)
    urls = {i.value for i in identifiers if i.kind is model.IdentifierKind.PROFILE_URL}
    names = {r.name.strip() for r in records if r.name.strip()}
    counts["invitations"] += repo.delete_invitations_from(connection, urls, names)
    emails = {i.value for i in identifiers if i.kind is model.IdentifierKind.EMAIL}
    replaced, left = _replace_mentions(connection, names, emails, placeholder)
    return Erasure(records[0].name, counts, replaced, left)


def erase_contact(
    store: Store,
    contact: model.Contact,
    placeholder: str,
    when: datetime,
    dry_run: bool = False,
) -> Erasure:
    """Erase ``contact`` (and the records merged into it) as the module docstring says.

    A dry run does the same work in a transaction that is then rolled back, so what it reports
    is exactly what the erasure would do.
    """
    sqlite = store.engine.dialect.name == "sqlite"
    with store.connect() as connection:
        transaction = connection.begin()
        try:
            if sqlite:
                connection.exec_driver_sql("PRAGMA secure_delete = ON")
            erasure = _erase(connection, contact, placeholder, when)
        except BaseException:
            transaction.rollback()
            raise
        if dry_run:
            transaction.rollback()
            erasure.dry_run = True
            return erasure
        transaction.commit()
        if sqlite:  # outside any transaction, or SQLite cannot checkpoint
            cursor = connection.connection.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.close()
    return erasure
