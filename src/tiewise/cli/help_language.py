"""The command line's ``--help`` in Dutch, from the gettext catalogue ``cli`` (its msgid is the
English text; see :mod:`tiewise.catalogues` and, to refresh it, :mod:`tiewise.cli.help_catalogue`).

Imported only when the language is Dutch: ``tiewise --help`` in English reads no catalogue.
The root group (``base._Group.main``) reads the language from the arguments before click parses
them (``--help`` is printed while they are parsed, before ``--lang`` has a value) and runs the
whole command inside :func:`in_dutch`, which

- translates the help of every command it builds, and of the stand-ins the root's listing uses:
  the command's help and short help, every option's and argument's help, and the words of the
  usage line (``[OPTIONS]``, ``COMMAND [ARGS]...``);
- gives those commands a context whose formatter writes ``Usage:`` and the help option's
  ``Show this message and exit.`` in Dutch (click writes them as fixed English text);
- points Typer's ``gettext`` (``typer.core._``: "Options", "Arguments", "Commands",
  "[default: …]", "[env var: …]", "[required]", "Missing command." …) at the catalogue;
- shows a usage error (an unknown option, a missing argument, a value out of range) in Dutch:
  click writes its messages as English text, so :data:`ERROR_WORDS` lists their forms and
  :func:`translated` reads a message back into its form and fills the Dutch one.

Every change is written down and undone when the command ends, so a command run in the same
process afterwards (Typer's ``CliRunner`` in the tests) is English again.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

import typer.core
from typer._click import Context, HelpFormatter, echo
from typer._click._compat import get_text_stderr
from typer._click.exceptions import ClickException, UsageError

from tiewise.catalogues import catalogue

#: The fixed words of click and Typer that help (and a usage error's first lines) show: the
#: first group goes through Typer's ``gettext``, the second is written by :class:`Formatter`
#: and :meth:`Dutch.command`. They are msgids of the ``cli`` catalogue like the help texts.
GETTEXT_WORDS = (
    "Options",
    "Arguments",
    "Commands",
    "default: {default}",
    "env var: {var}",
    "required",
    "(dynamic)",
    "Aborted!",
    "Missing command.",
    "No such command {name!r}.",
)
FIXED_WORDS = ("Usage:", "Show this message and exit.", "[OPTIONS]", "COMMAND [ARGS]...")

#: The forms of click's and Typer's error messages, as click writes them in English; a
#: ``{message}`` in a form is itself a message, translated in turn. Forms that hold another
#: come first: the first form a message fits whole is the one used.
ERROR_WORDS = (
    "Try '{command} {option}' for help.",
    "Error: {message}",
    "{message}. Did you mean {suggestions}?",
    "{message} (Possible options: {options})",
    "Invalid value for {name}: {message}",
    "Invalid value: {message}",
    "No such option: {name}",
    "Missing argument {name}.",
    "Missing option {name}.",
    "Missing parameter {name}.",
    "Got unexpected extra argument(s) ({arguments})",
    "Option {name} requires an argument.",
    "Option {name} requires {count} arguments.",
    "Option {name} does not take a value.",
    "Argument {name} takes {count} values.",
    "{value} is not a valid integer.",
    "{value} is not a valid float.",
    "{value} is not a valid int range.",
    "{value} is not a valid float range.",
    "{value} is not a valid boolean. Recognized values: {values}",
    "{value} is not in the range {range}.",
    "{value} does not match the formats {formats}.",
    "File {path} does not exist.",
    "File {path} is a directory.",
)

_ABSENT = object()


def said(english: str) -> str:
    """``english`` in Dutch; itself when the catalogue has no Dutch for it."""
    return catalogue("cli", "nl").gettext(english)


@cache
def _forms() -> list[tuple[re.Pattern[str], str]]:
    """Each error form (after the two that frame a message) as a pattern that reads it back."""
    found = []
    for form in ERROR_WORDS[2:]:
        parts = re.split(r"\{(\w+)\}", form)  # literal, name, literal, name, …, literal
        pattern = "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
            for index, part in enumerate(parts)
        )
        found.append((re.compile(pattern, re.DOTALL), form))
    return found


def translated(message: str) -> str:
    """One of click's error messages in Dutch; as it is if it fits none of the forms."""
    for pattern, form in _forms():
        match = pattern.fullmatch(message)
        if match is not None:
            values = match.groupdict()
            if "message" in values:
                values["message"] = translated(values["message"])
            return said(form).format(**values)
    return message


