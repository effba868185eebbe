"""The search (``store/search.py``) on a small network with names that trip up search engines:
accents, case, word order, prefixes, e-mail, tags, notes, sectors, merged records, erasure, and
writes that bypass ``Store.begin``. ``tests/test_postgres.py`` runs the same cases on
PostgreSQL and checks that both engines give identical id lists."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

import pytest
from sqlalchemy import text

from tiewise import model
from tiewise.errors import NotFoundError
from tiewise.model import IdentifierKind as IK
from tiewise.store import Store, search
from tiewise.store import repository as repo
from tiewise.store import tags as tagging

WHEN = datetime(2026, 12, 1, 12, 0)

#: name, organisation, role, sector, region, e-mail, tags, note
PEOPLE: list[tuple[str, ...]] = [
    ("Aimée Dubois", "Radboud UMC", "cardiologist", "healthcare", "Nijmegen",
     "aimee.dubois@radboudumc.nl", "", ""),
    ("Søren Kierkegaard", "Københavns Universitet", "lecturer", "education", "København",
     "", "", ""),
    ("Elif Çelik", "Çelik Bouw", "owner", "construction", "Arnhem", "", "", ""),
    ("Seán O'Brien", "", "Software Engineer", "software", "Dublin", "", "", ""),
    ("Elena de Graaf", "Gemeente Nijmegen", "policy advisor", "government", "Nijmegen",
     "", "", ""),
    ("Jan de Graaf", "Bakkerij De Graaf", "baker", "retail", "Utrecht", "", "", ""),
    ("Hans Müller", "Müller GmbH", "director", "logistics", "Köln", "", "", ""),
    ("Petra Mueller", "", "", "", "", "petra@mueller.de", "", ""),
    ("Anna Muller", "", "", "", "", "", "", ""),
    ("Zoë van der Berg", "", "", "finance", "", "", "investor|Angel Investor", ""),
    ("François Lefèvre", "", "", "", "", "", "",
     "Met at the Zevenheuvelenloop; loves jazz and Œuvres complètes."),
    ("Björn Ångström", "Ångström Lab", "", "", "Uppsala", "", "", ""),
    ("Łukasz Wałęsa", "", "", "", "Gdańsk", "", "", ""),
    ("İsmail Yılmaz", "", "", "", "İstanbul", "", "", ""),
    ("Jürgen Großmann", "", "", "", "", "", "", ""),
    ("王小明", "华为", "", "", "", "", "", ""),
    ("Σωκράτης Παπαδόπουλος", "", "", "", "Αθήνα", "", "", ""),
    ("Дмитрий Иванов", "", "", "", "", "", "", ""),
    ("Anne-Marie Janssen-van Dijk", "", "", "", "", "", "", ""),
    ("Noël Citroën", "", "", "", "", "", "", ""),
    ("Æsa Ærenlund", "", "", "", "", "", "", ""),
    ("Manuel García", "Hospital Clínic", "", "healthcare", "Barcelona", "", "", ""),
    ("María José Núñez", "", "", "", "", "", "", ""),
    ("Ömer Öztürk", "", "", "", "", "", "runner", ""),
    ("Eva de Wit", "", "", "design", "Nijmegen", "", "", ""),
    ("E. de Wit", "Studio Wit", "", "", "", "eva@studiowit.nl", "", "Runs the studio"),
    ("Piet Jansen", "", "", "", "", "", "", "Knows everyone at the Radboud"),
    ("Anna de Vries", "", "", "", "", "", "", ""),
    ("Janna Visser", "", "", "", "", "", "", ""),
    ("Ursula Hébert", "", "", "", "", "ursula@example.com", "", ""),
    ("Samuel Ueda", "", "", "", "", "", "", ""),
]  # fmt: skip
MERGED = ("E. de Wit", "Eva de Wit")  # the first was merged into the second

#: query → the names it finds
CASES: list[tuple[str, set[str]]] = [
    ("aimee", {"Aimée Dubois"}),
    ("AIMÉE", {"Aimée Dubois"}),
    ("Aimée", {"Aimée Dubois"}),
    ("graaf elena", {"Elena de Graaf"}),
    ("elena graaf", {"Elena de Graaf"}),
    ("de graaf", {"Elena de Graaf", "Jan de Graaf"}),
    ("radboud", {"Aimée Dubois", "Piet Jansen"}),  # her organisation, his note
    ("healthcare", {"Aimée Dubois", "Manuel García"}),
    ("health", {"Aimée Dubois", "Manuel García"}),
    ("aimee.dubois@radboudumc.nl", {"Aimée Dubois"}),
    ("radboudumc", {"Aimée Dubois"}),
    ("investor", {"Zoë van der Berg"}),
    ("angel", {"Zoë van der Berg"}),
    ("jazz", {"François Lefèvre"}),
    ("oeuvres", {"François Lefèvre"}),
    ("soren", {"Søren Kierkegaard"}),
    ("Søren", {"Søren Kierkegaard"}),
    ("kobenhavn", {"Søren Kierkegaard"}),
    ("celik", {"Elif Çelik"}),
    ("Çelik bouw", {"Elif Çelik"}),
    ("obrien", {"Seán O'Brien"}),
    ("o'brien", {"Seán O'Brien"}),
    ("brien sean", {"Seán O'Brien"}),
    ("muller", {"Hans Müller", "Anna Muller"}),
    ("mueller", {"Hans Müller", "Petra Mueller"}),
    ("müller", {"Hans Müller", "Anna Muller", "Petra Mueller"}),
    ("MÜLLER gmbh", {"Hans Müller"}),
    ("koln", {"Hans Müller"}),
    ("koeln", {"Hans Müller"}),
    ("grossmann", {"Jürgen Großmann"}),
    ("Großmann", {"Jürgen Großmann"}),
    ("juergen", {"Jürgen Großmann"}),
    ("angstrom", {"Björn Ångström"}),
    ("bjorn", {"Björn Ångström"}),
    ("lukasz walesa", {"Łukasz Wałęsa"}),
    ("gdansk", {"Łukasz Wałęsa"}),
    ("ismail yilmaz", {"İsmail Yılmaz"}),
    ("istanbul", {"İsmail Yılmaz"}),
    ("王", {"王小明"}),
    ("华为", {"王小明"}),
    ("σωκρατης", {"Σωκράτης Παπαδόπουλος"}),
    ("ΑΘΗΝΑ", {"Σωκράτης Παπαδόπουλος"}),
    ("дмит", {"Дмитрий Иванов"}),
    ("janssen", {"Anne-Marie Janssen-van Dijk"}),
    ("annemarie", {"Anne-Marie Janssen-van Dijk"}),
    ("dijk anne", {"Anne-Marie Janssen-van Dijk"}),
    ("citroen", {"Noël Citroën"}),
    ("noel", {"Noël Citroën"}),
    ("aesa", {"Æsa Ærenlund"}),
    ("garcia manuel", {"Manuel García"}),
    ("nunez maria", {"María José Núñez"}),
    ("ozturk", {"Ömer Öztürk"}),
    ("oeztuerk", {"Ömer Öztürk"}),
    ("runner", {"Ömer Öztürk"}),
    ("anna", {"Anna Muller", "Anna de Vries"}),  # a word's beginning: not Janna
    ("nijmegen", {"Aimée Dubois", "Elena de Graaf", "Eva de Wit"}),
    ("studio wit", {"Eva de Wit"}),  # a merged record's words find the person
    ("eva studiowit", {"Eva de Wit"}),  # across the person's records
    ("design studio", {"Eva de Wit"}),
    ("ue", {"Samuel Ueda"}),  # Mueller's "ue" was never an umlaut
    ("xyzzy", set()),
    ("", set()),
    ("!!! ---", set()),
    ("aimee xyzzy", set()),
]


def build_people(store: Store) -> dict[str, int]:
    """The network of :data:`PEOPLE` (the second record of :data:`MERGED` merged into the
    first); returns each name's id."""
    ids: dict[str, int] = {}
    with store.begin() as connection:
        origin = repo.add_origin(connection, "manual", WHEN)
        for name, organisation, role, sector, region, email, tags, note in PEOPLE:
            contact = model.Contact(
                name=name,
                organisation=organisation or None,
                role=role or None,
                sector=sector or None,
                region=region or None,
                identifiers=(model.Identifier(IK.EMAIL, email),) if email else (),
            )
            (ids[name],) = repo.add_contacts(connection, [contact], origin)
            if tags:
                tagging.add_tags(connection, [ids[name]], tags.split("|"))
            if note:
                repo.add_notes(connection, [model.Note(ids[name], note, WHEN)])
        repo.set_merged_into(connection, ids[MERGED[0]], ids[MERGED[1]])
    return ids


