"""The iCalendar parser: hand-made Google, Outlook and networking calendars, broken files, the
test calendars shipped with icalendar and recurring_ical_events, and random input."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiewise.errors import ImportFormatError
from tiewise.identifiers import identifier
from tiewise.ingest.ics import is_networking_text, name_from_email, parse_ics
from tiewise.ingest.records import ParsedSource
from tiewise.model import Direction, IdentifierKind, InteractionKind, Me

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ics"
NOW = datetime(2025, 11, 15, 12, 0)
ME = Me(name="Jan Jansen", identifiers=(identifier(IdentifierKind.EMAIL, "jan.jansen@example.nl"),))

ANOUK = "anouk.vanderberg@example.com"
PIETER = "pieter.bakker@example.com"
KEES = "kees@degroot-advies.nl"
EVA = "eva.smit@contoso.nl"
RUUD = "ruud.visser@contoso.nl"
BRAM = "bram@hendriks-bouw.nl"
OVN = "info@ondernemersnijmegen.nl"
WEEKLY = "7kukuqrfedlm2f9t0vr2nquvdv@google.com"
BORREL = "ovn-borrel-2025@ondernemersnijmegen.nl"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str, **kwargs) -> ParsedSource:
    return parse_ics(fixture(name), name, ME, NOW, **kwargs)


def parse_text(text: str, **kwargs) -> ParsedSource:
    return parse_ics(text.replace("\n", "\r\n").encode(), "inline.ics", ME, NOW, **kwargs)


def line_of(name: str, needle: str) -> int:
    """The 1-based line of the first physical line of fixture ``name`` containing ``needle``."""
    lines = fixture(name).decode().splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def by_subject(result: ParsedSource, subject: str):
    return [i for i in result.interactions if i.subject == subject]


def calendar(*events: str, header: str = "") -> str:
    """A minimal calendar around VEVENT bodies (their lines without BEGIN/END)."""
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//tiewise//test//EN\n{header}{body}END:VCALENDAR\n"
    )


def meeting(uid: str, start: str, *attendees: str, extra: str = "") -> str:
    lines = [f"UID:{uid}", f"DTSTART:{start}", "DURATION:PT1H", "SUMMARY:Overleg"]
    lines += [f"ATTENDEE:mailto:{a}" for a in attendees]
    return "\n".join(lines) + ("\n" + extra.strip() if extra else "")


# --------------------------------------------------------------------------------------------
# Google export


@pytest.fixture(scope="module")
def google() -> ParsedSource:
    return parse("google.ics")


def test_google_source_and_no_warnings(google: ParsedSource) -> None:
    assert google.source == "ics"
    assert google.file == "google.ics"
    assert google.warnings == []


def test_google_interactions_exact(google: ParsedSource) -> None:
    assert [(i.occurred_at, i.subject) for i in google.interactions] == [
        (datetime(2024, 12, 10, 14, 0), "Kennismaking"),
        (datetime(2025, 3, 11, 9, 0), "Weekly sync"),
        (datetime(2025, 3, 25, 9, 0), "Weekly sync"),
        (datetime(2025, 4, 3, 12, 0), "Weekly sync (verplaatst)"),
        (datetime(2025, 4, 8, 8, 0), "Weekly sync"),
        (datetime(2025, 4, 15, 8, 0), "Weekly sync"),
        (datetime(2025, 6, 12, 12, 0), "Lunch bespreking subsidie"),
        (datetime(2025, 9, 9, 7, 0), "Teamoverleg"),
    ]
    assert all(
        i.kind == InteractionKind.MEETING and i.channel == "calendar" for i in google.interactions
    )


def test_weekly_series_after_exdate_and_moved_instance(google: ParsedSource) -> None:
    """COUNT=6 Tuesdays from 11 March; 18 March excluded; 1 April moved to Thursday 3 April."""
    weekly = [i for i in google.interactions if i.key.startswith(f"ics:{WEEKLY}:")]
    assert len(weekly) == 5
    assert datetime(2025, 3, 18, 9, 0) not in [i.occurred_at for i in weekly]
    assert datetime(2025, 4, 1, 8, 0) not in [i.occurred_at for i in weekly]
    moved = next(i for i in weekly if i.subject == "Weekly sync (verplaatst)")
    assert moved.key == f"ics:{WEEKLY}:2025-04-01T08:00:00Z"  # the slot it was moved from
    assert moved.occurred_at == datetime(2025, 4, 3, 12, 0)  # 14:00 CEST
    assert moved.duration_minutes == 90
    assert moved.line == 70  # its own BEGIN:VEVENT, not the master's (line 26)


def test_utc_conversion_winter_and_summer(google: ParsedSource) -> None:
    """10:00 Europe/Amsterdam is 09:00 UTC before 30 March 2025 (CET) and 08:00 after (CEST)."""
    weekly = {i.occurred_at for i in google.interactions if i.subject == "Weekly sync"}
    assert datetime(2025, 3, 25, 9, 0) in weekly
    assert datetime(2025, 4, 8, 8, 0) in weekly
    assert by_subject(google, "Kennismaking")[0].occurred_at == datetime(2024, 12, 10, 14, 0)
    lunch = by_subject(google, "Lunch bespreking subsidie")[0]
    assert lunch.occurred_at == datetime(2025, 6, 12, 12, 0)
    assert lunch.key == "ics:3n1fq0k4b7v2m9s6d8e5a1c0t4@google.com:2025-06-12T12:00:00Z"


def test_participants_are_present_people_except_me(google: ParsedSource) -> None:
    weekly = by_subject(google, "Weekly sync")
    # not me, not the room, not the group calendar, not Sanne (declined), not the VALARM address
    assert {i.participants for i in weekly} == {(ANOUK, PIETER)}
    everyone = {p for i in google.interactions for p in i.participants}
    assert everyone == {ANOUK, PIETER, KEES}


def test_organiser_listed_as_attendee_counts_once(google: ParsedSource) -> None:
    lunch = by_subject(google, "Lunch bespreking subsidie")[0]
    assert lunch.participants == (ANOUK, KEES, PIETER)


def test_directions(google: ParsedSource) -> None:
    assert {i.direction for i in by_subject(google, "Weekly sync")} == {Direction.OUTBOUND}
    assert by_subject(google, "Lunch bespreking subsidie")[0].direction == Direction.INBOUND
    assert by_subject(google, "Kennismaking")[0].direction == Direction.MUTUAL  # no organiser
    assert by_subject(google, "Teamoverleg")[0].direction == Direction.MUTUAL  # group calendar


def test_durations(google: ParsedSource) -> None:
    durations = {i.subject: i.duration_minutes for i in google.interactions}
    assert durations == {
        "Kennismaking": 45,  # DURATION:PT45M
        "Weekly sync": 60,
        "Weekly sync (verplaatst)": 90,
        "Lunch bespreking subsidie": 60,
        "Teamoverleg": 30,
    }


def test_what_is_not_a_meeting(google: ParsedSource) -> None:
    subjects = {i.subject for i in google.interactions}
    assert "Ontbijtsessie adviseurs" not in subjects  # I declined
    assert "Afgezegd: review offerte" not in subjects  # STATUS:CANCELLED
    assert "Planning 2026" not in subjects  # after now
    assert "Koningsdag" not in subjects  # all-day, no guests
    assert "Heidag team" not in subjects  # all-day with guests
    assert "Focus time" not in subjects  # no guests
    assert "Belcel gereserveerd" not in subjects  # only me and a room
    assert google.skipped == 6  # cancelled, future, Koningsdag, Heidag, focus time, Belcel
    assert google.occurrences == []


def test_links_with_evidence(google: ParsedSource) -> None:
    links = [(x.person_a, x.person_b, x.evidence, x.first_seen, x.last_seen) for x in google.links]
    assert links == [
        (ANOUK, KEES, 2, date(2025, 6, 12), date(2025, 9, 16)),
        # 5 weekly + lunch + the breakfast I declined (they met without me)
        (ANOUK, PIETER, 7, date(2025, 3, 11), date(2025, 9, 16)),
        (KEES, PIETER, 2, date(2025, 6, 12), date(2025, 9, 16)),
    ]
    assert {x.source for x in google.links} == {"calendar"}


def test_persons(google: ParsedSource) -> None:
    persons = {p.key: p for p in google.persons}
    assert list(persons) == [ANOUK, PIETER, KEES]
    # Google folds "CN=Anouk v" / " an der Berg" in the middle of the parameter
    assert persons[ANOUK].name == "Anouk van der Berg"
    assert persons[PIETER].name == "Pieter Bakker"  # CN was the e-mail address
    assert persons[KEES].name == "Kees de Groot"
    assert persons[ANOUK].line == line_of("google.ics", "CN=Anouk v")
    assert persons[PIETER].line == line_of("google.ics", "CN=piete")
    assert persons[KEES].line == line_of("google.ics", "PARTSTAT=NEEDS-ACTION;CN=Ke")
    for person in google.persons:
        assert person.identifiers == (identifier(IdentifierKind.EMAIL, person.key),)
        assert person.is_connection is False
    assert "sanne.meijer@example.org" not in persons  # declined: never present
    assert "herinnering@example.net" not in persons  # VALARM recipient
    assert "jan.jansen@example.nl" not in persons  # me


def test_interaction_lines_point_at_begin_vevent(google: ParsedSource) -> None:
    lines = fixture("google.ics").decode().splitlines()
    for interaction in google.interactions:
        assert lines[interaction.line - 1] == "BEGIN:VEVENT"


def test_reimport_gives_the_same_keys(google: ParsedSource) -> None:
    again = parse("google.ics")
    assert [i.key for i in again.interactions] == [i.key for i in google.interactions]
    assert again == google


def test_key_of_moved_instance_equals_key_before_the_move(google: ParsedSource) -> None:
    text = fixture("google.ics").decode()
    start = text.index("BEGIN:VEVENT", text.index("END:VEVENT"))
    end = text.index("END:VEVENT", start) + len("END:VEVENT\r\n")
    assert "RECURRENCE-ID" in text[start:end]
    before_move = parse_ics((text[:start] + text[end:]).encode(), "google.ics", ME, NOW)
    original = next(i for i in before_move.interactions if i.occurred_at == datetime(2025, 4, 1, 8))
    moved = by_subject(google, "Weekly sync (verplaatst)")[0]
    assert original.key == moved.key


# --------------------------------------------------------------------------------------------
# Outlook export


@pytest.fixture(scope="module")
def outlook() -> ParsedSource:
    return parse("outlook.ics")


def test_outlook_interactions(outlook: ParsedSource) -> None:
    assert outlook.warnings == []
    assert [(i.occurred_at, i.subject, i.direction) for i in outlook.interactions] == [
        (datetime(2025, 1, 15, 12, 30), "Koffie Eva", Direction.OUTBOUND),
        (datetime(2025, 7, 2, 7, 0), "Kwartaalcijfers", Direction.INBOUND),
        (datetime(2025, 8, 5, 8, 0), "Call met Parijs", Direction.INBOUND),
        (datetime(2025, 10, 6, 9, 0), "Projectoverleg Contoso", Direction.INBOUND),
        (datetime(2025, 10, 13, 9, 0), "Projectoverleg Contoso", Direction.INBOUND),
        (datetime(2025, 10, 20, 9, 0), "Projectoverleg Contoso", Direction.INBOUND),
        (datetime(2025, 10, 27, 10, 0), "Projectoverleg Contoso", Direction.INBOUND),
    ]
    assert outlook.skipped == 1  # the all-day holiday


def test_outlook_rrule_until_without_z_and_windows_zone(outlook: ParsedSource) -> None:
    """``TZID="W. Europe Standard Time"`` (quoted) and ``UNTIL=20251027T110000`` (no Z): four
    Mondays, the last one after the end of summer time."""
    weekly = by_subject(outlook, "Projectoverleg Contoso")
    assert [i.occurred_at.hour for i in weekly] == [9, 9, 9, 10]
    assert {i.duration_minutes for i in weekly} == {60}
    assert {i.participants for i in weekly} == {(EVA, RUUD)}  # the room is not a person


def test_outlook_unquoted_windows_custom_and_unmapped_zones(outlook: ParsedSource) -> None:
    koffie = by_subject(outlook, "Koffie Eva")[0]  # TZID=W. Europe Standard Time, unquoted
    assert (koffie.occurred_at, koffie.duration_minutes) == (datetime(2025, 1, 15, 12, 30), 30)
    custom = by_subject(outlook, "Kwartaalcijfers")[0]  # TZID=Customized Time Zone
    assert custom.occurred_at == datetime(2025, 7, 2, 7, 0)
    paris = by_subject(outlook, "Call met Parijs")[0]  # Romance Standard Time, no VTIMEZONE
    assert paris.occurred_at == datetime(2025, 8, 5, 8, 0)


def test_outlook_mailto_in_capitals_recognises_me(outlook: ParsedSource) -> None:
    koffie = by_subject(outlook, "Koffie Eva")[0]  # ORGANIZER:MAILTO:JAN.JANSEN@EXAMPLE.NL
    assert koffie.direction == Direction.OUTBOUND
    assert koffie.participants == (EVA,)
    assert {p.key for p in outlook.persons} == {EVA, RUUD}  # e-mails lower-cased


def test_outlook_invitation_to_me_alone_is_a_meeting_with_the_organiser(outlook) -> None:
    """Outlook does not repeat the organiser among the attendees."""
    assert by_subject(outlook, "Call met Parijs")[0].participants == (EVA,)


def test_outlook_links(outlook: ParsedSource) -> None:
    assert [(x.person_a, x.person_b, x.evidence) for x in outlook.links] == [(EVA, RUUD, 5)]


# --------------------------------------------------------------------------------------------
# Networking events


@pytest.fixture(scope="module")
def networking() -> ParsedSource:
    return parse("networking.ics")


def test_networking_occurrences_past_and_future(networking: ParsedSource) -> None:
    assert [(o.key, o.starts_at) for o in networking.occurrences] == [
        (f"ics-event:{BORREL}:2025-10-02T15:00:00Z", datetime(2025, 10, 2, 15, 0)),
        (f"ics-event:{BORREL}:2025-11-06T16:00:00Z", datetime(2025, 11, 6, 16, 0)),
        (f"ics-event:{BORREL}:2025-12-04T16:00:00Z", datetime(2025, 12, 4, 16, 0)),
        (f"ics-event:{BORREL}:2026-01-01T16:00:00Z", datetime(2026, 1, 1, 16, 0)),
    ]
    borrel = networking.occurrences[0]
    assert borrel.name == "Ondernemersborrel Nijmegen"
    assert borrel.ends_at == datetime(2025, 10, 2, 17, 0)
    assert borrel.location == "Café De Plak, Bloemerstraat 90, Nijmegen"
    assert borrel.organiser == "Ondernemersvereniging Nijmegen"
    assert borrel.attendees == (OVN, BRAM)
    assert borrel.line == line_of("networking.ics", "UID:ovn-borrel") - 1
    assert borrel.evidence == ("title:ondernemersborrel", "location")


def test_all_day_entry_without_guests_is_no_event_unless_the_user_confirmed_it() -> None:
    assert "Vakbeurs Ondernemen Gorinchem" not in {
        o.name for o in parse("networking.ics").occurrences
    }
    confirmed = parse("networking.ics", confirmed_series=["vakbeurs ondernemen GORINCHEM"])
    beurs = confirmed.occurrences[-1]
    assert beurs.name == "Vakbeurs Ondernemen Gorinchem"
    assert (beurs.starts_at, beurs.ends_at) == (datetime(2026, 2, 12), datetime(2026, 2, 13))
    assert (beurs.organiser, beurs.attendees, beurs.evidence) == (None, (), ("confirmed",))


def test_not_networking_events(networking: ParsedSource) -> None:
    names = {o.name for o in networking.occurrences}
    assert "Netwerkcongres Regio Arnhem" not in names  # organised by me
    assert "Prevent burnout: workshop" not in names  # "event" inside "prevent"
    assert "Tech Meetup Arnhem" not in names  # beyond the default horizon, now + 120 days
    assert "Congres Zorg & Innovatie" not in names  # before now - 10 years
    assert "Zomerborrel" not in names  # cancelled


def test_networking_interactions_only_in_the_past(networking: ParsedSource) -> None:
    assert [(i.occurred_at, i.subject, i.participants) for i in networking.interactions] == [
        (datetime(2025, 9, 10, 7, 0), "Koffie met Bram", (BRAM,)),  # floating 09:00, Amsterdam
        (datetime(2025, 10, 2, 15, 0), "Ondernemersborrel Nijmegen", (OVN, BRAM)),
        (datetime(2025, 11, 6, 16, 0), "Ondernemersborrel Nijmegen", (OVN, BRAM)),
    ]
    assert networking.interactions[0].duration_minutes == 30


def test_horizon_and_since_parameters() -> None:
    near = parse("networking.ics", horizon=NOW + timedelta(days=30))
    assert [o.starts_at for o in near.occurrences][-1] == datetime(2025, 12, 4, 16, 0)
    far_back = parse("networking.ics", since=datetime(2014, 1, 1))
    assert "Congres Zorg & Innovatie" in {o.name for o in far_back.occurrences}
    recent = parse("networking.ics", since=datetime(2025, 10, 1))
    assert [i.subject for i in recent.interactions] == ["Ondernemersborrel Nijmegen"] * 2


def test_aware_now_is_converted_to_utc() -> None:
    aware = parse_ics(fixture("networking.ics"), "networking.ics", ME, NOW.replace(tzinfo=UTC))
    assert aware == parse("networking.ics")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ondernemersborrel Nijmegen", True),
        ("Netwerk", True),
        ("Nieuwjaarsborrel", True),
        ("Netwerkevent Zakenclub", True),
        ("Tech Meetup Arnhem", True),
        ("Python meet-up", True),
        ("Startup Café", True),
        ("Jobfair", True),
        ("Masterclasses voor ZZP'ers", True),
        ("Events", True),
        ("Vakbeurs", True),
        ("Congres Zorg", True),
        ("European Conference on AI", True),
        ("Prevent burnout", False),
        ("Love affair", False),
        ("Weekly sync", False),
        ("Tandarts", False),
    ],
)
def test_networking_words(text: str, expected: bool) -> None:
    assert is_networking_text(text) is expected


# --------------------------------------------------------------------------------------------
# Names, people and policies on small inline calendars


@pytest.mark.parametrize(
    ("email", "name"),
    [
        ("anouk.devries@x.nl", "Anouk Devries"),
        ("anouk.van.der.berg@x.nl", "Anouk van der Berg"),
        ("de.vries@x.nl", "De Vries"),
        ("j_smith+agenda@x.com", "J Smith"),
        ("kees@x.nl", "Kees"),
    ],
)
def test_name_from_email(email: str, name: str) -> None:
    assert name_from_email(email) == name


def test_floating_time_uses_x_wr_timezone() -> None:
    text = calendar(
        meeting("f1", "20250701T090000", "a@x.nl"), header="X-WR-TIMEZONE:Europe/London\n"
    )
    assert parse_text(text).interactions[0].occurred_at == datetime(2025, 7, 1, 8, 0)


def test_windows_name_in_x_wr_timezone() -> None:
    text = calendar(
        meeting("f1", "20250101T090000", "a@x.nl"),
        header="X-WR-TIMEZONE:GMT Standard Time\n",
    )
    result = parse_text(text)
    assert result.interactions[0].occurred_at == datetime(2025, 1, 1, 9, 0)
    assert result.warnings == []


def test_unknown_x_wr_timezone_warns_and_uses_amsterdam() -> None:
    text = calendar(
        meeting("f1", "20250101T090000", "a@x.nl"), header="X-WR-TIMEZONE:Mars/Olympus\n"
    )
    result = parse_text(text)
    assert result.interactions[0].occurred_at == datetime(2025, 1, 1, 8, 0)
    assert result.warnings[0].line == 4
    assert result.warnings[0].message == (
        "field 'X-WR-TIMEZONE': expected a known time zone, found 'Mars/Olympus';"
        " floating times read as Europe/Amsterdam"
    )


def test_large_meeting_gives_interaction_but_no_links() -> None:
    crowd = [f"collega{n}@bedrijf.nl" for n in range(30)]
    result = parse_text(calendar(meeting("all-hands", "20250301T090000Z", *crowd)))
    assert len(result.interactions[0].participants) == 30
    assert result.links == []


def test_no_reply_organiser_is_not_a_person() -> None:
    event = meeting(
        "m1", "20250301T170000Z", "a@x.nl", extra="ORGANIZER;CN=Meetup:mailto:noreply@meetup.com"
    )
    result = parse_text(calendar(event))
    assert result.interactions[0].participants == ("a@x.nl",)
    assert result.interactions[0].direction == Direction.MUTUAL


def test_only_me_and_declined_people_is_not_a_meeting() -> None:
    event = meeting("m1", "20250301T090000Z", "jan.jansen@example.nl").replace(
        "SUMMARY:Overleg", "SUMMARY:Overleg\nATTENDEE;PARTSTAT=DECLINED:mailto:a@x.nl"
    )
    result = parse_text(calendar(event))
    assert result.interactions == [] and result.persons == [] and result.skipped == 1


def test_delegated_and_non_participant_are_not_present() -> None:
    event = meeting("m1", "20250301T090000Z", "b@x.nl").replace(
        "SUMMARY:Overleg",
        "SUMMARY:Overleg\nATTENDEE;PARTSTAT=DELEGATED:mailto:a@x.nl\n"
        "ATTENDEE;ROLE=NON-PARTICIPANT:mailto:c@x.nl",
    )
    assert parse_text(calendar(event)).interactions[0].participants == ("b@x.nl",)


def test_event_without_uid_gets_a_stable_key() -> None:
    text = calendar("DTSTART:20250301T090000Z\nDURATION:PT30M\nATTENDEE:mailto:a@x.nl")
    first, second = parse_text(text), parse_text(text)
    assert first.interactions[0].key.startswith("ics:tiewise-")
    assert first.interactions[0].key == second.interactions[0].key


def test_event_without_end_has_unknown_duration() -> None:
    result = parse_text(calendar("UID:x\nDTSTART:20250301T090000Z\nATTENDEE:mailto:a@x.nl"))
    assert result.interactions[0].duration_minutes is None


def test_cancelled_single_occurrence_of_a_series() -> None:
    master = meeting("s1", "20250303T090000Z", "a@x.nl", extra="RRULE:FREQ=DAILY;COUNT=3")
    cancelled = meeting("s1", "20250304T090000Z", "a@x.nl", extra="RECURRENCE-ID:20250304T090000Z")
    result = parse_text(calendar(master, cancelled + "\nSTATUS:CANCELLED"))
    assert [i.occurred_at.day for i in result.interactions] == [3, 5]


def test_utf16_with_byte_order_mark() -> None:
    text = calendar(meeting("u1", "20250301T090000Z", "a@x.nl")).replace("\n", "\r\n")
    result = parse_ics(text.encode("utf-16"), "u.ics", ME, NOW)
    assert len(result.interactions) == 1


def test_lf_and_cr_line_ends() -> None:
    text = calendar(meeting("u1", "20250301T090000Z", "a@x.nl"))
    for ending in ("\n", "\r"):
        result = parse_ics(text.replace("\n", ending).encode(), "u.ics", ME, NOW)
        assert len(result.interactions) == 1


# --------------------------------------------------------------------------------------------
# Errors and warnings


def test_truncated_calendar() -> None:
    with pytest.raises(ImportFormatError) as error:
        parse("truncated.ics")
    assert (error.value.file, error.value.line, error.value.field) == (
        "truncated.ics",
        10,
        "VEVENT",
    )
    assert error.value.expected == "END:VEVENT (the VEVENT begun at line 5)"
    assert error.value.found == "the end of the file after line 10"


def test_vevent_without_end() -> None:
    text = fixture("google.ics").decode().replace("END:VEVENT\r\n", "", 1)
    with pytest.raises(ImportFormatError) as error:
        parse_ics(text.encode(), "google.ics", ME, NOW)
    assert error.value.field == "VEVENT"
    assert error.value.found == "END:VCALENDAR"
    assert error.value.line == len(text.splitlines())
    assert "END:VEVENT" in error.value.expected


def test_calendar_without_end() -> None:
    text = fixture("outlook.ics").decode().removesuffix("END:VCALENDAR\r\n")
    with pytest.raises(ImportFormatError) as error:
        parse_ics(text.encode(), "outlook.ics", ME, NOW)
    assert error.value.field == "VCALENDAR"
    assert error.value.expected == "END:VCALENDAR (the VCALENDAR begun at line 1)"


def test_not_a_calendar() -> None:
    with pytest.raises(ImportFormatError) as error:
        parse("not_a_calendar.ics")
    assert error.value.line == 1
    assert error.value.expected == "BEGIN:VCALENDAR (an iCalendar file)"
    assert error.value.found == "'Notes:'"
    assert "not_a_calendar.ics, line 1" in str(error.value)


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b"BEGIN:VCARD\r\nEND:VCARD\r\n"])
def test_empty_or_other_format(data: bytes) -> None:
    with pytest.raises(ImportFormatError) as error:
        parse_ics(data, "x.ics", ME, NOW)
    assert error.value.line == 1
    assert "BEGIN:VCALENDAR" in error.value.expected


def test_wrong_encoding() -> None:
    data = fixture("networking.ics").decode().encode("latin-1")
    with pytest.raises(ImportFormatError) as error:
        parse_ics(data, "networking.ics", ME, NOW)
    assert error.value.line == line_of("networking.ics", "LOCATION:Caf")
    assert (error.value.expected, error.value.found) == ("UTF-8 text", "the byte 0xe9")


def test_bad_dtstart_is_a_warning_and_the_event_is_skipped() -> None:
    result = parse("bad_event.ics")
    assert [(w.line, w.message) for w in result.warnings] == [
        (
            6,
            "field 'DTSTART': expected a valid DTSTART value, found '2025-03-11 10:00';"
            " event skipped",
        )
    ]
    assert str(result.warnings[0]).startswith("bad_event.ics, line 6: ")
    assert [i.subject for i in result.interactions] == ["Goed overleg"]


def test_garbage_lines_and_trailing_text_are_warnings() -> None:
    text = calendar(meeting("g1", "20250301T090000Z", "a@x.nl", extra="dit is geen regel"))
    result = parse_text(text + "-- einde export --\n")
    assert len(result.interactions) == 1
    assert [w.line for w in result.warnings] == [10, 13]
    assert "dit is geen regel" in result.warnings[0].message
    assert "after END:VCALENDAR" in result.warnings[1].message


def test_missing_dtstart_is_a_warning() -> None:
    result = parse_text(calendar("UID:x\nSUMMARY:Geen start\nATTENDEE:mailto:a@x.nl"))
    assert result.interactions == []
    assert result.warnings[0].line == 4
    assert "DTSTART" in result.warnings[0].message


def test_runaway_rule_is_skipped_with_a_warning() -> None:
    event = meeting("r1", "20250301T090000Z", "a@x.nl", extra="RRULE:FREQ=MINUTELY")
    result = parse_text(calendar(event, meeting("ok", "20250302T090000Z", "a@x.nl")))
    assert [i.key for i in result.interactions] == ["ics:ok:2025-03-02T09:00:00Z"]
    assert "at most hourly" in result.warnings[0].message


def test_non_gregorian_calendar() -> None:
    text = calendar(meeting("c1", "20250301T090000Z", "a@x.nl"), header="CALSCALE:CHINESE\n")
    with pytest.raises(ImportFormatError) as error:
        parse_text(text)
    assert (error.value.line, error.value.field) == (4, "CALSCALE")
    assert (error.value.expected, error.value.found) == ("CALSCALE:GREGORIAN", "CALSCALE:CHINESE")


def test_unreadable_vtimezone_is_dropped_with_a_warning() -> None:
    zone = (
        "BEGIN:VTIMEZONE\nTZID:Kapot\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
        "TZOFFSETFROM:+5744\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n"
    )
    text = calendar("UID:z\nDTSTART;TZID=Kapot:20250101T090000\nATTENDEE:mailto:a@x.nl")
    text = text.replace("BEGIN:VEVENT", zone + "BEGIN:VEVENT", 1)
    result = parse_text(text)
    assert result.warnings[0].line == 4 and "VTIMEZONE" in result.warnings[0].message
    assert result.interactions[0].occurred_at == datetime(2025, 1, 1, 8, 0)  # read as floating


# --------------------------------------------------------------------------------------------
# Robustness: the calendars shipped with the libraries, random bytes, mutated fixtures


def _corpus() -> list[Path]:
    icalendar_tests = Path(icalendar.__file__).parent / "tests"
    rie_calendars = Path(recurring_ical_events.__file__).parent / "test" / "calendars"
    return sorted(icalendar_tests.rglob("*.ics")) + sorted(rie_calendars.rglob("*.ics"))


CORPUS = _corpus()


def test_corpus_is_installed() -> None:
    assert len(CORPUS) > 200


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_parses_or_fails_cleanly(path: Path) -> None:
    try:
        result = parse_ics(path.read_bytes(), str(path), ME, NOW)
    except ImportFormatError as error:
        assert error.file == str(path)
        assert error.expected and error.found
        assert not EXCEPTION_TEXT.search(error.found)
        return
    assert isinstance(result, ParsedSource)
    assert not [w.message for w in result.warnings if EXCEPTION_TEXT.search(w.message)]


#: What an exception's text looks like ("TypeError: '<' not supported …"): never shown.
EXCEPTION_TEXT = re.compile(r"\b[A-Z]\w*(?:Error|Exception)\b:")


def _parse_or_format_error(data: bytes) -> None:
    try:
        result = parse_ics(data, "random.ics", ME, NOW)
    except ImportFormatError as error:
        assert not EXCEPTION_TEXT.search(error.found)
        return
    assert isinstance(result, ParsedSource)
    assert not [w.message for w in result.warnings if EXCEPTION_TEXT.search(w.message)]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    _parse_or_format_error(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=1000))
def test_random_bytes_inside_a_calendar(data: bytes) -> None:
    _parse_or_format_error(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + data + b"\r\nEND:VCALENDAR\r\n")


_LINE_TEXT = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "BEGIN:VEVENT",
            "END:VEVENT",
            "BEGIN:VALARM",
            "END:VALARM",
            "BEGIN:VTIMEZONE",
            "END:VCALENDAR",
            "DTSTART:20250101",
            "DTSTART;TZID=Nergens:20250101T100000",
            "DTEND:19991231T235959Z",
            "RRULE:FREQ=HOURLY;COUNT=100000",
            "RRULE:FREQ=YEARLY;BYDAY=MO;UNTIL=2026",
            "RECURRENCE-ID:20250311T090000Z",
            "EXDATE:garbage",
            "DURATION:-PT1H",
            "ATTENDEE:mailto:",
            'ATTENDEE;CN="open:mailto:x@y.nl',
            "ORGANIZER:MAILTO:jan.jansen@example.nl",
            "STATUS:CANCELLED",
            " folded continuation",
            "X-WR-TIMEZONE:Mars/Olympus",
            "CATEGORIES:Netwerk,,",
            "CATEGORIES:http://schemas.google.com/g/2005#event",
            "RRULE:FREQ=DAILY;INTERVAL=0",
            "RRULE:FREQ=SECONDLY",
            "RRULE:FREQ=DAILY;BYSETPOS=0",
            "DTEND: 20240812T223000Z",
            "BEGIN:VTODO",
            "END:VTOOD",
        ]
    ),
)


@st.composite
def mutated(draw: st.DrawFn, name: str) -> bytes:
    """A fixture with a few lines deleted, duplicated, swapped, cut, replaced or inserted."""
    lines = fixture(name).decode().splitlines()
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "cut", "replace", "insert"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif action == "replace":
            lines[i] = draw(_LINE_TEXT)
        else:
            lines.insert(i, draw(_LINE_TEXT))
    return "\r\n".join(lines).encode("utf-8", "surrogatepass")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated("google.ics"))
def test_mutated_google_export(data: bytes) -> None:
    _parse_or_format_error(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated("outlook.ics"))
def test_mutated_outlook_export(data: bytes) -> None:
    _parse_or_format_error(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated("networking.ics"))
def test_mutated_networking_calendar(data: bytes) -> None:
    _parse_or_format_error(data)


# --------------------------------------------------------------------------------------------
# Networking events only on evidence (issue 17)


def occurrence_names(result: ParsedSource) -> list[str]:
    return sorted({o.name for o in result.occurrences})


def test_google_category_urls_and_all_day_entries_make_no_events() -> None:
    """Every entry of a Google export carries CATEGORIES:http://schemas.google.com/g/2005#event;
    before, one all-day weekday entry gave 2,695 occurrences and a dentist a series."""
    result = parse("google_categories.ics")
    assert [(o.name, o.evidence) for o in result.occurrences] == [
        ("Nieuwjaarsborrel VNO-NCW Midden", ("title:nieuwjaarsborrel", "location"))
    ]
    assert result.warnings == []


def test_a_real_google_entry_titled_event_without_guests_is_none() -> None:
    """icalendar's alarm_google_acknowledged.ics: "event with alarms", no guests, no place."""
    result = parse("icalendar_alarm_google_acknowledged.ics")
    assert (result.occurrences, result.interactions, result.skipped) == ([], [], 1)


