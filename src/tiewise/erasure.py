"""Erasing a person completely — the right to erasure (AVG/GDPR art. 17), shared by
``tiewise contact erase`` and the web app.

What goes, in one transaction:

- the contact and every record merged into it, with their identifiers, tie, notes, stories,
  topics, links to other contacts, encounters at events, exchanges, invitations and decisions;
  invitations not linked to a contact go too when they carry the person's profile URL or name;
- interactions with no one else in them; shared interactions (a meeting with others) stay,
  without them;
- their full name and e-mail addresses wherever they appear in free text (my notes about others,
  how I met others, interaction subjects and bodies, outcome and exchange descriptions,
  invitation messages): each mention is replaced by a placeholder. Names are matched as whole
  words in any case, diacritics included (the matching is done in Python: SQLite lower-cases
  only ASCII). A name of one word is not replaced (it would hit other people); such mentions are
  listed instead;
- source-record keys that contain their name or an identifier (a LinkedIn message's key holds
  the sender's profile URL) become ``erased:`` + a keyed digest of the key, so the row no longer
  names them and a re-import still recognises it;
- their links to outcomes (the outcome itself is mine and stays, so an event keeps its yield).

What is kept so that a later import does not bring them back: for each identifier (e-mail,
phone, profile URL, source id) an HMAC-SHA-256 digest with a random key of this database
(setting ``erasure.key``). A digest cannot be turned back into the identifier without the key,
and even with it only by guessing. An import skips every record that carries such an
identifier, and says how many it skipped. A record that carries only a name cannot be
recognised and would come back.

On SQLite the erasure runs with ``secure_delete`` on and checkpoints the write-ahead log
afterwards, so the deleted text does not linger in the database files. When another program
reads the database at that moment the checkpoint cannot finish within a second, and the result
says so (``files_cleared`` false): the erased pages are then written over when that program
closes the database (SQLite checkpoints on the last close). On PostgreSQL, dead rows stay on
disk until ``VACUUM``; backups are outside tiewise's reach on either.
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
from tiewise.store import Store, privacy
from tiewise.store import repository as repo
from tiewise.store.database import BUSY_TIMEOUT_MS

KEY_SETTING = "erasure.key"
ERASED_KEY = "erased:"
CHECKPOINT_WAIT_MS = 1000  # how long the checkpoint waits for other readers to finish


def identifier_digest(key: bytes, kind: str, value: str) -> str:
    """``HMAC-SHA-256(key, "<kind>:<value>")`` as 64 hex digits; ``value`` in normal form."""
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def erased_key(key: bytes, source_key: str) -> str:
    """What a source-record key that named an erased person becomes."""
    return ERASED_KEY + identifier_digest(key, "key", source_key)


class ErasedIdentifiers:
    """What an import needs to leave erased people out: the digests of their identifiers and
    the key that makes digests of new records comparable."""

    def __init__(self, connection: Connection) -> None:
        self.digests = privacy.erased_digests(connection)
        stored = repo.get_setting(connection, KEY_SETTING)
        self.key = bytes.fromhex(stored) if stored else None

    def any_of(self, identifiers: Iterable[model.Identifier]) -> bool:
        return bool(self.digests) and any(
            identifier_digest(self.key, i.kind.value, i.value) in self.digests  # type: ignore[arg-type]
            for i in identifiers
        )

    def profile(self, url: str | None) -> bool:
        return bool(self.digests and url) and (
            identifier_digest(self.key, model.IdentifierKind.PROFILE_URL.value, url or "")  # type: ignore[arg-type]
            in self.digests
        )

    def known_key(self, source_key: str, known: set[str]) -> bool:
        """Whether a record's key is among ``known`` keys in its erased form."""
        return self.key is not None and erased_key(self.key, source_key) in known


@dataclass
class Erasure:
    """What an erasure removed (or, in a dry run, would remove); ``as_json()`` is the contract of
    ``tiewise contact erase --json``."""

    name: str
    counts: dict[str, int]
    mentions_replaced: int = 0
    mentions_left: list[str] = field(default_factory=list)  # "table.column #id", one-word names
    keys_replaced: int = 0
    dry_run: bool = False
    files_cleared: bool | None = None  # SQLite: the write-ahead log was emptied into the file

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "dry_run": self.dry_run,
            **self.counts,
            "mentions_replaced": self.mentions_replaced,
            "mentions_left": self.mentions_left,
            "keys_replaced": self.keys_replaced,
            "files_cleared": self.files_cleared,
        }


