"""The files of a LinkedIn export, one reader each: rows → records.

Profile, e-mail addresses and positions (me), connections, invitations, messages (the current
layout with a conversation id and the 2018-2020 layout with *Direction*), endorsements and
recommendations. Each reader takes a :class:`~tiewise.ingest.linkedin_export.Table` and adds
its records to the :class:`~tiewise.ingest.linkedin_builder.Builder`; :data:`READERS` maps each
kind of file to its reader. What each file becomes, and the policies:
:mod:`tiewise.ingest.linkedin`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime

from tiewise.ingest.linkedin_builder import (
    CONTEXTS,
    SOURCE,
    Builder,
    Conversation,
    Party,
    as_email,
    as_profile_url,
    fold,
    full_name,
    party_of,
)
from tiewise.ingest.linkedin_dates import parse_datetime, parse_day
from tiewise.ingest.linkedin_export import Row, Table
from tiewise.ingest.linkedin_layouts import Kind
from tiewise.ingest.records import (
    ME,
    ExchangeRecord,
    InteractionRecord,
    InvitationRecord,
    PersonRecord,
)
from tiewise.model import Direction, ExchangeDirection, ExchangeKind, InteractionKind


def _read_profile(table: Table, out: Builder) -> None:
    row = next((row for row in table.rows if not row.blank), None)
    if row is None:
        return
    name = full_name(row.get("First Name"), row.get("Last Name"))
    out.profile.update(
        name=name or None, role=row.get("Headline") or None, region=row.get("Geo Location") or None
    )
    out.is_me.add_name(name)


def _read_email_addresses(table: Table, out: Builder) -> None:
    """My own e-mail addresses: they recognise me in calendars and contact lists."""
    for row in table.rows:
        email = None if row.blank else as_email(row.get("Email Address"))
        if email is None:
            out.skip()
            continue
        out.profile.setdefault("emails", []).append(email)


def _read_positions(table: Table, out: Builder) -> None:
    """My current organisation: the first position that has not finished."""
    for row in table.rows:
        if not row.blank and row.get("Company Name") and not row.get("Finished On"):
            out.profile["organisation"] = row.get("Company Name")
            return


def _read_connections(table: Table, out: Builder) -> None:
    for row in table.rows:
        first, last = row.get("First Name"), row.get("Last Name")
        if row.blank or not (first or last):
            out.skip()
            continue
        connected = row.get("Connected On")
        met_on = parse_day(connected) if connected else None
        if connected and met_on is None:
            out.warn(table, row, "a date like 15 Mar 2024", "Connected On", connected)
            continue
        out.person(_connection(row, first, last, met_on))


def _connection(row: Row, first: str, last: str, met_on: date | None) -> PersonRecord:
    name = full_name(first, last)
    company = row.get("Company") or None
    url = as_profile_url(row.get("URL"))
    email = as_email(row.get("Email Address"))
    return PersonRecord(
        key=url.value if url else f"linkedin:name:{name}|{company or ''}",
        name=name,
        line=row.line,
        given_name=first or None,
        family_name=last or None,
        organisation=company,
        role=row.get("Position") or None,
        identifiers=tuple(i for i in (email, url) if i is not None),
        contexts=CONTEXTS,
        met_on=met_on,
        met_how="LinkedIn",
        is_connection=True,
    )


_INVITATION_SIDES = {
    "INCOMING": (Direction.INBOUND, "From", "inviterProfileUrl"),
    "OUTGOING": (Direction.OUTBOUND, "To", "inviteeProfileUrl"),
}


def _read_invitations(table: Table, out: Builder) -> None:
    for row in table.rows:
        if row.blank:
            out.skip()
            continue
        side = _INVITATION_SIDES.get(row.get("Direction").upper())
        if side is None:
            out.warn(table, row, "INCOMING or OUTGOING", "Direction", row.get("Direction"))
            continue
        direction, name_column, url_column = side
        party = party_of(row.get(name_column), row.get(url_column))
        sent_at = parse_datetime(row.get("Sent At"))
        if party is None:
            out.skip()
        elif sent_at is None:
            expected = "a date and time like 3/14/24, 9:05 AM"
            out.warn(table, row, expected, "Sent At", row.get("Sent At"))
        else:
            _invitation(out, row, direction, party, sent_at)


def _invitation(
    out: Builder, row: Row, direction: Direction, party: Party, sent_at: datetime
) -> None:
    who = party.url.value if party.url else party.name
    key = f"linkedin:invitation:{direction.value}:{who}:{sent_at.isoformat()}"
    if out.first_time(key):
        out.parsed.invitations.append(
            InvitationRecord(
                key=key,
                name=party.name,
                direction=direction,
                sent_at=sent_at,
                line=row.line,
                profile_url=party.url.value if party.url else None,
                message=row.text("Message") or None,
            )
        )


def _recipients(names: str, urls: str) -> list[Party]:
    """The parties in ``TO`` and ``RECIPIENT PROFILE URLS`` (comma-separated, paired by position
    when both have as many; a single URL goes with the whole TO, which may hold a comma)."""
    name_list = _names(names)
    url_list = [url for url in (u.strip() for u in re.split(r"[,;]", urls)) if url]
    if len(url_list) == 1 and name_list:
        pairs = [(names, url_list[0])]
    elif url_list and len(url_list) != len(name_list):
        pairs = [("", url) for url in url_list]
    else:
        pairs = list(zip(name_list, url_list or [""] * len(name_list), strict=True))
    return [party for name, url in pairs if (party := party_of(name, url)) is not None]


def _names(names: str) -> list[str]:
    return [name for name in (n.strip() for n in names.split(",")) if name]


def _read_messages(table: Table, out: Builder) -> None:
    if "CONVERSATION ID" not in table.layout:
        _read_direction_messages(table, out)
        return
    repeats: Counter[str] = Counter()
    for row in table.rows:
        if row.blank or row.get("IS MESSAGE DRAFT").lower() in {"true", "yes", "1"}:
            out.skip()
            continue
        conversation_id = row.get("CONVERSATION ID")
        occurred_at = parse_datetime(row.get("DATE"))
        if not conversation_id:
            out.warn(table, row, "a conversation id", "CONVERSATION ID", conversation_id)
        elif occurred_at is None:
            expected = "a date and time like 2023-05-01 14:22:10 UTC"
            out.warn(table, row, expected, "DATE", row.get("DATE"))
        else:
            conversation = out.conversations.setdefault(conversation_id, Conversation())
            _message(out, row, conversation_id, occurred_at, conversation, repeats)


def _message(
    out: Builder,
    row: Row,
    conversation_id: str,
    occurred_at: datetime,
    conversation: Conversation,
    repeats: Counter[str],
) -> None:
    sender = party_of(row.get("FROM"), row.get("SENDER PROFILE URL"))
    sender_key = out.seen_person(sender, row.line) if sender else ""
    recipients = [
        out.seen_person(party, row.line)
        for party in _recipients(row.get("TO"), row.get("RECIPIENT PROFILE URLS"))
    ]
    _interaction(
        out, row, (conversation_id, occurred_at), conversation, repeats, sender_key, recipients
    )


_MESSAGE_SIDES = {"INCOMING": Direction.INBOUND, "OUTGOING": Direction.OUTBOUND}


def _read_direction_messages(table: Table, out: Builder) -> None:
    """The 2018-2020 layout ``From,To,Date,Subject,Content,Direction,Folder``: no conversation
    id and no profile URLs, but *Direction* says whether I sent it. The sender of an OUTGOING
    message, and the only recipient of an INCOMING one, is me: their names recognise me. The
    conversation is the set of everyone's names."""
    for row in table.rows:
        side = row.get("DIRECTION").upper()
        recipients = _names(row.get("TO"))
        if side == "OUTGOING":
            out.is_me.add_name(row.get("FROM"))
        elif side == "INCOMING" and len(recipients) == 1:
            out.is_me.add_name(recipients[0])
    repeats: Counter[str] = Counter()
    for row in table.rows:
        if row.blank:
            out.skip()
            continue
        direction = _MESSAGE_SIDES.get(row.get("DIRECTION").upper())
        occurred_at = parse_datetime(row.get("DATE"))
        if direction is None:
            out.warn(table, row, "INCOMING or OUTGOING", "DIRECTION", row.get("DIRECTION"))
        elif occurred_at is None:
            expected = "a date and time like 2018-03-14T09:05:00 or 3/14/18, 9:05 AM"
            out.warn(table, row, expected, "DATE", row.get("DATE"))
        else:
            names = _names(row.get("TO"))
            sender = party_of(row.get("FROM"), "")
            if direction is Direction.OUTBOUND:
                sender_key = ME
            else:
                sender_key = out.seen_person(sender, row.line) if sender else ""
            recipients = [
                out.seen_person(party, row.line)
                for name in names
                if (party := party_of(name, "")) is not None
            ]
            everyone = sorted({fold(name) for name in [row.get("FROM"), *names] if name})
            conversation_id = "names:" + ";".join(everyone)
            conversation = out.conversations.setdefault(conversation_id, Conversation())
            moment = (conversation_id, occurred_at)
            _interaction(out, row, moment, conversation, repeats, sender_key, recipients)


