"""Event charts as SVG and PNG files (matplotlib, Agg backend: no display, no network access).

- ``event-yield``: value per hour per series with its 90 % interval, coloured by verdict, with
  the threshold as a vertical line; a series never visited is drawn as a hollow grey prior;
- ``event-hours``: hours at events per month over the last 24 months, stacked by verdict — the
  months after a low-yield habit was dropped show the time won.

SVG keeps text as text (``svg.fonttype = none``) and carries no date, so the same data gives the
same file. matplotlib is imported only here, when charts are asked for (it costs about 0.3 s).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tiewise.advice.events import VERDICTS, EventsReport, hours_by_month
from tiewise.i18n import text

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
    """Both charts as SVG text, by name (``event-yield``, ``event-hours``), for inline use."""
    charts = {}
    for stem, figure in _figures(report, language):
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        charts[stem] = buffer.getvalue()
    return charts


def _figures(report: EventsReport, language: str) -> Iterator[tuple[str, Any]]:
    if not report.series:
        return
    plt = _pyplot()
    t = lambda key, **values: text(key, language, **values)  # noqa: E731

    series = list(reversed(report.series))  # highest value at the top
    figure, axes = plt.subplots(figsize=(8, 0.45 * len(series) + 1.4))
    for row, r in enumerate(series):
        estimate = r.value_per_hour
        prior = r.basis == "prior"  # never visited: a hollow grey prior, not a measurement
        axes.errorbar(
            estimate.point,
            row,
            xerr=[[estimate.point - estimate.low], [estimate.high - estimate.point]],
            fmt="o",
            color="#999999" if prior else COLOURS[r.verdict],
            markerfacecolor="white" if prior else None,
            capsize=3,
            label=t("chart.prior") if prior else t(f"verdict.{r.verdict}"),
        )
    axes.axvline(report.threshold, color="#555555", linestyle="--", linewidth=1)
    axes.set_yticks(range(len(series)), [f"{r.name} ({r.visits})" for r in series])
    axes.set_xlabel(t("chart.value_per_hour"))
    axes.set_title(t("chart.yield_title", threshold=report.threshold))
    handles, labels = axes.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    axes.legend(unique.values(), unique.keys(), loc="lower right", fontsize=8)
    yield "event-yield", figure
    plt.close(figure)

    months = hours_by_month(report)
    figure, axes = plt.subplots(figsize=(9, 3.2))
    bottom = [0.0] * len(months)
    for verdict in VERDICTS:
        heights = [hours[verdict] for _, hours in months]
        if any(heights):
            axes.bar(
                range(len(months)),
                heights,
                bottom=bottom,
                color=COLOURS[verdict],
                label=t(f"verdict.{verdict}"),
            )
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_xticks(range(len(months)), [m for m, _ in months], rotation=60, fontsize=7)
    axes.set_ylabel(t("col.hours"))
    axes.set_title(t("chart.hours_title", saved=report.hours_saved_12m))
    axes.legend(fontsize=8)
    yield "event-hours", figure
    plt.close(figure)
