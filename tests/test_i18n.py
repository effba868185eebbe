import ast
import re
import string
from pathlib import Path

import tiewise.i18n
from tiewise.advice.reasons import Reason
from tiewise.i18n import MESSAGES, plural, text
from tiewise.i18n_reminders import REMINDER_MESSAGES
from tiewise.i18n_report import REPORT_MESSAGES


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, (english, dutch) in MESSAGES.items():
        assert english and dutch, key
        assert _fields(english) == _fields(dutch), key


def test_text_formats_in_the_chosen_language():
    assert text("contact.added", "nl", name="Anouk", id=3) == "Contact Anouk toegevoegd (id 3)."
    assert text("contact.added", "en", name="Anouk", id=3) == "Added contact Anouk (id 3)."


def test_every_plural_message_has_its_singular_and_plural_form():
    forms = {key.rsplit(".", 1)[0] for key in MESSAGES if key.endswith(".one")}
    forms |= {key.rsplit(".", 1)[0] for key in REPORT_MESSAGES if key.endswith(".other")}
    assert len(forms) >= 10
    for base in forms:
        assert f"{base}.one" in MESSAGES and f"{base}.other" in MESSAGES, base
        assert base not in MESSAGES, base  # the bare key would be a second, unused text


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


def test_the_report_messages_add_keys_and_replace_none():
    """``i18n_report`` is merged into ``MESSAGES`` like ``i18n_reminders``: a key in two
    catalogues would silently replace one text with the other."""
    tree = ast.parse(Path(tiewise.i18n.__file__).read_text(encoding="utf-8"))
    (catalogue,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "MESSAGES"
    ]
    main = {key.value for key in catalogue.keys}  # type: ignore[union-attr]
    assert main and not main & set(REPORT_MESSAGES)
    assert not set(REMINDER_MESSAGES) & set(REPORT_MESSAGES)
    assert all(MESSAGES[key] == value for key, value in REPORT_MESSAGES.items())


def test_the_report_says_je_not_uw_in_dutch():
    dutch = " ".join(nl for _, nl in REPORT_MESSAGES.values()).lower()
    assert not re.search(r"\b(uw|u)\b", dutch)
