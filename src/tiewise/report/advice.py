"""Advice on the terminal (Rich): goal fit and the portfolio. Presentation only: every number
and every reason comes from ``analysis/`` and ``advice/``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from tiewise.advice.portfolio import Item, Portfolio
from tiewise.analysis.fit import gap_advice, goal_label, summary
from tiewise.analysis.profile import Profile
from tiewise.i18n import text

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
            f"{fit.score:.0f}",
            summary(fit, language),
            gap_advice(fit, language),
        )
    console.print(table)


def _items(
    title: str, items: tuple[Item, ...], profile: Profile, language: str, console: Console
) -> None:
    if not items:
        return
    table = Table(title=f"{title} ({len(items)})", title_justify="left")
    table.add_column(text("col.name", language))
    table.add_column(text("col.hours_month", language), justify="right")
    table.add_column(text("col.why", language))
    for item in items[:SHOWN]:
        contact = profile.snapshot.contacts[item.position]
        table.add_row(
            f"{contact.name} ({contact.organisation or '—'})",
            f"{item.hours_per_month:.2f}",
            "; ".join(r.render(language) for r in item.reasons),
        )
    console.print(table)


def render_portfolio(
    portfolio: Portfolio, profile: Profile, language: str, console: Console
) -> None:
    """The portfolio: focus, reactivate, maintain and let go, with the hours and reasons."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    console.print(
        f"[bold]{t('portfolio.title')}[/bold] — "
        + t(
            "portfolio.budget",
            used=portfolio.hours_used,
            budget=portfolio.budget_hours,
            protected=portfolio.protected,
        )
    )
    _items(t("portfolio.focus"), portfolio.focus, profile, language, console)
    _items(t("portfolio.reactivate"), portfolio.reactivate, profile, language, console)
    _items(t("portfolio.maintain"), portfolio.maintain, profile, language, console)
    _items(t("portfolio.let_go"), portfolio.let_go, profile, language, console)
