"""The LinkedIn export parser, against hand-made fixtures that reproduce the export's quirks
(see /work/shared/FORMATS.md): tests/fixtures/linkedin/export/ is an unpacked export, the other
files there are variants with one quirk each."""

from __future__ import annotations

import codecs
import contextlib
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiewise.errors import ImportFormatError
from tiewise.ingest import linkedin_export
from tiewise.ingest.limits import MAX_FIELD_CHARS
from tiewise.ingest.linkedin import parse_linkedin
from tiewise.ingest.records import (
    ExchangeRecord,
    InteractionRecord,
    InvitationRecord,
    LinkRecord,
    MeRecord,
    ParsedSource,
    PersonRecord,
)
from tiewise.model import (
    Direction,
    ExchangeDirection,
    ExchangeKind,
    Identifier,
    IdentifierKind,
    InteractionKind,
    Me,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "linkedin"
EXPORT = FIXTURES / "export"
SANNE_URL = "linkedin.com/in/sanne-bakker"
SANNE = Me(name="Sanne Bakker", identifiers=(Identifier(IdentifierKind.PROFILE_URL, SANNE_URL),))

ANOUK = "linkedin.com/in/anouk-de-vries"
PIETER = "linkedin.com/in/pjansen"
FATIMA = "linkedin.com/in/fatima-el-amrani"
EVA = "linkedin.com/in/eva-mulder"
DAAN = "linkedin.com/in/daan-bos"
RUUD = "linkedin.com/in/ruud-kramer"
LOTTE = "linkedin:name:Lotte Visser|Visser, Visser en Visser B.V."
IGNORED = {"Learning.csv", "guide_messages.csv"}  # in the export, not read


def url(value: str) -> Identifier:
    return Identifier(IdentifierKind.PROFILE_URL, value)


def email(value: str) -> Identifier:
    return Identifier(IdentifierKind.EMAIL, value)


def parse(*paths: Path, me: Me = SANNE, keep: bool = False) -> ParsedSource:
    return parse_linkedin(list(paths), me, keep_message_text=keep)


def persons(parsed: ParsedSource) -> dict[str, PersonRecord]:
    return {person.key: person for person in parsed.persons}


def zip_of(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, prefix + path.name)
    return target


def unfiled(records: list) -> list:
    """The records without the name of the file inside the export they came from."""
    return [replace(r, file=None) for r in records]


def essence(parsed: ParsedSource) -> tuple[object, ...]:
    """Everything but the file names, which differ between a zip, a folder and single files."""
    return (
        unfiled(parsed.persons),
        unfiled(parsed.interactions),
        parsed.links,
        unfiled(parsed.exchanges),
        unfiled(parsed.invitations),
        parsed.me,
        parsed.skipped,
        [(warning.line, warning.message) for warning in parsed.warnings],
    )


# --- the fixtures really have the quirks ------------------------------------------------------


def test_fixture_connections_has_bom_crlf_and_quoted_notes():
    data = (EXPORT / "Connections.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + b'"Notes:"\r\n')
    assert data.count(b"\r\n") == data.count(b"\n")
    assert b",,,,,,\r\n" in data
    assert "\u202f".encode() in (EXPORT / "Invitations.csv").read_bytes()


# --- Connections.csv --------------------------------------------------------------------------


def test_connections_become_connected_persons():
    found = persons(parse(EXPORT / "Connections.csv"))
    assert list(found) == [ANOUK, PIETER, FATIMA, LOTTE, EVA]
    assert found[ANOUK] == PersonRecord(
        key=ANOUK,
        name="Anouk de Vries",
        line=5,
        given_name="Anouk",
        family_name="de Vries",
        organisation="Vries, Jansen & Co",
        role="Partner",
        identifiers=(url(ANOUK),),
        contexts=("linkedin",),
        met_on=date(2024, 3, 15),
        met_how="LinkedIn",
        is_connection=True,
    )
    assert found[PIETER].identifiers == (email("pieter.jansen@example.nl"), url(PIETER))
    assert found[PIETER].met_on == date(2023, 1, 2)


def test_connections_keep_commas_quotes_emoji_and_multiline_cells():
    found = persons(parse(EXPORT / "Connections.csv"))
    fatima = found[FATIMA]
    assert fatima.organisation == "Koffie ☕ & Code 🚀"
    assert fatima.role == 'Founder "and" CEO Coach'  # a quoted newline, made one line
    assert fatima.line == 8
    assert fatima.met_on == date(2022, 2, 1)
    lotte = found[LOTTE]  # no URL: keyed by name and company
    assert (lotte.name, lotte.organisation, lotte.identifiers) == (
        "Lotte Visser",
        "Visser, Visser en Visser B.V.",
        (),
    )
    assert lotte.line == 13


def test_connection_without_scheme_empty_date_and_bad_email():
    eva = persons(parse(EXPORT / "Connections.csv"))[EVA]
    assert eva.identifiers == (url(EVA),)  # 'not-an-address' is left out
    assert eva.met_on is None  # an empty Connected On is no error
    assert eva.line == 14


def test_connections_skip_comma_rows_and_hidden_members_without_warning():
    parsed = parse(EXPORT / "Connections.csv")
    assert parsed.skipped == 3  # two comma-only rows, one member with empty names
    assert len(parsed.warnings) == 1


def test_unparseable_connected_on_warns_with_its_line_and_skips_the_row():
    parsed = parse(EXPORT / "Connections.csv")
    (warning,) = parsed.warnings
    assert warning.file == str(EXPORT / "Connections.csv")
    assert warning.line == 12  # after a quoted newline on lines 8–9
    assert warning.message == (
        "expected a date like 15 Mar 2024 in 'Connected On', found '15 Mrt 2024'"
    )
    assert all(person.name != "Joost Smit" for person in parsed.persons)


def test_unquoted_notes_preamble():
    parsed = parse(FIXTURES / "connections_unquoted_notes.csv")
    (anouk,) = parsed.persons
    assert (anouk.key, anouk.line, anouk.organisation) == (ANOUK, 5, "Vries, Jansen & Co")
    assert parsed.skipped == 0 and parsed.warnings == []


def test_old_header_without_url_and_without_preamble():
    found = persons(parse(FIXTURES / "connections_old_header.csv"))
    assert list(found) == [
        "linkedin:name:Anouk de Vries|Vries, Jansen & Co",
        "linkedin:name:Pieter Jansen|Gemeente Nijmegen",
    ]
    anouk, pieter = found.values()
    assert anouk.identifiers == (email("anouk@devries.nl"),)
    assert (anouk.line, anouk.met_on) == (2, date(2024, 3, 15))
    assert (pieter.line, pieter.met_on, pieter.identifiers) == (3, date(2023, 1, 2), ())


def test_connections_without_first_name_header_raise(tmp_path: Path):
    target = tmp_path / "Connections.csv"
    shutil.copy(FIXTURES / "connections_no_header.csv", target)
    with pytest.raises(ImportFormatError) as raised:
        parse(target)
    error = raised.value
    assert (error.file, error.line, error.field) == (str(target), 1, "First Name")
    assert "LinkedIn Connections header" in error.expected
    assert error.found == "'Notes:'"


def test_connections_csv_that_is_empty_raises(tmp_path: Path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(codecs.BOM_UTF8)
    with pytest.raises(ImportFormatError, match="an empty file"):
        parse(path)


def test_header_only_connections_give_nothing(tmp_path: Path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
    parsed = parse(path)
    assert (parsed.persons, parsed.skipped, parsed.warnings) == ([], 0, [])


def test_renamed_csv_is_recognised_by_its_header(tmp_path: Path):
    renamed = Path(shutil.copy(EXPORT / "Connections.csv", tmp_path / "my network.CSV"))
    assert [p.key for p in parse(renamed).persons] == [ANOUK, PIETER, FATIMA, LOTTE, EVA]


def test_renamed_recommendations_need_given_or_received_in_the_name(tmp_path: Path):
    source = EXPORT / "Recommendations_Given.csv"
    named = Path(shutil.copy(source, tmp_path / "recs given 2024.csv"))
    assert [e.direction for e in parse(named).exchanges] == [ExchangeDirection.GIVEN]
    unnamed = Path(shutil.copy(source, tmp_path / "recs.csv"))
    with pytest.raises(ImportFormatError, match="one of the LinkedIn export files"):
        parse(unnamed)  # not mistaken for Connections.csv (same first columns)


def test_month_names_are_english_whatever_the_locale(tmp_path: Path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,Connected On\n"
        "A,One,01 May 2020\nB,Two,9 Sept 2021\nC,Three,30 December 2022\nD,Four,2023-07-04\n"
    )
    assert [p.met_on for p in parse(path).persons] == [
        date(2020, 5, 1),
        date(2021, 9, 9),
        date(2022, 12, 30),
        date(2023, 7, 4),
    ]


# --- a zip, a folder, single files ------------------------------------------------------------


def test_zip_folder_and_single_files_give_the_same_result(tmp_path: Path):
    from_folder = parse(EXPORT)
    from_zip = parse(zip_of(EXPORT, tmp_path / "export.zip"))
    singles = [path for path in sorted(EXPORT.glob("*.csv")) if path.name not in IGNORED]
    from_files = parse(*singles)
    assert essence(from_zip) == essence(from_folder) == essence(from_files)
    assert from_zip.source == "linkedin"
    assert from_zip.file == str(tmp_path / "export.zip")
    assert from_folder.file == str(EXPORT)
    # each record names the CSV it came from: inside the zip, or in the folder
    anouk = persons(from_zip)[ANOUK]
    assert anouk.file == f"{tmp_path / 'export.zip'}:Connections.csv"
    assert persons(from_folder)[ANOUK].file == str(EXPORT / "Connections.csv")
    assert {r.file.rsplit(":", 1)[1] for r in from_zip.interactions} == {"messages.csv"}
    assert {r.file.rsplit(":", 1)[1] for r in from_zip.invitations} == {"Invitations.csv"}


def test_zip_errors_name_the_file_inside_the_zip(tmp_path: Path):
    archive = zip_of(EXPORT, tmp_path / "export.zip")
    files = {warning.file for warning in parse(archive).warnings}
    assert f"{archive}:Connections.csv" in files
    assert f"{archive}:messages.csv" in files


def test_zip_with_a_top_folder_and_macos_debris(tmp_path: Path):
    archive = zip_of(EXPORT, tmp_path / "export.zip", prefix="Basic_LinkedInDataExport/")
    with zipfile.ZipFile(archive, "a") as extra:
        extra.writestr("__MACOSX/Basic_LinkedInDataExport/._Connections.csv", b"\x00\x05\x16")
    assert essence(parse(archive)) == essence(parse(EXPORT))


def test_other_export_files_are_ignored(tmp_path: Path):
    parsed = parse(EXPORT)  # holds Learning.csv and guide_messages.csv
    assert all("guide" not in i.key and i.key.count("g-1") == 0 for i in parsed.interactions)
    lone = tmp_path / "Learning.csv"
    shutil.copy(EXPORT / "Learning.csv", lone)
    with pytest.raises(ImportFormatError) as raised:
        parse(lone)  # given on its own, an unknown file is an error
    assert "one of the LinkedIn export files" in raised.value.expected
    assert raised.value.line == 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.zip", None, "no such file or folder"),
        ("notes.txt", b"hello", "not a zip"),
        ("export.zip", b"PK\x03\x04 this is not really a zip", "corrupt zip"),
    ],
)
def test_bad_paths_raise(tmp_path: Path, name: str, content: bytes | None, expected: str):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=expected) as raised:
        parse(path)
    assert raised.value.file == str(path)


def test_truncated_zip_raises(tmp_path: Path):
    archive = zip_of(EXPORT, tmp_path / "export.zip")
    archive.write_bytes(archive.read_bytes()[:-200])
    with pytest.raises(ImportFormatError, match="zip"):
        parse(archive)


def test_zip_or_folder_without_known_files_raise(tmp_path: Path):
    folder = tmp_path / "other"
    folder.mkdir()
    shutil.copy(EXPORT / "Learning.csv", folder / "Learning.csv")
    with pytest.raises(ImportFormatError, match=r"Connections\.csv"):
        parse(folder)
    with pytest.raises(ImportFormatError, match="none of those files"):
        parse(zip_of(folder, tmp_path / "other.zip"))
    with pytest.raises(ImportFormatError):
        parse_linkedin([], SANNE)


# --- Invitations.csv --------------------------------------------------------------------------


def test_invitations_in_both_date_formats():
    parsed = parse(EXPORT / "Invitations.csv")
    daan, iris, maarten, wim = parsed.invitations
    assert daan == InvitationRecord(
        key=f"linkedin:invitation:inbound:{DAAN}:2024-03-14T09:05:00",
        name="Daan Bos",
        direction=Direction.INBOUND,
        sent_at=datetime(2024, 3, 14, 9, 5),  # '3/14/24, 9:05\u202fAM'
        line=2,
        profile_url=DAAN,
        message='Hi Sanne, we met at the "borrel" in Arnhem.',
    )
    assert (iris.direction, iris.name, iris.profile_url) == (
        Direction.OUTBOUND,
        "Iris Kok",
        "linkedin.com/in/iris-kok",
    )
    assert iris.sent_at == datetime(2023, 12, 1, 16, 30)  # month first: 12/1/23
    assert iris.message is None
    assert maarten.sent_at == datetime(2026, 6, 1, 8, 0)  # '2026-06-01 08:00 UTC'
    assert maarten.message == "Graag verbinden!"
    assert (wim.key, wim.sent_at, wim.line) == (
        "linkedin:invitation:inbound:Wim de Wit:2025-01-02T00:15:00",
        datetime(2025, 1, 2, 0, 15),  # 12:15 AM
        8,
    )


def test_bad_invitation_rows_warn():
    parsed = parse(EXPORT / "Invitations.csv")
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (6, "expected a date and time like 3/14/24, 9:05 AM in 'Sent At', found 'gisteren'"),
        (7, "expected INCOMING or OUTGOING in 'Direction', found 'SIDEWAYS'"),
    ]
    assert parsed.skipped == 1  # the comma-only row


