"""Event charts: both charts in SVG and PNG, text kept as text, the same data → the same SVG."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tiewise.advice.events import EventsReport, events_report
from tiewise.analysis.profile import analyze
from tiewise.report.charts import write_charts
from tiewise.snapshot import load_snapshot
from tiewise.store import Store

from .conftest import DEMO_TODAY


def test_charts_are_written_readable_and_reproducible(demo_db: Path, tmp_path: Path):
    with Store.open(demo_db) as store:
        report = events_report(analyze(load_snapshot(store), DEMO_TODAY))
    first = write_charts(report, tmp_path / "a", "nl")
    second = write_charts(report, tmp_path / "b", "nl")
    assert sorted(p.name for p in first) == [
        "event-hours.png",
        "event-hours.svg",
        "event-yield.png",
        "event-yield.svg",
    ]
    for path in first:
        data = path.read_bytes()
        if path.suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            svg = data.decode()
            assert "Ondernemersborrel Nijmegen" in svg or "bespaard" in svg
            assert data == (tmp_path / "b" / path.name).read_bytes()
    yield_svg = (tmp_path / "a" / "event-yield.svg").read_text()
    for series in report.series:  # one labelled row per series, in Dutch
        assert series.name.replace("&", "&amp;") in yield_svg
    assert "gewoonte, lage opbrengst" in yield_svg
    assert len(second) == 4


def test_no_series_no_charts(tmp_path: Path):
    empty = EventsReport(DEMO_TODAY, 0.0, "median", 0.0, 0.0, (), 0.0, 0.0, 0.0, ())
    assert write_charts(empty, tmp_path, "en") == []
    assert list(tmp_path.iterdir()) == []


def test_commands_do_not_import_matplotlib_unless_they_draw():
    """igraph would import matplotlib.pyplot (0.33 s) in every command; structure.py hides it."""
    code = (
        "import sys, tiewise.cli, tiewise.analysis.structure as s;"
        "print('matplotlib' in sys.modules, hasattr(s.igraph.Graph, 'community_leiden'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]
