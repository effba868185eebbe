"""A fixed "now" for the commands that stamp what they record with the clock (``tiewise log``,
``plan done``, ``decisions``, ``invitations decide``, ``contact edit --status``), so that tests
of them give the same answer on any day."""

from __future__ import annotations

from datetime import datetime, tzinfo

import pytest

NOW = datetime(2026, 11, 1, 20, 0)  # a Sunday evening: the demo's today, after its last record

CLOCKED = (
    "tiewise.cli.activity",
    "tiewise.cli.advice",
    "tiewise.cli.contacts",
    "tiewise.cli.decisions",
)


class FrozenClock(datetime):
    """``datetime`` whose ``now()`` is ``NOW``; everything else is the real ``datetime``."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        return NOW if tz is None else NOW.replace(tzinfo=tz)


def freeze(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Make the command-line modules read ``NOW`` as the current moment."""
    for module in CLOCKED:
        monkeypatch.setattr(f"{module}.datetime", FrozenClock)
    return NOW
