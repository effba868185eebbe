"""Syncing a source: its reader's batches in, one transaction each, the state advancing only
with the data it describes.

For every message of a batch, in that batch's transaction:

- a digest this source read before (or twice in one sync) is a **duplicate**: counted, nothing
  else; every other message gets one ``mail_message`` row, whatever becomes of it;
- ``mail.judge`` decides what it is: left out with a reason (counted), or correspondence;
- people I wrote to (``To``, ``Cc``, ``Bcc`` of a message from one of my addresses) are
  **contacts**: found by their e-mail address among the contacts (``contact_identifier``, the
  identifier matching every import uses; a record merged into another counts as the survivor)
  or added, with the name the message shows (the address when it shows none);
- a person who wrote to me is a contact when they are one already (or I wrote to them in this
  batch); otherwise a **suggestion** to review (``tiewise sources suggestions``): their messages
  wait, and become interactions when the suggestion is accepted, when I write to them, or when
  they become a contact some other way (checked at the start of every sync);
- a person erased earlier (``tiewise contact erase``) is recognised by the keyed digests of
  their identifiers and left out — no contact, no suggestion, no interaction; a message with
  nobody else in it is counted as ``erased``;
- each message is **one interaction** (kind ``email``, channel ``email``, key
  ``mail:<digest>``) with its correspondents: the recipients of a message I sent, the sender of
  one I received (the others it was sent to are not my correspondents in it). The key is the
  same from every source, so a message read by two sources (a Takeout and a Maildir of the same
  account) is one interaction, and the tie model counts it once;
- a message I sent to two to twelve people is one piece of evidence that each two of them
  know each other (``contact_link``, source ``mail``), as a calendar meeting is
  (``ingest.records.MAX_LINKED_GROUP``).

A failure in a batch rolls back that batch and leaves the state where the last written batch
put it; the error is recorded with the source (``last_error``) and raised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from tiewise import model
from tiewise.erasure import ErasedIdentifiers
from tiewise.errors import NotFoundError, TiewiseError
from tiewise.ingest.records import MAX_LINKED_GROUP
from tiewise.sources import registry
from tiewise.sources.base import BATCH_SIZE, Batch, SyncState
from tiewise.sources.errors import SourceError
from tiewise.sources.headers import Address, MailHeaders
from tiewise.sources.kinds import LEFT_OUT
from tiewise.sources.mail import Judgement, judge
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store import sources as db

CHANNEL = "email"
KEY_PREFIX = "mail:"


@dataclass
class SyncSummary:
    """What one sync did. Every message the reader delivered is in exactly one place::

        messages = duplicates + interactions + known + suggested + Σ left_out

    ``interactions`` are new, ``known`` messages another source had made an interaction of
    already, ``suggested`` messages wait for a suggestion. ``sent`` and ``received`` split
    ``interactions + known + suggested``. ``contacts`` are new contacts, ``suggestions`` new
    people to review, ``promoted`` suggestions of earlier syncs that became contacts (I wrote
    to them, or they became a contact elsewhere), with ``promoted_messages`` of theirs that
    became interactions. A person who wrote to me and to whom I wrote later in the same sync
    (a Maildir's ``.Sent`` is read after its inbox) is a contact, not a suggestion: their
    messages count as interactions."""

    source: str
    messages: int = 0
    duplicates: int = 0
    interactions: int = 0
    known: int = 0
    suggested: int = 0
    sent: int = 0
    received: int = 0
    contacts: int = 0
    suggestions: int = 0
    promoted: int = 0
    promoted_messages: int = 0
    links: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    #: messages (source id, digest) that waited for a suggestion in this sync, and the
    #: suggestions made in it: a person I write to later in the same sync is no suggestion
    waiting: set[tuple[int, str]] = field(default_factory=set, repr=False)
    new_suggestions: set[int] = field(default_factory=set, repr=False)

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "messages": self.messages,
            "duplicates": self.duplicates,
            "interactions": self.interactions,
            "known": self.known,
            "suggested": self.suggested,
            "sent": self.sent,
            "received": self.received,
            "contacts": self.contacts,
            "suggestions": self.suggestions,
            "promoted": self.promoted,
            "promoted_messages": self.promoted_messages,
            "links": self.links,
            "left_out": {reason: self.left_out[reason] for reason in LEFT_OUT},
        }

    def numbers(self) -> dict[str, Any]:
        """The counts so far, to tell later what a batch added (:meth:`add_to`)."""
        return {**{key: getattr(self, key) for key in _COUNTED}, "left_out": Counter(self.left_out)}

    def add_to(self, counts: dict[str, Any], since: dict[str, Any] | None = None) -> dict[str, Any]:
        """``counts`` (what the source's syncs did before) with what this sync did since the
        counts ``since`` were taken (all of it without)."""
        before = since or {"left_out": Counter()}
        total = dict(counts)
        for key in _COUNTED:
            total[key] = total.get(key, 0) + getattr(self, key) - before.get(key, 0)
        left = dict(total.get("left_out", {}))
        for reason, count in (self.left_out - before["left_out"]).items():
            left[reason] = left.get(reason, 0) + count
        total["left_out"] = left
        return total


#: The numbers of a summary that add up over syncs (``source.counts``).
_COUNTED = (
    "messages",
    "duplicates",
    "interactions",
    "known",
    "suggested",
    "sent",
    "received",
    "contacts",
    "suggestions",
    "promoted",
    "promoted_messages",
    "links",
)

Progress = Callable[[Batch], None]


def sync(
    store: Store,
    name: str,
    now: datetime,
    progress: Progress = lambda _batch: None,
    batch_size: int = BATCH_SIZE,
) -> SyncSummary:
    """Read what is new in the source ``name`` and write it, batch by batch (see the module
    docstring); return what was done."""
    source = registry.find(store, name)
    summary = SyncSummary(source.name)
    try:
        with store.connect() as connection:
            me = repo.load_me(connection)
            folders = db.load_folders(connection, source.id)
        mine = frozenset(me.values(model.IdentifierKind.EMAIL))
        if not mine:
            raise SourceError(source.name, "sources.expected.me", "sources.found.no_me")
        reader = registry.reader(source)
        reader.check()

        def items(folder: str) -> set[str]:
            with store.connect() as connection:
                return db.load_items(connection, source.id, folder)

        state = SyncState(folders=folders, items=items)
        with store.begin() as connection:
            erased = ErasedIdentifiers(connection)
            _Writer(connection, source, mine, erased, now, summary).promote_known()
            _count(connection, source, summary, {"left_out": Counter()})
        for batch in reader.read(state, batch_size):
            before = summary.numbers()
            with store.begin() as connection:
                _Writer(connection, source, mine, erased, now, summary).write(batch)
                _count(connection, source, summary, before)  # the counts go with the data
            progress(batch)
        with store.begin() as connection:
            db.set_synced(connection, source.id, _stored(connection, source).counts, now)
    except TiewiseError as error:
        _record_error(store, source, error)
        raise
    except OSError as error:
        failure = SourceError(
            source.name,
            "sources.expected.readable",
            "sources.found.os_error",
            reason=error.strerror or str(error),
        )
        _record_error(store, source, failure)
        raise failure from error
    return summary


def _stored(connection: Connection, source: db.SourceRow) -> db.SourceRow:
    return db.load_source(connection, source.name) or source


def _count(
    connection: Connection, source: db.SourceRow, summary: SyncSummary, before: dict[str, Any]
) -> None:
    """Add what the sync did since ``before`` to the source's counts, in the transaction that
    wrote it: a sync that fails later keeps counts that agree with the data."""
    if summary.numbers() != before:
        counts = summary.add_to(_stored(connection, source).counts, before)
        db.set_counts(connection, source.id, counts)


def _record_error(store: Store, source: db.SourceRow, error: TiewiseError) -> None:
    with suppress(TiewiseError), store.begin() as connection:  # a failing database says so
        db.set_error(connection, source.id, str(error))


class _Writer:
    """One batch, in one transaction (``connection``)."""

    def __init__(
        self,
        connection: Connection,
        source: db.SourceRow | None,
        mine: frozenset[str],
        erased: ErasedIdentifiers,
        now: datetime,
        summary: SyncSummary,
    ) -> None:
        self.connection = connection
        self.source = source
        self.mine = mine
        self.erased = erased
        self.now = now
        self.summary = summary
        self._origins: dict[str, int] = {}
        self._erased: dict[str, bool] = {}

    # --- provenance -----------------------------------------------------------------------

    def file_of(self, folder: str) -> str:
        """The file a folder names, as provenance shows it."""
        assert self.source is not None
        if self.source.kind == "imap":  # imaps://user@host:port/INBOX
            from tiewise.sources.imap import where

            return f"{where(self.source.settings)}/{folder}"
        root = Path(self.source.settings["path"])
        if self.source.kind == "mbox" and root.is_dir():
            return str(root / folder)
        if self.source.kind == "maildir" and folder != ".":
            return str(root / folder)
        return str(root)

    def origin(self, folder: str) -> int:
        """The origin row of a folder of this source in this batch (written on first use)."""
        assert self.source is not None
        if folder not in self._origins:
            origin_id = repo.add_origin(
                self.connection, self.source.kind, self.now, file=self.file_of(folder)
            )
            db.add_source_origin(self.connection, self.source.id, origin_id)
            self._origins[folder] = origin_id
        return self._origins[folder]

    # --- people ---------------------------------------------------------------------------

    def is_erased(self, email: str) -> bool:
        if email not in self._erased:
            identifier = model.Identifier(model.IdentifierKind.EMAIL, email)
            self._erased[email] = self.erased.any_of([identifier])
        return self._erased[email]

    def add_contacts(self, people: dict[str, tuple[Address, MailHeaders]]) -> dict[str, int]:
        """New contacts for these addresses (each with the message that named them first)."""
        assert self.source is not None
        by_folder: dict[str, list[tuple[str, model.Contact]]] = {}
        for email, (address, headers) in people.items():
            where = model.Origin(self.source.kind, self.file_of(headers.folder), headers.line)
            contact = model.Contact(
                name=address.name or email,
                identifiers=(model.Identifier(model.IdentifierKind.EMAIL, email, where),),
                origin=where,
            )
            by_folder.setdefault(headers.folder, []).append((email, contact))
        ids: dict[str, int] = {}
        for folder, group in by_folder.items():
            made = repo.add_contacts(
                self.connection, [contact for _, contact in group], self.origin(folder)
            )
            ids.update({email: i for (email, _), i in zip(group, made, strict=True)})
        repo.save_ties(self.connection, [model.Tie(i) for i in ids.values()])
        self.summary.contacts += len(ids)
        return ids

    def promote(self, suggestions: dict[str, int], contacts: dict[str, int]) -> None:
        """The suggestions (e-mail → id) whose person is a contact now (``contacts``: e-mail →
        contact id): their waiting messages become interactions with that contact, and the
        suggestions go."""
        if not suggestions:
            return
        owner = {sid: contacts[email] for email, sid in suggestions.items()}
        waiting = db.waiting_messages(self.connection, list(owner))
        keys = db.interactions_by_key(self.connection, [KEY_PREFIX + d for _, d, _, _ in waiting])
        existing = set(keys)
        new: dict[str, tuple[int, model.Interaction]] = {}  # key → the source first read it
        summary = self.summary
        earlier: set[str] = set()
        for source_id, digest, sid, occurred_at in waiting:
            key = KEY_PREFIX + digest
            if (source_id, digest) in summary.waiting:  # read in this sync: counted again
                summary.waiting.discard((source_id, digest))
                summary.suggested -= 1
                if key in existing:
                    summary.known += 1
                else:
                    summary.interactions += 1
            else:
                earlier.add(key)
            if key not in existing and key not in new:
                new[key] = (
                    source_id,
                    model.Interaction(
                        occurred_at=occurred_at,
                        kind=model.InteractionKind.EMAIL,
                        channel=CHANNEL,
                        direction=model.Direction.INBOUND,
                        participants=(owner[sid],),
                        external_key=key,
                    ),
                )
        summary.promoted_messages += len(earlier)
        by_source: dict[int, list[model.Interaction]] = {}
        for source_id, interaction in new.values():
            by_source.setdefault(source_id, []).append(interaction)
        for source_id, group in by_source.items():
            made = repo.add_interactions(self.connection, group, self._source_origin(source_id))
            keys.update({i.external_key: m for i, m in zip(group, made, strict=True)})  # type: ignore[misc]
        done = [(source_id, d, keys[KEY_PREFIX + d]) for source_id, d, _, _ in waiting]
        db.set_message_interaction(self.connection, done)
        db.delete_suggestions(self.connection, sorted(owner))
        made_now = summary.new_suggestions & set(owner)
        summary.suggestions -= len(made_now)
        summary.new_suggestions -= made_now
        summary.promoted += len(owner) - len(made_now)

    def _source_origin(self, source_id: int) -> int | None:
        """The origin row of messages waiting in a source (any source, not only the one being
        synced): its path, written on first use in this transaction."""
        key = f"source:{source_id}"
        if key not in self._origins:
            for known in db.load_sources(self.connection):
                if known.id == source_id:
                    self._origins[key] = repo.add_origin(
                        self.connection, known.kind, self.now, file=known.settings.get("path")
                    )
                    db.add_source_origin(self.connection, source_id, self._origins[key])
        return self._origins.get(key)

    def promote_known(self) -> None:
        """Suggestions whose address a contact has now (added by hand or an import since)."""
        found = db.suggestions_now_contacts(self.connection)
        if found:
            self.promote(found, db.contacts_by_email(self.connection, found))

    # --- a batch --------------------------------------------------------------------------

    def write(self, batch: Batch) -> None:
        assert self.source is not None
        summary = self.summary
        summary.messages += len(batch.messages)
        digests = [m.digest for m in batch.messages]
        known = db.known_digests(self.connection, self.source.id, digests)
        fresh: list[tuple[MailHeaders, Judgement]] = []
        for headers in batch.messages:
            if headers.digest in known:
                summary.duplicates += 1
                continue
            known.add(headers.digest)
            fresh.append((headers, judge(headers, self.mine, self.now)))
        correspondents = {a.email for _, j in fresh if j.reason is None for a in j.correspondents}
        contacts = db.contacts_by_email(self.connection, correspondents)
        # people I wrote to who are no contact yet
        wanted: dict[str, tuple[Address, MailHeaders]] = {}
        for headers, judgement in fresh:
            if judgement.direction is model.Direction.OUTBOUND:
                for address in judgement.correspondents:
                    if address.email not in contacts and not self.is_erased(address.email):
                        previous = wanted.get(address.email)
                        if previous is None or (address.name and not previous[0].name):
                            wanted[address.email] = (address, previous[1] if previous else headers)
        if wanted:
            added = self.add_contacts(wanted)
            contacts.update(added)
            waiting = db.suggestions_by_email(self.connection, added)
            self.promote({email: sid for email, (sid, _, _) in waiting.items()}, contacts)
        self._messages(batch, fresh, contacts)
        db.add_items(self.connection, self.source.id, batch.items)
        db.save_folders(self.connection, self.source.id, batch.folders, self.now)

    def _messages(
        self,
        batch: Batch,
        fresh: list[tuple[MailHeaders, Judgement]],
        contacts: dict[str, int],
    ) -> None:
        assert self.source is not None
        summary = self.summary
        senders = {
            j.correspondents[0].email
            for _, j in fresh
            if j.direction is model.Direction.INBOUND and j.correspondents[0].email not in contacts
        }
        suggestions = db.suggestions_by_email(self.connection, senders)
        rows: list[dict[str, Any]] = []
        interactions: list[tuple[dict[str, Any], MailHeaders, model.Interaction]] = []
        for headers, judgement in fresh:
            row = {
                "source_id": self.source.id,
                "digest": headers.digest,
                "occurred_at": judgement.occurred_at,
                "direction": judgement.direction.value if judgement.direction else None,
                "outcome": judgement.reason,
                "thread": headers.thread,
                "parent": headers.parent,
                "interaction_id": None,
                "suggestion_id": None,
            }
            rows.append(row)
            if judgement.reason is not None:
                summary.left_out[judgement.reason] += 1
                continue
            people = [a for a in judgement.correspondents if not self.is_erased(a.email)]
            if not people:
                row["outcome"] = "erased"
                summary.left_out["erased"] += 1
                continue
            if judgement.direction is model.Direction.OUTBOUND:
                summary.sent += 1
            else:
                summary.received += 1
            sender = people[0]
            if judgement.direction is model.Direction.INBOUND and sender.email not in contacts:
                found = suggestions.get(sender.email)
                if found is None:
                    sid = db.add_suggestion(self.connection, sender.email, sender.name, self.now)
                    suggestions[sender.email] = (sid, sender.name, "pending")
                    summary.suggestions += 1
                    summary.new_suggestions.add(sid)
                else:
                    sid, name, status = found
                    if sender.name and not name:
                        db.name_suggestion(self.connection, sid, sender.name)
                        suggestions[sender.email] = (sid, sender.name, status)
                row["outcome"] = "suggestion"
                row["suggestion_id"] = suggestions[sender.email][0]
                summary.suggested += 1
                summary.waiting.add((self.source.id, headers.digest))
                continue
            row["outcome"] = "interaction"
            interaction = model.Interaction(
                occurred_at=judgement.occurred_at,  # type: ignore[arg-type]
                kind=model.InteractionKind.EMAIL,
                channel=CHANNEL,
                direction=judgement.direction,  # type: ignore[arg-type]
                participants=tuple(sorted({contacts[a.email] for a in people})),
                external_key=KEY_PREFIX + headers.digest,
                origin=model.Origin(self.source.kind, self.file_of(headers.folder), headers.line),
            )
            interactions.append((row, headers, interaction))
        existing = db.interactions_by_key(
            self.connection,
            [i.external_key for _, _, i in interactions],  # type: ignore[misc]
        )
        new_by_folder: dict[str, list[tuple[dict[str, Any], model.Interaction]]] = {}
        for row, headers, interaction in interactions:
            found = existing.get(interaction.external_key)  # type: ignore[arg-type]
            if found is not None:
                row["interaction_id"] = found
                summary.known += 1
            else:
                new_by_folder.setdefault(headers.folder, []).append((row, interaction))
        links: list[model.ContactLink] = []
        for folder, group in new_by_folder.items():
            made = repo.add_interactions(
                self.connection, [i for _, i in group], self.origin(folder)
            )
            for (row, interaction), interaction_id in zip(group, made, strict=True):
                row["interaction_id"] = interaction_id
                people = interaction.participants
                if 2 <= len(people) <= MAX_LINKED_GROUP:
                    day = interaction.occurred_at.date()
                    links += [
                        model.ContactLink(a, b, db.LINK_SOURCE, 1, day, day)
                        for a, b in combinations(people, 2)
                    ]
            summary.interactions += len(group)
        repo.add_links(self.connection, links)
        summary.links += len(links)
        db.add_messages(self.connection, rows)


# --- suggestions ----------------------------------------------------------------------------


def _chosen(store: Store, references: list[str]) -> list[db.Suggestion]:
    """The suggestions named by id or e-mail address; an unknown one is an error that lists
    what there is to choose from."""
    with store.connect() as connection:
        every = db.load_suggestions(connection, status=None)
    by_id = {str(x.id): x for x in every}
    by_email = {x.email: x for x in every}
    chosen: dict[int, db.Suggestion] = {}
    for reference in references:
        found = by_id.get(reference.strip()) or by_email.get(reference.strip().lower())
        if found is None:
            raise NotFoundError(
                f"suggestion {reference!r}: expected the id or e-mail address of a suggestion "
                "(tiewise sources suggestions), found none",
                key="sources.suggestion_unknown",
                values={"reference": reference},
            )
        chosen[found.id] = found
    return list(chosen.values())


def accept(store: Store, references: list[str], now: datetime) -> tuple[list[db.Suggestion], int]:
    """Accept suggestions: each person becomes a contact (made by you, so removing a source
    does not take them), and the messages waiting for them become interactions. Returns the
    suggestions accepted and how many messages became interactions."""
    chosen = _chosen(store, references)
    summary = SyncSummary("")
    with store.begin() as connection:
        writer = _Writer(connection, None, frozenset(), None, now, summary)  # type: ignore[arg-type]
        contacts = db.contacts_by_email(connection, [x.email for x in chosen])
        new = [x for x in chosen if x.email not in contacts]
        if new:
            origin_id = repo.add_origin(connection, "manual", now)
            made = repo.add_contacts(
                connection,
                [
                    model.Contact(
                        name=x.name or x.email,
                        identifiers=(model.Identifier(model.IdentifierKind.EMAIL, x.email),),
                    )
                    for x in new
                ],
                origin_id,
            )
            repo.save_ties(connection, [model.Tie(i) for i in made])
            contacts.update({x.email: i for x, i in zip(new, made, strict=True)})
        writer.promote({x.email: x.id for x in chosen}, contacts)
    return chosen, summary.promoted_messages


def dismiss(store: Store, references: list[str]) -> list[db.Suggestion]:
    """Dismiss suggestions: they leave the list and are not suggested again; their messages
    stay waiting (they become interactions if you write to the person one day)."""
    chosen = _chosen(store, references)
    with store.begin() as connection:
        db.set_suggestion_status(connection, [x.id for x in chosen], "dismissed")
    return chosen


def suggestions(store: Store, every: bool = False) -> list[db.Suggestion]:
    """The people who only wrote to me, to review (``every``: dismissed ones too)."""
    with store.connect() as connection:
        return db.load_suggestions(connection, status=None if every else "pending")


def thread_replies(store: Store) -> dict[int, Any]:
    """Per contact, who answered whom in mail (``analysis.replies``)."""
    from tiewise.analysis.replies import replies

    with store.connect() as connection:
        return replies(db.thread_rows(connection))
