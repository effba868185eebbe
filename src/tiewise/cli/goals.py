"""``tiewise goals catalogue|add|list|remove``: naming what the network is for."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import typer

from tiewise import model
from tiewise.cli.base import (
    JsonOption,
    _print_json,
    _state,
    app,
    console,
)
from tiewise.errors import InputError, not_one_of

goals_app = typer.Typer(help="Name your networking goals: the catalogue, add, list, remove.")
app.add_typer(goals_app, name="goals")


# --- goals and advice


def _parse_targets(values: list[str]) -> tuple[model.GoalTarget, ...]:
    """``attribute=value`` pairs; ``org`` is short for organisation."""
    targets = []
    names = ", ".join(a.value for a in model.TargetAttribute)
    for raw in values:
        attribute, sep, value = raw.partition("=")
        attribute = {"org": "organisation"}.get(
            attribute.strip().lower(), attribute.strip().lower()
        )
        if (
            not sep
            or not value.strip()
            or attribute not in {a.value for a in model.TargetAttribute}
        ):
            raise InputError(
                f"--target: expected ATTRIBUTE=VALUE with ATTRIBUTE one of {names}, found {raw!r}",
                field="target",
                key="error.goal_target",
                values={"names": names, "found": raw},
            )
        targets.append(model.GoalTarget(model.TargetAttribute(attribute), value.strip()))
    return tuple(targets)


def _goal_json(goal: model.Goal, language: str) -> dict[str, Any]:
    from tiewise.goals import goal_class, goal_label

    return {
        "id": goal.id,
        "key": goal.key,
        "label": goal_label(goal, language),
        "class": goal_class(goal).value,
        "class_overridden": goal.goal_class is not None,
        "priority": goal.priority,
        "targets": [{"attribute": t.attribute.value, "value": t.value} for t in goal.targets],
    }


@goals_app.command("catalogue")
def goals_catalogue(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The thirteen goals of the column, with their class, tie profile and sources."""
    from rich.table import Table

    from tiewise.goals import CATALOGUE

    state = _state(ctx)
    nl = state.language == "nl"
    rows = [
        {
            "key": g.key,
            "label": g.label(state.language),
            "description": g.description_nl if nl else g.description_en,
            "class": g.goal_class.value,
            "profile": {
                "strength": g.profile.strength,
                "structure": g.profile.structure,
                "composition": g.profile.composition,
            },
            "rationale": g.rationale,
        }
        for g in CATALOGUE
    ]
    if as_json:
        _print_json(rows)
        return
    table = Table()
    for column in ("col.key", "col.goal", "col.goal_class", "col.ties_needed"):
        table.add_column(state.t(column))
    for row in rows:
        profile = row["profile"]
        table.add_row(
            row["key"],
            f"{row['label']} — {row['description']}",
            state.t(f"goalclass.{row['class']}"),
            f"{profile['strength']}, {profile['structure']}, {profile['composition']}",
        )
    console.print(table)
    console.print(state.t("goals.custom_hint"))


