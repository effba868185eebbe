"""``tiewise study`` and ``tiewise export --anonymous`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewise.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cohort")
    run("study", "simulate", str(folder), "--egos", "250", "--seed", "11")
    return folder


def test_a_simulated_cohort_is_studied_with_every_number_in_json(cohort: Path, tmp_path: Path):
    report = tmp_path / "study.md"
    data = json.loads(
        run(
            "study",
            str(cohort),
            "--controls",
            "firm_age,firm_size,industry",
            "--report",
            str(report),
            "--json",
        )
    )
    assert data["egos"] == 250
    names = [m["name"] for m in data["models"]]
    measures = ["size", "share_strong", "share_weak", "sector_blau", "constraint"]
    assert names == ["joint", *(f"total association: {m}" for m in measures)]
    joint = data["models"][0]  # shown first: each measure holding the others fixed
    assert joint["kind"] == "joint" and joint["predictors"] == measures
    assert "holds the other network measures" in joint["meaning"]
    assert all("not an effect" in m["meaning"] for m in data["models"][1:])
    size = joint["coefficients"][0]
    assert size["name"] == "size"
    assert size["per_sd_low"] <= size["per_sd"] <= size["per_sd_high"]
    assert size["mde_per_sd"] > 0 and 0 <= size["p_holm"] <= 1
    blau = next(c for c in joint["coefficients"] if c["name"] == "sector_blau")
    assert blau["per_sd_low"] > 0  # the planted 0.3 is found
    assert any("tests of predictors (joint)" in w for w in data["warnings"])
    assert data["resource_generator"] is None  # no resource generator in these data
    assert {c["x"] for c in data["correlations"]} >= {"size", "constraint", "sector_blau"}
    text = report.read_text()
    assert "# Study report" in text and "Does network size predict performance?" in text
    assert "In the joint model (holding share_strong, share_weak, sector_blau, constraint" in text
    assert "Total association of size" in text and "This is not an effect of size" in text
    assert text.index("## Model: joint") < text.index("## Model: total association: size")
    assert (tmp_path / "study-effects.svg").read_text().startswith("<?xml")


def test_an_html_report_has_its_plots_inline(cohort: Path, tmp_path: Path):
    run("study", "run", str(cohort), "--report", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text()
    assert html.count("<svg") == 2 and "<table>" in html


def test_the_instruments_command_names_the_prestige_source_and_the_unverified_items(
    tmp_path: Path,
):
    out = " ".join(run("study", "instruments", str(tmp_path / "forms")).split())
    assert "ISEI-08 (Ganzeboom 2010)" in out
    assert "resource generator's 31 items and their subscales are unverified" in out
    assert (tmp_path / "forms" / "resource_generator_items.csv").is_file()
    dutch = run("--lang", "nl", "study", "instruments", str(tmp_path / "nl"))
    assert "niet geverifieerd" in " ".join(dutch.split())


def test_measures_for_every_ego_go_to_a_csv(cohort: Path, tmp_path: Path):
    run("study", "measures", str(cohort), "--out", str(tmp_path / "m.csv"))
    lines = (tmp_path / "m.csv").read_text().splitlines()
    assert len(lines) == 251
    assert lines[0].startswith("ego_id,size,ties,density,effective_size")


def test_bad_study_input_is_one_line_and_exit_2(cohort: Path, tmp_path: Path):
    result = runner.invoke(app, ["study", str(cohort), "--outcome", "turnover"])
    assert result.exit_code == 2
    assert "'turnover': expected a column of the data" in result.stderr
    (tmp_path / "alters.csv").write_text("ego_id,alter_id\nx,1\n")
    (tmp_path / "egos.csv").write_text("ego_id,performance\ny,1\n")
    result = runner.invoke(app, ["study", str(tmp_path)])
    assert result.exit_code == 2
    assert "alters.csv, line 2, field 'ego_id'" in result.stderr


def test_the_anonymous_export_names_nobody(demo_copy: Path, tmp_path: Path):
    out = json.loads(
        run("--db", str(demo_copy), "export", str(tmp_path / "x"), "--anonymous", "--json")
    )
    assert [Path(p).name for p in out["files"]] == ["egos.csv", "alters.csv", "alter_ties.csv"]
    measures = json.loads(run("study", "measures", str(tmp_path / "x"), "--json"))
    assert measures["egos"][0]["size"] > 400
    exported = "".join(Path(p).read_text(encoding="utf-8") for p in out["files"])
    contacts = json.loads(run("--db", str(demo_copy), "contacts", "--json"))
    assert not any(c["name"] in exported for c in contacts)
    assert not any(e in exported for c in contacts for e in c["emails"])


def test_several_anonymous_exports_are_one_cohort(demo_copy: Path, tmp_path: Path, cohort: Path):
    """Two people's exports (here: the demo twice, ids made distinct by a second secret)."""
    run("--db", str(demo_copy), "export", str(tmp_path / "eva"), "--anonymous")
    other = tmp_path / "other.db"
    other.write_bytes(demo_copy.read_bytes())
    from tiewise.store import Store
    from tiewise.store import repository as repo

    with Store.open(other) as store, store.begin() as connection:
        repo.set_setting(connection, "export.secret", "ab" * 32)
    run("--db", str(other), "export", str(tmp_path / "bob"), "--anonymous")
    both = json.loads(
        run("study", "measures", str(tmp_path / "eva"), str(tmp_path / "bob"), "--json")
    )
    assert len(both["egos"]) == 2
    assert both["egos"][0]["size"] == both["egos"][1]["size"]
    assert both["egos"][0]["ego_id"] != both["egos"][1]["ego_id"]
    result = runner.invoke(app, ["study", "measures", str(tmp_path / "eva"), str(tmp_path / "eva")])
    assert result.exit_code == 2 and "a unique ego id" in result.stderr
    assert "eva/egos.csv, line 2" in result.stderr
