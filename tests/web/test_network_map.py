"""The network map's data and its list view (issue 19), with Starlette's test client on the demo
network. The browser side is in ``test_browser_map.py``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tiewise.analysis.profile import analyze
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.web import network

from ..conftest import DEMO_TODAY
from .test_app import client_for


@pytest.fixture(scope="module")
def demo(demo_db: Path):
    """The demo's profile and its map data, read once for the module (nothing here writes)."""
    with Store.open(demo_db) as store:
        profile = analyze(load_snapshot(store), DEMO_TODAY)
    return profile, client_for(demo_db).get("/network.json").json()


def _holders(snapshot) -> dict[tuple[str, str], set[int]]:
    """Who holds each (attribute, value), counted contact by contact — independent of
    ``analysis/cluster_labels.py``."""
    found: dict[tuple[str, str], set[int]] = {}
    for position, (contact, tie) in enumerate(zip(snapshot.contacts, snapshot.ties, strict=True)):
        pairs = [("organisation", contact.organisation), ("region", contact.region)]
        pairs += [("context", context) for context in tie.contexts]
        for attribute, value in pairs:
            if value:
                found.setdefault((attribute, value), set()).add(position)
    return found


def test_the_demo_cluster_labels_are_distinct_and_name_an_over_represented_value(demo):
    profile, data = demo
    snapshot, clusters = profile.snapshot, profile.structure.clusters
    holders = _holders(snapshot)
    labels = [c["label"] for c in data["clusters"]]
    assert len(labels) == len(clusters) >= 5
    assert len({label.casefold() for label in labels}) == len(labels)
    assert all(labels)
    for entry, cluster in zip(data["clusters"], clusters, strict=True):
        members = {int(m) for m in cluster.members}
        size = len(members)

        def score(key: tuple[str, str], members=members, size=size) -> float:
            inside = len(holders[key] & members)
            return inside / size - len(holders[key]) / snapshot.size

        eligible = {
            key: score(key)
            for key, who in holders.items()
            if len(who & members) >= 3 and len(who & members) / size >= 0.1 and score(key) > 0
        }
        named = [(v["attribute"], v["value"]) for v in entry["values"]]
        assert named, entry
        assert " + ".join(value for _, value in named) == entry["label"]
        best = max(eligible.values())
        assert eligible[named[0]] == pytest.approx(best), (entry, best)
        for key in named:  # every value named is over-represented in its cluster
            assert key in eligible and eligible[key] > 0
        every = set.intersection(*(holders[key] for key in named)) & members
        assert entry["count"] == len(every) and entry["size"] == size
        assert entry["share"] == pytest.approx(len(every) / size, abs=1e-3)


def test_the_map_data_carries_label_share_and_counts_in_both_modes(
    demo, demo_db: Path, monkeypatch: pytest.MonkeyPatch
):
    _, data = demo
    for entry in data["clusters"]:
        assert {"index", "label", "count", "size", "share", "strong", "values"} <= set(entry)
        assert 0 < entry["count"] <= entry["size"]
        for value in entry["values"]:
            assert value["share"] > value["base"] and value["count"] >= 3
    monkeypatch.setattr(network, "NODE_LIMIT", 100)
    clustered = client_for(demo_db).get("/network.json").json()
    assert clustered["mode"] == "clusters"
    assert [c["label"] for c in clustered["clusters"]] == [c["label"] for c in data["clusters"]]
    circles = [n for n in clustered["nodes"] if n["cluster"] >= 0]
    assert [(n["label"], n["count"], n["size"]) for n in circles] == [
        (c["label"], c["count"], c["size"]) for c in data["clusters"]
    ]


def test_the_list_view_lists_every_cluster_and_person_without_javascript(demo, demo_db: Path):
    _, data = demo
    client = client_for(demo_db)
    html = client.get("/network?lang=en").text
    # the drawing's controls wait for the script; the list does not
    assert re.search(r'<div id="map-app" class="map-app" hidden', html)
    table = html[html.index('data-testid="map-clusters"') : html.index("</table>")]
    rows = re.findall(r'<tr data-cluster="(-?\d+)">', table)
    unclustered = sum(1 for n in data["nodes"] if n["cluster"] < 0)
    assert rows == [str(c["index"]) for c in data["clusters"]] + ["-1"] * bool(unclustered)
    for c in data["clusters"]:
        assert f"{c['label']} · {c['count']} of {c['size']}" in table
        assert f'href="/contacts?cluster={c["index"]}"' in table
    links = set(re.findall(r'<a href="/contacts/(\d+)">', html))
    assert links == {str(n["id"]) for n in data["nodes"]}
    dutch = client.get("/network?lang=nl").text
    first = data["clusters"][0]
    assert f"{first['label']} · {first['count']} van {first['size']}" in dutch
    assert 'data-of="{count} van {size}"' in dutch and 'data-me="ik"' in dutch


def test_the_list_view_of_a_large_network_lists_clusters(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(network, "NODE_LIMIT", 100)
    html = client_for(demo_db).get("/network?lang=en").text
    table = html[html.index('data-testid="map-clusters"') : html.index("</table>")]
    assert len(re.findall(r"<tr data-cluster=", table)) >= 5
    assert 'id="map-find"' not in html  # no names on the map to find; Contacts searches them
    assert not re.search(r'<a href="/contacts/\d+">', html)
