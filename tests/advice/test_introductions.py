"""Introductions and the give/receive ledger on hand-built networks with known answers."""

from __future__ import annotations

import itertools
import math
import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from tiewise import model as M
from tiewise.advice.introductions import (
    NEAR_MATCH,
    OFFERS_PER_NEED,
    WEIGHTS,
    give_receive_ledger,
    introductions_to_json,
    normalise,
    suggest_introductions,
)
from tiewise.analysis.profile import analyze
from tiewise.snapshot import LinkTable, build_snapshot, load_snapshot
from tiewise.store import Store

TODAY = date(2026, 11, 1)
ACCOUNTANT = "accountant"
NEED, OFFER = M.TopicKind.NEED, M.TopicKind.OFFER


def _profile(names, ties=(), links=(), topics=(), exchanges=(), goals=(), roles=None):
    """Contacts 1..k named ``names``; ``roles`` maps an id to a role."""
    roles = roles or {}
    contacts = [
        M.Contact(id=k, name=name, role=roles.get(k)) for k, name in enumerate(names, start=1)
    ]
    snapshot = build_snapshot(
        M.Me(name="Eva"),
        contacts,
        ties,
        links,
        (),
        topics=topics,
        exchanges=exchanges,
        goals=goals,
    )
    return analyze(snapshot, TODAY)


def _clique(ids) -> list[M.ContactLink]:
    return [M.ContactLink(a, b, "manual") for a, b in itertools.combinations(ids, 2)]


def _exchange(contact_id, direction, kind=M.ExchangeKind.HELP, days_ago=10, counterpart=None):
    return M.Exchange(
        contact_id, direction, kind, TODAY - timedelta(days=days_ago), counterpart_id=counterpart
    )


def _pairs(introductions) -> set[tuple[int, int]]:
    return {(item.needs, item.offers) for item in introductions}


def test_a_need_and_a_matching_offer_between_strangers_is_suggested_with_its_figures():
    profile = _profile(
        ["Anna", "Bram", "Carla"],
        ties=[M.Tie(1, closeness=4), M.Tie(2, closeness=2)],
        topics=[M.Topic(1, NEED, "Accountant"), M.Topic(2, OFFER, ACCOUNTANT)],
    )
    [item] = suggest_introductions(profile)
    assert (item.needs, item.offers, item.topic) == (0, 1, "Accountant")
    # self-rated 4 → 0.7 · 3/4 = 0.525, rated 2 → 0.7 · 1/4 = 0.175 (nothing else is known);
    # no links, so neither is in a cluster: brokerage counts 0.5
    assert item.components == {
        "match": 1.0,
        "credibility": 0.175,
        "brokerage": 0.5,
        "give_back": 0.0,
        "goal": 0.0,
    }
    assert item.score == pytest.approx(0.35 * 1.0 + 0.25 * 0.175 + 0.20 * 0.5, abs=1e-4)
    keys = [r.key for r in item.reasons]
    assert keys == ["introduction.offer", "introduction.credibility", "introduction.no_circle"]
    assert item.reasons[0].figures == {
        "needs": "Anna",
        "offers": "Bram",
        "topic": "Accountant",
        "offered": ACCOUNTANT,
        "similarity": 1.0,
    }
    assert item.reasons[1].figures == {"weaker": "Bram", "strength": 0.175}
    assert item.reasons[0].render("en") == (
        "Anna needs Accountant; Bram offers accountant (match 100%)"
    )


def test_contacts_who_already_know_each_other_are_not_introduced():
    topics = [M.Topic(1, NEED, ACCOUNTANT), M.Topic(2, OFFER, ACCOUNTANT)]
    linked = _profile(["Anna", "Bram"], links=[M.ContactLink(1, 2, "manual")], topics=topics)
    assert suggest_introductions(linked) == []
    # an introduction I made earlier (an Exchange with a counterpart) also counts as knowing
    made = [_exchange(1, M.ExchangeDirection.GIVEN, M.ExchangeKind.INTRODUCTION, counterpart=2)]
    assert suggest_introductions(_profile(["Anna", "Bram"], topics=topics, exchanges=made)) == []
    assert len(suggest_introductions(_profile(["Anna", "Bram"], topics=topics))) == 1