def test_invitation_is_linked_to_a_person_the_export_knows():
    invitations = {i.name: i for i in parse(EXPORT).invitations}
    assert invitations["Daan Bos"].person == DAAN  # he also messaged me
    assert invitations["Iris Kok"].person is None  # a stranger does not become a contact


def test_old_invitations_without_profile_urls():
    daan, iris = parse(FIXTURES / "invitations_old.csv").invitations
    assert daan.key == "linkedin:invitation:inbound:Daan Bos:2024-03-14T09:05:00"
    assert daan.profile_url is None
    assert (iris.direction, iris.message) == (Direction.OUTBOUND, "Hoi Iris")


@pytest.mark.parametrize(
    ("sent_at", "expected"),
    [
        ("3/14/24, 9:05 AM", datetime(2024, 3, 14, 9, 5)),
        ("3/14/24, 9:05\u202fPM", datetime(2024, 3, 14, 21, 5)),
        ("3/4/2024 12:00 PM", datetime(2024, 3, 4, 12, 0)),
        ("3/4/24", datetime(2024, 3, 4)),
        ("2026-06-01 08:00 UTC", datetime(2026, 6, 1, 8, 0)),
        ("2026-06-01T08:00:00Z", datetime(2026, 6, 1, 8, 0)),
        ("2026-06-01 10:00 +02:00", datetime(2026, 6, 1, 8, 0)),
        ("March 14, 2024 9:05 AM", datetime(2024, 3, 14, 9, 5)),
    ],
)
def test_sent_at_is_read_leniently(tmp_path: Path, sent_at: str, expected: datetime):
    path = tmp_path / "Invitations.csv"
    path.write_text(
        f'From,To,Sent At,Message,Direction\nDaan Bos,Sanne Bakker,"{sent_at}",,INCOMING\n'
    )
    (invitation,) = parse(path).invitations
    assert invitation.sent_at == expected


