"""The one error a source gives: which source, what was expected, what was found."""

from __future__ import annotations

from tiewise.errors import UserError
from tiewise.i18n import text


class SourceError(UserError):
    """A source cannot be added, read or found; nothing was written.

    ``expected`` and ``found`` are message ids of the ``tiewise`` catalogue
    (``sources.expected.*``, ``sources.found.*``) formatted with ``values``; the message reads
    ``source 'NAME': expected …, found …`` in the user's language. ``str()`` is the English."""

    def __init__(self, source: str, expected: str, found: str, **values: object) -> None:
        self.source = source
        self.expected_key = expected
        self.found_key = found
        self.parts = values
        super().__init__(self._said("en"), key="sources.error")

    def _said(self, language: str) -> str:
        return text(
            "sources.error",
            language,
            source=self.source,
            expected=text(self.expected_key, language, **self.parts),
            found=text(self.found_key, language, **self.parts),
        )

    def message(self, language: str) -> str:
        return self._said(language)

    def said(self, language: str) -> str:
        return self._said(language)
