"""Erasing a person completely — the right to erasure (AVG/GDPR art. 17), shared by
``tiewise contact erase`` and the web app.

What goes, in one transaction:

- the contact and every record merged into it, with their identifiers, tie, notes, stories,
  topics, links to other contacts, encounters at events, exchanges, invitations and decisions;
  invitations not linked to a contact go too when they carry the person's profile URL or name;
- interactions with no one else in them; shared interactions (a meeting with others) stay,
  without them;
- every mention of them in free text (my notes about others, how I met others, interaction
  subjects and bodies, outcome and exchange descriptions, invitation messages) is replaced by a
  placeholder, and each replacement is listed (``table.column #id`` and the kind replaced):
  their e-mail addresses (not inside a longer address), phone numbers in any formatting
  (``phonenumbers`` finds them in the text; compared in E.164), profile URLs (with or without
  scheme, ``www.``, trailing slash, in any case), full names, and name parts — each given name
  and the family name — as whole words, in any case and with or without diacritics (Özlem,
  ÖZLEM, Ozlem). Names are matched in Python: SQLite lower-cases only ASCII;
- a name (full or a part) that another contact — or I — also has is ambiguous. It is replaced
  everywhere except in the records that belong to such a contact (their notes and tie, the
  interactions they took part in, their exchanges, invitations and outcomes) or name them (their
  full name, another part of their name, or their e-mail address appears in the text); those
  places are listed as left, "may mean <that contact>", to be checked by hand. A name part
  alone written all in lower case is left and listed too (bakker, de boer: most often the
  word); full names go in any case. Name parts inside e-mail addresses and web addresses are
  not touched (those are other identifiers);
- source-record keys that contain their name or an identifier (a LinkedIn message's key holds
  the sender's profile URL) become ``erased:`` + a keyed digest of the key, so the row no longer
  names them and a re-import still recognises it;
- their links to outcomes (the outcome itself is mine and stays, so an event keeps its yield).

What is kept so that a later import does not bring them back: for each identifier (e-mail,
phone, profile URL, source id) an HMAC-SHA-256 digest with a random key kept outside the
database (see ``tiewise.erasure_key``): the database file alone gives no way to test a guess.
An import skips every record that carries such an identifier, and says how many it skipped. A
record that carries only a name cannot be recognised and would come back.

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
import secrets
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache

import phonenumbers
from sqlalchemy import Connection

from tiewise import erasure_key, model
from tiewise.identifiers import DEFAULT_REGION, normalise_profile_url, person_profile
from tiewise.store import Store, privacy, search
from tiewise.store import repository as repo
from tiewise.store.database import BUSY_TIMEOUT_MS

KEY_SETTING = erasure_key.LEGACY_SETTING  # the key's old place in the database; never exported
ERASED_KEY = "erased:"
CHECKPOINT_WAIT_MS = 1000  # how long the checkpoint waits for other readers to finish
KEY_MISSING = (
    "the key that recognises people erased earlier is missing (no keyring entry or key file "
    "for this database; see docs/privacy.md): {count} erased identifiers cannot be recognised, "
    "so those people may come back"
)

Kind = str  # "email", "phone", "profile_url", "name", "given_name", "family_name"
EMAIL, PHONE, PROFILE_URL = "email", "phone", "profile_url"
NAME, GIVEN_NAME, FAMILY_NAME = "name", "given_name", "family_name"


def identifier_digest(key: bytes, kind: str, value: str) -> str:
    """``HMAC-SHA-256(key, "<kind>:<value>")`` as 64 hex digits; ``value`` in normal form."""
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def erased_key(key: bytes, source_key: str) -> str:
    """What a source-record key that named an erased person becomes."""
    return ERASED_KEY + identifier_digest(key, "key", source_key)


class ErasedIdentifiers:
    """What an import needs to leave erased people out: the digests of their identifiers and
    the key that makes digests of new records comparable. Without the key (it is lost) nothing
    is recognised, and :meth:`warnings` says so."""

    def __init__(self, connection: Connection) -> None:
        self.digests = privacy.erased_digests(connection)
        self.key = erasure_key.stored_key(connection)

    @staticmethod
    def warnings(connection: Connection) -> list[str]:
        """A warning for the import summary when digests exist but their key is missing."""
        digests = privacy.erased_digests(connection)
        if digests and erasure_key.stored_key(connection, move=False) is None:
            return [KEY_MISSING.format(count=len(digests))]
        return []

    def any_of(self, identifiers: Iterable[model.Identifier]) -> bool:
        return (
            bool(self.digests)
            and self.key is not None
            and any(
                identifier_digest(self.key, i.kind.value, i.value) in self.digests
                for i in identifiers
            )
        )

    def profile(self, url: str | None) -> bool:
        return (
            bool(self.digests and url)
            and self.key is not None
            and (
                identifier_digest(self.key, model.IdentifierKind.PROFILE_URL.value, url or "")
                in self.digests
            )
        )

    def known_key(self, source_key: str, known: set[str]) -> bool:
        """Whether a record's key is among ``known`` keys in its erased form."""
        return self.key is not None and erased_key(self.key, source_key) in known


