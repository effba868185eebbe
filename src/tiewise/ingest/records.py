"""What a parser returns: the facts of one source file, before they meet the database.

Parsers (``linkedin.py``, ``vcard.py``, ``contacts_csv.py``, ``ics.py``) are pure: bytes in,
a :class:`ParsedSource` out, or an :class:`~tiewise.errors.ImportFormatError` naming file, line,
field, what was expected and what was found. They never touch the store. ``ingest/writer.py``
resolves the people to contacts (identity), skips what is already known (idempotency) and writes
everything in one transaction.

People are referred to by ``PersonRecord.key``: a string unique within one ParsedSource (e.g. the
normalised e-mail or profile URL, or the source's own id). Interactions, links, exchanges and
invitations name their people by these keys. A key starting with ``me:`` never needs a
PersonRecord: it stands for the user (e.g. the organiser of a meeting recognised as me).

Every ``key`` of an interaction, occurrence, exchange or invitation is stable across re-imports of
the same data (built from the source's ids and timestamps, never from row numbers), so importing
the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tiewise.model import (
    Birthday,
    Direction,
    ExchangeDirection,
    ExchangeKind,
    Identifier,
    InteractionKind,
    InvitationStatus,
)

ME = "me:"

#: The largest group whose members are taken to know each other: a meeting (or a group
#: conversation) with more people than this, me not counted, gives interactions but no links
#: between its people. Guests at a mixer mostly talk with people they already knew and meet
#: few new ones (Ingram & Morris 2007, *ASQ* 52: 558–585); a group of a dozen is about the
#: largest in which everyone can still take part in one conversation and be introduced — the
#: "sympathy group" of 12–15 (Dunbar & Spoors 1995, *Human Nature* 6: 273–290). Without the
#: bound one meeting of 1,000 guests made 499,500 links and took 847 MB.
MAX_LINKED_GROUP = 12


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person as one source describes them. ``identifiers`` are already normalised
    (``tiewise.identifiers.identifier``); ``line`` is the 1-based line of the file it came from."""

    key: str
    name: str
    line: int
    given_name: str | None = None
    family_name: str | None = None
    organisation: str | None = None
    role: str | None = None
    sector: str | None = None
    region: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    contexts: tuple[str, ...] = ()
    met_on: date | None = None
    met_how: str | None = None
    note: str | None = None
    is_connection: bool = True  # False for people only seen (a message sender, an attendee)
    file: str | None = None  # the file inside an export it came from, when not the source's file
    birthday: Birthday | None = None  # tiewise.birthdays.read_birthday


@dataclass(frozen=True, slots=True)
class InteractionRecord:
    """One contact moment with ``participants`` (person keys, me excluded)."""

    key: str
    occurred_at: datetime  # naive UTC
    kind: InteractionKind
    channel: str
    direction: Direction
    participants: tuple[str, ...]
    line: int
    duration_minutes: int | None = None
    subject: str | None = None
    body: str | None = None  # message text, only when the user asked to keep it
    file: str | None = None  # as PersonRecord.file


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """Two people know each other (``evidence`` observations, e.g. shared meetings)."""

    person_a: str
    person_b: str
    source: str
    evidence: int = 1
    first_seen: date | None = None
    last_seen: date | None = None


@dataclass(frozen=True, slots=True)
class ExchangeRecord:
    key: str
    person: str
    direction: ExchangeDirection
    kind: ExchangeKind
    occurred_on: date
    line: int
    description: str | None = None
    file: str | None = None  # as PersonRecord.file


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    key: str
    name: str
    direction: Direction  # INBOUND or OUTBOUND
    sent_at: datetime
    line: int
    person: str | None = None  # a person key when the other side is known
    profile_url: str | None = None  # normalised
    message: str | None = None
    status: InvitationStatus = InvitationStatus.PENDING
    file: str | None = None  # as PersonRecord.file


@dataclass(frozen=True, slots=True)
class OccurrenceRecord:
    """An occurrence of a networking event (borrel, meetup, congres …): from a calendar or a
    CSV of events; ``attendees`` are person keys."""

    key: str
    name: str
    starts_at: datetime
    line: int
    ends_at: datetime | None = None
    location: str | None = None
    organiser: str | None = None
    attendees: tuple[str, ...] = ()
    category: str | None = None
    #: why the entry counts as a networking event (``ics.py``: ``title:borrel``, ``location``,
    #: ``guests:4``, ``category:Netwerk``, ``confirmed``); empty when the user entered it
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MeRecord:
    """What a source says about the user (LinkedIn's Profile.csv)."""

    name: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    organisation: str | None = None
    role: str | None = None
    region: str | None = None


#: Endings of warnings after which the record itself was kept (only a line or value lost).
_KEPT_MARKERS = (
    "ignored",
    "line left out",
    "value was left out",
    "left out of it",
)


@dataclass(frozen=True, slots=True)
class ImportWarning:
    """A row that was skipped, with the reason in the same terms as an ImportFormatError.

    ``dropped`` says whether a record was left out because of it (a card, a row, an entry) or
    only a line or field (the record kept); ``None`` lets :attr:`drops_record` judge by the
    message (``… ignored``, ``line left out`` and ``the value was left out`` keep the record)."""

    file: str
    line: int
    message: str
    dropped: bool | None = None

    @property
    def drops_record(self) -> bool:
        if self.dropped is not None:
            return self.dropped
        text = self.message.lower()
        return not any(marker in text for marker in _KEPT_MARKERS)

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Skip:
    """A record a reader left out on purpose (a blank row, a card without a name), and why."""

    file: str
    line: int
    why: str


@dataclass
class ParsedSource:
    """Everything one file (or one LinkedIn export) says. ``skipped`` counts rows left out on
    purpose (comma-only rows, hidden members); ``skips`` says why for those a reader names
    (every one of them for vCard and CSV); ``warnings`` name rows left out because they were
    bad. ``read`` is the number of records in the file when the reader counts them itself
    (vCard: cards; CSV: rows after the header), so that the import summary can show that every
    one of them is accounted for (``ingest/tally.py``)."""

    source: str  # linkedin | vcard | csv | ics
    file: str
    persons: list[PersonRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)
    exchanges: list[ExchangeRecord] = field(default_factory=list)
    invitations: list[InvitationRecord] = field(default_factory=list)
    occurrences: list[OccurrenceRecord] = field(default_factory=list)
    me: MeRecord | None = None
    skipped: int = 0
    warnings: list[ImportWarning] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    read: int | None = None
