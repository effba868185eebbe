"""Read an iCalendar file (RFC 5545, ``.ics``) into meetings, people, links and networking events.

Format and libraries
    ``icalendar`` parses the content lines and properties; ``recurring_ical_events`` expands every
    series (RRULE, RDATE, EXDATE, moved instances with RECURRENCE-ID, ``X-WR-TIMEZONE``). This
    module writes no recurrence logic of its own; it only bounds the expansion (see *Limits*).

Contract (see :func:`parse_ics`)
    ``now`` (naive UTC) separates what happened from what is planned, ``horizon`` (naive UTC,
    default ``now`` + 120 days) is how far ahead networking events are offered, ``since``
    (default ``now`` minus ten years) is how far back anything is read:

    - meetings become interactions and links only for occurrences starting in ``[since, now)``;
    - networking events become :class:`OccurrenceRecord` s for occurrences starting in
      ``[since, horizon)``, so the events work can advise on upcoming ones.

Quirks handled
    - Google: long lines folded in the middle of a parameter (``CN=Anouk v`` / `` an der Berg``);
      ``CN`` equal to the e-mail address; rooms and calendars as attendees; the organiser also
      listed as an attendee; ``VALARM`` blocks with ``ATTENDEE`` lines (alarm recipients, not
      guests: VALARM blocks are dropped before parsing, only a VEVENT's own properties are read).
    - Outlook/Exchange: Windows time-zone names (``TZID=W. Europe Standard Time``, quoted or not,
      mapped by icalendar), custom TZIDs with their VTIMEZONE, ``MAILTO:`` in capitals,
      ``RRULE ... UNTIL`` without ``Z``.
    - Line ends CRLF, LF, CR or CR CR LF (one line end); a UTF-8 byte order mark; UTF-16 with a
      byte order mark; blank lines; several VCALENDARs in one file; text after the last
      ``END:VCALENDAR`` (ignored with a warning); lines that are not ``NAME;PARAMS:VALUE``
      (ignored with a warning); blanks around a value that is no free text
      (``DTEND: 20240812T223000Z``), read as clients write them.
    - Only VEVENTs, VTIMEZONEs and the calendar's own properties are handed to icalendar, so a
      flaw elsewhere cannot stop the import: to-dos, journals, free/busy and unknown components
      are not read; a VTIMEZONE or calendar property icalendar cannot read is dropped with a
      warning (times in that zone are then read as floating). A wrong END inside a component
      that is not read (``END:VTOOD`` in a to-do) ends that component with a warning; inside a
      VEVENT or the calendar it is an error.

Policies
    - Times are converted to naive UTC. Floating times (no TZID, no ``Z``) and TZIDs that neither
      icalendar nor a VTIMEZONE in the file can resolve are read as local time of the calendar's
      ``X-WR-TIMEZONE`` when it names a known zone, else of :data:`DEFAULT_ZONE`
      (Europe/Amsterdam). All-day dates are kept as the date at 00:00, without conversion.
    - A *person* is an ATTENDEE or ORGANIZER whose value is an e-mail address (``mailto:`` in any
      case, or bare), except ``CUTYPE=RESOURCE``/``ROOM``/``GROUP`` and addresses at
      ``calendar.google.com`` or any of its subdomains (rooms, group calendars) and no-reply
      senders of event platforms (``noreply@``, ``no-reply@``, ``donotreply@``). The user
      (*me*) is recognised by e-mail and never becomes a person record.
    - A person is *present* unless their ATTENDEE says ``PARTSTAT=DECLINED`` or ``DELEGATED`` or
      ``ROLE=NON-PARTICIPANT``; tentative and unanswered invitations count as present. The
      organiser is present unless their own ATTENDEE entry says otherwise; listed twice, a person
      counts once.
    - A *meeting* is a timed VEVENT that is not ``STATUS:CANCELLED`` (neither the series nor the
      occurrence), with a guest list (at least one ATTENDEE who is a person, me included) and
      at least one present person other than me among its attendees and organiser. Outlook
      does not list the organiser as an attendee, so Eva's invitation to me alone is a meeting
      with Eva. All-day events and events without guests (holidays, focus time, a room booked
      for myself) are not meetings.
    - Each past occurrence of a meeting is one interaction (kind meeting, channel ``calendar``)
      with every present person except me, unless I declined it. Direction: outbound when I
      organise, inbound when another person organises, mutual without an organiser (or when the
      organiser is a room or calendar). Duration: DTEND − DTSTART or DURATION; ``None`` when the
      event gives neither.
    - Links: every pair of present people of a past meeting occurrence, also when I declined
      (they met without me), with ``evidence`` = the number of occurrences they shared in the
      file. Meetings with more than :data:`LINK_GROUP_LIMIT` (12,
      :data:`~tiewise.ingest.records.MAX_LINKED_GROUP`) present people besides me (an
      all-hands, a webinar, a mixer) give interactions but no links: guests at a mixer mostly
      do not meet (Ingram & Morris 2007, *ASQ* 52: 558–585). The writer applies the same bound
      to every source.
    - Networking events, only on evidence a person would accept (:class:`EventRule`), for an
      occurrence that is not cancelled:

      1. its CATEGORIES hold a category the user chose (``import ics --event-category``), or
         its SUMMARY is the name of a series the user confirmed (``events confirm``) — the
         user's word, whatever else the entry says; otherwise
      2. never when I organise it, never an all-day entry without guests, never a gathering
         of colleagues only (every other person at my own e-mail domain, free mail providers
         excepted);
      3. its title names an event — a word of :data:`NETWORKING_WORDS` in SUMMARY or in a
         category that is a word (a category that is a URL, like Google's
         ``http://schemas.google.com/g/2005#event`` on every entry of its exports, names
         nothing), compared without case and accents; Dutch words (``borrel``, ``netwerk``,
         ``ondernemers``, ``congres``, ``beurs``) match inside compounds
         (``Ondernemersborrel``), the others as a whole word, its plural, or the end of a
         compound (``netwerkevent``), except look-alikes (``prevent``, ``affair``);
      4. *and* it has a LOCATION or at least :data:`EVENT_GUESTS` (3) present guests from
         outside my organisation. A title alone is never enough.

      The evidence travels with the record (``title:borrel``, ``location``, ``guests:4``,
      ``category:Netwerk``, ``confirmed``) and is kept on the series, so that ``tiewise events
      series`` can show why; a series the user rejected is skipped by the writer.
      ``organiser`` is the organiser's real name, else their e-mail address; ``attendees``
      are the present people except me, organiser included.
    - Names: ``CN`` when it is a real name. When it is missing or holds an e-mail address, the
      name is derived from the local part: ``anouk.devries@x.nl`` → "Anouk Devries",
      ``anouk.van.der.berg@x.nl`` → "Anouk van der Berg" (Dutch particles stay lower case).
    - Keys: interactions ``ics:<UID>:<slot>``, occurrences ``ics-event:<UID>:<slot>``, where
      ``<slot>`` is the occurrence's RECURRENCE-ID (its original start) in UTC ISO form
      (``2025-06-03T08:00:00Z``; a date for all-day events): a moved instance keeps the key of
      the slot it was moved from, so re-importing after a move changes nothing. A VEVENT without
      UID gets ``tiewise-<hash of its lines>``.
    - Person records are made for the people the records refer to (present in a past meeting or
      an attendee of a networking event), keyed by normalised e-mail; ``line`` is the first
      ATTENDEE/ORGANIZER line (physical, 1-based) naming them.
    - ``skipped`` counts VEVENTs that gave no record on purpose (not a meeting nor a networking
      event, cancelled, outside the window).

Errors
    Not iCalendar (no ``BEGIN:VCALENDAR``), not UTF-8, truncated (a component without its END) or
    unreadable as a whole → :class:`~tiewise.errors.ImportFormatError` naming file, line, field,
    expected and found. A VEVENT that cannot be used (a bad or missing DTSTART, an unexpandable
    rule) → an :class:`ImportWarning` with its line, and the VEVENT is skipped. No other
    exception leaves :func:`parse_ics`.

Limits
    A series is expanded year by year and cut after :data:`MAX_OCCURRENCES` (5,000) occurrences
    in the window; a file after :data:`MAX_FILE_OCCURRENCES` (100,000): each cut is a warning
    in the import summary saying what was read. A rule with ``INTERVAL`` below 1 never advances
    (RFC 5545 requires a positive integer) and is skipped with a warning quoting it. Rules
    recurring more often than hourly (``FREQ=SECONDLY``/``MINUTELY``, or more than 24 times a
    day through BYHOUR/BYMINUTE/BYSECOND), and rules recurring several times a day whose
    expansion would walk more than :data:`MAX_WALK` occurrences from DTSTART on, are skipped
    with a warning: no meeting series looks like that, and expanding them would take minutes.
    A rule that gives no date at all (``BYMONTH=2;BYMONTHDAY=30``; the expansion walked to the
    year 9999 to find none, up to 7 s a rule) is found first (``ingest/recurrence.py``) and
    ignored with a warning; its event is read at DTSTART, as the expansion read it. A content
    line longer than :data:`~tiewise.ingest.limits.MAX_FIELD_CHARS` after unfolding is ignored
    with a warning giving its size (``ingest/ics_lines.py``).
    Warnings quote the input (the line, the rule), never an exception's text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import combinations
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from icalendar.parser.content_line import Contentline
from icalendar.prop import vBroken, vRecur
from icalendar.timezone import tzp

from tiewise.errors import ImportFormatError, Phrase
from tiewise.identifiers import identifier, normalise_email
from tiewise.ingest.ics_lines import Line, decode, unfold
from tiewise.ingest.identity import PUBLIC_MAIL_DOMAINS
from tiewise.ingest.records import (
    MAX_LINKED_GROUP,
    ImportWarning,
    InteractionRecord,
    LinkRecord,
    OccurrenceRecord,
    ParsedSource,
    PersonRecord,
)
from tiewise.ingest.recurrence import barren
from tiewise.model import Direction, IdentifierKind, InteractionKind, Me

SOURCE = "ics"
CHANNEL = "calendar"
LINK_SOURCE = "calendar"
HORIZON = timedelta(days=120)
HISTORY = timedelta(days=3653)  # ten years
DEFAULT_ZONE = "Europe/Amsterdam"
LINK_GROUP_LIMIT = MAX_LINKED_GROUP
MAX_OCCURRENCES = 5000
MAX_FILE_OCCURRENCES = 100_000
MAX_WALK = 2_000_000
#: Guests from outside my organisation that make a gathering with a networking title an event.
EVENT_GUESTS = 3

NETWORKING_WORDS = (
    "borrel",
    "netwerk",
    "networking",
    "meetup",
    "meet-up",
    "café",
    "cafe",
    "congres",
    "congress",
    "conference",
    "beurs",
    "fair",
    "event",
    "seminar",
    "symposium",
    "masterclass",
    "ondernemers",
)
# Dutch words match inside compounds ("Ondernemersborrel"); the others (accents removed) as a
# word, its plural or the tail of a compound ("netwerkevent").
_COMPOUND_WORDS = ("borrel", "netwerk", "ondernemers", "congres", "beurs")
_WORDS = tuple(
    "networking meetup meet-up cafe congress conference fair event seminar symposium"
    " masterclass".split()
)
_LOOK_ALIKES = frozenset({"prevent", "prevents", "affair", "affairs", "unfair"})
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

_NOT_PEOPLE_CUTYPES = frozenset({"RESOURCE", "ROOM", "GROUP"})
_NO_REPLY = re.compile(r"(?:no-?reply|do-?not-?reply|mailer-daemon)(?:[-+._].*)?")
_ABSENT_PARTSTATS = frozenset({"DECLINED", "DELEGATED"})
_TIME_FIELDS = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE"}
)
#: Fields whose value is no free text: blanks around their value are dropped when read.
_TRIMMED = _TIME_FIELDS | frozenset(
    "DTSTAMP CREATED LAST-MODIFIED DUE STATUS TRANSP CLASS SEQUENCE PRIORITY UID TZID"
    " TZOFFSETFROM TZOFFSETTO TZNAME ATTENDEE ORGANIZER CATEGORIES X-WR-TIMEZONE".split()
)
_PARTICLES = frozenset("van der den de het ter ten te op in von zu da di du".split())
_INDEX = "X-TIEWISE-INDEX"
_FOUND_WIDTH = 60


# --------------------------------------------------------------------------------------------
# The public function


def parse_ics(
    data: bytes,
    file: str,
    me: Me,
    now: datetime,
    *,
    horizon: datetime | None = None,
    since: datetime | None = None,
    event_categories: Iterable[str] = (),
    confirmed_series: Iterable[str] = (),
) -> ParsedSource:
    """Parse the bytes of one ``.ics`` file (see the module docstring for the policies).

    ``now`` is naive UTC (an aware datetime is converted): occurrences starting before it are
    past (interactions, links), those before ``horizon`` (default ``now`` + 120 days) are
    upcoming (networking events only). ``since`` (default ``now`` − ten years) is the earliest
    start read. ``event_categories`` are the calendar categories the user chose to mark
    networking events; ``confirmed_series`` the names of series the user confirmed as events
    (both compared without case and accents). Raises :class:`ImportFormatError` and nothing
    else."""
    try:
        window = _Window.of(now, horizon, since)
        rule = EventRule.of(me, event_categories, confirmed_series)
        return _parse(data, file, me, window, rule)
    except ImportFormatError:
        raise
    except Exception as exc:  # the contract: nothing but ImportFormatError escapes
        raise ImportFormatError(
            file, "a readable iCalendar file", "content tiewise cannot read (please report it)"
        ) from exc


def _parse(data: bytes, file: str, me: Me, window: _Window, rule: EventRule) -> ParsedSource:
    text = decode(data, file)
    too_long: list[ImportWarning] = []
    scan = _Scanner(file).scan(unfold(text, file, too_long))
    calendars = _load(scan, file)
    result = ParsedSource(source=SOURCE, file=file)
    result.warnings.extend(too_long + scan.warnings)
    mine = frozenset(e.lower() for e in me.values(IdentifierKind.EMAIL))
    assembler = _Assembler(result, mine, window, rule)
    events = _prepare(calendars, scan, file, result.warnings)
    room = MAX_FILE_OCCURRENCES
    for group in _groups(events):
        if room <= 0:
            result.warnings.append(
                ImportWarning(
                    file,
                    min(s.block.begin for s in group),
                    f"expected at most {MAX_FILE_OCCURRENCES} occurrences in one file from"
                    f" {window.since.date()} to {window.until.date()}, found more; this and the"
                    " later series are not read (the cap of one file)",
                )
            )
            break
        occurrences = _occurrences_of(group, window, file, result.warnings)[:room]
        room -= len(occurrences)
        for occurrence in occurrences:
            assembler.add(occurrence)
    assembler.finish(len(events))
    result.warnings.sort(key=lambda w: w.line)
    return result


@dataclass(frozen=True, slots=True)
class _Window:
    since: datetime
    now: datetime
    until: datetime

    @classmethod
    def of(cls, now: datetime, horizon: datetime | None, since: datetime | None) -> _Window:
        now = _naive_utc(now)
        start = _naive_utc(since) if since is not None else now - HISTORY
        until = _naive_utc(horizon) if horizon is not None else now + HORIZON
        return cls(since=start, now=now, until=until)


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _shorten(text: str, width: int = _FOUND_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------------------------
# Structure: components must nest; where each VEVENT and its people stand in the file


@dataclass(slots=True)
class _Block:
    """One VEVENT as it stands in the file: its BEGIN line, the first line of each of its own
    properties, and of each e-mail address named by its own ATTENDEE/ORGANIZER lines."""

    begin: int
    fields: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # the first line of each field, as read
    parties: dict[str, int] = field(default_factory=dict)
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)


@dataclass(slots=True)
class _Scan:
    kept: list[str]  # the content lines handed to icalendar
    blocks: list[_Block]  # every VEVENT, in document order
    warnings: list[ImportWarning]
    calendar_fields: dict[str, int]  # first line of each property of a VCALENDAR itself


@dataclass(slots=True)
class _Open:
    """A component being read: its name, BEGIN line, its VEVENT block, whether it is dropped."""

    name: str
    line: int
    block: _Block | None
    dropped: bool


_KEPT_IN_CALENDAR = frozenset({"VEVENT", "VTIMEZONE"})


class _Scanner:
    """Checks that components nest (BEGIN/END pairs, VCALENDAR at the top) and records the
    lines of every VEVENT. Hands icalendar only what is needed, so that a flaw elsewhere cannot
    stop the import: VEVENTs, VTIMEZONEs and the calendar's own properties. VALARMs (alarm
    recipients are not guests), to-dos, journals and other components are dropped; lines that
    are not content lines, VTIMEZONEs and calendar properties icalendar cannot read, and text
    after the last END:VCALENDAR are dropped with a warning."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.stack: list[_Open] = []
        self.kept: list[str] = []
        self.zone_lines: list[str] | None = None  # a VTIMEZONE being read
        self.zone_blocks = 0  # VEVENT blocks before that VTIMEZONE
        self.calendar_fields: dict[str, int] = {}
        self.blocks: list[_Block] = []
        self.warnings: list[ImportWarning] = []
        self.trailing: list[Line] = []
        self.calendars = 0

    def scan(self, lines: list[Line]) -> _Scan:
        if not lines:
            raise ImportFormatError(self.file, "BEGIN:VCALENDAR", "an empty file", line=1)
        for line in lines:
            self._line(line)
        self._finish(lines[-1].last)
        return _Scan(self.kept, self.blocks, self.warnings, self.calendar_fields)

    def _line(self, line: Line) -> None:
        try:
            name, value = _split(line.text)
        except Exception:
            self._not_a_content_line(line)
            return
        name = name.upper()
        if name == "BEGIN":
            self._begin(line, value.upper())
        elif name == "END":
            self._end(line, value.upper())
        elif not self.stack:
            self._outside(line)
        else:
            self._property(line, name, value)

    def _not_a_content_line(self, line: Line) -> None:
        if not self.stack:
            self._outside(line)
        elif not self._dropped():
            self._warn(
                line.first,
                "expected a content line NAME[;PARAM=…]:VALUE, found"
                f" {_shorten(line.text)!r}; line ignored",
            )

    def _begin(self, line: Line, component: str) -> None:
        if not self.stack:
            if component != "VCALENDAR":
                self._not_calendar(line)
            if self.trailing:
                self._not_calendar(self.trailing[0])
        dropped = self._dropped() or component == "VALARM"
        if len(self.stack) == 1:
            dropped = dropped or component not in _KEPT_IN_CALENDAR
            if component == "VTIMEZONE":
                self.zone_lines, self.zone_blocks = [], len(self.blocks)
        block = _Block(line.first) if component == "VEVENT" and not dropped else None
        if block is not None:
            self.blocks.append(block)
        self.stack.append(_Open(component, line.first, block, dropped))
        self._keep(line)

    def _end(self, line: Line, component: str) -> None:
        if not self.stack:
            raise ImportFormatError(
                self.file,
                Phrase("BEGIN:{component} before END:{component}", component=component),
                Phrase("END:{component} outside any component", component=component),
                line=line.first,
                field=component,
            )
        opened = self.stack[-1]
        if component != opened.name and opened.dropped and self._closes_unread(line, component):
            return
        if component != opened.name:
            raise ImportFormatError(
                self.file,
                _unclosed(opened),
                f"END:{component}",
                line=line.first,
                field=opened.name,
            )
        self._keep(line)
        self.stack.pop()
        if len(self.stack) == 1 and self.zone_lines is not None:
            self._zone_read(opened.line)
        if not self.stack:
            self.calendars += 1

    def _closes_unread(self, line: Line, component: str) -> bool:
        """An END that does not match inside a component that is not read (a to-do, a
        journal, an alarm): ``END:VTOOD`` ends the VTODO, ``END:VCALENDAR`` ends it and the
        calendar. A flaw in what is not read never rejects the events; a warning names it."""
        names = [opened.name for opened in self.stack]
        if component in names:
            depth = len(names) - 1 - names[::-1].index(component)
            if not all(opened.dropped for opened in self.stack[depth + 1 :]):
                return False  # the END skips a component that is read: truncated
        else:
            depth = len(names) - 1
        unclosed = self.stack[depth + 1 :] if component in names else [self.stack[-1]]
        for opened in unclosed:
            self._warn(
                line.first,
                f"expected END:{opened.name} (the {opened.name} begun at line {opened.line}),"
                f" found {_shorten(line.text)!r}; the {opened.name} is not read and ends here",
            )
        if component in names:
            del self.stack[depth + 1 :]
            self._end(line, component)
        else:
            self.stack.pop()
        return True

    def _property(self, line: Line, name: str, value: str) -> None:
        if len(self.stack) == 1:
            if not self._readable_calendar_property(line):
                return
            self.calendar_fields.setdefault(name, line.first)
        read = line
        if name in _TRIMMED and value != value.strip(" \t") and line.text.endswith(value):
            # "DTEND: 20240812T223000Z": blanks around a value that is no text are read as
            # clients write them (the digest of a VEVENT without UID keeps the line as given)
            read = Line(line.first, line.last, line.text[: -len(value)] + value.strip(" \t"))
        self._keep(line, read.text)
        block = self.stack[-1].block
        if block is None:
            return
        block.fields.setdefault(name, line.first)
        block.texts.setdefault(name, line.text)
        if name in ("ATTENDEE", "ORGANIZER"):
            email = normalise_email(value)
            if email is not None:
                block.parties.setdefault(email, line.first)

    def _readable_calendar_property(self, line: Line) -> bool:
        text = f"BEGIN:VCALENDAR\r\n{line.text}\r\nEND:VCALENDAR\r\n"
        readable = _readable(text)
        if not readable:
            self._warn(
                line.first,
                f"expected a calendar property, found {_shorten(line.text)!r}; line ignored",
            )
        return readable

    def _zone_read(self, begun: int) -> None:
        """A VTIMEZONE is complete: keep it when icalendar can read it."""
        lines, self.zone_lines = self.zone_lines or [], None
        if _readable("\r\n".join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR", ""])):
            self.kept.extend(lines)
        else:
            del self.blocks[self.zone_blocks :]  # a VEVENT nested in it goes too
            tzid = next((t for t in lines if t.upper().startswith("TZID")), lines[0])
            self._warn(
                begun,
                f"expected a valid VTIMEZONE, found one icalendar cannot read ({_shorten(tzid)!r});"
                " time zone ignored (its times are read as floating)",
            )

    def _outside(self, line: Line) -> None:
        if self.calendars == 0:
            self._not_calendar(line)
        self.trailing.append(line)

    def _not_calendar(self, line: Line) -> None:
        raise ImportFormatError(
            self.file,
            "BEGIN:VCALENDAR (an iCalendar file)",
            repr(_shorten(line.text)),
            line=line.first,
        )

    def _keep(self, line: Line, text: str | None = None) -> None:
        if self._dropped():
            return
        target = self.zone_lines if self.zone_lines is not None else self.kept
        target.append(line.text if text is None else text)
        for opened in self.stack:
            if opened.block is not None:
                opened.block.digest.update(line.text.encode("utf-8", "surrogatepass"))

    def _dropped(self) -> bool:
        return bool(self.stack) and self.stack[-1].dropped

    def _warn(self, line: int, message: str) -> None:
        self.warnings.append(ImportWarning(self.file, line, message))

    def _finish(self, last_line: int) -> None:
        if self.stack:
            opened = self.stack[-1]
            raise ImportFormatError(
                self.file,
                _unclosed(opened),
                Phrase("the end of the file after line {line}", line=str(last_line)),
                line=last_line,
                field=opened.name,
            )
        if self.trailing:
            first = self.trailing[0]
            self._warn(
                first.first,
                f"expected nothing after END:VCALENDAR, found {_shorten(first.text)!r};"
                f" {len(self.trailing)} line(s) ignored",
            )


_PLAIN = re.compile(r"([A-Za-z0-9-]+):(.*)", re.DOTALL)


def _split(text: str) -> tuple[str, str]:
    """Name and value of a content line, as icalendar reads them (a fast path for lines
    without parameters); raises ValueError for a line that is none."""
    plain = _PLAIN.fullmatch(text)
    if plain is not None:
        return plain.group(1), plain.group(2)
    name, _params, value = Contentline(text).parts()
    return name, value


def _readable(text: str) -> bool:
    """Whether icalendar can read this small calendar."""
    try:
        icalendar.Calendar.from_ical(text.encode("utf-8", "surrogatepass"))
    except Exception:
        return False
    return True


def _unclosed(opened: _Open) -> Phrase:
    """What a message expects of a component begun and not ended."""
    return Phrase(
        "END:{name} (the {name} begun at line {line})", name=opened.name, line=str(opened.line)
    )


def _load(scan: _Scan, file: str) -> list[icalendar.Calendar]:
    """The calendars of the file, parsed by icalendar."""
    content = ("\r\n".join(scan.kept) + "\r\n").encode("utf-8", "surrogatepass")
    try:
        components = icalendar.Calendar.from_ical(content, multiple=True)
    except Exception as exc:
        raise ImportFormatError(
            file, "valid iCalendar content", "content icalendar cannot read as a calendar"
        ) from exc
    calendars = [c for c in components if isinstance(c, icalendar.Calendar)]
    for calendar in calendars:
        scale = str(calendar.get("CALSCALE", "GREGORIAN")).upper()
        if scale != "GREGORIAN":
            line = scan.calendar_fields.get("CALSCALE")
            raise ImportFormatError(
                file, "CALSCALE:GREGORIAN", f"CALSCALE:{scale}", line=line, field="CALSCALE"
            )
    return calendars


# --------------------------------------------------------------------------------------------
# VEVENTs: check the fields the expansion needs, name each, group them by series


@dataclass(slots=True)
class _Home:
    """A VCALENDAR of the file: its time zones and the zone of its floating times."""

    calendar: icalendar.Calendar
    timezones: list[icalendar.cal.Component]
    zone: tzinfo


@dataclass(slots=True)
class _Source:
    """A usable VEVENT, its place in the file and its calendar."""

    index: int
    event: icalendar.Event
    block: _Block
    home: _Home


def _prepare(
    calendars: list[icalendar.Calendar],
    scan: _Scan,
    file: str,
    warnings: list[ImportWarning],
) -> list[_Source]:
    """The usable VEVENTs, each tagged with its index (the tag survives the expansion's copies)
    and given a UID when it has none."""
    events = [(cal, event) for cal in calendars for event in cal.walk("VEVENT")]
    line = scan.calendar_fields.get("X-WR-TIMEZONE", 1)
    homes = {
        id(cal): _Home(
            cal,
            [c for c in cal.subcomponents if c.name == "VTIMEZONE"],
            _zone_of(cal, file, line, warnings),
        )
        for cal in calendars
    }
    blocks = scan.blocks
    aligned = len(blocks) == len(events)  # always, unless icalendar and the scanner disagree
    usable: list[_Source] = []
    for index, (calendar, event) in enumerate(events):
        block = blocks[index] if aligned else _Block(1)
        if not _usable(event, block, file, warnings):
            continue
        uid = _text(event, "UID")
        event["UID"] = uid if uid else f"tiewise-{block.digest.hexdigest()[:16]}"
        event[_INDEX] = str(index)
        usable.append(_Source(index, event, block, homes[id(calendar)]))
    return usable


def _zone_of(
    calendar: icalendar.Calendar, file: str, line: int, warnings: list[ImportWarning]
) -> tzinfo:
    """The zone of floating times: X-WR-TIMEZONE when it names a known zone, else DEFAULT_ZONE.
    A Windows name is rewritten to its IANA name and an unknown one removed (with a warning):
    the expansion only understands IANA names."""
    default = ZoneInfo(DEFAULT_ZONE)
    if "X-WR-TIMEZONE" not in calendar:
        return default
    name = _text(calendar, "X-WR-TIMEZONE") or ""
    zone = _zone(name) if name else None
    key = getattr(zone, "key", None)
    if zone is None or not key:
        del calendar["X-WR-TIMEZONE"]
        warnings.append(
            ImportWarning(
                file,
                line,
                f"field 'X-WR-TIMEZONE': expected a known time zone, found {name!r};"
                f" floating times read as {DEFAULT_ZONE}",
            )
        )
        return default
    calendar["X-WR-TIMEZONE"] = key
    return zone


def _zone(name: str) -> tzinfo | None:
    """A zone by IANA or Windows name (icalendar maps Windows names), or None."""
    try:
        return tzp.timezone(name)
    except Exception:
        return None


def _usable(
    event: icalendar.Event, block: _Block, file: str, warnings: list[ImportWarning]
) -> bool:
    """False (with a warning) when a field the expansion needs is missing or unreadable; other
    unreadable fields only give a warning."""
    usable = True
    for name, _message in event.errors:
        if name is None:
            continue  # a line that is no content line: the scanner warned already
        name = str(name).upper()
        critical = name in _TIME_FIELDS
        usable = usable and not critical
        written = block.texts.get(name)
        broken = [v for v in _as_list(event.get(name)) if isinstance(v, vBroken)]
        found = repr(_shorten(str(broken[0]) if broken else written or name))
        outcome = "event skipped" if critical else "field ignored"
        warnings.append(
            ImportWarning(
                file,
                block.fields.get(name, block.begin),
                f"field {name!r}: expected a valid {name} value, found {found}; {outcome}",
            )
        )
    if not usable:
        return False
    start = event.get("DTSTART")
    if isinstance(getattr(start, "dt", None), date):
        return True
    found = "none" if start is None else f"{len(_as_list(start))} DTSTART lines"
    warnings.append(
        ImportWarning(
            file,
            block.fields.get("DTSTART", block.begin),
            f"field 'DTSTART': expected one date or date-time, found {found}; event skipped",
        )
    )
    return False


def _groups(sources: list[_Source]) -> list[list[_Source]]:
    """The VEVENTs of one series (same calendar and UID: the master and its moved instances)."""
    groups: dict[tuple[int, str], list[_Source]] = defaultdict(list)
    for source in sources:
        groups[(id(source.home), str(source.event["UID"]))].append(source)
    return list(groups.values())


# --------------------------------------------------------------------------------------------
# Expansion into occurrences


class _Unusable(Exception):
    """A series skipped with a warning; the message says what was expected and found."""


def _occurrences_of(
    group: list[_Source], window: _Window, file: str, warnings: list[ImportWarning]
) -> list[_Occurrence]:
    """The occurrences of one series starting in ``[since, until)``; a series that cannot be
    expanded is skipped with a warning at the line of its first VEVENT."""
    line = min(s.block.begin for s in group)
    try:
        _check_cost(group, window)
        _drop_barren_rules(group, file, warnings)
        sources = {s.index: s for s in group}
        occurrences = [_read(c, sources[int(str(c[_INDEX]))]) for c in _expand(group, window)]
    except _Unusable as exc:
        warnings.append(ImportWarning(file, line, f"{exc}; event skipped"))
        return []
    except Exception:
        warnings.append(
            ImportWarning(
                file,
                line,
                "expected a VEVENT whose DTSTART, DTEND, RRULE, RDATE and EXDATE together give"
                f" its occurrences, found {_timing(group)}; event skipped",
            )
        )
        return []
    inside = sorted(
        (o for o in occurrences if window.since <= o.start < window.until),
        key=lambda o: (o.start, o.slot),
    )
    if len(inside) > MAX_OCCURRENCES:
        warnings.append(
            ImportWarning(
                file,
                line,
                f"expected at most {MAX_OCCURRENCES} occurrences of one series from"
                f" {window.since.date()} to {window.until.date()}, found more in"
                f" {_timing(group)}; the first {MAX_OCCURRENCES} are read, the later ones"
                " ignored (the cap of one series)",
            )
        )
    return inside[:MAX_OCCURRENCES]


def _timing(group: list[_Source]) -> str:
    """The lines that make a series' occurrences, as written (for a warning)."""
    first = min(group, key=lambda s: s.block.begin).block.texts
    parts = [first[name] for name in ("DTSTART", "RRULE", "RDATE", "EXDATE") if name in first]
    return repr(_shorten(" ".join(parts) or "no DTSTART", 2 * _FOUND_WIDTH))


def _check_cost(group: list[_Source], window: _Window) -> None:
    """Refuse rules no meeting has and whose expansion would take very long: more often than
    hourly (more than 24 occurrences a day), or several a day since long before ``since``
    (the expansion walks every occurrence from DTSTART on)."""
    for source in group:
        for rule in _as_list(source.event.get("RRULE")):
            if not isinstance(rule, vRecur):
                continue
            freq = {str(f).upper() for f in rule.get("FREQ", [])}
            written = source.block.texts.get("RRULE")
            found = repr(_shorten(written or f"RRULE:{rule.to_ical().decode('utf-8', 'replace')}"))
            if any(not isinstance(i, int) or i < 1 for i in _as_list(rule.get("INTERVAL"))):
                raise _Unusable(
                    "field 'RRULE': expected an INTERVAL of 1 or more (RFC 5545 3.3.10: a rule"
                    f" with INTERVAL=0 never advances), found {found}"
                )
            per_day = 24 if "HOURLY" in freq else 1
            for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
                per_day *= max(1, len(_as_list(rule.get(part))))
            if freq & {"SECONDLY", "MINUTELY"} or per_day > 24:
                raise _Unusable(
                    f"field 'RRULE': expected a rule recurring at most hourly, found {found}"
                )
            if per_day > 1 and _walk_length(source.event, rule, per_day, window) > MAX_WALK:
                since = source.event["DTSTART"].dt
                raise _Unusable(
                    f"field 'RRULE': expected a rule with at most {MAX_WALK} occurrences from"
                    f" DTSTART to {window.until.date()}, found {found} since {since}"
                )


def _drop_barren_rules(group: list[_Source], file: str, warnings: list[ImportWarning]) -> None:
    """Leave out each rule that gives no date (``ingest/recurrence.py``; the expansion walked to
    the year 9999 to find none) with a warning on its line. The event keeps its DTSTART, its
    first occurrence: what the expansion gave for it, without the walk."""
    for source in group:
        rules = _as_list(source.event.get("RRULE"))
        start = source.event["DTSTART"].dt
        kept = []
        for rule in rules:
            why = barren(rule, start) if isinstance(rule, vRecur) else None
            if why is None:
                kept.append(rule)
                continue
            written = source.block.texts.get("RRULE")
            found = repr(_shorten(written or f"RRULE:{rule.to_ical().decode('utf-8', 'replace')}"))
            warnings.append(
                ImportWarning(
                    file,
                    source.block.fields.get("RRULE", source.block.begin),
                    f"field 'RRULE': expected an RFC 5545 rule that gives dates, found {found}"
                    f" {why}; the rule is ignored and the event read at its DTSTART only",
                )
            )
        if len(kept) < len(rules):
            del source.event["RRULE"]
            for rule in kept:
                source.event.add("RRULE", rule)


def _walk_length(event: icalendar.Event, rule: vRecur, per_day: int, window: _Window) -> int:
    """About how many occurrences the expansion walks through (COUNT bounds it)."""
    start = event["DTSTART"].dt
    first = start.date() if isinstance(start, datetime) else start
    walk = per_day * max(0, (window.until.date() - first).days)
    count = _as_list(rule.get("COUNT"))
    return min(walk, int(count[0])) if count else walk


def _expand(group: list[_Source], window: _Window) -> list[icalendar.Event]:
    """The occurrences of one series between ``since`` and ``until``, with a margin of two
    days for time zones (the caller filters exactly and cuts at MAX_OCCURRENCES); a year at a
    time for a recurring series, stopping once there are far too many."""
    query = recurring_ical_events.of(_calendar_for(group))
    recurring = any(name in s.event for s in group for name in ("RRULE", "RDATE"))
    margin = timedelta(days=2)
    found: list[icalendar.Event] = []
    seen: set[tuple[str, str]] = set()  # an occurrence across a span's end is in both spans
    for start, stop in _spans(window.since - margin, window.until + margin, recurring):
        for occurrence in query.between(start, stop):
            key = (str(occurrence.get("UID", "")), occurrence["DTSTART"].to_ical().decode())
            if key not in seen:
                seen.add(key)
                found.append(occurrence)
        if len(found) > 2 * MAX_OCCURRENCES:
            break
    return found


def _spans(start: datetime, stop: datetime, recurring: bool) -> Iterator[tuple[datetime, datetime]]:
    """The query window whole, or in spans of a year for a recurring series."""
    if not recurring:
        yield start, stop
        return
    step = timedelta(days=366)
    while start < stop:
        yield start, min(start + step, stop)
        start += step


def _calendar_for(group: list[_Source]) -> icalendar.Calendar:
    """A calendar holding one series, with its calendar's properties (X-WR-TIMEZONE …) and
    time zones, so that one bad series cannot stop the others."""
    home = group[0].home
    calendar = icalendar.Calendar()
    for name, value in home.calendar.items():
        calendar[name] = value
    for timezone in home.timezones:
        calendar.add_component(timezone)
    for source in group:
        calendar.add_component(source.event)
    return calendar


# --------------------------------------------------------------------------------------------
# One occurrence: times in UTC, the people named


@dataclass(frozen=True, slots=True)
class _Party:
    """An ATTENDEE or ORGANIZER of one VEVENT (merged when listed as both)."""

    email: str
    name: str | None  # a real name from CN, else None
    line: int
    person: bool
    present: bool
    attendee: bool  # listed as ATTENDEE, not only as ORGANIZER


@dataclass(frozen=True, slots=True)
class _Occurrence:
    index: int  # of the VEVENT it comes from
    line: int  # of that VEVENT's BEGIN
    uid: str
    slot: str  # RECURRENCE-ID (the original start) in UTC ISO form
    start: datetime  # naive UTC; all-day: the date at 00:00
    end: datetime | None
    all_day: bool
    cancelled: bool
    duration_minutes: int | None
    summary: str | None
    location: str | None
    categories: tuple[str, ...]
    organiser: _Party | None
    parties: tuple[_Party, ...]  # everyone named, organiser first


def _read(component: icalendar.Event, source: _Source) -> _Occurrence:
    zone = source.home.zone
    raw_start = component["DTSTART"].dt
    all_day = not isinstance(raw_start, datetime)
    start = _utc(raw_start, zone)
    end = _utc(component["DTEND"].dt, zone) if "DTEND" in component else None
    recurrence = _as_list(component.get("RECURRENCE-ID"))
    slot = _iso(recurrence[0].dt if recurrence else raw_start, zone)
    organiser, parties = _parties(component, source.block)
    return _Occurrence(
        index=source.index,
        line=source.block.begin,
        uid=str(component["UID"]),
        slot=slot,
        start=start,
        end=end,
        all_day=all_day,
        cancelled=(_text(component, "STATUS") or "").upper() == "CANCELLED",
        duration_minutes=_duration(source.event, start, end, all_day),
        summary=_text(component, "SUMMARY"),
        location=_text(component, "LOCATION"),
        categories=_categories(component),
        organiser=organiser,
        parties=parties,
    )


def _utc(value: object, zone: tzinfo) -> datetime:
    """Naive UTC; a floating time is read in ``zone``; a date becomes its 00:00."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            value = value.replace(tzinfo=zone)
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise TypeError(f"expected a date or date-time, found {type(value).__name__}")


def _iso(value: object, zone: tzinfo) -> str:
    if isinstance(value, datetime):
        return _utc(value, zone).isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"expected a date or date-time, found {type(value).__name__}")


def _duration(
    original: icalendar.Event, start: datetime, end: datetime | None, all_day: bool
) -> int | None:
    """Minutes from DTEND or DURATION; None for all-day events and when the VEVENT gives
    neither (the expansion then sets DTEND = DTSTART)."""
    if all_day or end is None or not ("DTEND" in original or "DURATION" in original):
        return None
    return round((end - start).total_seconds() / 60)


def _text(component: icalendar.cal.Component, name: str) -> str | None:
    """A text property, stripped; the first when given more than once; None when empty."""
    values = _as_list(component.get(name))
    if not values:
        return None
    text = str(values[0]).strip()
    return text or None


def _categories(component: icalendar.Event) -> tuple[str, ...]:
    found: list[str] = []
    for value in _as_list(component.get("CATEGORIES")):
        cats = getattr(value, "cats", None)
        found.extend(str(c).strip() for c in (cats if cats is not None else [value]))
    return tuple(c for c in found if c)


def _as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _parties(component: icalendar.Event, block: _Block) -> tuple[_Party | None, tuple[_Party, ...]]:
    """The organiser and everyone named (organiser first), one entry per e-mail address. Only
    the VEVENT's own properties are read; VALARM recipients never reach this point."""
    entries: list[_Party] = []
    organisers = _as_list(component.get("ORGANIZER"))
    if organisers:
        entry = _entry(organisers[0], block, attendee=False)
        if entry is not None:
            entries.append(entry)
    for value in _as_list(component.get("ATTENDEE")):
        entry = _entry(value, block, attendee=True)
        if entry is not None:
            entries.append(entry)
    parties = _merge(entries)
    organiser = parties[0] if entries and not entries[0].attendee else None
    return organiser, parties


def _entry(value: object, block: _Block, *, attendee: bool) -> _Party | None:
    email = normalise_email(str(value))
    if email is None:
        return None
    params = getattr(value, "params", None) or {}
    cutype = str(params.get("CUTYPE", "")).upper()
    absent = attendee and (
        str(params.get("PARTSTAT", "")).upper() in _ABSENT_PARTSTATS
        or str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT"
    )
    return _Party(
        email=email,
        name=_real_name(params.get("CN")),
        line=block.parties.get(email, block.begin),
        person=cutype not in _NOT_PEOPLE_CUTYPES and _is_person_address(email),
        present=not absent,
        attendee=attendee,
    )


def _merge(entries: list[_Party]) -> tuple[_Party, ...]:
    """One party per e-mail address: absent if any entry says so, not a person if any entry
    says so, the first real name, the first line."""
    by_email: dict[str, list[_Party]] = {}
    for entry in entries:
        by_email.setdefault(entry.email, []).append(entry)
    return tuple(
        _Party(
            email=email,
            name=next((e.name for e in same if e.name), None),
            line=min(e.line for e in same),
            person=all(e.person for e in same),
            present=all(e.present for e in same),
            attendee=any(e.attendee for e in same),
        )
        for email, same in by_email.items()
    )


def _is_person_address(email: str) -> bool:
    """False for Google's rooms, resources and group calendars (``…@resource.calendar.google.com``)
    and for no-reply senders (``noreply@…``, ``no-reply@…``, ``donotreply@…``) of event
    platforms."""
    local, _at, domain = email.rpartition("@")
    if domain == "calendar.google.com" or domain.endswith(".calendar.google.com"):
        return False
    return _NO_REPLY.fullmatch(local) is None


def _real_name(cn: object) -> str | None:
    """CN when it is a name; None when missing, empty or an e-mail address."""
    if cn is None:
        return None
    text = " ".join(str(cn).split()).strip("\"' ")
    return text if text and "@" not in text else None


def name_from_email(email: str) -> str:
    """A readable name from the local part: ``anouk.van.der.berg@x.nl`` → "Anouk van der Berg".
    Separators ``.``, ``_``, ``-``; a ``+tag`` is dropped; Dutch and German particles stay in
    lower case except at the start."""
    local = email.partition("@")[0].partition("+")[0].lower()
    parts = [p for p in re.split(r"[._\-]+", local) if p]
    words = [p if i and p in _PARTICLES else p[:1].upper() + p[1:] for i, p in enumerate(parts)]
    return " ".join(words) or email


# --------------------------------------------------------------------------------------------
# Networking events: on evidence a person would accept


def is_networking_text(text: str) -> bool:
    """Whether ``text`` (a SUMMARY or a category) names a networking event; see the module
    docstring for the matching rule."""
    return networking_word(text) is not None


def networking_word(text: str) -> str | None:
    """The word of ``text`` that names a networking event (``Ondernemersborrel``), or None.
    A category that is a URL (Google's ``http://schemas.google.com/g/2005#event``) names
    nothing: it is a type every entry of such an export carries."""
    if _URL.match(text.strip()):
        return None
    for word in _WORD.findall(_fold(text)):
        if word in _LOOK_ALIKES:
            continue
        if any(k in word for k in _COMPOUND_WORDS):
            return word
        if any(word.endswith((k, k + "s", k + "es")) for k in _WORDS):
            return word
    return None


_URL = re.compile(r"[a-z][a-z0-9+.-]*://|www\.|mailto:", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EventRule:
    """When a calendar entry is a networking event (see the module docstring, *Networking
    events*): my e-mail addresses and the domains of my organisation (colleagues), the
    categories the user chose and the series the user confirmed (folded)."""

    mine: frozenset[str]
    my_domains: frozenset[str]
    categories: frozenset[str] = frozenset()
    confirmed: frozenset[str] = frozenset()

    @classmethod
    def of(cls, me: Me, categories: Iterable[str] = (), confirmed: Iterable[str] = ()) -> EventRule:
        mine = frozenset(e.lower() for e in me.values(IdentifierKind.EMAIL))
        domains = {e.rpartition("@")[2] for e in mine} - PUBLIC_MAIL_DOMAINS
        return cls(
            mine,
            frozenset(d for d in domains if d),
            frozenset(_fold(c).strip() for c in categories if c.strip()),
            frozenset(_fold(n).strip() for n in confirmed if n.strip()),
        )

    def colleague(self, email: str) -> bool:
        domain = email.rpartition("@")[2]
        return domain in self.my_domains or any(domain.endswith("." + d) for d in self.my_domains)

    def evidence(self, occurrence: _Occurrence) -> tuple[str, ...]:
        """Why ``occurrence`` is a networking event, or ``()`` when it is none. The user's
        choice first: a category they chose, a series they confirmed. Otherwise a title that
        names an event *and* a place or several guests from outside my organisation — never a
        title alone, never a category URL, never an all-day entry without guests, never what
        I organise, never a gathering of colleagues only."""
        chosen = [c for c in occurrence.categories if _fold(c).strip() in self.categories]
        if chosen:
            return (f"category:{chosen[0]}",)
        if occurrence.summary and _fold(occurrence.summary).strip() in self.confirmed:
            return ("confirmed",)
        organiser = occurrence.organiser
        if organiser is not None and organiser.email in self.mine:
            return ()
        guests = [p for p in occurrence.parties if p.attendee and p.person]
        if occurrence.all_day and not guests:
            return ()
        word = next(
            filter(None, map(networking_word, (occurrence.summary or "", *occurrence.categories))),
            None,
        )
        if word is None:
            return ()
        others = [
            p for p in occurrence.parties if p.person and p.present and p.email not in self.mine
        ]
        outsiders = [p for p in others if not self.colleague(p.email)]
        if others and not outsiders:
            return ()  # only colleagues: an office party, not networking
        found = [f"title:{word}"]
        if occurrence.location:
            found.append("location")
        if len(outsiders) >= EVENT_GUESTS:
            found.append(f"guests:{len(outsiders)}")
        return tuple(found) if len(found) > 1 else ()


def _fold(text: str) -> str:
    """Lower case without accents (``Café`` → ``cafe``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --------------------------------------------------------------------------------------------
# Records


@dataclass(slots=True)
class _Link:
    evidence: int
    first_seen: date
    last_seen: date


class _Assembler:
    """Turns occurrences into records: interactions, links, networking occurrences and the
    people they refer to."""

    def __init__(
        self, result: ParsedSource, mine: frozenset[str], window: _Window, rule: EventRule
    ) -> None:
        self.result = result
        self.mine = mine
        self.window = window
        self.rule = rule
        self.seen: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
        self.links: dict[tuple[str, str], _Link] = {}
        self.slots: set[tuple[str, str]] = set()
        self.used: set[int] = set()

    def add(self, occurrence: _Occurrence) -> None:
        if occurrence.cancelled or (occurrence.uid, occurrence.slot) in self.slots:
            return
        self.slots.add((occurrence.uid, occurrence.slot))
        others = tuple(
            p for p in occurrence.parties if p.person and p.present and p.email not in self.mine
        )
        if self._is_meeting(occurrence, others) and occurrence.start < self.window.now:
            self._meeting(occurrence, others)
        evidence = self.rule.evidence(occurrence)
        if evidence:
            self._networking(occurrence, others, evidence)

    def _is_meeting(self, occurrence: _Occurrence, others: tuple[_Party, ...]) -> bool:
        """Timed, with a guest list (ATTENDEE people, me included) and someone other than me
        taking part. The organiser counts: Outlook does not list them as an attendee, so an
        invitation from Eva to me alone is a meeting with Eva."""
        invited = any(p.attendee and p.person for p in occurrence.parties)
        return not occurrence.all_day and invited and bool(others)

    def _meeting(self, occurrence: _Occurrence, others: tuple[_Party, ...]) -> None:
        i_declined = any(p.email in self.mine and not p.present for p in occurrence.parties)
        if not i_declined:
            self._see(others)
            self.used.add(occurrence.index)
            self.result.interactions.append(
                InteractionRecord(
                    key=f"ics:{occurrence.uid}:{occurrence.slot}",
                    occurred_at=occurrence.start,
                    kind=InteractionKind.MEETING,
                    channel=CHANNEL,
                    direction=self._direction(occurrence.organiser),
                    participants=tuple(p.email for p in others),
                    line=occurrence.line,
                    duration_minutes=occurrence.duration_minutes,
                    subject=occurrence.summary,
                )
            )
        if 2 <= len(others) <= LINK_GROUP_LIMIT:
            self._see(others)
            self.used.add(occurrence.index)
            self._link(others, occurrence.start.date())

    def _direction(self, organiser: _Party | None) -> Direction:
        if organiser is not None and organiser.email in self.mine:
            return Direction.OUTBOUND
        if organiser is not None and organiser.person:
            return Direction.INBOUND
        return Direction.MUTUAL

    def _link(self, others: tuple[_Party, ...], day: date) -> None:
        for a, b in combinations(sorted(p.email for p in others), 2):
            link = self.links.get((a, b))
            if link is None:
                self.links[(a, b)] = _Link(1, day, day)
            else:
                link.evidence += 1
                link.first_seen = min(link.first_seen, day)
                link.last_seen = max(link.last_seen, day)

    def _networking(
        self, occurrence: _Occurrence, others: tuple[_Party, ...], evidence: tuple[str, ...]
    ) -> None:
        self._see(others)
        self.used.add(occurrence.index)
        organiser = occurrence.organiser
        self.result.occurrences.append(
            OccurrenceRecord(
                key=f"ics-event:{occurrence.uid}:{occurrence.slot}",
                name=occurrence.summary or ", ".join(occurrence.categories),
                starts_at=occurrence.start,
                line=occurrence.line,
                ends_at=occurrence.end,
                location=occurrence.location,
                organiser=(organiser.name or organiser.email) if organiser else None,
                attendees=tuple(p.email for p in others),
                evidence=evidence,
            )
        )

    def _see(self, parties: Iterable[_Party]) -> None:
        for party in parties:
            self.seen[party.email].append((party.line, party.name))

    def finish(self, events: int) -> None:
        result = self.result
        result.persons.extend(
            sorted(
                (self._person(e, s) for e, s in self.seen.items()), key=lambda p: (p.line, p.key)
            )
        )
        result.links.extend(
            LinkRecord(a, b, LINK_SOURCE, link.evidence, link.first_seen, link.last_seen)
            for (a, b), link in sorted(self.links.items())
        )
        result.interactions.sort(key=lambda r: (r.occurred_at, r.key))
        result.occurrences.sort(key=lambda r: (r.starts_at, r.key))
        result.skipped = events - len(self.used)

    @staticmethod
    def _person(email: str, sightings: list[tuple[int, str | None]]) -> PersonRecord:
        ordered = sorted(sightings, key=lambda s: s[0])
        name = next((n for _line, n in ordered if n), None) or name_from_email(email)
        found = identifier(IdentifierKind.EMAIL, email)
        return PersonRecord(
            key=email,
            name=name,
            line=ordered[0][0],
            identifiers=(found,) if found else (),
            is_connection=False,
        )
