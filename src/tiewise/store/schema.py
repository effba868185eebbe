"""The tiewise schema as SQLAlchemy Core tables — the single description of the database.

The tables are created and changed only through the Alembic migrations in ``migrations/``; a test
checks that migrating an empty database yields exactly these tables. Times are stored as naive
UTC; choices (enums) as strings guarded by CHECK constraints, so SQLite and PostgreSQL behave alike.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tiewise import model
from tiewise.sources import kinds as source_kinds

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _choice(column: str, choices: type[StrEnum]) -> CheckConstraint:
    allowed = ", ".join(f"'{c.value}'" for c in choices)
    return CheckConstraint(f"{column} IN ({allowed})", name=column)


def _contact_fk() -> ForeignKey:
    """A reference to a contact; erasing a contact erases every fact about them (AVG/GDPR)."""
    return ForeignKey("contact.id", ondelete="CASCADE")


setting = Table(
    "setting",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

origin = Table(
    "origin",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(32), nullable=False),
    Column("file", Text),
    Column("digest", String(64)),
    Column("recorded_at", DateTime, nullable=False),
)

me = Table(
    "me",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, default=""),
    Column("organisation", Text),
    Column("role", Text),
    Column("sector", Text),
    Column("region", Text),
    CheckConstraint("id = 1", name="single_row"),
)

me_identifier = Table(
    "me_identifier",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("value", Text, nullable=False),
    UniqueConstraint("kind", "value"),
    _choice("kind", model.IdentifierKind),
)

contact = Table(
    "contact",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("given_name", Text),
    Column("family_name", Text),
    Column("organisation", Text),
    Column("role", Text),
    Column("sector", Text),
    Column("region", Text),
    Column("merged_into_id", Integer, ForeignKey("contact.id", ondelete="SET NULL"), index=True),
    Column("origin_id", Integer, ForeignKey("origin.id", ondelete="SET NULL")),
    Column("origin_line", Integer),
    # a birthday: month and day, the year when known (vCard ``BDAY:--0415`` has none)
    Column("birth_year", Integer),
    Column("birth_month", Integer),
    Column("birth_day", Integer),
    CheckConstraint("birth_month BETWEEN 1 AND 12", name="birth_month"),
    CheckConstraint("birth_day BETWEEN 1 AND 31", name="birth_day"),
    CheckConstraint(
        "(birth_month IS NULL AND birth_day IS NULL AND birth_year IS NULL) "
        "OR (birth_month IS NOT NULL AND birth_day IS NOT NULL)",
        name="birthday",
    ),
)

contact_tag = Table(
    "contact_tag",
    metadata,
    Column("contact_id", Integer, _contact_fk(), primary_key=True),
    Column("tag", String(100), primary_key=True, index=True),
)

#: Contacts whose search document must be rewritten: filled by triggers on every table the
#: document reads (``store/search.py``), emptied by the write transaction that rewrites them.
#: No foreign key: an erased contact's id stays here until its document is removed.
search_stale = Table(
    "search_stale",
    metadata,
    Column("contact_id", Integer, primary_key=True, autoincrement=False),
)

#: The search index itself is dialect-specific and made by migration 0007 only: on SQLite the
#: FTS5 table ``contact_search`` (and the shadow tables FTS5 keeps beside it), on PostgreSQL a
#: table ``contact_search`` with a GIN index over its ``tsvector``. These names stay out of
#: ``metadata``; a schema comparison leaves them out (:func:`is_search_index`).
SEARCH_INDEX = "contact_search"


def is_search_index(name: str | None) -> bool:
    """Whether a table or index name belongs to the dialect-specific search index."""
    return name is not None and name.startswith(SEARCH_INDEX)


contact_identifier = Table(
    "contact_identifier",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("contact_id", Integer, _contact_fk(), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("origin_id", Integer, ForeignKey("origin.id", ondelete="SET NULL")),
    Column("origin_line", Integer),
    UniqueConstraint("kind", "value"),
    _choice("kind", model.IdentifierKind),
)

tie = Table(
    "tie",
    metadata,
    Column("contact_id", Integer, _contact_fk(), primary_key=True),
    Column("closeness", Integer),
    Column("met_how", Text),
    Column("met_on", Date),
    Column("status", String(16), nullable=False, default=model.TieStatus.ACTIVE.value),
    Column("cadence_days", Integer),
    CheckConstraint("closeness BETWEEN 1 AND 5", name="closeness"),
    CheckConstraint("cadence_days > 0", name="cadence_days"),
    _choice("status", model.TieStatus),
)

tie_context = Table(
    "tie_context",
    metadata,
    Column("contact_id", Integer, _contact_fk(), primary_key=True),
    Column("context", String(64), primary_key=True),
)

note = Table(
    "note",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("contact_id", Integer, _contact_fk(), nullable=False, index=True),
    Column("kind", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("written_at", DateTime, nullable=False),
    _choice("kind", model.NoteKind),
)

topic = Table(
    "topic",
    metadata,
    Column("contact_id", Integer, _contact_fk(), primary_key=True),
    Column("kind", String(8), primary_key=True),
    Column("topic", String(128), primary_key=True),
    _choice("kind", model.TopicKind),
)

contact_link = Table(
    "contact_link",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("contact_a", Integer, _contact_fk(), nullable=False, index=True),
    Column("contact_b", Integer, _contact_fk(), nullable=False, index=True),
    Column("source", String(32), nullable=False),
    Column("evidence_count", Integer, nullable=False, default=1),
    Column("first_seen", Date),
    Column("last_seen", Date),
    UniqueConstraint("contact_a", "contact_b", "source"),
    CheckConstraint("contact_a < contact_b", name="ordered"),
    CheckConstraint("evidence_count > 0", name="evidence_count"),
)

interaction = Table(
    "interaction",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("occurred_at", DateTime, nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("direction", String(16), nullable=False),
    Column("duration_minutes", Integer),
    Column("subject", Text),
    Column("body", Text),
    Column("external_key", Text, unique=True),
    Column("origin_id", Integer, ForeignKey("origin.id", ondelete="SET NULL")),
    Column("origin_line", Integer),
    _choice("kind", model.InteractionKind),
    _choice("direction", model.Direction),
)

interaction_participant = Table(
    "interaction_participant",
    metadata,
    Column(
        "interaction_id",
        Integer,
        ForeignKey("interaction.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("contact_id", Integer, _contact_fk(), primary_key=True, index=True),
)

goal = Table(
    "goal",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False),
    Column("label", Text),
    Column("goal_class", String(16)),
    Column("priority", Integer, nullable=False, default=3),
    CheckConstraint("priority BETWEEN 1 AND 5", name="priority"),
    _choice("goal_class", model.GoalClass),
)

goal_target = Table(
    "goal_target",
    metadata,
    Column("goal_id", Integer, ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True),
    Column("attribute", String(16), primary_key=True),
    Column("value", Text, primary_key=True),
    _choice("attribute", model.TargetAttribute),
)

event_series = Table(
    "event_series",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("organiser", Text),
    Column("category", String(64)),
    Column("location", Text),
    Column("evidence", Text),  # why an import took it for a networking event
    Column("review", String(16)),  # the user's word: confirmed | rejected | NULL
    _choice("review", model.SeriesReview),
)

event_occurrence = Table(
    "event_occurrence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("series_id", Integer, ForeignKey("event_series.id", ondelete="CASCADE"), index=True),
    Column("name", Text),
    Column("starts_at", DateTime, nullable=False),
    Column("ends_at", DateTime),
    Column("location", Text),
    Column("external_key", Text, unique=True),
    Column("origin_id", Integer, ForeignKey("origin.id", ondelete="SET NULL")),
    Column("origin_line", Integer),
)

attendance = Table(
    "attendance",
    metadata,
    Column(
        "occurrence_id",
        Integer,
        ForeignKey("event_occurrence.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("status", String(16), nullable=False),
    Column("hours", Float),
    Column("cost_eur", Float),
    Column("enjoyment", Integer),
    CheckConstraint("hours >= 0", name="hours"),
    CheckConstraint("cost_eur >= 0", name="cost_eur"),
    CheckConstraint("enjoyment BETWEEN 1 AND 5", name="enjoyment"),
    _choice("status", model.AttendanceStatus),
)

encounter = Table(
    "encounter",
    metadata,
    Column(
        "occurrence_id",
        Integer,
        ForeignKey("event_occurrence.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("contact_id", Integer, _contact_fk(), primary_key=True, index=True),
    Column("kind", String(16), primary_key=True),
    Column("first_meeting", Boolean, nullable=False, default=False),
    _choice("kind", model.EncounterKind),
)

outcome = Table(
    "outcome",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("value_eur", Float),
    Column("description", Text),
    Column(
        "occurrence_id", Integer, ForeignKey("event_occurrence.id", ondelete="SET NULL"), index=True
    ),
    Column("goal_id", Integer, ForeignKey("goal.id", ondelete="SET NULL")),
    _choice("kind", model.OutcomeKind),
)

outcome_contact = Table(
    "outcome_contact",
    metadata,
    Column("outcome_id", Integer, ForeignKey("outcome.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", Integer, _contact_fk(), primary_key=True, index=True),
)

exchange = Table(
    "exchange",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("contact_id", Integer, _contact_fk(), nullable=False, index=True),
    Column("direction", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("description", Text),
    Column("counterpart_id", Integer, ForeignKey("contact.id", ondelete="SET NULL")),
    Column("external_key", Text, index=True, unique=True),
    Column("origin_id", Integer, ForeignKey("origin.id", ondelete="SET NULL")),
    Column("origin_line", Integer),
    _choice("direction", model.ExchangeDirection),
    _choice("kind", model.ExchangeKind),
)

invitation = Table(
    "invitation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("direction", String(16), nullable=False),
    Column("sent_at", DateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), index=True),
    Column("profile_url", Text),
    Column("message", Text),
    Column("channel", String(32), nullable=False),
    Column("external_key", Text, index=True, unique=True),
    Column("origin_id", Integer, ForeignKey("origin.id", ondelete="SET NULL")),
    Column("origin_line", Integer),
    CheckConstraint("direction IN ('inbound', 'outbound')", name="direction"),
    _choice("status", model.InvitationStatus),
)

merge_decision = Table(
    "merge_decision",
    metadata,
    Column("contact_a", Integer, _contact_fk(), primary_key=True),
    Column("contact_b", Integer, _contact_fk(), primary_key=True),
    Column("decision", String(16), nullable=False),
    Column("decided_at", DateTime, nullable=False),
    CheckConstraint("contact_a < contact_b", name="ordered"),
    CheckConstraint("decision IN ('merged', 'kept_apart')", name="decision"),
)

decision = Table(
    "decision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("contact_id", Integer, _contact_fk(), index=True),
    Column("invitation_id", Integer, ForeignKey("invitation.id", ondelete="CASCADE"), index=True),
    Column("action", String(16)),
    Column("verdict", String(16), nullable=False),
    Column("decided_at", DateTime, nullable=False),
    Column("figures", Text),  # JSON: the figures the advice showed
    Column("restore", Text),  # JSON: what undoing puts back
    Column("undone_at", DateTime),
    CheckConstraint(
        "action IS NULL OR action IN ('focus', 'maintain', 'reactivate', 'let_go')", name="action"
    ),
    _choice("kind", model.DecisionKind),
    _choice("verdict", model.Verdict),
)

erased_identifier = Table(
    "erased_identifier",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("erased_at", DateTime, nullable=False),
)


# --- sources that stay current (migration 0008; tiewise/sources/, docs/sources.md) ---------


def _one_of(column: str, choices: tuple[str, ...]) -> CheckConstraint:
    return CheckConstraint(f"{column} IN ({', '.join(repr(c) for c in choices)})", name=column)


#: A place tiewise reads again and again: an mbox, a Maildir (an IMAP account, a CardDAV
#: address book, a CalDAV calendar next). ``settings`` is JSON without secrets; ``secret`` says
#: where the secret lives (``none`` for files, ``keyring``, ``env:VARIABLE``); ``counts`` is
#: JSON of what all syncs together did.
source = Table(
    "source",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("settings", Text, nullable=False),
    Column("secret", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("synced_at", DateTime),
    Column("last_error", Text),
    Column("counts", Text, nullable=False),
    _one_of("kind", source_kinds.KINDS),
)

#: What a source read of one folder (an mbox file, a Maildir folder, an IMAP mailbox, a DAV
#: collection), as JSON only the source reads: an mbox's size, time and offset; IMAP's
#: UIDVALIDITY and last UID; a DAV sync-token.
source_folder = Table(
    "source_folder",
    metadata,
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"), primary_key=True),
    Column("folder", Text, primary_key=True),
    Column("state", Text, nullable=False),
    Column("synced_at", DateTime, nullable=False),
)

#: The items a source read in a folder that has no order to resume from: a Maildir's unique
#: names; a DAV resource's href with its ETag as ``version``.
source_item = Table(
    "source_item",
    metadata,
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"), primary_key=True),
    Column("folder", Text, primary_key=True),
    Column("name", Text, primary_key=True),
    Column("version", Text),
)

#: The origins (provenance rows) a source's syncs wrote: what ``sources remove`` takes back.
source_origin = Table(
    "source_origin",
    metadata,
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"), primary_key=True),
    Column("origin_id", Integer, ForeignKey("origin.id", ondelete="CASCADE"), primary_key=True),
)

#: A person who only wrote to me (never I to them): a suggestion to review, not a contact.
mail_suggestion = Table(
    "mail_suggestion",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    _one_of("status", source_kinds.SUGGESTION_STATUSES),
)

#: Every message a source read, once, by the digest of its Message-ID: what became of it (an
#: interaction, a suggestion, or the reason it was left out), when, which way, and its thread
#: (digests of the message it answers and of the thread's first message). No header value is
#: kept here; who took part is in the interaction.
mail_message = Table(
    "mail_message",
    metadata,
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"), primary_key=True),
    Column("digest", String(32), primary_key=True),
    Column("occurred_at", DateTime),
    Column("direction", String(16)),
    Column("outcome", String(16), nullable=False),
    Column("thread", String(32), nullable=False),
    Column("parent", String(32)),
    Column(
        "interaction_id",
        Integer,
        ForeignKey("interaction.id", ondelete="SET NULL"),
        index=True,
    ),
    Column(
        "suggestion_id",
        Integer,
        ForeignKey("mail_suggestion.id", ondelete="SET NULL"),
        index=True,
    ),
    CheckConstraint("direction IN ('inbound', 'outbound')", name="direction"),
    _one_of("outcome", source_kinds.OUTCOMES),
)