@pytest.mark.parametrize("sent_at", ["14", "13/14/24, 9:05 AM", "3/14/24, 13:05 PM", "2024"])
def test_incomplete_or_impossible_times_warn(tmp_path: Path, sent_at: str):
    path = tmp_path / "Invitations.csv"
    path.write_text(
        f'From,To,Sent At,Message,Direction\nDaan Bos,Sanne Bakker,"{sent_at}",,INCOMING\n'
    )
    parsed = parse(path)
    assert parsed.invitations == []
    assert [w.line for w in parsed.warnings] == [2]


# --- messages.csv -----------------------------------------------------------------------------


def test_messages_become_interactions_with_directions_and_lines():
    parsed = parse(EXPORT / "messages.csv")
    summary = [(i.line, i.direction, i.participants) for i in parsed.interactions]
    assert summary == [
        (2, Direction.INBOUND, (ANOUK,)),
        (6, Direction.OUTBOUND, (ANOUK,)),  # after CONTENT spanning lines 2–5
        (7, Direction.INBOUND, (DAAN, EVA, RUUD)),
        (8, Direction.OUTBOUND, (DAAN, EVA, RUUD)),
        (9, Direction.INBOUND, (EVA, DAAN, RUUD)),
        (13, Direction.OUTBOUND, (ANOUK,)),
    ]
    first = parsed.interactions[0]
    assert first == InteractionRecord(
        key=f"linkedin:message:conv-1:2023-05-01T14:22:10:{ANOUK}",
        occurred_at=datetime(2023, 5, 1, 14, 22, 10),
        kind=InteractionKind.MESSAGE,
        channel="linkedin",
        direction=Direction.INBOUND,
        participants=(ANOUK,),
        line=2,
    )
    assert parsed.interactions[2].subject == "Borrel"


