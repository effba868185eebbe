"""The import writer: identity, idempotency, merges, links, provenance — on hand-built sources."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from tiewise import model as M
from tiewise.identifiers import identifier
from tiewise.ingest import merging
from tiewise.ingest.identity import name_key, organisation_key, suggest_merges
from tiewise.ingest.records import (
    ExchangeRecord,
    InteractionRecord,
    InvitationRecord,
    MeRecord,
    OccurrenceRecord,
    ParsedSource,
    PersonRecord,
)
from tiewise.ingest.writer import import_parsed
from tiewise.snapshot import load_snapshot
from tiewise.store import repository as repo

NOW = datetime(2026, 11, 1, 12)
EMAIL, PHONE, URL = M.IdentifierKind.EMAIL, M.IdentifierKind.PHONE, M.IdentifierKind.PROFILE_URL


def person(key: str, name: str, line: int = 2, *ids: tuple[M.IdentifierKind, str], **fields):
    identifiers = tuple(identifier(kind, value) for kind, value in ids)
    return PersonRecord(key=key, name=name, line=line, identifiers=identifiers, **fields)


def meeting(key: str, *participants: str, when: datetime = NOW) -> InteractionRecord:
    return InteractionRecord(
        key,
        when,
        M.InteractionKind.MEETING,
        "calendar",
        M.Direction.MUTUAL,
        participants,
        line=5,
        duration_minutes=60,
        subject="Overleg",
    )


def calendar() -> ParsedSource:
    return ParsedSource(
        source="ics",
        file="work.ics",
        persons=[
            person("anouk@radboudumc.nl", "Anouk de Vries", 10, (EMAIL, "anouk@radboudumc.nl")),
            person("sem@bakker.nl", "Sem Bakker", 11, (EMAIL, "sem@bakker.nl")),
            person("eva@studiowit.nl", "Eva de Wit", 12, (EMAIL, "eva@studiowit.nl")),
        ],
        interactions=[
            meeting(
                "ics:1",
                "anouk@radboudumc.nl",
                "sem@bakker.nl",
                "eva@studiowit.nl",
                when=datetime(2026, 9, 1, 9),
            ),
            meeting("ics:2", "anouk@radboudumc.nl", "sem@bakker.nl", when=datetime(2026, 10, 1, 9)),
            meeting("ics:3", "anouk@radboudumc.nl"),
        ],
        occurrences=[
            OccurrenceRecord(
                "ics-event:b1",
                "Ondernemersborrel",
                datetime(2026, 12, 3, 17),
                20,
                attendees=("sem@bakker.nl",),
            )
        ],
    )


@pytest.fixture
def me_store(store):
    with store.begin() as connection:
        repo.save_me(
            connection,
            M.Me(name="Eva de Wit", identifiers=(identifier(EMAIL, "eva@studiowit.nl"),)),
        )
    return store


def _dump(store) -> dict[str, list]:
    from tiewise.store.schema import metadata

    with store.connect() as connection:
        return {
            name: sorted(map(tuple, connection.execute(table.select())), key=str)
            for name, table in metadata.tables.items()
        }


def _counts(summary) -> dict[str, object]:
    """The totals of an import's JSON, without the per-file details."""
    return {k: v for k, v in summary.as_json().items() if k != "files"}


def test_people_and_meetings_are_written_and_me_is_never_a_contact(me_store):
    summary = import_parsed(me_store, calendar(), "d1", NOW)
    assert (summary.contacts, summary.interactions, summary.merged) == (2, 3, 0)
    assert summary.added == 2 + 3 + 1  # contacts, interactions, one event occurrence
    snapshot = load_snapshot(me_store)
    assert [c.name for c in snapshot.contacts] == ["Anouk de Vries", "Sem Bakker"]
    assert list(snapshot.interaction_counts) == [3, 2]
    # two shared meetings → one calendar link with evidence 2, seen 1 Sep … 1 Oct
    with me_store.connect() as connection:
        assert repo.load_links(connection) == [
            M.ContactLink(1, 2, "calendar", 2, date(2026, 9, 1), date(2026, 10, 1))
        ]
        assert repo.load_encounters(connection) == [M.Encounter(1, 2, M.EncounterKind.EXPECTED)]
        line = connection.execute(
            text(
                "SELECT o.file, i.origin_line FROM contact_identifier i JOIN origin o "
                "ON o.id = i.origin_id WHERE i.value = 'sem@bakker.nl'"
            )
        ).one()
    assert tuple(line) == ("work.ics", 11)


