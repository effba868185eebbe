"""Adding and editing contacts by hand, and saying who I am — the write side shared by
``tiewise contact add|edit``, ``tiewise me`` and the web app's forms (*New contact*, *Edit
details*, *Who you are*). One rule, one place: what a valid identifier is, that an identifier
belongs to one person only, that a name is not empty, which birthdays exist.

Each write is one transaction: an error changes nothing. Errors name the field as the caller
calls it (``where``: ``--email`` on the command line, ``email`` in a form) and carry a message
key, so that a form marks the field and says it in the page's language.

Edits name what changes: a field absent from ``changes`` stays as it is, a field given as
``None`` (or an empty text) is cleared. Identifiers are added and removed as lists — the command
line adds (``--email``), a form replaces what it showed (:func:`identifier_changes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from tiewise import model
from tiewise.errors import InputError
from tiewise.eventlog import Where, option
from tiewise.identifiers import identifier
from tiewise.model import IdentifierKind as IK
from tiewise.store import Store, editing
from tiewise.store import repository as repo
from tiewise.store.tags import add_tags, clean_tag, remove_tags, tag_key, tags_of

#: The descriptive fields of a contact a person edits (identifiers and the tie apart).
CONTACT_FIELDS = ("name", *model.CONTACT_FIELDS)
#: The fields of the tie with a contact.
TIE_FIELDS = ("closeness", "contexts", "met_how", "met_on", "status", "cadence_days")
#: The fields of me besides my identifiers.
ME_FIELDS = ("name", "organisation", "role", "sector", "region")
#: The kinds of identifier a person types, with the field that holds them (``--email`` …).
IDENTIFIER_FIELDS = {IK.EMAIL: "email", IK.PHONE: "phone", IK.PROFILE_URL: "url"}
MAX_CADENCE = 3650  # days: once in ten years is the slowest keep-in-touch rhythm


def parse_identifiers(
    values: Mapping[IK, Iterable[str]], where: Where = option
) -> tuple[model.Identifier, ...]:
    """The identifiers typed, in normal form (``tiewise.identifiers``); empty values are
    skipped, a value that is no e-mail address, phone number or URL is refused."""
    found: list[model.Identifier] = []
    for kind, raw_values in values.items():
        field = IDENTIFIER_FIELDS[kind]
        for raw in raw_values:
            value = raw.strip()
            if not value:
                continue
            normal = identifier(kind, value, model.Origin("manual"))
            if normal is None:
                raise InputError(
                    f"{where(field)}: not a valid {kind.value}: {value!r}",
                    field=field,
                    key=f"error.invalid_{field}",
                    values={"found": value},
                )
            if all((i.kind, i.value) != (normal.kind, normal.value) for i in found):
                found.append(normal)
    return tuple(found)


def parse_birthday(
    raw: str | None, where: Where = option, today: date | None = None
) -> model.Birthday | None:
    """A birthday typed: ``YYYY-MM-DD``, or ``--MM-DD`` when the year is not known (the rule
    is ``birthdays.parse_birthday``'s); empty is none. A day that does not exist (31
    February) or lies after ``today`` is refused."""
    from tiewise.birthdays import birthday_input

    text = (raw or "").strip()
    if not text:
        return None
    try:
        return birthday_input(text, where("birthday"), today or date.today())
    except InputError as error:
        error.field = "birthday"  # the form's field, whatever the message calls it
        raise


def parse_contexts(values: Iterable[str]) -> tuple[str, ...]:
    """Contexts of a tie (work, family, club …): trimmed, lower case, each once."""
    seen: list[str] = []
    for value in values:
        for part in value.replace(";", ",").split(","):
            context = part.strip().lower()
            if context and context not in seen:
                seen.append(context)
    return tuple(seen)


def check_closeness(value: int | None, where: Where = option) -> int | None:
    """A self-rated closeness: 1 (distant) to 5 (very close), or none (not rated)."""
    if value is not None and not 1 <= value <= 5:
        raise InputError(
            f"{where('closeness')}: expected a number from 1 to 5, found {value!r}",
            field="closeness",
            key="error.number",
            values={"low": 1, "high": 5, "found": value},
        )
    return value


def check_cadence(value: int | None, where: Where = option) -> int | None:
    """A keep-in-touch cadence: every 1 to 3650 days, or none (the plan then chooses)."""
    if value is not None and not 1 <= value <= MAX_CADENCE:
        raise InputError(
            f"{where('cadence_days')}: expected a number of days from 1 to {MAX_CADENCE}, "
            f"found {value!r}",
            field="cadence_days",
            key="error.number",
            values={"low": 1, "high": MAX_CADENCE, "found": value},
        )
    return value


def check_name(value: object, where: Where = option, field: str = "name") -> str:
    """A name given, trimmed; an empty one is refused (a person, and I, always have one)."""
    text = str(value or "").strip()
    if not text:
        raise InputError(
            f"{where(field)}: expected a name, found an empty text",
            field=field,
            key="error.required",
            values={"field": field},
        )
    return text


def _text(value: object) -> str | None:
    """A descriptive field: trimmed, ``None`` when empty."""
    if value is None:
        return None
    return str(value).strip() or None


def _cleaned(changes: Mapping[str, Any], where: Where) -> dict[str, Any]:
    cleaned = {}
    for key, value in changes.items():
        if key == "name":
            cleaned[key] = check_name(value, where)
        elif key == "birthday":
            cleaned[key] = value
        else:
            cleaned[key] = _text(value)
    return cleaned


def _tie_changes(changes: Mapping[str, Any], where: Where) -> dict[str, Any]:
    cleaned = dict(changes)
    if "closeness" in cleaned:
        check_closeness(cleaned["closeness"], where)
    if "cadence_days" in cleaned:
        check_cadence(cleaned["cadence_days"], where)
    if "contexts" in cleaned:
        cleaned["contexts"] = parse_contexts(cleaned["contexts"] or ())
    if "met_how" in cleaned:
        cleaned["met_how"] = _text(cleaned["met_how"])
    return cleaned


def refuse_known_identifiers(
    connection: Any,
    identifiers: Iterable[model.Identifier],
    where: Where = option,
    allowed: Iterable[int] = (),
) -> None:
    """Refuse an identifier that already belongs to a contact (other than the records
    ``allowed``: the person being edited) or to me: an identifier names one person."""
    wanted = list(identifiers)
    if not wanted:
        return
    own = set(allowed)
    mine = {(i.kind, i.value) for i in repo.load_me(connection).identifiers}
    for i in wanted:
        field = IDENTIFIER_FIELDS.get(i.kind, i.kind.value)
        owner_id = repo.contact_with_identifier(connection, i.kind, i.value)
        if owner_id is not None and owner_id not in own:
            owner = repo.load_contact(connection, repo.merged_group(connection, owner_id)[0])
            raise InputError(
                f"{where(field)}: {i.kind.value} {i.value} already belongs to {owner.name} "
                f"(id {owner.id}); edit that contact instead",
                field=field,
                key="error.identifier_taken",
                values={"value": i.value, "name": owner.name, "id": owner.id},
            )
        if (i.kind, i.value) in mine:
            raise InputError(
                f"{where(field)}: {i.kind.value} {i.value} is yours (tiewise me)",
                field=field,
                key="error.identifier_mine",
                values={"value": i.value},
            )


def add_contact(
    store: Store,
    contact: model.Contact,
    tie: model.Tie | None = None,
    when: datetime | None = None,
    where: Where = option,
    tags: Sequence[str] = (),
) -> int:
    """Add a contact entered by hand, with the tie with them and ``tags``; returns the new id."""
    fields = _cleaned({f: getattr(contact, f) for f in CONTACT_FIELDS}, where)
    tie_fields = _tie_changes(
        {f: getattr(tie, f) for f in TIE_FIELDS} if tie is not None else {}, where
    )
    with store.begin() as connection:
        refuse_known_identifiers(connection, contact.identifiers, where)
        origin_id = repo.add_origin(connection, "manual", when or datetime.now())
        (contact_id,) = repo.add_contacts(
            connection,
            [model.Contact(**fields, identifiers=contact.identifiers)],
            origin_id,
        )
        repo.save_ties(connection, [model.Tie(contact_id=contact_id, **tie_fields)])
        set_tags(connection, contact_id, tags)
    return contact_id


def edit_contact(
    store: Store,
    contact_id: int,
    changes: Mapping[str, Any] = {},
    tie_changes: Mapping[str, Any] = {},
    *,
    added: Sequence[model.Identifier] = (),
    removed: Sequence[model.Identifier] = (),
    when: datetime | None = None,
    where: Where = option,
    tags: Sequence[str] | None = None,
) -> model.Contact:
    """Change a person (every record merged into one) and the tie with them, so that they read
    as given: a field changed is written on the surviving record and cleared on the records
    merged into it (which would otherwise show through, ``model.fold_contact``); a field given
    as it is changes nothing. ``removed`` identifiers go from every record; ``added`` ones
    already theirs are left alone, those of someone else refused. Setting the status by hand
    undoes an accepted *let go* (``decisionlog.status_changed``); ``tags``, when given, become
    the person's tags (a form that lists them all). Returns the person as they now read."""
    from tiewise.decisionlog import status_changed

    unknown = set(changes) - set(CONTACT_FIELDS) | set(tie_changes) - set(TIE_FIELDS)
    if unknown:
        raise ValueError(f"not a field of a contact or tie: {', '.join(sorted(unknown))}")
    fields = _cleaned(changes, where)
    tie_fields = _tie_changes(tie_changes, where)
    with store.begin() as connection:
        group = repo.merged_group(connection, contact_id)
        records = [repo.load_contact(connection, record) for record in group]
        person = model.fold_contact(records)
        ties = [repo.load_tie(connection, record) for record in group]
        tie = model.fold_tie(group[0], ties)
        fields = {k: v for k, v in fields.items() if getattr(person, k) != v}
        tie_fields = {k: v for k, v in tie_fields.items() if not _same(getattr(tie, k), v)}
        held = {(i.kind, i.value) for i in person.identifiers}
        remaining = held - {(i.kind, i.value) for i in removed}
        new = [i for i in added if (i.kind, i.value) not in remaining]
        refuse_known_identifiers(connection, new, where, allowed=group)
        if fields:
            cleared = {k: None for k in fields if k != "name"}
            repo.update_contacts(
                connection,
                [replace(records[0], **fields)] + [replace(r, **cleared) for r in records[1:]],
            )
        editing.remove_identifiers(connection, group, removed)
        repo.add_identifiers(connection, [(group[0], i) for i in new])
        if tie_fields:
            blank = {k: getattr(model.Tie(group[0]), k) for k in tie_fields}
            changed = [replace(ties[0], **tie_fields)]
            changed += [replace(t, **blank) for t in ties[1:] if replace(t, **blank) != t]
            repo.save_ties(connection, changed)
            if "status" in tie_fields:
                status_changed(connection, group[0], tie_fields["status"], when or datetime.now())
        if tags is not None:
            set_tags(connection, group[0], tags)
        return model.fold_contact([repo.load_contact(connection, record) for record in group])


