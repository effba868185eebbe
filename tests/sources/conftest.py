"""Shared by the tests of sources: Eva's database (who she is, the contacts she has already)
and her generated mailbox in each format (``tests/mailgen.py``)."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

import pytest
from sqlalchemy import func, select

from tests.mailgen import ME, ME_ALT, ME_NAME, Corpus, corpus
from tiewise import model
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store import schema as s

#: When the tests sync: after every generated message.
NOW = datetime(2026, 12, 1, 12, 0)
EMAIL = model.IdentifierKind.EMAIL


@pytest.fixture(scope="session")
def mail() -> Corpus:
    return corpus()


def be_eva(store: Store, known: dict[str, str] | None = None) -> None:
    """Eva's own addresses, and the contacts she has before any mail is read."""
    with store.begin() as connection:
        repo.save_me(
            connection,
            model.Me(ME_NAME, (model.Identifier(EMAIL, ME), model.Identifier(EMAIL, ME_ALT))),
        )
        if known:
            ids = repo.add_contacts(
                connection,
                [
                    model.Contact(name=name, identifiers=(model.Identifier(EMAIL, email),))
                    for email, name in known.items()
                ],
            )
            repo.save_ties(connection, [model.Tie(i) for i in ids])


def digest(message_id: str) -> str:
    """The key of a Message-ID, computed here independently of the code under test."""
    return hashlib.sha256(message_id.encode()).hexdigest()[:32]


def email_of(store: Store) -> dict[int, str]:
    """Contact id → e-mail address (each contact of these tests has one)."""
    with store.connect() as connection:
        return {
            c.id: c.values(EMAIL)[0]  # type: ignore[misc]
            for c in repo.load_contacts(connection, include_merged=True)
            if c.values(EMAIL)
        }


def mail_interactions(store: Store) -> list[model.Interaction]:
    with store.connect() as connection:
        return [i for i in repo.load_interactions(connection) if i.channel == "email"]


def per_person(store: Store) -> dict[str, tuple[int, int]]:
    """E-mail → (interactions I sent them, interactions they sent me), from the database."""
    emails = email_of(store)
    counts: dict[str, list[int]] = {}
    for interaction in mail_interactions(store):
        for contact_id in interaction.participants:
            pair = counts.setdefault(emails[contact_id], [0, 0])
            pair[0 if interaction.direction is model.Direction.OUTBOUND else 1] += 1
    return {email: (a, b) for email, (a, b) in counts.items()}


def rows(store: Store, table: str) -> int:
    with store.connect() as connection:
        return connection.scalar(select(func.count()).select_from(s.metadata.tables[table])) or 0


def outcomes(store: Store) -> Counter[str]:
    with store.connect() as connection:
        m = s.mail_message
        return Counter(
            dict(connection.execute(select(m.c.outcome, func.count()).group_by(m.c.outcome)).all())
        )
