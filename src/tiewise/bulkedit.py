"""Changing many people at once: set their sector, region, organisation or role, add or remove
a tag — for the people a search picked (``tiewise contacts --search … --set sector=…``, the
contacts page of the web app).

A bulk edit is shown before it is done: :func:`plan_edit` says how many people it touches and,
per field, from which value to which (with how many people each), and per tag how many get or
lose it. :func:`bulk_edit` does exactly that plan in one transaction — or nothing, when a value
is refused or the selection is empty (both are :class:`~tiewise.errors.InputError`).

A field is set on every record of a person (the surviving record and those merged into it):
the person reads as their records folded together (``model.fold_contact``), so setting only
the survivor would leave a cleared field showing a merged record's value.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, bindparam, update

from tiewise.errors import InputError, not_one_of
from tiewise.hygiene import check_label, quoted
from tiewise.i18n import plural, text
from tiewise.store import Store
from tiewise.store import schema as s
from tiewise.store import tags as tagging
from tiewise.store.search import rows_for, survivors

#: The fields a bulk edit may set, with the most characters a value may have.
FIELDS = {"sector": 100, "region": 100, "organisation": 200, "role": 200}
_CHUNK = 500
NOTHING = "—"  # an empty field, as a plan shows it
SHOWN = 8  # "from → to" lines per field; the other values in one line


@dataclass(frozen=True)
class Edit:
    """What to do to each selected person: ``values`` maps a field to its new value (None
    clears it); tags to add and to remove."""

    values: dict[str, str | None] = field(default_factory=dict)
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.values or self.add_tags or self.remove_tags)


@dataclass(frozen=True)
class FieldChange:
    """``count`` people whose ``field`` goes from ``before`` to ``after``."""

    field: str
    before: str | None
    after: str | None
    count: int


@dataclass(frozen=True)
class Plan:
    """What an edit does to the people selected: the field changes, how many people get each
    added tag and lose each removed one, how many people it changes at all, and whether it
    was done."""

    people: tuple[int, ...]
    changes: tuple[FieldChange, ...]
    tags_added: dict[str, int]
    tags_removed: dict[str, int]
    changed: int
    applied: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "matched": len(self.people),
            "changed": self.changed,
            "changes": [
                {"field": c.field, "from": c.before, "to": c.after, "count": c.count}
                for c in self.changes
            ],
            "tags_added": self.tags_added,
            "tags_removed": self.tags_removed,
            "applied": self.applied,
        }


def clean_value(name: str, raw: str, shown: str | None = None) -> str | None:
    """A value for field ``name``: spaces collapsed, None when empty (the field is cleared);
    refused when it holds a control character or is too long (:data:`FIELDS`)."""
    if name not in FIELDS:
        raise not_one_of(name, list(FIELDS), name, shown)
    value = check_label(raw, name, limit=FIELDS[name], shown=shown)
    return value or None


def parse_assignment(raw: str, shown: str = "--set") -> tuple[str, str | None]:
    """``FIELD=VALUE`` (``sector=healthcare``; ``sector=`` clears) as a field and a value."""
    name, equals, value = raw.partition("=")
    name = name.strip().lower()
    if not equals:
        raise InputError(
            f"{shown}: expected FIELD=VALUE with FIELD one of {', '.join(FIELDS)}, found "
            f"{quoted(raw)}",
            field="set",
            key="error.assignment",
            values={"fields": ", ".join(FIELDS), "found": quoted(raw)},
        )
    return name, clean_value(name, value, shown)


def _current(connection: Connection, people: Sequence[int]) -> dict[int, dict[str, str | None]]:
    """Each person's fields as they read (the survivor's value, else the first merged
    record's that has one, as ``model.fold_contact`` folds them)."""
    survivor_of = survivors(connection)
    wanted = set(people)
    records: dict[int, list[int]] = {p: [p] for p in wanted}
    for record, person in sorted(survivor_of.items()):
        if person in wanted:
            records[person].append(record)
    values: dict[int, dict[str, str | None]] = {}
    owners = {r: p for p, rs in records.items() for r in rs}
    sql = f"SELECT id, {', '.join(FIELDS)} FROM contact WHERE id IN ({{ids}})"
    rows = {row[0]: row[1:] for row in rows_for(connection, sql, owners)}
    for person, own in records.items():
        values[person] = {
            name: next((rows[r][k] for r in own if r in rows and rows[r][k]), None)
            for k, name in enumerate(FIELDS)
        }
    return values