def test_a_gathering_of_colleagues_is_no_networking_event() -> None:
    result = parse("google_categories.ics")
    assert [i.subject for i in result.interactions] == ["Team event"]  # a meeting, no event


def _entry(summary: str, *extra: str, start: str = "20251120T170000Z") -> str:
    return "\n".join([f"UID:{summary}", f"DTSTART:{start}", f"SUMMARY:{summary}", *extra])


OUTSIDE = [f"ATTENDEE:mailto:guest{n}@firm{n}.example.com" for n in range(3)]


@pytest.mark.parametrize(
    ("entry", "evidence"),
    [
        (_entry("Tech Meetup"), ()),  # a title alone
        (_entry("Tech Meetup", "LOCATION:Rozet Arnhem"), ("title:meetup", "location")),
        (_entry("Tech Meetup", *OUTSIDE), ("title:meetup", "guests:3")),
        (_entry("Tech Meetup", *OUTSIDE[:2]), ()),  # two guests are not several
        (_entry("Tandarts", "LOCATION:Molenstraat 3"), ()),  # no title naming an event
        (
            _entry("Netwerkborrel", "LOCATION:Kantoor", "ATTENDEE:mailto:tim@example.nl"),
            (),  # only colleagues (my domain)
        ),
        (
            _entry("Borrel", "LOCATION:Hal 1", "ORGANIZER:mailto:jan.jansen@example.nl"),
            (),  # organised by me
        ),
        (_entry("Beurs", "LOCATION:Jaarbeurs", start="20251120"), ()),  # all day, no guests
        (
            _entry("Beurs", "LOCATION:Jaarbeurs", "ATTENDEE:mailto:a@b.nl", start="20251120"),
            ("title:beurs", "location"),
        ),
        (_entry("Overleg", "CATEGORIES:Netwerk,Werk"), ()),  # a category the user did not choose
        (_entry("Overleg", "CATEGORIES:http://schemas.google.com/g/2005#event"), ()),
    ],
)
def test_evidence_rule(entry: str, evidence: tuple[str, ...]) -> None:
    result = parse_text(calendar(entry))
    assert [o.evidence for o in result.occurrences] == ([evidence] if evidence else [])