@dataclass(frozen=True)
class Replacement:
    """Mentions of one kind replaced in one free-text field."""

    place: str  # "table.column #id"
    kind: Kind
    count: int

    def as_json(self) -> dict[str, object]:
        return {"place": self.place, "kind": self.kind, "count": self.count}


SHARED_NAME, LOWER_CASE = "shared_name", "lower_case"  # why a mention was left


@dataclass(frozen=True)
class Left:
    """A name of the erased person left in place: it may mean another contact who has it too
    (``shared_name``, ``may_mean`` names them), or a name part is written in lower case and may
    be the word (``lower_case``: bakker, roos, de boer)."""

    place: str
    name: str
    may_mean: tuple[str, ...] = ()
    why: str = SHARED_NAME

    def as_json(self) -> dict[str, object]:
        return {
            "place": self.place,
            "name": self.name,
            "why": self.why,
            "may_mean": list(self.may_mean),
        }


@dataclass
class Erasure:
    """What an erasure removed (or, in a dry run, would remove); ``as_json()`` is the contract of
    ``tiewise contact erase --json``."""

    name: str
    counts: dict[str, int]
    replacements: list[Replacement] = field(default_factory=list)
    mentions_left: list[Left] = field(default_factory=list)
    keys_replaced: int = 0
    dry_run: bool = False
    files_cleared: bool | None = None  # SQLite: the write-ahead log was emptied into the file
    key_missing: bool = False  # the key of earlier erasures was lost; a new one was made

    @property
    def mentions_replaced(self) -> int:
        return sum(r.count for r in self.replacements)

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "dry_run": self.dry_run,
            **self.counts,
            "mentions_replaced": self.mentions_replaced,
            "replacements": [r.as_json() for r in self.replacements],
            "mentions_left": [m.as_json() for m in self.mentions_left],
            "keys_replaced": self.keys_replaced,
            "files_cleared": self.files_cleared,
            "key_missing": self.key_missing,
        }


# --- matching ------------------------------------------------------------------------------

_MARKS = "\u0300-\u036f"  # combining diacritical marks


