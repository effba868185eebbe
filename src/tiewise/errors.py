"""Typed errors. Each says where the problem is, what was expected and what was found.

Every error can be said in English and in Dutch (:meth:`TiewiseError.said`), for the command
line, the web app and anything else that shows it:

- :class:`StoreError` and :class:`ImportFormatError` say it in a frame from the ``tiewise``
  catalogue (``error.frame``: "{place}: expected {expected}, found {found}", with
  ``error.at_line`` and ``error.in_field`` for the place); what was ``expected``, and what was
  ``found`` when that is a description ("an empty file") rather than the user's data, go
  through the ``errors`` catalogue, whose msgid is the English text. A text with a variable part
  is a :class:`Phrase`: its template is the msgid, its values are filled in after translation.
- :class:`UserError` and its kinds carry a message ``key`` of the ``tiewise`` catalogue with its
  ``values``; the English message is the one given when raised.

``str(error)`` is always the English text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from tiewise.catalogues import catalogue
from tiewise.i18n import _formatted, text


class Phrase(str):
    """A text of an error with a variable part: the English text itself (so it joins, compares
    and prints as a ``str``), made from ``template`` — a msgid of the ``errors`` catalogue with
    ``str.format`` placeholders — and ``values``, filled in after the template is translated
    (a value that is a Phrase is translated too; numbers get Dutch separators in Dutch).
    ``Phrase("a field of at most {limit:,} characters", limit=1048576)``."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Phrase:
        made = super().__new__(cls, template.format(**values) if values else template)
        made.template = template
        made.values = values
        return made

    def said(self, language: str) -> str:
        """The phrase in ``language`` (English when its template has no translation)."""
        if language == "en":
            return str(self)
        template = catalogue("errors", language).gettext(self.template)
        return _formatted(template, language, _values(self.values, language))


def translated(said: object, language: str) -> str:
    """A part of an error message (a place, what was expected or found) in ``language``: a
    :class:`Phrase` by its template; another text by itself as msgid of the ``errors``
    catalogue, and as it is when that holds no such text (a file name, a value found)."""
    if isinstance(said, Phrase):
        return said.said(language)
    said = str(said)
    if language == "en" or not said:  # gettext("") is the catalogue's header
        return said
    return catalogue("errors", language).gettext(said)


class TiewiseError(Exception):
    """Base class of every error tiewise reports to the user (exit status 2 on the command
    line). ``key`` and ``values``, when given, say it in another language: a message of the
    ``tiewise`` catalogue (``tiewise.i18n``)."""

    def __init__(
        self, *args: object, key: str | None = None, values: dict[str, object] | None = None
    ) -> None:
        super().__init__(*args)
        self.key = key
        self.values = values or {}

    def said(self, language: str) -> str:
        """The whole message in ``language``, as an interface shows it (English: ``str``)."""
        if language == "en" or self.key is None:
            return str(self)
        return text(self.key, language, **_values(self.values, language))


def _values(values: dict[str, object], language: str) -> dict[str, object]:
    """``values`` of a message with every :class:`Phrase` among them said in ``language``."""
    return {k: v.said(language) if isinstance(v, Phrase) else v for k, v in values.items()}


def _frame(place: str, expected: str, found: str, language: str) -> str:
    return text(
        "error.frame",
        language,
        place=place,
        expected=translated(expected, language),
        found=translated(found, language),
    )


class StoreError(TiewiseError):
    """The database cannot be opened as a tiewise database; nothing was written to it."""

    def __init__(self, where: object, expected: str, found: str) -> None:
        self.where = os.fspath(where) if isinstance(where, os.PathLike) else str(where)
        self.expected = expected
        self.found = found
        super().__init__(self.said("en"))

    def said(self, language: str) -> str:
        return _frame(translated(self.where, language), self.expected, self.found, language)


class StoreBusyError(StoreError):
    """Another write (an import, the web app, another command) held the database longer than
    the wait allowed; nothing was written and the operation can simply be repeated."""

    def __init__(self, where: object, seconds: float) -> None:
        super().__init__(
            where,
            Phrase("the write lock within {seconds:g} s", seconds=seconds),
            Phrase(
                "another write still running (an import?) — nothing was written; try again "
                "when it has finished"
            ),
        )


class EngineError(TiewiseError):
    """A compute engine cannot run as asked — pyspark or Java missing, a Spark master that does
    not answer, an output folder in the way; found before any work was done."""

    def __init__(self, where: object, expected: str, found: str) -> None:
        self.where = os.fspath(where) if isinstance(where, os.PathLike) else str(where)
        self.expected = expected
        self.found = found
        super().__init__(self.said("en"))

    def said(self, language: str) -> str:
        return _frame(translated(self.where, language), self.expected, self.found, language)


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
        super().__init__(self.said("en"))

    def said(self, language: str) -> str:
        place = translated(self.file, language)
        if self.line is not None:
            place = text("error.at_line", language, place=place, line=str(self.line))
        if self.field is not None:
            place = text("error.in_field", language, place=place, field=repr(self.field))
        return _frame(place, self.expected, self.found, language)


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
        super().__init__(message, key=key, values=values)
        self.field = field

    def message(self, language: str) -> str:
        """The message in ``language`` (English too) when it has a key, else the English one;
        without the field it names (a form marks the field)."""
        if self.key is None:
            return str(self)
        return text(self.key, language, **_values(self.values, language))

    def said(self, language: str) -> str:
        """The message in ``language``; in another language than English after the field at
        fault as the English message names it (``--on: …``, ``TAGS: …``) when it begins so."""
        if language == "en" or self.key is None:
            return str(self)
        said = self.message(language)
        named, colon, _ = str(self).partition(": ")
        if self.field and colon and _names(named, self.field):
            return f"{named}: {said}"
        return said


def _names(label: str, field: str) -> bool:
    """Whether ``label``, the start of an English message, names ``field``: ``--event-on``
    names ``event_on``, ``TAGS`` names ``tags``, ``--search, --tag, --class`` names ``search``."""

    def plain(name: str) -> str:
        return re.sub(r"[-_\s]", "", name).casefold()

    return plain(field) in {plain(label), *map(plain, re.split(r"[,/]|\band\b", label))}


class NotFoundError(UserError):
    """A name or id given by the user matches nothing (or more than one thing); ``candidates``
    are the contacts a name matched when it matched several; ``also``: the errors of other names
    given at the same time (the English message holds them already)."""

    def __init__(
        self,
        message: str,
        *,
        candidates: list | None = None,
        name: str | None = None,
        field: str | None = None,
        key: str | None = None,
        values: dict[str, object] | None = None,
        also: Sequence[TiewiseError] = (),
    ) -> None:
        super().__init__(message, field=field, key=key, values=values)
        self.candidates = candidates or []
        self.name = name
        self.also: Sequence[TiewiseError] = also

    def said(self, language: str) -> str:
        """The message in ``language``, and those of the names that also matched nothing."""
        if language == "en" or self.key is None:
            return str(self)
        return "; ".join([super().said(language), *(e.said(language) for e in self.also)])


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
