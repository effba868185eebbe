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
    """Four visits of 2.5 h with 3 outcomes. The prior is worth two visits, β0 = 5 h, at the
    pooled rate shrunk toward r0 = €25/h ÷ €400 = 0.0625/h with the same 5 h:
    r = (3 + 0.0625·5) / (10 + 5) = 0.2208, α0 = r·β0 = 1.1042 → posterior
    Gamma(4.1042, 15), mean 0.2736/h (Gelman et al. BDA3 §2.6); the interval is its central
    90 %. ṽ = median(1000, 1000, 1000, 400, 400) = €1,000, so value per hour = 1,000 × rate."""
    world = World()
    series = world.add_series("Only")
    occurrences = world.visits(series, 4, hours=2.5)
    for occurrence in occurrences[:3]:
        world.outcome(TODAY - timedelta(days=3), value=1000.0, occurrence=occurrence)
    only = events_report(world.profile()).by_name("Only")
    alpha0 = (3 + 0.0625 * 5) / 15 * 5
    posterior = stats.gamma(alpha0 + 3, scale=1 / 15)
    low, high = posterior.ppf([(1 - CREDIBLE) / 2, (1 + CREDIBLE) / 2])
    assert only.outcomes_per_hour.point == pytest.approx((alpha0 + 3) / 15)
    assert only.outcomes_per_hour.point == pytest.approx(0.273611, abs=1e-6)
    assert only.outcomes_per_hour.low == pytest.approx(low)
    assert only.outcomes_per_hour.high == pytest.approx(high)
    # every outcome is worth €1,000, so value per hour is 1,000 × the rate (Monte Carlo bounds)
    assert only.value_per_hour.point == pytest.approx(273.6111, abs=1e-3)
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
    # enjoyed, but no fun outcome ever logged: the reason says so without "0 times fun"
    fun = next(r for r in tennis.reasons if r.key == "events.fun_rated")
    assert 4.0 <= fun.figures["enjoyment"] < 5.0  # 5 every time, shrunk toward my mean of 3.4
    assert "times" not in fun.render("en") and "keer" not in fun.render("nl")


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


def _shares(credits: dict) -> dict[int, dict[int, tuple[float, int | None]]]:
    return {
        k: {c.occurrence_id: (round(c.share, 4), c.via_contact) for c in found}
        for k, found in credits.items()
    }


def test_an_outcome_through_contacts_is_shared_along_the_chain_of_every_meeting():
    """Seed 004 ("the stories you keep about people who touched you"), METHOD.md "Event yield":
    outcomes through people met at an event count for that event — every event where the
    person was met, not only the first. Chain (analysis/attendance.py): per contact, the
    meeting where the relationship began weighs 2, each later meeting at an event 1; a
    relationship that began elsewhere keeps its 2 outside events.

    Contact 1 first met at the fair (day −300), met again at the congress (−200); contact 2
    first met at the congress.
    - outcome 1 (−270, via 1): only the fair precedes it → fair 2/2 = 1.
    - outcome 2 (−150, via 1 and 2): fair 2, congress 1 (contact 1) + 2 (contact 2) → fair
      2/5 = 0.4, congress 3/5 = 0.6 — the old first-touch rule gave the fair everything.
    - outcome 3 (−201, via 2): contact 2 had not been met yet → no event outcome.
    With a 100-day window the fair (150 days before outcome 2) drops out; contact 1's
    beginning then lies outside the window and keeps its 2 outside: congress (1 + 2)/5 = 0.6.
    The series sum their shares: the fair 1 + 0.4 = 1.4 outcomes, the congress 0.6 — 2 of
    the 3 outcomes in total, each counted at most once."""
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
    world.outcome(meet_day + timedelta(days=30), contacts=(1,))
    world.outcome(meet_day + timedelta(days=150), contacts=(1, 2))
    world.outcome(TODAY - timedelta(days=200) - timedelta(days=1), contacts=(2,))
    world.interactions.append(
        M.Interaction(
            datetime(2026, 1, 1, 12), M.InteractionKind.MEETING, "x", M.Direction.MUTUAL, (1,)
        )
    )
    profile = world.profile()
    assert _shares(attributed_outcomes(profile.snapshot, TODAY)) == {
        1: {fair: (1.0, 1)},
        2: {fair: (0.4, 1), congress: (0.6, 2)},
    }
    assert _shares(attributed_outcomes(profile.snapshot, TODAY, window_days=100)) == {
        1: {fair: (1.0, 1)},
        2: {congress: (0.6, 2)},
    }
    report = events_report(profile)
    assert report.by_name("Fair").outcomes == pytest.approx(1.4)
    assert report.by_name("Congress").outcomes == pytest.approx(0.6)
    assert report.by_name("Congress").value_eur == pytest.approx(600.0)
    assert report.outcomes_credited == pytest.approx(2.0)


