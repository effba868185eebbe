"""Decisions that stick, and contact I log myself.

- ``decision`` replaces ``advice_decision``: one row per decision on advice or on an invitation,
  with the figures shown when deciding, what undoing restores, and when it was undone. Earlier
  accepted / dismissed advice is carried over.
- ``interaction.kind`` also allows ``video``, ``coffee`` and ``meal`` (``tiewise log``).
- A person met at an event is contact: each earlier ``encounter`` of kind ``met`` becomes an
  interaction (kind ``event``, both ways) with the key ``encounter:<occurrence>:<contact>``, as
  ``repository.add_encounters`` writes from now on.

Downgrading keeps what revision 0004 can hold: standing advice decisions go back into
``advice_decision``, logged video calls, coffees and meals become meetings, and the interactions
made from encounters are removed (the encounters stay).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('meeting', 'message', 'call', 'email', 'event', 'other')"
NEW_KINDS = (
    "kind IN ('meeting', 'message', 'call', 'video', 'coffee', 'meal', 'email', 'event', 'other')"
)


def _interaction_table(kinds: str) -> sa.Table:
    """The interaction table as it stands, with the kind check ``kinds`` (for SQLite's copy)."""
    return sa.Table(
        "interaction",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("external_key", sa.Text(), nullable=True),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "direction IN ('inbound', 'outbound', 'mutual')", name="ck_interaction_direction"
        ),
        sa.CheckConstraint(kinds, name="ck_interaction_kind"),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["origin.id"],
            name="fk_interaction_origin_id_origin",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_interaction"),
        sa.UniqueConstraint("external_key", name="uq_interaction_external_key"),
        sa.Index("ix_interaction_occurred_at", "occurred_at"),
    )


def _set_kinds(kinds: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot alter a CHECK constraint: the batch copies the table into the
        # definition given (``copy_from``), which is the whole change, so the block is empty
        batch = op.batch_alter_table(
            "interaction", recreate="always", copy_from=_interaction_table(kinds)
        )
        with batch:
            ...
    else:
        # op.f: the name as it stands, not run through the naming convention a second time
        op.drop_constraint(op.f("ck_interaction_kind"), "interaction", type_="check")
        op.create_check_constraint(op.f("ck_interaction_kind"), "interaction", kinds)


def upgrade() -> None:
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=True),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=True),
        sa.Column("restore", sa.Text(), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "action IS NULL OR action IN ('focus', 'maintain', 'reactivate', 'let_go')",
            name=op.f("ck_decision_action"),
        ),
        sa.CheckConstraint("kind IN ('advice', 'invitation')", name=op.f("ck_decision_kind")),
        sa.CheckConstraint(
            "verdict IN ('accept', 'dismiss', 'ignore', 'later')", name=op.f("ck_decision_verdict")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_decision_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["invitation.id"],
            name=op.f("fk_decision_invitation_id_invitation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    op.create_index(op.f("ix_decision_contact_id"), "decision", ["contact_id"], unique=False)
    op.create_index(op.f("ix_decision_invitation_id"), "decision", ["invitation_id"], unique=False)
    op.execute(
        "INSERT INTO decision (kind, contact_id, action, verdict, decided_at) "
        "SELECT 'advice', contact_id, action, "
        "CASE decision WHEN 'accepted' THEN 'accept' ELSE 'dismiss' END, decided_at "
        "FROM advice_decision ORDER BY decided_at, contact_id"
    )
    op.drop_table("advice_decision")

    _set_kinds(NEW_KINDS)
    op.execute(
        "INSERT INTO interaction (occurred_at, kind, channel, direction, subject, external_key) "
        "SELECT o.starts_at, 'event', 'event', 'mutual', COALESCE(s.name, o.name), "
        "'encounter:' || CAST(e.occurrence_id AS VARCHAR(20)) || ':' "
        "|| CAST(e.contact_id AS VARCHAR(20)) "
        "FROM encounter e JOIN event_occurrence o ON o.id = e.occurrence_id "
        "LEFT JOIN event_series s ON s.id = o.series_id WHERE e.kind = 'met' "
        "ORDER BY o.starts_at, e.contact_id"
    )
    op.execute(
        "INSERT INTO interaction_participant (interaction_id, contact_id) "
        "SELECT i.id, e.contact_id FROM encounter e JOIN interaction i ON i.external_key = "
        "'encounter:' || CAST(e.occurrence_id AS VARCHAR(20)) || ':' "
        "|| CAST(e.contact_id AS VARCHAR(20)) WHERE e.kind = 'met'"
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM interaction_participant WHERE interaction_id IN "
        "(SELECT id FROM interaction WHERE external_key LIKE 'encounter:%')"
    )
    op.execute("DELETE FROM interaction WHERE external_key LIKE 'encounter:%'")
    op.execute("UPDATE interaction SET kind = 'meeting' WHERE kind IN ('video', 'coffee', 'meal')")
    _set_kinds(OLD_KINDS)
    op.create_table(
        "advice_decision",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "decision IN ('accepted', 'dismissed')", name=op.f("ck_advice_decision_decision")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_advice_decision_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "action", name=op.f("pk_advice_decision")),
    )
    # what the old table can hold comes back: the latest standing accept or dismiss per contact
    # and action (decisions on invitations and undone ones have no place in it)
    op.execute(
        "INSERT INTO advice_decision (contact_id, action, decision, decided_at) "
        "SELECT d.contact_id, d.action, "
        "CASE d.verdict WHEN 'accept' THEN 'accepted' ELSE 'dismissed' END, d.decided_at "
        "FROM decision d WHERE d.kind = 'advice' AND d.undone_at IS NULL "
        "AND d.contact_id IS NOT NULL AND d.action IS NOT NULL "
        "AND d.verdict IN ('accept', 'dismiss') AND d.id = (SELECT MAX(e.id) FROM decision e "
        "WHERE e.kind = 'advice' AND e.undone_at IS NULL AND e.contact_id = d.contact_id "
        "AND e.action = d.action AND e.verdict IN ('accept', 'dismiss'))"
    )
    op.drop_table("decision")
