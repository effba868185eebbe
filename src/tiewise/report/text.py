"""The strategy report on the terminal (Rich). Presentation only: every number comes from
``analysis/``; this module decides layout and language."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tiewise.advice.events import EventsReport, events_report, upcoming_advice
from tiewise.analysis.profile import Profile
from tiewise.analysis.strength import CLASSES
from tiewise.i18n import number, text
from tiewise.report.advice import render_advice, render_fit
from tiewise.report.events import (
    hours_saved_line,
    render_charts,
    render_series,
    render_upcoming,
)
from tiewise.snapshot import Snapshot


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
    """The strategy report: hours saved by staying home first, then who is in my network, its
    shape, my goals, my events (then ``after_events``, which places the charts) and the advice.
    Returns the events report."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    snapshot, today, strength = profile.snapshot, profile.today, profile.strength
    console.print(Text(t("report.title", name=snapshot.me.name or "—"), style="bold"))
    console.print(t("report.as_of", date=today.isoformat()))
    console.print(t("report.size", count=snapshot.size))
    events = events_report(profile)
    console.print(hours_saved_line(events, language))
    console.print()
    table = Table(title=t("report.by_context"), title_justify="left")
    table.add_column(t("col.context"))
    for klass in CLASSES:
        table.add_column(t(f"class.{klass}"), justify="right")
    table.add_column(t("col.contacts"), justify="right")
    for context, counts in contacts_by_context(snapshot, strength.tie_class):
        table.add_row(
            context or t("context.none"), *(str(counts[k]) for k in CLASSES), str(counts.total())
        )
    overall = Counter(strength.tie_class)
    table.add_row(
        t("report.all"), *(str(overall[k]) for k in CLASSES), str(snapshot.size), style="bold"
    )
    console.print(table)
    render_analysis(profile, language, console)

    render_fit(profile, language, console)

    render_events(profile, events, language, console)
    if after_events is not None:
        after_events(events)
    render_advice(profile, events, language, console)
    return events


def chart_files(folder: Path, language: str, console: Console) -> Callable[[EventsReport], None]:
    """An ``after_events`` for :func:`render_report` that writes the event charts into
    ``folder`` and says where."""
    from tiewise.report.charts import write_charts

    return lambda events: render_charts(write_charts(events, folder, language), language, console)


def render_events(profile: Profile, report: EventsReport, language: str, console: Console) -> None:
    """Return per series with verdicts, hours saved, and the next month's events."""
    render_series(report, language, console)
    render_upcoming(upcoming_advice(profile, report, days=31), language, console)


def _fmt(value: float | None, digits: int = 2, language: str = "en") -> str:
    return number(value, digits, language)


def render_analysis(profile: Profile, language: str, console: Console) -> None:
    """Structure, Burt's measures for me, Dunbar layers and diversity, as tables."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    s = profile.structure
    console.print(
        t(
            "analysis.shape",
            links=s.links,
            density=_fmt(s.density, 3, language=language),
            components=s.components,
            largest=s.largest_component,
            isolates=s.isolates,
        )
    )
    table = Table(title=t("analysis.clusters"), title_justify="left")
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
            str(cluster.members.size),
            str(cluster.strong),
            str(cluster.weak_or_medium),
            _fmt(cluster.density, language=language),
        )
    if s.unclustered:
        table.add_row(t("analysis.unclustered"), str(s.unclustered), "", "", "")
    console.print(table)
    if s.bridges:
        names = [
            f"{profile.snapshot.contacts[b.contact].name} → {s.clusters[b.cluster].label}"
            for b in s.bridges[:10]
        ]
        console.print(t("analysis.bridges", count=len(s.bridges)) + " " + "; ".join(names))
    burt = s.burt
    console.print(
        t(
            "analysis.burt",
            effective_size=_fmt(burt.effective_size, 1, language=language),
            efficiency=_fmt(burt.efficiency, language=language),
            constraint=_fmt(burt.constraint, 3, language=language),
            hierarchy=_fmt(burt.hierarchy, 3, language=language),
        )
    )
    console.print(
        t("analysis.dunbar")
        + " "
        + ", ".join(f"{layer.filled}/{layer.capacity}" for layer in s.dunbar)
    )
    known = profile.known
    console.print(
        t(
            "analysis.being_known",
            inbound=known.inbound,
            outbound=known.outbound,
            share=_fmt(known.inbound_share, 2, language=language),
            initiating=known.contacts_initiating,
            invitations=known.invitations_received,
            endorsements=known.endorsements_received,
            recommendations=known.recommendations_received,
        )
    )
    table = Table(title=t("analysis.diversity"), title_justify="left")
    for key in (
        "col.attribute",
        "col.categories",
        "col.blau",
        "col.iqv",
        "col.ei_me",
        "col.ei_among",
        "col.top",
    ):
        table.add_column(t(key), justify="left" if key in ("col.attribute", "col.top") else "right")
    for d in profile.diversity:
        table.add_row(
            t(f"attribute.{d.attribute}"),
            str(d.categories),
            _fmt(d.blau, language=language),
            _fmt(d.iqv, language=language),
            _fmt(d.ei_me, language=language),
            _fmt(d.ei_among, language=language),
            ", ".join(f"{v} {n}" for v, n in d.top[:3]),
        )
    console.print(table)
