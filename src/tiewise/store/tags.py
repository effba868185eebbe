"""Tags: the user's own short labels on people ("investor", "runs with me", "Radboud alumni"),
to find and select them (``tiewise contact tag``, ``contacts --tag``, the bulk edit).

A tag is one line of text, spaces collapsed, at most :data:`MAX_TAG` characters (the width of
``contact_tag.tag``) and without control characters (``tiewise.hygiene``). Two tags that differ
only in case or accents are the same tag (:func:`tag_key`): adding "Investor" to someone tagged
"investor" changes nothing, and ``--tag investor`` finds both spellings.

A person's tags are those of all their records (merged records keep theirs, so an unmerge gives
each record its tags back); a new tag goes on the surviving record, and removing a tag removes
it from every record of the person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import Connection, delete, insert, tuple_

from tiewise.hygiene import check_label
from tiewise.store import schema as s
from tiewise.store.search import folded, rows_for, survivors

MAX_TAG = 100
_CHUNK = 500  # pairs per DELETE


def clean_tag(raw: str, field: str = "tag", shown: str | None = None) -> str:
    """``raw`` as a tag: spaces collapsed; refused (:class:`InputError` naming ``field``) when
    it holds a control character, is empty or is longer than :data:`MAX_TAG` characters."""
    return check_label(raw, field, limit=MAX_TAG, what="tag", shown=shown)


@lru_cache(maxsize=4096)  # a few tags, on many people
def tag_key(tag: str) -> str:
    """What makes two tags the same: their folded words (case and accents aside), or the tag
    case-folded when it has no letter or digit (an emoji)."""
    return " ".join(folded(tag)) or tag.casefold()


def _records(connection: Connection, people: Iterable[int]) -> dict[int, int]:
    """Every record of these people → the person (surviving record) it belongs to."""
    wanted = set(people)
    owner = {person: person for person in wanted}
    owner.update({r: p for r, p in survivors(connection).items() if p in wanted})
    return owner


def _rows(connection: Connection, records: Sequence[int]) -> list[tuple[int, str]]:
    return rows_for(
        connection, "SELECT contact_id, tag FROM contact_tag WHERE contact_id IN ({ids})", records
    )


def tags_of(connection: Connection, people: Iterable[int] | None = None) -> dict[int, list[str]]:
    """Each person's tags (of all their records), sorted, one spelling per tag; every tagged
    person when ``people`` is None. People without tags are left out."""
    if people is None:
        rows = connection.exec_driver_sql("SELECT contact_id, tag FROM contact_tag").all()
        survivor_of = survivors(connection)
        owner = {contact_id: survivor_of.get(contact_id, contact_id) for contact_id, _ in rows}
    else:
        owner = _records(connection, people)
        rows = _rows(connection, sorted(owner))
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for contact_id, tag in sorted(rows):
        found[owner[contact_id]].setdefault(tag_key(tag), tag)
    return {
        person: sorted(tags.values(), key=lambda t: (tag_key(t), t))
        for person, tags in found.items()
    }


def tagged(connection: Connection, tag: str) -> set[int]:
    """The people (surviving records) who have ``tag`` (any case, any accents)."""
    key = tag_key(tag)
    return {person for person, tags in tags_of(connection).items() if key in map(tag_key, tags)}


def tag_counts(connection: Connection) -> list[tuple[str, int]]:
    """Every tag in use with the number of people who have it, by tag."""
    counts: dict[str, list] = {}
    for tags in tags_of(connection).values():
        for tag in tags:
            counts.setdefault(tag_key(tag), [tag, 0])[1] += 1
    return sorted(((tag, count) for tag, count in counts.values()), key=lambda p: tag_key(p[0]))


def add_tags(connection: Connection, people: Iterable[int], tags: Sequence[str]) -> int:
    """Give each of ``people`` (surviving records) each of ``tags`` (cleaned by
    :func:`clean_tag`) that they do not have yet in any spelling; return how many tags were
    added in all."""
    people = sorted(set(people))
    have = tags_of(connection, people)
    rows = []
    for person in people:
        keys = {tag_key(t) for t in have.get(person, ())}
        for tag in tags:
            if tag_key(tag) not in keys:
                keys.add(tag_key(tag))
                rows.append({"contact_id": person, "tag": tag})
    if rows:
        connection.execute(insert(s.contact_tag), rows)
    return len(rows)


def remove_tags(connection: Connection, people: Iterable[int], tags: Sequence[str]) -> int:
    """Take ``tags`` (any spelling) from every record of each of ``people``; return how many
    people lost a tag, counted per tag."""
    owner = _records(connection, people)
    keys = {tag_key(tag) for tag in tags}
    doomed = [(c, tag) for c, tag in _rows(connection, sorted(owner)) if tag_key(tag) in keys]
    table = s.contact_tag
    for start in range(0, len(doomed), _CHUNK):
        pairs = doomed[start : start + _CHUNK]
        connection.execute(delete(table).where(tuple_(table.c.contact_id, table.c.tag).in_(pairs)))
    return len({(owner[contact_id], tag_key(tag)) for contact_id, tag in doomed})
