"""Typed errors. Each says where the problem is, what was expected and what was found."""

from __future__ import annotations

import os
from collections.abc import Sequence


class TiewiseError(Exception):
    """Base class of every error tiewise reports to the user (exit status 2 on the command line)."""


class StoreError(TiewiseError):
    """The database cannot be opened as a tiewise database; nothing was written to it."""

    def __init__(self, where: object, expected: str, found: str) -> None:
        self.where = os.fspath(where) if isinstance(where, os.PathLike) else str(where)
        self.expected = expected
        self.found = found
        super().__init__(f"{self.where}: expected {expected}, found {found}")


class StoreBusyError(StoreError):
    """Another write (an import, the web app, another command) held the database longer than
    the wait allowed; nothing was written and the operation can simply be repeated."""

    def __init__(self, where: object, seconds: float) -> None:
        super().__init__(
            where,
            f"the write lock within {seconds:g} s",
            "another write still running (an import?) — nothing was written; try again when "
            "it has finished",
        )


class ImportFormatError(TiewiseError):
    """An input file does not have the expected format; the import changed nothing."""

    def __init__(
        self,
        file: object,
        expected: str,
        found: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = os.fspath(file) if isinstance(file, os.PathLike) else str(file)
        self.line = line
        self.field = field
        self.expected = expected
        self.found = found
        place = self.file
        if line is not None:
            place += f", line {line}"
        if field is not None:
            place += f", field {field!r}"
        super().__init__(f"{place}: expected {expected}, found {found}")


class UserError(TiewiseError):
    """An error in what the user typed. Besides the English message it may carry the ``field``
    at fault and a message ``key`` with ``values`` (``tiewise.i18n``), so that a web form can
    mark the field and say it in the page's language."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        key: str | None = None,
        values: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.key = key
        self.values = values or {}

    def message(self, language: str) -> str:
        """The message in ``language`` when it has a key, else the English one."""
        if self.key is None or language == "en":
            return str(self)
        from tiewise.i18n import text

        return text(self.key, language, **self.values)


class NotFoundError(UserError):
    """A name or id given by the user matches nothing (or more than one thing); ``candidates``
    are the contacts a name matched when it matched several."""

    def __init__(
        self,
        message: str,
        *,
        candidates: list | None = None,
        name: str | None = None,
        field: str | None = None,
        key: str | None = None,
        values: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message, field=field, key=key, values=values)
        self.candidates = candidates or []
        self.name = name


class InputError(UserError):
    """A value given by the user is invalid."""


def not_one_of(
    field: str, options: Sequence[str], found: str, shown: str | None = None
) -> InputError:
    """The error for a value that is not one of ``options`` (``shown``: the field as the
    caller names it, e.g. ``--kind``)."""
    listed = ", ".join(options)
    return InputError(
        f"{shown or field}: expected one of {listed}, found {found!r}",
        field=field,
        key="error.expected_one_of",
        values={"options": listed, "found": found},
    )
