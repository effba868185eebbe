"""``tiewise advise``, ``invitations``, ``introductions`` and ``plan``: what to do."""

from __future__ import annotations

from typing import Annotated

import typer

from tiewise.cli import (
    JsonOption,
    Today,
    _print_json,
    _profile,
    _state,
    app,
    console,
)


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
    from tiewise.advice.portfolio import build_portfolio, portfolio_to_json
    from tiewise.report.advice import render_portfolio

    state = _state(ctx)
    profile = _profile(state, today)
    portfolio = build_portfolio(profile, budget, limit or None)
    if as_json:
        _print_json(portfolio_to_json(portfolio, profile, state.language))
        return
    render_portfolio(portfolio, profile, state.language, console)


@app.command()
def invitations(
    ctx: typer.Context,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Pending connection invitations: accept, ignore or look closer, with the reasons."""
    from tiewise.advice.invitations import invitations_to_json, triage_invitations
    from tiewise.report.advice import render_invitations

    state = _state(ctx)
    profile = _profile(state, today)
    advice = triage_invitations(profile)
    if as_json:
        _print_json(invitations_to_json(advice, state.language))
        return
    render_invitations(advice, state.language, console)


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
    profile = _profile(state, today)
    found = suggest_introductions(profile, limit)
    ledger = give_receive_ledger(profile)
    if as_json:
        _print_json(introductions_to_json(found, ledger, profile, state.language))
        return
    render_introductions(found, ledger, profile, state.language, console)


@app.command()
def plan(
    ctx: typer.Context,
    budget: Annotated[
        float, typer.Option(min=0.0, help="Hours per month you will spend on your network.")
    ] = 8.0,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many people.")] = 10,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """This week's plan: whom to contact (cadence due), which events to attend or skip, and which
    introductions to make."""
    from tiewise.advice.events import events_report, this_weeks_events
    from tiewise.advice.introductions import suggest_introductions
    from tiewise.advice.plan import plan_to_json, weekly_plan
    from tiewise.advice.portfolio import build_portfolio
    from tiewise.report.advice import render_plan

    state = _state(ctx)
    profile = _profile(state, today)
    portfolio = build_portfolio(profile, budget)
    events = this_weeks_events(profile, events_report(profile))
    week = weekly_plan(profile, portfolio, suggest_introductions(profile), events, limit)
    if as_json:
        _print_json(plan_to_json(week, profile, state.language))
        return
    render_plan(week, profile, state.language, console)
