"""``tiewise sectors``: a sector for each organisation, suggested from the words of its name and
of its people's positions (``tiewise/sectors.py``), reviewed in one list and applied in one
step. ``--apply`` prints what it would change; ``--yes`` writes exactly that, in one
transaction. Only empty sectors are filled unless ``--overwrite`` is given."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiewise.cli.base import JsonOption, State, _print_json, _state, app, console
from tiewise.errors import InputError

if TYPE_CHECKING:
    from tiewise.sectors import Change, OrganisationGroup

SHOWN_NAMES = 5  # names listed per organisation in the changes printed


def _sector_shown(sector: str, language: str) -> str:
    from tiewise.sectors import SECTOR_KEYS, label

    return f"{label(sector, language)} ({sector})" if sector in SECTOR_KEYS else sector


def _choices(
    groups: list[OrganisationGroup],
    only: list[str],
    settings: list[str],
    min_confidence: float,
) -> dict[str, str | None]:
    """``{group key: sector}`` for ``--only`` (or every group) and ``--set``."""
    from tiewise.sectors import check_sector, find_groups, suggested_choices

    suggested = suggested_choices(groups, min_confidence)
    if only:
        chosen: dict[str, str | None] = {}
        for name in only:
            for group in find_groups(groups, name, "--only"):
                chosen[group.key] = suggested.get(group.key)
    else:
        chosen = dict(suggested)
    for item in settings:
        name, sep, sector = item.rpartition("=")
        if not sep or not name.strip():
            raise InputError(
                f"--set: expected ORGANISATION=SECTOR, found {item!r}",
                field="--set",
                key="error.sector_set",
                values={"found": item},
            )
        sector = check_sector(sector, "--set")
        for group in find_groups(groups, name, "--set"):
            chosen[group.key] = sector
    return chosen


def _print_changes(state: State, groups: list[OrganisationGroup], changes: list[Change]) -> None:
    by_group: dict[str, list[Change]] = {}
    for change in changes:
        by_group.setdefault(change.group, []).append(change)
    titles = {g.key: g.title(state.language) for g in groups}
    console.print(
        state.p("sectors.plan", len(changes), contacts=len(changes), groups=len(by_group)),
        highlight=False,
    )
    for key, changed in by_group.items():
        names = [c.name if c.old is None else f"{c.name} ({c.old})" for c in changed]
        shown = ", ".join(names[:SHOWN_NAMES])
        if len(names) > SHOWN_NAMES:
            shown += ", " + state.t("sectors.and_more", count=len(names) - SHOWN_NAMES)
        line = state.t(
            "sectors.plan_group",
            organisation=titles[key],
            sector=_sector_shown(changed[0].new, state.language),
            names=shown,
        )
        console.print("  " + line, highlight=False, markup=False, soft_wrap=True)


def _apply(
    state: State,
    only: list[str],
    settings: list[str],
    overwrite: bool,
    min_confidence: float,
    yes: bool,
    as_json: bool,
) -> None:
    """Plan the changes and print them; with ``yes`` write exactly them in the same
    transaction (the contacts read are the contacts written)."""
    from tiewise.sectors import group_organisations, plan_changes, updated_contacts
    from tiewise.store import repository as repo

    store = state.store
    with store.begin() if yes else store.connect() as connection:
        contacts = repo.load_contacts(connection)
        groups = group_organisations(contacts)
        chosen = _choices(groups, only, settings, min_confidence)
        changes = plan_changes(groups, chosen, overwrite=overwrite)
        if yes:
            repo.update_contacts(connection, updated_contacts(contacts, changes))
    if as_json:
        _print_json(
            {
                "changes": [c.as_json() for c in changes],
                "contacts": len(changes),
                "groups": len({c.group for c in changes}),
                "written": yes,
            }
        )
        return
    _print_changes(state, groups, changes)
    if yes:
        count = len({c.group for c in changes})
        console.print(state.p("sectors.written", len(changes), contacts=len(changes), groups=count))
    else:
        console.print(state.t("sectors.dry_run"), highlight=False)


def _list(state: State, show_all: bool, limit: int, as_json: bool) -> None:
    from rich.text import Text

    from tiewise.display import number
    from tiewise.sectors import SECTORS, group_organisations
    from tiewise.store import repository as repo

    with state.store.connect() as connection:
        contacts = repo.load_contacts(connection)
    groups = [g for g in group_organisations(contacts) if show_all or g.empty]
    if as_json:
        _print_json(
            {
                "groups": [g.as_json() for g in groups],
                "vocabulary": [
                    {"key": s.key, "en": s.label("en"), "nl": s.label("nl"), "nace": s.nace}
                    for s in SECTORS
                ],
            }
        )
        return
    if not groups:
        console.print(state.t("sectors.none"))
        return
    language = state.language
    shown = groups if limit <= 0 else groups[:limit]
    for group in shown:
        suggestion = group.suggestion
        head = Text(group.title(language), style="bold")
        head.append(
            "  "
            + state.p(
                "sectors.counts",
                len(group.members),
                contacts=len(group.members),
                empty=group.empty,
            )
        )
        console.print(head, highlight=False, soft_wrap=True)
        others = [v for v in group.variants if v != group.name]
        lines = []
        if others and group.kind == "organisation":
            lines.append(f"{state.t('sectors.variants')}: {'; '.join(others)}")
        if suggestion is None:
            lines.append(f"{state.t('sectors.col.suggested')}: {state.t('sectors.no_suggestion')}")
        else:
            sector = _sector_shown(suggestion.sector, language)
            confidence = number(suggestion.confidence, 2, language)
            lines.append(
                f"{state.t('sectors.col.suggested')}: {sector}"
                f" · {state.t('sectors.col.confidence')} {confidence}"
            )
            lines.append(f"{state.t('sectors.col.words')}: {suggestion.words(language)}")
        if group.current:
            current = ", ".join(f"{sector} ×{count}" for sector, count in group.current)
            lines.append(f"{state.t('sectors.col.current')}: {current}")
        for line in lines:
            console.print(Text("    " + line), highlight=False, soft_wrap=True)
    if len(shown) < len(groups):
        console.print(state.p("sectors.more", len(groups) - len(shown)), highlight=False)
    console.print(state.t("sectors.hint"), highlight=False)


@app.command("sectors")
def sectors(
    ctx: typer.Context,
    apply: Annotated[
        bool, typer.Option("--apply", help="Fill the suggested sectors (prints the changes).")
    ] = False,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="With --apply: only this organisation (repeatable)."),
    ] = None,
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="With --apply: ORGANISATION=SECTOR, another sector than the suggested one "
            "(repeatable).",
        ),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Also replace sectors already set.")
    ] = False,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence", min=0.0, max=1.0, help="Apply only suggestions this sure."
        ),
    ] = 0.0,
    yes: Annotated[bool, typer.Option("--yes", help="With --apply: write the changes.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="List also organisations whose sectors are all set.")
    ] = False,
    limit: Annotated[int, typer.Option(help="Organisations listed (0: all).")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Suggest a sector for each organisation, from the words of its name and its people's
    positions; --apply fills them (empty sectors only, unless --overwrite)."""
    state = _state(ctx)
    if apply or yes:
        _apply(state, only or [], settings or [], overwrite, min_confidence, yes, as_json)
    elif only or settings:
        raise InputError(
            "--only/--set: expected --apply with them, found them without",
            field="--apply",
            key="error.sector_apply",
        )
    else:
        _list(state, show_all, limit, as_json)


def print_import_hint(state: State, summary: Any) -> None:
    """After an import that added people: how many contacts have no sector, and the command
    that suggests them (``tiewise import`` prints this under its summary)."""
    if not summary.contacts:
        return
    from tiewise.sectors import without_sector
    from tiewise.store import repository as repo

    with state.store.connect() as connection:
        count = without_sector(repo.load_contacts(connection))
    if count:
        console.print(state.p("sectors.import_hint", count), highlight=False)
