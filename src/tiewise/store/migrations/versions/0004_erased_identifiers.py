"""Keyed digests of the identifiers of erased people, so that a later import does not bring
them back (see ``tiewise/erasure.py``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erased_identifier",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_erased_identifier")),
    )


def downgrade() -> None:
    op.drop_table("erased_identifier")