def test_message_keys_are_stable_and_unique():
    keys = [i.key for i in parse(EXPORT / "messages.csv").interactions]
    assert keys[1] == "linkedin:message:conv-1:2023-05-01T15:00:00:me:"
    assert keys[5] == "linkedin:message:conv-1:2023-05-01T15:00:00:me::2"  # same second
    assert len(set(keys)) == len(keys)
    assert keys == [i.key for i in parse(EXPORT / "messages.csv").interactions]


def test_message_text_is_kept_only_on_request():
    assert all(i.body is None for i in parse(EXPORT / "messages.csv").interactions)
    kept = parse(EXPORT / "messages.csv", keep=True).interactions
    assert kept[0].body == 'Hoi Sanne,\n\nZullen we "binnenkort" koffie drinken?\nGroet, Anouk'
    assert kept[4].body == "Ik ook, tot dan"


def test_drafts_hidden_senders_and_bad_dates():
    parsed = parse(EXPORT / "messages.csv")
    assert parsed.skipped == 2  # the draft to Pieter, the message from 'LinkedIn Member'
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (12, "expected a date and time like 2023-05-01 14:22:10 UTC in 'DATE', found 'gisteren'"),
    ]
    assert PIETER not in persons(parsed)


def test_message_participants_are_seen_persons():
    found = persons(parse(EXPORT / "messages.csv"))
    assert list(found) == [ANOUK, DAAN, EVA, RUUD]
    assert found[DAAN] == PersonRecord(
        key=DAAN,
        name="Daan Bos",
        line=7,
        identifiers=(url(DAAN),),
        contexts=("linkedin",),
        is_connection=False,
    )


def test_group_conversation_links_every_pair_but_me():
    parsed = parse(EXPORT / "messages.csv")
    seen = {"first_seen": date(2024, 2, 10), "last_seen": date(2024, 2, 12)}
    assert parsed.links == [
        LinkRecord(DAAN, EVA, "linkedin", 1, **seen),
        LinkRecord(DAAN, RUUD, "linkedin", 1, **seen),
        LinkRecord(EVA, RUUD, "linkedin", 1, **seen),
    ]


@pytest.mark.parametrize(("others", "links"), [(12, 66), (13, 0)])
def test_a_large_group_conversation_links_nobody(tmp_path: Path, others: int, links: int):
    """A group message to more than MAX_LINKED_GROUP (12) people besides me says nothing of who
    knows whom — as at a large meeting (Ingram & Morris 2007; Dunbar & Spoors 1995) — so it
    gives messages but no links; 12 others still give every pair, 12·11/2 = 66."""
    names = [f"Person {n}" for n in range(others)]
    urls = [f"https://www.linkedin.com/in/person-{n}" for n in range(others)]
    header = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
    )
    row = (
        f'conv-9,Nieuwsbrief,Sanne Bakker,{SANNE_URL},"{",".join(names)}","{",".join(urls)}",'
        "2024-03-01 09:00:00 UTC,,Hallo allemaal,SENT,,false\n"
    )
    path = tmp_path / "messages.csv"
    path.write_text(header + row, encoding="utf-8")
    parsed = parse(path)
    assert len(parsed.interactions) == 1
    assert len(parsed.links) == links


@pytest.mark.parametrize(
    "me",
    [
        Me(
            identifiers=(
                Identifier(IdentifierKind.PROFILE_URL, "https://www.LinkedIn.com/in/sanne-bakker/"),
            )
        ),
        Me(name="  sanne   BAKKER "),
    ],
    ids=["by-profile-url", "by-name"],
)
def test_me_is_recognised_by_url_or_name(me: Me):
    parsed = parse(EXPORT / "messages.csv", me=me)
    assert [i.direction for i in parsed.interactions] == [
        Direction.INBOUND,
        Direction.OUTBOUND,
        Direction.INBOUND,
        Direction.OUTBOUND,
        Direction.INBOUND,
        Direction.OUTBOUND,
    ]
    assert SANNE_URL not in persons(parsed)


def test_me_is_recognised_by_the_name_in_profile_csv():
    parsed = parse(EXPORT / "messages.csv", EXPORT / "Profile.csv", me=Me())
    assert parsed.interactions[1].direction == Direction.OUTBOUND
    assert SANNE_URL not in persons(parsed)


def test_without_knowing_me_i_am_just_a_participant():
    parsed = parse(EXPORT / "messages.csv", me=Me())
    assert parsed.interactions[1].direction == Direction.INBOUND
    assert persons(parsed)[SANNE_URL].name == "Sanne Bakker"


def test_old_messages_without_recipient_urls():
    parsed = parse(FIXTURES / "messages_old.csv")
    inbound, outbound = parsed.interactions
    assert (inbound.direction, inbound.participants, inbound.subject) == (
        Direction.INBOUND,
        (ANOUK,),
        "Koffie?",
    )
    # as recipient she has only a name: the one person with that name and a URL
    assert (outbound.direction, outbound.participants) == (Direction.OUTBOUND, (ANOUK,))
    assert [p.key for p in parsed.persons] == [ANOUK]
    assert parsed.links == []  # not a link between Anouk and herself


# --- endorsements, recommendations, profile ---------------------------------------------------


