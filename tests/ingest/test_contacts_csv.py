"""The contact-CSV parser against hand-made Google, Outlook and mapped exports."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiewise.errors import ImportFormatError
from tiewise.ingest.contacts_csv import FORMATS, detect_format, parse_contacts_csv
from tiewise.ingest.limits import MAX_FIELD_CHARS
from tiewise.ingest.records import ParsedSource, PersonRecord
from tiewise.model import IdentifierKind

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts_csv"

GENERIC_MAPPING = {
    "name": "Naam",
    "organisation": "Organisatie",
    "role": "Functie",
    "sector": "Sector",
    "region": "Regio",
    "email": "E-mail|E-mail werk",
    "phone": "Telefoon",
    "phone2": "Mobiel",
    "profile_url": "LinkedIn",
    "contexts": "Tags",
    "note": "Opmerking",
}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str, **options: object) -> ParsedSource:
    return parse_contacts_csv(fixture(name), name, **options)  # type: ignore[arg-type]


def header_of(name: str, encoding: str = "utf-8-sig", delimiter: str = ",") -> list[str]:
    text = fixture(name).decode(encoding)
    return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def values(person: PersonRecord, kind: IdentifierKind) -> list[str]:
    return [found.value for found in person.identifiers if found.kind == kind]


def by_line(parsed: ParsedSource) -> dict[int, PersonRecord]:
    return {person.line: person for person in parsed.persons}


def csv_bytes(rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


# --- detection -------------------------------------------------------------------------------


def test_formats_are_the_four_documented_ones():
    assert FORMATS == ("google", "google_legacy", "outlook", "generic")


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "expected"),
    [
        ("google.csv", "utf-8-sig", ",", "google"),
        ("google_legacy.csv", "utf-8-sig", ",", "google_legacy"),
        ("outlook_web.csv", "utf-8-sig", ",", "outlook"),
        ("outlook_desktop_en.csv", "cp1252", ",", "outlook"),
        ("outlook_desktop_nl.csv", "cp1252", ";", "outlook"),
        ("google_utf16.csv", "utf-16", ",", "google"),
        ("generic.csv", "utf-8-sig", ",", None),
    ],
)
def test_detect_format_from_real_headers(name, encoding, delimiter, expected):
    assert detect_format(header_of(name, encoding, delimiter)) == expected


def test_outlook_headers_have_their_real_widths():
    assert len(header_of("outlook_web.csv")) == 61
    assert len(header_of("outlook_desktop_en.csv", "cp1252")) == 92
    assert len(header_of("outlook_desktop_nl.csv", "cp1252", ";")) == 92


def test_detect_older_outlook_desktop_with_business_country():
    assert detect_format(["Title", "First Name", "Last Name", "Business Country"]) == "outlook"


def test_detect_dutch_headers_with_tussenvoegsel():
    header = ["Voornaam", "Tussenvoegsel", "Achternaam", "E-mailadres", "Bedrijf"]
    assert detect_format(header) == "outlook"


def test_detect_ignores_case_blanks_and_bom():
    assert detect_format(["\ufefffirst name ", "  E-MAIL 1 - VALUE"]) == "google"


def test_detect_returns_none_for_unknown_headers():
    assert detect_format(["Naam", "E-mail"]) is None
    assert detect_format([]) is None


# --- Google (current) ------------------------------------------------------------------------


def test_google_rows_lines_and_skips():
    parsed = parse("google.csv")
    assert parsed.source == "csv"
    assert parsed.file == "google.csv"
    # Anouk's row spans lines 2–6 (multi-line Notes and address); line 8 is blank, line 9 has a
    # note only.
    assert [person.line for person in parsed.persons] == [2, 7, 10, 11, 12]
    assert parsed.skipped == 2
    assert parsed.warnings == []


def test_google_person_with_particle_multi_values_and_labels():
    anouk = by_line(parse("google.csv"))[2]
    assert anouk.key == "anouk.vanderberg@utrecht.example"
    assert anouk.name == "Anouk van der Berg"
    assert anouk.given_name == "Anouk"
    assert anouk.family_name == "van der Berg"
    assert anouk.organisation == "Gemeente Utrecht"
    assert anouk.role == "Beleidsadviseur"
    assert values(anouk, IdentifierKind.EMAIL) == [
        "anouk.vanderberg@utrecht.example",
        "anouk@example.nl",
        "anouk.berg@gmail.example",
    ]
    assert values(anouk, IdentifierKind.PHONE) == ["+31612345678", "+31302860000", "+31302860001"]
    assert values(anouk, IdentifierKind.PROFILE_URL) == ["linkedin.com/in/anouk-van-der-berg"]
    assert anouk.contexts == ("coworkers", "tennis")
    assert anouk.note == 'Met via tennis.\nInteresse in open data,\n"smart city" projecten.'
    assert anouk.is_connection


def test_google_line_numbers_count_newlines_in_quoted_cells():
    bram = by_line(parse("google.csv"))[7]
    assert bram.name == "Bram de Jong"
    assert bram.family_name == "de Jong"
    assert bram.contexts == ("klanten",)  # myContacts and starred are Google's own
    # a company homepage is not a profile of one person
    assert values(bram, IdentifierKind.PROFILE_URL) == []


def test_google_invalid_identifiers_are_skipped_and_name_key_used():
    mei = by_line(parse("google.csv"))[10]
    assert mei.identifiers == ()
    assert mei.key == "csv:name:Mei Ling Chen|Universiteit Leiden"
    assert mei.name == "Mei Ling Chen"
    assert mei.given_name == "Mei"
    assert mei.family_name == "Chen"  # "Ling" is a middle name, not a particle
    assert mei.contexts == ("conferentie 2024",)  # "Imported on 3/14" is Google's own


def test_google_duplicate_contact_gets_line_suffix():
    duplicate = by_line(parse("google.csv"))[11]
    assert duplicate.key == "bram@acme.example#11"
    assert values(duplicate, IdentifierKind.EMAIL) == ["bram@acme.example"]


def test_google_company_only_row_is_named_after_the_company():
    shop = by_line(parse("google.csv"))[12]
    assert shop.name == "Koffiebar De Boon"
    assert shop.organisation == "Koffiebar De Boon"
    assert shop.key == "+31301234567"
    assert shop.given_name is None and shop.family_name is None


def test_google_any_number_of_numbered_columns_in_number_order():
    header = ["First Name", "E-mail 12 - Value", "E-mail 2 - Value", "Phone 3 - Value"]
    data = csv_bytes([header, ["Ada", "twelve@example.nl", "two@example.nl", "0612345678"]])
    (ada,) = parse_contacts_csv(data, "n.csv").persons
    assert values(ada, IdentifierKind.EMAIL) == ["two@example.nl", "twelve@example.nl"]
    assert values(ada, IdentifierKind.PHONE) == ["+31612345678"]


# --- Google (legacy) -------------------------------------------------------------------------


def test_google_legacy_full_name_groups_and_numbered_organisation():
    parsed = parse("google_legacy.csv")
    sanne, pieter = parsed.persons
    assert (sanne.line, sanne.name, sanne.given_name, sanne.family_name) == (
        2,
        "Sanne de Vries",
        "Sanne",
        "de Vries",
    )
    assert sanne.organisation == "Rabobank"
    assert sanne.role == "Accountmanager"
    assert sanne.contexts == ("friends", "hockey")
    assert sanne.note == "Hockeyteam dames 2"
    assert [found.value for found in sanne.identifiers] == [
        "sanne@devries.example",
        "s.devries@example.org",
        "+31612345679",
        "linkedin.com/in/sannedevries",  # nl.linkedin.com folded
    ]
    assert (pieter.name, pieter.key, pieter.contexts) == (
        "Pieter Bakker",
        "pieter@bakker.example",
        ("hockey",),
    )


# --- Outlook ---------------------------------------------------------------------------------


def test_outlook_web_people_and_multi_line_notes():
    parsed = parse("outlook_web.csv")
    people = by_line(parsed)
    assert sorted(people) == [2, 4, 6]
    joost = people[2]
    assert joost.key == "joost.visser@example.com"
    assert (joost.organisation, joost.role) == ("Example BV", "Sales Director")
    assert values(joost, IdentifierKind.PHONE) == ["+31611112222", "+31205550100"]
    assert values(joost, IdentifierKind.PROFILE_URL) == ["x.com/joostvisser"]
    assert joost.note == "Ontmoet op Dutch Tech Week\nWil kennismaken met Anouk"
    eva = people[4]
    assert (eva.name, eva.family_name) == ("Eva van Dam", "van Dam")
    assert values(eva, IdentifierKind.PROFILE_URL) == ["facebook.com/eva.vandam"]
    assert people[6].name == "Lotte Smit"


def test_outlook_web_row_with_wrong_number_of_columns_is_a_warning():
    parsed = parse("outlook_web.csv")
    (warning,) = parsed.warnings
    assert (warning.file, warning.line) == ("outlook_web.csv", 5)
    assert "expected 61 columns as in the header, found 62" in warning.message
    assert str(warning).startswith("outlook_web.csv, line 5: ")


def test_outlook_desktop_english_in_cp1252():
    parsed = parse("outlook_desktop_en.csv")
    zoe, _rene = parsed.persons
    assert parsed.skipped == 1  # the row holding nothing but the wizard's defaults
    assert parsed.warnings == []
    assert (zoe.line, zoe.name, zoe.organisation, zoe.role) == (
        2,
        "Zoë Bakker",
        "Café Noir",
        "Eigenaar",
    )
    assert zoe.contexts == ("horeca", "buurt")
    assert zoe.note == "Kent iedereen in de Jordaan.\nEspresso: dubbel."
    # the company main phone is shared by everyone there: not an identifier
    assert [found.value for found in zoe.identifiers] == ["zoe@cafenoir.example", "+31612345670"]


def test_outlook_exchange_address_falls_back_to_display_name_address():
    rene = parse("outlook_desktop_en.csv").persons[1]
    assert rene.line == 4  # Zoë's note spans lines 2–3
    assert rene.name == "René Dubois"  # title and suffix left out
    assert rene.key == "rene.dubois@contoso.example"
    assert values(rene, IdentifierKind.PHONE) == ["+33123456789"]  # not the assistant's


def test_outlook_desktop_dutch_semicolons_and_particle():
    parsed = parse("outlook_desktop_nl.csv")
    willem, sophie = parsed.persons
    assert parsed.warnings == []
    assert willem.line == 2
    assert willem.name == "Willem van 't Hek"
    assert (willem.given_name, willem.family_name) == ("Willem", "van 't Hek")
    assert (willem.organisation, willem.role) == ("Gemeente Amsterdam", "Projectleider")
    assert willem.key == "w.vanthek@amsterdam.example"
    assert values(willem, IdentifierKind.PHONE) == ["+31612345680", "+31201234567"]
    assert values(willem, IdentifierKind.PROFILE_URL) == ["linkedin.com/in/willemvanthek"]
    assert willem.contexts == ("werk", "netwerkborrel")
    assert willem.note == "Oud-collega; kent de wethouder.\nBellen na de zomer."
    assert sophie.line == 4
    assert sophie.contexts == ("zorg",)
    assert values(sophie, IdentifierKind.PHONE) == []  # company main phone and assistant


def test_dutch_tussenvoegsel_column_and_comma_delimiter_with_quoted_titles():
    header = ["Voornaam", "Tussenvoegsel", "Achternaam", "Werkadres, straat", "E-mailadres"]
    data = csv_bytes([header, ["Anouk", "van der", "Berg", "Stadsplateau 1", "a@b.nl"]])
    (anouk,) = parse_contacts_csv(data, "nl.csv").persons
    assert (anouk.name, anouk.family_name) == ("Anouk van der Berg", "van der Berg")


def test_outlook_categories_from_google_outlook_export_drop_system_groups():
    header = ["First Name", "Last Name", "E-mail Address", "Categories"]
    data = csv_bytes([header, ["Ada", "Lovelace", "ada@example.nl", "myContacts;starred;Wiskunde"]])
    (ada,) = parse_contacts_csv(data, "g.csv").persons
    assert ada.contexts == ("wiskunde",)


# --- generic ---------------------------------------------------------------------------------


def test_generic_with_mapping():
    parsed = parse("generic.csv", mapping=GENERIC_MAPPING)
    fatima, tom = parsed.persons
    assert (fatima.line, fatima.name, fatima.organisation, fatima.role) == (
        2,
        "Fatima el Amrani",
        "Stichting Vluchtelingenwerk",
        "Coördinator",
    )
    assert (fatima.sector, fatima.region) == ("Non-profit", "Utrecht")
    assert [found.value for found in fatima.identifiers] == [
        "fatima@example.org",
        "f.elamrani@vluchtelingenwerk.example",  # "Fatima <…>" reduced to the address
        "+31611223344",  # from the repeated key phone2
        "linkedin.com/in/fatima-el-amrani",
    ]
    assert fatima.contexts == ("vrijwilligerswerk", "netwerk")
    assert fatima.note == "Via Anouk"
    assert fatima.given_name is None  # a full name is not split
    assert (tom.name, tom.contexts) == ("Tom Hendriks", ("sport", "hardlopen"))
    assert values(tom, IdentifierKind.PHONE) == ["+31655667788"]


def test_generic_format_named_explicitly_gives_the_same():
    implicit = parse("generic.csv", mapping=GENERIC_MAPPING)
    explicit = parse("generic.csv", format="generic", mapping=GENERIC_MAPPING)
    assert implicit.persons == explicit.persons


def test_mapping_adds_columns_to_a_built_in_format():
    header = ["Prénom", "Nom", "Adresse de messagerie", "Société", "Business Country/Region"]
    data = csv_bytes([header, ["Zoé", "Martin", "zoe@martin.example", "Exemple SA", "France"]])
    mapping = {"given_name": "Prénom", "family_name": "Nom", "email": "Adresse de messagerie"}
    (zoe,) = parse_contacts_csv(data, "fr.csv", format="outlook", mapping=mapping).persons
    assert (zoe.name, zoe.key) == ("Zoé Martin", "zoe@martin.example")


# --- encodings and delimiters ----------------------------------------------------------------


def test_utf16_with_bom():
    parsed = parse("google_utf16.csv")
    lukasz, zoe = parsed.persons
    assert (lukasz.name, lukasz.organisation) == ("Łukasz Kowalski", "Żabka Polska")
    assert values(lukasz, IdentifierKind.PHONE) == ["+48500600700"]
    assert lukasz.contexts == ("polen",)
    assert (zoe.line, zoe.name) == (3, "Zoë Ψαρά")


def test_utf16_big_endian_with_bom():
    text = "First Name,Last Name,E-mail 1 - Value\r\nZoë,Bakker,zoe@example.nl\r\n"
    data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    (zoe,) = parse_contacts_csv(data, "be.csv").persons
    assert zoe.name == "Zoë Bakker"


def test_cp1252_undecodable_byte_in_used_cell_skips_that_row_only():
    data = (
        b"First Name,Last Name,E-mail 1 - Value\r\n"
        b"Ren\xe9,Dubois,rene@example.fr\r\n"
        b"Bad\x81,Row,bad@example.nl\r\n"
        b"Zo\xeb,Bakker,zoe@example.nl\r\n"
    )
    parsed = parse_contacts_csv(data, "cp.csv")
    assert [person.name for person in parsed.persons] == ["René Dubois", "Zoë Bakker"]
    (warning,) = parsed.warnings
    assert warning.line == 3
    assert "field 'First Name'" in warning.message
    assert "cp1252" in warning.message


def test_damaged_utf8_stays_utf8():
    data = (
        "First Name,Last Name,E-mail 1 - Value,Notes\n"
        "Zoë,Bakker,zoe@example.nl,\n"
        "Anouk,Berg,anouk@example.nl,kapot \udcff\n"
    ).encode("utf-8", errors="surrogateescape")
    parsed = parse_contacts_csv(data, "u.csv")
    assert [person.name for person in parsed.persons] == ["Zoë Bakker"]
    assert parsed.warnings[0].line == 3
    assert "utf-8" in parsed.warnings[0].message


def test_undecodable_byte_in_unused_column_does_not_matter():
    data = b"First Name,Last Name,Photo\r\nRen\xe9,Dubois,\x81\x8d\r\n"
    parsed = parse_contacts_csv(data, "p.csv", format="google")
    assert [person.name for person in parsed.persons] == ["René Dubois"]
    assert parsed.warnings == []


def test_tab_delimiter_and_excel_sep_line():
    tab = csv_bytes([["First Name", "E-mail 1 - Value"], ["Ada", "ada@example.nl"]], "\t")
    assert parse_contacts_csv(tab, "t.csv").persons[0].key == "ada@example.nl"
    sep = b"sep=;\r\n" + csv_bytes([["First Name", "E-mail 1 - Value"], ["Ada", "a@b.nl"]], ";")
    (ada,) = parse_contacts_csv(sep, "s.csv").persons
    assert (ada.line, ada.key) == (3, "a@b.nl")


# --- rows left out ---------------------------------------------------------------------------


def test_blank_rows_repeated_header_and_empty_people_are_skipped():
    header = ["First Name", "Last Name", "E-mail 1 - Value", "Notes"]
    rows = [header, ["", "", "", ""], [" ", "", "", " "], header, ["", "", "", "only a note"]]
    data = csv_bytes([*rows, ["Ada", "", "", ""]]) + b"\r\n"
    parsed = parse_contacts_csv(data, "b.csv")
    # two blank rows, the repeated header, the note-only row and the empty last line
    assert parsed.skipped == 5
    assert [(person.line, person.name) for person in parsed.persons] == [(6, "Ada")]


def test_a_field_over_the_limit_is_a_warning_and_reading_goes_on():
    """1 MiB of characters and one more, in a quoted note over three lines: the row is skipped
    with its column and size (never its text), the rows after it are read with their lines."""
    huge = "x" * (MAX_FIELD_CHARS - 1) + '"\n,\n' + "x"  # a doubled quote: 1 character
    data = csv_bytes(
        [["First Name", "Notes"], ["Ada", huge], ["Bram", "kort"], ["Cas", ""]],
    )
    parsed = parse_contacts_csv(data, "h.csv", format="google")
    assert [(warning.line, warning.message) for warning in parsed.warnings] == [
        (
            2,
            "field 'Notes': expected a field of at most 1,048,576 characters, found a field of "
            "1,048,580 characters; row skipped",
        )
    ]
    assert [(person.line, person.name) for person in parsed.persons] == [(5, "Bram"), (6, "Cas")]
    assert parsed.read == 3 and parsed.warnings[0].drops_record


def test_a_field_over_the_csv_modules_own_limit_is_read_whole():
    """The csv module refuses fields over 131,072 characters by default; the limit of every
    importer is 1 MiB, and the module's process-wide setting is left as it was."""
    before = csv.field_size_limit()
    note = "n" * (before + 10)
    data = csv_bytes([["First Name", "Notes"], ["Ada", note], ["Bram", "kort"]])
    parsed = parse_contacts_csv(data, "h.csv", format="google")
    assert [(p.line, p.name, len(p.note or "")) for p in parsed.persons] == [
        (2, "Ada", before + 10),
        (3, "Bram", 4),
    ]
    assert parsed.warnings == [] and csv.field_size_limit() == before


