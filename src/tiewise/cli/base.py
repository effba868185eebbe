"""What every command of the ``tiewise`` command line shares: the Typer app (whose root group
turns a :class:`~tiewise.errors.TiewiseError` into one line on stderr and exit status 2), the
global options and state (the database, the language), the consoles, and small helpers (JSON
output, dates, finding a contact, the Profile). The command modules import this module;
``tiewise/cli/__init__.py`` imports them.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from tiewise import model
from tiewise.errors import InputError, TiewiseError, UserError
from tiewise.i18n import LANGUAGES, text
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.database import default_database

if TYPE_CHECKING:
    from tiewise.snapshot import Snapshot

error_console = Console(stderr=True, markup=False)  # names and paths print as they are


class _Group(TyperGroup):
    """The root command group: a TiewiseError becomes one line on stderr and exit status 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TiewiseError as error:
            language = ctx.obj.language if isinstance(ctx.obj, State) else "en"
            error_console.print(
                f"{text('error', language)}: {_said(error, language)}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(2) from error


def _said(error: TiewiseError, language: str) -> str:
    """The error in the user's language: in English as raised (with the option at fault); in
    Dutch from its message key where it has one, after the field it names."""
    if language == "en" or not isinstance(error, UserError) or error.key is None:
        return str(error)
    said = error.message(language)
    return f"{error.field}: {said}" if error.field else said


@dataclass
class State:
    db: str
    language: str
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.db)
        return self._store

    def t(self, key: str, **values: object) -> str:
        return text(key, self.language, **values)


app = typer.Typer(
    cls=_Group,
    help="tiewise — goal-driven, selective networking: whom to invest in, whom to let go, "
    "which events to skip.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

console = Console(markup=False)  # names from imports may hold [brackets]; style with Text


def _state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="TIEWISE_DB", help="Database file or SQLAlchemy URL."),
    ] = None,
    lang: Annotated[
        str,
        typer.Option("--lang", envvar="TIEWISE_LANG", help="Language of the output: en or nl."),
    ] = "en",
) -> None:
    if lang not in LANGUAGES:
        raise typer.BadParameter(
            f"expected one of {', '.join(LANGUAGES)}, found {lang!r}", param_hint="--lang"
        )
    ctx.obj = State(db=db or os.fspath(default_database()), language=lang)
    ctx.call_on_close(lambda: ctx.obj._store.close() if ctx.obj._store else None)


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _snapshot(state: State) -> Snapshot:
    """The user's Snapshot, then frozen out of the garbage collector's sight: a command is a
    short-lived process that keeps the Snapshot to the end, and rescanning its several hundred
    thousand records at every later collection cost 0.1–0.3 s per command at 35,000 contacts."""
    from tiewise.snapshot import load_snapshot  # NumPy and SciPy: only for commands that analyse

    snapshot = load_snapshot(state.store)
    gc.freeze()
    return snapshot


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise InputError(f"{option}: expected a date YYYY-MM-DD, found {value!r}") from error


Today = Annotated[str | None, typer.Option(help="Compute as of this date (YYYY-MM-DD).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def find_contact(state: State, name: str) -> model.Contact:
    """The one contact a user means by ``name`` (see ``repository.find_contact``)."""
    with state.store.connect() as connection:
        return repo.find_contact(connection, name)


def _profile(state: State, today: str | None) -> Any:
    from tiewise.analysis.profile import analyze

    return analyze(_snapshot(state), _parse_date(today, "--today") or date.today())
