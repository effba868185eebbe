"""Domain records of tiewise: plain, immutable values with no I/O.

One database holds the network of one person, *me* (see docs/decisions.md). Everything else is
seen from me: contacts, the tie between me and each contact, links between two contacts, the
interactions, goals, events and their outcomes, and what was given and received.

Every record may carry an ``origin`` — where the fact came from (an import file and line, the demo,
manual entry) — so that any fact can be traced back (provenance).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum


class IdentifierKind(StrEnum):
    """How a person can be recognised across sources."""

    EMAIL = "email"
    PHONE = "phone"
    PROFILE_URL = "profile_url"
    SOURCE_ID = "source_id"


class TieStatus(StrEnum):
    """What the user decided about a tie: nothing yet (active), let go, or keep no matter what."""

    ACTIVE = "active"
    LET_GO = "let_go"
    KEEP = "keep"


class NoteKind(StrEnum):
    """A note is anything worth remembering; a story is what the person means to me (seed 004)."""

    NOTE = "note"
    STORY = "story"


class Direction(StrEnum):
    """Who initiated an interaction, seen from me."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    MUTUAL = "mutual"


class InteractionKind(StrEnum):
    """What kind of contact moment: imported (e-mail, message, meeting, event) or logged by me
    (``tiewise log``: meeting, call, video, coffee, meal, message, email, other)."""

    MEETING = "meeting"
    MESSAGE = "message"
    CALL = "call"
    VIDEO = "video"
    COFFEE = "coffee"
    MEAL = "meal"
    EMAIL = "email"
    EVENT = "event"
    OTHER = "other"


#: The kinds a person logs by hand (``tiewise log``, the web's *Log contact*): every kind but
#: ``event``, which only a visit to an event records.
LOG_KINDS = (
    InteractionKind.MEETING,
    InteractionKind.CALL,
    InteractionKind.VIDEO,
    InteractionKind.COFFEE,
    InteractionKind.MEAL,
    InteractionKind.MESSAGE,
    InteractionKind.EMAIL,
    InteractionKind.OTHER,
)


class GoalClass(StrEnum):
    """Lin (2001): expressive action keeps resources, instrumental action gains new ones."""

    EXPRESSIVE = "expressive"
    INSTRUMENTAL = "instrumental"
    MIXED = "mixed"


class TargetAttribute(StrEnum):
    """Contact attributes a goal can target."""

    SECTOR = "sector"
    ROLE = "role"
    REGION = "region"
    ORGANISATION = "organisation"


class AttendanceStatus(StrEnum):
    PLANNED = "planned"
    ATTENDED = "attended"
    SKIPPED = "skipped"


class EncounterKind(StrEnum):
    """A person met at an occurrence, or one expected there (an attendee list)."""

    MET = "met"
    EXPECTED = "expected"


class OutcomeKind(StrEnum):
    CLIENT = "client"
    DEAL = "deal"
    LEAD = "lead"
    ADVICE = "advice"
    INFORMATION = "information"
    HIRE = "hire"
    JOB_OFFER = "job_offer"
    REFERRAL = "referral"
    INTRODUCTION = "introduction"
    FUN = "fun"
    OTHER = "other"


class ExchangeDirection(StrEnum):
    GIVEN = "given"
    RECEIVED = "received"


class ExchangeKind(StrEnum):
    HELP = "help"
    ADVICE = "advice"
    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    ENDORSEMENT = "endorsement"
    RECOMMENDATION = "recommendation"
    OTHER = "other"


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    IGNORED = "ignored"


class DecisionKind(StrEnum):
    """What a decision is about: an advice item on a contact, or a connection invitation."""

    ADVICE = "advice"
    INVITATION = "invitation"


class Verdict(StrEnum):
    """What I decided. Advice is accepted or dismissed; an invitation accepted, ignored or
    put off until later."""

    ACCEPT = "accept"
    DISMISS = "dismiss"
    IGNORE = "ignore"
    LATER = "later"