def test_endorsements_received_and_given():
    parsed = parse(EXPORT / "Endorsement_Received_Info.csv", EXPORT / "Endorsement_Given_Info.csv")
    assert {Path(e.file).name for e in parsed.exchanges} == {
        "Endorsement_Received_Info.csv",
        "Endorsement_Given_Info.csv",
    }
    assert unfiled(parsed.exchanges) == [
        ExchangeRecord(
            key=f"linkedin:endorsement:received:{ANOUK}:Projectmanagement:2023-06-05",
            person=ANOUK,
            direction=ExchangeDirection.RECEIVED,
            kind=ExchangeKind.ENDORSEMENT,
            occurred_on=date(2023, 6, 5),
            line=2,
            description="Projectmanagement",
        ),
        ExchangeRecord(  # rejected on the profile, but given all the same: kept
            key=f"linkedin:endorsement:received:{RUUD}:Duurzame horeca:2022-01-10",
            person=RUUD,
            direction=ExchangeDirection.RECEIVED,
            kind=ExchangeKind.ENDORSEMENT,
            occurred_on=date(2022, 1, 10),
            line=3,
            description="Duurzame horeca",
        ),
        ExchangeRecord(
            key=f"linkedin:endorsement:given:{FATIMA}:Horeca:2024-01-20",
            person=FATIMA,
            direction=ExchangeDirection.GIVEN,
            kind=ExchangeKind.ENDORSEMENT,
            occurred_on=date(2024, 1, 20),
            line=2,
            description="Horeca",
        ),
    ]
    assert parsed.skipped == 2  # a comma-only row, a repeated endorsement
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (5, "expected a date like 2023/06/05 15:47:58 UTC in 'Endorsement Date', found 'n/a'"),
    ]
    ruud = persons(parsed)[RUUD]
    assert (ruud.name, ruud.given_name, ruud.family_name, ruud.is_connection) == (
        "Ruud Kramer",
        "Ruud",
        "Kramer",
        False,
    )


def test_recommendations_describe_the_role_not_the_text():
    paths = (EXPORT / "Recommendations_Received.csv", EXPORT / "Recommendations_Given.csv")
    received, given_ = unfiled(parse(*paths).exchanges)
    assert received == ExchangeRecord(
        key="linkedin:recommendation:received:linkedin:name:Pieter Jansen:2023-06-05",
        person="linkedin:name:Pieter Jansen",
        direction=ExchangeDirection.RECEIVED,
        kind=ExchangeKind.RECOMMENDATION,
        occurred_on=date(2023, 6, 5),  # '06/05/23, 3:47 PM', month first
        line=2,
        description="Beleidsadviseur, Gemeente Nijmegen",
    )
    assert given_.direction == ExchangeDirection.GIVEN
    assert given_.description == "Eigenaar, Visser, Visser en Visser B.V."
    assert given_.occurred_on == date(2022, 11, 3)
    assert parse(*paths).skipped == 1  # the recommendation of a hidden member
    kept = parse(*paths, keep=True).exchanges[0]
    text = 'Sanne is een uitstekende adviseur.\nZe denkt mee, "altijd".'
    assert kept.description == f"Beleidsadviseur, Gemeente Nijmegen\n\n{text}"


def test_profile_and_positions_describe_me():
    parsed = parse(EXPORT / "Profile.csv", EXPORT / "Positions.csv", me=Me())
    assert parsed.me == MeRecord(
        name="Sanne Bakker",
        organisation="Bakker Advies",
        role="Zelfstandig adviseur duurzame horeca",
        region="Arnhem, Gelderland, Netherlands",
    )
    assert parse(EXPORT / "Connections.csv").me is None


def test_email_addresses_csv_gives_my_own_addresses():
    parsed = parse(EXPORT / "Email Addresses.csv", me=Me())
    assert parsed.me is not None
    assert [i.value for i in parsed.me.identifiers] == ["sanne@bakkeradvies.nl"]
    assert parsed.skipped == 1  # "not-an-address"


# --- the whole export -------------------------------------------------------------------------


def test_whole_export_counts():
    parsed = parse(EXPORT)
    assert (
        len(parsed.persons),
        len(parsed.interactions),
        len(parsed.links),
        len(parsed.exchanges),
        len(parsed.invitations),
    ) == (8, 6, 3, 5, 4)
    assert parsed.skipped == 10  # incl. the invalid address in Email Addresses.csv
    assert len(parsed.warnings) == 5
    assert len({p.key for p in parsed.persons}) == len(parsed.persons)


def test_names_resolve_to_the_connection_with_that_name_but_keys_stay():
    by_kind = {e.kind: e for e in parse(EXPORT).exchanges if e.direction == "received"}
    recommendation = by_kind[ExchangeKind.RECOMMENDATION]
    assert recommendation.person == PIETER  # Pieter Jansen of Connections.csv
    assert recommendation.key.startswith("linkedin:recommendation:received:linkedin:name:Pieter")
    assert "linkedin:name:Pieter Jansen" not in persons(parse(EXPORT))
    lotte = [e for e in parse(EXPORT).exchanges if e.direction == "given"][1]
    assert lotte.person == "linkedin:name:Lotte Visser"  # her connection has no URL: left as is


def test_a_connection_wins_over_the_same_person_seen_in_messages():
    eva = persons(parse(EXPORT))[EVA]
    assert eva.is_connection
    assert (eva.line, eva.met_how, eva.given_name) == (14, "LinkedIn", "Eva")


# --- encodings --------------------------------------------------------------------------------


def test_utf16_file_raises_naming_the_encoding(tmp_path: Path):
    path = tmp_path / "Connections.csv"
    path.write_bytes((EXPORT / "Connections.csv").read_text("utf-8-sig").encode("utf-16"))
    with pytest.raises(ImportFormatError, match="UTF-16") as raised:
        parse(path)
    assert "UTF-8" in raised.value.expected