def _ascii_hint(needle: str) -> str | None:
    """The longest run of ASCII in ``needle`` (three characters or more) for the database to
    narrow the search by, since SQLite lower-cases only ASCII letters; ``None``: no narrowing."""
    longest = max(re.findall(r"[ -~]+", needle), key=len, default="")
    return longest if len(longest.strip()) >= 3 else None


def _mention(needle: str) -> re.Pattern[str]:
    """``needle`` as a whole word, in any case; an e-mail address also not inside a longer
    address or domain (``pj@a.nl`` is not in ``pj@a.nl.example``)."""
    escaped = re.escape(needle)
    if "@" in needle:
        return re.compile(rf"(?<![\w.+-]){escaped}(?![\w-]|\.\w)", re.IGNORECASE)
    return re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)


def _replace_mentions(
    connection: Connection, names: set[str], emails: set[str], placeholder: str
) -> tuple[int, list[str]]:
    """Replace full names (two words or more) and e-mail addresses in free text; list where
    one-word names appear."""
    replaceable = sorted({n for n in names if len(n.split()) >= 2} | emails, key=len, reverse=True)
    replaced = 0
    for needle in replaceable:
        pattern = _mention(needle)
        for table, column, row_key, text in privacy.free_text_rows(connection, _ascii_hint(needle)):
            new, count = pattern.subn(placeholder, text)
            if count:
                privacy.set_free_text(connection, table, column, row_key, new)
                replaced += count
    left = []
    for name in sorted(n for n in names if len(n.split()) == 1):
        pattern = _mention(name)
        left += [
            f"{table.name}.{column} #{row_key}"
            for table, column, row_key, text in privacy.free_text_rows(
                connection, _ascii_hint(name)
            )
            if pattern.search(text)
        ]
    return replaced, left


def _replace_keys(connection: Connection, needles: set[str], key: bytes) -> int:
    """Source-record keys that contain a needle (any case) become their erased form."""
    replaced: set[tuple[str, int]] = set()
    for needle in sorted(needles, key=len, reverse=True):
        folded = needle.casefold()
        for table, row_id, source_key in privacy.external_keys_containing(
            connection, _ascii_hint(needle) or ""
        ):
            if (table.name, row_id) in replaced or folded not in source_key.casefold():
                continue
            privacy.set_external_key(connection, table, row_id, erased_key(key, source_key))
            replaced.add((table.name, row_id))
    return len(replaced)


def _unlinked_invitations(connection: Connection, urls: set[str], names: set[str]) -> list[int]:
    folded = {n.casefold() for n in names}
    return [
        row_id
        for row_id, name, url in privacy.unlinked_invitations(connection)
        if url in urls or name.strip().casefold() in folded
    ]


def _erase(
    connection: Connection, contact: model.Contact, placeholder: str, when: datetime
) -> Erasure:
    group = repo.merged_group(connection, contact.id)  # type: ignore[arg-type]
    everyone = {c.id: c for c in repo.load_contacts(connection, include_merged=True)}
    records = [everyone[i] for i in group]  # the survivor first
    identifiers = [i for record in records for i in record.identifiers]
    key = repo.secret(connection, KEY_SETTING)
    privacy.add_erased_digests(
        connection, (identifier_digest(key, i.kind.value, i.value) for i in identifiers), when
    )
    counts = privacy.erase_contacts(connection, group)
    urls = {i.value for i in identifiers if i.kind is model.IdentifierKind.PROFILE_URL}
    names = {r.name.strip() for r in records if r.name.strip()}
    counts["invitations"] += privacy.delete_invitations(
        connection, _unlinked_invitations(connection, urls, names)
    )
    emails = {i.value for i in identifiers if i.kind is model.IdentifierKind.EMAIL}
    replaced, left = _replace_mentions(connection, names, emails, placeholder)
    keys = _replace_keys(connection, names | {i.value for i in identifiers}, key)
    return Erasure(records[0].name, counts, replaced, left, keys)


def erase_contact(
    store: Store,
    contact: model.Contact,
    placeholder: str,
    when: datetime,
    dry_run: bool = False,
) -> Erasure:
    """Erase ``contact`` (any of the person's records) as the module docstring says.

    A dry run does the same work in a transaction that is then rolled back, so what it reports
    is exactly what the erasure would do.
    """
    sqlite = store.engine.dialect.name == "sqlite"
    with store.writer() as connection:
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
            cursor.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
            busy, _, _ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.close()
            erasure.files_cleared = busy == 0
    return erasure
