"""The decisions that open the report and the dashboard: whom to contact this week, whom to
invest in, whom to let go, which events to skip and which invitations to ignore — each in one
line a person can act on.

A line names what to do, who, the one figure that drove it and the name of the rule that
produced it, e.g. "Let go: Piet Jansen (KPN) — relevance 0.06 to your goals for 12 h a year
(rule: low relevance × cost)". Presentation only: the advice, its figures and its rules come
from ``advice/`` (``plan.py``, ``portfolio.py``, ``events.py`` with ``event_verdicts.py``,
``invitations.py``, ``introductions.py``); this module picks, for each piece, the figure its
rule turned on:

- *this week* (the weekly plan): the days since the last contact against the keep-in-touch
  rhythm (rule: keep-in-touch rhythm), the date of my own decision (rule: your own decision),
  or the days a dormant tie has been silent (rule: dormant ties bring new knowledge, Levin,
  Walter & Murnighan 2011);
- *focus* and *reactivate*: the tie's relevance to the goal it serves most (rule: most goal
  value per hour of the budget — the portfolio's greedy choice);
- *let go*: the tie's value to my goals against what it costs — hours a year, or years of
  silence, or no contact at all (rules: low relevance × cost, × silence, × no contact; seed 000);
- *events to skip* (the next :data:`SKIP_DAYS` days): the high end of the value per hour
  against my threshold (rule: credibly below your threshold), with the visits of the last 12
  months for a habit (Watson 2007), or the point estimate when only probably below;
- *invitations*: the score 0–1 with the rule that decided (close tie, sales pitch, stranger,
  or the score thresholds ``ACCEPT_AT`` and ``LOOK_CLOSER_AT``);
- *introductions*: the match of need and offer, across circles or not (Burt 1992).

Each section's heading says how many lines it lists, or how many of how many
(``report/counts.py``); at most :data:`SHOWN` lines a section.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rich.console import Console
from rich.text import Text

from tiewise.advice.events import EventsReport, UpcomingAdvice
from tiewise.advice.introductions import Introduction
from tiewise.advice.invitations import ACCEPT_AT, LOOK_CLOSER_AT, InvitationAdvice
from tiewise.advice.plan import Contact as PlanContact
from tiewise.advice.plan import WeeklyPlan
from tiewise.advice.portfolio import Item, Portfolio
from tiewise.advice.reasons import Reason
from tiewise.analysis.profile import Profile
from tiewise.display import day, number, weekday
from tiewise.goals import catalogue_choices
from tiewise.i18n import plural, text
from tiewise.model import GoalClass
from tiewise.report.counts import counted

SHOWN = 10  # lines per section; the full lists: advise, invitations, events upcoming, plan
SKIP_DAYS = 31  # events to skip: from today this many days ahead (as the report's events)


@dataclass(frozen=True)
class DecisionLine:
    """One decision, its parts in one language: ``action`` (what to do), ``who``, ``figure``
    (the figure that drove it) and ``rule`` (its name; ``None`` for a reminder, which follows
    no rule). ``contact_id`` links a person on the dashboard."""

    action: str
    who: str
    figure: str
    rule: str | None
    language: str
    contact_id: int | None = None

    @property
    def text(self) -> str:
        key = "decisions.line" if self.rule else "decisions.line_plain"
        return text(
            key, self.language, action=self.action, who=self.who, figure=self.figure, rule=self.rule
        )


@dataclass(frozen=True)
class DecisionSection:
    """A heading (with its count when there are lines), the lines, the notes that qualify them
    and the sentence shown when there is no line."""

    key: str
    title: str
    lines: tuple[DecisionLine, ...]
    notes: tuple[str, ...] = ()
    empty: str | None = None


def _reason(reasons: Sequence[Reason], *keys: str) -> Reason | None:
    return next((r for r in reasons if r.key in keys), None)


class _Builder:
    def __init__(self, profile: Profile, language: str) -> None:
        self.profile, self.language = profile, language
        self.snapshot = profile.snapshot

    def t(self, key: str, **values: object) -> str:
        return text(key, self.language, **values)

    def p(self, key: str, count: float, **values: object) -> str:
        return plural(key, count, self.language, **values)

    def hours(self, hours: float) -> str:
        """Hours a month as few digits as they need: 1, 1.5, 0.25."""
        digits = next((d for d in (0, 1) if round(hours, d) == round(hours, 2)), 2)
        return number(hours, digits, self.language)

    def days(self, count: int) -> str:
        return plural("unit.days", count, self.language)

    def person(self, position: int) -> tuple[str, int]:
        contact = self.snapshot.contacts[position]
        who = f"{contact.name} ({contact.organisation})" if contact.organisation else contact.name
        return who, int(self.snapshot.contact_ids[position])

    def line(
        self, action: str, who: str, figure: str, rule: str | None, contact_id: int | None = None
    ) -> DecisionLine:
        return DecisionLine(action, who, figure, rule, self.language, contact_id)

    def section(
        self,
        key: str,
        title: str,
        lines: list[DecisionLine],
        total: int | None = None,
        notes: Sequence[str] = (),
        empty: str | None = None,
    ) -> DecisionSection:
        shown = lines[:SHOWN]
        heading = counted(title, len(shown), total or len(lines), self.language) if shown else title
        return DecisionSection(key, heading, tuple(shown), tuple(notes), empty)

    # --- this week

    def plan_line(self, contact: PlanContact) -> DecisionLine:
        who, contact_id = self.person(contact.position)
        action = self.t("decisions.action.plan", action=self.t(f"plan.action.{contact.action}"))
        first = contact.reasons[0]
        figures = first.figures
        if first.key == "plan.accepted":
            decided = day(date.fromisoformat(figures["date"]), self.language)
            figure = self.t("decisions.figure.accepted", date=decided)
            rule = self.t("decisions.rule.accepted")
        elif first.key == "plan.reactivate":
            figure = self.t("decisions.figure.silent", since=self.days(int(figures["days"])))
            rule = self.t("decisions.rule.reactivate")
        else:
            cadence = plural("unit.every_days", int(figures["cadence"]), self.language)
            if first.key == "plan.due":
                since = self.days(int(figures["days"]))
                figure = self.t("decisions.figure.due", since=since, cadence=cadence)
            else:
                figure = self.t("decisions.figure.never", cadence=cadence)
            rule = self.t("decisions.rule.cadence")
        return self.line(action, who, figure, rule, contact_id)

    def plan(self, plan: WeeklyPlan) -> list[DecisionSection]:
        start, end = day(plan.week_start, self.language), day(plan.week_end, self.language)
        title = self.t("decisions.plan", start=start, end=end)
        lines = [self.plan_line(c) for c in plan.contacts]
        sections = [
            self.section("plan", title, lines, plan.due_total, empty=self.t("plan.nothing_due"))
        ]
        if plan.reminders:
            occasions = []
            for reminder in plan.reminders:
                who, contact_id = self.person(reminder.position)
                what = reminder.reason.render(self.language)
                when = weekday(reminder.day, self.language)
                occasions.append(self.line(when, who, what, None, contact_id))
            sections.append(self.section("reminders", self.t("plan.reminders"), occasions))
        return sections

    # --- the portfolio

    def serves(self, item: Item) -> str:
        served = _reason(item.reasons, "portfolio.serves")
        if served is None:  # accepted advice for a tie that serves no goal any more
            return (_reason(item.reasons, "portfolio.tie") or item.reasons[-1]).render(
                self.language
            )
        values = served.values(self.language)
        relevance = number(values["relevance"], 2, self.language)
        return self.t("decisions.figure.serves", relevance=relevance, goal=values["goal"])

    def focus_line(self, item: Item) -> DecisionLine:
        who, contact_id = self.person(item.position)
        action = self.t("decisions.action.focus", hours=self.hours(item.hours_per_month))
        rule = "accepted" if item.accepted is not None else "focus"
        return self.line(
            action, who, self.serves(item), self.t(f"decisions.rule.{rule}"), contact_id
        )

    def reactivate_line(self, item: Item) -> DecisionLine:
        who, contact_id = self.person(item.position)
        action = self.t("decisions.action.reactivate", hours=self.hours(item.hours_per_month))
        dormant = _reason(item.reasons, "portfolio.dormant")
        figure = (
            self.t("decisions.figure.silent", since=self.days(int(dormant.figures["days"])))
            if dormant is not None
            else self.serves(item)
        )
        rule = "accepted" if item.accepted is not None else "reactivate"
        return self.line(action, who, figure, self.t(f"decisions.rule.{rule}"), contact_id)

    def let_go_line(self, item: Item) -> DecisionLine:
        who, contact_id = self.person(item.position)
        low = _reason(item.reasons, "portfolio.low_value")
        value = low.figures["value"] if low is not None else 0.0
        value_text = number(value, 2, self.language)
        costs = _reason(item.reasons, "portfolio.costs")
        silent = _reason(item.reasons, "portfolio.costs_nothing")
        if costs is not None:
            kind = "costly"
            hours = number(costs.figures["hours"], 1, self.language)
            figure = self.t("decisions.figure.let_go_costly", value=value_text, hours=hours)
        elif silent is not None:
            kind = "silent"
            since = self.days(int(silent.figures["days"]))
            figure = self.t("decisions.figure.let_go_silent", value=value_text, since=since)
        else:
            kind = "never"
            figure = self.t("decisions.figure.let_go_never", value=value_text)
        action = self.t("decisions.action.let_go")
        return self.line(action, who, figure, self.t(f"decisions.rule.let_go_{kind}"), contact_id)

    def portfolio(self, portfolio: Portfolio) -> list[DecisionSection]:
        budget = self.t(
            "portfolio.budget",
            used=portfolio.hours_used,
            budget=portfolio.budget_hours,
            protected=portfolio.protected,
        )
        no_focus = self.t("report.no_goals") if not self.profile.fit else None
        sections = [
            self.section(
                "focus",
                self.t("portfolio.focus"),
                [self.focus_line(i) for i in portfolio.focus],
                notes=[budget],
                empty=no_focus,
            )
        ]
        if portfolio.reactivate:
            lines = [self.reactivate_line(i) for i in portfolio.reactivate]
            sections.append(self.section("reactivate", self.t("portfolio.reactivate"), lines))
        notes = []
        if portfolio.close_kept:
            notes.append(self.p("portfolio.close_kept", portfolio.close_kept))
        if portfolio.close_unserved and not portfolio.expressive_named:
            expressive = catalogue_choices(self.language, GoalClass.EXPRESSIVE)
            notes.append(
                self.p("portfolio.close_unserved", portfolio.close_unserved, choices=expressive)
            )
        if portfolio.hidden:
            notes.append(plural("portfolio.hidden_n", portfolio.hidden, self.language))
        if portfolio.needs_goal:
            empty = self.t("portfolio.needs_goal", choices=catalogue_choices(self.language))
            sections.append(
                DecisionSection("let_go", self.t("portfolio.let_go"), (), tuple(notes), empty)
            )
        else:
            lines = [self.let_go_line(i) for i in portfolio.let_go[:SHOWN]]
            total = max(portfolio.let_go_total, len(portfolio.let_go))
            sections.append(self.section("let_go", self.t("portfolio.let_go"), lines, total, notes))
        return sections

    # --- events

    def skip_line(self, advice: UpcomingAdvice, threshold: float) -> DecisionLine:
        series = advice.series
        estimate = series.value_per_hour
        euros = lambda value: number(value, 0, self.language)  # noqa: E731
        limit = euros(threshold)
        if series.rule == "credibly_below_habit":
            visits = plural("unit.visits", series.visits_12m, self.language)
            figure = self.t(
                "decisions.figure.habit", visits=visits, high=euros(estimate.high), threshold=limit
            )
        elif series.rule == "credibly_below":
            figure = self.t("decisions.figure.below", high=euros(estimate.high), threshold=limit)
        elif series.rule == "probably_below" and series.basis == "measured":
            figure = self.t(
                "decisions.figure.probably_below", point=euros(estimate.point), threshold=limit
            )
        else:  # no measured figure to show: the value cell says why ("N visits, no outcome yet")
            figure = series.value_label.render(self.language)
        rule_key = f"decisions.rule.{series.rule}"
        rule = self.t(rule_key) if rule_key in _RULES else self.t(f"verdict.{series.verdict}")
        when = day(advice.occurrence.starts_at, self.language)
        name = advice.occurrence.name or series.name
        return self.line(self.t("decisions.action.skip", date=when), name, figure, rule)

    def skip(self, events: EventsReport, upcoming: Sequence[UpcomingAdvice]) -> DecisionSection:
        last = self.profile.today + timedelta(days=SKIP_DAYS)
        skipped = [
            a for a in upcoming if a.action == "skip" and a.occurrence.starts_at.date() <= last
        ]
        lines = [self.skip_line(a, events.threshold) for a in skipped]
        return self.section(
            "skip",
            self.t("decisions.skip", days=SKIP_DAYS),
            lines,
            empty=self.t("decisions.no_skip", days=SKIP_DAYS),
        )

    # --- invitations and introductions

    def invitation_line(self, advice: InvitationAdvice) -> DecisionLine:
        who = advice.sender or advice.invitation.name or "—"
        figure = self.t("decisions.figure.score", score=number(advice.score, 2, self.language))
        two = lambda value: number(value, 2, self.language)  # noqa: E731
        if advice.rule in ("close_tie", "sales_pitch"):
            rule = self.t(f"decisions.rule.{advice.rule}")
        elif advice.rule == "stranger" and advice.decision in ("ignore", "look_closer"):
            rule = self.t(f"decisions.rule.stranger_{advice.decision}")
        elif advice.decision == "accept":
            rule = self.t("decisions.rule.score_accept", at=two(ACCEPT_AT))
        elif advice.decision == "look_closer":
            rule = self.t(
                "decisions.rule.score_look_closer", low=two(LOOK_CLOSER_AT), high=two(ACCEPT_AT)
            )
        else:
            rule = self.t("decisions.rule.score_ignore", at=two(LOOK_CLOSER_AT))
        action = self.t(f"decisions.action.{advice.decision}")
        return self.line(action, who, figure, rule, advice.contact_id)

    def invitations(self, advice: Sequence[InvitationAdvice]) -> list[DecisionSection]:
        sections = []
        for key, decisions in (("accept", ("accept", "look_closer")), ("ignore", ("ignore",))):
            lines = [self.invitation_line(a) for a in advice if a.decision in decisions]
            if lines:
                sections.append(self.section(key, self.t(f"decisions.{key}"), lines))
        return sections

    def introductions(self, introductions: Sequence[Introduction]) -> DecisionSection:
        lines = []
        for intro in introductions[:SHOWN]:
            needs, needs_id = self.person(intro.needs)
            offers, _ = self.person(intro.offers)
            match = number(intro.components.get("match", 0.0), 2, self.language)
            figure = self.t("decisions.figure.introduce", topic=intro.topic, match=match)
            bridge = intro.components.get("brokerage", 0.0) >= 1.0
            rule = self.t(f"decisions.rule.introduce{'_bridge' if bridge else ''}")
            action = self.t("decisions.action.introduce")
            lines.append(self.line(action, f"{needs} ↔ {offers}", figure, rule, needs_id))
        return self.section(
            "introductions",
            self.t("plan.introductions"),
            lines,
            len(introductions),
            empty=self.t("introductions.none"),
        )


_RULES = frozenset(
    f"decisions.rule.{rule}"
    for rule in ("credibly_below", "credibly_below_habit", "probably_below")
)


def decision_sections(
    profile: Profile,
    portfolio: Portfolio,
    plan: WeeklyPlan,
    events: EventsReport,
    upcoming: Sequence[UpcomingAdvice],
    invitations: Sequence[InvitationAdvice],
    language: str,
    introductions: Sequence[Introduction] | None = None,
) -> list[DecisionSection]:
    """The decisions, in the order they open the report and the dashboard: this week's plan
    (and its birthdays), focus, reactivate, let go, events to skip, invitations, and — when
    given (all of them: the heading counts them) — introductions to make."""
    build = _Builder(profile, language)
    sections = [*build.plan(plan), *build.portfolio(portfolio), build.skip(events, upcoming)]
    sections += build.invitations(invitations)
    if introductions is not None:
        sections.append(build.introductions(introductions))
    return sections


def render_decisions(sections: Sequence[DecisionSection], language: str, console: Console) -> None:
    """The decisions on a Rich console (or the ``DocumentConsole`` of a document): a section
    heading, then a heading per section with its count, one bullet per line, its notes."""
    console.print(Text(text("decisions.heading", language), style="bold underline"))
    intro = f"{text('decisions.intro', language)} {text('decisions.below', language)}"
    console.print(intro)
    for section in sections:
        console.print()  # a blank line on the terminal
        console.print(Text(section.title, style="bold"))
        for line in section.lines:
            console.print(f"• {line.text}", markup=False, highlight=False)
        if not section.lines and section.empty:
            console.print(section.empty, markup=False, highlight=False)
        for note in section.notes:
            console.print(note, markup=False, highlight=False)
