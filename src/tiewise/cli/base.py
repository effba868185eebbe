"""What every command of the ``tiewise`` command line shares: the Typer app (whose root group
turns a :class:`~tiewise.errors.TiewiseError` into one line on stderr and exit status 2), the
global options and state (the database, the language), the consoles, and small helpers (JSON
output, dates, finding a contact, the Profile). The command modules import this module;
``tiewise/cli/__init__.py`` imports them.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from typer.core import TyperGroup

from tiewise import model
from tiewise.errors import InputError, TiewiseError, UserError
from tiewise.i18n import LANGUAGES, text
from tiewise.paths import default_database

if TYPE_CHECKING:
    from tiewise.snapshot import Snapshot
    from tiewise.store import Store

error_console = Console(stderr=True, markup=False)  # names and paths print as they are


#: Text parameters that may hold several lines (tab, line feed and carriage return allowed).
MULTI_LINE_PARAMETERS = frozenset({"note", "note_text", "text", "description", "story"})


def _refuse_control_characters(command: Any) -> None:
    """Every text parameter of ``command`` (and of its subcommands) refuses control characters
    (``tiewise.hygiene``): the value is checked as it is parsed, before the command runs, so
    no command can store a NUL whichever argument it comes in."""
    if getattr(command, "_tiewise_text_checked", False):
        return
    command._tiewise_text_checked = True  # type: ignore[attr-defined]
    for param in command.params:  # text is checked by value: paths, numbers, flags pass
        param.callback = _text_checked(param, param.callback)
    for sub in getattr(command, "commands", {}).values():
        _refuse_control_characters(sub)


def _text_checked(param: Any, callback: Any) -> Any:
    from tiewise.hygiene import check_text

    if param.param_type_name == "option":
        shown = param.opts[0]
    else:
        shown = getattr(param, "metavar", None) or str(param.name).upper()
    multiline = param.name in MULTI_LINE_PARAMETERS

    def checked(ctx: Any, parameter: Any, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str):
                check_text(item, shown, multiline=multiline)
        return callback(ctx, parameter, value) if callback is not None else value

    return checked


class _Group(TyperGroup):
    """The root command group: a TiewiseError becomes one line on stderr and exit status 2;
    every text argument of every command refuses control characters."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _refuse_control_characters(command)
        return command

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TiewiseError as error:
            _fail(ctx, error)
        except OSError as error:  # a full disk, a read-only folder … writing an output file
            said = _os_error(error)
            if said is None:
                raise
            _fail(ctx, said, error)


def _fail(ctx: Any, error: TiewiseError, cause: BaseException | None = None) -> NoReturn:
    language = ctx.obj.language if isinstance(ctx.obj, State) else "en"
    error_console.print(
        f"{text('error', language)}: {_said(error, language)}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(2) from (cause or error)


def _os_error(error: OSError) -> TiewiseError | None:
    """One line for what the machine refused (no room, no permission), else None."""
    from tiewise.errors import StoreError
    from tiewise.store.failures import translated

    where = os.fsdecode(error.filename) if error.filename is not None else "output"
    if error.errno in (errno.EACCES, errno.EPERM):
        return StoreError(where, "permission to write", error.strerror or str(error))
    return translated(error, where)


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
            from tiewise.store import Store  # SQLAlchemy: only for commands that open the data

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
    from tiewise.store import repository as repo

    with state.store.connect() as connection:
        return repo.find_contact(connection, name)


def _profile(state: State, today: str | None) -> Any:
    from tiewise.analysis.profile import analyze

    return analyze(_snapshot(state), _parse_date(today, "--today") or date.today())
