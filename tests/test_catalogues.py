"""The gettext catalogues (``tiewise.catalogues``): complete in Dutch, plurals in both forms,
compiled files equal to their sources, one term per concept (``glossary.csv``), "je" throughout,
and no message id ever shown."""

from __future__ import annotations

import ast
import csv
import gettext
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import tiewise
import tiewise.catalogues as catalogues
from tiewise.catalogues import DOMAINS, FOLDER, LANGUAGES, catalogue, path_of
from tiewise.catalogues.__main__ import compiled, sources
from tiewise.i18n import plural, text

SOURCE = Path(tiewise.__file__).parent


def entries(domain: str, language: str) -> dict[str, tuple[str, ...]]:
    """msgid → its text(s): one for a plain message, every form for a plural one."""
    path = path_of(domain, language, ".po")
    if not path.exists():
        return {}
    with path.open("rb") as source:
        catalog = read_po(source)
    found = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if message.pluralizable else message.id
        said = message.string if message.pluralizable else (message.string,)
        found[key] = tuple("" if message.fuzzy else s for s in said)
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_compiled_catalogue_equals_its_source():
    """``python -m tiewise.catalogues`` was run after the last change to a ``.po``."""
    assert {("tiewise", "en"), ("tiewise", "nl"), ("web", "nl")} <= set(sources())
    stale = [
        f"{domain}/{language}"
        for domain, language in sources()
        if path_of(domain, language).read_bytes() != compiled(domain, language)
    ]
    assert stale == []


def test_every_message_has_a_dutch_text_with_the_same_placeholders_and_every_plural_both_forms():
    english, dutch = entries("tiewise", "en"), entries("tiewise", "nl")
    assert len(english) > 800
    assert set(dutch) == set(english)
    problems = []
    for key, forms in english.items():
        theirs = dutch[key]
        if len(forms) != len(theirs) or not all(forms) or not all(theirs):
            problems.append(f"{key}: a text or a plural form is missing")
        elif {frozenset(_fields(f)) for f in forms} != {frozenset(_fields(f)) for f in theirs}:
            problems.append(f"{key}: placeholders differ")
    assert problems == []
    plurals = [key for key, forms in english.items() if len(forms) == 2]
    assert len(plurals) >= 18


def test_every_message_id_the_code_uses_is_in_the_catalogue_in_its_kind():
    """Every ``text("…")`` names a plain message and every ``plural("…", n)`` a plural one, so
    no page or report can show an id or raise in front of the user."""
    english = entries("tiewise", "en")
    wrong = []
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.asname or alias.name: alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "tiewise.i18n"
            for alias in node.names
            if alias.name in {"text", "plural"}
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Name)):
                continue
            kind, first = imported.get(node.func.id), node.args[0]
            if kind is None or not isinstance(first, ast.Constant):
                continue
            forms = english.get(first.value)
            if forms is None or (len(forms) == 2) != (kind == "plural"):
                wrong.append(f"{path.relative_to(SOURCE)}:{node.lineno} {kind}({first.value!r})")
    assert not wrong, "\n".join(wrong)


def test_plural_and_text_in_both_languages():
    assert plural("unit.days", 1, "nl") == "1 dag"
    assert plural("unit.days", 0, "nl") == "0 dagen"
    assert plural("unit.days", 2, "en") == "2 days"
    assert plural("unit.endorsements", 2, "nl") == "2 bevestigingen"
    assert text("contact.added", "nl", name="Anouk", id=3) == "Contact Anouk toegevoegd (id 3)."
    with pytest.raises(KeyError):
        text("no.such.message", "en")


def test_a_missing_dutch_text_falls_back_to_english_not_to_the_id(tmp_path, monkeypatch):
    for language, said in (("en", "Contacts"), ("nl", "")):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "tiewise.po").write_text(
            'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
            f'msgid "page.contacts"\nmsgstr "{said}"\n',
            encoding="utf-8",
        )
    monkeypatch.setattr(catalogues, "FOLDER", tmp_path)
    catalogue.cache_clear()
    try:
        for language in LANGUAGES:
            path_of("tiewise", language).write_bytes(compiled("tiewise", language))
        assert catalogue("tiewise", "nl").gettext("page.contacts") == "Contacts"
        assert catalogue("tiewise", "fr").gettext("page.contacts") == "Contacts"
    finally:
        monkeypatch.undo()  # the real folder again before anything is cached from it
        catalogue.cache_clear()
    assert isinstance(catalogue("tiewise", "nl"), gettext.GNUTranslations)
    assert text("contact.added", "en", name="A", id=1) == "Added contact A (id 1)."


def _texts(language: str) -> list[tuple[str, str]]:
    """(domain/msgid, text) of every catalogue in ``language``; for English, the msgids of the
    domains whose msgid is the English text too."""
    found = []
    for domain in DOMAINS:
        for key, forms in entries(domain, language).items():
            found += [(f"{domain}/{key}", said) for said in forms if said]
            if language == "en" and domain != "tiewise":
                found.append((f"{domain}/{key}", key))
        if language == "en" and domain != "tiewise":
            found += [(f"{domain}/{key}", key) for key in entries(domain, "nl")]
    return found


def _glossary() -> list[dict[str, str]]:
    with (FOLDER / "glossary.csv").open(encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


def _words(variants: str) -> re.Pattern[str] | None:
    names = [v for v in variants.split("|") if v]
    if not names:
        return None
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b", re.I)


def test_one_term_per_concept_as_the_glossary_lists_it():
    """``catalogues/glossary.csv``: for each concept the term in each language, and the variants
    a text must not use ("resultaten" beside "opbrengsten", "onderschrijving" where LinkedIn
    says "bevestiging", "u"/"uw" where tiewise says "je"). Each listed term is in use."""
    glossary = _glossary()
    assert len(glossary) >= 12
    texts = {language: _texts(language) for language in LANGUAGES}
    offending = []
    for row in glossary:
        for language in LANGUAGES:
            avoid = _words(row[f"avoid_{language}"])
            if avoid is not None:
                offending += [
                    f"{where}: {avoid.search(said).group(0)!r} ({row['concept']}: say "
                    f"{row[language]!r})"
                    for where, said in texts[language]
                    if avoid.search(said)
                ]
            used = _words(row[language])
            assert any(used.search(said) for _, said in texts[language]), (row, language)
    assert not offending, "\n".join(offending)


def test_the_dutch_says_je_never_u_or_uw():
    formal = re.compile(r"\b(u|uw)\b", re.I)
    found = [f"{where}: {said}" for where, said in _texts("nl") if formal.search(said)]
    assert not found, "\n".join(found)
