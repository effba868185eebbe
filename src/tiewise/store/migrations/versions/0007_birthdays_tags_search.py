"""Birthdays, tags and the search index.

- ``contact.birth_year``, ``birth_month``, ``birth_day`` — a birthday; the year may be unknown.
- ``contact_tag`` — the user's tags on a contact (at most 100 characters each).
- ``search_stale`` — contacts whose search document must be rewritten. Triggers on every table
  the document reads (``contact``, ``contact_identifier``, ``contact_tag``, ``note``) add the
  contact's id; the write transaction rewrites those documents before it commits
  (``store/search.py``). Every existing contact starts stale.
- ``contact_search`` — the index. SQLite: an FTS5 table (tokenizer ``unicode61
  remove_diacritics 2``) whose rowid is the contact id. PostgreSQL: a table with the document
  and its ``to_tsvector('simple', …)`` under a GIN index. Both hold the same document, already
  folded by tiewise (lower case, no accents), so both engines answer the same.

Downgrading drops the index, the triggers, the tags and the birthdays.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The tables the search document reads, with the columns that name a contact whose document
#: changes with the row. A person's document holds every record merged into them, so a change
#: of ``contact.merged_into_id`` (a merge, an unmerge) marks the old and the new survivor too.
WATCHED = (
    ("contact", ("id", "merged_into_id")),
    ("contact_identifier", ("contact_id",)),
    ("contact_tag", ("contact_id",)),
    ("note", ("contact_id",)),
)

BIRTHDAY = (
    "(birth_month IS NULL AND birth_day IS NULL AND birth_year IS NULL) "
    "OR (birth_month IS NOT NULL AND birth_day IS NOT NULL)"
)


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("birth_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("birth_month", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("birth_day", sa.Integer(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_contact_birth_month"), "birth_month BETWEEN 1 AND 12"
        )
        batch.create_check_constraint(op.f("ck_contact_birth_day"), "birth_day BETWEEN 1 AND 31")
        batch.create_check_constraint(op.f("ck_contact_birthday"), BIRTHDAY)
    op.create_table(
        "contact_tag",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_tag_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "tag", name=op.f("pk_contact_tag")),
    )
    op.create_index(op.f("ix_contact_tag_tag"), "contact_tag", ["tag"])
    op.create_table(
        "search_stale",
        sa.Column("contact_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_search_stale")),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_index()
    else:
        _postgresql_index()
    op.execute("INSERT INTO search_stale (contact_id) SELECT id FROM contact")


def _sqlite_index() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE contact_search USING fts5("
        "body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for table, columns in WATCHED:
        for when, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            # not INSERT OR IGNORE: a trigger's conflict clause gives way to the outer
            # statement's, and a cascade from an erasure then fails on a repeated id
            marks = " ".join(
                f"INSERT INTO search_stale (contact_id) SELECT {row}.{column} "
                f"WHERE {row}.{column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM search_stale WHERE contact_id = {row}.{column});"
                for row in rows
                for column in columns
            )
            op.execute(
                f"CREATE TRIGGER search_stale_{table}_{when.lower()} AFTER {when} ON {table} "
                f"BEGIN {marks} END"
            )


def _postgresql_index() -> None:
    op.execute(
        "CREATE TABLE contact_search ("
        "contact_id INTEGER PRIMARY KEY, "
        "body TEXT NOT NULL, "
        "document TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)"
    )
    op.execute("CREATE INDEX contact_search_document ON contact_search USING GIN (document)")
    op.execute(
        """
        CREATE FUNCTION search_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                INSERT INTO search_stale (contact_id)
                SELECT (to_jsonb(OLD) ->> watched)::integer FROM unnest(TG_ARGV) AS watched
                WHERE to_jsonb(OLD) ->> watched IS NOT NULL ON CONFLICT DO NOTHING;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO search_stale (contact_id)
                SELECT (to_jsonb(NEW) ->> watched)::integer FROM unnest(TG_ARGV) AS watched
                WHERE to_jsonb(NEW) ->> watched IS NOT NULL ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    for table, columns in WATCHED:
        names = ", ".join(f"'{column}'" for column in columns)
        op.execute(
            f"CREATE TRIGGER search_stale_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION search_mark_stale({names})"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, _ in WATCHED:
            for when in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER search_stale_{table}_{when}")
    else:
        for table, _ in WATCHED:
            op.execute(f"DROP TRIGGER search_stale_{table} ON {table}")
        op.execute("DROP FUNCTION search_mark_stale()")
    op.execute("DROP TABLE contact_search")
    op.drop_table("search_stale")
    op.drop_index(op.f("ix_contact_tag_tag"), table_name="contact_tag")
    op.drop_table("contact_tag")
    with op.batch_alter_table("contact") as batch:
        batch.drop_constraint(op.f("ck_contact_birthday"), type_="check")
        batch.drop_constraint(op.f("ck_contact_birth_day"), type_="check")
        batch.drop_constraint(op.f("ck_contact_birth_month"), type_="check")
        batch.drop_column("birth_day")
        batch.drop_column("birth_month")
        batch.drop_column("birth_year")