def test_a_header_with_a_field_over_the_limit_refuses_the_file():
    data = csv_bytes([["First Name", "N" * (MAX_FIELD_CHARS + 1)], ["Ada", ""]])
    with pytest.raises(ImportFormatError) as raised:
        parse_contacts_csv(data, "h.csv")
    error = raised.value
    assert (error.line, error.field) == (1, "column 2")
    assert (error.expected, error.found) == (
        "a field of at most 1,048,576 characters",
        "a field of 1,048,577 characters",
    )


def test_row_with_identifier_only_is_named_after_it():
    data = csv_bytes([["First Name", "E-mail 1 - Value"], ["", "ada@example.nl"]])
    (ada,) = parse_contacts_csv(data, "i.csv").persons
    assert (ada.name, ada.key) == ("ada@example.nl", "ada@example.nl")


def test_display_name_stands_in_for_a_missing_name():
    header = ["First Name", "Last Name", "E-mail Address", "E-mail Display Name"]
    data = csv_bytes([header, ["", "", "ada@example.nl", "Ada Lovelace (ada@example.nl)"]])
    (ada,) = parse_contacts_csv(data, "d.csv").persons
    assert ada.name == "Ada Lovelace"


# --- errors ----------------------------------------------------------------------------------


def test_undetectable_header_names_line_one_and_the_first_columns():
    data = b"Foo,Bar,Baz,Qux,Quux\r\n1,2,3,4,5\r\n"
    with pytest.raises(ImportFormatError) as raised:
        parse_contacts_csv(data, "x.csv")
    error = raised.value
    assert (error.file, error.line) == ("x.csv", 1)
    assert error.expected == "a Google, Outlook or mapped CSV header"
    assert error.found == "columns 'Foo', 'Bar', 'Baz', 'Qux', …"
    assert str(error).startswith("x.csv, line 1: expected a Google, Outlook or mapped CSV header")


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b" , ,\n"])
def test_empty_file_is_a_format_error(data):
    with pytest.raises(ImportFormatError) as raised:
        parse_contacts_csv(data, "e.csv")
    assert raised.value.found == "an empty file"