def bodies(store: Store) -> dict[int, str]:
    """The index's documents by contact id, on either engine."""
    key = "rowid" if store.engine.dialect.name == "sqlite" else "contact_id"
    with store.connect() as connection:
        return dict(connection.execute(text(f"SELECT {key}, body FROM contact_search")).all())


def queries() -> list[str]:
    """Every query of :data:`CASES`, and the first one to four letters of every word of
    :data:`PEOPLE` alone and after the first letter of the next — what one types."""
    words = [w for person in PEOPLE for value in person for w in search.indexed_words(value)]
    prefixes = sorted({w[:k] for w in words for k in range(1, 5)})
    pairs = [f"{a} {b[:1]}" for a, b in pairwise(words)]
    return [q for q, _ in CASES] + prefixes + pairs


def found(store: Store, query: str) -> list[int]:
    with store.connect() as connection:
        return search.matching(connection, query)


def names_found(store: Store, ids: dict[str, int], query: str) -> set[str]:
    by_id = {i: name for name, i in ids.items()}
    return {by_id[i] for i in found(store, query)}


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    return build_people(store)


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q or "empty" for q, _ in CASES])
def test_the_search_finds_exactly_these_people(
    store: Store, people: dict[str, int], query: str, expected: set[str]
):
    assert names_found(store, people, query) == expected


