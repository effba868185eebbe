"""Events on the terminal (Rich): return per series, hours saved, upcoming events, charts.
Presentation only: every number and reason comes from ``advice/events.py``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tiewise.advice.events import EventsReport, UpcomingAdvice
from tiewise.display import day, number
from tiewise.i18n import plural, text
from tiewise.report.counts import counted

UPCOMING_SHOWN = 8


def hours_saved_line(report: EventsReport, language: str) -> str:
    """The measured claim of seed 000, for the top of the report."""
    return plural(
        "events.saved",
        round(report.hours_saved_12m),  # the form of the figure as shown, with no decimals
        language,
        saved=report.hours_saved_12m,
        attended=report.attended_hours_12m,
        missed=report.skipped_worth_keeping_12m,
    )


def render_series(report: EventsReport, language: str, console: Console) -> None:
    """One row per series — verdict, visits (last 12 months), hours, value per hour with its
    interval (only when measured: "no visits yet" or "N visits, no outcome yet" otherwise, so a
    prior never looks like a measurement), outcomes, enjoyment — then the reasons behind each
    verdict and the rule that produced it."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    if not report.series:
        console.print(t("report.no_events"))
        return
    source = t(f"events.threshold.{report.threshold_source}")
    table = Table(
        title=t("events.title", threshold=report.threshold, source=source), title_justify="left"
    )
    for column, justify in (
        ("col.series", "left"),
        ("col.verdict", "left"),
        ("col.visits", "right"),
        ("col.hours", "right"),
        ("col.value_hour", "right"),
        ("col.outcomes", "right"),
        ("col.enjoyment", "right"),
    ):
        table.add_column(t(column), justify=justify)  # type: ignore[arg-type]
    for r in report.series:
        table.add_row(
            r.name,
            t(f"verdict.{r.verdict}"),
            f"{number(r.visits, 0, language)} ({number(r.visits_12m, 0, language)})",
            number(r.hours, 0, language),
            r.value_label.render(language),
            number(r.outcomes, 0 if r.outcomes == int(r.outcomes) else 1, language),
            "—" if r.enjoyment is None else number(r.enjoyment.point, 1, language),
        )
    console.print(table)
    for r in report.series:  # a measured estimate is in the table already
        shown = r.reasons[1:] if r.reasons[0].key == "events.yield" else r.reasons
        why = "; ".join(reason.render(language) for reason in shown)
        console.print(f"• {r.name} — {t(f'verdict.{r.verdict}')}: {why}")
    console.print(hours_saved_line(report, language))


def render_upcoming(
    advice: Sequence[UpcomingAdvice], language: str, console: Console, shown: int = UPCOMING_SHOWN
) -> None:
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    if not advice:
        console.print(t("upcoming.none"))
        return
    title = counted(t("upcoming.title"), min(shown, len(advice)), len(advice), language)
    table = Table(title=title, title_justify="left")
    for column in ("col.date", "col.series", "col.action", "col.why"):
        table.add_column(t(column))
    for a in advice[:shown]:
        table.add_row(
            day(a.occurrence.starts_at, language),
            a.series.name,
            t(f"action.{a.action}"),
            "; ".join(reason.render(language) for reason in a.reasons),
        )
    console.print(table)


def render_charts(paths: Sequence[Path], language: str, console: Console) -> None:
    if paths:
        console.print(text("events.charts", language, paths=", ".join(str(p) for p in paths)))