def test_a_category_the_user_chose_makes_an_event_even_all_day_without_guests() -> None:
    text = calendar(_entry("Vakbeurs", "CATEGORIES:Werk,Netwérk", start="20251120"))
    assert parse_text(text).occurrences == []
    chosen = parse_text(text, event_categories=["netwerk"])
    assert [o.evidence for o in chosen.occurrences] == [("category:Netwérk",)]


def test_a_confirmed_series_is_an_event_whatever_the_evidence() -> None:
    text = calendar(_entry("Koffie met Bram"))
    assert parse_text(text).occurrences == []
    confirmed = parse_text(text, confirmed_series=["koffie met bram"])
    assert [o.evidence for o in confirmed.occurrences] == [("confirmed",)]


# --------------------------------------------------------------------------------------------
# Read as clients write them; warnings quote the input (issue 17)


def test_cr_cr_lf_line_ends_are_one_line_end() -> None:
    text = calendar(meeting("m1", "20250301T090000Z", ANOUK, extra="DTEND:20250301T100000Z"))
    data = text.replace("\n", "\r\r\n").encode()
    result = parse_ics(data, "iphone.ics", ME, NOW)
    assert result.warnings == []
    assert [(i.participants, i.line, i.duration_minutes) for i in result.interactions] == [
        ((ANOUK,), 4, 60)
    ]


