"""Sources that stay current: mail read again and again (mbox, Maildir; IMAP, CardDAV and
CalDAV next), what they read, and what they brought (docs/sources.md).

- ``source`` — a source: unique name, kind, settings (JSON, never a secret), where its secret
  lives (``none`` for files), when added, last sync, last error, counts (JSON);
- ``source_folder`` — per source and folder, the JSON state its reader resumes from (an mbox's
  size, time and offset; IMAP's UIDVALIDITY and UID; a DAV sync-token);
- ``source_item`` — per source and folder, the items read where there is no order to resume
  from (a Maildir's unique names; a DAV href with its ETag);
- ``source_origin`` — the origin rows a source's syncs wrote, so that removing the source takes
  back what it brought;
- ``mail_suggestion`` — a person who only wrote to me, to review (pending or dismissed);
- ``mail_message`` — every message a source read, once per source by the digest of its
  Message-ID: its outcome (an interaction, a suggestion, or why it was left out), time,
  direction, thread digests, and the interaction or suggestion it went to.

Downgrading drops them all (the interactions and contacts the sources brought stay).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

KINDS = "kind IN ('mbox', 'maildir', 'imap', 'carddav', 'caldav')"
STATUSES = "status IN ('pending', 'dismissed')"
OUTCOMES = (
    "outcome IN ('interaction', 'suggestion', 'spam', 'draft', 'deleted', 'automated', 'list', "
    "'newsletter', 'bulk', 'no_reply', 'no_sender', 'no_date', 'to_yourself', 'erased')"
)


def _source_id(table: str) -> tuple[sa.Column, sa.ForeignKeyConstraint]:
    return (
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f(f"fk_{table}_source_id_source"),
            ondelete="CASCADE",
        ),
    )


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.CheckConstraint(KINDS, name=op.f("ck_source_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("name", name=op.f("uq_source_name")),
    )
    op.create_table(
        "source_folder",
        *_source_id("source_folder"),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_id", "folder", name=op.f("pk_source_folder")),
    )
    op.create_table(
        "source_item",
        *_source_id("source_item"),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("version", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("source_id", "folder", "name", name=op.f("pk_source_item")),
    )
    op.create_table(
        "source_origin",
        *_source_id("source_origin"),
        sa.Column("origin_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["origin.id"],
            name=op.f("fk_source_origin_origin_id_origin"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source_id", "origin_id", name=op.f("pk_source_origin")),
    )
    op.create_table(
        "mail_suggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(STATUSES, name=op.f("ck_mail_suggestion_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_suggestion")),
        sa.UniqueConstraint("email", name=op.f("uq_mail_suggestion_email")),
    )
    op.create_table(
        "mail_message",
        *_source_id("mail_message"),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=True),
        sa.Column("direction", sa.String(length=16), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("thread", sa.String(length=32), nullable=False),
        sa.Column("parent", sa.String(length=32), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("suggestion_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "direction IN ('inbound', 'outbound')", name=op.f("ck_mail_message_direction")
        ),
        sa.CheckConstraint(OUTCOMES, name=op.f("ck_mail_message_outcome")),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interaction.id"],
            name=op.f("fk_mail_message_interaction_id_interaction"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["suggestion_id"],
            ["mail_suggestion.id"],
            name=op.f("fk_mail_message_suggestion_id_mail_suggestion"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("source_id", "digest", name=op.f("pk_mail_message")),
    )
    op.create_index(op.f("ix_mail_message_interaction_id"), "mail_message", ["interaction_id"])
    op.create_index(op.f("ix_mail_message_suggestion_id"), "mail_message", ["suggestion_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_mail_message_suggestion_id"), table_name="mail_message")
    op.drop_index(op.f("ix_mail_message_interaction_id"), table_name="mail_message")
    for table in (
        "mail_message",
        "mail_suggestion",
        "source_origin",
        "source_item",
        "source_folder",
        "source",
    ):
        op.drop_table(table)
