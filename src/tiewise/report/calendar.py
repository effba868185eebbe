"""The weekly plan as an iCalendar file (RFC 5545): ``tiewise plan --ics FILE`` and the web
app's feed ``/plan.ics`` write the same calendar, so a calendar app shows the week's plan.

What goes in (one VEVENT each, all ``TRANSP:TRANSPARENT``: the plan never makes me look busy):

- **contacts to reach** (``plan.contacts``): an all-day entry over the plan's week, Monday to
  Sunday — the plan says *this week*, not a day — titled with the name and the action (invest,
  keep warm, reactivate), the reasons as its description;
- **events to attend** (``plan.events`` advised *attend* or *try once*; the ones to skip stay
  out: a calendar entry is an invitation to go): timed, in UTC as stored, the advice's reasons
  and the location in the description. The location is not written as ``LOCATION``: with it
  and a title such as *borrel* the project's own calendar reader (``ingest/ics.py``) would
  take the entry for a networking event, and importing one's own plan would then add the
  event a second time. Without it, importing the plan adds nothing: all-day entries and entries
  without guests are neither meetings nor events;
- **birthdays and anniversaries of meeting** (``plan.reminders``): all-day, on their day.

UIDs are stable: the same item gives the same UID on every run, so a calendar app that
refreshes the feed updates its entries instead of adding them again. A UID is
``<kind>-<first 32 hex digits of SHA-256 of "kind|reference|day">@tiewise.invalid``, where the
reference is the contact's id (the occurrence's id for an event) and the day the week's Monday
(reach), the event's day or the occasion's day. ``tiewise.invalid`` is under a top-level domain
reserved never to exist (RFC 2606), so no one else's UIDs can collide with it. Only
``DTSTAMP`` (when the file was made) differs between runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar

from tiewise.advice.plan import WeeklyPlan
from tiewise.analysis.profile import Profile
from tiewise.i18n import text

UID_DOMAIN = "tiewise.invalid"
PRODID = "-//tiewise//weekly plan//EN"
#: Actions of the events advice that go into the calendar.
ATTEND_ACTIONS = ("attend", "try_once")
#: How often a subscribed calendar app should fetch the feed again (RFC 7986 REFRESH-INTERVAL).
REFRESH = timedelta(hours=12)
REACH, EVENT = "reach", "event"


@dataclass(frozen=True)
class CalendarItem:
    """One entry of the plan's calendar: ``start`` and ``end`` are dates for all-day entries
    (``end`` exclusive, as iCalendar has it), aware UTC times for events."""

    kind: str  # reach | event | birthday | anniversary
    uid: str
    summary: str
    description: str
    start: date | datetime
    end: date | datetime | None


def item_uid(kind: str, reference: int | str, day: date) -> str:
    """The stable UID of an item (see the module docstring)."""
    digest = hashlib.sha256(f"{kind}|{reference}|{day.isoformat()}".encode()).hexdigest()
    return f"{kind}-{digest[:32]}@{UID_DOMAIN}"


def plan_items(plan: WeeklyPlan, profile: Profile, language: str) -> list[CalendarItem]:
    """The entries of the plan's calendar, in the plan's order: contacts, events, occasions."""
    snapshot = profile.snapshot
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    items: list[CalendarItem] = []
    for contact in plan.contacts:
        person = snapshot.contacts[contact.position]
        contact_id = int(snapshot.contact_ids[contact.position])
        action = t(f"plan.action.{contact.action}")
        items.append(
            CalendarItem(
                REACH,
                item_uid(REACH, contact_id, plan.week_start),
                t("ics.reach", name=person.name, action=action),
                "; ".join(r.render(language) for r in contact.reasons),
                plan.week_start,
                plan.week_end + timedelta(days=1),
            )
        )
    for advice in plan.events:
        if advice.action not in ATTEND_ACTIONS:
            continue
        occurrence = advice.occurrence
        name = occurrence.name or advice.series.name
        reference = occurrence.id if occurrence.id is not None else name
        lines = [r.render(language) for r in advice.reasons]
        if occurrence.location:
            lines.append(t("ics.where", location=occurrence.location))
        items.append(
            CalendarItem(
                EVENT,
                item_uid(EVENT, reference, occurrence.starts_at.date()),
                t("ics.event", action=t(f"action.{advice.action}").capitalize(), name=name),
                "\n".join(lines),
                occurrence.starts_at.replace(tzinfo=UTC),
                occurrence.ends_at.replace(tzinfo=UTC) if occurrence.ends_at else None,
            )
        )
    for reminder in plan.reminders:
        person = snapshot.contacts[reminder.position]
        contact_id = int(snapshot.contact_ids[reminder.position])
        what = reminder.reason.render(language)
        items.append(
            CalendarItem(
                reminder.kind,
                item_uid(reminder.kind, contact_id, reminder.day),
                t("ics.occasion", name=person.name, what=what),
                " · ".join(x for x in (person.role, person.organisation) if x),
                reminder.day,
                reminder.day + timedelta(days=1),
            )
        )
    return items


def plan_calendar(plan: WeeklyPlan, profile: Profile, language: str, stamp: datetime) -> bytes:
    """The plan as an iCalendar file; ``stamp`` (aware, or naive UTC) is its ``DTSTAMP``."""
    stamp = stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", text("ics.calendar_name", language))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))  # Outlook's older name
    for item in plan_items(plan, profile, language):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start)
        if item.end is not None:
            event.add("dtend", item.end)
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", [f"tiewise-{item.kind}"])
        calendar.add_component(event)
    return calendar.to_ical()
