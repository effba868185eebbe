"""Finding contacts by any word a user remembers: name, organisation, role, sector, region,
e-mail address, tag or a word from a note — in any case, with or without accents, in any order.

Every person has a *document*: those fields of every record merged into them, folded by
:func:`folded` (lower case, accents and ligatures gone, split into words) and joined by spaces.
A query is folded the same way; a person matches when every query word begins a word of their
document ("graaf elena" finds Elena de Graaf, "aimee" finds Aimée, "radb" finds Radboud UMC).
The documents live in a full-text index — SQLite's FTS5 (tokenizer ``unicode61
remove_diacritics 2``) or PostgreSQL's ``tsvector`` with prefix queries — made by migration
0007. Because tiewise folds the text before either engine sees it, both engines index the same
words and give the same answer (``tests/test_search.py`` and ``tests/test_postgres.py`` check
it on the same tricky names).

Spelling rules, decided here once for both engines:

- accents go: é → e, ç → c, å → a; letters that Unicode does not decompose are spelled as a
  reader types them without the accent: ø → o, æ → ae, ß → ss, ł → l (``_LETTERS``);
- **ä, ö, ü** are written two ways in German — Müller and Mueller — so a word with one of
  them is indexed both ways (muller *and* mueller), and a query word with one of them looks
  for either. "muller", "mueller" and "müller" all find Müller; a contact spelled Mueller is
  found by "mueller" and "müller", not by "muller" (that would take guessing that a plain
  *ue* once was an umlaut — wrong for Manuel or Samuel);
- a word joined by an apostrophe or a hyphen is indexed as its parts and as one word:
  O'Brien → o, brien, obrien; so "obrien", "o'brien" and "brien" all find him.

Keeping the index current: triggers put the id of every contact record whose fields, merge,
e-mail addresses, tags or notes change into ``search_stale``; :func:`refresh` rewrites the
documents of the people those records belong to, and ``Store.begin`` calls it before every
write transaction commits. A search still answers right for a person whose document is stale
(a write that bypassed ``Store.begin``): such people are matched here, from their current
records, instead of through the index.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from sqlalchemy import Connection, delete, insert, select, text

from tiewise.model import IdentifierKind
from tiewise.store import schema as s
from tiewise.store.rows import raw_rows

#: Letters that Unicode does not decompose into a base letter and an accent, spelled as a Dutch,
#: German or Scandinavian reader would type them without it.
_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t"}) | {
    ord("æ"): "ae",
    ord("œ"): "oe",
    ord("ß"): "ss",
    ord("þ"): "th",
}
#: The German spelling of the umlauts without their dots (see the module docstring).
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_WORD = re.compile(r"[^\W_]+")  # letters and digits
_CHUNK = 500  # records per query when reading documents
#: Characters of one word at most (longer words are cut): PostgreSQL refuses a word of more
#: than 2,047 bytes in a ``tsvector``, and 255 characters are at most 1,020 bytes.
MAX_WORD = 255
#: A document holds each word once, and at most this many characters; words past the limit,
#: from very long notes, are not searchable. PostgreSQL's ``tsvector`` cannot exceed 1 MB and
#: costs up to about three times the document's bytes (each word's entry and position), so
#: 100,000 characters stay under it even in a three-byte script.
MAX_DOCUMENT = 100_000


def folded(value: str) -> list[str]:
    """The words of ``value`` as the index holds them: case-folded, compatibility-decomposed
    (NFKD), combining marks dropped, the letters of ``_LETTERS`` spelled out, split at every
    character that is not a letter or digit, each cut at :data:`MAX_WORD` characters
    ("Aimée O'Brien-Çelik" → aimee, o, brien, celik)."""
    if value.isascii():  # most text: nothing to decompose, lower case is case-folded
        return [word[:MAX_WORD] for word in _WORD.findall(value.lower())]
    decomposed = unicodedata.normalize("NFKD", value.casefold().translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [word[:MAX_WORD] for word in _WORD.findall(plain)]


def _german(value: str) -> str | None:
    """``value`` with ä, ö and ü written ae, oe and ue (in any case, composed or not); None
    when it has none of them."""
    if value.isascii():
        return None
    composed = unicodedata.normalize("NFC", value.casefold())
    german = composed.translate(_GERMAN)
    return german if german != composed else None


def _joined(value: str) -> list[str]:
    """The folded words of ``value``, and each group of them written without a space joined
    into one word (O'Brien → o, brien, obrien)."""
    words = []
    for chunk in value.split():  # no word spans a space, so folding chunk by chunk is the same
        parts = folded(chunk)
        words += parts
        if len(parts) > 1:
            words.append("".join(parts)[:MAX_WORD])
    return words


def indexed_words(value: str) -> tuple[str, ...]:
    """The words a document holds for ``value``: its folded words; each group of words joined
    without a space (O'Brien → obrien); and, for a word with ä, ö or ü, its German spelling
    too (Müller → muller, mueller). Short values (names, sectors, regions, organisations,
    tags: they repeat) are remembered."""
    return _short_words(value) if len(value) <= _SHORT else _words(value)


def _words(value: str) -> tuple[str, ...]:
    german = _german(value)
    return tuple(_joined(value) + (_joined(german) if german is not None else []))


_SHORT = 200  # characters of a value worth remembering; a note is not
_short_words = lru_cache(maxsize=65_536)(_words)


def query_terms(query: str) -> list[tuple[str, ...]]:
    """The distinct words of a query, folded, in their order; each as the spellings any of
    which a document word may begin with (one, or two for a word with ä, ö or ü)."""
    plain = folded(query)
    german = _german(query)
    spelled = folded(german) if german is not None else plain
    if len(spelled) != len(plain):  # never seen; the plain spelling alone then
        spelled = plain
    terms = (tuple(dict.fromkeys(pair)) for pair in zip(plain, spelled, strict=True))
    return list(dict.fromkeys(terms))


def _document(values: Iterable[str]) -> str:
    """Each indexed word of ``values`` once, in order of first appearance, within the limit."""
    body = " ".join(dict.fromkeys(word for value in values for word in indexed_words(value)))
    if len(body) > MAX_DOCUMENT:  # cut before the word the limit falls in
        body = body[: MAX_DOCUMENT + 1].rsplit(" ", 1)[0]
    return body


def rows_for(connection: Connection, sql: str, ids: Iterable[int]) -> list[tuple]:
    """The rows of ``sql`` (a query with ``{ids}`` where a list of integers goes) for ``ids``,
    :data:`_CHUNK` at a time, through the plain DBAPI cursor: for thousands of ids SQLAlchemy's
    compiling of each expanding ``IN`` and its row objects cost more than the queries. The ids
    are integers, written into the text as such."""
    wanted = sorted({int(i) for i in ids})
    found: list[tuple] = []
    cursor = connection.connection.cursor()
    try:
        for start in range(0, len(wanted), _CHUNK):
            listed = ",".join(map(str, wanted[start : start + _CHUNK]))
            cursor.execute(sql.format(ids=listed))
            if cursor.description is not None:
                found.extend(cursor.fetchall())
    finally:
        cursor.close()
    return found


def _stale(connection: Connection) -> set[int]:
    rows = raw_rows(connection, "SELECT contact_id FROM search_stale")
    return {contact_id for (contact_id,) in rows}


def survivors(connection: Connection) -> dict[int, int]:
    """Each merged-away contact record's id → the id of the person (the surviving record) it
    was merged into, directly or through another."""
    merged = "SELECT id, merged_into_id FROM contact WHERE merged_into_id IS NOT NULL"
    into = dict(raw_rows(connection, merged))
    found = {}
    for record in into:
        survivor, seen = record, {record}
        while survivor in into and into[survivor] not in seen:
            survivor = into[survivor]
            seen.add(survivor)
        found[record] = survivor
    return found


def documents(
    connection: Connection,
    contact_ids: Iterable[int],
    survivor_of: Mapping[int, int] | None = None,
) -> dict[int, str]:
    """The folded document of each person among ``contact_ids`` (merged-away records and ids
    that do not exist have none): the fields of all their records first, then their e-mail
    addresses, tags and notes, so that the words of very long notes are the ones cut.
    ``survivor_of``: :func:`survivors`, when the caller has it."""
    survivor_of = survivors(connection) if survivor_of is None else survivor_of
    people = {i for i in contact_ids if i not in survivor_of}
    person_of = {i: i for i in people}
    person_of.update({r: p for r, p in survivor_of.items() if p in people})
    kinds: tuple[dict[int, list[str]], ...] = tuple(defaultdict(list) for _ in range(4))
    fields, emails, tags, notes = kinds
    records = sorted(person_of)
    for row in rows_for(
        connection,
        "SELECT id, name, organisation, role, sector, region FROM contact WHERE id IN ({ids}) "
        "ORDER BY id",
        records,
    ):
        fields[person_of[row[0]]].extend(v for v in row[1:] if v)
    email = IdentifierKind.EMAIL.value
    for found, sql in (
        (
            emails,
            "SELECT contact_id, value FROM contact_identifier "
            f"WHERE kind = '{email}' AND contact_id IN ({{ids}}) ORDER BY id",
        ),
        (tags, "SELECT contact_id, tag FROM contact_tag WHERE contact_id IN ({ids}) ORDER BY tag"),
        (notes, "SELECT contact_id, text FROM note WHERE contact_id IN ({ids}) ORDER BY id"),
    ):
        for contact_id, value in rows_for(connection, sql, records):
            found[person_of[contact_id]].append(value)
    return {
        person: _document([*fields[person], *emails[person], *tags[person], *notes[person]])
        for person in people
        if person in fields  # the person's record exists
    }


def refresh(connection: Connection) -> int:
    """Rewrite the document of every person one of whose records is stale (remove it for a
    person who is gone or was merged away), in the caller's transaction; return how many
    documents were written."""
    stale = _stale(connection)
    if not stale:
        return 0
    survivor_of = survivors(connection)
    people = {survivor_of.get(i, i) for i in stale}
    written = documents(connection, people, survivor_of)
    key = "rowid" if connection.dialect.name == "sqlite" else "contact_id"
    rows_for(connection, f"DELETE FROM contact_search WHERE {key} IN ({{ids}})", stale | people)
    rows = [{"id": contact_id, "body": body} for contact_id, body in written.items()]
    if rows:
        connection.execute(
            text(f"INSERT INTO contact_search ({key}, body) VALUES (:id, :body)"), rows
        )
    connection.execute(delete(s.search_stale))
    return len(rows)


def optimize(connection: Connection) -> None:
    """Merge the index so that no earlier version of a document is left in it (SQLite's FTS5
    keeps deleted words in older segments until they are merged): erasure calls this."""
    if connection.dialect.name == "sqlite":
        connection.execute(text("INSERT INTO contact_search (contact_search) VALUES ('optimize')"))


def _indexed(connection: Connection, terms: Sequence[tuple[str, ...]]) -> set[int]:
    """The ids whose indexed document has, for each term, a word beginning with one of its
    spellings. Through the plain DBAPI cursor: a short prefix finds thousands of people, and
    SQLAlchemy's row objects would cost more than the search."""
    if connection.dialect.name == "sqlite":
        sql = "SELECT rowid FROM contact_search WHERE contact_search MATCH ?"
        query = " AND ".join(
            "(" + " OR ".join(f'"{word}"*' for word in term) + ")" for term in terms
        )
    else:
        sql = "SELECT contact_id FROM contact_search WHERE document @@ to_tsquery('simple', %s)"
        query = " & ".join("(" + " | ".join(f"{word}:*" for word in term) + ")" for term in terms)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, (query,))
        return {contact_id for (contact_id,) in cursor.fetchall()}
    finally:
        cursor.close()


def matches(document: str, terms: Sequence[tuple[str, ...]]) -> bool:
    """Whether, for each term, a word of ``document`` begins with one of its spellings (the
    index's rule)."""
    own = document.split()
    return all(any(word.startswith(term) for word in own) for term in terms)


def matching(connection: Connection, query: str) -> list[int]:
    """The people (surviving records) whose document matches every word of ``query``, by id;
    an empty query (no letter or digit) matches no one."""
    terms = query_terms(query)
    if not terms:
        return []
    stale = _stale(connection)
    survivor_of = survivors(connection)
    affected = {survivor_of.get(i, i) for i in stale}  # matched from their records, not the index
    found = {survivor_of.get(i, i) for i in _indexed(connection, terms) if i not in stale}
    found -= affected
    if affected:
        written = documents(connection, affected, survivor_of)
        found |= {i for i, body in written.items() if matches(body, terms)}
    return sorted(found)


def rebuild(connection: Connection) -> int:
    """Mark every contact stale and rewrite every document (after a restore, or to check the
    index against a fresh build); return how many documents were written."""
    connection.execute(delete(s.search_stale))
    connection.execute(insert(s.search_stale).from_select(["contact_id"], select(s.contact.c.id)))
    return refresh(connection)
