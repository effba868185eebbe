"""The result of reading a LinkedIn export, as it is built from the rows.

The people in it (:class:`Party`: someone named in a row; :class:`MeMatcher`: me, by profile URL
or name), deduplicated by key with the richer record winning; the conversations and the links of
group conversations; and at the end the name keys resolved to profile URLs where the export
allows. The readers that fill it, one per file: :mod:`tiewise.ingest.linkedin_readers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations
from typing import Any

from tiewise.identifiers import identifier
from tiewise.ingest.linkedin_export import Row, Table, quote
from tiewise.ingest.records import (
    MAX_LINKED_GROUP,
    ME,
    ImportWarning,
    LinkRecord,
    MeRecord,
    ParsedSource,
    PersonRecord,
)
from tiewise.model import Identifier, IdentifierKind, Me

SOURCE = "linkedin"
CONTEXTS = ("linkedin",)
_HIDDEN_NAMES = frozenset({"linkedin member"})  # LinkedIn's placeholder for a hidden member


def as_profile_url(value: str) -> Identifier | None:
    return identifier(IdentifierKind.PROFILE_URL, value) if value else None


def as_email(value: str) -> Identifier | None:
    return identifier(IdentifierKind.EMAIL, value) if value else None


def full_name(*parts: str) -> str:
    return " ".join(" ".join(parts).split())


def fold(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class Party:
    """Someone named in a message, an endorsement or a recommendation."""

    name: str
    url: Identifier | None

    @property
    def key(self) -> str:
        return self.url.value if self.url else f"linkedin:name:{self.name}"


def party_of(name: str, url: str) -> Party | None:
    """None for a hidden member: no URL and no name (or LinkedIn's placeholder name)."""
    name = full_name(name)
    profile = as_profile_url(url)
    if profile is None and (not name or name.casefold() in _HIDDEN_NAMES):
        return None
    if not name and profile is not None:
        name = profile.value
    return Party(name, profile)


class MeMatcher:
    """Recognises me by profile URL or by name."""

    def __init__(self, me: Me) -> None:
        urls = (as_profile_url(value) for value in me.values(IdentifierKind.PROFILE_URL))
        self.urls = {url.value for url in urls if url is not None}
        self.names = {fold(me.name)} - {""}

    def add_name(self, name: str | None) -> None:
        if name and fold(name):
            self.names.add(fold(name))

    def __call__(self, party: Party) -> bool:
        if party.url is not None and party.url.value in self.urls:
            return True
        return fold(party.name) in self.names


def _richness(person: PersonRecord) -> tuple[bool, int]:
    """How much a record says: a connection beats someone only seen, then count what is known."""
    fields = (person.given_name, person.family_name, person.organisation, person.role)
    filled = sum(value is not None for value in (*fields, person.met_on, person.met_how))
    return person.is_connection, filled + len(person.identifiers)


def _combine(kept: PersonRecord, other: PersonRecord) -> PersonRecord:
    """``kept``, with the identifiers and contexts only ``other`` has added."""
    known = {(i.kind, i.value) for i in kept.identifiers}
    identifiers = kept.identifiers + tuple(
        i for i in other.identifiers if (i.kind, i.value) not in known
    )
    contexts = kept.contexts + tuple(c for c in other.contexts if c not in kept.contexts)
    return replace(kept, identifiers=identifiers, contexts=contexts)


@dataclass
class Builder:
    parsed: ParsedSource
    is_me: MeMatcher
    keep_text: bool
    persons: dict[str, PersonRecord] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)  # what the export says of me
    seen: set[str] = field(default_factory=set)  # keys of invitations and exchanges
    conversations: dict[str, Conversation] = field(default_factory=dict)
    file: str | None = None  # the table being read: the provenance of its records

    def skip(self) -> None:
        self.parsed.skipped += 1

    def warn(self, table: Table, row: Row, expected: str, column: str, value: str) -> None:
        message = f"expected {expected} in '{column}', found {quote(value)}"
        self.parsed.warnings.append(ImportWarning(table.file, row.line, message))

    def person(self, record: PersonRecord) -> str:
        record = replace(record, file=self.file)
        old = self.persons.get(record.key)
        if old is None:
            self.persons[record.key] = record
        elif _richness(record) > _richness(old):
            self.persons[record.key] = _combine(record, old)
        else:
            self.persons[record.key] = _combine(old, record)
        return record.key

    def seen_person(self, party: Party, line: int, given: str = "", family: str = "") -> str:
        """The key of someone only seen (not a connection); me is :data:`ME`."""
        if self.is_me(party):
            return ME
        return self.person(
            PersonRecord(
                key=party.key,
                name=party.name,
                line=line,
                given_name=given or None,
                family_name=family or None,
                identifiers=(party.url,) if party.url else (),
                contexts=CONTEXTS,
                is_connection=False,
            )
        )

    def first_time(self, key: str) -> bool:
        """False (and counted as skipped) for a key read before: a repeated row."""
        if key in self.seen:
            self.skip()
            return False
        self.seen.add(key)
        return True

    def aliases(self) -> dict[str, str]:
        """Name keys of people only seen, without identifiers, whose name is that of exactly one
        person with a profile URL → that person's key (in older messages.csv a sender has a URL
        but the same person as a recipient has only a name)."""
        with_url: dict[str, list[str]] = {}
        for person in self.persons.values():
            if any(i.kind is IdentifierKind.PROFILE_URL for i in person.identifiers):
                with_url.setdefault(fold(person.name), []).append(person.key)
        aliases = {}
        for person in self.persons.values():
            targets = with_url.get(fold(person.name), [])
            if not person.is_connection and not person.identifiers and len(targets) == 1:
                aliases[person.key] = targets[0]
        return aliases

    def finish(self) -> ParsedSource:
        """Resolve name keys to profile URLs where the export allows, and close the result.
        Only references change: the keys of interactions and exchanges stay as the rows made
        them, so they do not depend on which other files were imported with them."""
        aliases = self.aliases()
        for alias, target in aliases.items():
            self.persons[target] = _combine(self.persons[target], self.persons.pop(alias))
        parsed = self.parsed
        parsed.persons = list(self.persons.values())
        parsed.interactions = [
            replace(i, participants=_renamed(i.participants, aliases)) for i in parsed.interactions
        ]
        parsed.exchanges = [
            replace(e, person=aliases.get(e.person, e.person)) for e in parsed.exchanges
        ]
        parsed.invitations = [
            replace(i, person=i.profile_url) if i.profile_url in self.persons else i
            for i in parsed.invitations
        ]
        parsed.links = _group_links(self.conversations.values(), aliases)
        if self.profile:
            parsed.me = MeRecord(
                name=self.profile.get("name"),
                identifiers=tuple(self.profile.get("emails", ())),
                organisation=self.profile.get("organisation"),
                role=self.profile.get("role"),
                region=self.profile.get("region"),
            )
        return parsed


