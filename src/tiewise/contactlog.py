"""Recording contact — the write side of ``tiewise log``, ``tiewise plan done``, ``tiewise
interactions`` and the web's *Log contact* forms.

One activity with several people is one interaction with each of them as a participant, stored
like an imported one (origin ``manual``). Tie strength, recency, reciprocity and the
keep-in-touch cadence therefore count it exactly as they count imported mail or meetings
(``analysis/strength.py``; docs/method.md): one model, one table.

Each function is one transaction: an error changes nothing. Errors name the field as the caller
calls it (``where``: ``--on`` on the command line, ``on`` in a form).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from tiewise import model
from tiewise.errors import InputError, NotFoundError, not_one_of
from tiewise.eventlog import Where, option
from tiewise.i18n import plural, text
from tiewise.store import Store
from tiewise.store import repository as repo

Kind = model.InteractionKind
LOG_KINDS = model.LOG_KINDS
WRITTEN = frozenset({Kind.MESSAGE, Kind.EMAIL})  # I wrote to them, unless told otherwise
MAX_MINUTES = 24 * 60
SOURCE = "manual"
CHANNEL = "tiewise"
DAY_TIME = time(12, 0)  # an earlier day without a time of day is logged at noon
SAME_MOMENT = timedelta(minutes=10)  # closer than this, the same activity logged twice


def default_direction(kind: Kind) -> model.Direction:
    """A meeting, call or meal is contact both ways (docs/method.md); a message or e-mail I log
    is one I sent."""
    return model.Direction.OUTBOUND if kind in WRITTEN else model.Direction.MUTUAL


def parse_kind(raw: str, where: Where = option) -> Kind:
    value = raw.strip().casefold()
    for kind in LOG_KINDS:
        if kind.value == value:
            return kind
    raise not_one_of("kind", [k.value for k in LOG_KINDS], raw, where("kind"))


def parse_moment(raw: str | None, now: datetime, where: Where = option) -> datetime:
    """``YYYY-MM-DD`` (today: now; an earlier day: at noon) or ``YYYY-MM-DD HH:MM``; empty
    means now. Never after ``now``: a logged activity has happened."""
    text = (raw or "").strip()
    if not text:
        return now.replace(microsecond=0)
    try:
        if len(text) <= 10:
            day = date.fromisoformat(text)
            moment = (
                now.replace(microsecond=0) if day == now.date() else datetime.combine(day, DAY_TIME)
            )
        else:
            moment = datetime.fromisoformat(text.replace("T", " "))
    except ValueError as error:
        raise InputError(
            f"{where('on')}: expected a date YYYY-MM-DD (or YYYY-MM-DD HH:MM), found {text!r}",
            field="on",
            key="error.expected_date",
            values={"found": text},
        ) from error
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    if moment > now:
        raise InputError(
            f"{where('on')}: expected a moment on or before {now:%Y-%m-%d %H:%M} (it has "
            f"happened), found {text!r}",
            field="on",
            key="error.future",
            values={"today": now.date().isoformat(), "found": text},
        )
    return moment


def parse_minutes(raw: str | int | None, where: Where = option) -> int | None:
    """Minutes spent: a whole number from 1 to 1440, or nothing."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip()
    try:
        minutes = int(text)
    except ValueError:
        minutes = 0
    if not 1 <= minutes <= MAX_MINUTES:
        raise InputError(
            f"{where('minutes')}: expected a whole number of minutes from 1 to {MAX_MINUTES}, "
            f"found {text!r}",
            field="minutes",
            key="error.minutes",
            values={"high": MAX_MINUTES, "found": text},
        )
    return minutes


def resolve_people(
    connection: Any,
    names: Sequence[str],
    where: Where = option,
    chosen: dict[str, int] | None = None,
    field: str = "people",
) -> list[int]:
    """The contact ids a user means by ``names`` (see ``repository.find_contact``). Every name
    that matches no one or several people is reported at once, with the candidates; ``chosen``
    maps a name that matched several to the one the user picked."""
    ids: list[int] = []
    problems: list[NotFoundError] = []
    for name in names:
        if not name.strip():
            continue
        try:
            picked = (chosen or {}).get(name.strip())
            contact = repo.find_contact(connection, str(picked) if picked else name.strip())
        except NotFoundError as error:
            problems.append(error)
            continue
        if contact.id not in ids:
            ids.append(int(contact.id))  # type: ignore[arg-type]
    if problems:
        first = problems[0]  # a form offers the candidates of one name at a time
        raise NotFoundError(
            "; ".join(str(p) for p in problems),
            candidates=first.candidates,
            name=first.name,
            field=field,
            key=first.key,
            values=first.values,
            also=problems[1:],
        )
    if not ids:
        raise InputError(
            f"{where(field)}: expected at least one person, found none",
            field=field,
            key="error.no_people",
        )
    return ids


@dataclass(frozen=True)
class Logged:
    interaction_id: int
    kind: Kind
    occurred_at: datetime
    names: tuple[str, ...]