class TopicKind(StrEnum):
    """What a contact needs or offers; the raw material of introductions (the user as broker)."""

    NEED = "need"
    OFFER = "offer"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a fact came from: a source kind (``linkedin``, ``vcard``, ``demo``, ``manual`` …),
    optionally the file and the line in it."""

    source: str
    file: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: IdentifierKind
    value: str
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Me:
    """The user themself. Never a contact; recognised in imports by these identifiers."""

    name: str = ""
    identifiers: tuple[Identifier, ...] = ()
    organisation: str | None = None
    role: str | None = None
    sector: str | None = None
    region: str | None = None

    def values(self, kind: IdentifierKind) -> tuple[str, ...]:
        return tuple(i.value for i in self.identifiers if i.kind == kind)


@dataclass(frozen=True, slots=True)
class Birthday:
    """A day of the year someone was born, with the year when known (a vCard ``BDAY:--0415``
    or a Google CSV ``--04-15`` has none). ``February 29`` is kept as given."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        leap_year = 2000  # so that 29 February is a valid day without a year
        date(self.year or leap_year, self.month, self.day)  # ValueError for a day that is not

    def isoformat(self) -> str:
        """``YYYY-MM-DD``, or ``--MM-DD`` without a year (ISO 8601:2000, as vCard writes it)."""
        year = f"{self.year:04d}" if self.year is not None else "-"
        return f"{year}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Contact:
    """A person in my network. ``merged_into`` points at the contact this one was merged into;
    the facts stay attached to the original id, so a merge can be undone."""

    name: str
    id: int | None = None
    given_name: str | None = None
    family_name: str | None = None
    organisation: str | None = None
    role: str | None = None
    sector: str | None = None
    region: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    merged_into: int | None = None
    origin: Origin | None = None
    birthday: Birthday | None = None

    def values(self, kind: IdentifierKind) -> tuple[str, ...]:
        return tuple(i.value for i in self.identifiers if i.kind == kind)


@dataclass(frozen=True, slots=True)
class Tie:
    """The relationship between me and one contact (Granovetter 1973; Marsden & Campbell 1984).

    ``closeness`` is the self-rated emotional closeness 1–5, the best single indicator of tie
    strength (Marsden & Campbell 1984); ``None`` when not rated.
    """

    contact_id: int
    closeness: int | None = None
    contexts: tuple[str, ...] = ()
    met_how: str | None = None
    met_on: date | None = None
    status: TieStatus = TieStatus.ACTIVE
    cadence_days: int | None = None


@dataclass(frozen=True, slots=True)
class Note:
    contact_id: int
    text: str
    written_at: datetime
    kind: NoteKind = NoteKind.NOTE
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ContactLink:
    """Two contacts know each other. ``evidence_count`` counts the observations from ``source``
    (shared meetings, group conversations, the user's word)."""

    contact_a: int
    contact_b: int
    source: str
    evidence_count: int = 1
    first_seen: date | None = None
    last_seen: date | None = None


@dataclass(frozen=True, slots=True)
class Interaction:
    """One contact moment: a meeting, a message, a call. ``participants`` are contact ids."""

    occurred_at: datetime
    kind: InteractionKind
    channel: str
    direction: Direction
    participants: tuple[int, ...]
    duration_minutes: int | None = None
    subject: str | None = None
    external_key: str | None = None
    id: int | None = None
    origin: Origin | None = None
    body: str | None = None


@dataclass(frozen=True, slots=True)
class GoalTarget:
    attribute: TargetAttribute
    value: str


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal of mine: a catalogue key (see ``goals.py``) or ``custom``. ``goal_class`` overrides
    the catalogue's default class when the user says so."""

    key: str
    priority: int = 3
    label: str | None = None
    goal_class: GoalClass | None = None
    targets: tuple[GoalTarget, ...] = ()
    id: int | None = None


class SeriesReview(StrEnum):
    """The user's word on an event series found in a calendar: it is a networking event
    (confirmed) or it is not (rejected: no longer an event, and a re-import does not bring it
    back)."""

    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class EventSeries:
    """A recurring event (a monthly drinks, an annual fair) or a one-off. ``evidence`` says why
    an import took it for a networking event (``title:borrel; location``, see ``ingest/ics.py``;
    ``None`` when the user entered it); ``review`` is the user's word on it."""

    name: str
    organiser: str | None = None
    category: str | None = None
    location: str | None = None
    id: int | None = None
    evidence: str | None = None
    review: SeriesReview | None = None


@dataclass(frozen=True, slots=True)
class EventOccurrence:
    starts_at: datetime
    series_id: int | None = None
    name: str | None = None
    ends_at: datetime | None = None
    location: str | None = None
    external_key: str | None = None
    id: int | None = None
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Attendance:
    """My attendance of one occurrence. ``hours`` includes travel; ``cost_eur`` is what it cost
    (tickets, membership share, travel); ``enjoyment`` 1–5."""

    occurrence_id: int
    status: AttendanceStatus
    hours: float | None = None
    cost_eur: float | None = None
    enjoyment: int | None = None


