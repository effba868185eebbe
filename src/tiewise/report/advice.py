"""Advice on the terminal (Rich): goal fit and the portfolio. Presentation only: every number
and every reason comes from ``analysis/`` and ``advice/``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tiewise.advice.introductions import Introduction, LedgerRow, give_receive_ledger
from tiewise.advice.invitations import InvitationAdvice
from tiewise.advice.plan import WeeklyPlan
from tiewise.advice.portfolio import Item, Portfolio
from tiewise.analysis.fit import gap_advice, summary
from tiewise.analysis.profile import Profile
from tiewise.display import day, number, weekday
from tiewise.goals import catalogue_choices, goal_label
from tiewise.i18n import plural, text
from tiewise.model import GoalClass
from tiewise.report.counts import counted

SHOWN = 10  # rows per list on the terminal; --json gives all


def render_fit(profile: Profile, language: str, console: Console) -> None:
    """One table row per goal: score, what the network has, and the gap."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    if not profile.fit:
        console.print(t("report.no_goals"))
        return
    table = Table(title=t("fit.title"), title_justify="left")
    table.add_column(t("col.goal"))
    table.add_column(t("col.fit"), justify="right")
    table.add_column(t("col.what_you_have"))
    table.add_column(t("col.gap"))
    for fit in sorted(profile.fit, key=lambda f: (-f.goal.priority, f.score)):
        table.add_row(
            f"{goal_label(fit.goal, language)} ({t(f'goalclass.{fit.goal_class.value}')})",
            number(fit.score, 0, language),
            summary(fit, language),
            gap_advice(fit, language),
        )
    console.print(table)


def _items(
    title: str,
    items: tuple[Item, ...],
    profile: Profile,
    language: str,
    console: Console,
    total: int | None = None,
) -> None:
    """One table of portfolio items, at most :data:`SHOWN` rows; the title counts them, or says
    how many of ``total`` (default: all ``items``) are shown."""
    if not items:
        return
    shown = min(SHOWN, len(items))
    title = counted(title, shown, max(total or 0, len(items)), language)
    table = Table(title=title, title_justify="left")
    table.add_column(text("col.name", language))
    table.add_column(text("col.hours_month", language), justify="right")
    table.add_column(text("col.why", language))
    for item in items[:SHOWN]:
        contact = profile.snapshot.contacts[item.position]
        table.add_row(
            f"{contact.name} ({contact.organisation or '—'})",
            number(item.hours_per_month, 2, language),
            "; ".join(r.render(language) for r in item.reasons),
        )
    console.print(table)


def render_portfolio(
    portfolio: Portfolio, profile: Profile, language: str, console: Console
) -> None:
    """The portfolio: focus, reactivate, maintain and let go, with the hours and reasons."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    budget = t(
        "portfolio.budget",
        used=portfolio.hours_used,
        budget=portfolio.budget_hours,
        protected=portfolio.protected,
    )
    console.print(Text.assemble((t("portfolio.title"), "bold"), " — " + budget))
    _items(t("portfolio.focus"), portfolio.focus, profile, language, console)
    _items(t("portfolio.reactivate"), portfolio.reactivate, profile, language, console)
    _items(t("portfolio.maintain"), portfolio.maintain, profile, language, console)
    if portfolio.needs_goal:
        console.print(t("portfolio.needs_goal", choices=catalogue_choices(language)))
    else:
        total = portfolio.let_go_total
        _items(t("portfolio.let_go"), portfolio.let_go, profile, language, console, total)
    if portfolio.close_kept:
        console.print(plural("portfolio.close_kept", portfolio.close_kept, language))
    if portfolio.close_unserved and not portfolio.expressive_named:
        expressive = catalogue_choices(language, GoalClass.EXPRESSIVE)
        console.print(
            plural(
                "portfolio.close_unserved", portfolio.close_unserved, language, choices=expressive
            )
        )
    if portfolio.hidden:
        console.print(plural("portfolio.hidden_n", portfolio.hidden, language))


def _invitation_why(item: InvitationAdvice, language: str, why: bool) -> str:
    """The one-line reason; with ``why`` the figures below it, one per line."""
    line = item.line.render(language)
    if not why:
        return line
    return "\n".join([line, *(f"· {reason.render(language)}" for reason in item.reasons)])


def render_invitations(
    advice: list[InvitationAdvice], language: str, console: Console, why: bool = False
) -> None:
    """One row per pending invitation: the decision, the score and a one-line reason that names
    the rule; ``why`` adds the figures behind it (else a hint says how to see them)."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    if not advice:
        console.print(t("invitations.none"))
        return
    title = counted(t("invitations.title"), len(advice), len(advice), language)
    table = Table(title=title, title_justify="left")
    for column, justify in (
        ("col.name", "left"),
        ("col.decision", "left"),
        ("col.score", "right"),
        ("col.why", "left"),
    ):
        table.add_column(t(column), justify=justify)  # type: ignore[arg-type]
    for item in advice:
        table.add_row(
            item.invitation.name or "—",
            t(f"decision.{item.decision}"),
            number(item.score, 2, language),
            _invitation_why(item, language, why),
        )
    console.print(table)
    if not why:
        console.print(t("invitations.why_hint"), markup=False)