def _renamed(keys: Sequence[str], aliases: dict[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(aliases.get(key, key) for key in keys))


@dataclass
class Conversation:
    people: dict[str, None] = field(default_factory=dict)  # non-me keys, in order of appearance
    with_me: bool = False
    first: date | None = None
    last: date | None = None

    def saw(self, keys: Sequence[str], day: date) -> None:
        for key in keys:
            if key == ME:
                self.with_me = True
            else:
                self.people.setdefault(key)
        self.first = min(self.first or day, day)
        self.last = max(self.last or day, day)


def _group_links(
    conversations: Iterable[Conversation], aliases: dict[str, str]
) -> list[LinkRecord]:
    """Everyone in a conversation of three or more people, and at most
    :data:`~tiewise.ingest.records.MAX_LINKED_GROUP` besides me, knows each other: one link per
    pair (me excluded) per conversation. A larger group conversation (a mailing of many
    recipients) says nothing of who knows whom, as a large meeting does not."""
    links = []
    for conversation in conversations:
        people = _renamed(list(conversation.people), aliases)
        if len(people) + conversation.with_me < 3 or len(people) > MAX_LINKED_GROUP:
            continue
        for pair in combinations(people, 2):
            first, second = sorted(pair)
            links.append(
                LinkRecord(
                    first,
                    second,
                    SOURCE,
                    evidence=1,
                    first_seen=conversation.first,
                    last_seen=conversation.last,
                )
            )
    return links
