"""Messages by id in both languages (``tiewise.i18n`` over the ``tiewise`` catalogue); the
catalogues themselves are held complete by tests/test_catalogues.py."""

from tiewise.advice.reasons import Reason
from tiewise.i18n import number, plural, text


def test_text_formats_in_the_chosen_language_with_dutch_numbers():
    assert text("contact.added", "nl", name="Anouk", id=3) == "Contact Anouk toegevoegd (id 3)."
    assert text("contact.added", "en", name="Anouk", id=3) == "Added contact Anouk (id 3)."
    assert number(1234.5, 1, "nl") == "1.234,5"
    assert plural("events.outcomes", 10, "nl", outcomes=10, value=21100).endswith("€ 21.100 waard")
    assert number(None, 1, "en") == "—"


def test_plural_picks_the_singular_for_exactly_one():
    assert plural("unit.days", 1, "nl") == "1 dag"
    assert plural("unit.days", 0, "nl") == "0 dagen"
    assert plural("unit.days", 2, "en") == "2 days"
    assert plural("unit.every_days", 1, "en") == "every day"
    assert Reason("portfolio.silent", {"days": 1}).render("nl") == "laatste contact 1 dag geleden"
    assert Reason("events.outcomes", {"outcomes": 1, "value": 300}).render("en") == (
        "1 outcome worth €300"
    )
    assert Reason("events.outcomes", {"outcomes": 0.33, "value": 100}).render("en") == (
        "0.33 outcomes worth €100 in total"
    )
