"""Needs and offers — what a contact needs or offers, the raw material of introductions
(``advice/introductions.py``): the write side of ``tiewise contact needs|offers`` and the web's
contact page. Each topic is a short tag (``accountant``, ``funding``, ``web shop``); one text may
hold several, separated by commas, semicolons or new lines."""

from __future__ import annotations

import re

from tiewise import model
from tiewise.errors import InputError
from tiewise.store import Store
from tiewise.store import repository as repo

MAX_LENGTH = 128  # the topic column's width


def parse_topics(raw: str, field: str = "TEXT") -> list[str]:
    """The tags in ``raw``: split on commas, semicolons and new lines, spaces collapsed, each
    kept once (any case)."""
    tags: dict[str, str] = {}
    for part in re.split(r"[,;\n]", raw):
        tag = " ".join(part.split())
        if len(tag) > MAX_LENGTH:
            raise InputError(
                f"{field}: expected tags of at most {MAX_LENGTH} characters, found {tag[:40]!r}…",
                field=field.lower(),
                key="error.topic_long",
                values={"high": MAX_LENGTH},
            )
        if tag:
            tags.setdefault(tag.casefold(), tag)
    if not tags:
        raise InputError(
            f"{field}: expected one or more tags (e.g. 'accountant, funding'), found {raw!r}",
            field=field.lower(),
            key="error.no_topics",
        )
    return list(tags.values())


def change_topics(
    store: Store, contact_id: int, kind: model.TopicKind, tags: list[str], remove: bool = False
) -> list[str]:
    """Add (or with ``remove``, delete) these needs or offers of a contact; returns the tags
    that changed — a tag already there (any case) is not added twice; removing a tag the
    contact does not have is refused and removes nothing."""
    with store.begin() as connection:
        repo.load_contact(connection, contact_id)  # NotFoundError when unknown
        have = {
            t.topic.casefold(): t
            for t in repo.load_topics(connection)
            if t.contact_id == contact_id and t.kind == kind
        }
        if remove:
            missing = [tag for tag in tags if tag.casefold() not in have]
            if missing:
                listed = ", ".join(t.topic for t in have.values()) or "none"
                raise InputError(
                    f"TAGS: expected tags this contact has ({listed}), found "
                    f"{', '.join(missing)!r}",
                    field="tags",
                    key="error.no_such_topic",
                    values={"tags": ", ".join(missing), "listed": listed},
                )
            gone = [have[tag.casefold()] for tag in tags]
            repo.remove_topics(connection, gone)
            return [t.topic for t in gone]
        new = [model.Topic(contact_id, kind, tag) for tag in tags if tag.casefold() not in have]
        repo.add_topics(connection, new)
        return [t.topic for t in new]