def test_unknown_format_name():
    with pytest.raises(ImportFormatError) as raised:
        parse("google.csv", format="vcard")
    assert raised.value.found == "'vcard'"
    assert "google_legacy" in raised.value.expected


def test_generic_without_mapping():
    with pytest.raises(ImportFormatError) as raised:
        parse("generic.csv", format="generic")
    assert raised.value.field == "mapping"


def test_mapping_with_unknown_field():
    with pytest.raises(ImportFormatError) as raised:
        parse("generic.csv", mapping={"name": "Naam", "spouse": "Partner"})
    assert (raised.value.field, raised.value.found) == ("spouse", "'spouse'")


def test_mapping_naming_a_missing_column():
    with pytest.raises(ImportFormatError) as raised:
        parse("generic.csv", mapping={"name": "Naam", "email": "Mail|Email"})
    error = raised.value
    assert (error.line, error.field) == (1, "Mail")
    assert "'Mail' or 'Email'" in error.expected
    assert error.found.startswith("columns 'Naam', 'Organisatie'")


def test_explicit_format_with_a_header_it_cannot_use():
    with pytest.raises(ImportFormatError) as raised:
        parse("generic.csv", format="google")
    assert raised.value.line == 1
    assert "First Name" in raised.value.expected


# --- properties ------------------------------------------------------------------------------