def test_importing_the_same_source_twice_changes_nothing(me_store):
    import_parsed(me_store, calendar(), "d1", NOW)
    before = _dump(me_store)
    again = import_parsed(me_store, calendar(), "d1", datetime(2026, 11, 2))
    # two people, three meetings and one event are already there; Eva's record is me
    assert _counts(again) == {
        "read": 7,
        "added": 0,
        "updated": 0,
        "unchanged": 6,
        "merged": 0,
        "skipped": 1,
        "conflicts": 0,
        "errors": [],
    }
    assert _dump(me_store) == before


def test_the_same_email_from_another_source_enriches_the_same_contact(me_store):
    import_parsed(me_store, calendar(), "d1", NOW)
    vcard = ParsedSource(
        source="vcard",
        file="phone.vcf",
        persons=[
            person(
                "vcard:uid:1",
                "Anouk de Vries",
                1,
                (EMAIL, "Anouk@Radboudumc.nl"),
                (PHONE, "0612345678"),
                organisation="Radboudumc",
                contexts=("work",),
            )
        ],
    )
    summary = import_parsed(me_store, vcard, "d2", NOW)
    assert _counts(summary) == {
        "read": 1,
        "added": 0,
        "updated": 1,
        "unchanged": 0,
        "merged": 0,
        "skipped": 0,
        "conflicts": 0,
        "errors": [],
    }
    snapshot = load_snapshot(me_store)
    anouk = snapshot.contacts[0]
    assert anouk.organisation == "Radboudumc"
    assert set(anouk.values(PHONE)) == {"+31612345678"}
    assert snapshot.ties[0].contexts == ("work",)


def test_identifiers_of_two_contacts_prove_one_person_and_unmerge_restores_both(me_store):
    first = ParsedSource(
        source="csv",
        file="a.csv",
        persons=[
            person("a", "Anouk de Vries", 2, (EMAIL, "anouk@radboudumc.nl")),
            person("b", "A. de Vries", 3, (PHONE, "0612345678"), organisation="Radboudumc"),
        ],
        interactions=[meeting("x1", "b")],
    )
    import_parsed(me_store, first, "d1", NOW)
    bridge = ParsedSource(
        source="vcard",
        file="b.vcf",
        persons=[
            person(
                "c", "Anouk de Vries", 1, (EMAIL, "anouk@radboudumc.nl"), (PHONE, "06 1234 5678")
            )
        ],
    )
    summary = import_parsed(me_store, bridge, "d2", NOW)
    assert summary.merged == 1
    snapshot = load_snapshot(me_store)
    assert snapshot.size == 1
    assert snapshot.contacts[0].organisation == "Radboudumc"  # folded in from the merged record
    assert list(snapshot.interaction_counts) == [1]
    assert merging.unmerge(me_store, 2, NOW) == [2]
    snapshot = load_snapshot(me_store)
    assert [c.name for c in snapshot.contacts] == ["Anouk de Vries", "A. de Vries"]
    assert list(snapshot.interaction_counts) == [0, 1]
    with me_store.connect() as connection:
        assert repo.load_merge_decisions(connection) == {(1, 2): "kept_apart"}


