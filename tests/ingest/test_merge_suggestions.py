"""Merge suggestions: the same person across sources, judged on identity evidence for and against.

The rule (``identity.suggest_merges``, docs/capture.md): a similar name is necessary but never
enough; a shared employer — the same organisation, the same work e-mail domain, or a work domain
that names the other's organisation — makes a candidate. Evidence is added up the way Fellegi &
Sunter (1969, *JASA* 64) add agreement and disagreement weights: name 1–2 points, employer +1,
different addresses at the organisation's domain −2, two profiles on one site −1, different
organisations −1; a pair is suggested when the sum is above 0, and evidence against is said.
"""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from tests.test_cli import run
from tiewise import model as M
from tiewise.errors import InputError, NotFoundError
from tiewise.identifiers import identifier
from tiewise.ingest import merging
from tiewise.ingest.identity import (
    _similar_pairs,
    email_domain_label,
    name_key,
    suggest_merges,
)

EMAIL, URL = M.IdentifierKind.EMAIL, M.IdentifierKind.PROFILE_URL
NOW = datetime(2026, 11, 1, 12)


def contact(id: int, name: str, organisation: str | None = None, *ids: tuple) -> M.Contact:
    identifiers = tuple(identifier(kind, value) for kind, value in ids)
    return M.Contact(id=id, name=name, organisation=organisation, identifiers=identifiers)


def keys(suggestion) -> list[str]:
    return [item.reason.key for item in suggestion.evidence]


def points(similarity: float) -> float:
    """Name points: 1 at the threshold 85, 2 at 100."""
    return 1 + (similarity - 85) / 15


def test_the_same_person_from_a_calendar_and_from_linkedin_is_found():
    """Issue 16 saw this missed. The calendar knows Anouk by her work address and an Outlook-style
    name ("Berg, Anouk van der"), LinkedIn by her organisation and profile; there is nothing to
    compare an organisation with on the calendar side, so only the e-mail domain can say she works
    at Radboudumc. Evidence: the same name (token sort ratio 100, particles ignored) 2 points,
    domain radboudumc.nl names the organisation "Radboudumc" +1, nothing against → score 3.

    The same for a domain that abbreviates the organisation (ondernemersclubnij.nl ↔
    "Ondernemersclub Nijmegen": the label is a prefix of the organisation, ≥ 5 characters)."""
    contacts = [
        contact(1, "Berg, Anouk van der", None, (EMAIL, "anouk.vdberg@radboudumc.nl")),
        contact(2, "Anouk van der Berg", "Radboudumc", (URL, "linkedin.com/in/anoukvdberg")),
        contact(3, "Olivier Heijmans", None, (EMAIL, "olivier@ondernemersclubnij.nl")),
        contact(4, "Olivier Heijmans", "Ondernemersclub Nijmegen", (URL, "linkedin.com/in/oh")),
        contact(5, "Sem Bakker", "Radboudumc", (URL, "linkedin.com/in/sembakker")),
    ]
    found = suggest_merges(contacts)
    assert [(s.contact_a, s.contact_b) for s in found] == [(1, 2), (3, 4)]
    anouk = found[0]
    assert anouk.score == 3.0
    assert anouk.name_similarity == 100.0
    assert keys(anouk) == ["merge.same_name", "merge.domain_matches"]
    assert not anouk.against
    assert anouk.reasons == [
        "same name (Anouk van der Berg; particles and accents ignored)",
        "e-mail domain radboudumc.nl matches the organisation Radboudumc",
    ]
    assert found[1].score == 3.0
    assert found[1].organisation == "Ondernemersclub Nijmegen"