def test_a_let_go_contact_is_never_part_of_an_introduction():
    let_go = M.TieStatus.LET_GO
    profile = _profile(
        ["Anna", "Bram", "Carla", "Dirk", "Eef"],
        ties=[M.Tie(2, status=let_go), M.Tie(4, status=let_go)],
        topics=[
            M.Topic(1, NEED, ACCOUNTANT),
            M.Topic(2, OFFER, ACCOUNTANT),  # let go
            M.Topic(3, OFFER, ACCOUNTANT),
            M.Topic(4, NEED, ACCOUNTANT),  # let go
        ],
        roles={4: "Accountant", 5: "Tax accountant"},
    )
    suggestions = suggest_introductions(profile, limit=None)
    assert _pairs(suggestions) == {(0, 2), (0, 4)}
    for item in suggestions:
        assert {item.needs, item.offers}.isdisjoint({1, 3})


def test_different_clusters_score_higher_than_the_same_cluster_other_things_equal():
    # cluster A: 1–4 all linked except 1–4; cluster B: 5, 6, 7
    links = [link for link in _clique([1, 2, 3, 4]) if {link.contact_a, link.contact_b} != {1, 4}]
    links += _clique([5, 6, 7])
    profile = _profile(
        ["Anna", "Bram", "Carla", "Dirk", "Eef", "Fien", "Gijs"],
        links=links,
        topics=[M.Topic(k, OFFER, ACCOUNTANT) for k in (4, 5)] + [M.Topic(1, NEED, ACCOUNTANT)],
    )
    membership = profile.structure.membership
    assert membership[0] == membership[3] != membership[4] >= 0
    across, within = suggest_introductions(profile)
    assert (across.needs, across.offers) == (0, 4)
    assert (within.needs, within.offers) == (0, 3)
    assert across.components["brokerage"] == 1.0
    assert within.components["brokerage"] == 0.0
    assert across.score - within.score == pytest.approx(WEIGHTS["brokerage"])
    assert {k: v for k, v in across.components.items() if k != "brokerage"} == {
        k: v for k, v in within.components.items() if k != "brokerage"
    }
    assert across.reasons[2].key == "introduction.brokerage"
    assert within.reasons[2].key == "introduction.same_circle"
    assert isinstance(within.reasons[2].figures["cluster"], int)


def test_a_near_match_counts_and_an_unrelated_topic_does_not():
    profile = _profile(
        ["Anna", "Bram", "Carla", "Dirk", "Eef"],
        topics=[
            M.Topic(1, NEED, "accountants"),
            M.Topic(2, OFFER, "Accountant"),
            M.Topic(3, OFFER, "photographer"),
            M.Topic(4, NEED, "printing"),
            M.Topic(5, OFFER, "painting"),  # 87.5 % similar: below the threshold
        ],
    )
    [item] = suggest_introductions(profile)
    assert (item.needs, item.offers) == (0, 1)
    similarity = 2 * 10 / 21  # fuzz.ratio: 10 common characters out of 11 + 10
    assert item.components["match"] == pytest.approx(similarity, abs=1e-4)
    assert item.reasons[0].figures["similarity"] == pytest.approx(similarity, abs=1e-4)
    assert NEAR_MATCH > 100 * 2 * 7 / 16  # printing / painting


def test_a_role_that_contains_the_need_serves_it_at_a_discount():
    profile = _profile(
        ["Anna", "Bram", "Carla"],
        topics=[M.Topic(1, NEED, "Accountant")],
        roles={2: "Senior Accountant", 3: "Accounting manager"},
    )
    [item] = suggest_introductions(profile)
    assert (item.needs, item.offers) == (0, 1)
    assert item.components["match"] == pytest.approx(0.8)
    assert item.reasons[0].key == "introduction.role"
    assert item.reasons[0].figures["offered"] == "Senior Accountant"