def test_every_write_through_the_store_leaves_the_index_current(
    store: Store, people: dict[str, int]
):
    with store.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM search_stale")).scalar() == 0
    documents = bodies(store)
    assert len(documents) == len(PEOPLE) - 1  # the merged-away record has no document of its own
    assert people[MERGED[0]] not in documents
    assert "studiowit" in documents[people["Eva de Wit"]].split()
    assert {"muller", "mueller", "gmbh"} <= set(documents[people["Hans Müller"]].split())


def test_a_write_that_bypasses_the_store_is_still_found(store: Store, people: dict[str, int]):
    aimee = people["Aimée Dubois"]
    with store.engine.begin() as connection:  # not Store.begin: nothing refreshes the index
        connection.execute(
            text("UPDATE contact SET role = 'surgeon' WHERE id = :id"), {"id": aimee}
        )
        connection.execute(
            text("INSERT INTO contact_tag (contact_id, tag) VALUES (:id, 'board member')"),
            {"id": people["Piet Jansen"]},
        )
    assert found(store, "surgeon") == [aimee]
    assert found(store, "cardiologist") == []  # her old role, still in the index, is not trusted
    assert found(store, "aimee surgeon") == [aimee]
    assert found(store, "board member") == [people["Piet Jansen"]]
    with store.begin():  # the next write through the store catches up
        pass
    with store.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM search_stale")).scalar() == 0
    assert found(store, "surgeon") == [aimee]
    assert found(store, "cardiologist") == []


def test_an_unmerge_gives_each_record_its_own_words_again(store: Store, people: dict[str, int]):
    from tiewise.ingest import merging

    merging.unmerge(store, people[MERGED[0]], WHEN)
    assert names_found(store, people, "studio") == {"E. de Wit"}
    assert names_found(store, people, "eva wit") == {"Eva de Wit", "E. de Wit"}
    assert names_found(store, people, "design studio") == set()
    with store.begin() as connection:  # merged again
        repo.set_merged_into(connection, people["Eva de Wit"], people["E. de Wit"])
    assert names_found(store, people, "design studio") == {"E. de Wit"}


def test_refreshing_gives_the_same_index_as_building_it_afresh(
    store: Store, people: dict[str, int]
):
    with store.begin() as connection:
        tagging.remove_tags(connection, [people["Zoë van der Berg"]], ["INVESTOR"])
        repo.add_notes(connection, [model.Note(people["Anna Muller"], "Plays cello", WHEN)])
        connection.execute(text("DELETE FROM contact_identifier WHERE value LIKE 'petra%'"))
    refreshed = bodies(store)
    with store.begin() as connection:
        assert search.rebuild(connection) == len(PEOPLE) - 1
    rebuilt = bodies(store)
    assert refreshed == rebuilt
    assert names_found(store, people, "cello") == {"Anna Muller"}
    assert names_found(store, people, "investor") == {"Zoë van der Berg"}  # "Angel Investor"
    assert names_found(store, people, "petra mueller") == {"Petra Mueller"}  # by her name
    assert names_found(store, people, "mueller") == {"Hans Müller", "Petra Mueller"}
    assert names_found(store, people, "mueller de") == set()  # her address's words are gone


def _blocks_holding(store: Store, word: str) -> int:
    """How many blocks of FTS5's own tables hold ``word`` (deleted words linger in old
    segments until they are merged); on PostgreSQL, how many documents."""
    with store.connect() as connection:
        if connection.dialect.name != "sqlite":
            where = "SELECT count(*) FROM contact_search WHERE strpos(body, :w) > 0"
        else:
            where = (
                "SELECT count(*) FROM contact_search_data WHERE instr(block, CAST(:w AS BLOB)) > 0"
            )
        return connection.execute(text(where), {"w": word}).scalar()


