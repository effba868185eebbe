"""``tiewise decisions``: accept or dismiss advice, list every decision, undo one. The write side
is ``tiewise/decisionlog.py``; which decisions stand is ``advice/decisions.py``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from tiewise import model
from tiewise.cli.base import (
    JsonOption,
    Today,
    _print_json,
    _profile,
    _state,
    app,
    console,
    find_contact,
)
from tiewise.display import day
from tiewise.errors import InputError

decisions_app = typer.Typer(
    help="Decisions on advice and invitations: list them, accept or dismiss advice, undo.",
    invoke_without_command=True,
)
app.add_typer(decisions_app, name="decisions")

ActionOption = Annotated[
    str | None,
    typer.Option(
        "--action",
        help="focus, maintain, reactivate or let_go; default: the advice the person has now.",
    ),
]
Budget = Annotated[
    float, typer.Option(min=0.0, help="Hours per month you will spend on your network.")
]


@decisions_app.callback()
def decisions(
    ctx: typer.Context,
    show_all: Annotated[bool, typer.Option("--all", help="Also the undone ones.")] = False,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Every decision you took on advice and invitations, newest first; a dismissal that has
    lapsed (8 weeks, or the figures changed) is marked."""
    from rich.table import Table

    if ctx.invoked_subcommand is not None:
        return
    from tiewise.advice.portfolio import lapsed_dismissals
    from tiewise.decisionlog import decision_rows

    state = _state(ctx)
    lapsed = lapsed_dismissals(_profile(state, today))
    rows = decision_rows(state.store, include_undone=show_all, lapsed=lapsed)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        console.print(state.t("decisions.none"), markup=False)
        return
    table = Table(title=state.t("decisions.title", count=len(rows)), title_justify="left")
    for column in ("id", "col.when", "col.about", "col.advice", "col.decision", "col.undone"):
        table.add_column("id" if column == "id" else state.t(column))
    when = lambda iso: day(datetime.fromisoformat(iso), state.language)  # noqa: E731
    for r in rows:
        advice = state.t(f"action.{r['action']}") if r["action"] else state.t("col.invitation")
        table.add_row(
            str(r["id"]),
            when(r["decided_at"]),
            r["about"],
            advice,
            state.t(f"verdict.{r['verdict']}"),
            (when(r["undone_at"]) if r["undone_at"] else "")
            or (state.t("decisions.lapsed") if r["lapsed"] else ""),
        )
    console.print(table)
    console.print(state.t("decisions.undo_hint"), markup=False)


def _decide(
    ctx: typer.Context,
    person: str,
    verdict: model.Verdict,
    action: str | None,
    budget: float,
    today: str | None,
    as_json: bool,
) -> None:
    from tiewise.advice.portfolio import advice_figures_of, build_portfolio
    from tiewise.decisionlog import decide_advice

    state = _state(ctx)
    contact = find_contact(state, person)
    profile = _profile(state, today)
    position = profile.snapshot.index_of(contact.id)
    portfolio = build_portfolio(profile, budget, None)
    current = next(
        (
            name
            for name in ("focus", "reactivate", "maintain", "let_go")
            for item in getattr(portfolio, name)
            if item.position == position
        ),
        None,
    )
    chosen = action or current
    if chosen is None:
        raise InputError(
            f"{contact.name} has no advice now (see: tiewise advise); name one with --action",
            field="action",
            key="error.no_advice",
            values={"name": contact.name},
        )
    decision = decide_advice(
        state.store,
        int(profile.snapshot.contact_ids[position]),
        chosen,
        verdict,
        advice_figures_of(profile, position),
        datetime.now(),
    )
    if as_json:
        _print_json(
            {
                "decision_id": decision.id,
                "action": chosen,
                "verdict": verdict.value,
                "advised": current,
            }
        )
        return
    if current != chosen:  # the user's choice stands, but not as if it were the advice
        advised = state.t(f"action.{current}") if current else "—"
        console.print(
            state.t("decided.not_advised", name=contact.name, advised=advised), markup=False
        )
    console.print(
        state.t(
            f"decided.{verdict.value}",
            name=contact.name,
            action=state.t(f"action.{chosen}"),
            id=decision.id,
        ),
        markup=False,
    )


@decisions_app.command("accept")
def decisions_accept(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    action: ActionOption = None,
    budget: Budget = 8.0,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Accept the advice on a person: let go sets their status; invest, reactivate and keep warm
    fix them in the portfolio and put them into the plan."""
    _decide(ctx, person, model.Verdict.ACCEPT, action, budget, today, as_json)


@decisions_app.command("dismiss")
def decisions_dismiss(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    action: ActionOption = None,
    budget: Budget = 8.0,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Dismiss the advice on a person: it stays hidden for 8 weeks, or until its figures change
    materially (docs/advice.md)."""
    _decide(ctx, person, model.Verdict.DISMISS, action, budget, today, as_json)


@decisions_app.command("undo")
def decisions_undo(
    ctx: typer.Context,
    decision_id: Annotated[int, typer.Argument(metavar="ID", help="The decision's id.")],
    as_json: JsonOption = False,
) -> None:
    """Undo a decision: a let-go status, an invitation's status and a contact it created (when
    nothing else was recorded about them) are put back."""
    from tiewise.decisionlog import undo_decision

    state = _state(ctx)
    done = undo_decision(state.store, decision_id, datetime.now())
    if as_json:
        _print_json(done)
        return
    console.print(state.t("decisions.undone", id=decision_id), markup=False)
    if "kept_contact" in done:
        console.print(state.t("decisions.kept_contact", id=done["kept_contact"]), markup=False)
