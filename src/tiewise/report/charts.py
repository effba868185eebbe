"""Event charts as SVG and PNG files (matplotlib, Agg backend: no display, no network access).

- ``event-yield``: value per hour per series with its 90 % interval, coloured by verdict, with
  the threshold as a vertical line; a series never visited is drawn as a hollow grey prior;
- ``event-hours``: hours at events per month over the last 24 months, stacked by verdict — the
  months after a low-yield habit was dropped show the time won.

Each verdict has a colour and a second mark that needs no colour vision: a marker shape in the
yield chart, a hatching in the hours chart. Where the values drawn span more than
:data:`LOG_SPAN` times (the yield chart: estimates, the upper ends of their intervals and the
threshold), the value axis is logarithmic and says so; lower ends of intervals below its left
edge are cut there.
Inline SVG (:func:`chart_svgs`) scales with the page: a ``viewBox``, ``width="100%"``, no height.

SVG keeps text as text (``svg.fonttype = none``) and carries no date, so the same data gives the
same file. matplotlib is imported only here, when charts are asked for (it costs about 0.3 s).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from tiewise.advice.events import VERDICTS, EventsReport, hours_by_month
from tiewise.display import Figure, locale
from tiewise.i18n import plural, text

FORMATS = ("svg", "png")
COLOURS = {
    "keep": "#1b7837",
    "keep_uncertain": "#7fbc41",
    "new_contacts": "#35978f",
    "fun": "#7b3294",
    "try_once": "#2166ac",
    "too_early": "#92c5de",
    "doubtful": "#f4a582",
    "skip": "#d6604d",
    "habitual_low_yield": "#b2182b",
}
#: A shape per verdict, so that the yield chart's series are told apart without colour.
MARKERS = {
    "keep": "o",
    "keep_uncertain": "s",
    "new_contacts": "^",
    "fun": "*",
    "try_once": "P",
    "too_early": "d",
    "doubtful": "v",
    "skip": "X",
    "habitual_low_yield": "D",
}
#: A hatching per verdict for the hours chart's stacked bars (white lines over the colour).
HATCHES = {
    "keep": "",
    "keep_uncertain": "..",
    "new_contacts": "\\\\",
    "fun": "oo",
    "try_once": "++",
    "too_early": "--",
    "doubtful": "xx",
    "skip": "////",
    "habitual_low_yield": "||",
}
#: The yield chart's value axis is logarithmic when its largest value is more than this many
#: times its smallest positive one (:func:`yield_values`; a linear axis would squeeze most series
#: into a corner).
LOG_SPAN = 20.0


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "tiewise", "font.size": 9})
    import matplotlib.pyplot as plt

    return plt


def _save(figure, directory: Path, stem: str, formats: tuple[str, ...]) -> list[Path]:  # type: ignore[no-untyped-def]
    paths = []
    for suffix in formats:
        path = directory / f"{stem}.{suffix}"
        metadata = {"Date": None} if suffix == "svg" else {"Software": "tiewise"}
        figure.savefig(path, format=suffix, dpi=120, bbox_inches="tight", metadata=metadata)
        paths.append(path)
    return paths


def write_charts(
    report: EventsReport, directory: Path, language: str, formats: tuple[str, ...] = FORMATS
) -> list[Path]:
    """Write both charts in each of ``formats`` into ``directory`` (created when missing) and
    return the paths written. No series → no files."""
    paths: list[Path] = []
    for stem, figure in _figures(report, language):
        directory.mkdir(parents=True, exist_ok=True)
        paths += _save(figure, directory, stem, formats)
        figure.clear()
    return paths


def chart_svgs(report: EventsReport, language: str) -> dict[str, str]:
    """Both charts as SVG text, by name (``event-yield``, ``event-hours``), for inline use: each
    scales with the box it sits in (:func:`responsive`)."""
    charts = {}
    for stem, figure in _figures(report, language):
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        charts[stem] = responsive(buffer.getvalue())
    return charts


_SVG_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')


def responsive(svg: str) -> str:
    """An SVG whose root has a fixed size (matplotlib writes ``width="576pt" height="300pt"``
    beside its ``viewBox``), made to scale: ``width="100%"`` and no height, so that it fills the
    width of its box and keeps its proportions (the ``viewBox``)."""

    def root(tag: re.Match[str]) -> str:
        return '<svg width="100%"' + _SIZE.sub("", tag.group(0))[len("<svg") :]

    return _SVG_ROOT.sub(root, svg, count=1)


def yield_values(report: EventsReport) -> list[float]:
    """The positive values the yield chart's axis has to show: each series' estimate and the
    upper end of its interval, and the threshold. (Lower ends are left out: they often reach 0,
    which says nothing about the spread of the estimates.)"""
    values = [report.threshold]
    for r in report.series:
        values += [r.value_per_hour.point, r.value_per_hour.high]
    return [v for v in values if v > 0]


def yield_axis_is_log(report: EventsReport) -> bool:
    """Whether the yield chart's value axis is logarithmic: its values span more than
    :data:`LOG_SPAN` times (largest over smallest positive value, :func:`yield_values`)."""
    values = yield_values(report)
    return bool(values) and max(values) / min(values) > LOG_SPAN


def _figures(report: EventsReport, language: str) -> Iterator[tuple[str, Any]]:
    if not report.series:
        return
    plt = _pyplot()
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    for stem, draw in (("event-yield", _yield_figure), ("event-hours", _hours_figure)):
        figure = draw(plt, report, t, language)
        yield stem, figure
        plt.close(figure)


def _ticks(language: str) -> Any:
    """Tick labels as the language writes numbers: ``1,000`` and ``2.5`` (``1.000``, ``2,5``)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: str(Figure(value, language)))


