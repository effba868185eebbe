from tiewise.identifiers import identifier, normalise_email, normalise_phone, normalise_profile_url
from tiewise.model import IdentifierKind


def test_email_is_lower_cased_and_stripped_of_mailto():
    assert normalise_email("  MAILTO:Anouk.deVries@Example.NL ") == "anouk.devries@example.nl"
    assert normalise_email("not an address") is None


def test_dutch_phone_numbers_become_e164():
    assert normalise_phone("06 12 34 56 78") == "+31612345678"
    assert normalise_phone("+31 (0)24 123 4567") == "+31241234567"
    assert normalise_phone("tel:+31-6-12345678") == "+31612345678"
    assert normalise_phone("0049 30 1234567") == "+49301234567"


def test_profile_urls_lose_scheme_www_query_and_trailing_slash():
    expected = "linkedin.com/in/anouk-de-vries"
    assert normalise_profile_url("https://www.linkedin.com/in/Anouk-de-Vries/") == expected
    assert normalise_profile_url("www.linkedin.com/in/anouk-de-vries?trk=x") == expected
    assert normalise_profile_url("") is None


def test_identifier_returns_none_for_invalid_values():
    assert identifier(IdentifierKind.EMAIL, "nope") is None
    found = identifier(IdentifierKind.EMAIL, "A@B.nl")
    assert found is not None and found.value == "a@b.nl"


def test_country_mobile_and_renamed_hosts_are_folded():
    assert normalise_profile_url("https://nl.linkedin.com/in/Anouk/") == "linkedin.com/in/anouk"
    assert normalise_profile_url("m.facebook.com/anouk.devries") == "facebook.com/anouk.devries"
    assert normalise_profile_url("https://twitter.com/anouk") == "x.com/anouk"
    assert normalise_profile_url("http://[broken") is None


def test_person_profiles_are_cut_to_the_profile_and_pages_refused():
    from tiewise.identifiers import person_profile

    found = person_profile("https://www.linkedin.com/in/anouk-de-vries/details/skills/")
    assert found is not None and found.value == "linkedin.com/in/anouk-de-vries"
    assert person_profile("https://www.linkedin.com/company/radboudumc") is None
    assert person_profile("https://facebook.com/groups/nijmegen") is None
    assert person_profile("https://facebook.com/profile.php?id=123") is None
    assert person_profile("https://mobile.twitter.com/anouk/status/1").value == "x.com/anouk"
    assert person_profile("https://studiowit.nl/team/eva") is None
