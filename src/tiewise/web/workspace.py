"""The user's data as the web app sees it: one Store, and the analysis and advice computed once
per version of the data and shared by every page and request.

Analysing 30,000 contacts takes about a second; a page must come in 300 ms. So a
:class:`Views` object holds the Profile and computes each advice list on first use; it is
rebuilt only when the data changed — after a write through the app, or when the SQLite file
(or its write-ahead log) changed on disk, e.g. by a command-line import.

The views hold several hundred thousand objects for a large network. Python's cyclic garbage
collector would rescan them all at every full collection — pauses of 0.2–0.3 s in the middle of
serving pages — so after building them the workspace moves them out of its sight
(``gc.freeze``), and lets them go (``gc.unfreeze``) when the data changes.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import threading
from collections import OrderedDict
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
from tiewise.advice.portfolio import (
    BUDGET_SETTING,
    DEFAULT_BUDGET_HOURS,
    Portfolio,
    build_portfolio,
)
from tiewise.analysis.profile import Profile, analyze
from tiewise.ingest.identity import MergeSuggestion
from tiewise.model import Contact
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.web.network import network_map

PAGES_KEPT = 256
CHARTS_KEPT = 8  # drawn event charts kept (per events report and language)


class Views:
    """Everything the pages show, for one version of the data and one day; each list is
    computed on first use (two requests at once may at worst compute one twice)."""

    def __init__(
        self,
        profile: Profile,
        store: Store,
        charts: dict[tuple[str, str], dict[str, str]],
        merge_suggestions: tuple[list[MergeSuggestion], dict[int, Contact]] | None = None,
    ) -> None:
        self.profile = profile
        self.store = store
        self._pages: OrderedDict[tuple, str] = OrderedDict()
        self._guard = threading.Lock()
        self._rendering: dict[tuple, threading.Lock] = {}
        self._chart_cache = charts
        if merge_suggestions is not None:  # kept from before a write that left contacts alone
            self.__dict__["merge_suggestions"] = merge_suggestions

    def cached_page(self, key: tuple, render: Callable[[], str]) -> str:
        """The page ``key`` rendered once (at most :data:`PAGES_KEPT` kept, least recently used
        dropped); concurrent first requests of one page wait for one rendering instead of
        repeating it, and never hold up other pages."""
        with self._guard:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
            lock = self._rendering.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                if key in self._pages:
                    return self._pages[key]
            html = render()
            with self._guard:
                self._pages[key] = html
                self._rendering.pop(key, None)
                if len(self._pages) > PAGES_KEPT:
                    self._pages.popitem(last=False)
            return html

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
    def merge_suggestions(self) -> tuple[list[MergeSuggestion], dict[int, Contact]]:
        from tiewise.ingest.merging import suggestions

        return suggestions(self.store)

    @cached_property
    def network_data(self) -> dict[str, Any]:
        """The map data (``web/network.py``): drawn by the script, listed by the page."""
        return network_map(self.profile)

    @cached_property
    def network(self) -> bytes:
        """The map data as JSON (encoded once)."""
        return json.dumps(self.network_data, ensure_ascii=False).encode()

    def charts(self, language: str) -> dict[str, str]:
        """The event charts as SVG text. Drawing them takes about half a second, so they are
        kept by a digest of the events report they draw: a write that does not change the
        report (a logged coffee) does not redraw them."""
        key = (hashlib.sha256(repr(self.events.series).encode()).hexdigest(), language)
        if key not in self._chart_cache:
            from tiewise.report.charts import chart_svgs
            from tiewise.web.svg import svg_for_csp

            if len(self._chart_cache) >= CHARTS_KEPT:
                self._chart_cache.pop(next(iter(self._chart_cache)))
            drawn = chart_svgs(self.events, language)
            self._chart_cache[key] = {name: svg_for_csp(svg) for name, svg in drawn.items()}
        return self._chart_cache[key]


class Workspace:
    def __init__(self, db: str, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.store = Store.open(db)
        self.today = today
        self._lock = threading.Lock()
        self._views: Views | None = None
        self._version: tuple | None = None
        self._charts: dict[tuple[str, str], dict[str, str]] = {}  # CSP-fit SVG
        self._kept_suggestions: tuple[list[MergeSuggestion], dict[int, Contact]] | None = None

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
                gc.unfreeze()  # the old views may go now
                self._views = Views(
                    analyze(load_snapshot(self.store), self.today()),
                    self.store,
                    self._charts,
                    self._kept_suggestions,
                )
                self._kept_suggestions = None
                self._version = version
                # the lists every page after a write asks for, computed once here rather than
                # by the first of many clients waiting on one another (bench/bench_loop.py)
                for name in ("portfolio", "plan", "invitations"):
                    getattr(self._views, name)
                gc.collect()
                gc.freeze()  # see the module docstring
            return self._views

    def changed(self, contacts_changed: bool = True) -> None:
        """Forget the views after a write through the app. A write that changed no contact
        record, identifier or merge (a logged contact, a decision on advice, a note) keeps the
        merge suggestions, which take about a second to find at 35,000 contacts."""
        with self._lock:
            if not contacts_changed and self._views is not None:
                kept = self._views.__dict__.get("merge_suggestions")
                self._kept_suggestions = kept
            else:
                self._kept_suggestions = None
            self._views = None

    def close(self) -> None:
        self.store.close()