def test_an_outcome_through_an_old_friend_met_again_at_a_borrel_credits_the_borrel_a_third():
    """The issue's case: an outcome through a person I already knew (no first meeting at any
    event) and met at the borrel was not credited at all, and the report said "no outcomes
    recorded yet". By the chain the borrel gets 1 / (1 + 2) = ⅓ — the 2 stays with the
    relationship's beginning outside events — and the report never claims no outcomes."""
    world = World()
    borrel = world.add_series("Borrel")
    visit = world.visit(borrel, TODAY - timedelta(days=40))
    world.encounters.append(M.Encounter(visit, 3, M.EncounterKind.MET, first_meeting=False))
    world.outcome(TODAY - timedelta(days=10), value=3000.0, contacts=(3,))
    report = events_report(world.profile())
    series = report.by_name("Borrel")
    assert series.outcomes == pytest.approx(1 / 3)
    assert series.value_eur == pytest.approx(1000.0)
    assert series.basis == "measured"
    assert all(r.key != "events.no_outcomes" for r in series.reasons)
    outcome_reason = next(r for r in series.reasons if r.key == "events.outcomes")
    assert outcome_reason.figures == {"outcomes": 0.33, "value": 1000}


def test_outcomes_recorded_but_traced_to_no_event_are_said_as_such():
    """An outcome through someone never met at an event is no event outcome (rule 3); the
    series then says that 1 outcome is recorded but none traced, not "no outcomes yet"."""
    world = World()
    borrel = world.add_series("Borrel")
    world.visits(borrel, 4, every=30)
    world.outcome(TODAY - timedelta(days=10), contacts=(5,))
    series = events_report(world.profile()).by_name("Borrel")
    keys = [r.key for r in series.reasons]
    assert "events.uncredited" in keys and "events.no_outcomes" not in keys
    assert next(r for r in series.reasons if r.key == "events.uncredited").figures == {"count": 1}


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


# --- issue 16: threshold, thin data, priors, labels, new contacts ------------------------------


def test_with_no_outcome_anywhere_the_threshold_is_the_default_and_a_monthly_borrel_a_habit():
    """Seed 000: many entrepreneurs keep going to events that yield little; Watson (2007):
    using one network more than about three times a year tended to be counter-productive.
    With no outcome recorded the old median threshold was €0, so a borrel visited 12 times with
    nothing to show was *keep*. Now T is the stated default €25/h (source ``default``), and
    12 visits (36 h) with nothing give a 90 % high end of about €2/h: credibly below, 12 visits
    in 12 months → habitual low yield, shown as "12 visits, no outcome yet", never as €/h."""
    world = World()
    borrel = world.add_series("Borrel")
    world.visits(borrel, 12, every=30)
    report = events_report(world.profile())
    assert (report.threshold, report.threshold_source) == (25.0, "default")
    series = report.by_name("Borrel")
    assert (series.verdict, series.rule) == ("habitual_low_yield", "credibly_below_habit")
    assert series.value_per_hour.high < 5.0
    assert series.basis == "no_outcome"
    assert series.value_label.render("en") == "12 visits, no outcome yet"
    assert series.reasons[0].key == "events.yield_none"
    assert "events.no_outcomes" in [r.key for r in series.reasons]
    below = next(r for r in series.reasons if r.key == "events.below")
    assert below.figures == {"threshold": 25.0, "high": round(series.value_per_hour.high, 2)}
    document = report_to_json(report, "en")
    assert document["threshold"] == {"value_per_hour": 25.0, "source": "default"}
    assert document["series"][0]["label"] == "12 visits, no outcome yet"


