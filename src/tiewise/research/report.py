"""The study report as Markdown or HTML: descriptives, models, correlations, warnings, and two
plots (size against the outcome; the effect of one standard deviation of each predictor with
its 95 % interval). Plots are SVG (matplotlib): inline in HTML, beside the file for Markdown."""

from __future__ import annotations

import html
import io
import math
from pathlib import Path

from tiewise.display import number
from tiewise.research.study import JOINT, KINDS, TOTAL, StudyResult

#: The study report is written in English (its words are not translated), and so are its
#: numbers: ``1,234.567`` (``tiewise.display``). Its data (``--json``, CSV) keep plain numbers.
LANGUAGE = "en"


def _f(value: float | None, digits: int = 3) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return number(value, digits, LANGUAGE)


def _n(count: int) -> str:
    """A count: ``1,200``."""
    return number(count, 0, LANGUAGE)


def _p(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return "< .001" if value < 0.001 else number(value, 3, LANGUAGE)


def tables(result: StudyResult) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) of every table of the report."""
    out = []
    out.append(
        (
            "Descriptives",
            ["variable", "n", "missing", "mean", "sd", "min", "median", "max"],
            [
                [
                    d.name,
                    _n(d.n),
                    _n(d.missing),
                    _f(d.mean),
                    _f(d.sd),
                    _f(d.minimum),
                    _f(d.median),
                    _f(d.maximum),
                ]
                for d in result.descriptives
            ],
        )
    )
    for model in result.models:
        fit = f"n = {_n(model.n)}, R² = {_f(model.r2)}, adj. R² = {_f(model.adj_r2)}"
        meaning = KINDS.get(model.kind)
        title = f"Model: {model.name} ({fit})" + (f" — {meaning}" if meaning else "")
        out.append(
            (
                title,
                [
                    "term",
                    "b",
                    "SE (HC3)",
                    "95% CI",
                    "p",
                    "p (Holm)",
                    "per SD",
                    "per SD 95% CI",
                    "β",
                    "MDE per SD",
                ],
                [
                    [
                        c.name,
                        _f(c.estimate),
                        _f(c.se),
                        f"{_f(c.low)} – {_f(c.high)}",
                        _p(c.p),
                        _p(c.p_holm),
                        _f(c.per_sd),
                        f"{_f(c.per_sd_low)} – {_f(c.per_sd_high)}",
                        _f(c.beta),
                        _f(c.mde_per_sd),
                    ]
                    for c in model.coefficients
                ],
            )
        )
    out.append(
        (
            f"Spearman correlations with {result.outcome} (bootstrap 95% intervals)",
            ["variable", "n", "ρ", "95% CI", "p"],
            [
                [c.x, _n(c.n), _f(c.rho), f"{_f(c.low)} – {_f(c.high)}", _p(c.p)]
                for c in result.correlations
            ],
        )
    )
    return out


def plots(result: StudyResult) -> dict[str, str]:
    """SVG text by name: ``size-vs-outcome`` and ``effects``."""
    from tiewise.report.charts import _pyplot

    plt = _pyplot()
    svgs = {}
    if "size" in result.variables:
        x = result.variables["size"].astype(float)
        y = result.variables[result.outcome].astype(float)
        figure, axes = plt.subplots(figsize=(6, 4))
        axes.scatter(x, y, s=8, alpha=0.5, color="#1b6f5c")
        axes.set_xlabel("network size (alters)")
        axes.set_ylabel(result.outcome)
        axes.set_title(f"Network size and {result.outcome}")
        svgs["size-vs-outcome"] = _svg(figure)
        plt.close(figure)
    rows = [(m.name, c) for m in result.models for c in m.coefficients if c.name in m.predictors]
    if rows:
        figure, axes = plt.subplots(figsize=(7, 0.4 * len(rows) + 1.2))
        for k, (_, c) in enumerate(reversed(rows)):
            axes.errorbar(
                c.per_sd,
                k,
                xerr=[[c.per_sd - c.per_sd_low], [c.per_sd_high - c.per_sd]],
                fmt="o",
                color="#2166ac",
                capsize=3,
            )
        axes.axvline(0, color="#555555", linewidth=1)
        axes.set_yticks(
            range(len(rows)),
            [f"{c.name} ({_short(name)})" for name, c in reversed(rows)],
        )
        axes.set_xlabel(f"effect of one SD on {result.outcome} (95% CI, HC3)")
        svgs["effects"] = _svg(figure)
        plt.close(figure)
    return svgs


def _svg(figure) -> str:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _short(model_name: str) -> str:
    return "total" if model_name.startswith(TOTAL) else model_name


def _intro(result: StudyResult) -> list[str]:
    """The headline: size in the joint model first, then its total association, labelled."""
    joint = next((m for m in result.models if m.kind == JOINT), None)
    total = next((m for m in result.models if m.kind == TOTAL and m.predictors == ("size",)), None)
    lines = [
        f"Outcome: **{result.outcome}**; controls: {', '.join(result.controls) or 'none'}; "
        f"{_n(result.egos)} egos.",
    ]
    if joint is not None and "size" in joint.predictors:
        c = joint.coefficient("size")
        others = [p for p in joint.predictors if p != "size"]
        held = ", ".join(others) if others else "no other network measure"
        verdict = "no detectable relation" if c.per_sd_low <= 0 <= c.per_sd_high else "a relation"
        lines.append(
            f"Does network size predict {result.outcome}? In the joint model (holding {held} "
            f"and the controls fixed) one SD more alters goes with {_f(c.per_sd)} "
            f"({_f(c.per_sd_low)} to {_f(c.per_sd_high)}): {verdict}. With n = {_n(joint.n)} the "
            f"smallest effect this study could detect (80% power) is {_f(c.mde_per_sd)} per SD."
        )
    if total is not None:
        c = total.coefficient("size")
        lines.append(
            f"Total association of size (size and the controls only): {_f(c.per_sd)} "
            f"({_f(c.per_sd_low)} to {_f(c.per_sd_high)}) per SD. This is not an effect of "
            "size: it includes whatever runs through composition, diversity and constraint, "
            "which change with size."
        )
    return lines


def markdown(result: StudyResult, plot_files: dict[str, str] | None = None) -> str:
    out = ["# Study report", "", *_intro(result), ""]
    for warning in result.warnings:
        out.append(f"> Warning: {warning}")
    out.append("")
    for title, header, rows in tables(result):
        out += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(row) + " |" for row in rows]
        out.append("")
    for name, file in (plot_files or {}).items():
        out += [f"![{name}]({file})", ""]
    return "\n".join(out)


def html_report(result: StudyResult) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Study report</title><style>body{font:15px/1.5 system-ui,sans-serif;"
        "max-width:1100px;margin:auto;padding:16px}table{border-collapse:collapse}"
        "td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right}"
        "td:first-child,th:first-child{text-align:left}.warn{color:#b2182b}"
        "svg{max-width:100%;height:auto}</style></head><body><h1>Study report</h1>",
    ]
    parts += [f"<p>{e(line).replace('**', '')}</p>" for line in _intro(result)]
    parts += [f"<p class='warn'>Warning: {e(w)}</p>" for w in result.warnings]
    for title, header, rows in tables(result):
        parts.append(f"<h2>{e(title)}</h2><table><thead><tr>")
        parts += [f"<th scope='col'>{e(h)}</th>" for h in header]
        parts.append("</tr></thead><tbody>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
    for svg in plots(result).values():
        parts.append(f"<figure>{svg}</figure>")
    parts.append("</body></html>")
    return "".join(parts)


def write_report(result: StudyResult, path: Path) -> list[Path]:
    """``.html``: one file with inline plots; anything else: Markdown plus the plots as SVG
    files beside it. Returns the files written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".html", ".htm"):
        path.write_text(html_report(result), encoding="utf-8")
        return [path]
    written = [path]
    files = {}
    for name, svg in plots(result).items():
        file = path.with_name(f"{path.stem}-{name}.svg")
        file.write_text(svg, encoding="utf-8")
        files[name] = file.name
        written.append(file)
    path.write_text(markdown(result, files), encoding="utf-8")
    return written
