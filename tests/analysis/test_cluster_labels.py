"""Cluster labels that tell clusters apart (``analysis/cluster_labels.py``), on hand-built
networks where the right label is plain to see."""

from __future__ import annotations

import numpy as np
import pytest

from tiewise import model as M
from tiewise.analysis.cluster_labels import cluster_labels, distinctive_values
from tiewise.analysis.structure import Cluster
from tiewise.snapshot import build_snapshot


def _snapshot(people: list[dict]):
    """One contact per dict: ``organisation``, ``region`` and ``contexts`` (of the tie)."""
    contacts, ties = [], []
    for k, fields in enumerate(people, start=1):
        contexts = tuple(fields.get("contexts", ()))
        contacts.append(
            M.Contact(
                id=k,
                name=f"C{k}",
                organisation=fields.get("organisation"),
                region=fields.get("region"),
            )
        )
        ties.append(M.Tie(k, contexts=contexts))
    return build_snapshot(M.Me(name="me"), contacts, ties)


def _cluster(index: int, members: list[int]) -> Cluster:
    return Cluster(index, np.array(members), "", {}, 0.0, 0, 0)


def test_the_label_names_what_is_over_represented_not_what_is_common():
    """Everyone is an online tie; the first five work at Radboudumc, the next five at ASML.
    The most common value of each cluster is "online" (100 %), which says nothing: the labels
    name the organisations, with the share that holds them."""
    people = [{"organisation": "Radboudumc", "contexts": ["online"]} for _ in range(5)]
    people += [{"organisation": "ASML", "contexts": ["online"]} for _ in range(4)]
    people += [{"organisation": "Radboudumc", "contexts": ["online"]}]
    snapshot = _snapshot(people)
    labels = cluster_labels(snapshot, [_cluster(0, [0, 1, 2, 3, 4]), _cluster(1, [5, 6, 7, 8, 9])])
    assert [label.text for label in labels] == ["Radboudumc", "ASML"]
    assert (labels[1].count, labels[1].size, labels[1].share) == (4, 5, 0.8)
    first = labels[0].values[0]
    assert first.share == 1.0 and first.base == pytest.approx(0.6)
    assert first.score == pytest.approx(0.4)


def test_two_clusters_alike_add_their_next_distinctive_value():
    """Both clusters are the online ties (and nobody else is); one works at Ahold, the other
    at ASML: "online" alone would name both alike, so each adds its organisation, and the count
    is of the members holding both."""
    people = [{"contexts": ["online"], "organisation": "Ahold"} for _ in range(3)]
    people += [{"contexts": ["online"]} for _ in range(3)]
    people += [{"contexts": ["online"], "organisation": "ASML"} for _ in range(3)]
    people += [{"contexts": ["online"]} for _ in range(3)]
    people += [{"contexts": ["work"]} for _ in range(10)]
    snapshot = _snapshot(people)
    first, second = _cluster(0, list(range(6))), _cluster(1, list(range(6, 12)))
    assert [v.value for v in distinctive_values(snapshot, second.members)] == ["online", "ASML"]
    labels = cluster_labels(snapshot, [first, second])
    assert [label.text for label in labels] == ["online + Ahold", "online + ASML"]
    assert [(label.count, label.size) for label in labels] == [(3, 6), (3, 6)]


def test_a_cluster_without_a_distinctive_value_gets_its_number():
    """Two clusters of the same mix: nothing is over-represented in either."""
    people = [{"organisation": "Same", "contexts": ["work"]} for _ in range(8)]
    snapshot = _snapshot(people)
    labels = cluster_labels(snapshot, [_cluster(0, [0, 1, 2, 3]), _cluster(1, [4, 5, 6, 7])])
    assert [label.text for label in labels] == ["#1", "#2"]
    assert labels[0].count is None and labels[0].share is None


def test_a_value_needs_enough_members():
    """Two of three share a place no one else has: a high score, but too few to name it."""
    people = [{"region": "Texel"}, {"region": "Texel"}, {}] + [{} for _ in range(20)]
    assert distinctive_values(_snapshot(people), np.array([0, 1, 2])) == []