def _months(months: list[str], language: str) -> list[str]:
    """``YYYY-MM`` as the language names a month: ``Nov 2026`` (``nov 2026``)."""
    from babel.dates import format_skeleton

    here = locale(language)
    return [format_skeleton("yMMM", date.fromisoformat(f"{m}-01"), locale=here) for m in months]


def _yield_figure(plt, report: EventsReport, t, language: str) -> Any:  # type: ignore[no-untyped-def]
    """One row per series, highest value at the top: its estimate and 90 % interval, labelled
    directly above with its name, visits and verdict; the threshold (named in the title) as a
    dashed line."""
    series = list(reversed(report.series))  # highest value at the top
    figure, axes = plt.subplots(figsize=(5.4, 0.55 * len(series) + 1.3))
    log = yield_axis_is_log(report)
    values = yield_values(report)
    left = min(values) / 2 if log else 0.0  # a log axis cannot reach 0: lower ends stop here
    for row, r in enumerate(series):
        estimate = r.value_per_hour
        prior = r.basis == "prior"  # never visited: a hollow grey prior, not a measurement
        point = max(estimate.point, left)
        low = max(estimate.low, left)
        axes.errorbar(
            point,
            row,
            xerr=[[point - low], [max(estimate.high, point) - point]],
            fmt=MARKERS[r.verdict],
            markersize=8,
            color="#999999" if prior else COLOURS[r.verdict],
            markerfacecolor="white" if prior else None,
            capsize=3,
        )
        verdict = t("chart.prior") if prior else t(f"verdict.{r.verdict}")
        axes.annotate(
            f"{r.name} ({r.visits}) — {verdict}",
            (0, row),
            xycoords=("axes fraction", "data"),
            xytext=(2, 7),
            textcoords="offset points",
            fontsize=9,
            va="bottom",
        )
    axes.axvline(report.threshold, color="#555555", linestyle="--", linewidth=1)
    axes.set_ylim(-0.6, len(series) - 0.1)
    axes.set_yticks([])
    if log:
        axes.set_xscale("log")
        axes.set_xlim(left, max(values) * 1.5)
        axes.set_xlabel(t("chart.value_per_hour_log"))
    else:
        axes.set_xlim(0, max(values, default=1.0) * 1.05)
        axes.set_xlabel(t("chart.value_per_hour"))
    axes.xaxis.set_major_formatter(_ticks(language))
    axes.set_title(t("chart.yield_title", threshold=report.threshold), fontsize=10, loc="left")
    return figure


def _hours_figure(plt, report: EventsReport, t, language: str) -> Any:  # type: ignore[no-untyped-def]
    """Hours per month, stacked by verdict: each verdict its colour and its hatching."""
    months = hours_by_month(report)
    figure, axes = plt.subplots(figsize=(5.4, 3.9), layout="constrained")
    bottom = [0.0] * len(months)
    with plt.rc_context({"hatch.color": "white", "hatch.linewidth": 1.0}):
        for verdict in VERDICTS:
            heights = [hours[verdict] for _, hours in months]
            if any(heights):
                axes.bar(
                    range(len(months)),
                    heights,
                    bottom=bottom,
                    color=COLOURS[verdict],
                    hatch=HATCHES[verdict],
                    edgecolor="white",
                    linewidth=0,
                    label=t(f"verdict.{verdict}"),
                )
                bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    labels = _months([m for m, _ in months], language)
    axes.set_xticks(range(len(months)), labels, rotation=60, fontsize=8)
    axes.yaxis.set_major_formatter(_ticks(language))
    axes.set_ylabel(t("col.hours"))
    axes.set_title(
        plural(
            "chart.hours_title",
            round(report.hours_saved_12m),
            language,
            saved=report.hours_saved_12m,
        ),
        fontsize=10,
        loc="left",
    )
    figure.legend(fontsize=9, loc="outside lower center", ncols=3, frameon=False)
    return figure
