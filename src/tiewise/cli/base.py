"""What every command of the ``tiewise`` command line shares: the Typer app (whose root group
turns a :class:`~tiewise.errors.TiewiseError` into one line on stderr and exit status 2), the
global options and state (the database, the language), the consoles, and small helpers (JSON
output, dates, finding a contact, the Profile). The command modules import this module;
``tiewise/cli/__init__.py`` imports them.
"""

from __future__ import annotations

import copy
import errno
import gc
import inspect
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
import typer.core
import typer.main
import typer.models
from rich.console import Console
from typer.core import TyperGroup

from tiewise import model
from tiewise.errors import InputError, TiewiseError
from tiewise.i18n import LANGUAGES, plural, text
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
    every text argument of every command refuses control characters.

    Built by :func:`root_command`, it builds a command only when it is run: Typer reads every
    parameter's annotations to build a command (about 2 ms each), and ``tiewise --help`` lists
    the commands from their registrations alone."""

    #: While a command runs in Dutch, what translates its help (``help_language.Dutch``).
    dutch: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending: dict[str, Any] = {}  # name → Typer's CommandInfo or TyperInfo, unbuilt
        self._listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.commands, *(name for name in self.pending if name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.pending:
            if self._listing:
                return self._in_language(_listed(self.pending[cmd_name]))
            self.commands[cmd_name] = _built(self.pending.pop(cmd_name))
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _refuse_control_characters(command)
        return self._in_language(command)

    def _in_language(self, command: Any) -> Any:
        return command if self.dutch is None else self.dutch.command(command)

    def main(self, args: Any = None, *rest: Any, **extra: Any) -> Any:
        """Run the command line; in Dutch, every help text and click's words with it (see
        ``tiewise.cli.help_language``, imported only then)."""
        if _language_asked(sys.argv[1:] if args is None else args) != "nl":
            return super().main(args, *rest, **extra)
        from tiewise.cli.help_language import in_dutch

        with in_dutch(self):
            return super().main(args, *rest, **extra)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

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


def _language_asked(arguments: Any) -> str:
    """The language asked for: the root's ``--lang`` (the last one given), else the variable
    TIEWISE_LANG, else English. Read before click parses the arguments, since ``--help`` is
    printed while they are parsed, before ``--lang`` has its value."""
    found = os.environ.get("TIEWISE_LANG") or "en"
    words = iter(arguments)
    for word in words:
        if word == "--lang":
            found = next(words, found)
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
        elif word == "--db":
            next(words, None)
        elif word == "--" or not word.startswith("-"):
            break  # the command: what follows are its arguments
    return _spoken(found)


def _spoken(asked: str) -> str:
    """The language to speak when ``asked`` for: itself when tiewise speaks it, else the one its
    first two letters name (``NL``, ``nl_BE``), else that of TIEWISE_LANG, else English — so
    that a ``--lang`` tiewise does not speak is refused in the language the user reads."""
    if asked in LANGUAGES:
        return asked
    if asked[:2].casefold() in LANGUAGES:
        return asked[:2].casefold()
    variable = os.environ.get("TIEWISE_LANG", "")
    return variable if variable in LANGUAGES else "en"


def _info_name(info: Any) -> str:
    """The name a registration (Typer's CommandInfo or TyperInfo) is called by."""
    if isinstance(info, typer.models.CommandInfo):
        return info.name or typer.main.get_command_name(info.callback.__name__)
    return str(typer.main.solve_typer_info_defaults(info).name)


def _built(info: Any) -> Any:
    """The click command for one registration, as Typer would build it with the root."""
    if isinstance(info, typer.models.CommandInfo):
        return typer.main.get_command_from_info(
            info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=None
        )
    return typer.main.get_group_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=None,
        suggest_commands=app.suggest_commands,
    )


def _listed(info: Any) -> Any:
    """A stand-in carrying only what the root's help lists: the name and the short help."""
    if isinstance(info, typer.models.CommandInfo):
        said, hidden = info.short_help or info.help, info.hidden
        said = said or inspect.getdoc(info.callback)
    else:
        solved = typer.main.solve_typer_info_defaults(info)
        said, hidden = solved.short_help or solved.help, solved.hidden
    return typer.core.TyperCommand(_info_name(info), help=said, hidden=hidden)


def root_command() -> Any:
    """The root click group of ``app`` with its commands registered but not yet built: each is
    built when it is run (see :class:`_Group`). ``app`` itself is left as the modules made it."""
    shell = copy.copy(app)
    shell.registered_commands, shell.registered_groups = [], []
    root = typer.main.get_command(shell)
    for info in [*app.registered_commands, *app.registered_groups]:
        root.pending[_info_name(info)] = info
    return root


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
    """The error in the user's language (``TiewiseError.said``): in English as raised, with
    the option at fault; in Dutch from the catalogues, after the option the English names."""
    return error.said(language)


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

    def p(self, key: str, count: float, **values: object) -> str:
        """The plural message ``key`` in its form for ``count`` ("1 tie rated", "2 ties")."""
        return plural(key, count, self.language, **values)


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
        listed = ", ".join(LANGUAGES)
        said = text("error.expected_one_of", _spoken(lang), options=listed, found=lang)
        raise typer.BadParameter(said, param_hint="--lang")
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
        raise InputError(
            f"{option}: expected a date YYYY-MM-DD, found {value!r}",
            key="error.expected_day",
            values={"option": option, "found": value},
        ) from error


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