def test_a_blank_after_the_colon_is_read() -> None:
    body = meeting("m1", "20240812T213000Z", ANOUK).replace("DURATION:PT1H", "")
    text = calendar(body + "\nDTEND: 20240812T223000Z\nDTSTAMP:  20240801T000000Z ")
    result = parse_text(text)
    assert result.warnings == []
    assert [i.duration_minutes for i in result.interactions] == [60]


def test_a_misspelt_end_inside_a_todo_does_not_reject_the_events() -> None:
    """icalendar's issue_1050 calendar (two events, a to-do, a journal) with END:VTOOD."""
    data = fixture("icalendar_issue_1050_events_and_todos.ics").replace(b"END:VTODO", b"END:VTOOD")
    chosen = ["test event 1", "test event 2"]
    result = parse_ics(data, "todo.ics", ME, NOW, confirmed_series=chosen)
    assert [o.name for o in result.occurrences] == ["Test Event 1", "Test Event 2"]
    line = data.decode().splitlines().index("END:VTOOD") + 1
    assert [(w.line, w.message) for w in result.warnings] == [
        (
            line,
            "expected END:VTODO (the VTODO begun at line 33), found 'END:VTOOD'; the VTODO is"
            " not read and ends here",
        )
    ]


def test_a_misspelt_end_inside_an_event_is_still_an_error() -> None:
    text = calendar(meeting("m1", "20250301T090000Z", ANOUK)).replace("END:VEVENT", "END:VEVNT")
    with pytest.raises(ImportFormatError) as raised:
        parse_text(text)
    assert (raised.value.line, raised.value.found) == (10, "END:VEVNT")


@pytest.mark.parametrize(
    ("rule", "found"),
    [
        ("FREQ=DAILY;BYSETPOS=0", "'DTSTART:20250301T090000Z RRULE:FREQ=DAILY;BYSETPOS=0'"),
        ("FREQ=WEEKLY;INTERVAL=-2", "'RRULE:FREQ=WEEKLY;INTERVAL=-2'"),
    ],
)
def test_an_unexpandable_rule_is_quoted_not_the_exception(rule: str, found: str) -> None:
    event = meeting("r1", "20250301T090000Z", ANOUK, extra=f"RRULE:{rule}")
    (warning,) = parse_text(calendar(event)).warnings
    assert found in warning.message and warning.line == 4
    assert not EXCEPTION_TEXT.search(warning.message)
