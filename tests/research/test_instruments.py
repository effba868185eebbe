"""Survey instruments: forms in both languages, templates that the study reads back and scores."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from tiewise.errors import ImportFormatError
from tiewise.research.data import read_long
from tiewise.research.instruments import (
    POSITIONS,
    RESOURCES,
    RESOURCES_UNVERIFIED,
    isco08_prestige,
    write_instruments,
)
from tiewise.research.study import result_to_json, run_study


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
    # ISEI-08: lawyer (2611) 85, nurse (2221) 42, bellboy (9621) 30
    assert v["pg_upper_reachability"][0] == 85 and v["pg_range"][0] == 85 - 30
    assert v["pg_mean_prestige"][0] == pytest.approx((85 + 42 + 30) / 3)
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


def test_the_prestige_table_holds_ganzeboom_s_published_scores():
    """Values as printed in Ganzeboom (2010), ISCO-08 with ISEI-08 scores (isei08), his SPSS
    syntax isqoisei08.sps (isei08_sps) and isqotrei08.sps (SIOPS), as transcribed by Jann's
    crosswalk, DIGCLASS and occupar (which agree on all 590 codes)."""
    table = isco08_prestige()
    assert len(table) == 590
    expected = {
        2211: (89, 88.70, 78.01),  # generalist medical practitioners
        2611: (85, 86.72, 73.10),  # lawyers
        1120: (70, 70.34, 64.51),  # managing directors and chief executives
        2221: (42, 68.70, 54.05),  # nursing professionals: the two ISEI-08 versions differ
        9112: (16, 14.21, 20.00),  # cleaners and helpers in offices, hotels, …
    }
    for code, (isei, isei_sps, siops) in expected.items():
        assert table[code] == {"isei08": isei, "isei08_sps": isei_sps, "siops08": siops}


def test_the_positions_are_lins_22_with_isei_08_prestige(tmp_path: Path):
    """Lin's position generator needs prestige that orders the positions (Lin 2001): the
    default is ISEI-08 by ISCO-08 unit group, so nurse, CEO and lawyer differ."""
    assert len(POSITIONS) == 22 and len({i.key for i in POSITIONS}) == 22
    prestige = {i.key: i.score for i in POSITIONS}
    assert (prestige["nurse"], prestige["ceo"], prestige["lawyer"]) == (42, 70, 85)
    assert len({prestige["nurse"], prestige["ceo"], prestige["lawyer"]}) == 3
    assert all(i.score == isco08_prestige()[i.isco08]["isei08"] for i in POSITIONS)
    write_instruments(tmp_path, "en")
    rows = list(csv.DictReader((tmp_path / "position_generator_items.csv").open()))
    levels = {row["key"]: row for row in rows}
    assert [levels["lawyer"][k] for k in ("isco08", "prestige", "isei08_sps", "siops08")] == [
        "2611",
        "85",
        "86.72",
        "73.1",
    ]
    assert (levels["bellboy"]["isco08"], levels["bellboy"]["prestige"]) == ("9621", "30")
    assert (levels["ceo"]["isco08"], levels["ceo"]["prestige"]) == ("1120", "70")
    assert (levels["nurse"]["prestige"], levels["nurse"]["isei08_sps"]) == ("42", "68.7")
    form = (tmp_path / "network-survey.md").read_text()
    assert "well enough to talk to, even if you are not close" in form


def test_the_resource_generator_is_marked_unverified_in_every_output(answered: Path, tmp_path):
    """Its 31 items could not be checked against Van der Gaag & Snijders (2005), Table 2."""
    assert len(RESOURCES) == 31
    english = (answered / "network-survey.md").read_text()
    assert "these items are unverified" in english
    assert "these items are unverified" in (answered / "network-survey.html").read_text()
    write_instruments(tmp_path / "nl", "nl")
    assert "niet geverifieerd" in (tmp_path / "nl" / "network-survey.md").read_text()
    items = list(csv.DictReader((answered / "resource_generator_items.csv").open()))
    assert len(items) == 31 and {row["verified"] for row in items} == {"no"}
    cohort = tmp_path / "cohort"
    write_instruments(cohort, "en")
    rng = np.random.default_rng(5)
    for e in range(12):
        fill(cohort, "egos.csv", [[f"e{e}", round(rng.normal(), 3), e + 1, 3, "trade"]])
        fill(
            cohort,
            "alters.csv",
            [
                [f"e{e}", f"a{k}", "friend", int(rng.integers(1, 6)), 3, "weekly", "care", "x"]
                for k in range(2 + e % 4)
            ],
        )
        fill(cohort, "resource_generator.csv", [[f"e{e}", *rng.integers(0, 2, len(RESOURCES))]])
    result = run_study(read_long(cohort), controls=("firm_age",))
    assert RESOURCES_UNVERIFIED in result.warnings
    assert result_to_json(result)["resource_generator"] == "unverified"


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