def test_the_median_threshold_needs_three_outcomes_from_two_series():
    """One outcome is not "my own median": the median of point estimates would be the prior of
    that single outcome. Below 3 credited outcomes from 2 series the default €25 holds; with
    them the median of the visited series' points is used (source ``median``)."""
    world = World()
    club = world.add_series("Club")
    first, second = world.visits(club, 2, every=30)
    world.outcome(TODAY - timedelta(days=3), value=1000.0, occurrence=first)
    world.outcome(TODAY - timedelta(days=3), value=1000.0, occurrence=second)
    other = world.add_series("Other")
    world.visits(other, 3, every=30)
    assert events_report(world.profile()).threshold_source == "default"  # 2 outcomes, 1 series
    (third,) = world.visits(other, 1, start=200)
    world.outcome(TODAY - timedelta(days=150), value=1000.0, occurrence=third)
    report = events_report(world.profile())
    assert report.threshold_source == "median"
    points = sorted(s.value_per_hour.point for s in report.series)
    assert report.threshold == pytest.approx((points[0] + points[1]) / 2)


def test_a_20000_client_after_two_visits_is_keep_not_yet_certain_not_try_it():
    """The issue's case: a €20,000 client after two visits (3 h each). ṽ = median(20,000, 400,
    400) = €400, so the value per outcome is (20,000 + 2·400) / 3 = €6,933; the rate
    posterior mean is (α0 + 1)/(β0 + 6): the point estimate is far above €25 but the interval
    reaches below it. Verdict: ``keep_uncertain`` ("keep — not yet certain"), never "try it"."""
    world = World()
    club = world.add_series("Club")
    first, _ = world.visits(club, 2, every=30)
    world.outcome(TODAY - timedelta(days=3), value=20000.0, occurrence=first)
    borrel = world.add_series("Borrel")
    world.visits(borrel, 12, every=30)
    report = events_report(world.profile())
    series = report.by_name("Club")
    assert report.typical_value == 400.0
    assert (series.verdict, series.rule) == ("keep_uncertain", "likely_above")
    assert series.value_per_hour.point > 14 * report.threshold
    assert series.value_per_hour.low < report.threshold
    likely = next(r for r in series.reasons if r.key == "events.likely_above")
    assert likely.figures["visits"] == 2 and likely.figures["threshold"] == 25.0
    assert "not yet certain" in likely.render("en")
    from tiewise.i18n import text

    assert text("verdict.keep_uncertain", "en") == "keep — not yet certain"


def test_a_never_visited_series_is_a_prior_and_never_printed_as_a_measurement():
    """A series with no visits has only the prior from my other series. It is said to be one:
    the cell reads "no visits yet", the first reason calls the figure a prior, the JSON gives
    ``value_per_hour: null`` with the estimate under ``prior``, the upcoming advice says that
    nothing is measured and asks to try once."""
    world = World()
    _winner(world)
    new = world.add_series("New meetup")
    upcoming = world.occurrence(new, TODAY + timedelta(days=5))
    profile = world.profile()
    report = events_report(profile)
    series = report.by_name("New meetup")
    assert (series.verdict, series.rule, series.basis) == ("try_once", "no_visits", "prior")
    assert series.value_label.render("en") == "no visits yet"
    assert series.reasons[0].key == "events.yield_prior"
    assert "not a measurement" in series.reasons[0].render("en")
    document = next(s for s in report_to_json(report, "en")["series"] if s["name"] == "New meetup")
    assert document["value_per_hour"] is None and document["interval"] is None
    assert document["prior"]["value_per_hour"] == round(series.value_per_hour.point, 2)
    (advice,) = [a for a in upcoming_advice(profile, report) if a.occurrence.id == upcoming]
    assert advice.action == "try_once"
    assert advice.reasons[0].key == "upcoming.expected_prior"
    assert "value" not in advice.reasons[0].figures


def test_thin_data_is_said_as_such_and_judged_too_early():
    """Two visits with nothing yet, after a year of a winning series (a €1,000 client every 3
    hours) that sets my rate: the prior alone puts the point estimate at about €141/h, above a
    €100 threshold — but nothing was measured, so it is neither "keep" nor "likely above":
    "too early to tell", shown as "2 visits, no outcome yet" rather than €141/h.
    Upcoming: go once more."""
    world = World()
    _winner(world)
    club = world.add_series("Club")
    world.visits(club, 2, every=30)
    world.occurrence(club, TODAY + timedelta(days=7))
    profile = world.profile()
    report = events_report(profile, threshold=100)
    series = report.by_name("Club")
    assert series.value_per_hour.low < 100 <= series.value_per_hour.point
    assert (series.verdict, series.rule) == ("too_early", "few_visits")
    assert series.value_label.render("en") == "2 visits, no outcome yet"
    (advice,) = [a for a in upcoming_advice(profile, report) if a.series.name == "Club"]
    assert advice.action == "try_once"
    assert [r.key for r in advice.reasons][:2] == ["upcoming.expected_none", "upcoming.too_early"]