def test_different_addresses_at_one_organisation_speak_against_and_say_so():
    """Issue 16 saw three different people with different e-mail addresses at one organisation
    proposed for merging, with nothing said against it. An organisation gives one person one
    address, so two addresses at its domain speak against one person (−2).

    Three Sanne Jansen(s) at Rabobank, each with her own address. Same-name pair (1, 2): 2 + 1 − 2
    = 1 > 0, suggested and marked "(speaks against)". Similar-name pairs: the name earns
    1 + (s − 85)/15 < 2, so the score is below 1 and shown only if still above 0 — always with
    the evidence against. With a LinkedIn profile each (two profiles on one site, −1 more), the
    evidence against outweighs and none is suggested."""
    people = [
        (1, "Sanne Jansen", "sanne.jansen@rabobank.nl"),
        (2, "Sanne Jansen", "s.jansen@rabobank.nl"),
        (3, "Sanne Janssen", "sanne.janssen@rabobank.nl"),
    ]
    contacts = [contact(i, name, "Rabobank", (EMAIL, mail)) for i, name, mail in people]
    found = suggest_merges(contacts)
    assert found, "similar names at one organisation are shown, with what speaks against"
    for suggestion in found:
        assert suggestion.against
        assert "merge.different_emails" in keys(suggestion)
        assert any(r.endswith("(speaks against)") for r in suggestion.reasons)
    same = next(s for s in found if (s.contact_a, s.contact_b) == (1, 2))
    assert same.score == 1.0
    assert same.reasons == [
        "same name (Sanne Jansen; particles and accents ignored)",
        "same organisation (Rabobank)",
        "different e-mail addresses at the same organisation (sanne.jansen@rabobank.nl and "
        "s.jansen@rabobank.nl) (speaks against)",
    ]
    assert same.reasons_in("nl")[2].endswith("(pleit ertegen)")
    similar = fuzz.token_sort_ratio("sanne jansen", "sanne janssen")
    pair = next(s for s in found if (s.contact_a, s.contact_b) == (1, 3))
    assert pair.score == pytest.approx(points(similarity=similar) + 1 - 2, abs=1e-5)
    assert found[0] is same  # highest score first

    with_profiles = [
        M.Contact(
            id=c.id,
            name=c.name,
            organisation=c.organisation,
            identifiers=(*c.identifiers, identifier(URL, f"linkedin.com/in/sanne-{c.id}")),
        )
        for c in contacts
    ]
    assert suggest_merges(with_profiles) == []


def test_a_name_alone_never_makes_one_person():
    """Same name, no shared employer: different organisations, addresses at a free mail
    provider (gmail.com says nothing about an employer), or nothing at all → no suggestion."""
    contacts = [
        contact(1, "Anouk van der Berg", "Radboudumc"),
        contact(2, "Anouk van den Berg", "Rijnstate"),
        contact(3, "Anouk van der Berg", None, (EMAIL, "anouk.berg@gmail.com")),
        contact(4, "Anouk van der Berg", None, (EMAIL, "anoukberg@gmail.com")),
        contact(5, "Anouk van der Berg"),
    ]
    assert suggest_merges(contacts) == []


def test_different_organisations_with_one_work_domain_speak_against():
    """The same work domain is a shared employer (+1); two different organisations recorded
    speak against (−1), and the addresses differ (−2): 2 + 1 − 1 − 2 = 0, not above 0, so no
    suggestion. Without the second organisation: 2 + 1 − 2 = 1, suggested with the evidence."""
    a = contact(1, "Pieter Jansen", "Gemeente Nijmegen", (EMAIL, "p.jansen@nijmegen.nl"))
    b = contact(2, "Pieter Jansen", "Nijmegen Marketing", (EMAIL, "pieter@nijmegen.nl"))
    assert suggest_merges([a, b]) == []
    (only,) = suggest_merges([a, M.Contact(id=2, name=b.name, identifiers=b.identifiers)])
    assert only.score == 1.0
    assert keys(only) == ["merge.same_name", "merge.same_domain", "merge.different_emails"]
    assert only.organisation == "nijmegen.nl"


def test_decided_pairs_and_merged_away_contacts_are_not_suggested():
    contacts = [
        contact(1, "Anouk de Vries", "Radboudumc"),
        contact(2, "Anouk de Vries", "Radboudumc"),
        M.Contact(id=3, name="Anouk de Vries", organisation="Radboudumc", merged_into=1),
    ]
    assert [(s.contact_a, s.contact_b) for s in suggest_merges(contacts)] == [(1, 2)]
    assert suggest_merges(contacts, decided=[(2, 1)]) == []