def test_a_sender_known_only_by_name_is_matched_to_the_one_contact_with_that_name(me_store):
    source = ParsedSource(
        source="linkedin",
        file="export.zip",
        persons=[
            person("linkedin.com/in/anouk", "Anouk de Vries", 4, (URL, "linkedin.com/in/anouk")),
            person("linkedin:name:Anouk de Vries", "Anouk de Vries", 9, is_connection=False),
        ],
        interactions=[
            InteractionRecord(
                "m1",
                NOW,
                M.InteractionKind.MESSAGE,
                "linkedin",
                M.Direction.INBOUND,
                ("linkedin:name:Anouk de Vries",),
                line=9,
            )
        ],
    )
    import_parsed(me_store, source, "d1", NOW)
    snapshot = load_snapshot(me_store)
    assert snapshot.size == 1 and list(snapshot.interaction_counts) == [1]


def test_exchanges_invitations_and_me_are_idempotent(me_store):
    source = ParsedSource(
        source="linkedin",
        file="export.zip",
        persons=[person("linkedin.com/in/sem", "Sem Bakker", 3, (URL, "linkedin.com/in/sem"))],
        exchanges=[
            ExchangeRecord(
                "e1",
                "linkedin.com/in/sem",
                M.ExchangeDirection.RECEIVED,
                M.ExchangeKind.ENDORSEMENT,
                date(2025, 3, 1),
                2,
                "Branding",
            )
        ],
        invitations=[
            InvitationRecord("i1", "Lotte Smit", M.Direction.INBOUND, NOW, 2, message="Hoi!")
        ],
        me=MeRecord(
            name="Eva de Wit",
            identifiers=(identifier(URL, "linkedin.com/in/evadewit"),),
            role="Owner Studio Wit",
        ),
    )
    first = import_parsed(me_store, source, "d1", NOW)
    assert (first.added, first.updated) == (3, 1)  # contact, exchange, invitation; me updated
    before = _dump(me_store)
    assert import_parsed(me_store, source, "d1", NOW).as_json()["added"] == 0
    assert _dump(me_store) == before
    with me_store.connect() as connection:
        me = repo.load_me(connection)
        assert me.role == "Owner Studio Wit"
        assert me.values(URL) == ("linkedin.com/in/evadewit",)
        assert repo.load_invitations(connection)[0].status == M.InvitationStatus.PENDING


def test_a_failing_import_writes_nothing(me_store, monkeypatch):
    before = _dump(me_store)

    def fail(*_args, **_kwargs):
        raise RuntimeError("disk full while writing invitations")

    monkeypatch.setattr(repo, "add_invitations", fail)
    source = calendar()
    source.invitations.append(InvitationRecord("i1", "Lotte", M.Direction.INBOUND, NOW, 2))
    with pytest.raises(RuntimeError, match="disk full"):
        import_parsed(me_store, source, "d1", NOW)
    assert _dump(me_store) == before


def test_name_and_organisation_keys_fold_particles_accents_and_legal_forms():
    assert name_key("Anouk van der Berg") == "anouk berg"
    assert name_key("Anaïs van 't Hek") == "anais hek"
    assert organisation_key("Dekker Bouw B.V.") == "dekker bouw"


def test_merges_are_suggested_on_similar_name_at_the_same_organisation_only():
    contacts = [
        M.Contact(id=1, name="Anouk van der Berg", organisation="Radboudumc"),
        M.Contact(id=2, name="Anouk van den Berg", organisation="Rijnstate"),
        M.Contact(id=3, name="Anouk v.d. Berg", organisation="Radboudumc"),
        M.Contact(id=4, name="Anouk Berg", organisation=None),
        M.Contact(id=5, name="Sem Bakker", organisation="Radboudumc"),
    ]
    suggestions = suggest_merges(contacts)
    assert [(s.contact_a, s.contact_b) for s in suggestions] == [(1, 3)]
    assert suggestions[0].name_similarity == 100.0
    assert "same organisation (Radboudumc)" in suggestions[0].reasons
    assert suggest_merges(contacts, decided=[(3, 1)]) == []