def _newcomer_world() -> World:
    """A goal (clients in healthcare, so healthcare contacts serve it) and three series: the
    winner (no one new), a health fair where I first meet 4 healthcare people each visit, and
    a borrel where I meet one new healthcare person on 5 of 6 visits and old contacts."""
    world = World(people=60)
    world.contacts = [
        M.Contact(id=i, name=f"P{i}", sector="healthcare" if i >= 30 else "other")
        for i in range(1, 60)
    ]
    target = M.GoalTarget(M.TargetAttribute.SECTOR, "healthcare")
    world.goals.append(M.Goal("clients", priority=5, targets=(target,), id=1))
    _winner(world)
    fair = world.add_series("Health fair")
    person = 30
    for occurrence in world.visits(fair, 6, every=30):
        for _ in range(4):
            world.encounters.append(
                M.Encounter(occurrence, person, M.EncounterKind.MET, first_meeting=True)
            )
            person += 1
    borrel = world.add_series("Borrel")
    for j, occurrence in enumerate(world.visits(borrel, 6, every=30, start=12)):
        world.encounters += [
            M.Encounter(occurrence, 54 + j % 5, M.EncounterKind.MET, first_meeting=j < 5),
            M.Encounter(occurrence, 1 + j, M.EncounterKind.MET, first_meeting=False),
        ]
    return world


def test_goal_relevant_new_contacts_count_toward_the_yield_and_the_verdict_says_so():
    """Ingram & Morris (2007): at a mixer people say they come to meet new people yet mostly
    meet whom they already know — so a series where I do meet new people who serve my goals
    yields what most do not. Pooled rate: (0 + 24 + 5) new relevant contacts over 60 + 18 + 18
    hours = 0.302/h. The fair: 24 in 18 h, posterior Gamma(0.302·6 + 24, 6 + 18), low end
    ≈ 0.75/h > 0.302 → ``new_contacts`` although no euro came of it. The borrel: 5 in 18 h →
    0.28/h, no more than overall → its verdict says they do not make up for the low yield
    (the demo's borrel: 0.64 per visit but 0.22 per hour against 0.19 overall)."""
    report = events_report(_newcomer_world().profile())
    assert report.newcomer_rate == pytest.approx(29 / 96)
    fair, borrel = report.by_name("Health fair"), report.by_name("Borrel")
    assert (fair.verdict, fair.rule) == ("new_contacts", "new_contacts")
    assert fair.new_relevant == 24
    alpha = 29 / 96 * 6
    assert fair.new_relevant_per_hour.point == pytest.approx((alpha + 24) / 24)
    low = stats.gamma(alpha + 24, scale=1 / 24).ppf((1 - CREDIBLE) / 2)
    lifted = next(r for r in fair.reasons if r.key == "events.new_contacts")
    assert lifted.figures == {"low": round(low, 3), "overall": 0.302}
    assert borrel.verdict in {"doubtful", "skip", "habitual_low_yield"}
    usual = next(r for r in borrel.reasons if r.key == "events.new_contacts_usual")
    assert usual.figures["per_hour"] < 0.302
    assert "do not make up" in usual.render("en")


def test_a_threshold_below_zero_is_refused_naming_the_field():
    """Bad input (issue 16): a negative threshold is a clear, typed error — field, expected,
    found — in English and Dutch."""
    from tiewise.errors import InputError

    world = World()
    _winner(world)
    with pytest.raises(InputError) as caught:
        events_report(world.profile(), threshold=-5.0)
    assert caught.value.field == "threshold"
    assert str(caught.value) == "threshold: expected euros per hour, 0 or more, found -5.0"
    assert caught.value.message("nl") == "verwacht euro per uur, 0 of meer, gevonden: '-5'"