def render_introductions(
    introductions: list[Introduction],
    ledger: list[LedgerRow],
    profile: Profile,
    language: str,
    console: Console,
) -> None:
    """Introductions to make, then the give/receive ledger (most under-given first)."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    contacts = profile.snapshot.contacts
    if introductions:
        table = Table(title=t("plan.introductions"), title_justify="left")
        for column in ("col.needs", "col.offers", "col.topic", "col.why"):
            table.add_column(t(column))
        for intro in introductions:
            table.add_row(
                contacts[intro.needs].name,
                contacts[intro.offers].name,
                intro.topic,
                "; ".join(r.render(language) for r in intro.reasons),
            )
        console.print(table)
    else:
        console.print(t("introductions.none"))
    render_ledger(ledger, profile, language, console)


def render_ledger(
    ledger: list[LedgerRow], profile: Profile, language: str, console: Console
) -> None:
    """The give/receive ledger, most under-given first, at most :data:`SHOWN` rows."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    contacts = profile.snapshot.contacts
    if ledger:
        title = counted(t("report.ledger"), min(SHOWN, len(ledger)), len(ledger), language)
        table = Table(title=title, title_justify="left")
        for column, justify in (
            ("col.name", "left"),
            ("col.given", "right"),
            ("col.received", "right"),
            ("col.balance", "right"),
        ):
            table.add_column(t(column), justify=justify)  # type: ignore[arg-type]
        for row in ledger[:SHOWN]:
            table.add_row(
                contacts[row.position].name, str(row.given), str(row.received), f"{row.balance:+d}"
            )
        console.print(table)


def render_plan(plan: WeeklyPlan, profile: Profile, language: str, console: Console) -> None:
    """Whom to contact this week, with the cadence behind it, and the introductions to make."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    title = t("plan.title", start=day(plan.week_start, language), end=day(plan.week_end, language))
    console.print(Text(title, style="bold"))
    if not plan.contacts:
        console.print(t("plan.nothing_due"))
    else:
        title = counted(t("report.ties_due"), len(plan.contacts), plan.due_total, language)
        table = Table(title=title, title_justify="left")
        for column in ("col.name", "col.action", "col.why"):
            table.add_column(t(column))
        for contact in plan.contacts:
            person = profile.snapshot.contacts[contact.position]
            table.add_row(
                f"{person.name} ({person.organisation or '—'})",
                t(f"plan.action.{contact.action}"),
                "; ".join(r.render(language) for r in contact.reasons),
            )
        console.print(table)
    if plan.events:
        console.print(Text(t("plan.events"), style="bold"))
        for advice in plan.events:
            why = "; ".join(r.render(language) for r in advice.reasons[1:2])
            console.print(
                f"• {weekday(advice.occurrence.starts_at, language)} {advice.series.name}: "
                f"{t(f'action.{advice.action}')} — {why}"
            )
    if plan.reminders:
        console.print(Text(t("plan.reminders"), style="bold"))
        for reminder in plan.reminders:
            person = profile.snapshot.contacts[reminder.position]
            what = reminder.reason.render(language)
            when = weekday(reminder.day, language)
            console.print(f"• {when} {person.name}: {what}", markup=False)
    if plan.introductions:
        console.print(Text(t("plan.introductions"), style="bold"))
        for intro in plan.introductions:
            contacts = profile.snapshot.contacts
            console.print(
                f"• {contacts[intro.needs].name} ↔ {contacts[intro.offers].name}: {intro.topic}"
            )


def render_more_advice(
    portfolio: Portfolio, profile: Profile, language: str, console: Console
) -> None:
    """The advice the report's decisions leave out: the ties to keep warm cheaply and the
    give/receive ledger (the full lists: ``advise``, ``introductions``)."""
    _items(text("portfolio.maintain", language), portfolio.maintain, profile, language, console)
    render_ledger(give_receive_ledger(profile), profile, language, console)
