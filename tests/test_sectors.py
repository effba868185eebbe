"""Sector suggestions after an import (issue 18): organisations grouped however their name was
written, a sector suggested per group with the words behind it, reviewed and applied in one step
on the command line and the web, never overwriting a sector the user set.

The fixture ``fixtures/sectors/Connections.csv`` is a LinkedIn export of 23 connections with
Dutch and English companies and positions. What each should become, worked out by hand from
the rules in ``tiewise/sectors.py`` (organisation word: 2 × weight; positions: 1 × weight ×
share of the group's contacts; confidence = top/total × top/(top + 1)):

- **Radboudumc** (Anouk: Radboudumc, Verpleegkundige; Bram: Radboud UMC, Arts-assistent
  cardiologie; Carla: Radboud university medical center, Researcher): the three names are
  ``radboudumc`` once "university medical center" is shortened to ``umc`` and the words are
  written together → one group. ``umc`` → healthcare 2; positions: verpleegkundige and
  arts/cardiologie → healthcare 2/3, researcher → education 1/3. healthcare 2.67 of 3.0 →
  0.889 × 2.67/3.67 = **0.65**.
- **Radboud Universiteit** (Daan, Docent): another organisation — its sector word
  (universiteit) is not the UMC's → education (universiteit 2 + docent 1 = 3, nothing else:
  1 × 3/4 = **0.75**).
- **Gemeente Nijmegen** = **Municipality of Nijmegen** (Eva, Beleidsadviseur; Femke, Policy
  officer): distinctive word ``nijmegen``, sector word gemeente = municipality → one group;
  government: gemeente 2 + municipality 2 + beleidsadviseur ½·½ + policy ½·½ = 4.5 → **0.82**.
- **ABN AMRO** = **ABN AMRO Bank N.V.** (Gijs, Hanna): N.V. dropped; ``abnamro`` with no sector
  word lies within ``abnamro`` + bank → one group; finance (bank 2 → 2/3 = **0.67**).
- **Rabobank** = **Coöperatie Rabobank U.A.** (Iris, Jeroen): coöperatie and U.A. dropped;
  finance (rabobank's head "bank" 2 + hypotheekadviseur ½ → 2.5/3.5 = **0.71**).
- **Hogeschool van Arnhem en Nijmegen** (Koen, Docent ICT) → education 3 against it 1
  (0.75 × 0.75 = **0.56**); **HAN University of Applied Sciences** (Lieke, Lecturer) stays
  apart — nothing in the words says HAN is that hogeschool — and is education too (**0.75**).
- **Bol.com** (Milan, Software Engineer) → it from the position alone (1 → **0.5**).
- **DHL Supply Chain** (Noor, Warehouse manager) → logistics (supply chain 2 + warehouse 1 →
  **0.75**).
- **Eneco** (Ruben, Projectleider windparken) → energy from the position's "windpark" (**0.5**).
- **Jansen Bouw B.V.** = **Jansen Bouw en Infra** (Sanne, Uitvoerder; Thijs,
  Werkvoorbereider): {bouw} lies within {bouw, infra} → one group, construction.
- **Rijnstate** = **Ziekenhuis Rijnstate** (Sophie, Verpleegkundige; Tim, Physician
  assistant) → one group, healthcare.
- **Loyens & Loeff** (Emma, Advocaat) → legal from the position (**0.5**).
- **Acme Solutions** (Bas, Sales manager): no sector word anywhere → **no suggestion**.
- **Freelance** (Julia, UX designer) and **Zelfstandig** (Lars, Huisarts) work for themselves:
  grouped by their position's sector (design, healthcare), not with each other.
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewise import model
from tiewise.cli import app
from tiewise.i18n import text
from tiewise.sectors import (
    SECTOR_KEYS,
    SECTORS,
    check_sector,
    group_organisations,
    normal_name,
    plan_changes,
    suggest,
    suggested_choices,
)
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EXPORT = Path(__file__).parent / "fixtures" / "sectors" / "Connections.csv"
runner = CliRunner()

#: contact → (group key, suggested sector or None, confidence or None), as the docstring derives.
EXPECTED = {
    "Anouk de Vries": ("radboudumc", "healthcare", 0.65),
    "Bram Jansen": ("radboudumc", "healthcare", 0.65),
    "Carla Smit": ("radboudumc", "healthcare", 0.65),
    "Daan Bakker": ("radbouduniversiteit", "education", 0.75),
    "Eva Visser": ("gemeentenijmegen", "government", 0.82),
    "Femke de Boer": ("gemeentenijmegen", "government", 0.82),
    "Gijs Mulder": ("abnamro", "finance", 0.67),
    "Hanna Peters": ("abnamro", "finance", 0.67),
    "Iris Hendriks": ("rabobank", "finance", 0.71),
    "Jeroen Dekker": ("rabobank", "finance", 0.71),
    "Koen Brouwer": ("hogeschoolvanarnhemennijmegen", "education", 0.56),
    "Lieke Dijkstra": ("hanhogeschool", "education", 0.75),
    "Milan de Graaf": ("bolcom", "it", 0.5),
    "Noor van Leeuwen": ("dhlsupplychain", "logistics", 0.75),
    "Ruben Kok": ("eneco", "energy", 0.5),
    "Sanne Vos": ("jansenbouw", "construction", 0.83),
    "Thijs Meijer": ("jansenbouw", "construction", 0.83),
    "Julia Bos": ("~self-employed:design", "design", 0.5),
    "Lars Hendriks": ("~self-employed:healthcare", "healthcare", 0.5),
    "Emma de Wit": ("loyensloeff", "legal", 0.5),
    "Tim Smits": ("rijnstate", "healthcare", 0.75),
    "Sophie Jacobs": ("rijnstate", "healthcare", 0.75),
    "Bas van Dijk": ("acmesolutions", None, None),
}


def run(db: Path, *args: str, code: int = 0, lang: str = "en") -> str:
    result = runner.invoke(app, ["--db", str(db), "--lang", lang, *args])
    assert result.exit_code == code, (result.output, result.exception)
    return result.output


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sectors") / "imported.db"
    out = run(db, "import", "linkedin", str(EXPORT))
    assert "23 contacts have no sector yet" in " ".join(out.split())
    assert "tiewise sectors" in out
    return db


@pytest.fixture
def db(imported: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "mine.db"
    shutil.copy(imported, copy)
    return copy


def contacts_of(db: Path) -> dict[str, model.Contact]:
    with Store.open(db) as store, store.connect() as connection:
        return {c.name: c for c in repo.load_contacts(connection)}


def test_every_imported_contact_lands_in_its_group_with_its_suggestion(imported: Path):
    listed = json.loads(run(imported, "sectors", "--json"))
    found = {}
    names = {c.id: c.name for c in contacts_of(imported).values()}
    groups = group_organisations(contacts_of(imported).values())
    for group in groups:
        for member in group.members:
            suggestion = group.suggestion
            found[names[member.contact_id]] = (
                group.key,
                suggestion.sector if suggestion else None,
                suggestion.confidence if suggestion else None,
            )
    assert found == EXPECTED
    by_key = {g["key"]: g for g in listed["groups"]}
    assert set(by_key) == {key for key, _, _ in EXPECTED.values()}
    radboud = by_key["radboudumc"]
    assert radboud["variants"] == [
        "Radboudumc",
        "Radboud UMC",
        "Radboud university medical center",
    ]
    assert (radboud["contacts"], radboud["without_sector"], radboud["current"]) == (3, 3, {})
    words = {
        (w["word"], w["keyword"], w["source"], w["contacts"])
        for w in radboud["suggestion"]["words"]
    }
    assert words == {
        ("radboudumc", "umc", "organisation", 3),  # the head of the compound
        ("verpleegkundige", "verpleegkundige", "role", 1),
        ("arts", "arts", "role", 1),
        ("cardiologie", "cardiologie", "role", 1),
    }
    assert radboud["suggestion"]["scores"] == {"healthcare": 2.667, "education": 0.333}
    rabo = by_key["rabobank"]["suggestion"]["words"][0]
    assert (rabo["word"], rabo["keyword"]) == ("rabobank", "bank")
    assert [v["key"] for v in listed["vocabulary"]] == list(SECTOR_KEYS)


def test_the_listing_shows_organisation_count_sector_words_and_current(db: Path):
    run(db, "contact", "edit", "Hanna Peters", "--sector", "consulting")
    out = " ".join(run(db, "sectors").split())
    assert "Radboudumc" in out and "Health & social care (healthcare)" in out
    assert "radboudumc (umc) [organisation]" in out and "verpleegkundige [position]" in out
    assert "consulting ×1" in out  # ABN AMRO's current sector
    assert "no suggestion" in out  # Acme Solutions
    dutch = " ".join(run(db, "sectors", lang="nl").split())
    assert "Zorg & welzijn (healthcare)" in dutch and "(umc) [organisatie]" in dutch
    assert "Zelfstandig — naar functie: Creatieve sector & ontwerp" in dutch


@pytest.mark.parametrize(
    ("variants", "same"),
    [
        (("Radboud UMC", "Radboudumc", "Radboud university medical center"), True),
        (("Radboud Universitair Medisch Centrum", "Radboudumc"), True),
        (("ING Groep N.V.", "ING Nederland", "ING"), True),
        (("Philips Nederland B.V.", "Philips", "Koninklijke Philips"), False),
        (("Siemens AG", "Siemens"), True),
        (("Müller GmbH & Co. KG", "Muller"), True),
        (("Acme Ltd.", "ACME Inc", "Acme LLC", "Acme PLC", "Acme S.A."), True),
        (("The Boston Consulting Group", "Boston Consulting Group"), True),
        (("Gemeente Nijmegen", "Municipality of Nijmegen"), True),
        (("Rijkswaterstaat", "Rijkswatersaat"), True),  # a typo: fuzz.ratio 96.6
        (("Loyens & Loeff", "Loyens en Loeff"), True),
        (("Radboud Universiteit", "Radboudumc"), False),  # another organisation
        (("Gemeente Putten", "Gemeente Petten"), False),  # two towns, one letter apart
        (("Gemeente Nijmegen", "Gemeente Arnhem"), False),
        (("Jansen Bouw", "Jansen Advocaten"), False),
    ],
)
def test_variants_of_one_organisation_group_and_others_do_not(
    variants: tuple[str, ...], same: bool
):
    contacts = [model.Contact(f"P{i}", id=i, organisation=v) for i, v in enumerate(variants, 1)]
    groups = group_organisations(contacts)
    assert (len(groups) == 1) is same, [g.variants for g in groups]


def test_a_typo_joins_the_name_it_misspells_and_never_bridges_two_names():
    names = ["Basisschool Almere Bos"] * 3 + ["Basisschool Almere Vos"] * 3
    names += ["Basisschool Almere os", "Pixelwerk 12", "Pixelwerk 13", "Rijkswatersaat"]
    names += ["Rijkswaterstaat"] * 2
    contacts = [model.Contact(f"P{i}", id=i, organisation=v) for i, v in enumerate(names, 1)]
    variants = sorted(sorted(g.variants) for g in group_organisations(contacts))
    assert len(variants) == 5  # Bos (+ os, or Vos + os), Vos, 12, 13, Rijkswaterstaat
    assert ["Rijkswatersaat", "Rijkswaterstaat"] in variants
    assert ["Pixelwerk 12"] in variants and ["Pixelwerk 13"] in variants  # digits must agree
    assert not any({"Basisschool Almere Bos", "Basisschool Almere Vos"} <= set(v) for v in variants)


def test_a_bare_name_that_could_be_either_organisation_stays_on_its_own():
    names = ["Radboud Universiteit", "Radboudumc", "Radboud UMC", "Radboud"]
    contacts = [model.Contact(f"P{i}", id=i, organisation=v) for i, v in enumerate(names, 1)]
    variants = sorted(sorted(g.variants) for g in group_organisations(contacts))
    assert variants == [["Radboud"], ["Radboud UMC", "Radboudumc"], ["Radboud Universiteit"]]


def test_legal_forms_and_qualifiers_are_dropped_at_either_end():
    assert normal_name("Coöperatie Rabobank U.A.").compact == "rabobank"
    assert normal_name("ABN AMRO Bank N.V.").compact == "abnamrobank"
    assert normal_name("Vries, Jansen & Co").compact == "vriesjansen"
    assert normal_name("B.V.").compact == "bv"  # a name of a legal form only is kept
    assert normal_name("Achmea B. V.").compact == "achmea"


def test_compounds_phrases_and_false_friends():
    def sector(role: str) -> str | None:
        found = suggest((), [role])
        return found.sector if found else None

    assert sector("Verpleegkundige kinderziekenhuis") == "healthcare"
    assert sector("Zorgverzekeraar") == "finance"  # the head of the compound decides
    assert sector("Medewerker klantenzorg") is None  # customer care is no care
    assert sector("Business Developer") is None
    assert sector("Hogeschool Windesheim") == "education"  # no wind farm
    assert sector("Makelaar o.g.") == "realestate"
    assert sector("Docent") == "education" and sector("Teacher") == "education"
    assert sector("Nurse practitioner") == "healthcare"
    assert sector("Gemeentesecretaris") == "government"
    assert sector("Real estate agent") == "realestate"
    assert suggest(["Bank Ziekenhuis"], [None]) is None  # two sectors tie: no guess


def test_the_vocabulary_has_short_keys_with_english_and_dutch_labels():
    for sector in SECTORS:
        assert sector.key.isascii() and sector.key.islower() and sector.key.isalpha()
        assert len(sector.key) <= 14 and sector.nace
        assert sector.label("en") != sector.label("nl") or sector.key == "media"
        assert sector.label("nl") == text(f"sector.{sector.key}", "nl")
    assert check_sector("Zorg & welzijn") == "healthcare"  # a label becomes its key
    assert check_sector("  healthcare ") == "healthcare"
    assert check_sector("Dierenwelzijn") == "Dierenwelzijn"  # anything else as typed


def test_apply_fills_exactly_the_shown_changes_and_a_goal_target_then_finds_them(db: Path):
    before = contacts_of(db)
    shown = json.loads(run(db, "sectors", "--apply", "--json"))
    assert shown["written"] is False and contacts_of(db) == before  # a dry run writes nothing
    expected = {name: sector for name, (_, sector, _) in EXPECTED.items() if sector}
    assert {c["name"]: c["new"] for c in shown["changes"]} == expected
    assert all(c["old"] is None for c in shown["changes"])
    written = json.loads(run(db, "sectors", "--apply", "--yes", "--json"))
    assert written["changes"] == shown["changes"] and written["written"] is True
    after = contacts_of(db)
    for name, contact in after.items():
        assert contact.sector == expected.get(name), name
        assert contact.organisation == before[name].organisation  # nothing else changed
    with Store.open(db) as store:
        snapshot = load_snapshot(store)
    healthcare = {
        c.name
        for c, hit in zip(
            snapshot.contacts, snapshot.has_value("sector", ["healthcare"]), strict=True
        )
        if hit
    }
    assert healthcare == {
        "Anouk de Vries",
        "Bram Jansen",
        "Carla Smit",
        "Lars Hendriks",
        "Tim Smits",
        "Sophie Jacobs",
    }


def test_a_sector_the_user_set_is_never_overwritten_without_the_flag(db: Path):
    run(db, "contact", "edit", "Hanna Peters", "--sector", "consulting")
    out = " ".join(run(db, "sectors", "--apply", "--only", "ABN AMRO Bank", "--yes").split())
    assert "Fills the sector of 1 contact in 1 organisation" in out
    assert "ABN AMRO → Finance, insurance & accountancy (finance): Gijs Mulder" in out
    after = contacts_of(db)
    assert after["Hanna Peters"].sector == "consulting"
    assert after["Gijs Mulder"].sector == "finance"
    assert after["Anouk de Vries"].sector is None  # --only: the other groups are left
    # everything else filled; Hanna still kept
    run(db, "sectors", "--apply", "--yes")
    assert contacts_of(db)["Hanna Peters"].sector == "consulting"
    # only with --overwrite, and it says what it replaces
    out = " ".join(run(db, "sectors", "--apply", "--only", "abnamro", "--overwrite").split())
    assert "Hanna Peters (consulting)" in out and "add --yes" in out
    assert contacts_of(db)["Hanna Peters"].sector == "consulting"
    run(db, "sectors", "--apply", "--only", "abnamro", "--overwrite", "--yes")
    assert contacts_of(db)["Hanna Peters"].sector == "finance"


def test_set_chooses_another_sector_for_one_organisation(db: Path):
    run(
        db,
        "sectors",
        "--apply",
        "--only",
        "Acme Solutions",
        "--set",
        "Acme Solutions=Dierenwelzijn",
        "--yes",
    )
    assert contacts_of(db)["Bas van Dijk"].sector == "Dierenwelzijn"
    run(
        db,
        "sectors",
        "--apply",
        "--set",
        "Radboudumc=Onderwijs & onderzoek",
        "--only",
        "radboudumc",
        "--yes",
    )
    assert contacts_of(db)["Carla Smit"].sector == "education"  # a Dutch label → its key


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--set", "Radboudumc=" + "x" * 101),
            "expected a sector of at most 100 characters, found 'xxxxx",
        ),
        (("--set", "Radboudumc=zorg\x07"), "expected text without control characters"),
        (("--set", "Radboudumc"), "--set: expected ORGANISATION=SECTOR, found 'Radboudumc'"),
        (("--only", "Radboudd UMC"), "did you mean: Radboudumc"),
        (
            ("--only", "Acme Solutions"),
            "expected at least one contact whose sector would change, found none",
        ),
        (("--min-confidence", "0.99"), "expected at least one contact whose sector would change"),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(db: Path, args: tuple[str, ...], said: str):
    before = contacts_of(db)
    result = runner.invoke(app, ["--db", str(db), "sectors", "--apply", "--yes", *args])
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split())
    assert contacts_of(db) == before


def test_an_apply_when_everything_is_filled_matches_no_one(db: Path):
    run(db, "sectors", "--apply", "--yes")
    out = run(db, "sectors", "--apply", "--yes", code=2, lang="nl")
    assert "verwacht minstens één contact waarvan de sector zou veranderen" in out


def test_plan_refuses_a_group_that_is_no_longer_there():
    groups = group_organisations([model.Contact("A", id=1, organisation="Radboudumc")])
    assert suggested_choices(groups) == {"radboudumc": "healthcare"}
    with pytest.raises(Exception, match="expected an organisation listed for review"):
        plan_changes(groups, {"gone": "it"})
    assert plan_changes(groups, {"radboudumc": "healthcare"})[0].new == "healthcare"


# --- the web


def client_for(db: Path) -> TestClient:
    from tests.web.test_app import client_for as make

    return make(db)


def csrf(client: TestClient) -> str:
    from tests.web.test_app import csrf_of

    return csrf_of(client)


def test_the_web_page_lists_the_groups_and_applies_the_choices(db: Path):
    run(db, "contact", "edit", "Hanna Peters", "--sector", "consulting")
    client = client_for(db)
    page = client.get("/sectors")
    assert page.status_code == 200
    html = page.text
    assert '<tr data-group="radboudumc">' in html
    assert "also written as: Radboud UMC; Radboud university medical center" in html
    assert '<option value="healthcare" selected>' in html.split('name="sector:radboudumc"')[1]
    acme = html.split('name="sector:acmesolutions"')[1].split("</select>")[0]
    assert '<option value="" selected>leave empty</option>' in acme
    assert "<script" not in html and "style=" not in html
    # change one choice, leave one empty, keep the rest as suggested
    fields = {
        f"sector:{key}": sector
        for key, sector in suggested_choices(group_organisations(contacts_of(db).values())).items()
    }
    fields["sector:eneco"] = ""  # leave empty
    fields["sector:bolcom"] = "retail"
    response = client.post(
        "/sectors", data={"csrf": csrf(client), "form": "sectors", **fields}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "Written: the sector of 20 contacts in 14 organisations." in response.text
    after = contacts_of(db)
    assert after["Milan de Graaf"].sector == "retail"
    assert after["Ruben Kok"].sector is None
    assert after["Hanna Peters"].sector == "consulting"  # set by the user: kept
    assert after["Anouk de Vries"].sector == "healthcare"
    assert after["Bas van Dijk"].sector is None


def test_the_web_page_refuses_bad_sectors_and_writes_nothing(db: Path):
    client = client_for(db)
    before = contacts_of(db)
    token = csrf(client)
    too_long = client.post(
        "/sectors", data={"csrf": token, "form": "sectors", "sector:radboudumc": "z" * 101}
    )
    assert too_long.status_code == 400
    assert "expected a sector of at most 100 characters, found &#39;zzz" in too_long.text
    assert 'aria-invalid="true"' in too_long.text
    nothing = client.post(
        "/sectors", data={"csrf": token, "form": "sectors", "sector:radboudumc": ""}
    )
    assert nothing.status_code == 400
    assert "expected at least one contact whose sector would change" in nothing.text
    control = client.post(
        "/sectors", data={"csrf": token, "form": "sectors", "sector:radboudumc": "zorg\x07"}
    )
    assert control.status_code == 400
    assert "without control characters" in control.text
    forged = client.post("/sectors", data={"csrf": "forged", "sector:radboudumc": "it"})
    assert forged.status_code == 403
    assert contacts_of(db) == before


def test_the_web_page_in_dutch(db: Path):
    client = client_for(db)
    html = client.get("/sectors?lang=nl").text
    assert "<h1>Sectoren</h1>" in html
    assert "Zorg &amp; welzijn (healthcare)" in html and "leeg laten" in html
    assert "ook geschreven als" in html and "Toepassen" in html


def test_the_import_page_points_to_the_review(tmp_path: Path):
    client = client_for(tmp_path / "web.db")
    upload = {"file": ("Connections.csv", EXPORT.read_bytes(), "text/csv")}
    page = client.post("/import", data={"csrf": csrf(client), "kind": "linkedin"}, files=upload)
    assert page.status_code == 200
    hint = page.text.split('data-testid="import-sectors"')[1].split("</p>")[0]
    assert "23 contacts have no sector yet" in hint and 'href="/sectors"' in hint
