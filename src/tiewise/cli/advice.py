"""``tiewise advise``, ``invitations``, ``introductions`` and ``plan``: what to do."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from tiewise import model
from tiewise.cli.activity import KindOption, NoteOption, OnOption, record
from tiewise.cli.base import (
    JsonOption,
    State,
    Today,
    _print_json,
    _profile,
    _state,
    app,
    console,
    error_console,
)
from tiewise.errors import InputError


@app.command()
def advise(
    ctx: typer.Context,
    budget: Annotated[
        float, typer.Option(min=0.0, help="Hours per month you will spend on your network.")
    ] = 8.0,
    limit: Annotated[
        int, typer.Option(min=0, help="Show at most this many ties to let go (0: all).")
    ] = 25,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Whom to focus on, maintain, reactivate and let go, within your time budget."""
    from tiewise.advice.portfolio import build_portfolio, check_budget, portfolio_to_json
    from tiewise.report.advice import render_portfolio

    state = _state(ctx)
    profile = _network_profile(state, today, as_json)
    portfolio = build_portfolio(profile, check_budget(budget), limit or None)
    if as_json:
        _print_json(portfolio_to_json(portfolio, profile, state.language))
        return
    render_portfolio(portfolio, profile, state.language, console)


invitations_app = typer.Typer(
    help="Pending connection invitations: accept, ignore or look closer, with the reasons; "
    "decide them with: tiewise invitations decide PERSON accept|ignore|later.",
    invoke_without_command=True,
)
app.add_typer(invitations_app, name="invitations")


@invitations_app.callback()
def invitations(
    ctx: typer.Context,
    why: Annotated[
        bool, typer.Option("--why", help="Show the figures behind each one-line reason.")
    ] = False,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Pending connection invitations: accept, ignore or look closer, each with a one-line
    reason (the figures: --why or --json)."""
    if ctx.invoked_subcommand is not None:
        return
    from tiewise.advice.invitations import invitations_to_json, triage_invitations
    from tiewise.report.advice import render_invitations

    state = _state(ctx)
    profile = _profile(state, today)
    advice = triage_invitations(profile)
    if as_json:
        _print_json(invitations_to_json(advice, state.language))
        return
    render_invitations(advice, state.language, console, why=why)


@invitations_app.command("decide")
def invitations_decide(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The sender: name, part of a name, or id.")],
    verdict: Annotated[str, typer.Argument(metavar="accept|ignore|later")],
    as_json: JsonOption = False,
) -> None:
    """Decide a pending invitation: accept (the sender becomes a contact), ignore, or later
    (off the list for four weeks). Undo with: tiewise decisions undo ID."""
    from tiewise.decisionlog import (
        INVITATION_VERDICTS,
        decide_invitation,
        find_invitation,
        parse_verdict,
    )

    state = _state(ctx)
    chosen = parse_verdict(verdict, INVITATION_VERDICTS, "verdict")
    with state.store.connect() as connection:
        invitation = find_invitation(connection, person)
    decision, contact_id = decide_invitation(state.store, invitation, chosen, datetime.now())
    if as_json:
        _print_json({"decision_id": decision.id, "verdict": chosen.value, "contact_id": contact_id})
        return
    console.print(
        state.t(f"invitation.{chosen.value}", name=invitation.name, id=decision.id), markup=False
    )


@app.command()
def introductions(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many introductions.")] = 20,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Whom to introduce to whom, and where you have given little in return."""
    from tiewise.advice.introductions import (
        give_receive_ledger,
        introductions_to_json,
        suggest_introductions,
    )
    from tiewise.report.advice import render_introductions

    state = _state(ctx)
    profile = _network_profile(state, today, as_json)
    found = suggest_introductions(profile, limit)
    ledger = give_receive_ledger(profile)
    if as_json:
        _print_json(introductions_to_json(found, ledger, profile, state.language))
        return
    render_introductions(found, ledger, profile, state.language, console)


plan_app = typer.Typer(
    help="This week's plan; record that you did it with: tiewise plan done PERSON.",
    invoke_without_command=True,
)
app.add_typer(plan_app, name="plan")


@plan_app.callback()
def plan(
    ctx: typer.Context,
    budget: Annotated[
        float, typer.Option(min=0.0, help="Hours per month you will spend on your network.")
    ] = 8.0,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many people.")] = 10,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            dir_okay=False,
            help="Also write the week's plan (contacts, events to attend, birthdays and "
            "anniversaries) to this iCalendar file.",
        ),
    ] = None,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """This week's plan: whom to contact (cadence due), which events to attend or skip, which
    introductions to make, and the week's birthdays and anniversaries of meeting."""
    if ctx.invoked_subcommand is not None:
        return
    from tiewise.advice.events import events_report, this_weeks_events
    from tiewise.advice.introductions import suggest_introductions
    from tiewise.advice.plan import plan_to_json, weekly_plan
    from tiewise.advice.portfolio import build_portfolio, check_budget
    from tiewise.report.advice import render_plan

    state = _state(ctx)
    profile = _network_profile(state, today, as_json)
    portfolio = build_portfolio(profile, check_budget(budget))
    events = this_weeks_events(profile, events_report(profile))
    week = weekly_plan(profile, portfolio, suggest_introductions(profile), events, limit)
    if ics is not None:
        from tiewise.report.calendar import plan_calendar, plan_items

        calendar = plan_calendar(week, profile, state.language, datetime.now(UTC))
        try:
            ics.write_bytes(calendar)
        except OSError as error:
            raise InputError(
                f"--ics: expected a file that can be written, found {str(ics)!r} "
                f"({error.strerror or error})",
                field="ics",
                key="error.unwritable",
                values={"file": str(ics), "reason": error.strerror or str(error)},
            ) from error
        count = len(plan_items(week, profile, state.language))
        said = state.p("plan.ics_written", count, file=str(ics))
        (error_console if as_json else console).print(said, markup=False)
    if as_json:
        _print_json(plan_to_json(week, profile, state.language))
        return
    render_plan(week, profile, state.language, console)


@plan_app.command("done")
def plan_done(
    ctx: typer.Context,
    people: Annotated[
        list[str], typer.Argument(metavar="PERSON...", help="Names, parts of names, or ids.")
    ],
    kind: KindOption = "other",
    on: OnOption = None,
    note: NoteOption = None,
) -> None:
    """I got in touch with these people as planned: records the contact (now, or --on), which
    resets their keep-in-touch cadence."""
    record(ctx, people, kind, on, None, note, model.Direction.OUTBOUND)


def _network_profile(state: State, today: str | None, as_json: bool) -> Any:
    """The analysed network; on an empty one, what to import first (and stop) — in JSON the
    empty lists are the answer."""
    profile = _profile(state, today)
    if profile.snapshot.size == 0 and not as_json:
        console.print(state.t("advice.empty"))
        raise typer.Exit(0)
    return profile