GOOGLE_BYTES = fixture("google.csv")
NASTY = [b'"', b",", b";", b"\n", b"\r", b"\r\n", b" ::: ", b"\x00", b"\xff", b"\xef\xbb\xbf"]
NASTY += [b"* ", b"@", b"http://[", b"\t", b"+31", b"\xe9", b"\xc3", b'""']


def physical_lines(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") + 1


def check_result(data: bytes, **options: object) -> None:
    """Either a typed format error, or a ParsedSource that keeps its promises."""
    try:
        parsed = parse_contacts_csv(data, "fuzz.csv", **options)  # type: ignore[arg-type]
    except ImportFormatError as error:
        assert error.file == "fuzz.csv"
        return
    keys = [person.key for person in parsed.persons]
    assert len(keys) == len(set(keys))
    lines = [person.line for person in parsed.persons]
    assert lines == sorted(set(lines))
    for line in [*lines, *(warning.line for warning in parsed.warnings)]:
        assert 1 <= line <= physical_lines(data)
    assert all(person.name for person in parsed.persons)


@st.composite
def mutated_google(draw: st.DrawFn) -> bytes:
    data = bytearray(GOOGLE_BYTES)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "repeat"]))
        if operation == "insert":
            chunk = draw(st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=6)))
            data[at:at] = chunk
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif operation == "replace":
            data[at : at + 1] = bytes([draw(st.integers(0, 255))])
        elif operation == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 80))]
    return bytes(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise_anything_but_a_format_error(data):
    check_result(data)


@settings(max_examples=300, deadline=None)
@given(mutated_google())
def test_mutated_google_csv_never_raises_anything_but_a_format_error(data):
    check_result(data)


@settings(max_examples=300, deadline=None)
@given(mutated_google(), st.sampled_from(FORMATS))
def test_mutated_google_csv_with_any_format_or_mapping(data, format_name):
    mapping = {"name": "First Name", "email": "E-mail 1 - Value|E-mail 2 - Value"}
    check_result(data, format=format_name, mapping=mapping)


NOTE_TEXT = st.text(alphabet='ab ,;"\n:*', max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(NOTE_TEXT, min_size=1, max_size=6), st.sampled_from([",", ";"]))
def test_line_numbers_follow_multi_line_notes(notes, delimiter):
    rows = [["First Name", "Notes", "E-mail 1 - Value"]]
    rows += [[f"P{index}", note, f"p{index}@example.nl"] for index, note in enumerate(notes)]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    parsed = parse_contacts_csv(out.getvalue().encode("utf-8"), "notes.csv")
    expected_lines = []
    line = 2
    for note in notes:
        expected_lines.append(line)
        line += note.count("\n") + 1
    assert [person.line for person in parsed.persons] == expected_lines
    assert [person.note for person in parsed.persons] == [note.strip() or None for note in notes]
