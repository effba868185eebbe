"""The strategy report on the terminal (Rich). Presentation only: every number comes from
``analysis/``; this module decides layout and language."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tiewise.advice.events import (
    EventsReport,
    events_report,
    this_weeks_events,
    upcoming_advice,
)
from tiewise.advice.introductions import suggest_introductions
from tiewise.advice.invitations import triage_invitations
from tiewise.advice.plan import weekly_plan
from tiewise.advice.portfolio import build_portfolio, saved_budget
from tiewise.analysis.profile import Profile
from tiewise.analysis.strength import CLASSES
from tiewise.display import day, number
from tiewise.i18n import plural, text
from tiewise.report import meaning
from tiewise.report.advice import render_fit, render_more_advice
from tiewise.report.decisions import SKIP_DAYS, decision_sections, render_decisions
from tiewise.report.events import (
    render_charts,
    render_series,
    render_upcoming,
)
from tiewise.snapshot import Snapshot

UPCOMING_DAYS = SKIP_DAYS  # the report's events ahead: the same month as the events to skip


def contacts_by_context(
    snapshot: Snapshot, tie_class: Sequence[str]
) -> list[tuple[str | None, Counter[str]]]:
    """Per tie context, the number of contacts in each tie class (a contact with two contexts
    counts in both); ``None`` stands for contacts without a context. Largest context first."""
    counts: dict[str | None, Counter[str]] = defaultdict(Counter)
    for tie, klass in zip(snapshot.ties, tie_class, strict=True):
        for context in tie.contexts or (None,):
            counts[context][klass] += 1
    return sorted(counts.items(), key=lambda item: (-item[1].total(), item[0] or ""))


def render_report(
    profile: Profile,
    language: str,
    console: Console,
    after_events: Callable[[EventsReport], None] | None = None,
) -> EventsReport:
    """The strategy report. It opens with the decisions, one line each (``decisions.py``:
    this week's plan, focus, let go, events to skip, invitations, introductions), then how well
    my network serves my goals, my events (then ``after_events``, which places the charts), my
    network with what each measure means for me (``meaning.py``), and the rest of the advice.
    Returns the events report."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    snapshot = profile.snapshot
    console.print(Text(t("report.title", name=snapshot.me.name or "—"), style="bold"))
    console.print(t("report.as_of", date=day(profile.today, language)))
    console.print(plural("report.size", snapshot.size, language))
    events = events_report(profile)  # its hours saved close the events section
    console.print()
    upcoming = upcoming_advice(profile, events, days=UPCOMING_DAYS)
    portfolio = build_portfolio(profile, saved_budget(profile), limit=None)
    introductions = suggest_introductions(profile, None)
    plan = weekly_plan(profile, portfolio, introductions, this_weeks_events(profile, events))
    invitations = triage_invitations(profile)
    sections = decision_sections(
        profile, portfolio, plan, events, upcoming, invitations, language, introductions
    )
    render_decisions(sections, language, console)

    render_fit(profile, language, console)
    fit = meaning.goal_fit(profile, language)
    if fit:
        console.print(fit)

    render_series(events, language, console)
    render_upcoming(upcoming, language, console)
    if after_events is not None:
        after_events(events)
    render_analysis(profile, language, console)
    render_more_advice(portfolio, profile, language, console)
    return events


def chart_files(folder: Path, language: str, console: Console) -> Callable[[EventsReport], None]:
    """An ``after_events`` for :func:`render_report` that writes the event charts into
    ``folder`` and says where."""
    from tiewise.report.charts import write_charts

    return lambda events: render_charts(write_charts(events, folder, language), language, console)


def _fmt(value: float | None, digits: int = 2, language: str = "en") -> str:
    return number(value, digits, language)


def render_contexts(profile: Profile, language: str, console: Console) -> None:
    """Contacts per context and tie class, with what the classes are good for."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    snapshot, strength = profile.snapshot, profile.strength
    whole = lambda count: number(count, 0, language)  # noqa: E731
    table = Table(title=t("report.by_context"), title_justify="left")
    table.add_column(t("col.context"))
    for klass in CLASSES:
        table.add_column(t(f"class.{klass}"), justify="right")
    table.add_column(t("col.contacts"), justify="right")
    for context, counts in contacts_by_context(snapshot, strength.tie_class):
        table.add_row(
            context or t("context.none"),
            *(whole(counts[k]) for k in CLASSES),
            whole(counts.total()),
        )
    overall = Counter(strength.tie_class)
    table.add_row(
        t("report.all"),
        *(whole(overall[k]) for k in CLASSES),
        whole(snapshot.size),
        style="bold",
    )
    console.print(table)
    console.print(meaning.tie_classes(profile, language))


def _section(title: str, sentences: Sequence[str | None], console: Console) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))
    for sentence in sentences:
        if sentence:
            console.print(sentence, markup=False, highlight=False)


def render_analysis(profile: Profile, language: str, console: Console) -> None:
    """My network under plain headings, each measure with a sentence of what it means for me
    (``meaning.py``): contexts and tie classes, the circles (clusters, density, bridges),
    Burt's measures, Dunbar's layers, diversity and homophily, being known."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    s = profile.structure
    render_contexts(profile, language, console)
    table = Table(title=t("heading.circles"), title_justify="left")
    for key, justify in (
        ("col.cluster", "left"),
        ("col.contacts", "right"),
        ("class.strong", "right"),
        ("col.weak_medium", "right"),
        ("col.density", "right"),
    ):
        table.add_column(t(key), justify=justify)  # type: ignore[arg-type]
    for cluster in s.clusters:
        table.add_row(
            cluster.label,
            number(cluster.members.size, 0, language),
            number(cluster.strong, 0, language),
            number(cluster.weak_or_medium, 0, language),
            _fmt(cluster.density, language=language),
        )
    if s.unclustered:
        table.add_row(t("analysis.unclustered"), number(s.unclustered, 0, language), "", "", "")
    console.print(table)
    for sentence in (
        meaning.circles(profile, language),
        meaning.shape(profile, language),
        meaning.bridges(profile, language),
    ):
        if sentence:
            console.print(sentence, markup=False, highlight=False)
    _section(t("heading.brokerage"), meaning.brokerage(profile, language), console)
    _section(t("heading.dunbar"), meaning.dunbar(profile, language), console)
    console.print()
    console.print(Text(t("heading.diversity"), style="bold underline"))
    console.print(t("meaning.diversity_intro"))
    for sentence in meaning.diversity(profile, language):
        console.print(f"• {sentence}", markup=False, highlight=False)
    _section(t("heading.known"), [meaning.being_known(profile, language)], console)