def set_tags(connection: Any, person: int, tags: Sequence[str]) -> None:
    """Make ``tags`` (as typed, each checked by ``tags.clean_tag``) the person's tags: those
    not listed go, those new come (a tag kept in another spelling stays as it was)."""
    wanted = {tag_key(t): t for t in (clean_tag(raw, "tags") for raw in tags)}
    held = tags_of(connection, [person]).get(person, [])
    remove_tags(connection, [person], [t for t in held if tag_key(t) not in wanted])
    add_tags(connection, [person], list(wanted.values()))


def _same(before: object, after: object) -> bool:
    """Whether a tie field given is what the tie has (contexts in any order)."""
    if isinstance(before, tuple) and isinstance(after, tuple):
        return set(before) == set(after)
    return before == after


def identifier_changes(
    shown: Iterable[model.Identifier],
    typed: Iterable[model.Identifier],
    kinds: Iterable[IK] = tuple(IDENTIFIER_FIELDS),
) -> tuple[list[model.Identifier], list[model.Identifier]]:
    """What a form that showed ``shown`` and now holds ``typed`` adds and removes, for the
    ``kinds`` it lists (a source id, which no form shows, is never removed)."""
    listed = set(kinds)
    before = {(i.kind, i.value): i for i in shown if i.kind in listed}
    after = {(i.kind, i.value): i for i in typed if i.kind in listed}
    added = [i for key, i in after.items() if key not in before]
    removed = [i for key, i in before.items() if key not in after]
    return added, removed