def test_utf16_without_bom_raises(tmp_path: Path):
    path = tmp_path / "Connections.csv"
    path.write_bytes("First Name,Last Name\nAnouk,de Vries\n".encode("utf-16-le"))
    with pytest.raises(ImportFormatError, match="UTF-16"):
        parse(path)


def test_latin1_file_raises_at_the_bad_line(tmp_path: Path):
    """A file in another encoding (bad bytes in more than one row in a hundred) is refused as a
    whole; one damaged byte only costs its row (see the test below)."""
    path = tmp_path / "Connections.csv"
    text = "First Name,Last Name,Connected On\nAnouk,de Vries,15 Mar 2024\nRené,Smit,1 Jan 2020\n"
    text += "Zoë,Bakker,2 Feb 2021\n"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(ImportFormatError) as raised:
        parse(path)
    assert raised.value.line == 3
    assert "0xE9, which is not UTF-8" in raised.value.found


def test_a_field_over_the_limit_costs_its_row_and_the_others_are_read(tmp_path: Path):
    """A message of 1 MiB of characters and one more (over three lines) is left out with its
    column and size; the message after it is read, on its own line. The whole file was left
    out before, and a field of 200,000 characters (over the csv module's own limit) too."""
    path = tmp_path / "messages.csv"
    header = (EXPORT / "messages.csv").read_text().splitlines()[0]
    anouk = "Anouk,https://www.linkedin.com/in/anouk-de-vries,Sanne Bakker,"
    row = "c{n},," + anouk + 'https://www.linkedin.com/in/sanne-bakker,{day} UTC,,"{text}",INBOX,,'
    huge = "x" * MAX_FIELD_CHARS + "\n\n"
    rows = [
        row.format(n=1, day="2023-05-01 14:22:10", text=huge),
        row.format(n=2, day="2023-05-02 09:00:00", text="y" * 200_000),
    ]
    path.write_text("\n".join([header, *rows, ""]), encoding="utf-8")
    parsed = parse(path, keep=True)
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (
            2,
            "field 'CONTENT': expected a field of at most 1,048,576 characters, found a field of "
            "1,048,578 characters; row left out",
        )
    ]
    assert [(i.line, len(i.body or "")) for i in parsed.interactions] == [(5, 200_000)]


# --- robustness -------------------------------------------------------------------------------

_ROBUST = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_TOKENS = [b'"', b",", b"\r", b"\n", b"\r\n", b"\x00", b"\xff", codecs.BOM_UTF8, b"UTC", b":"]
_TOKENS += [b"/", b" AM", b"http://[", b"9" * 30, "\u202f".encode(), "☕".encode()]


@st.composite
def mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few insertions, deletions, replaced bytes and a possible cut."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "token", "delete", "replace", "cut"]))
        if operation == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        elif operation == "token":
            data[position:position] = draw(st.sampled_from(_TOKENS))
        elif operation == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        elif operation == "replace" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        elif operation == "cut":
            del data[position:]
    return bytes(data)