def test_an_erased_person_is_gone_from_the_index(store: Store, people: dict[str, int]):
    from tiewise.erasure import erase_contact

    with store.connect() as connection:
        aimee = repo.load_contact(connection, people["Aimée Dubois"])
    assert _blocks_holding(store, "cardiolog") == 1
    erase_contact(store, aimee, "[erased]", WHEN)
    assert found(store, "aimee") == []
    assert found(store, "cardiologist") == []
    documents = bodies(store).values()
    assert len(documents) == len(PEOPLE) - 2
    assert not any("aimee" in body or "cardiologist" in body for body in documents)
    assert _blocks_holding(store, "cardiolog") == 0  # search.optimize merged the segments


def test_words_are_folded_the_same_way_for_the_index_and_the_query():
    assert search.folded("Aimée O'Brien-Çelik") == ["aimee", "o", "brien", "celik"]
    assert search.folded("Straße Ærø ﬁne") == ["strasse", "aero", "fine"]
    assert search.indexed_words("Müller") == ("muller", "mueller")
    assert search.indexed_words("Mu\u0308ller") == ("muller", "mueller")  # decomposed ü
    assert search.indexed_words("O'Brien-Çelik") == ("o", "brien", "celik", "obriencelik")
    assert search.query_terms("Müller müller Graaf") == [("muller", "mueller"), ("graaf",)]
    assert search.query_terms("...") == []
    assert max(map(len, search.folded("x" * 1000))) == search.MAX_WORD


def test_a_very_long_note_is_cut_to_the_document_limit(store: Store, people: dict[str, int]):
    words = " ".join(f"w{k}" for k in range(40_000))
    with store.begin() as connection:
        repo.add_notes(connection, [model.Note(people["Janna Visser"], words, WHEN)])
    body = bodies(store)[people["Janna Visser"]]
    assert len(body) <= search.MAX_DOCUMENT
    assert body.startswith("janna visser w0 w1 ")
    assert names_found(store, people, "w1000 janna") == {"Janna Visser"}
    assert names_found(store, people, "w39999") == set()  # past the limit


def test_a_person_is_named_by_the_search_when_no_name_matches(store: Store, people: dict[str, int]):
    with store.connect() as connection:
        assert repo.find_contact(connection, "aimee").id == people["Aimée Dubois"]
        assert repo.find_contact(connection, "graaf elena").id == people["Elena de Graaf"]
        assert repo.find_contact(connection, "cardiologist").id == people["Aimée Dubois"]
        # names first: "Anna" is a word of two names, the search is not asked
        with pytest.raises(NotFoundError) as several:
            repo.find_contact(connection, "anna")
        assert {c.name for c in several.value.candidates} == {"Anna Muller", "Anna de Vries"}
        with pytest.raises(NotFoundError) as both:  # the search finds two: still ambiguous
            repo.find_contact(connection, "nijmegen")
        assert {c.name for c in both.value.candidates} == {
            "Aimée Dubois",
            "Elena de Graaf",
            "Eva de Wit",
        }
        assert "3 contacts match 'nijmegen'" in str(both.value)
        with pytest.raises(NotFoundError) as none:
            repo.find_contact(connection, "Aimee Duboiss")
        assert [c.name for c in none.value.candidates] == ["Aimée Dubois"]  # did you mean


def test_upgrading_to_0007_indexes_every_contact_at_once(tmp_path):
    """Migration 0007 marks every contact stale; opening the database (which migrates) writes
    their documents in the same transaction, so no search folds 35,000 contacts anew."""
    from tiewise.store.database import create_store_engine, migrate

    path = tmp_path / "old.db"
    engine = create_store_engine(f"sqlite:///{path}")
    migrate(engine, "0006")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO contact (id, name, organisation) VALUES "
                "(1, 'Aimée Dubois', 'Radboud UMC'), (2, 'Elena de Graaf', NULL)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO note (contact_id, text, written_at, kind) VALUES (2, :t, :w, 'note')"
            ),
            {"t": "Loves jazz", "w": WHEN},
        )
    engine.dispose()
    with Store.open(path) as store:
        with store.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM search_stale")).scalar() == 0
        assert bodies(store) == {1: "aimee dubois radboud umc", 2: "elena de graaf loves jazz"}
        assert found(store, "aimee radboud") == [1]
        assert found(store, "jazz graaf") == [2]
