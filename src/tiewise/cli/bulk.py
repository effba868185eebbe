"""What ``tiewise contacts`` needs for its search and its bulk edit (``--set``, ``--add-tag``,
``--remove-tag``, ``--yes``): reading the options into an :class:`~tiewise.bulkedit.Edit`,
picking the people, and saying what the edit will change (or changed). The command itself is
in ``contacts.py``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from tiewise.bulkedit import Edit, Plan, describe, parse_assignment
from tiewise.errors import InputError, not_one_of
from tiewise.i18n import plural, text
from tiewise.store.tags import clean_tag

if TYPE_CHECKING:
    from tiewise.cli.base import State

SORTS = ("strength", "name", "last")


def edit_of(
    assignments: Sequence[str], add_tags: Sequence[str], remove_tags: Sequence[str]
) -> Edit | None:
    """The bulk edit the options ask for, every value checked; None when they ask for none."""
    values = dict(parse_assignment(raw) for raw in assignments)
    added = tuple(dict.fromkeys(clean_tag(t, "add_tag", "--add-tag") for t in add_tags))
    removed = tuple(dict.fromkeys(clean_tag(t, "remove_tag", "--remove-tag") for t in remove_tags))
    edit = Edit(values, added, removed)
    return None if edit.is_empty() else edit


#: ``analysis.strength.CLASSES``, spelled out here so that checking ``--class`` does not
#: import NumPy and SciPy (0.6 s) for a bulk edit that never analyses (a test keeps them equal).
CLASSES = ("strong", "medium", "weak", "dormant")


def check_choices(tie_class: str | None, sort: str | None) -> None:
    if tie_class is not None and tie_class not in CLASSES:
        raise not_one_of("class", CLASSES, tie_class, "--class")
    if sort is not None and sort not in SORTS:
        raise not_one_of("sort", SORTS, sort, "--sort")


def people_of_class(state: State, tie_class: str, today: date) -> set[int]:
    """The people whose tie is of ``tie_class`` today."""
    from tiewise.analysis.strength import tie_strength
    from tiewise.cli.base import _snapshot

    snapshot = _snapshot(state)
    strength = tie_strength(snapshot, today)
    return {int(i) for i in snapshot.contact_ids[strength.tie_class == tie_class]}


def whom(
    state: State, search: str | None, tag: str | None, tie_class: str | None, today: date
) -> set[int]:
    """The people a bulk edit is for; refused when no option says whom (a bulk edit of
    everyone by a forgotten --search is too easy a mistake)."""
    from tiewise.store.selection import selected

    with state.store.connect() as connection:
        chosen = selected(connection, search, tag)
    if chosen is None and tie_class is None:
        raise InputError(
            "--set, --add-tag, --remove-tag: expected --search, --tag or --class to say whom "
            "to change, found none",
            field="search",
            key="error.bulk_whom",
        )
    if tie_class is not None:
        of_class = people_of_class(state, tie_class, today)
        chosen = of_class if chosen is None else chosen & of_class
    if not chosen:
        raise InputError(
            "--search, --tag, --class: expected at least one contact to change, found none",
            field="search",
            key="error.bulk_none",
        )
    return chosen


def plan_lines(plan: Plan, language: str) -> list[str]:
    """What the plan changes, one line each, then whether it was done, in ``language``."""
    lines = describe(plan, language)
    if plan.changed == 0:
        lines.append(text("bulk.nothing", language))
    elif plan.applied:
        lines.append(plural("bulk.done", len(plan.people), language, changed=plan.changed))
    else:
        lines.append(text("bulk.dry_run", language))
    return lines


def sorted_rows(rows: list[dict[str, Any]], sort: str | None) -> list[dict[str, Any]]:
    """Rows by ``sort``: strength (strongest first), name, last (latest contact first, never
    last); as they are (by id) without it."""
    if sort == "strength":
        return sorted(rows, key=lambda r: -r["strength"])
    if sort == "name":
        return sorted(rows, key=lambda r: (r["name"].casefold(), r["id"]))
    if sort == "last":
        latest = sorted(rows, key=lambda r: r["last_interaction"] or "", reverse=True)
        return [r for r in latest if r["last_interaction"]] + [
            r for r in latest if not r["last_interaction"]
        ]
    return rows