@dataclass(frozen=True, slots=True)
class Encounter:
    """A contact met at (or expected at) an occurrence; ``first_meeting``: we first met there."""

    occurrence_id: int
    contact_id: int
    kind: EncounterKind = EncounterKind.MET
    first_meeting: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """Something networking yielded: a client, advice, fun … with a value in euros where known."""

    kind: OutcomeKind
    occurred_on: date
    value_eur: float | None = None
    description: str | None = None
    occurrence_id: int | None = None
    goal_id: int | None = None
    contact_ids: tuple[int, ...] = ()
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Exchange:
    """Help, advice or an introduction given to or received from a contact. For an introduction,
    ``counterpart_id`` is the contact introduced."""

    contact_id: int
    direction: ExchangeDirection
    kind: ExchangeKind
    occurred_on: date
    description: str | None = None
    counterpart_id: int | None = None
    id: int | None = None
    origin: Origin | None = None
    external_key: str | None = None


@dataclass(frozen=True, slots=True)
class Invitation:
    """A connection invitation (LinkedIn and the like), incoming or outgoing."""

    name: str
    direction: Direction
    sent_at: datetime
    status: InvitationStatus = InvitationStatus.PENDING
    contact_id: int | None = None
    profile_url: str | None = None
    message: str | None = None
    channel: str = "linkedin"
    id: int | None = None
    origin: Origin | None = None
    external_key: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision of mine on advice (``action``: focus, maintain, reactivate or let_go, about
    ``contact_id``) or on an invitation (``invitation_id``). ``figures`` are the figures the
    advice showed when I decided (so a dismissal can lapse when they change); ``restore`` is
    what undoing puts back. An undone decision keeps its row with ``undone_at`` set."""

    kind: DecisionKind
    verdict: Verdict
    decided_at: datetime
    contact_id: int | None = None
    invitation_id: int | None = None
    action: str | None = None
    figures: dict[str, float | str] | None = None
    restore: dict[str, object] | None = None
    undone_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    """Something a contact needs or offers, e.g. need ``accountant``, offer ``funding``."""

    contact_id: int
    kind: TopicKind
    topic: str


# --- merged records: how several records of one person read as one ------------------------------

#: The descriptive fields of a contact (besides the name, the identifiers and the tie).
CONTACT_FIELDS = (
    "given_name",
    "family_name",
    "organisation",
    "role",
    "sector",
    "region",
    "birthday",
)


def fold_contact(records: Sequence[Contact]) -> Contact:
    """One person from the records merged into ``records[0]`` (the survivor): a field the
    survivor lacks comes from the first merged record that has it; identifiers are united.
    Nothing is copied in the database, so an unmerge restores every record exactly."""
    head = records[0]
    if len(records) == 1:
        return head
    filled = {
        name: next((getattr(r, name) for r in records if getattr(r, name)), None)
        for name in CONTACT_FIELDS
    }
    identifiers: dict[tuple[IdentifierKind, str], Identifier] = {}
    for record in records:
        for item in record.identifiers:
            identifiers.setdefault((item.kind, item.value), item)
    return replace(head, identifiers=tuple(identifiers.values()), **filled)


def fold_tie(contact_id: int, ties: Sequence[Tie]) -> Tie:
    """The tie with one person from the ties of their merged records (survivor's first):
    the survivor's closeness, status and cadence when set, else the first that is; contexts
    united; the earliest meeting date; the first "how we met"."""
    if not ties:
        return Tie(contact_id=contact_id)

    def first(name: str, default: object = None) -> object:
        return next(
            (getattr(t, name) for t in ties if getattr(t, name) not in (None, default)), default
        )

    met = [t.met_on for t in ties if t.met_on is not None]
    return Tie(
        contact_id=contact_id,
        closeness=first("closeness"),  # type: ignore[arg-type]
        contexts=tuple(sorted({c for t in ties for c in t.contexts})),
        met_how=first("met_how"),  # type: ignore[arg-type]
        met_on=min(met) if met else None,
        status=first("status", TieStatus.ACTIVE),  # type: ignore[arg-type]
        cadence_days=first("cadence_days"),  # type: ignore[arg-type]
    )