def _interaction(
    out: Builder,
    row: Row,
    moment: tuple[str, datetime],
    conversation: Conversation,
    repeats: Counter[str],
    sender_key: str,
    recipients: list[str],
) -> None:
    conversation_id, occurred_at = moment
    everyone = [key for key in dict.fromkeys([sender_key, *recipients]) if key]
    conversation.saw(everyone, occurred_at.date())
    participants = tuple(key for key in everyone if key != ME)
    if not participants:
        out.skip()
        return
    base = f"linkedin:message:{conversation_id}:{occurred_at.isoformat()}:{sender_key}"
    repeats[base] += 1
    out.parsed.interactions.append(
        InteractionRecord(
            key=base if repeats[base] == 1 else f"{base}:{repeats[base]}",
            occurred_at=occurred_at,
            kind=InteractionKind.MESSAGE,
            channel=SOURCE,
            direction=Direction.OUTBOUND if sender_key == ME else Direction.INBOUND,
            participants=participants,
            line=row.line,
            subject=row.get("SUBJECT") or None,
            body=(row.text("CONTENT") or None) if out.keep_text else None,
        )
    )


def _endorsement_reader(direction: ExchangeDirection) -> Callable[[Table, Builder], None]:
    role = "Endorser" if direction is ExchangeDirection.RECEIVED else "Endorsee"

    def read(table: Table, out: Builder) -> None:
        for row in table.rows:
            first, last = row.get(f"{role} First Name"), row.get(f"{role} Last Name")
            party = (
                None if row.blank else party_of(f"{first} {last}", row.get(f"{role} Public Url"))
            )
            day = parse_day(row.get("Endorsement Date"))
            if party is None:
                out.skip()
            elif day is None:
                expected = "a date like 2023/06/05 15:47:58 UTC"
                out.warn(table, row, expected, "Endorsement Date", row.get("Endorsement Date"))
            else:
                person = out.seen_person(party, row.line, first, last)
                skill = row.get("Skill Name")
                key = f"linkedin:endorsement:{direction.value}:{person}:{skill}:{day.isoformat()}"
                _exchange(out, row, key, person, direction, ExchangeKind.ENDORSEMENT, day, skill)

    return read