def _fold(text: str) -> str:
    """Lower case, diacritics removed (Özlem → ozlem)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def _variants() -> dict[str, str]:
    """Each ASCII letter with the Latin letters that carry it with a diacritic (o: oòóôõöō…)."""
    table: dict[str, set[str]] = {}
    for point in range(0xC0, 0x250):
        char = chr(point)
        base = _fold(char)
        if len(base) == 1 and "a" <= base <= "z":
            table.setdefault(base, set()).add(char)
    return {base: "".join(sorted(chars | {base, base.upper()})) for base, chars in table.items()}


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    """``name`` as whole words, in any case, with or without diacritics, any whitespace."""
    pieces = []
    for char in unicodedata.normalize("NFC", name.strip()):
        base = _fold(char)
        if unicodedata.combining(char):
            continue
        if char.isspace():
            if not pieces or pieces[-1] != r"\s+":
                pieces.append(r"\s+")
        elif len(base) == 1 and base in _variants():
            pieces.append(f"[{re.escape(_variants()[base])}][{_MARKS}]*")
        else:
            pieces.append(re.escape(char))
    return re.compile(rf"(?<!\w)(?:{''.join(pieces)})(?![\w{_MARKS}])", re.IGNORECASE)


def _email_pattern(email: str) -> re.Pattern[str]:
    """An e-mail address, in any case, not inside a longer address or domain (``pj@a.nl`` is
    not in ``pj@a.nl.example``)."""
    return re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-]|\.\w)", re.IGNORECASE)


_EMAILS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URLS = re.compile(
    r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:/[^\s<>\"'()\[\]{}]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?"


def _url_matches(text: str) -> list[tuple[int, int]]:
    """Spans of what is written as a web address — with a scheme, ``www.`` or a path; a bare
    ``J.Jansen`` is not one — trailing punctuation left out."""
    spans = []
    for match in _URLS.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _TRAILING:
            end -= 1
        found = text[match.start() : end]
        if "/" in found or found.lower().startswith("www."):
            spans.append((match.start(), end))
    return spans


def _is_profile(candidate: str, urls: set[str]) -> bool:
    if "/" not in candidate:
        return False
    profile = person_profile(candidate)
    return normalise_profile_url(candidate) in urls or (
        profile is not None and profile.value in urls
    )


def _phone_spans(text: str, phones: set[str], regions: set[str]) -> list[tuple[int, int]]:
    """Spans of the numbers ``phones`` (E.164, or bare digits for numbers that could not be
    parsed) written in ``text`` in any formatting (+31 6 1234 5678, 06-12345678, (06) 1234 5678)."""
    spans: set[tuple[int, int]] = set()
    full = {p for p in phones if p.startswith("+")}
    for region in sorted(regions) if full else ():
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        ):
            number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            if number in full:
                spans.add((match.start, match.end))
    for digits in phones - full:
        if len(digits) >= 5:
            pattern = r"(?<!\d)" + r"[\s().-]*".join(digits) + r"(?!\d)"
            spans |= {m.span() for m in re.finditer(pattern, text)}
    return _outermost(spans)


def _outermost(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that lie inside no other, without overlaps, in order."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def _replace_spans(text: str, spans: list[tuple[int, int]], placeholder: str) -> str:
    for start, end in reversed(spans):
        text = text[:start] + placeholder + text[end:]
    return text


def _usable_part(part: str) -> bool:
    """A name part worth matching alone: two letters or more, not an initial (``P.``)."""
    return sum(ch.isalpha() for ch in part) >= 2 and not part.endswith(".")


def _name_parts(name: str, given: str | None, family: str | None) -> list[tuple[Kind, str]]:
    """The given names (each word) and the family name (whole: "de Wit") of a person; from the
    full name when the record has neither (first word given, the rest family)."""
    words = name.split()
    if not (given or "").strip() and not (family or "").strip():
        given = words[0] if words else None
        family = " ".join(words[1:]) or None
    parts: list[tuple[Kind, str]] = [(GIVEN_NAME, w) for w in (given or "").split()]
    if family and family.strip():
        parts.append((FAMILY_NAME, " ".join(family.split())))
    return [(kind, part) for kind, part in parts if _usable_part(part)]


@dataclass
class _Other:
    """Another contact (or me) who may share a name with the erased person."""

    id: int | None  # None: me
    name: str
    names: list[str]  # full name and name parts
    emails: tuple[str, ...]

    @property
    def text(self) -> str:
        return " | ".join(self.names)


@dataclass
class _Needle:
    kind: Kind
    value: str
    pattern: re.Pattern[str]
    sharers: list[_Other]  # others who have this name too


class _Scrubber:
    """Replaces the erased person's identifiers and names in free text, field by field."""

    def __init__(
        self,
        connection: Connection,
        records: list[model.Contact],
        others: list[_Other],
        placeholder: str,
    ) -> None:
        identifiers = [i for record in records for i in record.identifiers]
        self.placeholder = placeholder
        self.emails = sorted(
            {i.value for i in identifiers if i.kind is model.IdentifierKind.EMAIL},
            key=len,
            reverse=True,
        )
        self.email_patterns = [_email_pattern(e) for e in self.emails]
        self.urls = {i.value for i in identifiers if i.kind is model.IdentifierKind.PROFILE_URL}
        self.url_tails = {_fold(u.rstrip("/").rsplit("/", 1)[-1]) for u in self.urls}
        self.phones = {i.value for i in identifiers if i.kind is model.IdentifierKind.PHONE}
        self.phone_tails = {re.sub(r"\D", "", p)[-6:] for p in self.phones}
        self.regions = {DEFAULT_REGION}
        for phone in self.phones:
            try:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(phone))
            except phonenumbers.NumberParseException:
                continue
            if region and region != "ZZ":
                self.regions.add(region)
        names: dict[str, tuple[Kind, str]] = {}
        for record in records:
            full = " ".join(record.name.split())
            if len(full.split()) >= 2:
                names.setdefault(_fold(full), (NAME, full))
            for kind, part in _name_parts(full, record.given_name, record.family_name):
                names.setdefault(_fold(part), (kind, part))
        order = {NAME: 0, FAMILY_NAME: 1, GIVEN_NAME: 2}
        self.needles = [
            _Needle(kind, value, _name_pattern(value), [])
            for kind, value in sorted(names.values(), key=lambda n: (order[n[0]], -len(n[1]), n[1]))
        ]
        self.folded_needles = {_fold(n.value) for n in self.needles}
        for needle in self.needles:
            needle.sharers = [o for o in others if needle.pattern.search(o.text)]
        self.owners = (
            privacy.free_text_owners(connection) if any(n.sharers for n in self.needles) else {}
        )
        self.replacements: list[Replacement] = []
        self.left: list[Left] = []
        self._listed: set[Left] = set()

    def _leave(self, left: Left) -> None:
        """List a place left, once."""
        if left not in self._listed:
            self._listed.add(left)
            self.left.append(left)

    def _names_other(self, other: _Other, text: str) -> bool:
        """Whether ``text`` names ``other`` by something the erased person does not share."""
        own = [n for n in other.names if _fold(n) not in self.folded_needles]
        return any(_name_pattern(n).search(text) for n in own) or any(
            _email_pattern(e).search(text) for e in other.emails
        )

    def _wanted(self, text: str) -> bool:
        """Whether ``text`` may hold anything of theirs: a quick test before the real one."""
        folded = " ".join(_fold(text).split())
        return (
            any(n in folded for n in self.folded_needles)
            or any(e in folded for e in self.emails)
            or any(t and t in folded for t in self.url_tails)
            or self._may_hold_phone(text)
        )

    def _may_hold_phone(self, text: str) -> bool:
        """Whether the digits of ``text``, separators removed, hold the last six of a number."""
        if not self.phone_tails:
            return False
        digits = re.sub(r"\D", "", text)
        return any(tail in digits for tail in self.phone_tails)

    def scrub(self, table: str, column: str, row_key: int, text: str) -> str:
        """``text`` with the person's identifiers and names replaced; records what was done."""
        if not self._wanted(text):
            return text
        place = f"{table}.{column} #{row_key}"
        counts: Counter[Kind] = Counter()
        for pattern in self.email_patterns:
            text, n = pattern.subn(self.placeholder, text)
            counts[EMAIL] += n
        if self.urls:
            spans = [s for s in _url_matches(text) if _is_profile(text[s[0] : s[1]], self.urls)]
            text = _replace_spans(text, spans, self.placeholder)
            counts[PROFILE_URL] += len(spans)
        if self.phones:
            spans = _phone_spans(text, self.phones, self.regions)
            text = _replace_spans(text, spans, self.placeholder)
            counts[PHONE] += len(spans)
        owners = self.owners.get((table, row_key), set())
        for needle in self.needles:
            addresses = [m.span() for m in _EMAILS.finditer(text)] + _url_matches(text)
            found = [
                m.span()
                for m in needle.pattern.finditer(text)
                if not any(a <= m.start() < b for a, b in addresses)
            ]
            if needle.kind != NAME:  # a part alone in lower case is most often the word
                words = [(a, b) for a, b in found if text[a:b] == text[a:b].lower()]
                for a, b in words:
                    self._leave(Left(place, text[a:b], why=LOWER_CASE))
                found = [span for span in found if span not in words]
            if not found:
                continue
            claimants = [
                o
                for o in needle.sharers
                if (o.id is not None and o.id in owners) or self._names_other(o, text)
            ]
            if claimants:
                self._leave(Left(place, needle.value, tuple(o.name for o in claimants)))
                continue
            text = _replace_spans(text, found, self.placeholder)
            counts[needle.kind] += len(found)
        self.replacements += [Replacement(place, k, n) for k, n in sorted(counts.items()) if n]
        return text