def test_each_pair_once_per_topic_and_at_most_three_offers_per_need():
    mutual = _profile(
        ["Anna", "Bram"],
        topics=[M.Topic(k, kind, ACCOUNTANT) for k in (1, 2) for kind in (NEED, OFFER)],
    )
    assert len(suggest_introductions(mutual)) == 1
    many = _profile(
        [f"P{k}" for k in range(1, 7)],
        ties=[M.Tie(1, closeness=5)] + [M.Tie(k, closeness=k - 1) for k in range(2, 7)],
        topics=[M.Topic(1, NEED, ACCOUNTANT)]
        + [M.Topic(k, OFFER, ACCOUNTANT) for k in range(2, 7)],
    )
    suggestions = suggest_introductions(many)
    assert OFFERS_PER_NEED == 3
    # the three closest offerers, best first
    assert [item.offers for item in suggestions] == [5, 4, 3]
    assert [item.score for item in suggestions] == sorted(
        (item.score for item in suggestions), reverse=True
    )


def test_the_ledger_ranks_whom_i_owe_most_first():
    given, received = M.ExchangeDirection.GIVEN, M.ExchangeDirection.RECEIVED
    exchanges = [
        _exchange(1, received, M.ExchangeKind.HELP),
        _exchange(1, received, M.ExchangeKind.ADVICE),
        _exchange(1, received, M.ExchangeKind.INTRODUCTION, counterpart=3),
        _exchange(2, given, days_ago=40),
        _exchange(2, given, days_ago=5),
        _exchange(2, received),
        _exchange(3, given, M.ExchangeKind.ADVICE, days_ago=100),
        _exchange(3, received, M.ExchangeKind.ADVICE),
    ]
    profile = _profile(["Anna", "Bram", "Carla", "Dirk"], exchanges=exchanges)
    ledger = give_receive_ledger(profile)
    assert [(row.position, row.given, row.received, row.balance) for row in ledger] == [
        (0, 0, 3, -3),
        (2, 1, 1, 0),
        (1, 2, 1, 1),
    ]
    first = ledger[0]
    assert first.last_given is None
    assert first.by_kind == {"advice": (0, 1), "help": (0, 1), "introduction": (0, 1)}
    assert first.reasons[0].key == "ledger.owe"
    assert first.reasons[0].figures == {"name": "Anna", "given": 0, "received": 3}
    assert ledger[2].last_given == TODAY - timedelta(days=5)
    assert ledger[2].reasons[-1].figures == {
        "date": (TODAY - timedelta(days=5)).isoformat(),
        "days": 5,
    }


def test_an_introduction_that_gives_back_to_someone_i_owe_scores_higher():
    received = M.ExchangeDirection.RECEIVED
    profile = _profile(
        ["Anna", "Bram", "Carla", "Dirk"],
        topics=[M.Topic(k, NEED if k % 2 else OFFER, ACCOUNTANT) for k in (1, 2, 3, 4)],
        exchanges=[_exchange(3, received) for _ in range(3)],
    )
    best = suggest_introductions(profile)[0]
    assert best.needs == 2
    assert best.components["give_back"] == pytest.approx(1 - math.exp(-3 / 2), abs=1e-4)
    reason = next(r for r in best.reasons if r.key == "introduction.give_back")
    assert reason.figures == {"name": "Carla", "received": 3, "given": 0}


def test_json_shape_dutch_rendering_and_goal_in_the_chosen_language():
    goal = M.Goal("clients", targets=(M.GoalTarget(M.TargetAttribute.ROLE, "accountant"),))
    profile = _profile(
        ["Anna", "Bram"],
        topics=[M.Topic(1, NEED, ACCOUNTANT), M.Topic(2, OFFER, ACCOUNTANT)],
        exchanges=[_exchange(2, M.ExchangeDirection.RECEIVED)],
        goals=[goal],
        roles={2: ACCOUNTANT},
    )
    introductions = suggest_introductions(profile)
    ledger = give_receive_ledger(profile)
    data = introductions_to_json(introductions, ledger, profile, "nl")
    [item] = data["introductions"]
    assert item["needs"] == {"contact_id": 1, "name": "Anna"}
    assert item["offers"] == {"contact_id": 2, "name": "Bram"}
    assert item["topic"] == ACCOUNTANT
    assert item["score"] == introductions[0].score
    assert item["components"]["goal"] == pytest.approx(float(profile.relevance.values[0, 1]))
    texts = {r["code"]: r["text"] for r in item["reasons"]}
    assert texts["introduction.offer"] == (
        "Anna zoekt accountant; Bram biedt accountant aan (overeenkomst 100%)"
    )
    assert "Klanten vinden" in texts["introduction.goal"]
    assert "je staat bij Bram in het krijt" in texts["introduction.give_back"]
    [row] = data["ledger"]
    assert row == {
        "contact_id": 2,
        "name": "Bram",
        "given": 0,
        "received": 1,
        "balance": -1,
        "last_given": None,
        "by_kind": {"help": {"given": 0, "received": 1}},
        "reasons": [
            {
                "code": "ledger.owe",
                "text": "Bram gaf jou meer dan jij teruggaf (ontvangen 1, gegeven 0): tijd om "
                "iets terug te doen; wederkerigheid houdt een band levend",
                "figures": {"name": "Bram", "given": 0, "received": 1},
            }
        ],
    }
    english = introductions_to_json(introductions, ledger, profile, "en")
    assert "Finding clients" in english["introductions"][0]["reasons"][-1]["text"]


