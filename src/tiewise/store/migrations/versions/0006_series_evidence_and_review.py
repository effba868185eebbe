"""Event series: why an import took them for a networking event, and the user's word on it.

- ``event_series.evidence`` — the evidence a calendar import found (``title:borrel; location``);
  NULL for series the user entered and for series imported before this revision.
- ``event_series.review`` — ``confirmed`` or ``rejected`` by the user (``tiewise events confirm``
  / ``reject``, or the events page); NULL until then. A rejected series is no longer an event,
  and a re-import does not bring it back.

Downgrading drops both columns (a rejected series is an event again).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

REVIEWS = "review IN ('confirmed', 'rejected')"


def upgrade() -> None:
    # SQLite adds the CHECK constraint by copying the table (foreign keys are off during
    # migrations, so the occurrences that refer to a series stay); PostgreSQL alters it
    with op.batch_alter_table("event_series") as batch:
        batch.add_column(sa.Column("evidence", sa.Text(), nullable=True))
        batch.add_column(sa.Column("review", sa.String(length=16), nullable=True))
        batch.create_check_constraint(op.f("ck_event_series_review"), REVIEWS)


def downgrade() -> None:
    with op.batch_alter_table("event_series") as batch:
        batch.drop_constraint(op.f("ck_event_series_review"), type_="check")
        batch.drop_column("review")
        batch.drop_column("evidence")
