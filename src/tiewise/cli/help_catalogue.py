"""Every text of the command line's ``--help``, and the Dutch catalogue that holds them
(``tiewise/catalogues/nl/LC_MESSAGES/cli.po``, domain ``cli``; the msgid is the English text).

The texts are found by building every command of every registration (``tiewise.cli``): each
command's help and short help, every option's and argument's help, the texts the root's listing
shows before a command is built, and the fixed words and the forms of the error messages of
click and Typer that ``tiewise.cli.help_language`` translates.

After a help text changes, refresh the catalogue::

    python -m tiewise.cli.help_catalogue           # new texts in, texts no longer used out
    (translate the entries with an empty msgstr in cli.po)
    python -m tiewise.catalogues                   # compile cli.po to cli.mo
    python -m tiewise.cli.help_catalogue --check   # exit status 1, listing any text not in Dutch

The refresh keeps every translation still in use, and writes above each entry where the text is
shown (``tiewise contact add --org``).
"""

from __future__ import annotations

import sys
from io import BytesIO
from typing import Any

import typer.main

from tiewise.catalogues import path_of


def _where(param: Any) -> str:
    if param.param_type_name == "option":
        return param.opts[0]
    return str(param.name).upper()


def _collect(command: Any, path: str, found: dict[str, list[str]]) -> None:
    for name in ("help", "short_help"):
        text = getattr(command, name, None)
        if text:
            found.setdefault(text, []).append(path)
    for param in command.params:
        if getattr(param, "help", None):
            found.setdefault(param.help, []).append(f"{path} {_where(param)}")
    for name, sub in getattr(command, "commands", {}).items():
        _collect(sub, f"{path} {name}", found)


def help_texts() -> dict[str, list[str]]:
    """Every English text ``--help`` shows → where it is shown, in the order of the help."""
    from tiewise.cli import app
    from tiewise.cli.base import _info_name, _listed
    from tiewise.cli.help_language import ERROR_WORDS, FIXED_WORDS, GETTEXT_WORDS

    found: dict[str, list[str]] = {}
    _collect(typer.main.get_command(app), "tiewise", found)
    for info in [*app.registered_commands, *app.registered_groups]:
        listed = _listed(info)  # the root's listing, before the command is built
        if listed.help:
            found.setdefault(listed.help, []).append(f"tiewise --help: {_info_name(info)}")
    for word in (*FIXED_WORDS, *GETTEXT_WORDS, *ERROR_WORDS):
        found.setdefault(word, []).append("click/Typer")
    return found


def _read(language: str) -> Any:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = path_of("cli", language, ".po")
    if not path.exists():
        return Catalog(locale="nl_NL", domain="cli", project="tiewise")
    with path.open("rb") as source:
        return read_po(source, locale=language, domain="cli")


def untranslated(language: str = "nl") -> list[str]:
    """The help texts without a text in ``language`` in its ``cli.po`` (fuzzy counts as none)."""
    catalog = _read(language)
    missing = []
    for text in help_texts():
        message = catalog.get(text)
        if message is None or message.fuzzy or not message.string:
            missing.append(text)
    return missing


def refreshed(language: str = "nl") -> bytes:
    """``cli.po`` of ``language`` with exactly the current help texts: the translations still in
    use kept, new texts with an empty msgstr."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    before = _read(language)
    catalog = Catalog(
        locale=before.locale or "nl_NL",
        domain="cli",
        project="tiewise",
        creation_date=before.creation_date,
        revision_date=before.revision_date,
        fuzzy=False,
    )
    for text, places in help_texts().items():
        old = before.get(text)
        shown = places[:3] + ([f"… and {len(places) - 3} more"] if len(places) > 3 else [])
        catalog.add(
            text,
            old.string if old is not None else "",
            auto_comments=shown,
            flags=old.flags if old is not None else (),
        )
    out = BytesIO()
    write_po(out, catalog, width=96, sort_output=False, ignore_obsolete=True)
    return out.getvalue()


def main(arguments: list[str]) -> int:
    if "--check" in arguments:
        missing = untranslated()
        for text in missing:
            print(f"not in Dutch: {text!r}", file=sys.stderr)
        return 1 if missing else 0
    path = path_of("cli", "nl", ".po")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(refreshed())
    missing = untranslated()
    print(f"{path}: {len(help_texts())} texts, {len(missing)} without Dutch")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