def _show_usage_error(error: UsageError, file: IO[Any] | None = None) -> None:
    """``UsageError.show`` in Dutch: the usage line, where to find help, the error."""
    file = get_text_stderr() if file is None else file
    color, ctx = None, error.ctx
    if ctx is not None:
        color, hint = ctx.color, ""
        if ctx.command.get_help_option(ctx) is not None:
            shown = said("Try '{command} {option}' for help.")
            hint = shown.format(command=ctx.command_path, option=ctx.help_option_names[0])
            hint += "\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=file, color=color)
    _show_error(error, file, color)


def _show_error(error: ClickException, file: IO[Any] | None = None, color: Any = None) -> None:
    """``ClickException.show`` in Dutch."""
    message = said("Error: {message}").format(message=translated(error.format_message()))
    file = get_text_stderr() if file is None else file
    echo(message, file=file, color=error.show_color if color is None else color)


class Formatter(HelpFormatter):
    """Click's help formatter with ``Usage:`` and the help option's text in Dutch."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{said('Usage:')} " if prefix is None else prefix)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        # Every help text is translated on its command already; what is left in English here
        # is the help option, which click creates as the help is printed.
        rows = [(term, said(text) if text else text) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class DutchContext(Context):
    formatter_class = Formatter


class Dutch:
    """The help of the commands of one run in Dutch, with what it changed, to undo."""

    def __init__(self) -> None:
        self._changed: list[tuple[Any, str, Any]] = []
        self._done: list[Any] = []  # kept alive, so an id is never reused while in use

    def set(self, holder: Any, name: str, value: Any) -> None:
        self._changed.append((holder, name, vars(holder).get(name, _ABSENT)))
        setattr(holder, name, value)

    def undo(self) -> None:
        for holder, name, before in reversed(self._changed):
            if before is _ABSENT:
                delattr(holder, name)
            else:
                setattr(holder, name, before)
        self._changed.clear()
        self._done.clear()

    def command(self, command: Any) -> Any:
        """``command`` and its subcommands with their help in Dutch; returns ``command``."""
        if command is None or any(command is done for done in self._done):
            return command
        self._done.append(command)
        for name in ("help", "short_help"):
            if getattr(command, name, None):
                self.set(command, name, said(getattr(command, name)))
        for name in ("options_metavar", "subcommand_metavar"):
            if getattr(command, name, None) in FIXED_WORDS:
                self.set(command, name, said(getattr(command, name)))
        if command.context_class is Context:
            self.set(command, "context_class", DutchContext)
        for param in command.params:
            if getattr(param, "help", None):
                self.set(param, "help", said(param.help))
        for sub in getattr(command, "commands", {}).values():
            self.command(sub)
        return command


@contextlib.contextmanager
def in_dutch(root: Any) -> Iterator[Dutch]:
    """Run ``root`` (the root group) with its help in Dutch; everything changed is undone at
    the end, also when the command exits (``--help`` ends with ``SystemExit``)."""
    dutch = Dutch()
    try:
        dutch.set(typer.core, "_", catalogue("cli", "nl").gettext)
        dutch.set(UsageError, "show", _show_usage_error)
        dutch.set(ClickException, "show", _show_error)
        dutch.set(root, "dutch", dutch)
        dutch.command(root)
        yield dutch
    finally:
        dutch.undo()
