"""``tiewise study``: cohort studies of many ego networks (see ``tiewise/research``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tiewise.cli.base import JsonOption, _print_json, _state, app, console


class _StudyGroup(TyperGroup):
    """``tiewise study DATA …`` runs a study; ``tiewise study simulate|instruments …`` the
    helpers: a first argument that is not a subcommand is the data of ``run``."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args.insert(0, "run")
        return super().resolve_command(ctx, args)


study_app = typer.Typer(
    cls=_StudyGroup,
    help="Cohort studies: do networks pay off? Ego measures for many egos, models, instruments.",
    no_args_is_help=True,
)
app.add_typer(study_app, name="study")


def _columns(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


@study_app.command("run")
def study_run(
    data: Annotated[
        list[Path],
        typer.Argument(
            help="Folders (egos, alters, alter ties; read as one cohort) or a wide CSV."
        ),
    ],
    outcome: Annotated[str, typer.Option(help="The performance column.")] = "performance",
    controls: Annotated[
        str | None, typer.Option(help="Control columns, comma-separated (firm_age,sector,…).")
    ] = None,
    predictors: Annotated[
        str | None, typer.Option(help="Predictor columns of your own, comma-separated.")
    ] = None,
    report: Annotated[
        Path | None, typer.Option(help="Write the report: FILE.md (with SVG plots) or FILE.html.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Ego measures for every ego, then one joint model of size, composition, diversity and
    constraint against the outcome (each measure holding the others and the controls fixed),
    followed by each measure's total association (one measure and the controls; not an
    effect): OLS with HC3 errors, Holm-adjusted p-values, Spearman with bootstrap intervals,
    the minimum detectable effect and missing data reported."""
    from tiewise.research.data import read_study
    from tiewise.research.report import markdown, write_report
    from tiewise.research.study import result_to_json, run_study

    result = run_study(read_study(*data), outcome, _columns(controls), _columns(predictors))
    written = write_report(result, report) if report is not None else []
    if as_json:
        _print_json({**result_to_json(result), "report": [str(p) for p in written]})
        return
    console.print(markdown(result), markup=False, highlight=False)
    for path in written:
        console.print(f"→ {path}", markup=False, highlight=False)


@study_app.command("measures")
def study_measures(
    data: Annotated[list[Path], typer.Argument(help="Folders in the long format (one cohort).")],
    out: Annotated[Path | None, typer.Option(help="Write one row per ego to this CSV.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Ego-level measures for every ego (size, classes, density, Burt, diversity, E-I,
    composition), without a model."""
    import csv

    from tiewise.errors import InputError
    from tiewise.research.data import read_study
    from tiewise.research.measures import ego_measures

    study = read_study(*data)
    if study.networks is None:
        raise InputError(
            f"{data[0]}: expected a folder in the long format, found a single file",
            key="error.study_folder",
            values={"path": str(data[0])},
        )
    columns = ego_measures(study.networks)
    rows = [
        {"ego_id": ego, **{k: _value(v[e]) for k, v in columns.items()}}
        for e, ego in enumerate(study.ego_ids)
    ]
    if out is not None:
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    if as_json:
        _print_json({"egos": rows})
    elif out is None:
        for row in rows[:20]:
            console.print(row, markup=False, highlight=False)
    else:
        console.print(f"{len(rows)} egos → {out}", markup=False, highlight=False)


def _value(number: float) -> float | None:
    return None if number != number else round(float(number), 6)


@study_app.command("simulate")
def study_simulate(
    folder: Annotated[
        Path, typer.Argument(help="Where to write egos.csv, alters.csv, alter_ties.csv.")
    ],
    egos: Annotated[int, typer.Option(min=10, help="Number of egos.")] = 500,
    mean_alters: Annotated[float, typer.Option(min=2.0, help="Mean number of alters.")] = 15.0,
    size_effect: Annotated[float, typer.Option(help="Effect of one SD of size.")] = 0.0,
    diversity_effect: Annotated[
        float, typer.Option(help="Effect of one SD of Blau (sector).")
    ] = 0.3,
    constraint_effect: Annotated[
        float, typer.Option(help="Effect of one SD of constraint.")
    ] = -0.2,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
) -> None:
    """A synthetic cohort with known effects, in the long format, to validate the estimators."""
    from tiewise.research.simulate import simulate_cohort, write_cohort

    effects = {
        "size": size_effect,
        "sector_blau": diversity_effect,
        "constraint": constraint_effect,
    }
    paths = write_cohort(simulate_cohort(egos, mean_alters, effects, seed), folder)
    console.print(", ".join(str(p) for p in paths), markup=False, highlight=False)


@study_app.command("instruments")
def study_instruments(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="Where to write the forms and CSV templates.")],
) -> None:
    """The survey instruments — name generator with interpreters, Lin's position generator,
    Van der Gaag & Snijders' resource generator — as printable forms and CSV templates, in the
    language of --lang."""
    from tiewise.i18n import text
    from tiewise.research.instruments import RESOURCES, write_instruments

    state = _state(ctx)
    for path in write_instruments(folder, state.language):
        console.print(str(path), markup=False, highlight=False)
    for line in (
        text("study.instruments.prestige", state.language, file="position_generator_items.csv"),
        text("study.instruments.unverified", state.language, count=len(RESOURCES)),
    ):
        console.print(line, markup=False, highlight=False)
