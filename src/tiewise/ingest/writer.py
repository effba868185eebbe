"""Writing a parsed source into the store: identity, idempotency, provenance — one transaction.

For each :class:`~tiewise.ingest.records.PersonRecord`:

- a person whose identifier is one of mine is me, never a contact;
- a person whose identifiers match one existing contact is that contact: empty fields are filled
  in, new identifiers and contexts are added (``updated``);
- identifiers that match *two* existing contacts prove they are one person: the later contact is
  merged into the earlier (``merged``; reversible with ``tiewise unmerge``);
- a person without identifiers who is only seen (a message sender without profile URL) is matched
  to the one existing contact with exactly that name, if there is exactly one — this resolves a
  reference, it never merges two records;
- anyone else becomes a new contact (``added``) with a ``source_id`` identifier built from the
  record key, so the next import of the same file finds them again.

Interactions, exchanges, invitations and event occurrences carry stable keys; a key already in the
database is skipped, which makes re-importing the same file a no-op. Links between contacts are
derived from the *new* interactions (each shared meeting or group message is one piece of
evidence), so they are idempotent too. Provenance: an ``origin`` row names the source, the file
and the SHA-256 of the bytes given — one row per file a fact came from, so a CSV inside a
LinkedIn zip is named as ``export.zip:Connections.csv`` (with the zip's digest); contacts,
identifiers, interactions, exchanges and invitations keep the line they came from. An origin
row is written only when the import changes something.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import combinations
from typing import Any, Protocol, TypeVar

from sqlalchemy import Connection, Table

from tiewise import model
from tiewise.erasure import ERASED_KEY, ErasedIdentifiers
from tiewise.identifiers import is_identity
from tiewise.ingest import tally as t
from tiewise.ingest.hygiene import scrub
from tiewise.ingest.identity import IdentityIndex, fold, names_one_person, shared_phones
from tiewise.ingest.records import MAX_LINKED_GROUP, ME, ParsedSource, PersonRecord
from tiewise.model import IdentifierKind
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store import schema as s


class _HasKey(Protocol):
    key: str


_Keyed = TypeVar("_Keyed", bound=_HasKey)
_Item = TypeVar("_Item")
_FIELDS = ("given_name", "family_name", "organisation", "role", "sector", "region", "birthday")
_KIND_WORDS = {
    IdentifierKind.EMAIL: "e-mail",
    IdentifierKind.PHONE: "valid phone",
    IdentifierKind.PROFILE_URL: "profile",
    IdentifierKind.SOURCE_ID: "record id",
}


def _what(identifier: model.Identifier) -> str:
    """An identifier as the summary names it: ``e-mail x@y``, ``valid phone +31…``."""
    return f"{_KIND_WORDS.get(identifier.kind, identifier.kind.value)} {identifier.value}"


def _same(identifier: model.Identifier) -> t.Why:
    """Why a record is a known contact: "same e-mail x@y" (``zelfde e-mail x@y``)."""
    return t.Why(f"import.why.same.{identifier.kind.value}", value=identifier.value)


@dataclass
class ImportSummary:
    """What an import did; ``as_json()`` is the contract of ``tiewise import … --json``.

    ``added`` counts new records of every kind (contacts, interactions, exchanges, invitations,
    event occurrences); ``contacts``, ``interactions`` and ``links`` break it down for the
    summary table. ``updated`` counts existing contacts (and me) that gained something.
    ``erased`` counts the records of people erased earlier, left out (see ``tiewise.erasure``);
    the JSON counts them as skipped and says so in ``errors``.

    Every record read is accounted for, per file and kind (``files``, see ``ingest/tally.py``):
    ``read == added + updated + unchanged + merged + skipped + conflicts + errors``, where
    ``merged`` counts records folded into another record or contact, ``unchanged`` records
    already in the database, ``conflicts`` records that carry one of my identifiers but name
    someone else. The totals here are the sums over the files.
    """

    added: int = 0
    updated: int = 0
    merged: int = 0
    skipped: int = 0
    erased: int = 0
    errors: list[str] = field(default_factory=list)
    contacts: int = 0
    interactions: int = 0
    links: int = 0
    read: int = 0
    unchanged: int = 0
    conflicts: int = 0
    files: list[t.FileTally] = field(default_factory=list)

    def add(self, other: ImportSummary) -> None:
        self.contacts += other.contacts
        self.added += other.added
        self.updated += other.updated
        self.merged += other.merged
        self.skipped += other.skipped
        self.erased += other.erased
        self.errors += other.errors
        self.interactions += other.interactions
        self.links += other.links
        self.read += other.read
        self.unchanged += other.unchanged
        self.conflicts += other.conflicts
        self.files += other.files

    def as_json(self) -> dict[str, object]:
        return {
            "read": self.read,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "merged": self.merged,
            "skipped": self.skipped + self.erased,
            "conflicts": self.conflicts,
            "errors": list(self.errors)
            + (
                [f"records left out because their person was erased earlier: {self.erased}"]
                if self.erased
                else []
            ),
            "files": [found.as_json() for found in self.files],
        }


def import_parsed(store: Store, parsed: ParsedSource, digest: str, now: datetime) -> ImportSummary:
    """Write one parsed source into ``store`` in one transaction and say what changed."""
    return import_sources(store, [(parsed, digest)], now)


def import_sources(
    store: Store,
    sources: Sequence[tuple[ParsedSource, str]],
    now: datetime,
    settings: Mapping[str, str] | None = None,
) -> ImportSummary:
    """Write several parsed sources (with the SHA-256 of their bytes) in one transaction, with
    the ``settings`` the import remembers (the calendar's event categories)."""
    sources = [(scrub(parsed), digest) for parsed, digest in sources]  # no control characters
    total = ImportSummary()
    with store.begin() as connection:
        for key, value in (settings or {}).items():
            repo.set_setting(connection, key, value)
        for parsed, digest in sources:
            total.add(_Import(connection, parsed, digest, now).run())
        total.errors[:0] = ErasedIdentifiers.warnings(connection)  # their key is lost: first
    return total


class _Import:
    def __init__(
        self, connection: Connection, parsed: ParsedSource, digest: str, now: datetime
    ) -> None:
        self.connection = connection
        self.parsed = parsed
        self.digest = digest
        self.now = now
        self.summary = ImportSummary(
            skipped=parsed.skipped, errors=[str(w) for w in parsed.warnings]
        )
        self._origin_ids: dict[str, int] = {}  # file → origin row, made on first use
        self.me = repo.load_me(connection)
        self.my_identifiers = {(i.kind, i.value) for i in self.me.identifiers}
        self.contacts = {c.id: c for c in repo.load_contacts(connection, include_merged=True)}
        self.index = IdentityIndex(self.contacts.values())
        self.ties = {t.contact_id: t for t in repo.load_ties(connection)}
        self.erased = ErasedIdentifiers(connection)
        self.erased_keys: set[str] = set()  # record keys of people erased earlier
        self.person_of: dict[str, int | None] = {}  # record key → contact id (None: me)
        # people resolved in memory before writing; new contacts have negative ids until then
        self.names: dict[str, set[int]] | None = None
        self.members: dict[int, list[int]] | None = None
        self.new_contacts: list[int] = []
        self.changed_fields: set[int] = set()
        self.changed_ties: set[int] = set()
        self.new_identifiers: list[tuple[int, model.Identifier]] = []
        self.notes: list[model.Note] = []
        self.merges: list[tuple[int, int]] = []
        self.updated: set[int] = set()
        self.tally = t.read_tally(parsed)  # every record read, and what became of it
        self.existing = set(self.contacts)  # contacts from before this import
        self.claimed: dict[int, PersonRecord] = {}  # contact → first record of this import on it
        self.seen: dict[PersonRecord, PersonRecord] = {}  # a record without key and line → it

    def _origin_id(self, file: str) -> int:
        """The origin row of ``file`` (the source's file, or a file inside it), written the
        first time something from that file is stored."""
        if file not in self._origin_ids:
            self._origin_ids[file] = repo.add_origin(
                self.connection,
                self.parsed.source,
                self.now,
                file=file,
                digest=self.digest,  # of the bytes given: for a CSV in a zip, the zip's
            )
        return self._origin_ids[file]

    def _by_origin(
        self, items: Iterable[_Item], origin: Callable[[_Item], model.Origin | None]
    ) -> Iterator[tuple[int, list[_Item]]]:
        """``items`` in groups by the file they came from, each with that file's origin row."""
        groups: dict[str, list[_Item]] = {}
        for item in items:
            found = origin(item)
            groups.setdefault(found.file if found and found.file else self.parsed.file, []).append(
                item
            )
        for file, group in groups.items():
            yield self._origin_id(file), group

    def run(self) -> ImportSummary:
        self._me()
        self._people()
        new_interactions = self._interactions()
        self._links(new_interactions)
        self._exchanges()
        self._invitations()
        self._occurrences()
        self._totals()
        return self.summary

    def _totals(self) -> None:
        """The summary's counts: the sums of what became of every record (``tally``)."""
        counts = self.tally.total().counts()
        summary = self.summary
        summary.read = counts["read"]
        summary.added = counts["added"]
        summary.updated = counts["updated"]
        summary.unchanged = counts["unchanged"]
        summary.merged = counts["merged"]
        summary.conflicts = counts["conflicts"]
        summary.skipped = counts["skipped"] - summary.erased  # as_json adds the erased back
        summary.files = list(self.tally.files.values())

    # --- me ---------------------------------------------------------------------------------

    def _me(self) -> None:
        record = self.parsed.me
        if record is None:
            return
        known = set(self.my_identifiers)
        merged = model.Me(
            name=self.me.name or (record.name or ""),
            identifiers=self.me.identifiers
            + tuple(i for i in record.identifiers if (i.kind, i.value) not in known),
            organisation=self.me.organisation or record.organisation,
            role=self.me.role or record.role,
            sector=self.me.sector,
            region=self.me.region or record.region,
        )
        if merged != self.me:
            repo.save_me(self.connection, merged)
            self.me = merged
            self.my_identifiers = {(i.kind, i.value) for i in merged.identifiers}
            self.tally.kind(self.parsed.file, t.PEOPLE).updated += 1
        else:
            self.tally.kind(self.parsed.file, t.PEOPLE).unchanged += 1

    # --- people: resolved in memory, then written in bulk -----------------------------------

    def _identifiers_of(self, person: PersonRecord) -> tuple[model.Identifier, ...]:
        origin = self._origin(person)
        identifiers = tuple(replace(i, origin=origin) for i in person.identifiers)
        if not any(i.kind != IdentifierKind.SOURCE_ID and is_identity(i) for i in identifiers):
            source_id = f"{self.parsed.source}:{person.key}"
            if all(i.value != source_id for i in identifiers):
                identifiers += (model.Identifier(IdentifierKind.SOURCE_ID, source_id, origin),)
        return identifiers

    def _people(self) -> None:
        """Resolve every person record, then write new contacts, enrichments and merges. A
        phone number several records of one file with different names carry is a shared line:
        it recognises nobody (:func:`~tiewise.ingest.identity.shared_phones`)."""
        persons, shared = shared_phones(self.parsed.persons, self.parsed.file)
        for warning in shared:
            self.tally.of(warning.file).notes.append(str(warning))
            self.summary.errors.append(str(warning))
        for person in persons:
            self.person_of[person.key] = self._person(person)
        self._flush_people()

    def _person(self, person: PersonRecord) -> int | None:
        """Resolve one record and count what became of it (``tally``): added, updated,
        unchanged, merged (into whom, why), skipped (why) or a conflict with me."""
        people = self.tally.kind(self._origin(person).file, t.PEOPLE)  # type: ignore[arg-type]
        name = t.label(person.line, person.name)
        twin = self.seen.setdefault(replace(person, key="", line=0), person)
        if twin is not person:  # the same record again: a duplicate row or card
            people.skip(t.Why("import.why.duplicate", line=twin.line), name)
            return self.person_of.get(twin.key)
        identifiers = self._identifiers_of(person)
        mine = [i for i in identifiers if (i.kind, i.value) in self.my_identifiers]
        if person.key.startswith(ME) or mine:
            if person.key.startswith(ME) or self._is_me(person):
                you = (
                    t.Why("import.why.you_same", reason=_same(mine[0]))
                    if mine
                    else t.Why("import.why.you")
                )
                people.skip(you, name)
            else:
                people.conflict(
                    name,
                    f"carries your {_what(mine[0])} but names someone else: left out for you "
                    "to review",
                )
            return None
        if self.erased.any_of(identifiers):
            self.erased_keys.add(person.key)
            self.summary.erased += 1
            people.skip(t.Why("import.why.erased"), name)
            return None
        matches = self.index.matches(identifiers)
        by_name = False
        if not matches and not person.is_connection and not person.identifiers:
            matches = self._by_exact_name(person.name)
            by_name = bool(matches)
        if not matches:
            people.added += 1
            # a number that is no identity may be another contact's already: stored once
            identifiers = tuple(i for i in identifiers if self.index.owner(i) is None)
            contact = self._new_contact(person, identifiers)
            self.claimed[contact] = person
            return contact
        why = (
            [t.Why("import.why.by_name", name=person.name)]
            if by_name
            else self._shared(identifiers, matches)
        )
        earlier = next((self.claimed[m] for m in matches if m in self.claimed), None)
        survivor = matches[0]
        for other in matches[1:]:
            moved = self._members(other)
            self.index.merge(survivor, other)
            self.merges.append((survivor, other))
            self.members[survivor] = self._members(survivor) + moved  # type: ignore[index]
            self.members.pop(other, None)  # type: ignore[union-attr]
            if other in self.claimed:
                self.claimed.setdefault(survivor, self.claimed[other])
        changed = self._enrich(survivor, person, identifiers)
        if not changed and len(matches) == 1 and survivor in self.existing:
            people.unchanged += 1  # already in the database with all it says: a re-import
        elif earlier is not None:
            into = t.label(earlier.line, earlier.name)
            there = self._origin(earlier).file or ""
            if there != (self._origin(person).file or ""):  # another file of the import
                into = f"{there.replace(chr(92), '/').rsplit('/', 1)[-1]}, {into}"
            people.merge(name, into, t.Why.joined(why))
        elif len(matches) > 1:
            joined = " and ".join(self._described(m) for m in matches)
            people.merge(name, joined, t.Why("import.why.one_person", reasons=t.Why.joined(why)))
        elif changed:
            people.updated += 1
        else:
            people.unchanged += 1
        self.claimed.setdefault(survivor, person)
        return survivor

    def _is_me(self, person: PersonRecord) -> bool:
        """Whether a record carrying one of my identifiers names me: my name unknown, no name
        of its own (an address or organisation standing in), or a name that may be mine."""
        if not self.me.name or person.name in {i.value for i in person.identifiers}:
            return True
        if person.organisation and person.name == person.organisation:
            return True
        return names_one_person(self.me.name, person.name)

    def _shared(self, identifiers: Iterable[model.Identifier], matches: list[int]) -> list[t.Why]:
        """Why a record is one of ``matches``: the identifiers it shares with them."""
        found = [_same(i) for i in identifiers if self.index.owner(i) in matches]
        return list(dict.fromkeys(found)) or [t.Why("import.why.same.any")]

    def _described(self, contact_id: int) -> str:
        contact = self.contacts.get(contact_id)
        return f"contact {contact_id} ({contact.name})" if contact else f"contact {contact_id}"

    def _by_exact_name(self, name: str) -> list[int]:
        """The one surviving contact with exactly this (folded) name, if there is one."""
        if self.names is None:
            self.names = defaultdict(set)
            for contact_id, contact in self.contacts.items():
                self.names[fold(contact.name)].add(contact_id)
        found = {self.index.survivor(i) for i in self.names.get(fold(name), ())}
        return list(found) if name.strip() and len(found) == 1 else []

    def _new_contact(self, person: PersonRecord, identifiers: tuple) -> int:
        temporary = -(len(self.new_contacts) + 1)
        self.new_contacts.append(temporary)
        self.contacts[temporary] = model.Contact(
            id=temporary,
            name=person.name,
            given_name=person.given_name,
            family_name=person.family_name,
            organisation=person.organisation,
            role=person.role,
            sector=person.sector,
            region=person.region,
            identifiers=identifiers,
            origin=self._origin(person),
            birthday=person.birthday,
        )
        self.index.add(temporary, identifiers)
        if self.members is not None:
            self.members[temporary] = [temporary]
        if self.names is not None:
            self.names[fold(person.name)].add(temporary)
        self.ties[temporary] = model.Tie(
            temporary,
            contexts=tuple(sorted(set(person.contexts))),
            met_how=person.met_how,
            met_on=person.met_on,
        )
        if person.note:
            self.notes.append(model.Note(temporary, person.note, self.now))
        return temporary

    def _members(self, survivor: int) -> list[int]:
        """The survivor and the records merged into it (survivor first)."""
        if self.members is None:
            self.members = defaultdict(list)
            for contact_id in sorted(self.contacts):
                self.members[self.index.survivor(contact_id)].append(contact_id)
        ids = self.members.get(survivor) or [survivor]
        return sorted(ids, key=lambda i: (i != survivor, i))

    def _enrich(self, contact_id: int, person: PersonRecord, identifiers: tuple) -> bool:
        """Fill what the person, read across all their merged records, still lacks: empty
        fields, unknown identifiers, new contexts, an earlier meeting date (in memory)."""
        members = self._members(contact_id)
        folded = model.fold_contact([self.contacts[i] for i in members])
        known_tie = model.fold_tie(contact_id, [self.ties[i] for i in members if i in self.ties])
        changed = False
        filled = {
            name: getattr(person, name)
            for name in _FIELDS
            if not getattr(folded, name) and getattr(person, name)
        }
        new = [i for i in identifiers if self.index.owner(i) is None]
        if filled or new:
            contact = self.contacts[contact_id]
            self.contacts[contact_id] = replace(
                contact, identifiers=contact.identifiers + tuple(new), **filled
            )
            self.index.add(contact_id, new)
            if contact_id > 0 and filled:
                self.changed_fields.add(contact_id)
            if contact_id > 0:
                self.new_identifiers += [(contact_id, i) for i in new]
            changed = True
        extra_contexts = set(person.contexts) - set(known_tie.contexts)
        earlier = person.met_on is not None and (
            known_tie.met_on is None or person.met_on < known_tie.met_on
        )
        how = bool(person.met_how and not known_tie.met_how)
        if extra_contexts or earlier or how:
            own = self.ties.get(contact_id, model.Tie(contact_id))
            self.ties[contact_id] = replace(
                own,
                contexts=tuple(sorted(set(own.contexts) | extra_contexts)),
                met_on=person.met_on if earlier else own.met_on,
                met_how=person.met_how if how else own.met_how,
            )
            self.changed_ties.add(contact_id)
            changed = True
        if changed and contact_id > 0:
            self.updated.add(contact_id)
        return changed

    def _flush_people(self) -> None:
        real: dict[int, int] = {}
        if self.new_contacts:
            for origin_id, group in self._by_origin(
                self.new_contacts, lambda temporary: self.contacts[temporary].origin
            ):
                ids = repo.add_contacts(
                    self.connection, [self.contacts[t] for t in group], origin_id
                )
                real.update(zip(group, ids, strict=True))
            for temporary, contact_id in real.items():
                self.contacts[contact_id] = replace(self.contacts.pop(temporary), id=contact_id)
                self.ties[contact_id] = replace(self.ties.pop(temporary), contact_id=contact_id)
            self.index.renumber(real)
            self.person_of = {
                k: real.get(v, v) if v is not None else None for k, v in self.person_of.items()
            }
            self.merges = [(real.get(a, a), real.get(b, b)) for a, b in self.merges]
            self.notes = [
                replace(n, contact_id=real.get(n.contact_id, n.contact_id)) for n in self.notes
            ]
            self.summary.contacts += len(real)
        if self.changed_fields:
            repo.update_contacts(
                self.connection, [self.contacts[i] for i in sorted(self.changed_fields)]
            )
        for origin_id, group in self._by_origin(self.new_identifiers, lambda pair: pair[1].origin):
            repo.add_identifiers(self.connection, group, origin_id)
        ties = set(real.values()) | {real.get(i, i) for i in self.changed_ties}
        repo.save_ties(self.connection, [self.ties[i] for i in sorted(ties)])
        repo.add_notes(self.connection, self.notes)
        for survivor, merged in self.merges:
            repo.set_merged_into(self.connection, merged, survivor)
            repo.record_merge_decision(self.connection, survivor, merged, "merged", self.now)

    def _origin(self, record: Any) -> model.Origin:
        """Where a record came from: its file inside the source (a CSV in a LinkedIn zip), else
        the source's file, and its line."""
        file = getattr(record, "file", None) or self.parsed.file
        return model.Origin(self.parsed.source, file, record.line)

    def _unseen(self, records: Iterable[_Keyed], table: Table, kind: str) -> Iterator[_Keyed]:
        """The records whose key is neither in ``table`` (as it is, or in the erased form an
        erasure gave it) nor earlier in this source; the others count as unchanged (this is
        what makes a re-import change nothing), as skipped when an erased person's or repeated
        in this source."""
        known = repo.known_keys(self.connection, table)
        erased = any(key.startswith(ERASED_KEY) for key in known)
        fresh: set[str] = set()
        for record in records:
            tally = self._tally(record, kind)
            if record.key in fresh:
                tally.skip("the same record again in this source")
            elif record.key in known:
                tally.unchanged += 1
            elif erased and self.erased.known_key(record.key, known):
                tally.skip(t.Why("import.why.erased"))
            else:
                fresh.add(record.key)
                known.add(record.key)
                yield record

    def _tally(self, record: Any, kind: str) -> t.KindTally:
        """The tally of ``kind`` of the file ``record`` came from."""
        return self.tally.kind(self._origin(record).file, kind)  # type: ignore[arg-type]

    # --- facts --------------------------------------------------------------------------------

    def _contact_ids(self, keys: tuple[str, ...]) -> tuple[int, ...]:
        ids = {self.person_of.get(key) for key in keys if not key.startswith(ME)}
        return tuple(sorted(self.index.survivor(i) for i in ids if i is not None))

    def _interactions(self) -> list[model.Interaction]:
        new = []
        for record in self._unseen(self.parsed.interactions, s.interaction, t.INTERACTIONS):
            participants = self._contact_ids(record.participants)
            if not participants:
                self._tally(record, t.INTERACTIONS).skip(
                    "nobody known besides you (people erased, in conflict or unnamed)"
                )
                continue
            self._tally(record, t.INTERACTIONS).added += 1
            new.append(
                model.Interaction(
                    occurred_at=record.occurred_at,
                    kind=record.kind,
                    channel=record.channel,
                    direction=record.direction,
                    participants=participants,
                    duration_minutes=record.duration_minutes,
                    subject=record.subject,
                    external_key=record.key,
                    body=record.body,
                    origin=self._origin(record),
                )
            )
        for origin_id, group in self._by_origin(new, lambda i: i.origin):
            repo.add_interactions(self.connection, group, origin_id)
        self.summary.interactions = len(new)
        return new

    def _links(self, interactions: list[model.Interaction]) -> None:
        """Each new interaction with several contacts is evidence that they know each other —
        up to :data:`~tiewise.ingest.records.MAX_LINKED_GROUP` of them: the people of a larger
        meeting or group conversation are not all made to know each other."""
        evidence: dict[tuple[int, int, str], list[date]] = defaultdict(list)
        for interaction in interactions:
            if len(interaction.participants) > MAX_LINKED_GROUP:
                continue
            for a, b in combinations(interaction.participants, 2):
                evidence[(a, b, interaction.channel)].append(interaction.occurred_at.date())
        observed = {(a, b) for a, b, _ in evidence}
        for record in self.parsed.links:  # declared links without interactions behind them
            ids = self._contact_ids((record.person_a, record.person_b))
            if (
                len(ids) == 2
                and ids not in observed
                and not repo.link_exists(self.connection, ids[0], ids[1], record.source)
            ):
                observed.add(ids)
                evidence[(ids[0], ids[1], record.source)] += [
                    record.first_seen or self.now.date()
                ] * record.evidence
        links = [
            model.ContactLink(a, b, source, len(days), min(days), max(days))
            for (a, b, source), days in sorted(evidence.items())
        ]
        repo.add_links(self.connection, links)
        self.summary.links = len(links)

    def _exchanges(self) -> None:
        new = []
        for record in self._unseen(self.parsed.exchanges, s.exchange, t.EXCHANGES):
            ids = self._contact_ids((record.person,))
            if not ids:
                self._tally(record, t.EXCHANGES).skip(
                    "the person is not known (erased, in conflict or you)"
                )
                continue
            self._tally(record, t.EXCHANGES).added += 1
            new.append(
                model.Exchange(
                    contact_id=ids[0],
                    direction=record.direction,
                    kind=record.kind,
                    occurred_on=record.occurred_on,
                    description=record.description,
                    external_key=record.key,
                    origin=self._origin(record),
                )
            )
        for origin_id, group in self._by_origin(new, lambda e: e.origin):
            repo.add_exchanges(self.connection, group, origin_id)

    def _invitations(self) -> None:
        new = []
        for record in self._unseen(self.parsed.invitations, s.invitation, t.INVITATIONS):
            if record.person in self.erased_keys or self.erased.profile(record.profile_url):
                self.summary.erased += 1
                self._tally(record, t.INVITATIONS).skip(t.Why("import.why.erased"))
                continue
            self._tally(record, t.INVITATIONS).added += 1
            ids = self._contact_ids((record.person,)) if record.person else ()
            new.append(
                model.Invitation(
                    name=record.name,
                    direction=record.direction,
                    sent_at=record.sent_at,
                    status=record.status,
                    contact_id=ids[0] if ids else None,
                    profile_url=record.profile_url,
                    message=record.message,
                    channel=self.parsed.source,
                    external_key=record.key,
                    origin=self._origin(record),
                )
            )
        for origin_id, group in self._by_origin(new, lambda i: i.origin):
            repo.add_invitations(self.connection, group, origin_id)

    def _occurrences(self) -> None:
        known = repo.load_series(self.connection)
        series = {x.name: x.id for x in known}
        rejected = {x.name for x in known if x.review == model.SeriesReview.REJECTED}
        for record in self._unseen(self.parsed.occurrences, s.event_occurrence, t.OCCURRENCES):
            if record.name in rejected:  # the user said it is no event: it stays out
                self._tally(record, t.OCCURRENCES).skip(f"a series you rejected ({record.name})")
                continue
            if record.name not in series:
                (series[record.name],) = repo.add_series(
                    self.connection,
                    [
                        model.EventSeries(
                            record.name,
                            organiser=record.organiser,
                            category=record.category,
                            location=record.location,
                            evidence="; ".join(record.evidence) or None,
                        )
                    ],
                )
            (occurrence_id,) = repo.add_occurrences(
                self.connection,
                [
                    model.EventOccurrence(
                        starts_at=record.starts_at,
                        series_id=series[record.name],
                        name=record.name,
                        ends_at=record.ends_at,
                        location=record.location,
                        external_key=record.key,
                        origin=self._origin(record),
                    )
                ],
                self._origin_id(self._origin(record).file),  # type: ignore[arg-type]
            )
            self._tally(record, t.OCCURRENCES).added += 1
            attendees = self._contact_ids(record.attendees)
            repo.add_encounters(
                self.connection,
                [
                    model.Encounter(occurrence_id, contact_id, model.EncounterKind.EXPECTED)
                    for contact_id in attendees
                ],
            )