def _has_number(figures: dict) -> bool:
    return any(
        isinstance(v, int | float) and not isinstance(v, bool) and not math.isnan(v)
        for v in figures.values()
    )


def test_on_the_demo_every_item_has_reasons_with_numbers_and_renders_in_both_languages(
    demo_db: Path,
):
    with Store.open(demo_db) as store:
        snapshot = load_snapshot(store)
    profile = analyze(snapshot, TODAY)
    introductions = suggest_introductions(profile, limit=None)
    ledger = give_receive_ledger(profile)
    assert introductions and ledger
    assert len(suggest_introductions(profile, limit=5)) == 5
    let_go = {k for k, t in enumerate(snapshot.ties) if t.status == M.TieStatus.LET_GO}
    seen = set()
    for item in introductions:
        assert 0.0 <= item.score <= 1.0
        assert snapshot.links[item.needs, item.offers] == 0
        assert {item.needs, item.offers}.isdisjoint(let_go)
        key = (min(item.needs, item.offers), max(item.needs, item.offers), normalise(item.topic))
        assert key not in seen
        seen.add(key)
    scores = [item.score for item in introductions]
    assert scores == sorted(scores, reverse=True)
    for item in [*introductions, *ledger]:
        assert item.reasons
        for reason in item.reasons:
            assert _has_number(reason.figures), reason
            assert reason.render("en") and reason.render("nl")
    for language in ("en", "nl"):
        introductions_to_json(introductions, ledger, profile, language)


def test_thirty_thousand_contacts_and_three_thousand_topics_give_the_full_list():
    """At scale the caps hold: twenty suggestions, each pairing two different people over a
    topic one needs. (Speed is measured in bench/bench_advice.py, not asserted here.)"""
    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ter", "van", "sen", "bo", "ri", "da", "ne", "to", "gre"]

    def word() -> str:
        return "".join(rng.choices(syllables, k=rng.randint(2, 4)))

    vocabulary = [ACCOUNTANT, "developer", "designer", "lawyer"] + [word() for _ in range(1500)]
    roles = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 3))) for _ in range(3000)]
    n = 30_000
    contacts = [
        M.Contact(id=k, name=f"C{k}", role=rng.choice(roles), sector=word())
        for k in range(1, n + 1)
    ]
    ties = [M.Tie(k, closeness=rng.choice([None, 1, 3, 5])) for k in range(1, n + 1)]
    ends = np.array([rng.randint(1, n) for _ in range(120_000)], dtype=np.int64)
    links = LinkTable(ends[::2], ends[1::2], np.ones(60_000, dtype=np.int64))
    pool = [" ".join(rng.choices(vocabulary, k=rng.choice([1, 1, 2, 3]))) for _ in range(800)]
    topics = {
        M.Topic(rng.randint(1, n), rng.choice([NEED, OFFER]), rng.choice(pool) + rng.choice("s "))
        for _ in range(3000)
    }
    snapshot = build_snapshot(M.Me(name="Eva"), contacts, ties, links, (), topics=list(topics))
    profile = analyze(snapshot, TODAY)
    suggestions = suggest_introductions(profile)
    assert len(suggestions) == 20
    assert all(s.needs != s.offers for s in suggestions)
