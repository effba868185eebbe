"""Initial schema: the whole domain of tiewise (see tiewise.store.schema).

Revision ID: 0001
Revises:
Create Date: 2026-11-23 15:50:17.804225
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organiser", sa.Text(), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_series")),
        sa.UniqueConstraint("name", name=op.f("uq_event_series_name")),
    )
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("goal_class", sa.String(length=16), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "goal_class IN ('expressive', 'instrumental', 'mixed')", name=op.f("ck_goal_goal_class")
        ),
        sa.CheckConstraint("priority BETWEEN 1 AND 5", name=op.f("ck_goal_priority")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
    )
    op.create_table(
        "me",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_me_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_me")),
    )
    op.create_table(
        "me_identifier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('email', 'phone', 'profile_url', 'source_id')",
            name=op.f("ck_me_identifier_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_me_identifier")),
        sa.UniqueConstraint("kind", "value", name=op.f("uq_me_identifier_kind_value")),
    )
    op.create_table(
        "origin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("file", sa.Text(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_origin")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("given_name", sa.Text(), nullable=True),
        sa.Column("family_name", sa.Text(), nullable=True),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["contact.id"],
            name=op.f("fk_contact_merged_into_id_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["origin.id"],
            name=op.f("fk_contact_origin_id_origin"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_merged_into_id"), ["merged_into_id"], unique=False
        )

    op.create_table(
        "event_occurrence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("external_key", sa.Text(), nullable=True),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["origin.id"],
            name=op.f("fk_event_occurrence_origin_id_origin"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["event_series.id"],
            name=op.f("fk_event_occurrence_series_id_event_series"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_occurrence")),
        sa.UniqueConstraint("external_key", name=op.f("uq_event_occurrence_external_key")),
    )
    with op.batch_alter_table("event_occurrence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_occurrence_series_id"), ["series_id"], unique=False
        )

    op.create_table(
        "goal_target",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("attribute", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "attribute IN ('sector', 'role', 'region', 'organisation')",
            name=op.f("ck_goal_target_attribute"),
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_goal_target_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("goal_id", "attribute", "value", name=op.f("pk_goal_target")),
    )
    op.create_table(
        "interaction",
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
        sa.CheckConstraint(
            "direction IN ('inbound', 'outbound', 'mutual')", name=op.f("ck_interaction_direction")
        ),
        sa.CheckConstraint(
            "kind IN ('meeting', 'message', 'call', 'email', 'event', 'other')",
            name=op.f("ck_interaction_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["origin.id"],
            name=op.f("fk_interaction_origin_id_origin"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
        sa.UniqueConstraint("external_key", name=op.f("uq_interaction_external_key")),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_occurred_at"), ["occurred_at"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("cost_eur", sa.Float(), nullable=True),
        sa.Column("enjoyment", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('planned', 'attended', 'skipped')", name=op.f("ck_attendance_status")
        ),
        sa.CheckConstraint("cost_eur >= 0", name=op.f("ck_attendance_cost_eur")),
        sa.CheckConstraint("enjoyment BETWEEN 1 AND 5", name=op.f("ck_attendance_enjoyment")),
        sa.CheckConstraint("hours >= 0", name=op.f("ck_attendance_hours")),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["event_occurrence.id"],
            name=op.f("fk_attendance_occurrence_id_event_occurrence"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("occurrence_id", name=op.f("pk_attendance")),
    )
    op.create_table(
        "contact_identifier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('email', 'phone', 'profile_url', 'source_id')",
            name=op.f("ck_contact_identifier_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_identifier_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["origin.id"],
            name=op.f("fk_contact_identifier_origin_id_origin"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_identifier")),
        sa.UniqueConstraint("kind", "value", name=op.f("uq_contact_identifier_kind_value")),
    )
    with op.batch_alter_table("contact_identifier", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_identifier_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "contact_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_a", sa.Integer(), nullable=False),
        sa.Column("contact_b", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("evidence_count", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=True),
        sa.CheckConstraint("contact_a < contact_b", name=op.f("ck_contact_link_ordered")),
        sa.CheckConstraint("evidence_count > 0", name=op.f("ck_contact_link_evidence_count")),
        sa.ForeignKeyConstraint(
            ["contact_a"],
            ["contact.id"],
            name=op.f("fk_contact_link_contact_a_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_b"],
            ["contact.id"],
            name=op.f("fk_contact_link_contact_b_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_link")),
        sa.UniqueConstraint(
            "contact_a",
            "contact_b",
            "source",
            name=op.f("uq_contact_link_contact_a_contact_b_source"),
        ),
    )
    with op.batch_alter_table("contact_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_link_contact_a"), ["contact_a"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_link_contact_b"), ["contact_b"], unique=False)

    op.create_table(
        "encounter",
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("first_meeting", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('met', 'expected')", name=op.f("ck_encounter_kind")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_encounter_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["event_occurrence.id"],
            name=op.f("fk_encounter_occurrence_id_event_occurrence"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("occurrence_id", "contact_id", "kind", name=op.f("pk_encounter")),
    )
    with op.batch_alter_table("encounter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_encounter_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "exchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("counterpart_id", sa.Integer(), nullable=True),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "direction IN ('given', 'received')", name=op.f("ck_exchange_direction")
        ),
        sa.CheckConstraint(
            "kind IN ('help', 'advice', 'introduction', 'referral', 'endorsement', 'recommendation', 'other')",
            name=op.f("ck_exchange_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_exchange_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["counterpart_id"],
            ["contact.id"],
            name=op.f("fk_exchange_counterpart_id_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["origin.id"],
            name=op.f("fk_exchange_origin_id_origin"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange")),
    )
    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "interaction_participant",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_interaction_participant_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interaction.id"],
            name=op.f("fk_interaction_participant_interaction_id_interaction"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "interaction_id", "contact_id", name=op.f("pk_interaction_participant")
        ),
    )
    with op.batch_alter_table("interaction_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_participant_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("profile_url", sa.Text(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "direction IN ('inbound', 'outbound')", name=op.f("ck_invitation_direction")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'ignored')", name=op.f("ck_invitation_status")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_invitation_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["origin.id"],
            name=op.f("fk_invitation_origin_id_origin"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "merge_decision",
        sa.Column("contact_a", sa.Integer(), nullable=False),
        sa.Column("contact_b", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "decision IN ('merged', 'kept_apart')", name=op.f("ck_merge_decision_decision")
        ),
        sa.CheckConstraint("contact_a < contact_b", name=op.f("ck_merge_decision_ordered")),
        sa.ForeignKeyConstraint(
            ["contact_a"],
            ["contact.id"],
            name=op.f("fk_merge_decision_contact_a_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_b"],
            ["contact.id"],
            name=op.f("fk_merge_decision_contact_b_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_a", "contact_b", name=op.f("pk_merge_decision")),
    )
    op.create_table(
        "note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('note', 'story')", name=op.f("ck_note_kind")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_note_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("value_eur", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("occurrence_id", sa.Integer(), nullable=True),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('client', 'deal', 'lead', 'advice', 'information', 'hire', 'job_offer', 'referral', 'introduction', 'fun', 'other')",
            name=op.f("ck_outcome_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_outcome_goal_id_goal"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["event_occurrence.id"],
            name=op.f("fk_outcome_occurrence_id_event_occurrence"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome")),
    )
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outcome_occurrence_id"), ["occurrence_id"], unique=False
        )

    op.create_table(
        "tie",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("closeness", sa.Integer(), nullable=True),
        sa.Column("met_how", sa.Text(), nullable=True),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('active', 'let_go', 'keep')", name=op.f("ck_tie_status")),
        sa.CheckConstraint("cadence_days > 0", name=op.f("ck_tie_cadence_days")),
        sa.CheckConstraint("closeness BETWEEN 1 AND 5", name=op.f("ck_tie_closeness")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_tie_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_tie")),
    )
    op.create_table(
        "tie_context",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("context", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_tie_context_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "context", name=op.f("pk_tie_context")),
    )
    op.create_table(
        "topic",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("topic", sa.String(length=128), nullable=False),
        sa.CheckConstraint("kind IN ('need', 'offer')", name=op.f("ck_topic_kind")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_topic_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "kind", "topic", name=op.f("pk_topic")),
    )
    op.create_table(
        "outcome_contact",
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_outcome_contact_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["outcome.id"],
            name=op.f("fk_outcome_contact_outcome_id_outcome"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("outcome_id", "contact_id", name=op.f("pk_outcome_contact")),
    )
    with op.batch_alter_table("outcome_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outcome_contact_contact_id"), ["contact_id"], unique=False
        )

    if op.get_bind().dialect.name == "sqlite":
        # Marks the file as a tiewise database (tiewise.store.database.APPLICATION_ID, "TWIS").
        op.execute("PRAGMA application_id = 1415006547")


def downgrade() -> None:
    with op.batch_alter_table("outcome_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcome_contact_contact_id"))

    op.drop_table("outcome_contact")
    op.drop_table("topic")
    op.drop_table("tie_context")
    op.drop_table("tie")
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcome_occurrence_id"))

    op.drop_table("outcome")
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_contact_id"))

    op.drop_table("note")
    op.drop_table("merge_decision")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_contact_id"))

    op.drop_table("invitation")
    with op.batch_alter_table("interaction_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_participant_contact_id"))

    op.drop_table("interaction_participant")
    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_contact_id"))

    op.drop_table("exchange")
    with op.batch_alter_table("encounter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_encounter_contact_id"))

    op.drop_table("encounter")
    with op.batch_alter_table("contact_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_link_contact_b"))
        batch_op.drop_index(batch_op.f("ix_contact_link_contact_a"))

    op.drop_table("contact_link")
    with op.batch_alter_table("contact_identifier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_identifier_contact_id"))

    op.drop_table("contact_identifier")
    op.drop_table("attendance")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_occurred_at"))

    op.drop_table("interaction")
    op.drop_table("goal_target")
    with op.batch_alter_table("event_occurrence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_occurrence_series_id"))

    op.drop_table("event_occurrence")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_merged_into_id"))

    op.drop_table("contact")
    op.drop_table("setting")
    op.drop_table("origin")
    op.drop_table("me_identifier")
    op.drop_table("me")
    op.drop_table("goal")
    op.drop_table("event_series")