def save_me(
    store: Store,
    changes: Mapping[str, Any] = {},
    *,
    added: Sequence[model.Identifier] = (),
    removed: Sequence[model.Identifier] = (),
    where: Where = option,
) -> model.Me:
    """Change who I am — my name and what imports recognise me by (e-mail addresses, phone
    numbers, profile URLs) — and return me as I now am. A name given may not be empty."""
    unknown = set(changes) - set(ME_FIELDS)
    if unknown:
        raise ValueError(f"not a field of me: {', '.join(sorted(unknown))}")
    fields = _cleaned(changes, where)
    with store.begin() as connection:
        current = repo.load_me(connection)
        gone = {(i.kind, i.value) for i in removed}
        identifiers = [i for i in current.identifiers if (i.kind, i.value) not in gone]
        held = {(i.kind, i.value) for i in identifiers}
        identifiers += [i for i in added if (i.kind, i.value) not in held]
        me = model.Me(
            name=fields.get("name", current.name),
            identifiers=tuple(identifiers),
            organisation=fields.get("organisation", current.organisation),
            role=fields.get("role", current.role),
            sector=fields.get("sector", current.sector),
            region=fields.get("region", current.region),
        )
        if me != current:
            repo.save_me(connection, me)
    return me


def find_person(store: Store, contact_id: int) -> model.Contact:
    """The person a contact id belongs to (the surviving record of a merge)."""
    with store.connect() as connection:  # NotFoundError when unknown
        return repo.load_contact(connection, repo.merged_group(connection, contact_id)[0])
