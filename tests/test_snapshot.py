"""The Snapshot: arrays aligned with contacts, merged contacts folded in, nothing writable."""

from __future__ import annotations

import gc
from datetime import date, datetime

import numpy as np
import pytest

from tiewise import model as M
from tiewise.snapshot import build_snapshot, load_snapshot
from tiewise.store import repository as repo


def _network() -> dict:
    contacts = [
        M.Contact(id=1, name="Anouk", organisation="Radboudumc", sector="healthcare"),
        M.Contact(id=2, name="Sem", organisation="Radboudumc"),
        M.Contact(id=3, name="Lotte", sector="design"),
        M.Contact(id=4, name="Anouk (phone)", merged_into=1),
    ]
    ties = [
        M.Tie(1, closeness=5, contexts=("work",)),
        M.Tie(3, contexts=("club", "work")),
        M.Tie(4, closeness=2),
    ]
    links = [
        M.ContactLink(1, 2, "calendar", 3),
        M.ContactLink(2, 4, "manual", 1),
        M.ContactLink(1, 4, "manual", 1),
    ]
    t = datetime(2026, 5, 1, 12)
    interactions = [
        M.Interaction(t, M.InteractionKind.MEETING, "calendar", M.Direction.MUTUAL, (1, 2)),
        M.Interaction(
            t.replace(month=6), M.InteractionKind.CALL, "phone", M.Direction.INBOUND, (4,)
        ),
    ]
    return {
        "me": M.Me(name="Eva"),
        "contacts": contacts,
        "ties": ties,
        "links": links,
        "interactions": interactions,
    }


def test_merged_contacts_are_folded_into_the_survivor():
    snapshot = build_snapshot(**_network())
    assert snapshot.size == 3
    assert list(snapshot.contact_ids) == [1, 2, 3]
    assert snapshot.index_of(4) == snapshot.index_of(1) == 0
    # the survivor's own tie wins over the merged-away record's tie
    assert snapshot.ties[0].closeness == 5
    # links of the merged record count for the survivor; a link to itself disappears
    assert snapshot.links.toarray().tolist() == [[0, 4, 0], [4, 0, 0], [0, 0, 0]]
    assert list(snapshot.interaction_counts) == [2, 1, 0]
    assert str(snapshot.last_interaction[0]) == "2026-06-01T12:00:00"
    assert np.isnat(snapshot.last_interaction[2])


def test_contexts_and_attributes_are_coded():
    snapshot = build_snapshot(**_network())
    assert snapshot.context_names == ("club", "work")
    assert snapshot.contexts.toarray().tolist() == [[0, 1], [0, 0], [1, 1]]
    codes, categories = snapshot.attribute("sector")
    assert categories == ("design", "healthcare")
    assert list(codes) == [1, -1, 0]
    assert np.isnan(snapshot.closeness[1]) and snapshot.closeness[0] == 5
    with pytest.raises(ValueError):
        snapshot.attribute("shoe size")


def test_snapshot_arrays_are_read_only():
    snapshot = build_snapshot(**_network())
    with pytest.raises(ValueError):
        snapshot.closeness[0] = 1.0
    with pytest.raises(ValueError):
        snapshot.links.data[0] = 9.0
    with pytest.raises(AttributeError):
        snapshot.me = M.Me(name="someone else")  # type: ignore[misc]


def test_loader_reads_everything_from_the_store(store):
    network = _network()
    with store.begin() as connection:
        repo.save_me(connection, network["me"])
        ids = repo.add_contacts(connection, [M.Contact(name=c.name) for c in network["contacts"]])
        assert ids == [1, 2, 3, 4]
        connection.exec_driver_sql("UPDATE contact SET merged_into_id = 1 WHERE id = 4")
        repo.save_ties(connection, network["ties"])
        repo.add_links(connection, network["links"])
        repo.add_interactions(connection, network["interactions"])
        repo.add_goal(connection, M.Goal("fun"))
        repo.add_outcomes(connection, [M.Outcome(M.OutcomeKind.FUN, date(2026, 1, 1))])
    snapshot = load_snapshot(store)
    assert gc.isenabled()  # the collector, paused while loading, runs again
    assert snapshot.me.name == "Eva"
    assert snapshot.size == 3
    assert snapshot.links.toarray().tolist() == [[0, 4, 0], [4, 0, 0], [0, 0, 0]]
    assert [g.key for g in snapshot.goals] == ["fun"]
    assert len(snapshot.outcomes) == 1
