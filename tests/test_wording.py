"""What a reader saw in issue 19, said right in English and Dutch: no negative zero, figures
formatted alike, reasons that read on after ";", no "— — —" for what is not known, each
e-mail once, and stored values (contexts, sectors, a tie's status, import reasons) in the
reader's language."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.test_catalogues import entries
from tests.test_cli import run
from tiewise.advice.reasons import Reason, Term
from tiewise.cli.contacts import _known
from tiewise.display import number
from tiewise.i18n import label, text
from tiewise.ingest.tally import Entry, Why


@pytest.mark.parametrize(("language", "said"), [("en", "0.000"), ("nl", "0,000")])
def test_a_hierarchy_just_below_zero_is_no_negative_zero(language, said):
    shown = number(-1e-12, 3, language)
    assert shown == said
    assert "-0" not in text("meaning.hierarchy", language, hierarchy=shown)


def test_a_ties_strength_has_two_decimals_as_everywhere_else():
    reason = Reason("portfolio.tie", {"klass": Term("weak", "zwak"), "strength": 0.0})
    assert reason.render("en") == "weak tie, strength 0.00"
    assert reason.render("nl") == "band: zwak, sterkte 0,00"


def test_a_reason_read_after_a_semicolon_starts_in_lower_case():
    keys = [
        "introduction.brokerage",
        "introduction.credibility",
        "introduction.give_back",
        "introduction.same_circle",
        "ledger.ahead",
        "ledger.even",
        "ledger.last_given",
    ]
    for language in ("en", "nl"):
        said = entries("tiewise", language)
        assert [k for k in keys if any(f[:1].isupper() for f in said[k])] == [], language


def test_what_is_not_known_of_a_contact_to_rate_is_left_out_not_dashed():
    nothing = SimpleNamespace(organisation=None), SimpleNamespace(contexts=())
    assert _known(*nothing, "en") == []
    sports = SimpleNamespace(organisation=None), SimpleNamespace(contexts=("sports",))
    assert _known(*sports, "en") == [" — sports"]
    assert _known(*sports, "nl") == [" — sport"]


def test_stored_values_are_said_in_the_readers_language():
    assert label("context.value", "Sports", "nl") == "sport"
    assert label("context.value", "Rotary", "nl") == "Rotary"  # typed by the user: as it is
    assert label("tie_status", "keep", "nl") == "aanhouden"
    assert label("tie_status", "let_go", "en") == "let go"
    assert label("sector", "finance", "nl").startswith("Financiën")
    assert label("sector", None, "nl") == "—"


def test_me_says_its_labels_in_dutch_and_each_address_once(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "me", "--name", "Ann Bos", "--email", "Ann@Example.nl", "--email", "ann@example.nl")
    english = run(db, "me")
    assert english.count("ann@example.nl") == 1
    assert "e-mail addresses: ann@example.nl" in english
    dutch = run(db, "me", lang="nl")
    assert "e-mailadressen: ann@example.nl" in dutch
    assert "naam: Ann Bos" in dutch and "organisation" not in dutch


def test_show_says_contexts_status_and_the_strength_breakdown_in_dutch(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Carlijn Meijer", "--context", "sports", "--closeness", "4")
    shown = " ".join(run(db, "contact", "show", "Carlijn", lang="nl").split())
    assert "contexten: sport" in shown
    assert "status: actief" in shown
    assert "nabijheid 0,75 → +0,53" in shown
    assert "closeness" not in shown and "0.75" not in shown


def test_import_reasons_are_said_in_the_readers_language_and_stay_english_in_json():
    why = Why(
        "import.why.one_person",
        reasons=Why.joined(
            [
                Why("import.why.same.email", value="a@b.nl"),
                Why("import.why.same.phone", value="+31612345678"),
            ]
        ),
    )
    assert why == "same e-mail a@b.nl; same valid phone +31612345678 — one person"
    assert why.said("nl") == (
        "zelfde e-mail a@b.nl; zelfde geldige telefoon +31612345678 — één persoon"
    )
    entry = Entry(why, "line 3: Anouk", "contact 7 (Anouk)")
    assert entry.as_json()["why"] == str(why)
    assert entry.said("nl").endswith("— één persoon")
    assert str(entry).startswith("line 3: Anouk → contact 7 (Anouk): same e-mail")
