"""Events: the Gamma–Poisson return per series, verdicts, attribution, hours saved, upcoming."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest
from scipy import stats

from tiewise import model as M
from tiewise.advice.events import (
    CREDIBLE,
    events_report,
    hours_by_month,
    report_to_json,
    upcoming_advice,
)
from tiewise.analysis.attendance import attributed_outcomes
from tiewise.analysis.profile import analyze
from tiewise.snapshot import build_snapshot

TODAY = date(2026, 11, 23)


class World:
    """Hand-built event histories: series, occurrences, my attendance, people, outcomes."""

    def __init__(self, people: int = 30) -> None:
        self.contacts = [M.Contact(id=i, name=f"P{i}", sector="other") for i in range(1, people)]
        self.series: list[M.EventSeries] = []
        self.occurrences: list[M.EventOccurrence] = []
        self.attendances: list[M.Attendance] = []
        self.encounters: list[M.Encounter] = []
        self.outcomes: list[M.Outcome] = []
        self.goals: list[M.Goal] = []
        self.interactions: list[M.Interaction] = []

    def add_series(self, name: str) -> int:
        self.series.append(M.EventSeries(name, id=len(self.series) + 1))
        return len(self.series)

    def occurrence(self, series_id: int, day: date) -> int:
        occurrence_id = len(self.occurrences) + 1
        self.occurrences.append(
            M.EventOccurrence(
                datetime.combine(day, datetime.min.time()).replace(hour=17),
                series_id=series_id,
                name=self.series[series_id - 1].name,
                id=occurrence_id,
            )
        )
        return occurrence_id

    def visit(self, series_id: int, day: date, hours: float = 3.0, enjoyment: int = 3) -> int:
        occurrence_id = self.occurrence(series_id, day)
        self.attendances.append(
            M.Attendance(occurrence_id, M.AttendanceStatus.ATTENDED, hours, 10.0, enjoyment)
        )
        return occurrence_id

    def visits(
        self, series_id: int, count: int, every: int = 30, start: int = 10, **kw
    ) -> list[int]:
        """``count`` visits, the latest ``start`` days ago, one every ``every`` days."""
        return [
            self.visit(series_id, TODAY - timedelta(days=start + k * every), **kw)
            for k in range(count)
        ]

    def outcome(
        self,
        day: date,
        value: float | None = 1000.0,
        occurrence: int | None = None,
        contacts: tuple[int, ...] = (),
        kind: M.OutcomeKind = M.OutcomeKind.CLIENT,
    ) -> None:
        self.outcomes.append(
            M.Outcome(
                kind,
                day,
                value,
                occurrence_id=occurrence,
                contact_ids=contacts,
                id=len(self.outcomes) + 1,
            )
        )

    def profile(self):  # type: ignore[no-untyped-def]
        snapshot = build_snapshot(
            M.Me(name="me"),
            self.contacts,
            [M.Tie(c.id) for c in self.contacts],
            (),
            self.interactions,
            goals=self.goals,
            series=self.series,
            occurrences=self.occurrences,
            attendances=self.attendances,
            encounters=self.encounters,
            outcomes=self.outcomes,
        )
        return analyze(snapshot, TODAY)


def _winner(world: World, visits: int = 20) -> int:
    """A series where every visit brings a €1,000 client."""
    series = world.add_series("Winner")
    for occurrence in world.visits(series, visits, every=15):
        world.outcome(TODAY - timedelta(days=5), occurrence=occurrence)
    return series


def test_posterior_of_one_series_matches_the_gamma_distribution():
    """Four visits of 2.5 h with 3 outcomes: prior worth two visits (5 h) at the pooled rate
    0.3/h → Gamma(1.5 + 3, 5 + 10); the interval is its central 90 %."""
    world = World()
    series = world.add_series("Only")
    occurrences = world.visits(series, 4, hours=2.5)
    for occurrence in occurrences[:3]:
        world.outcome(TODAY - timedelta(days=3), value=1000.0, occurrence=occurrence)
    only = events_report(world.profile()).by_name("Only")
    posterior = stats.gamma(4.5, scale=1 / 15)
    low, high = posterior.ppf([(1 - CREDIBLE) / 2, (1 + CREDIBLE) / 2])
    assert only.outcomes_per_hour.point == pytest.approx(0.3)
    assert only.outcomes_per_hour.low == pytest.approx(low)
    assert only.outcomes_per_hour.high == pytest.approx(high)
    # every outcome is worth €1,000, so value per hour is 1,000 × the rate (Monte Carlo bounds)
    assert only.value_per_hour.point == pytest.approx(300.0)
    assert only.value_per_hour.low == pytest.approx(1000 * low, rel=0.05)
    assert only.value_per_hour.high == pytest.approx(1000 * high, rel=0.05)


def test_a_habitually_attended_low_yield_series_is_flagged_and_a_winner_kept():
    world = World()
    _winner(world)
    habit = world.add_series("Borrel")
    world.visits(habit, 12, every=30)  # monthly for a year, nothing came of it
    middle = world.add_series("Meetup")
    for occurrence in world.visits(middle, 6, every=60)[:2]:
        world.outcome(TODAY - timedelta(days=5), value=300.0, occurrence=occurrence)
    report = events_report(world.profile())
    borrel, winner = report.by_name("Borrel"), report.by_name("Winner")
    assert borrel.verdict == "habitual_low_yield"
    assert borrel.value_per_hour.high < report.threshold
    assert borrel.visits_12m == 12
    habit_reason = next(r for r in borrel.reasons if r.key == "events.habit")
    assert habit_reason.figures == {"visits": 12}
    assert winner.verdict == "keep"
    assert winner.value_per_hour.low >= report.threshold
    assert report.threshold_source == "median"
    assert report.threshold == pytest.approx(report.by_name("Meetup").value_per_hour.point)


def test_a_low_yield_series_attended_for_fun_is_kept_as_fun_only_with_the_fun_goal():
    world = World()
    _winner(world)
    club = world.add_series("Tennis drinks")
    world.visits(club, 12, every=30, enjoyment=5)
    assert events_report(world.profile(), threshold=200).by_name("Tennis drinks").verdict == (
        "habitual_low_yield"
    )
    world.goals.append(M.Goal("fun", priority=3, id=1))
    tennis = events_report(world.profile(), threshold=200).by_name("Tennis drinks")
    assert tennis.verdict == "fun"
    fun = next(r for r in tennis.reasons if r.key == "events.fun")
    assert 4.0 <= fun.figures["enjoyment"] < 5.0  # 5 every time, shrunk toward my mean of 3.4


def test_the_interval_narrows_as_visits_accumulate():
    widths = []
    for visits in (2, 8, 32):
        world = World()
        _winner(world)
        series = world.add_series("Steady")
        for k, occurrence in enumerate(world.visits(series, visits, every=7)):
            if k % 2 == 0:  # one €500 lead every other visit
                world.outcome(TODAY - timedelta(days=2), value=500.0, occurrence=occurrence)
        steady = events_report(world.profile()).by_name("Steady")
        widths.append(steady.value_per_hour.high - steady.value_per_hour.low)
    assert widths[0] > widths[1] > widths[2]
    assert widths[2] < widths[0] / 2


def test_a_new_series_goes_from_try_once_to_skip_to_habit_as_low_yield_repeats():
    verdicts = []
    for visits in (0, 2, 3):
        world = World()
        _winner(world)
        new = world.add_series("New club")
        if visits:
            world.visits(new, visits, every=40, hours=4.0)
        else:
            world.occurrence(new, TODAY + timedelta(days=10))
        verdicts.append(events_report(world.profile(), threshold=400).by_name("New club").verdict)
    assert verdicts == ["try_once", "skip", "habitual_low_yield"]


def test_an_outcome_through_a_contact_first_met_at_an_event_counts_once_inside_the_window():
    world = World()
    series = world.add_series("Fair")
    later = world.add_series("Congress")
    fair = world.visit(series, TODAY - timedelta(days=300))
    congress = world.visit(later, TODAY - timedelta(days=200))
    world.encounters += [
        M.Encounter(fair, 1, M.EncounterKind.MET, first_meeting=True),
        M.Encounter(congress, 2, M.EncounterKind.MET, first_meeting=True),
        M.Encounter(congress, 1, M.EncounterKind.MET, first_meeting=False),
    ]
    meet_day = TODAY - timedelta(days=300)
    world.outcome(meet_day + timedelta(days=30), contacts=(1,))  # 1: inside the window
    world.outcome(meet_day + timedelta(days=150), contacts=(1, 2))  # 2: both → the earliest
    world.outcome(TODAY - timedelta(days=200) - timedelta(days=1), contacts=(2,))  # 3: before
    world.interactions.append(
        M.Interaction(
            datetime(2026, 1, 1, 12), M.InteractionKind.MEETING, "x", M.Direction.MUTUAL, (1,)
        )
    )
    profile = world.profile()
    credits = attributed_outcomes(profile.snapshot, TODAY)
    assert {k: (c.occurrence_id, c.via_contact) for k, c in credits.items()} == {
        1: (fair, 1),
        2: (fair, 1),
    }
    short = attributed_outcomes(profile.snapshot, TODAY, window_days=100)
    # outcome 2 came 150 days after the fair: now it goes to the congress, 50 days after
    # contact 2 was first met there
    assert {k: (c.occurrence_id, c.via_contact) for k, c in short.items()} == {
        1: (fair, 1),
        2: (congress, 2),
    }
    report = events_report(profile)
    assert report.by_name("Fair").outcomes == 2
    assert report.by_name("Congress").outcomes == 0


def test_an_outcome_recorded_against_an_occurrence_i_skipped_is_not_credited():
    world = World()
    series = world.add_series("Expo")
    occurrence = world.occurrence(series, TODAY - timedelta(days=20))
    world.attendances.append(M.Attendance(occurrence, M.AttendanceStatus.SKIPPED))
    world.outcome(TODAY - timedelta(days=5), occurrence=occurrence)
    assert attributed_outcomes(world.profile().snapshot, TODAY) == {}


def test_hours_saved_count_skipped_occurrences_of_low_yield_series_i_used_to_attend():
    world = World()
    _winner(world, visits=24)
    old = world.add_series("Old habit")
    world.visits(old, 12, every=30, start=400, hours=2.5)  # a year of visits, 13–24 months ago
    for k in range(12):  # then a year of occurrences I stayed home from
        world.occurrence(old, TODAY - timedelta(days=10 + 30 * k))
    report = events_report(world.profile(), threshold=200)
    assert report.by_name("Old habit").verdict == "skip"
    assert any(r.key == "events.stopped" for r in report.by_name("Old habit").reasons)
    assert report.hours_saved_12m == pytest.approx(12 * 2.5)
    assert report_to_json(report, "en")["hours_saved_12m"] == 30.0
    months = dict(hours_by_month(report, months=12))
    assert sum(hours["skip"] for hours in months.values()) == 0.0
    assert (min(months), max(months)) == ("2025-12", "2026-11")
    assert sum(hours["keep"] for hours in months.values()) == pytest.approx(
        sum(3.0 for v in report.by_name("Winner").ledger.visits if v.on >= date(2025, 12, 1))
    )


def _upcoming_world(novel: bool) -> tuple[World, int, int]:
    world = World(people=40)
    for i in range(1, 30):  # contacts 1–29 are in my network
        world.interactions.append(
            M.Interaction(
                datetime(2026, 6, 1, 12), M.InteractionKind.MEETING, "x", M.Direction.MUTUAL, (i,)
            )
        )
    world.contacts = [
        M.Contact(id=i, name=f"P{i}", sector="healthcare" if i >= 30 else "other")
        for i in range(1, 40)
    ]
    world.goals.append(
        M.Goal(
            "clients",
            priority=5,
            targets=(M.GoalTarget(M.TargetAttribute.SECTOR, "healthcare"),),
            id=1,
        )
    )
    _winner(world)
    habit = world.add_series("Borrel")
    world.visits(habit, 12, every=30)
    upcoming = world.occurrence(habit, TODAY + timedelta(days=5))
    crowd = range(30, 36) if novel else range(1, 7)
    world.encounters += [M.Encounter(upcoming, i, M.EncounterKind.EXPECTED) for i in crowd]
    new = world.add_series("Health meetup")
    first = world.occurrence(new, TODAY + timedelta(days=8))
    return world, upcoming, first


def test_upcoming_skips_a_low_yield_habit_but_tries_a_new_series_once():
    world, borrel, meetup = _upcoming_world(novel=False)
    profile = world.profile()
    advice = {a.occurrence.id: a for a in upcoming_advice(profile, events_report(profile))}
    assert advice[borrel].action == "skip"
    assert advice[borrel].crowd is not None and advice[borrel].crowd.new == 0
    assert advice[meetup].action == "try_once"
    assert advice[meetup].crowd is None


def test_upcoming_tries_a_low_yield_series_once_when_the_crowd_is_new_and_on_target():
    world, borrel, _ = _upcoming_world(novel=True)
    profile = world.profile()
    advice = {a.occurrence.id: a for a in upcoming_advice(profile, events_report(profile))}
    crowd = advice[borrel].crowd
    assert (crowd.expected, crowd.new, crowd.in_segment) == (6, 6, 6)
    assert crowd.new_sectors == ("healthcare",)
    assert advice[borrel].action == "try_once"
    assert any(r.key == "upcoming.novel" for r in advice[borrel].reasons)


def test_every_series_and_upcoming_item_carries_a_reason_with_a_figure():
    world, _, _ = _upcoming_world(novel=True)
    profile = world.profile()
    report = events_report(profile)
    items = [*report.series, *upcoming_advice(profile, report)]
    for item in items:
        numbers = [
            v for r in item.reasons for v in r.figures.values() if isinstance(v, int | float)
        ]
        assert numbers, item
    assert np.isfinite([s.value_per_hour.high for s in report.series]).all()