def _only_format_errors(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    with contextlib.suppress(ImportFormatError):
        parse(path)


@pytest.mark.parametrize("name", ["Connections.csv", "messages.csv", "anything.csv"])
@_ROBUST
@given(data=st.binary(max_size=2000))
def test_random_bytes_only_raise_format_errors(tmp_path: Path, name: str, data: bytes):
    _only_format_errors(tmp_path / name, data)


@pytest.mark.parametrize("name", ["Connections.csv", "messages.csv", "Invitations.csv"])
@_ROBUST
@given(data=st.data())
def test_mutated_exports_only_raise_format_errors(tmp_path: Path, name: str, data: st.DataObject):
    mutated = data.draw(mutations((EXPORT / name).read_bytes()))
    _only_format_errors(tmp_path / name, mutated)


@_ROBUST
@given(data=st.data())
def test_mutated_zips_only_raise_format_errors(tmp_path: Path, data: st.DataObject):
    archive = tmp_path / "export.zip"
    if not archive.exists():
        zip_of(EXPORT, archive)
    original = archive.read_bytes()
    _only_format_errors(tmp_path / "mutated.zip", data.draw(mutations(original)))


# --- every layout since 2017 (docs/capture.md lists them with their sources) -------------------

EXPORT_2018 = FIXTURES / "export_2018"
NOBODY = Me(name="")  # nothing told about me: the export must say it


def test_2018_export_with_direction_messages_is_read_whole():
    """The 2018 layout (Apache Streams' LinkedIn template, 2018): ``Messages.csv`` with
    ``From,To,Date,Subject,Content,Direction,Folder``, Connections without URL, ``Email
    Addresses.csv`` with ``Is primary``, ``Recommendations Given.csv`` with a space."""
    parsed = parse(EXPORT_2018, me=NOBODY)
    connections = [p for p in parsed.persons if p.is_connection]
    assert [(p.name, p.met_on) for p in connections] == [
        ("Anouk de Vries", date(2018, 3, 15)),
        ("Pieter Jansen", date(2017, 1, 2)),
        ("Eva Mulder", date(2016, 11, 30)),
    ]
    assert [(i.direction, i.sent_at) for i in parsed.invitations] == [
        (Direction.INBOUND, datetime(2018, 3, 14, 9, 5)),
        (Direction.OUTBOUND, datetime(2017, 12, 1, 16, 30)),
    ]
    assert parsed.me is not None and parsed.me.name == "Sanne Bakker"
    assert parsed.me.identifiers == (email("sanne@bakkeradvies.nl"),)
    assert [e.kind for e in parsed.exchanges] == [ExchangeKind.RECOMMENDATION]
    messages = parsed.interactions
    assert [(m.direction, m.occurred_at, m.subject) for m in messages] == [
        (Direction.INBOUND, datetime(2018, 3, 16, 9, 5), "Koffie?"),
        (Direction.OUTBOUND, datetime(2018, 3, 16, 11, 40), "RE: Koffie?"),
        (Direction.INBOUND, datetime(2018, 4, 2, 14, 0), "Borrel"),
        (Direction.INBOUND, datetime(2018, 4, 2, 15, 10), "RE: Borrel"),
    ]
    assert [m.line for m in messages] == [2, 4, 5, 6]
    # me (the sender of OUTGOING rows) is never a participant, whoever the user said they were
    assert all("Sanne" not in key for m in messages for key in m.participants)
    assert messages[0].participants == ("linkedin:name:Anouk de Vries",)
    assert set(messages[2].participants) == {
        "linkedin:name:Pieter Jansen",
        "linkedin:name:Eva Mulder",
    }
    assert [(link.person_a, link.person_b) for link in parsed.links] == [
        ("linkedin:name:Eva Mulder", "linkedin:name:Pieter Jansen")  # one group conversation
    ]
    (warning,) = parsed.warnings
    assert (warning.file.endswith("Messages.csv"), warning.line) == (True, 7)
    assert "found 'gisteren'" in warning.message


def test_2018_message_keys_are_stable():
    first, again = parse(EXPORT_2018, me=NOBODY), parse(EXPORT_2018, me=SANNE)
    assert [m.key for m in first.interactions] == [m.key for m in again.interactions]
    assert len({m.key for m in first.interactions}) == 4


def test_upper_case_direction_layout_with_iso_times():
    """``FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER`` with ``2019-11-06T02:08:20``, as a user
    quoted their export of February 2020 (adeshpande3/Facebook-Messenger-Bot#54)."""
    parsed = parse(FIXTURES / "messages_2020_direction.csv", me=NOBODY)
    assert [(m.direction, m.occurred_at) for m in parsed.interactions] == [
        (Direction.INBOUND, datetime(2019, 11, 6, 2, 8, 20)),
        (Direction.OUTBOUND, datetime(2019, 11, 6, 8, 15)),
    ]
    assert [p.key for p in parsed.persons] == ["linkedin:name:Anouk de Vries"]
    assert parsed.warnings == []


def test_bad_direction_in_the_2018_layout_warns(tmp_path: Path):
    path = tmp_path / "Messages.csv"
    path.write_text(
        "From,To,Date,Subject,Content,Direction,Folder\nA,B,2019-01-01 10:00,,x,SIDEWAYS,\n"
    )
    parsed = parse(path, me=NOBODY)
    assert parsed.interactions == []
    assert [str(w).split(": ", 1)[1] for w in parsed.warnings] == [
        "expected INCOMING or OUTGOING in 'DIRECTION', found 'SIDEWAYS'"
    ]


def test_2017_tab_separated_email_addresses():
    parsed = parse(FIXTURES / "email_addresses_2017_tabs.csv", me=NOBODY)
    assert parsed.me is not None
    assert parsed.me.identifiers == (email("sanne@bakkeradvies.nl"),)


@pytest.mark.parametrize(
    "name",
    ["Recommendations Given.csv", "recommendations_given.csv", "Endorsement Given Info.csv"],
)
def test_file_names_match_with_spaces_or_underscores(tmp_path: Path, name: str):
    source = "Recommendations_Given.csv" if "ecommend" in name else "Endorsement_Given_Info.csv"
    (tmp_path / name).write_bytes((EXPORT / source).read_bytes())
    (tmp_path / "Connections.csv").write_bytes((EXPORT / "Connections.csv").read_bytes())
    assert [e.direction for e in parse(tmp_path).exchanges] != []


# --- one bad file, one bad row -----------------------------------------------------------------


def test_one_bad_file_in_an_export_is_reported_and_the_rest_imports(tmp_path: Path):
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    messages = folder / "messages.csv"
    messages.write_bytes(messages.read_text("utf-8").encode("utf-16"))
    parsed = parse(folder)
    whole = parse(EXPORT)
    assert unfiled(parsed.persons) != [] and parsed.interactions == []
    assert [i.key for i in parsed.invitations] == [i.key for i in whole.invitations]
    assert [e.key for e in parsed.exchanges] == [e.key for e in whole.exchanges]
    left_out = [w for w in parsed.warnings if w.file == str(messages)]
    assert [(w.line, w.message) for w in left_out] == [
        (
            1,
            "file left out: expected UTF-8 text, as LinkedIn writes its exports "
            "found UTF-16 text (a UTF-16 byte order mark)",
        )
    ]


def test_a_file_without_its_header_does_not_cost_the_others(tmp_path: Path):
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    (folder / "Invitations.csv").write_text("Who,When\nDaan,gisteren\n")
    parsed = parse(folder)
    assert parsed.invitations == [] and len(parsed.interactions) == 6
    (left_out,) = [w for w in parsed.warnings if w.file.endswith("Invitations.csv")]
    assert left_out.message.startswith("file left out: expected the LinkedIn Invitations header")
    assert left_out.message.endswith("in 'From' found 'Who,When'")


def test_a_damaged_zip_member_does_not_cost_the_others(tmp_path: Path):
    archive = zip_of(EXPORT, tmp_path / "export.zip")
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo("messages.csv")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 20 : start + 28] = b"\x00" * 8  # deflated bytes no longer match the CRC
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    parsed = parse(damaged)
    assert parsed.interactions == [] and len(parsed.invitations) == 4
    (left_out,) = [w for w in parsed.warnings if w.file == f"{damaged}:messages.csv"]
    assert left_out.message == (
        "file left out: expected a zip member that unpacks to what its checksum says "
        "found damaged data"
    )


