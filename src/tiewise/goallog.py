"""Removing a goal and restoring it — the write side of ``tiewise goals remove | restore`` and
of the goals page's *Remove* and *Restore*.

Removing a goal deletes it and its targets; outcomes recorded as serving it stay, without a goal
(``repository.remove_goal``). So that a removal can be undone, the goal as it was — key, label,
priority, class, targets — and the outcomes that served it are kept in a removal record,
``goal.removed.<n>`` in the setting table (JSON; the Snapshot and the export carry it like any
setting). Restoring adds the goal again with all of that and links those outcomes to it again
(those not given another goal since); the record stays, marked restored, as an undone decision
does. A goal by the same key (for a custom goal: the same name) added since blocks a restore:
change that one instead. Each function is one transaction.

Why a record rather than a ``removed_at`` column: no other reader of goals (the Snapshot, the
fit, the report, outcomes, the export) has to learn to skip removed ones, and no migration.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from tiewise import model
from tiewise.errors import InputError, NotFoundError
from tiewise.goals import CUSTOM
from tiewise.store import Store, editing
from tiewise.store import repository as repo

REMOVED_PREFIX = "goal.removed."


@dataclass(frozen=True)
class RemovedGoal:
    """A goal removed: ``id`` numbers the removal (``tiewise goals restore ID``)."""

    id: int
    goal: model.Goal
    outcomes: tuple[int, ...]
    removed_at: datetime
    restored_at: datetime | None = None

    @property
    def key(self) -> str:
        return f"{REMOVED_PREFIX}{self.id}"

    def as_json(self) -> dict[str, Any]:
        goal = self.goal
        return {
            "goal": {
                "id": goal.id,
                "key": goal.key,
                "label": goal.label,
                "priority": goal.priority,
                "class": goal.goal_class.value if goal.goal_class else None,
                "targets": [
                    {"attribute": t.attribute.value, "value": t.value} for t in goal.targets
                ],
            },
            "outcomes": list(self.outcomes),
            "removed_at": self.removed_at.isoformat(timespec="seconds"),
            "restored_at": self.restored_at.isoformat(timespec="seconds")
            if self.restored_at
            else None,
        }

    @classmethod
    def from_setting(cls, key: str, value: str) -> RemovedGoal:
        data = json.loads(value)
        goal = data["goal"]
        return cls(
            id=int(key[len(REMOVED_PREFIX) :]),
            goal=model.Goal(
                key=goal["key"],
                priority=int(goal["priority"]),
                label=goal.get("label"),
                goal_class=model.GoalClass(goal["class"]) if goal.get("class") else None,
                targets=tuple(
                    model.GoalTarget(model.TargetAttribute(t["attribute"]), t["value"])
                    for t in goal.get("targets", ())
                ),
                id=goal.get("id"),
            ),
            outcomes=tuple(int(i) for i in data.get("outcomes", ())),
            removed_at=datetime.fromisoformat(data["removed_at"]),
            restored_at=datetime.fromisoformat(data["restored_at"])
            if data.get("restored_at")
            else None,
        )


def removed_goals(
    settings: Iterable[tuple[str, str]], include_restored: bool = False
) -> list[RemovedGoal]:
    """The goals removed (from the setting pairs of a Snapshot or the store), newest first;
    those restored since only with ``include_restored``."""
    found = []
    for key, value in settings:
        if key.startswith(REMOVED_PREFIX) and key[len(REMOVED_PREFIX) :].isdigit():
            try:
                removal = RemovedGoal.from_setting(key, value)
            except (ValueError, KeyError, TypeError):
                continue  # a record damaged by hand is left alone
            if include_restored or removal.restored_at is None:
                found.append(removal)
    return sorted(found, key=lambda r: -r.id)


def find_goal(goals: Iterable[model.Goal], reference: str) -> model.Goal:
    """The goal meant by its key or its id."""
    wanted = reference.strip()
    matches = [g for g in goals if str(g.id) == wanted or g.key == wanted.lower()]
    if len(matches) != 1:
        found = ", ".join(f"{g.id} {g.key}" for g in matches) or "no goal"
        raise NotFoundError(
            f"goal {reference!r}: expected exactly one goal, found {found}",
            key="error.no_goal",
            values={"goal": reference},
        )
    return matches[0]


def remove_goal(store: Store, reference: str, when: datetime) -> RemovedGoal:
    """Remove the goal ``reference`` (key or id), keeping what restoring it needs."""
    with store.begin() as connection:
        goal = find_goal(repo.load_goals(connection), reference)
        known = removed_goals(repo.load_settings(connection), include_restored=True)
        removal = RemovedGoal(
            id=max((r.id for r in known), default=0) + 1,
            goal=goal,
            outcomes=tuple(editing.outcomes_serving(connection, goal.id)),  # type: ignore[arg-type]
            removed_at=when,
        )
        repo.remove_goal(connection, goal.id)  # type: ignore[arg-type]
        repo.set_setting(connection, removal.key, json.dumps(removal.as_json()))
    return removal


def _same_goal(a: model.Goal, b: model.Goal) -> bool:
    if a.key != b.key:
        return False
    return a.key != CUSTOM or (a.label or "").casefold() == (b.label or "").casefold()


def restore_goal(store: Store, removal_id: int, when: datetime) -> model.Goal:
    """Add a removed goal again, with the outcomes that served it; returns the goal."""
    with store.begin() as connection:
        known = {
            r.id: r for r in removed_goals(repo.load_settings(connection), include_restored=True)
        }
        removal = known.get(removal_id)
        if removal is None:
            raise NotFoundError(
                f"no removed goal {removal_id}; see: tiewise goals restore",
                key="error.no_removed_goal",
                values={"id": removal_id},
            )
        if removal.restored_at is not None:
            raise InputError(
                f"removed goal {removal_id} was restored on {removal.restored_at:%Y-%m-%d}",
                key="error.goal_restored",
                values={"id": removal_id, "date": f"{removal.restored_at:%Y-%m-%d}"},
            )
        for goal in repo.load_goals(connection):
            if _same_goal(goal, removal.goal):
                raise InputError(
                    f"goal {goal.key!r} exists again (id {goal.id}); change that one instead",
                    key="error.goal_exists",
                    values={"goal": goal.label or goal.key},
                )
        goal = replace(removal.goal, id=None)
        goal_id = repo.add_goal(connection, goal)
        editing.serve_goal_again(connection, removal.outcomes, goal_id)
        restored = replace(removal, restored_at=when)
        repo.set_setting(connection, restored.key, json.dumps(restored.as_json()))
    return replace(goal, id=goal_id)
