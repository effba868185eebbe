"""Birthdays and anniversaries of meeting in the weekly plan: who counts, which day, which week."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tiewise import model as M
from tiewise.advice.plan import plan_to_json, weekly_plan
from tiewise.advice.reminders import week_reminders
from tiewise.analysis.profile import analyze
from tiewise.snapshot import build_snapshot

from .test_plan import _portfolio

TODAY = date(2027, 3, 3)  # a Wednesday; 2027 has no 29 February
MONDAY, SUNDAY = date(2027, 3, 1), date(2027, 3, 7)


def _profile(contacts, ties, interactions=(), today=TODAY):
    return analyze(build_snapshot(M.Me(name="me"), contacts, ties, (), interactions), today)


def _close(contact_id: int) -> list[M.Interaction]:
    """A year of weekly coffees: a strong or medium tie."""
    return [
        M.Interaction(
            datetime(2027, 3, 1, 10) - timedelta(weeks=w),
            M.InteractionKind.COFFEE,
            "manual",
            M.Direction.MUTUAL,
            (contact_id,),
            duration_minutes=60,
        )
        for w in range(1, 52)
    ]


def test_birthdays_of_every_tie_not_let_go_with_age_and_without_year():
    contacts = [
        M.Contact(id=1, name="Anouk", birthday=M.Birthday(3, 4, 1987)),
        M.Contact(id=2, name="Bram", birthday=M.Birthday(3, 1)),
        M.Contact(id=3, name="Cas", birthday=M.Birthday(3, 5, 1990)),  # let go
        M.Contact(id=4, name="Dirk", birthday=M.Birthday(3, 8, 1990)),  # next Monday
        M.Contact(id=5, name="Eva", birthday=M.Birthday(2, 28, 1990)),  # last Sunday
        M.Contact(id=6, name="Fleur"),
    ]
    ties = [M.Tie(1), M.Tie(2, status=M.TieStatus.KEEP), M.Tie(3, status=M.TieStatus.LET_GO)]
    profile = _profile(contacts, ties)
    found = week_reminders(profile, _portfolio(), MONDAY, SUNDAY)
    names = [profile.snapshot.contacts[r.position].name for r in found]
    assert names == ["Bram", "Anouk"]  # by day: 1 March, then 4 March
    bram, anouk = found
    assert (bram.kind, bram.day, bram.years, bram.reason.render("en")) == (
        "birthday",
        date(2027, 3, 1),
        None,
        "birthday",
    )
    assert (anouk.day, anouk.years, anouk.reason.render("nl")) == (
        date(2027, 3, 4),
        40,
        "jarig (wordt 40)",
    )


def test_29_february_is_on_28_february_in_a_year_without_it():
    contacts = [
        M.Contact(id=1, name="Leap", birthday=M.Birthday(2, 29, 1988)),
        M.Contact(id=2, name="Met on leap day"),
    ]
    ties = [M.Tie(1), M.Tie(2, met_on=date(2020, 2, 29), status=M.TieStatus.KEEP)]
    profile = _profile(contacts, ties, today=date(2027, 2, 24))
    found = week_reminders(profile, _portfolio(), date(2027, 2, 22), date(2027, 2, 28))
    assert [(r.kind, r.day, r.years) for r in found] == [
        ("birthday", date(2027, 2, 28), 39),
        ("anniversary", date(2027, 2, 28), 7),
    ]
    # in a leap year it is on the 29th: not in the week of 22–28 February 2028 …
    leap = week_reminders(profile, _portfolio(), date(2028, 2, 21), date(2028, 2, 27))
    assert leap == ()
    # … but in the week that holds it
    later = week_reminders(profile, _portfolio(), date(2028, 2, 28), date(2028, 3, 5))
    assert [r.day for r in later] == [date(2028, 2, 29)] * 2


def test_a_week_over_new_year_finds_days_in_both_years():
    contacts = [
        M.Contact(id=1, name="Old year", birthday=M.Birthday(12, 30, 1980)),
        M.Contact(id=2, name="New year", birthday=M.Birthday(1, 2, 1980)),
    ]
    profile = _profile(contacts, [], today=date(2026, 12, 30))
    found = week_reminders(profile, _portfolio(), date(2026, 12, 28), date(2027, 1, 3))
    assert [(r.day, r.years) for r in found] == [(date(2026, 12, 30), 46), (date(2027, 1, 2), 47)]


def test_anniversaries_only_whole_years_of_ties_that_matter():
    contacts = [M.Contact(id=i, name=f"C{i}") for i in range(1, 8)]
    met = date(2022, 3, 3)  # five years ago this week
    ties = [
        M.Tie(1, met_on=met, status=M.TieStatus.KEEP),  # kept
        M.Tie(2, met_on=met),  # close: many coffees
        M.Tie(3, met_on=met),  # in the portfolio
        M.Tie(4, met_on=met),  # weak, not chosen: a LinkedIn connection date
        M.Tie(5, met_on=met, status=M.TieStatus.LET_GO),  # let go, even if close
        M.Tie(6, met_on=date(2027, 3, 2), status=M.TieStatus.KEEP),  # met this week: no year
        M.Tie(7, met_on=date(2026, 3, 9), status=M.TieStatus.KEEP),  # a year next week
    ]
    profile = _profile(contacts, ties, _close(2) + _close(5))
    classes = profile.strength.tie_class
    assert str(classes[1]) in ("strong", "medium") and str(classes[3]) in ("weak", "dormant")
    found = week_reminders(profile, _portfolio(focus=(2,)), MONDAY, SUNDAY)
    assert [(r.position, r.kind, r.years) for r in found] == [
        (0, "anniversary", 5),
        (1, "anniversary", 5),
        (2, "anniversary", 5),
    ]
    assert found[0].reason.render("en") == "met 5 years ago this week"


def test_one_year_reads_as_a_year():
    contacts = [M.Contact(id=1, name="Anouk")]
    ties = [M.Tie(1, met_on=date(2026, 3, 5), status=M.TieStatus.KEEP)]
    (found,) = week_reminders(_profile(contacts, ties), _portfolio(), MONDAY, SUNDAY)
    assert found.years == 1 and found.reason.render("en") == "met a year ago this week"


def test_the_plan_carries_the_reminders_and_its_json_lists_them():
    contacts = [M.Contact(id=7, name="Anouk", birthday=M.Birthday(3, 6, 1990))]
    profile = _profile(contacts, [M.Tie(7)])
    plan = weekly_plan(profile, _portfolio(), [])
    assert [r.day for r in plan.reminders] == [date(2027, 3, 6)]
    assert plan_to_json(plan, profile, "en")["reminders"] == [
        {
            "kind": "birthday",
            "contact_id": 7,
            "name": "Anouk",
            "date": "2027-03-06",
            "years": 37,
            "text": "birthday (turns 37)",
        }
    ]
