"""Typed errors. Each says where the problem is, what was expected and what was found."""

from __future__ import annotations

import os


class TiewiseError(Exception):
    """Base class of every error tiewise reports to the user (exit status 2 on the command line)."""


class StoreError(TiewiseError):
    """The database cannot be opened as a tiewise database; nothing was written to it."""

    def __init__(self, where: object, expected: str, found: str) -> None:
        self.where = os.fspath(where) if isinstance(where, os.PathLike) else str(where)
        self.expected = expected
        self.found = found
        super().__init__(f"{self.where}: expected {expected}, found {found}")


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


class NotFoundError(TiewiseError):
    """A name or id given by the user matches nothing (or more than one thing)."""


class InputError(TiewiseError):
    """A value given by the user on the command line is invalid."""
