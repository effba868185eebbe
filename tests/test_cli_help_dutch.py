"""The command line's ``--help`` in Dutch (gettext domain ``cli``, ``tiewise.cli.help_language``):
every help text has its Dutch, every way of asking for Dutch gets it — click's and Typer's own
words included — and English is as Typer and click write it, also after a Dutch run in the same
process."""

from __future__ import annotations

import gettext
import os
import re
import string
import subprocess
import sys

import pytest
import typer.core
import typer.main
from babel.messages.pofile import read_po
from typer._click import Context
from typer._click.exceptions import ClickException, UsageError
from typer.testing import CliRunner

from tiewise.catalogues import path_of
from tiewise.cli import app, root_command
from tiewise.cli.help_catalogue import help_texts, untranslated
from tiewise.cli.help_language import translated

#: Words that show English is left in a help meant to be Dutch.
ENGLISH = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Show this message and exit|env var|required|"
    r"default|Try|Error|Print|Show|Only|Write|Compute)\b"
)


def _run(*arguments: str, env: dict[str, str] | None = None, code: int = 0) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "TIEWISE_LANG"}
    environment |= {"COLUMNS": "80", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "tiewise", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == code, result.stderr
    return result.stdout + result.stderr


def _flat(text: str) -> str:
    return " ".join(text.split())


def _dutch_catalogue() -> dict[str, str]:
    with path_of("cli", "nl", ".po").open("rb") as source:
        return {m.id: ("" if m.fuzzy else m.string) for m in read_po(source) if m.id}


def test_every_help_text_of_every_command_has_its_dutch_in_cli_po():
    texts = help_texts()
    assert len(texts) >= 250  # 222 help texts of 50 commands, click's and Typer's words
    assert "tiewise contact add --org" in texts["Organisation."]
    assert "tiewise contact add" in texts["Add a contact by hand."]
    assert "tiewise study instruments" in " ".join(
        texts[next(t for t in texts if t.startswith("The survey instruments"))]
    )
    dutch = _dutch_catalogue()
    missing = [text for text in texts if not dutch.get(text)]
    assert missing == [], "no Dutch in cli.po (python -m tiewise.cli.help_catalogue):\n" + (
        "\n".join(missing)
    )
    assert untranslated() == []
    assert dutch["Add a contact by hand."] == "Voeg met de hand een contact toe."


def test_the_dutch_keeps_every_placeholder_and_every_option_named():
    def fields(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}

    wrong = []
    for english, dutch in _dutch_catalogue().items():
        if "{" in english and fields(english) != fields(dutch):
            wrong.append(f"placeholders: {english!r} → {dutch!r}")
        options = set(re.findall(r"--[a-z][a-z-]*", english))
        if not options <= set(re.findall(r"--[a-z][a-z-]*", dutch)):
            wrong.append(f"options: {english!r} → {dutch!r}")
    assert wrong == []


@pytest.mark.parametrize(
    ("arguments", "env", "expected"),
    [
        (
            ["--lang", "nl", "--help"],
            None,
            [
                "Gebruik: tiewise [OPTIES] OPDRACHT [ARGUMENTEN]...",
                "tiewise — doelgericht, selectief netwerken: in wie je investeert",
                "--db <str> Databasebestand of SQLAlchemy-URL. [omgevingsvariabele: TIEWISE_DB]",
                "[omgevingsvariabele: TIEWISE_LANG; standaard: en]",
                "--help Toon deze hulp en stop.",
                "Opdrachten: demo Bouw het demonetwerk",
                "contact Eén contact tonen, toevoegen of wijzigen.",
            ],
        ),
        (
            ["contacts", "--help"],
            {"TIEWISE_LANG": "nl"},
            [
                "Gebruik: tiewise contacts [OPTIES]",
                "Toon je contacten met de sterkte van de band en de contactmomenten",
                "--tag <str> Alleen contacten met dit label.",
                "--json Geef de uitvoer als JSON.",
                "--help Toon deze hulp en stop.",
            ],
        ),
        (
            ["--lang=nl", "contacts", "--help"],
            None,
            ["Gebruik: tiewise contacts [OPTIES]", "Opties: -s, --search <str> Alleen contacten"],
        ),
        (
            ["--lang", "nl", "contact", "add", "--help"],
            None,
            [
                "Gebruik: tiewise contact add [OPTIES] {name}",
                "Voeg met de hand een contact toe.",
                "Argumenten: name Volledige naam. [verplicht]",
                "--birthday <str> Verjaardag: JJJJ-MM-DD, of --MM-DD zonder jaar.",
            ],
        ),
    ],
)
def test_help_is_dutch_however_dutch_is_asked_for(arguments, env, expected):
    shown = _run(*arguments, env=env)
    for words in expected:
        assert words in _flat(shown)
    assert ENGLISH.findall(shown) == []


def test_a_usage_error_is_dutch_too():
    shown = _run("--lang", "nl", "contact", "add", "Ann", "--closeness", "9", code=2)
    assert shown.splitlines() == [
        "Gebruik: tiewise contact add [OPTIES] {name}",
        "Probeer 'tiewise contact add --help' voor hulp.",
        "",
        "Fout: Ongeldige waarde voor '--closeness': 9 valt buiten het bereik 1<=x<=5.",
    ]
    assert "Fout: Onbekende opdracht 'ad'. Bedoelde je 'add'?" in _run(
        "--lang", "nl", "contact", "ad", code=2
    )


def test_click_messages_are_read_back_into_their_form():
    assert translated("Invalid value for '--x': 'y' is not a valid integer.") == (
        "Ongeldige waarde voor '--x': 'y' is geen geheel getal."
    )
    assert translated("No such option: --bogus (Possible options: --org)") == (
        "Onbekende optie: --bogus (mogelijke opties: --org)"
    )
    assert translated("Missing argument 'NAME'.") == "Argument 'NAME' ontbreekt."
    assert translated("something click never says") == "something click never says"


def _english_help(*path: str) -> str:
    """The help click itself writes for a command of the fully built app, with no language
    handling of tiewise in between."""
    command = typer.main.get_command(app)
    ctx = Context(command, info_name="tiewise")
    for name in path:
        command = command.commands[name]
        ctx = Context(command, info_name=name, parent=ctx)
    return command.get_help(ctx) + "\n"


def test_english_help_is_the_help_click_writes(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    contacts = _run("contacts", "--help")
    assert contacts == _english_help("contacts")
    assert contacts.startswith("Usage: tiewise contacts [OPTIONS]\n")
    assert "  --help              Show this message and exit.\n" in contacts
    adding = _run("--lang", "en", "contact", "add", "--help")
    assert adding == _english_help("contact", "add")
    assert "Arguments:\n  name  Full name.  [required]\n" in adding
    root = _run("--help")
    assert "[env var: TIEWISE_LANG; default: en]" in _flat(root)
    assert "  contact        Show, add and edit one contact.\n" in root


def test_english_help_loads_no_translation():
    """Start-up: the Dutch help's module (and with it the ``cli`` catalogue) is loaded only
    for Dutch."""
    code = (
        "import sys\n"
        "from tiewise.cli import root_command\n"
        "try:\n"
        "    root_command()(['contacts', '--help'], prog_name='tiewise')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('tiewise.cli.help_language' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TIEWISE_LANG"}
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert shown.splitlines()[-1] == "False"


def test_a_dutch_run_leaves_english_as_it_was_in_the_same_process(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("TIEWISE_LANG", raising=False)
    runner = CliRunner()
    before = runner.invoke(app, ["contact", "add", "--help"]).output
    dutch = runner.invoke(app, ["--lang", "nl", "contact", "add", "--help"]).output
    assert "Toon deze hulp en stop." in dutch and "Usage" not in dutch
    assert runner.invoke(app, ["contact", "add", "--help"]).output == before
    assert runner.invoke(app, ["contact", "add", "--help"], env={"TIEWISE_LANG": "nl"}).output == (
        dutch
    )

    root = root_command()  # one root, run twice: in Dutch, then in English
    for arguments in (["--lang", "nl", "contact", "--help"], ["contact", "--help"]):
        assert root(arguments, prog_name="tiewise", standalone_mode=False) == 0
    shown = capsys.readouterr().out
    first, second = shown.split("Usage:")
    assert first.startswith("Gebruik: tiewise contact [OPTIES]")
    assert "Voeg met de hand een contact toe." in first
    assert "Add a contact by hand." in second and "Toon" not in second
    assert typer.core._ is gettext.gettext
    assert vars(UsageError)["show"].__qualname__ == "UsageError.show"
    assert vars(ClickException)["show"].__qualname__ == "ClickException.show"
    assert Context.formatter_class.__module__ == "typer._click.formatting"
    assert root.dutch is None and root.commands["contact"].context_class is Context