@goals_app.command("add")
def goals_add(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="A catalogue key (see goals catalogue) or 'custom'.")],
    priority: Annotated[
        int | None, typer.Option(min=1, max=5, help="1 (low) to 5 (high); new goals: 3.")
    ] = None,
    target: Annotated[
        list[str] | None,
        typer.Option(
            help="Target segment, ATTRIBUTE=VALUE: sector, role, region, organisation "
            "(repeatable); given, they replace the goal's targets."
        ),
    ] = None,
    goal_class: Annotated[
        model.GoalClass | None,
        typer.Option("--class", help="Override the catalogue's class."),
    ] = None,
    label: Annotated[
        str | None, typer.Option(help="Your own name for it (needed for 'custom').")
    ] = None,
) -> None:
    """Add a goal, or change the priority, targets and class of one you have (what you do not
    give stays as it is)."""
    from tiewise.goals import BY_KEY, CUSTOM, goal_label
    from tiewise.store import repository as repo

    state = _state(ctx)
    key = key.strip().lower()
    if key not in BY_KEY and key != CUSTOM:
        raise not_one_of("key", [*BY_KEY, CUSTOM], key, "KEY")
    if key == CUSTOM and not (label and label.strip()):
        raise InputError(
            "--label: expected a name for the custom goal, found none",
            field="label",
            key="error.goal_label",
        )
    goal = model.Goal(
        key=key,
        priority=priority or 3,
        label=label.strip() if label else None,
        goal_class=goal_class,
        targets=_parse_targets(target or []),
    )
    with state.store.begin() as connection:
        same = [
            g
            for g in repo.load_goals(connection)
            if g.key == key
            and (key != CUSTOM or (g.label or "").casefold() == goal.label.casefold())  # type: ignore[union-attr]
        ]
        if same:
            kept = same[0]
            goal = replace(
                goal,
                priority=priority or kept.priority,
                label=goal.label or kept.label,
                goal_class=goal_class or kept.goal_class,
                targets=goal.targets if target else kept.targets,
            )
            repo.update_goal(connection, kept.id, goal)  # type: ignore[arg-type]
            message = "goals.updated"
        else:
            repo.add_goal(connection, goal)
            message = "goals.added"
    console.print(state.t(message, goal=goal_label(goal, state.language)))


@goals_app.command("list")
def goals_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your goals, highest priority first."""
    from rich.table import Table

    from tiewise.store import repository as repo

    state = _state(ctx)
    with state.store.connect() as connection:
        goals = sorted(repo.load_goals(connection), key=lambda g: (-g.priority, g.id))
    rows = [_goal_json(g, state.language) for g in goals]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        console.print(state.t("report.no_goals"))
        return
    table = Table()
    for column in ("col.id", "col.goal", "col.goal_class", "col.priority", "col.targets"):
        table.add_column(state.t(column))
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["label"],
            state.t(f"goalclass.{row['class']}") + (" *" if row["class_overridden"] else ""),
            str(row["priority"]),
            ", ".join(f"{t['attribute']}={t['value']}" for t in row["targets"]) or "—",
        )
    console.print(table)


@goals_app.command("remove")
def goals_remove(
    ctx: typer.Context,
    goal: Annotated[str, typer.Argument(help="The goal's key, or its id (see goals list).")],
) -> None:
    """Remove a goal (outcomes that served it are kept, without the goal); goals restore puts
    it back."""
    from datetime import datetime

    from tiewise.goallog import remove_goal
    from tiewise.goals import goal_label

    state = _state(ctx)
    removal = remove_goal(state.store, goal, datetime.now())
    console.print(state.t("goals.removed", goal=goal_label(removal.goal, state.language)))
    console.print(state.t("goals.restore_cli", id=removal.id))


@goals_app.command("restore")
def goals_restore(
    ctx: typer.Context,
    removal: Annotated[
        int | None, typer.Argument(help="The number of a removed goal; without it: the list.")
    ] = None,
) -> None:
    """Put a removed goal back, with its targets and the outcomes that served it. Without a
    number: the goals removed, newest first."""
    from datetime import datetime

    from tiewise.display import day
    from tiewise.goallog import removed_goals, restore_goal
    from tiewise.goals import goal_label
    from tiewise.store import repository as repo

    state = _state(ctx)
    if removal is not None:
        goal = restore_goal(state.store, removal, datetime.now())
        console.print(state.t("goals.restored", goal=goal_label(goal, state.language)))
        return
    with state.store.connect() as connection:
        removed = removed_goals(repo.load_settings(connection))
    if not removed:
        console.print(state.t("goals.removed_none"))
    for r in removed:
        label = goal_label(r.goal, state.language)
        removed_on = day(r.removed_at.date(), state.language)
        line = state.t("goals.removed_row", id=r.id, goal=label, date=removed_on)
        console.print(line, markup=False)
