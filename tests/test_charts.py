"""Event charts: both charts in SVG and PNG, text kept as text, the same data → the same SVG."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from tiewise.advice.events import VERDICTS, Estimate, EventsReport, events_report, hours_by_month
from tiewise.analysis.profile import analyze
from tiewise.i18n import text
from tiewise.report.charts import HATCHES, MARKERS, chart_svgs, write_charts, yield_axis_is_log
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


def _report(demo_db: Path) -> EventsReport:
    with Store.open(demo_db) as store:
        return events_report(analyze(load_snapshot(store), DEMO_TODAY))


def _root(svg: str) -> str:
    return svg[svg.index("<svg") : svg.index(">", svg.index("<svg")) + 1]


def test_inline_charts_scale_with_their_box(demo_db: Path):
    """Inline charts have a viewBox, width 100 % and no fixed size: they fit a phone's width."""
    svgs = chart_svgs(_report(demo_db), "en")
    assert sorted(svgs) == ["event-hours", "event-yield"]
    for svg in svgs.values():
        root = _root(svg)
        assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+"', root)
        assert ' width="100%"' in root
        assert " height=" not in root
        assert not re.search(r'width="[\d.]+(pt|px)?"', root)


def test_the_yield_axis_is_logarithmic_when_values_span_more_than_twenty_times(demo_db: Path):
    report = _report(demo_db)
    drawn = [report.threshold]
    for series in report.series:
        drawn += [series.value_per_hour.point, series.value_per_hour.high]
    positive = [v for v in drawn if v > 0]
    assert max(positive) / min(positive) > 20  # the demo: 2.5 to 1,213 € per hour
    assert yield_axis_is_log(report)
    english, dutch = chart_svgs(report, "en"), chart_svgs(report, "nl")
    assert "log scale" in english["event-yield"]
    assert "logaritmische schaal" in dutch["event-yield"]
    for tick in (">10<", ">100<", ">1,000<"):  # decades, written as plain numbers
        assert tick in english["event-yield"]
    assert ">1.000<" in dutch["event-yield"]  # as the language writes them
    # the hours chart names its months in the language
    assert ">Oct 2026<" in english["event-hours"] and ">okt 2026<" in dutch["event-hours"]

    # the same series with estimates between 8 and 40 € per hour: a linear axis, said nowhere
    narrow = [
        replace(s, value_per_hour=Estimate(8.0 + 3 * k, 6.0 + 2 * k, 12.0 + 3 * k))
        for k, s in enumerate(report.series)
    ]
    linear = replace(report, series=tuple(narrow), threshold=14.0)
    assert not yield_axis_is_log(linear)
    assert "log scale" not in chart_svgs(linear, "en")["event-yield"]


def test_verdicts_are_told_apart_without_colour(demo_db: Path):
    """Each verdict has its own marker shape (yield) and hatching (hours); every series is
    labelled directly with its verdict."""
    assert len(set(MARKERS.values())) == len(VERDICTS) == len(MARKERS)
    assert len(set(HATCHES.values())) == len(VERDICTS) == len(HATCHES)
    report = _report(demo_db)
    svgs = chart_svgs(report, "en")
    for series in report.series:
        verdict = "prior, no visits yet" if series.basis == "prior" else None
        verdict = verdict or text(f"verdict.{series.verdict}", "en")
        label = f"{series.name} ({series.visits}) — {verdict}".replace("&", "&amp;")
        assert label in svgs["event-yield"]
    hatched = {v for v in hours_by_month_verdicts(report) if HATCHES[v]}
    assert svgs["event-hours"].count("<pattern ") >= len(hatched) > 0


def hours_by_month_verdicts(report: EventsReport) -> set[str]:
    return {v for _, hours in hours_by_month(report) for v, h in hours.items() if h}