def _others(connection: Connection, group: set[int]) -> list[_Other]:
    """Everyone but the erased person: the other contacts (merged records too) and me."""
    found = []
    for contact in repo.load_contacts(connection, include_merged=True):
        if contact.id in group:
            continue
        full = " ".join(contact.name.split())
        parts = [p for _, p in _name_parts(full, contact.given_name, contact.family_name)]
        names = [full, *parts] if len(full.split()) >= 2 else parts or [full]
        found.append(_Other(contact.id, full, names, contact.values(model.IdentifierKind.EMAIL)))
    me = repo.load_me(connection)
    if me.name.strip():
        full = " ".join(me.name.split())
        parts = [p for _, p in _name_parts(full, None, None)]
        names = [full, *parts] if len(full.split()) >= 2 else parts or [full]
        found.append(_Other(None, full, names, me.values(model.IdentifierKind.EMAIL)))
    return found


def _ascii_hint(needle: str) -> str | None:
    """The longest run of ASCII in ``needle`` (three characters or more) for the database to
    narrow the search by, since SQLite lower-cases only ASCII letters; ``None``: no narrowing."""
    longest = max(re.findall(r"[ -~]+", needle), key=len, default="")
    return longest if len(longest.strip()) >= 3 else None


def _replace_mentions(
    connection: Connection, records: list[model.Contact], group: set[int], placeholder: str
) -> tuple[list[Replacement], list[Left]]:
    """Replace the person's identifiers and names in every free-text field (see the module
    docstring for the rule on shared names)."""
    scrubber = _Scrubber(connection, records, _others(connection, group), placeholder)
    for table, column, row_key, text in privacy.free_text_rows(connection, None):
        new = scrubber.scrub(table.name, column, row_key, text)
        if new != text:
            privacy.set_free_text(connection, table, column, row_key, new)
    return scrubber.replacements, scrubber.left


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
    connection: Connection,
    contact: model.Contact,
    placeholder: str,
    when: datetime,
    key: bytes,
) -> Erasure:
    group = repo.merged_group(connection, contact.id)  # type: ignore[arg-type]
    everyone = {c.id: c for c in repo.load_contacts(connection, include_merged=True)}
    records = [everyone[i] for i in group]  # the survivor first
    identifiers = [i for record in records for i in record.identifiers]
    privacy.add_erased_digests(
        connection, (identifier_digest(key, i.kind.value, i.value) for i in identifiers), when
    )
    counts = privacy.erase_contacts(connection, group)
    urls = {i.value for i in identifiers if i.kind is model.IdentifierKind.PROFILE_URL}
    names = {r.name.strip() for r in records if r.name.strip()}
    counts["invitations"] += privacy.delete_invitations(
        connection, _unlinked_invitations(connection, urls, names)
    )
    replaced, left = _replace_mentions(connection, records, set(group), placeholder)
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
    is exactly what the erasure would do; it stores no key (a database without one gets a
    throw-away key for the digests that are rolled back).
    """
    sqlite = store.engine.dialect.name == "sqlite"
    key_missing = False
    if dry_run:
        with store.connect() as connection:
            stored = erasure_key.stored_key(connection, move=False)
            key_missing = stored is None and erasure_key.database_id(connection) is not None
        key = stored or secrets.token_bytes(32)
    else:  # the key first, in a transaction of its own: it must be stored before it is used
        with store.begin() as connection:
            key, key_missing = erasure_key.obtain_key(connection)
    with store.writer() as connection:
        transaction = connection.begin()
        try:
            if sqlite:
                connection.exec_driver_sql("PRAGMA secure_delete = ON")
            erasure = _erase(connection, contact, placeholder, when, key)
        except BaseException:
            transaction.rollback()
            raise
        erasure.key_missing = key_missing
        if dry_run:
            transaction.rollback()
            erasure.dry_run = True
            return erasure
        search.refresh(connection)  # the erased person's document, and those scrubbed of them
        search.optimize(connection)
        transaction.commit()
        if sqlite:  # outside any transaction, or SQLite cannot checkpoint
            cursor = connection.connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
            busy, _, _ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.close()
            erasure.files_cleared = busy == 0
    return erasure


def replaced_places(erasure: Erasure, kind_name: Callable[[str], str]) -> list[tuple[str, str]]:
    """Each place where something was replaced, with the kinds replaced there ("phone number,
    given name"), for the command line and the web confirmation."""
    places: dict[str, list[str]] = {}
    for replacement in erasure.replacements:
        places.setdefault(replacement.place, []).append(kind_name(replacement.kind))
    return [(place, ", ".join(kinds)) for place, kinds in places.items()]


def erasure_message(erasure: Erasure, language: str, limit: int = 20) -> str:
    """The web confirmation: who is erased, where something was replaced (and what), and the
    places left because they may mean someone or something else — at most ``limit`` places each (the
    confirmation travels in a cookie); ``tiewise contact erase --json`` lists them all."""
    from tiewise.i18n import text

    def listed(items: list[str]) -> str:
        more = len(items) - limit
        return "; ".join(items[:limit]) + (f"; … +{more}" if more > 0 else "")

    parts = [text("saved.erased", language, name=erasure.name)]
    places = replaced_places(erasure, lambda kind: text(f"erase.kind.{kind}", language))
    if places:
        items = [f"{place} ({kinds})" for place, kinds in places]
        parts.append(text("saved.erased_replaced", language, places=listed(items)))
    if erasure.mentions_left:
        items = [
            left_line(m, lambda key, **values: text(key, language, **values))
            for m in erasure.mentions_left
        ]
        parts.append(text("saved.erased_left", language, places=listed(items)))
    if erasure.key_missing:
        parts.append(text("erase.key_missing", language))
    return " ".join(parts)


def left_line(left: Left, say: Callable[..., str]) -> str:
    """One place left, as the command line and the web confirmation show it."""
    if left.why == LOWER_CASE:
        return say("erase.left_lower", place=left.place, name=left.name)
    return say("erase.left", place=left.place, name=left.name, names=", ".join(left.may_mean))
