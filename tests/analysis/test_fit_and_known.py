"""Goal fit and being known on hand-built networks with hand-computed values."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import numpy as np
import pytest
from scipy import sparse

from tiewise import model as M
from tiewise.analysis.fit import closure_within_circles, goal_class, segment_of
from tiewise.analysis.known import being_known
from tiewise.snapshot import build_snapshot

TODAY = date(2026, 11, 1)


def _at(days_ago: int) -> datetime:
    return datetime(2026, 11, 1, 12) - timedelta(days=days_ago)


def test_being_known_counts_who_started_contact_in_the_window():
    contacts = [M.Contact(id=i, name=f"C{i}") for i in (1, 2, 3)]
    D = M.Direction
    interactions = [
        M.Interaction(_at(10), M.InteractionKind.EMAIL, "mail", D.INBOUND, (1,)),
        M.Interaction(_at(20), M.InteractionKind.EMAIL, "mail", D.INBOUND, (2,)),
        M.Interaction(_at(30), M.InteractionKind.CALL, "phone", D.INBOUND, (1,)),
        M.Interaction(_at(40), M.InteractionKind.EMAIL, "mail", D.OUTBOUND, (3,)),
        M.Interaction(_at(50), M.InteractionKind.MEETING, "cal", D.MUTUAL, (1, 2)),
        M.Interaction(_at(400), M.InteractionKind.EMAIL, "mail", D.INBOUND, (3,)),  # too old
    ]
    invitations = [
        M.Invitation("X", D.INBOUND, _at(5)),
        M.Invitation("Y", D.INBOUND, _at(500)),  # too old
        M.Invitation("Z", D.OUTBOUND, _at(5)),
    ]
    exchanges = [
        M.Exchange(1, M.ExchangeDirection.RECEIVED, M.ExchangeKind.ENDORSEMENT, date(2020, 1, 1)),
        M.Exchange(
            2, M.ExchangeDirection.RECEIVED, M.ExchangeKind.RECOMMENDATION, date(2025, 1, 1)
        ),
        M.Exchange(3, M.ExchangeDirection.GIVEN, M.ExchangeKind.ENDORSEMENT, date(2025, 1, 1)),
    ]
    snapshot = build_snapshot(
        M.Me(name="me"),
        contacts,
        (),
        (),
        interactions,
        invitations=invitations,
        exchanges=exchanges,
    )
    known = being_known(snapshot, TODAY)
    assert (known.inbound, known.outbound, known.mutual) == (3, 1, 1)
    assert known.inbound_share == 0.75
    assert (known.contacts_initiating, known.contacts_reached) == (2, 1)
    assert (known.invitations_received, known.invitations_sent) == (1, 1)
    assert (known.endorsements_received, known.recommendations_received) == (1, 1)
    assert known.score == pytest.approx((0.75 + 1 - math.exp(-3 / 10)) / 2)
    assert known.inbound_by_contact.tolist() == [2, 1, 0]


def test_a_segment_needs_every_attribute_and_any_of_its_values():
    contacts = [
        M.Contact(id=1, name="a", sector="Healthcare", region="Nijmegen"),
        M.Contact(id=2, name="b", sector="healthcare", region="Utrecht"),
        M.Contact(id=3, name="c", sector="education", region="Arnhem"),
        M.Contact(id=4, name="d", sector="healthcare"),
    ]
    snapshot = build_snapshot(M.Me(name="me"), contacts)
    T, A = M.GoalTarget, M.TargetAttribute
    goal = M.Goal(
        "clients",
        targets=(T(A.SECTOR, "healthcare"), T(A.REGION, "nijmegen"), T(A.REGION, "Arnhem")),
    )
    assert segment_of(snapshot, goal).tolist() == [True, False, False, False]
    assert segment_of(snapshot, M.Goal("fun")).all()
    assert goal_class(M.Goal("custom", label="x")) == M.GoalClass.MIXED
    assert (
        goal_class(M.Goal("fun", goal_class=M.GoalClass.INSTRUMENTAL)) == M.GoalClass.INSTRUMENTAL
    )


def test_closure_is_counted_within_each_circle():
    # circle 0: members 0,1,2 with links 0-1, 1-2 (2 of 3 pairs); circle 1: members 3,4 linked
    # (1 of 1); member 5 outside any circle; a link 2-3 across circles does not count
    rows, cols = [0, 1, 3, 2], [1, 2, 4, 3]
    links = sparse.coo_array((np.ones(4), (rows, cols)), shape=(6, 6))
    links = (links + links.T).tocsr()
    membership = np.array([0, 0, 0, 1, 1, -1])
    members = np.arange(6)
    assert closure_within_circles(links, members, membership) == pytest.approx(3 / 4)
    assert closure_within_circles(links, np.array([0, 3, 5]), membership) is None


def test_contacts_none_of_my_contacts_know_count_as_bridging_for_an_instrumental_goal():
    """Burt (1992): a contact with no ties to my other contacts is a world of its own — the
    least redundant tie I have. Five weak ties in five sectors, none linked to anyone, next to a
    closed trio: the fit for *clients* counts the five as bridging (it must not say "0 bridging,
    look for brokers"); without any link data at all, isolation is unknown and they do not
    count (unknown is unknown, METHOD.md)."""
    from tiewise.analysis.profile import analyze

    bridges = [1, 2, 3, 4, 5]
    trio = [6, 7, 8]
    contacts = [M.Contact(id=i, name=f"C{i}", sector=f"s{i}") for i in bridges + trio]
    meetings = [
        M.Interaction(_at(d), M.InteractionKind.MEETING, "calendar", M.Direction.MUTUAL, (i,))
        for i in bridges + trio
        for d in (20, 80)
    ]
    trio_links = [
        M.ContactLink(6, 7, "manual"),
        M.ContactLink(6, 8, "manual"),
        M.ContactLink(7, 8, "manual"),
    ]
    goals = (M.Goal("clients"),)

    def bridging(links) -> int:
        snapshot = build_snapshot(M.Me(name="Eva"), contacts, [], links, meetings, goals=goals)
        (fit,) = analyze(snapshot, TODAY).fit
        (component,) = [c for c in fit.components if c.name == "bridging_ties"]
        return component.figures["bridging_ties"]

    assert bridging(trio_links) == 5
    assert bridging([]) == 0


def test_a_contact_no_one_else_knows_is_a_world_of_its_own_in_the_cluster_span():
    """Burt (1992): redundancy is shared contacts, so a weak tie none of my other contacts
    knows reaches a world of its own. Five weak ties in five sectors with no links among them,
    next to a closed trio (one cluster or one linked group): my weak ties reach 6 worlds of the
    6 there are, so ``cluster_span`` is 1 and the summary says "in 6 of 6 worlds" — not "0 of
    0 clusters". Without any link data, whether they share a world is unknown: the component is
    unknown (it drops out of the score) and the summary prints "—"."""
    from tiewise.analysis.fit import summary
    from tiewise.analysis.profile import analyze

    bridges, trio = [1, 2, 3, 4, 5], [6, 7, 8]
    contacts = [M.Contact(id=i, name=f"C{i}", sector=f"s{i}") for i in bridges + trio]
    meetings = [
        M.Interaction(_at(d), M.InteractionKind.MEETING, "calendar", M.Direction.MUTUAL, (i,))
        for i in bridges + trio
        for d in (20, 80)
    ]
    trio_links = [M.ContactLink(a, b, "manual") for a, b in ((6, 7), (6, 8), (7, 8))]
    goals = (M.Goal("clients"),)

    def fit(links):
        snapshot = build_snapshot(M.Me(name="Eva"), contacts, [], links, meetings, goals=goals)
        (found,) = analyze(snapshot, TODAY).fit
        return found, next(c for c in found.components if c.name == "cluster_span")

    linked, span = fit(trio_links)
    assert span.figures == {"clusters": 6, "clusters_in_network": 6}
    assert span.value == pytest.approx(1.0)
    assert "in 6 of 6 worlds" in summary(linked, "en")
    assert "in 6 van 6 werelden" in summary(linked, "nl")
    unlinked, unknown = fit([])
    assert unknown.value is None and unknown.figures["clusters"] is None
    assert "in — of" in summary(unlinked, "en")
