"""What became of every record an import read: the accounting behind ``tiewise import``.

Per file and per kind of record (people, interactions, exchanges, invitations, event
occurrences, and ``other`` for rows a reader left out before it could tell what they were),
every record read ends in exactly one place:

``read == added + updated + unchanged + merged + skipped + conflicts + errors``

- ``added`` — a new contact, interaction, exchange, invitation or occurrence;
- ``updated`` — an existing contact (or me) that gained a field, an identifier, a context or an
  earlier meeting date;
- ``unchanged`` — already in the database with everything the record says (a re-import);
- ``merged`` — folded into another record of this import or into a contact, each with *whom*
  (``into``) and *why* (``same e-mail x@y``, ``same valid phone +31…``);
- ``skipped`` — left out on purpose, each with why (``exact duplicate of line 4``, ``erased
  person``, ``a series you rejected`` …);
- ``conflicts`` — a record that carries one of *my* identifiers but names someone else: left out
  for the user to review, never dropped silently;
- ``errors`` — records left out because they were bad (the warning names file, line, field,
  expected and found). Warnings that leave no record out (a line or field ignored) are
  ``notes``: listed, not counted.

Readers that count the records of their file themselves (vCard: cards, contact CSV: rows after
the header) give ``read``; then a record lost between reader and writer shows as an imbalance.
For the others ``read`` is what they delivered plus what they left out. :meth:`KindTally.balanced`
checks the identity; a test asserts it on every fixture.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tiewise.ingest.records import ParsedSource

PEOPLE = "people"
INTERACTIONS = "interactions"
EXCHANGES = "exchanges"
INVITATIONS = "invitations"
OCCURRENCES = "occurrences"
OTHER = "other"
KINDS = (PEOPLE, INTERACTIONS, EXCHANGES, INVITATIONS, OCCURRENCES, OTHER)
#: The counted outcomes, in the order they are shown.
OUTCOMES = ("added", "updated", "unchanged", "merged", "skipped", "conflicts", "errors")


class Why(str):
    """Why a record was merged or skipped: its English text (so it groups, compares and goes
    into ``--json`` as a ``str``), made from a message of the ``tiewise`` catalogue and its
    values, or from other reasons joined by "; ", and said in any language by :meth:`said`."""

    key: str | None
    values: dict[str, object]
    parts: tuple[Why, ...]

    def __new__(cls, key: str, /, **values: object) -> Why:
        from tiewise.i18n import text

        made = super().__new__(cls, text(key, "en", **values))
        made.key, made.values, made.parts = key, values, ()
        return made

    @classmethod
    def joined(cls, parts: Iterable[Why]) -> Why:
        """Several reasons as one: "same e-mail a@b; same valid phone +31…"."""
        parts = tuple(parts)
        made = str.__new__(cls, "; ".join(parts))
        made.key, made.values, made.parts = None, {}, parts
        return made

    def said(self, language: str) -> str:
        from tiewise.i18n import text

        if self.key is None:
            return "; ".join(part.said(language) for part in self.parts)
        values = {k: v.said(language) if isinstance(v, Why) else v for k, v in self.values.items()}
        return text(self.key, language, **values)


def said(why: str, language: str) -> str:
    """A reason in ``language``: a :class:`Why` translated, any other text as it is."""
    return why.said(language) if isinstance(why, Why) else why


@dataclass(slots=True)
class Entry:
    """One record merged, skipped or in conflict — or ``count`` records with the same reason
    and no line of their own (``already imported``, rows a reader left out unnamed)."""

    why: str
    record: str | None = None  # "line 12: Anouk de Vries"
    into: str | None = None  # merged: the record or contact it joined
    count: int = 1

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {"why": self.why}
        if self.record is not None:
            found["record"] = self.record
        if self.into is not None:
            found["into"] = self.into
        if self.record is None:
            found["count"] = self.count
        return found

    def __str__(self) -> str:
        return self.said("en")

    def said(self, language: str) -> str:
        """The entry as a line, its reason in ``language``."""
        into = f" → {self.into}" if self.into else ""
        what = self.record if self.record is not None else f"{self.count}×"
        return f"{what}{into}: {said(self.why, language)}"


def _count(entries: Iterable[Entry]) -> int:
    return sum(entry.count for entry in entries)


@dataclass(slots=True)
class KindTally:
    """The outcomes of one kind of record in one file."""

    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)
    conflicts: list[Entry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def skip(self, why: str, record: str | None = None) -> None:
        _note(self.skipped, why, record)

    def merge(self, record: str, into: str, why: str) -> None:
        self.merged.append(Entry(why, record, into))

    def conflict(self, record: str, why: str) -> None:
        self.conflicts.append(Entry(why, record))

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "merged": _count(self.merged),
            "skipped": _count(self.skipped),
            "conflicts": _count(self.conflicts),
            "errors": len(self.errors),
        }

    def accounted(self) -> int:
        counts = self.counts()
        return sum(counts[name] for name in OUTCOMES)

    def balanced(self) -> bool:
        """``read == added + updated + unchanged + merged + skipped + conflicts + errors``."""
        return self.read == self.accounted()

    def as_json(self) -> dict[str, object]:
        return {
            **self.counts(),
            "merges": [e.as_json() for e in self.merged],
            "skips": [e.as_json() for e in self.skipped],
            "conflict_list": [e.as_json() for e in self.conflicts],
            "error_list": list(self.errors),
        }


def _note(entries: list[Entry], why: str, record: str | None) -> None:
    """Add a record to ``entries``; records without a name of their own are counted together."""
    if record is None:
        for entry in entries:
            if entry.record is None and entry.why == why:
                entry.count += 1
                return
    entries.append(Entry(why, record))


@dataclass(slots=True)
class FileTally:
    """The outcomes per kind of record of one file (a CSV inside a LinkedIn zip is a file)."""

    file: str
    kinds: dict[str, KindTally] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # warnings that left no record out

    def kind(self, name: str) -> KindTally:
        if name not in self.kinds:
            self.kinds[name] = KindTally()
        return self.kinds[name]

    def total(self) -> KindTally:
        """All kinds together."""
        return combined(self.kinds.values())

    def balanced(self) -> bool:
        return all(tally.balanced() for tally in self.kinds.values())

    def as_json(self) -> dict[str, object]:
        ordered = sorted(self.kinds.items(), key=lambda item: KINDS.index(item[0]))
        return {
            "file": self.file,
            **self.total().counts(),
            "kinds": {name: tally.as_json() for name, tally in ordered},
            "notes": list(self.notes),
        }


@dataclass(slots=True)
class Tally:
    """The files of one import, in the order they were first named."""

    files: dict[str, FileTally] = field(default_factory=dict)

    def of(self, file: str) -> FileTally:
        if file not in self.files:
            self.files[file] = FileTally(file)
        return self.files[file]

    def kind(self, file: str, kind: str) -> KindTally:
        return self.of(file).kind(kind)

    def total(self) -> KindTally:
        return combined(found.total() for found in self.files.values())


def combined(tallies: Iterable[KindTally]) -> KindTally:
    """The sum of several tallies (kinds of one file, or files of one import)."""
    total = KindTally()
    for tally in tallies:
        total.read += tally.read
        total.added += tally.added
        total.updated += tally.updated
        total.unchanged += tally.unchanged
        total.merged += tally.merged
        total.skipped += tally.skipped
        total.conflicts += tally.conflicts
        total.errors += tally.errors
    return total


#: Why a reader that does not name its skipped rows left them out (``ParsedSource.skipped``).
_UNNAMED_SKIPS = {
    "ics": "calendar entries that give no meeting or event (all-day, cancelled, without"
    " guests, outside the window …)",
    "linkedin": "rows left out by the reader (blank rows, hidden members, drafts, rows read"
    " before …)",
}


def label(line: int | None, name: str | None = None) -> str:
    """How a record is named in the summary: ``line 12: Anouk de Vries``."""
    where = f"line {line}" if line is not None else "a record"
    return f"{where}: {name}" if name else where


def read_tally(parsed: ParsedSource) -> Tally:
    """What the reader delivered and left out of each file, before the writer sees it.

    Records count as read in the file they came from. What a reader left out is counted under
    people for vCard and CSV (every row is a person), under ``other`` for the rest (a skipped
    calendar entry or LinkedIn row is not yet a kind of record). When the reader counted the
    records of its file itself (``ParsedSource.read``), that count is ``read``."""
    tally = Tally()
    tally.of(parsed.file)
    groups = (
        (PEOPLE, parsed.persons),
        (INTERACTIONS, parsed.interactions),
        (EXCHANGES, parsed.exchanges),
        (INVITATIONS, parsed.invitations),
        (OCCURRENCES, parsed.occurrences),
    )
    for kind, records in groups:
        for record in records:
            tally.kind(getattr(record, "file", None) or parsed.file, kind).read += 1
    if parsed.me is not None:
        tally.kind(parsed.file, PEOPLE).read += 1
    own = PEOPLE if parsed.source in ("vcard", "csv") else OTHER
    for skip in parsed.skips:
        found = tally.kind(skip.file, own)
        found.skip(skip.why, label(skip.line))
        found.read += 1
    unnamed = _UNNAMED_SKIPS.get(parsed.source, "left out by the reader")
    for _ in range(parsed.skipped - len(parsed.skips)):
        found = tally.kind(parsed.file, own)
        found.skip(unnamed)
        found.read += 1
    for warning in parsed.warnings:
        if warning.drops_record:
            found = tally.kind(warning.file, own)
            found.errors.append(str(warning))
            found.read += 1
        else:
            tally.of(warning.file).notes.append(str(warning))
    if parsed.read is not None:
        tally.kind(parsed.file, PEOPLE).read = parsed.read
    return tally
