"""The user's data as the web app sees it: one Store, and the analysis and advice computed once
per version of the data and shared by every page and request.

Analysing 30,000 contacts takes about a second; a page must come in 300 ms. So a
:class:`Views` object holds the Profile and computes each advice list on first use; it is
rebuilt only when the data changed — after a write through the app, or when the SQLite file
(or its write-ahead log) changed on disk, e.g. by a command-line import.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from tiewise.advice.events import (
    EventsReport,
    UpcomingAdvice,
    events_report,
    this_weeks_events,
    upcoming_advice,
)
from tiewise.advice.introductions import (
    Introduction,
    LedgerRow,
    give_receive_ledger,
    suggest_introductions,
)
from tiewise.advice.invitations import InvitationAdvice, triage_invitations
from tiewise.advice.plan import WeeklyPlan, weekly_plan
from tiewise.advice.portfolio import DEFAULT_BUDGET_HOURS, Portfolio, build_portfolio
from tiewise.analysis.profile import Profile, analyze
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.web.network import network_map

BUDGET_SETTING = "budget_hours"


class Views:
    """Everything the pages show, for one version of the data and one day; each list is
    computed on first use (two requests at once may at worst compute one twice)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile

    @cached_property
    def budget_hours(self) -> float:
        value = self.profile.snapshot.setting(BUDGET_SETTING)
        return float(value) if value is not None else DEFAULT_BUDGET_HOURS

    @cached_property
    def portfolio(self) -> Portfolio:
        return build_portfolio(self.profile, self.budget_hours)

    @cached_property
    def events(self) -> EventsReport:
        return events_report(self.profile)

    @cached_property
    def upcoming(self) -> list[UpcomingAdvice]:
        return upcoming_advice(self.profile, self.events)

    @cached_property
    def introductions(self) -> list[Introduction]:
        return suggest_introductions(self.profile, 50)

    @cached_property
    def ledger(self) -> list[LedgerRow]:
        return give_receive_ledger(self.profile)

    @cached_property
    def invitations(self) -> list[InvitationAdvice]:
        return triage_invitations(self.profile)

    @cached_property
    def plan(self) -> WeeklyPlan:
        events = this_weeks_events(self.profile, self.events)
        return weekly_plan(self.profile, self.portfolio, self.introductions, events)

    @cached_property
    def network(self) -> dict[str, Any]:
        return network_map(self.profile)

    @cached_property
    def _charts(self) -> dict[str, dict[str, str]]:
        return {}

    def charts(self, language: str) -> dict[str, str]:
        """The event charts as SVG text (drawing them takes about half a second)."""
        if language not in self._charts:
            from tiewise.report.charts import chart_svgs

            self._charts[language] = chart_svgs(self.events, language)
        return self._charts[language]


class Workspace:
    def __init__(self, db: str, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.store = Store.open(db)
        self.today = today
        self._lock = threading.Lock()
        self._views: Views | None = None
        self._version: tuple | None = None

    def _disk_version(self) -> tuple | None:
        """Modification times and sizes of the SQLite file and its WAL; ``None`` for a server."""
        if "://" in self.db:
            return None
        stamps = []
        for path in (Path(self.db), Path(self.db + "-wal")):
            try:
                stat = os.stat(path)
                stamps.append((stat.st_mtime_ns, stat.st_size))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def views(self) -> Views:
        with self._lock:
            version = (self._disk_version(), self.today())
            if self._views is None or version != self._version:
                self._views = Views(analyze(load_snapshot(self.store), self.today()))
                self._version = version
            return self._views

    def changed(self) -> None:
        """Forget the views after a write through the app."""
        with self._lock:
            self._views = None

    def close(self) -> None:
        self.store.close()