def plan_edit(connection: Connection, people: Iterable[int], edit: Edit) -> Plan:
    """What ``edit`` would change for ``people`` (surviving records); refused when there is no
    one to change."""
    return _planned(connection, people, edit)[0]


def _planned(
    connection: Connection, people: Iterable[int], edit: Edit
) -> tuple[Plan, dict[str, list[int]]]:
    """The plan, and per field the people whose value it changes."""
    chosen = tuple(sorted(set(people)))
    if not chosen:
        raise InputError(
            "selection: expected at least one contact to change, found none",
            field="search",
            key="error.bulk_none",
        )
    current = _current(connection, chosen)
    changes: list[FieldChange] = []
    moving: dict[str, list[int]] = {}
    touched: set[int] = set()
    for name, after in edit.values.items():
        moving[name] = [p for p in chosen if current[p][name] != after]
        touched.update(moving[name])
        moves = Counter(current[p][name] for p in moving[name])
        for before, count in sorted(moves.items(), key=lambda m: (-m[1], m[0] or "")):
            changes.append(FieldChange(name, before, after, count))
    have = tagging.tags_of(connection, chosen)
    keys = {p: {tagging.tag_key(t) for t in have.get(p, ())} for p in chosen}
    added: dict[str, int] = {}
    removed: dict[str, int] = {}
    for tag in edit.add_tags:
        getting = [p for p in chosen if tagging.tag_key(tag) not in keys[p]]
        added[tag] = len(getting)
        touched.update(getting)
    for tag in edit.remove_tags:
        losing = [p for p in chosen if tagging.tag_key(tag) in keys[p]]
        removed[tag] = len(losing)
        touched.update(losing)
    return Plan(chosen, tuple(changes), added, removed, len(touched)), moving


def _set_fields(connection: Connection, edit: Edit, moving: dict[str, list[int]]) -> None:
    """Write each changed field on every record of the people whose value it changes."""
    if not edit.values:
        return
    records: dict[int, list[int]] = defaultdict(list)
    for record, person in survivors(connection).items():
        records[person].append(record)
    statement = update(s.contact).where(s.contact.c.id.in_(bindparam("ids", expanding=True)))
    for name, after in edit.values.items():
        ids = sorted(r for p in moving[name] for r in (p, *records.get(p, ())))
        for start in range(0, len(ids), _CHUNK):
            chunk = {"ids": ids[start : start + _CHUNK]}
            connection.execute(statement.values({name: after}), chunk)


def bulk_edit(store: Store, people: Iterable[int], edit: Edit, apply: bool) -> Plan:
    """The plan of ``edit`` for ``people``; with ``apply``, also done, in one transaction
    (nothing is written when anything is refused)."""
    if not apply:
        with store.connect() as connection:
            return plan_edit(connection, people, edit)
    with store.begin() as connection:
        plan, moving = _planned(connection, people, edit)
        _set_fields(connection, edit, moving)
        if edit.add_tags:
            tagging.add_tags(connection, plan.people, edit.add_tags)
        if edit.remove_tags:
            tagging.remove_tags(connection, plan.people, edit.remove_tags)
    return replace(plan, applied=True)


def describe(plan: Plan, language: str) -> list[str]:
    """What a plan changes, in ``language``: how many people match and change, then per field
    each move (from → to, how many), then per tag how many get or lose it."""
    lines = [plural("bulk.plan", len(plan.people), language, changed=plan.changed)]
    grouped: dict[str, list[FieldChange]] = {}
    for change in plan.changes:
        grouped.setdefault(change.field, []).append(change)
    for name, changes in grouped.items():
        field_name = text(f"bulk.field.{name}", language)
        for change in changes[:SHOWN]:
            lines.append(
                text(
                    "bulk.change",
                    language,
                    field=field_name,
                    before=change.before or NOTHING,
                    after=change.after or NOTHING,
                    count=change.count,
                )
            )
        rest = changes[SHOWN:]
        if rest:
            lines.append(
                text(
                    "bulk.more",
                    language,
                    field=field_name,
                    values=len(rest),
                    after=rest[0].after or NOTHING,
                    count=sum(c.count for c in rest),
                )
            )
    for tag, count in plan.tags_added.items():
        lines.append(text("bulk.tag_added", language, tag=tag, count=count))
    for tag, count in plan.tags_removed.items():
        lines.append(text("bulk.tag_removed", language, tag=tag, count=count))
    return lines
