"""Reading study data: the long format (ours, egor's names, Network Canvas' export), the wide
format, and errors that name file, row and column."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tiewise.errors import ImportFormatError
from tiewise.research.data import read_long, read_study, read_wide
from tiewise.research.measures import ego_measures


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


LONG = {
    "egos.csv": "ego_id,performance,sector\ne1,2.5,it\ne2,1.0,care\n",
    "alters.csv": "ego_id,alter_id,name,sector,closeness\n"
    "e1,a,Anna,it,5\ne1,b,Bob,care,2\ne1,c,Cees,it,3\ne2,a,Dirk,care,4\n",
    "alter_ties.csv": "ego_id,source,target\ne1,a,b\n",
}


def test_the_long_format_is_read_with_its_variables(tmp_path: Path):
    study = read_long(write(tmp_path, LONG))
    nets = study.networks
    assert study.ego_ids == ("e1", "e2")
    assert nets.size.tolist() == [3, 1]
    assert study.variables["performance"].tolist() == [2.5, 1.0]
    assert "name" not in nets.categorical  # names never enter a study
    assert nets.tie_class.tolist() == ["strong", "weak", "medium", "strong"]
    m = ego_measures(nets)
    assert m["ties"].tolist() == [1, 0]
    assert m["sector_ei"][0] == pytest.approx((1 - 2) / 3)
    assert m["closeness_mean"].tolist() == [pytest.approx(10 / 3), 4.0]


def test_egor_column_names_and_semicolons_are_understood(tmp_path: Path):
    files = {
        "egos.csv": ".egoID;performance\n1;3\n",
        "alters.csv": ".egoID;.altID;sector\n1;1;it\n1;2;it\n",
        "aaties.csv": ".egoID;.srcID;.tgtID\n1;1;2\n",
    }
    m = ego_measures(read_long(write(tmp_path, files)).networks)
    assert (m["size"][0], m["density"][0]) == (2, 1.0)


def test_a_network_canvas_export_is_read(tmp_path: Path):
    files = {
        "c1_s1_ego.csv": "networkCanvasEgoUUID,networkCanvasCaseID,turnover\nU1,case1,100\n",
        "c1_s1_attributeList_Person.csv": "nodeID,networkCanvasEgoUUID,networkCanvasUUID,"
        "name,close\n1,U1,P1,Ann,true\n2,U1,P2,Ben,false\n3,U1,P3,Cor,true\n",
        "c1_s1_edgeList_Knows.csv": "edgeID,from,to,networkCanvasEgoUUID,networkCanvasUUID,"
        "networkCanvasSourceUUID,networkCanvasTargetUUID\n1,1,2,U1,E1,P1,P2\n2,2,3,U1,E2,P2,P3\n",
    }
    study = read_long(write(tmp_path, files))
    assert study.variables["turnover"].tolist() == [100.0]
    assert "networkCanvasCaseID" not in study.variables
    m = ego_measures(study.networks)
    assert (m["size"][0], m["ties"][0]) == (3, 2)
    assert m["close=true"][0] == pytest.approx(2 / 3)


def test_a_wide_file_is_read(tmp_path: Path):
    path = tmp_path / "wide.csv"
    path.write_text("ego_id,size,performance,sector\nx,10,1.5,it\ny,20,,care\n")
    study = read_study(path)
    assert study.networks is None
    assert np.isnan(study.variables["performance"][1])
    assert study.variables["sector"].tolist() == ["it", "care"]


@pytest.mark.parametrize(
    ("change", "file", "line", "field"),
    [
        ({"alters.csv": "ego,alter_id\ne1,a\n"}, "alters.csv", 1, "ego_id"),
        ({"alters.csv": "ego_id,alter_id\ne1,a\ne9,b\n"}, "alters.csv", 3, "ego_id"),
        ({"alters.csv": "ego_id,alter_id\ne1,a\n"}, "egos.csv", 3, "ego_id"),  # e2 has no alters
        ({"alter_ties.csv": "ego_id,source,target\ne1,a,zz\n"}, "alter_ties.csv", 2, "target"),
        ({"egos.csv": "ego_id\ne1\ne1\n"}, "egos.csv", 3, "ego_id"),
    ],
    ids=["missing-column", "unknown-ego", "ego-without-alters", "unknown-alter", "duplicate-ego"],
)
def test_bad_input_names_file_row_and_column(tmp_path: Path, change, file, line, field):
    folder = write(tmp_path, {**LONG, **change})
    with pytest.raises(ImportFormatError) as caught:
        read_long(folder)
    error = caught.value
    assert (Path(error.file).name, error.line, error.field) == (file, line, field)
    assert str(error).startswith(str(folder / file))


def test_a_missing_file_and_a_wide_file_without_ids_are_refused(tmp_path: Path):
    with pytest.raises(ImportFormatError, match="the alters file"):
        read_long(write(tmp_path / "only-egos", {"egos.csv": "ego_id\ne1\n"}))
    (tmp_path / "w.csv").write_text("person,size\n1,2\n")
    with pytest.raises(ImportFormatError, match="ego id column"):
        read_wide(tmp_path / "w.csv")