def log_contact(
    store: Store,
    contact_ids: Sequence[int],
    kind: Kind,
    occurred_at: datetime,
    *,
    minutes: int | None = None,
    note: str | None = None,
    direction: model.Direction | None = None,
) -> Logged:
    """Record one activity with the people ``contact_ids`` (one interaction, each a participant).
    The same activity logged again — same kind, people, note and minutes, within ten minutes —
    is refused: a second click or a repeated command adds nothing; another time or note is
    another activity."""
    with store.begin() as connection:
        return record_contact(
            connection,
            contact_ids,
            kind,
            occurred_at,
            minutes=minutes,
            note=note,
            direction=direction,
            recorded_at=datetime.now(),
        )


def record_contact(
    connection: Any,
    contact_ids: Sequence[int],
    kind: Kind,
    occurred_at: datetime,
    *,
    minutes: int | None = None,
    note: str | None = None,
    direction: model.Direction | None = None,
    recorded_at: datetime,
) -> Logged:
    """``log_contact`` inside a transaction the caller holds, with the moment it was recorded
    (the demo logs its week this way, at moments derived from its ``today``)."""
    people = tuple(dict.fromkeys(contact_ids))
    names = tuple(repo.load_contact(connection, i).name for i in people)
    subject = (note or "").strip() or None
    for interaction_id, when, said, length, participants in repo.same_day_interactions(
        connection, occurred_at.date(), kind, SOURCE
    ):
        if (
            participants == set(people)
            and said == subject
            and length == minutes
            and abs(when - occurred_at) < SAME_MOMENT
        ):
            label = "contact" if kind == Kind.OTHER else kind.value
            raise InputError(
                f"this {label} with {', '.join(names)} at {when:%Y-%m-%d %H:%M} is already "
                f"recorded (interaction {interaction_id}); give another time or note to log "
                "another one",
                key="error.already_logged",
                values={"id": interaction_id},
            )
    origin = repo.add_origin(connection, SOURCE, recorded_at)
    (interaction_id,) = repo.add_interactions(
        connection,
        [
            model.Interaction(
                occurred_at,
                kind,
                CHANNEL,
                direction or default_direction(kind),
                people,
                duration_minutes=minutes,
                subject=subject,
            )
        ],
        origin,
    )
    return Logged(interaction_id, kind, occurred_at, names)


def interactions_of(store: Store, contact: model.Contact) -> list[dict[str, Any]]:
    """Every interaction with ``contact`` (and the records merged into it), newest first, with
    its source and the names of everyone in it."""
    with store.connect() as connection:
        ids = repo.merged_group(connection, int(contact.id))  # type: ignore[arg-type]
        rows = repo.interactions_with(connection, ids)
        names = repo.contact_names(connection, {i for row in rows for i in row["participants"]})
    return [
        {
            "id": row["id"],
            "occurred_at": row["occurred_at"],
            "kind": row["kind"],
            "direction": row["direction"],
            "minutes": row["duration_minutes"],
            "subject": row["subject"],
            "source": _source(row),
            "file": row["file"],
            "line": row["origin_line"],
            "with": [names.get(i, "?") for i in row["participants"]],
            "participant_ids": list(row["participants"]),
            "key": row["external_key"],
            "removable": _source(row) in (SOURCE, "event"),
        }
        for row in rows
    ]


def _source(row: dict[str, Any]) -> str:
    if (row["external_key"] or "").startswith("encounter:"):
        return "event"
    return row["source"] or "unknown"


def remove_interaction(store: Store, contact: model.Contact, interaction_id: int) -> dict:
    """Remove a wrong entry: one I logged, or a meeting at an event (the person is then no
    longer listed as met there). An activity shared with others stays theirs: only this person
    is taken out of it (``others_kept`` says how many stay). An imported one is refused: the
    next import of its file would bring it back, so it is corrected at the source."""
    for row in interactions_of(store, contact):
        if row["id"] == interaction_id:
            break
    else:
        raise NotFoundError(
            f"{contact.name} has no interaction {interaction_id}; "
            f"see: tiewise interactions {contact.id}",
            key="error.no_interaction",
            values={"name": contact.name, "id": str(interaction_id), "contact": str(contact.id)},
        )
    if not row["removable"]:
        where = row["file"] or row["source"]
        line = f", line {row['line']}" if row["line"] else ""
        raise InputError(
            f"interaction {interaction_id} came from {where}{line}; the next import would bring it "
            "back — correct it at its source",
            key="error.imported_interaction",
            values={"id": interaction_id, "source": f"{where}{line}"},
        )
    with store.begin() as connection:
        mine = repo.merged_group(connection, int(contact.id))  # type: ignore[arg-type]
        others = [i for i in row["participant_ids"] if i not in mine]
        if row["source"] == "event":
            _, occurrence, person = row["key"].split(":")
            repo.delete_encounter(connection, int(occurrence), int(person), model.EncounterKind.MET)
        if others:  # shared with others: only this person is taken out of it
            repo.remove_participants(connection, interaction_id, mine)
        else:
            repo.delete_interaction(connection, interaction_id)
    return {**row, "others_kept": len(others)}


def removed_message(row: dict, name: str, language: str) -> str:
    """What removing an interaction did: removed it, or took one person out of a shared one."""
    day = row["occurred_at"].date().isoformat()
    if row["others_kept"]:
        return plural(
            "log.removed_person", row["others_kept"], language, name=name, id=row["id"], day=day
        )
    return text("log.removed", language, id=row["id"], day=day)
