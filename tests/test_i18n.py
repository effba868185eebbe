import string

from tiewise.i18n import MESSAGES, text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, (english, dutch) in MESSAGES.items():
        assert english and dutch, key
        assert _fields(english) == _fields(dutch), key


def test_text_formats_in_the_chosen_language():
    assert text("contact.added", "nl", name="Anouk", id=3) == "Contact Anouk toegevoegd (id 3)."
    assert text("contact.added", "en", name="Anouk", id=3) == "Added contact Anouk (id 3)."