def _recommendation_reader(direction: ExchangeDirection) -> Callable[[Table, Builder], None]:
    def read(table: Table, out: Builder) -> None:
        for row in table.rows:
            first, last = row.get("First Name"), row.get("Last Name")
            party = None if row.blank else party_of(f"{first} {last}", "")
            day = parse_day(row.get("Creation Date"))
            if party is None:
                out.skip()
            elif day is None:
                expected = "a date like 06/05/23, 3:47 PM"
                out.warn(table, row, expected, "Creation Date", row.get("Creation Date"))
            else:
                person = out.seen_person(party, row.line, first, last)
                key = f"linkedin:recommendation:{direction.value}:{person}:{day.isoformat()}"
                description = _recommendation_text(row, out.keep_text)
                kind = ExchangeKind.RECOMMENDATION
                _exchange(out, row, key, person, direction, kind, day, description)

    return read


def _recommendation_text(row: Row, keep_text: bool) -> str:
    """``Job Title, Company`` — and the recommendation itself when the user keeps texts."""
    about = ", ".join(part for part in (row.get("Job Title"), row.get("Company")) if part)
    text = row.text("Text") if keep_text else ""
    return "\n\n".join(part for part in (about, text) if part)


def _exchange(
    out: Builder,
    row: Row,
    key: str,
    person: str,
    direction: ExchangeDirection,
    kind: ExchangeKind,
    day: date,
    description: str,
) -> None:
    if person == ME:
        out.skip()
        return
    if not out.first_time(key):
        return
    out.parsed.exchanges.append(
        ExchangeRecord(key, person, direction, kind, day, row.line, description or None)
    )


READERS: dict[Kind, Callable[[Table, Builder], None]] = {
    Kind.PROFILE: _read_profile,
    Kind.EMAIL_ADDRESSES: _read_email_addresses,
    Kind.POSITIONS: _read_positions,
    Kind.CONNECTIONS: _read_connections,
    Kind.INVITATIONS: _read_invitations,
    Kind.MESSAGES: _read_messages,
    Kind.ENDORSEMENTS_RECEIVED: _endorsement_reader(ExchangeDirection.RECEIVED),
    Kind.ENDORSEMENTS_GIVEN: _endorsement_reader(ExchangeDirection.GIVEN),
    Kind.RECOMMENDATIONS_RECEIVED: _recommendation_reader(ExchangeDirection.RECEIVED),
    Kind.RECOMMENDATIONS_GIVEN: _recommendation_reader(ExchangeDirection.GIVEN),
}
