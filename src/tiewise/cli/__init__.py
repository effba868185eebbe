"""The ``tiewise`` command line (Typer + Rich). Presentation only: it reads and writes through the
store, computes through ``analysis``/``advice``, and prints.

This module holds the app, the shared state and helpers; each command group lives in a module of
its own (``report``, ``contacts``, ``activity``, ``importing``, ``goals``, ``advice``,
``decisions``, ``events``, ``serve``, ``study``, ``export``). Parsers, the demo generator and
rapidfuzz are imported inside the commands that need
them, so that every other command starts fast (see docs/decisions.md).

Errors a user can cause (a bad file, an unknown name) are :class:`~tiewise.errors.TiewiseError`;
they are printed as one clear line on stderr and end the command with exit status 2.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from tiewise import model
from tiewise.analysis.profile import analyze as analyze_profile
from tiewise.errors import InputError, TiewiseError
from tiewise.i18n import LANGUAGES, text
from tiewise.snapshot import Snapshot, load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.database import default_database

error_console = Console(stderr=True, markup=False)  # names and paths print as they are


class _Group(TyperGroup):
    """The root command group: a TiewiseError becomes one line on stderr and exit status 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TiewiseError as error:
            language = ctx.obj.language if isinstance(ctx.obj, State) else "en"
            error_console.print(
                f"{text('error', language)}: {error}", markup=False, highlight=False, soft_wrap=True
            )
            raise typer.Exit(2) from error


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
    return analyze_profile(_snapshot(state), _parse_date(today, "--today") or date.today())


# Command groups live in modules of their own and register themselves on ``app`` when imported;
# they import the shared helpers above, so they come last.
# The order of these imports is the order of the commands in --help.
# isort: off
from tiewise.cli import report as _report  # noqa: E402, F401
from tiewise.cli import contacts as _contacts  # noqa: E402, F401
from tiewise.cli import activity as _activity  # noqa: E402, F401
from tiewise.cli import importing as _importing  # noqa: E402, F401
from tiewise.cli import goals as _goals  # noqa: E402, F401
from tiewise.cli import advice as _advice  # noqa: E402, F401
from tiewise.cli import decisions as _decisions  # noqa: E402, F401
from tiewise.cli import events as _events  # noqa: E402, F401
from tiewise.cli import serve as _serve  # noqa: E402, F401
from tiewise.cli import study as _study  # noqa: E402, F401
from tiewise.cli import export as _export  # noqa: E402, F401
# isort: on


def main() -> None:
    app(prog_name="tiewise")


if __name__ == "__main__":
    main()
