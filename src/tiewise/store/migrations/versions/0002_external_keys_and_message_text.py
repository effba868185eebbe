"""External keys for exchanges and invitations (idempotent re-imports); message text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("exchange", sa.Column("external_key", sa.Text(), nullable=True))
    op.create_index("ix_exchange_external_key", "exchange", ["external_key"], unique=True)
    op.add_column("invitation", sa.Column("external_key", sa.Text(), nullable=True))
    op.create_index("ix_invitation_external_key", "invitation", ["external_key"], unique=True)
    op.add_column("interaction", sa.Column("body", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_index("ix_invitation_external_key", table_name="invitation")
    op.drop_index("ix_exchange_external_key", table_name="exchange")
    with op.batch_alter_table("invitation") as batch_op:
        batch_op.drop_column("external_key")
    with op.batch_alter_table("exchange") as batch_op:
        batch_op.drop_column("external_key")
    with op.batch_alter_table("interaction") as batch_op:
        batch_op.drop_column("body")