def test_blocking_by_name_token_finds_what_all_pairs_find_when_a_token_is_shared():
    """Blocking compares only names that share a normalised token. On a hand-made list every
    pair at or above the threshold that shares a token is found, exactly as scoring all pairs
    would; the only pairs given up are those with no token in common."""
    names = [
        name_key(n)
        for n in (
            "Anouk van der Berg",
            "Anouk v.d. Berg",
            "Anouk Bergh",
            "Berg, Anouk",
            "Olivier Heijmans",
            "Olivier Heijmen",
            "Sanne Jansen",
            "Sanne Janssen",
            "Jon Smtih",
            "John Smith",
            "",
            "",
        )
    ]
    found = {(i, j): s for i, j, s in _similar_pairs(names, 85)}
    every = {}
    for i, j in itertools.combinations(range(len(names)), 2):
        score = fuzz.token_sort_ratio(names[i], names[j])
        if names[i] and names[j] and score >= 85 and set(names[i].split()) & set(names[j].split()):
            every[(i, j)] = score
    assert found.keys() == every.keys()
    for pair, score in every.items():
        assert found[pair] == pytest.approx(score, abs=1e-4)
    assert (0, 1) in found and found[(0, 1)] == 100.0  # particles ignored
    assert (8, 9) not in found  # no token in common: given up by blocking


def test_email_domain_labels():
    assert email_domain_label("mail.radboudumc.nl") == "radboudumc"
    assert email_domain_label("hendriks-bouw.nl") == "hendriksbouw"
    assert email_domain_label("dept.ox.ac.uk") == "ox"


def test_bad_input_is_refused_with_a_typed_error(store):
    with pytest.raises(InputError, match="threshold"):
        suggest_merges([], threshold=100)
    with pytest.raises(InputError, match="threshold"):
        suggest_merges([], threshold=-1)
    with pytest.raises(InputError, match="two different contacts"):
        merging.keep_apart(store, 3, 3, NOW)
    with pytest.raises(NotFoundError, match="no contact with id 41"):
        merging.keep_apart(store, 41, 42, NOW)


def test_cli_lists_the_evidence_and_the_score(tmp_path: Path):
    """``merge --list --json`` carries score and every piece of evidence with its points; the
    text list and the Dutch one say what speaks against."""
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Sanne Jansen", "--org", "Rabobank", "--email", "sj@rabobank.nl")
    run(db, "contact", "add", "Sanne Jansen", "--org", "Rabobank", "--email", "s.j@rabobank.nl")
    (row,) = json.loads(run(db, "merge", "--list", "--json"))
    assert (row["contact_a"], row["contact_b"], row["score"]) == (1, 2, 1.0)
    assert [(e["code"], e["points"]) for e in row["evidence"]] == [
        ("merge.same_name", 2.0),
        ("merge.same_organisation", 1.0),
        ("merge.different_emails", -2.0),
    ]
    assert row["evidence"][2]["figures"] == {"a": "sj@rabobank.nl", "b": "s.j@rabobank.nl"}
    listed = " ".join(run(db, "merge", "--list").split())  # the console wraps long lines
    assert "score 1.0: same name" in listed
    assert "(speaks against)" in listed
    dutch = " ".join(run(db, "merge", "--list", lang="nl").split())
    assert "score 1,0: dezelfde naam" in dutch
    assert "(pleit ertegen)" in dutch


def test_the_merge_review_page_shows_score_and_what_speaks_against(tmp_path: Path):
    """The web's merge review shows each pair with its score and evidence; evidence against is
    set in bold and says so, in English and in Dutch."""
    from tests.web.test_app import client_for

    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Sanne Jansen", "--org", "Rabobank", "--email", "sj@rabobank.nl")
    run(db, "contact", "add", "Sanne Jansen", "--org", "Rabobank", "--email", "s.j@rabobank.nl")
    client = client_for(db)
    page = client.get("/merge")
    assert page.status_code == 200
    assert "score 1.0: same name (Sanne Jansen; particles and accents ignored)" in page.text
    assert (
        '<strong class="against">different e-mail addresses at the same organisation '
        "(sj@rabobank.nl and s.j@rabobank.nl) (speaks against)</strong>"
    ) in page.text
    dutch = client.get("/merge?lang=nl")
    assert "score 1,0: dezelfde naam" in dutch.text
    assert "(pleit ertegen)</strong>" in dutch.text
