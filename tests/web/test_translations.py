"""Dutch and English in the web app: a Dutch text for every label, numbers and dates by language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import tiewise.web
from tiewise.catalogues import path_of
from tiewise.web.translations import day, number, translations

TEMPLATES = Path(tiewise.web.__file__).parent / "templates"


def template_messages() -> set[str]:
    found = extract_from_dir(
        str(TEMPLATES),
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    return {m if isinstance(m, str) else m[0] for _, _, m, _, _ in found}


def test_every_label_of_every_template_has_a_dutch_translation():
    with path_of("web", "nl", ".po").open("rb") as source:
        catalog = read_po(source)
    # a plural message is keyed by its singular and needs every Dutch form
    dutch = {
        (m.id[0] if m.pluralizable else m.id): (all(m.string) if m.pluralizable else m.string)
        for m in catalog
        if m.id
    }
    missing = sorted(m for m in template_messages() if not dutch.get(m))
    assert missing == []
    assert len(template_messages()) > 100


def test_the_catalogue_translates_and_keeps_placeholders():
    nl = translations("nl")
    assert nl.gettext("Contacts") == "Contacten"
    assert nl.gettext("%(count)s contacts") % {"count": 3} == "3 contacten"
    assert translations("en").gettext("Contacts") == "Contacts"


def test_numbers_and_dates_follow_the_language():
    assert number(1234.5, 1, "nl") == "1.234,5"
    assert number(1234.5, 1, "en") == "1,234.5"
    assert number(None) == "—"
    assert day(date(2026, 11, 23), "nl") == "23 nov 2026"
    assert day(date(2026, 11, 23), "en") == "23 Nov 2026"


def test_values_shown_as_words_read_as_english_words():
    en = translations("en")
    assert en.gettext("habitual_low_yield") == "habitual low yield"
    assert en.gettext("try_once") == "try once"
    assert en.gettext("let_go") == "let go"
    assert translations("nl").gettext("try_once") == "één keer proberen"