def test_an_export_whose_every_file_is_bad_raises(tmp_path: Path):
    (tmp_path / "Connections.csv").write_bytes("First Name,Last Name\n".encode("utf-16"))
    (tmp_path / "messages.csv").write_text("nothing,here\n")
    with pytest.raises(ImportFormatError, match="UTF-16"):
        parse(tmp_path)


def test_a_damaged_byte_skips_only_its_row(tmp_path: Path):
    """Invalid UTF-8 on line 5 of a 676-row Connections.csv: that row is reported and left out,
    the 675 others are read."""
    preamble = (EXPORT / "Connections.csv").read_bytes().split(b"First Name")[0]
    header = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    rows = [
        f"Lid{n},Achternaam{n},https://www.linkedin.com/in/lid-{n},,Firma {n},Adviseur,"
        f"15 Mar 2024\r\n".encode()
        for n in range(676)
    ]
    rows[0] = rows[0].replace(b"Firma", b"Caf\xe9 Firma")  # a Latin-1 é: not UTF-8
    path = tmp_path / "Connections.csv"
    path.write_bytes(preamble + header + b"".join(rows))
    parsed = parse(path)
    assert len(parsed.persons) == 675
    (warning,) = parsed.warnings
    assert warning.line == 5
    assert warning.message == (
        "row left out: expected UTF-8 text, found byte 0xE9 in "
        "'Lid0,Achternaam0,https://www.linkedin.com/in/lid-0,,Caf\\xE9 Firma 0,Adviseur,15 Ma…'"
    )


def test_a_nul_byte_skips_only_its_row(tmp_path: Path):
    path = tmp_path / "Connections.csv"
    rows = "".join(f"Lid{n},Smit,{n + 1} Mar 2024\n" for n in range(20))
    path.write_text("First Name,Last Name,Connected On\nAn\x00na,Smit,1 Mar 2024\n" + rows)
    parsed = parse(path)
    assert len(parsed.persons) == 20
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (2, "row left out: expected text without NUL bytes, found 'An\\x00na,Smit,1 Mar 2024'")
    ]


# --- bounded: zip bombs under a memory cap -----------------------------------------------------

_CAP = """
import resource, sys
from pathlib import Path
from tiewise.errors import ImportFormatError
from tiewise.ingest.linkedin import parse_linkedin
from tiewise.model import Me

def virtual_size():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024

limit = virtual_size() + 256 * 2**20  # what the parse may take beyond the interpreter
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
try:
    parse_linkedin([Path(sys.argv[1])], Me(name=""))
    print("no error")
except ImportFormatError as error:
    print("ImportFormatError:", error)
"""


def capped(path: Path) -> str:
    """What parsing ``path`` prints in a process allowed 256 MiB beyond its start."""
    result = subprocess.run(
        [sys.executable, "-c", _CAP, str(path)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def bomb(path: Path, size: int, name: str = "Connections.csv") -> Path:
    """A zip of ``size`` bytes of zeros (1 GiB deflates to about 1 MB) after a valid header."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        member.write(b"First Name,Last Name,Connected On\n")
        zeros = bytes(2**20)
        for _ in range(size // 2**20):
            member.write(zeros)
    return path


def test_a_zip_bomb_is_refused_by_its_declared_size_without_inflating(tmp_path: Path):
    """A 1 MB zip holding 1 GiB of zeros: inflating it took 2 GiB before (peak RSS 2,070 MiB);
    now it is refused before one byte is unpacked, within a 256 MiB cap."""
    archive = bomb(tmp_path / "export.zip", 2**30)
    assert archive.stat().st_size < 8 * 2**20
    assert capped(archive) == (
        f"ImportFormatError: {archive}: expected a LinkedIn export that unpacks to at most "
        "512 MiB, found export files that unpack to 1,024 MiB"
    )


def test_one_member_over_the_file_limit_is_left_out(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(linkedin_export, "MAX_FILE_BYTES", 2**20)
    archive = zip_of(EXPORT, tmp_path / "export.zip")
    with zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED) as opened:
        opened.writestr("Invitations_old/messages.csv", bytes(3 * 2**20))
    parsed = parse(archive)
    assert len(parsed.interactions) == 6  # the real messages.csv
    (left_out,) = [w for w in parsed.warnings if "Invitations_old" in w.file]
    assert left_out.message == (
        "file left out: expected a LinkedIn export file of at most 1 MiB found 3 MiB"
    )


def test_a_member_that_holds_more_than_it_declares_is_not_inflated(tmp_path: Path):
    """A header that lies about the size: never more than the declared size is unpacked."""
    lying = tmp_path / "lying.zip"
    with zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("Connections.csv", b"First Name,Last Name\n" + bytes(64 * 2**20))
    data = bytearray(lying.read_bytes())
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 22 : local + 26] = data[central + 24 : central + 28] = (40).to_bytes(4, "little")
    lying.write_bytes(bytes(data))
    with zipfile.ZipFile(lying) as opened:
        assert opened.getinfo("Connections.csv").file_size == 40  # 64 MiB inside
    assert capped(lying) == (
        f"ImportFormatError: {lying}:Connections.csv: expected a zip member that unpacks to "
        "what its checksum says, found damaged data"
    )


def test_the_web_upload_refuses_a_zip_bomb_and_writes_nothing(tmp_path: Path, demo_copy: Path):
    from ..web.test_app import client_for, csrf_of, rows

    client = client_for(demo_copy)
    before = rows(demo_copy)
    data = bomb(tmp_path / "export.zip", 2**30).read_bytes()
    response = client.post(
        "/import",
        data={"csrf": csrf_of(client), "kind": "linkedin"},
        files={"file": ("export.zip", data, "application/zip")},
    )
    assert response.status_code == 400
    assert "export.zip: expected a LinkedIn export that unpacks to at most 512 MiB" in response.text
    assert rows(demo_copy) == before
