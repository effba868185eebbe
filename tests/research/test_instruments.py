"""Survey instruments: forms in both languages, templates that the study reads back and scores."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from tiewise.errors import ImportFormatError
from tiewise.research.data import read_long
from tiewise.research.instruments import POSITIONS, RESOURCES, write_instruments


def fill(folder: Path, name: str, rows: list[list[object]]) -> None:
    with (folder / name).open("a", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)


@pytest.fixture
def answered(tmp_path: Path) -> Path:
    write_instruments(tmp_path, "en")
    fill(tmp_path, "egos.csv", [["e1", 3.2, 5, 4, "trade"], ["e2", 1.1, 9, 2, "trade"]])
    fill(
        tmp_path,
        "alters.csv",
        [
            ["e1", "a", "friend", 5, 10, "weekly", "care", "Nijmegen"],
            ["e1", "b", "client", 2, 1, "yearly", "it", "Arnhem"],
            ["e2", "a", "family", 4, 30, "weekly", "care", "Nijmegen"],
        ],
    )
    fill(tmp_path, "alter_ties.csv", [["e1", "a", "b"]])
    positions = {"lawyer": "yes", "bellboy": "1", "nurse": "ja", "ceo": "no"}
    fill(
        tmp_path,
        "position_generator.csv",
        [["e1", *(positions.get(i.key, "") for i in POSITIONS)], ["e2", *([""] * len(POSITIONS))]],
    )
    resources = {"owns_car": 1, "shares": 1, "moving": 1, "babysit": 0}
    fill(
        tmp_path,
        "resource_generator.csv",
        [["e1", *(resources.get(i.key, 0) for i in RESOURCES)], ["e2", *([0] * len(RESOURCES))]],
    )
    return tmp_path


def test_the_forms_exist_in_both_languages(tmp_path: Path):
    english = write_instruments(tmp_path / "en", "en")
    write_instruments(tmp_path / "nl", "nl")
    assert {p.name for p in english} >= {
        "network-survey.md",
        "network-survey.html",
        "position_generator.csv",
        "resource_generator.csv",
    }
    assert (
        "discussed matters important to you" in (tmp_path / "en" / "network-survey.md").read_text()
    )
    dutch = (tmp_path / "nl" / "network-survey.html").read_text()
    assert "Kent u iemand die" in dutch and "<table>" in dutch


def test_answered_templates_are_read_and_scored(answered: Path):
    study = read_long(answered)
    v = study.variables
    assert v["pg_extensity"].tolist()[0] == 3  # lawyer, nurse, bellboy
    assert v["pg_upper_reachability"][0] == 4 and v["pg_range"][0] == 3  # 4 (lawyer) − 1
    assert np.isnan(v["pg_extensity"][1])  # nothing answered: missing, not zero
    assert v["rg_total"].tolist() == [3, 0]
    assert v["rg_political_financial_skills"][0] == 1  # shares
    assert v["rg_personal_support"][0] == 1  # moving
    assert study.networks.tie_class.tolist()[:2] == ["strong", "weak"]


def test_the_researcher_can_bring_a_prestige_scale(answered: Path):
    path = answered / "position_generator_items.csv"
    rows = list(csv.reader(path.open()))
    for row in rows[1:]:
        row[3] = {"lawyer": "88", "nurse": "65", "bellboy": "16"}.get(row[0], "50")
    with path.open("w", newline="") as out:
        csv.writer(out).writerows(rows)
    v = read_long(answered).variables
    assert (v["pg_upper_reachability"][0], v["pg_range"][0]) == (88, 72)


def test_the_positions_are_lins_22_with_their_isco_skill_levels(tmp_path: Path):
    assert len(POSITIONS) == 22 and len({i.key for i in POSITIONS}) == 22
    write_instruments(tmp_path, "en")
    rows = list(csv.DictReader((tmp_path / "position_generator_items.csv").open()))
    levels = {row["key"]: (row["isco08"], row["prestige"]) for row in rows}
    assert levels["lawyer"] == ("2611", "4")  # major group 2, professionals
    assert levels["bellboy"] == ("9621", "1")  # major group 9, elementary occupations
    assert levels["ceo"] == ("1120", "4")  # managers, skill level 3 + 4, counted as 4
    assert levels["hairdresser"] == ("5141", "2")
    form = (tmp_path / "network-survey.md").read_text()
    assert "well enough to talk to, even if you are not close" in form


def test_answers_that_name_the_relation_count_positions_reached_through_acquaintances(
    tmp_path: Path,
):
    write_instruments(tmp_path, "nl")
    fill(tmp_path, "egos.csv", [["e1", 3.2, 5, 4, "trade"], ["e2", 1.1, 9, 2, "trade"]])
    fill(tmp_path, "alters.csv", [["e1", "a", "friend", 5, 10, "weekly", "care", "Nijmegen"]])
    fill(tmp_path, "alters.csv", [["e2", "a", "friend", 5, 10, "weekly", "care", "Nijmegen"]])
    e1 = {"lawyer": "kennis", "nurse": "Friend", "bellboy": "ja", "ceo": "acquaintance"}
    e2 = {"lawyer": "yes", "nurse": "yes"}
    fill(
        tmp_path,
        "position_generator.csv",
        [
            ["e1", *(e1.get(i.key, "nee") for i in POSITIONS)],
            ["e2", *(e2.get(i.key, "") for i in POSITIONS)],
        ],
    )
    e1_resources = {"owns_car": "familie", "shares": "kennis", "moving": "vriend"}
    fill(
        tmp_path,
        "resource_generator.csv",
        [
            ["e1", *(e1_resources.get(i.key, 0) for i in RESOURCES)],
            ["e2", *(["1"] * len(RESOURCES))],
        ],
    )
    v = read_long(tmp_path).variables
    assert v["pg_extensity"].tolist() == [4, 2]
    assert v["pg_via_acquaintances"][0] == 2  # the lawyer and the chief executive
    assert np.isnan(v["pg_via_acquaintances"][1])  # plain yes: the relation is not known
    assert v["rg_total"].tolist() == [3, len(RESOURCES)]
    assert v["rg_via_acquaintances"][0] == 1 and np.isnan(v["rg_via_acquaintances"][1])


def test_a_bad_answer_names_file_row_and_item(answered: Path):
    fill(answered, "resource_generator.csv", [["e1", "maybe", *([0] * (len(RESOURCES) - 1))]])
    with pytest.raises(ImportFormatError) as caught:
        read_long(answered)
    assert (Path(caught.value.file).name, caught.value.line, caught.value.field) == (
        "resource_generator.csv",
        4,
        RESOURCES[0].key,
    )
