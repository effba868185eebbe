"""Diversity and homophily against hand-computed values, on counts and on tiny networks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiewise import model as M
from tiewise.analysis.diversity import (
    AttributeDiversity,
    blau,
    diversity,
    ei_index,
    iqv,
    shannon,
)
from tiewise.snapshot import build_snapshot

# --- the indices on counts ------------------------------------------------------------------


def test_blau_iqv_shannon_of_two_one_one():
    counts = np.array([2, 1, 1])
    assert blau(counts) == pytest.approx(1 - (0.25 + 0.0625 + 0.0625)) == 0.625
    assert iqv(counts) == pytest.approx(0.625 / (2 / 3)) == 0.9375  # K = 3 non-empty
    assert iqv(counts, categories=4) == pytest.approx(0.625 / (3 / 4))
    assert shannon(counts) == pytest.approx(-(0.5 * math.log(0.5) + 2 * 0.25 * math.log(0.25)))
    assert shannon(counts) == pytest.approx(1.0397207708399179, abs=1e-15)
    assert shannon(counts, base=2) == pytest.approx(1.5)  # egor's default base


def test_empty_categories_do_not_count():
    assert blau([2, 0, 1, 1, 0]) == blau([2, 1, 1])
    assert iqv([2, 0, 1, 1, 0]) == iqv([2, 1, 1])  # K = non-empty categories by default
    assert shannon([0, 2, 1, 1]) == shannon([2, 1, 1])


def test_one_category_is_no_diversity():
    for counts in ([7], [0, 7, 0]):
        assert blau(counts) == 0.0
        assert iqv(counts) == 0.0  # K = 1 is defined as 0
        assert shannon(counts) == 0.0
    assert iqv([7], categories=3) == 0.0


def test_equal_categories_are_maximal():
    assert blau([4, 4, 4, 4]) == pytest.approx(0.75)
    assert iqv([4, 4, 4, 4]) == pytest.approx(1.0)
    assert iqv([4, 4], categories=4) == pytest.approx(0.5 / 0.75)
    assert shannon([4, 4, 4, 4]) == pytest.approx(math.log(4))
    assert shannon([4, 4, 4, 4], base=2) == pytest.approx(2.0)


def test_weights_need_not_be_integers():
    assert blau([0.5, 0.25, 0.25]) == pytest.approx(0.625)
    assert blau([2, 1, 1]) == blau([20, 10, 10])


def test_nobody_gives_nan():
    for counts in ([], [0], [0, 0, 0]):
        assert math.isnan(blau(counts))
        assert math.isnan(iqv(counts))
        assert math.isnan(iqv(counts, categories=3))
        assert math.isnan(shannon(counts))


def test_invalid_input_is_refused():
    with pytest.raises(ValueError):
        blau([1, -1])
    with pytest.raises(ValueError):
        blau([[1, 2], [3, 4]])
    with pytest.raises(ValueError):
        blau([1, math.nan])
    with pytest.raises(ValueError):
        iqv([1, 1, 1], categories=2)  # three non-empty categories cannot be two possible ones
    with pytest.raises(ValueError):
        iqv([0], categories=0)
    with pytest.raises(ValueError):
        shannon([1, 1], base=1)
    with pytest.raises(ValueError):
        ei_index(-1, 2)


def test_ei_index_follows_krackhardt_and_stern():
    assert ei_index(internal=6, external=0) == -1.0  # all ties within the group
    assert ei_index(internal=0, external=6) == 1.0  # all ties across groups
    assert ei_index(internal=3, external=3) == 0.0
    assert ei_index(internal=1, external=3) == 0.5
    assert math.isnan(ei_index(0, 0))


counts_lists = st.lists(st.integers(0, 1000), min_size=1, max_size=12).filter(any)


@settings(max_examples=300, deadline=None)
@given(counts=counts_lists, data=st.data())
def test_bounds_and_permutation_invariance(counts, data):
    k = sum(1 for c in counts if c > 0)
    b, q, h = blau(counts), iqv(counts), shannon(counts)
    assert -1e-12 <= b <= 1 - 1 / k + 1e-12
    assert -1e-12 <= q <= 1 + 1e-12
    assert -1e-12 <= h <= math.log(k) + 1e-12
    extra = data.draw(st.integers(0, 5))
    assert 0 <= iqv(counts, categories=k + extra) <= q + 1e-12  # more possible categories
    permuted = data.draw(st.permutations(counts))
    assert blau(permuted) == pytest.approx(b, abs=1e-12)
    assert iqv(permuted) == pytest.approx(q, abs=1e-12)
    assert shannon(permuted) == pytest.approx(h, abs=1e-12)
    scaled = [3 * c for c in counts]
    assert blau(scaled) == pytest.approx(b, abs=1e-12)
    assert shannon(scaled) == pytest.approx(h, abs=1e-12)


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_ei_index_is_bounded_and_antisymmetric(internal, external):
    value = ei_index(internal, external)
    if internal + external == 0:
        assert math.isnan(value)
    else:
        assert -1 <= value <= 1
        assert ei_index(external, internal) == -value


# --- diversity() on a small network ----------------------------------------------------------
#
#   contact  sector   role      region    organisation  contexts
#   1        health   nurse     Nijmegen  Radboudumc    work
#   2        health   doctor    Arnhem    -             work, club
#   3        design   designer  Nijmegen  -             club
#   4        -        nurse     -         -             -
#   5        tech     -         Nijmegen  -             family
#   6        health   -         -         -             work
#
#   links: 1–2 (twice, evidence 3 + 1), 1–3, 2–3, 3–5, 1–4, 2–6
#   me: sector health, region Nijmegen, organisation Radboudumc, no role


def _snapshot(me: M.Me | None = None):
    contacts = [
        M.Contact(
            id=1,
            name="C1",
            sector="health",
            role="nurse",
            region="Nijmegen",
            organisation="Radboudumc",
        ),
        M.Contact(id=2, name="C2", sector="health", role="doctor", region="Arnhem"),
        M.Contact(id=3, name="C3", sector="design", role="designer", region="Nijmegen"),
        M.Contact(id=4, name="C4", role="nurse"),
        M.Contact(id=5, name="C5", sector="tech", region="Nijmegen"),
        M.Contact(id=6, name="C6", sector="health"),
    ]
    ties = [
        M.Tie(1, contexts=("work",)),
        M.Tie(2, contexts=("work", "club")),
        M.Tie(3, contexts=("club",)),
        M.Tie(4),
        M.Tie(5, contexts=("family",)),
        M.Tie(6, contexts=("work",)),
    ]
    links = [
        M.ContactLink(1, 2, "calendar", 3),
        M.ContactLink(1, 2, "manual", 1),
        M.ContactLink(1, 3, "manual"),
        M.ContactLink(2, 3, "manual"),
        M.ContactLink(3, 5, "manual"),
        M.ContactLink(1, 4, "manual"),
        M.ContactLink(2, 6, "manual"),
    ]
    if me is None:
        me = M.Me(name="me", sector="health", region="Nijmegen", organisation="Radboudumc")
    return build_snapshot(me, contacts, ties, links)


def _by_attribute(results: list[AttributeDiversity]) -> dict[str, AttributeDiversity]:
    return {r.attribute: r for r in results}


def test_sector_excludes_unknowns_and_counts_each_link_once():
    (sector,) = diversity(_snapshot(), ["sector"])
    assert (sector.known, sector.unknown, sector.categories) == (5, 1, 3)
    # health 3, design 1, tech 1 of 5 known
    assert sector.blau == pytest.approx(1 - (9 + 1 + 1) / 25)  # 0.56
    assert sector.iqv == pytest.approx(0.56 / (2 / 3))  # 0.84
    assert sector.shannon == pytest.approx(-(0.6 * math.log(0.6) + 2 * 0.2 * math.log(0.2)))
    assert sector.top == [("health", 3), ("design", 1), ("tech", 1)]
    # me (health) vs contacts: I = 1, 2, 6; E = 3, 5; contact 4 (unknown) left out
    assert sector.ei_me == pytest.approx((2 - 3) / 5)
    # links with both ends known: 1–2 I, 2–6 I, 1–3 E, 2–3 E, 3–5 E; 1–4 left out.
    # 1–2 counts once although seen twice with evidence 4 in total.
    assert sector.ei_among == pytest.approx((3 - 2) / 5)


def test_all_default_attributes_by_hand():
    results = diversity(_snapshot())
    assert [r.attribute for r in results] == [
        "sector",
        "role",
        "region",
        "organisation",
        "context",
    ]
    by = _by_attribute(results)

    role = by["role"]  # designer 1, doctor 1, nurse 2; I have no role
    assert (role.known, role.unknown, role.categories) == (4, 2, 3)
    assert role.blau == pytest.approx(1 - (1 + 1 + 4) / 16)
    assert role.top == [("nurse", 2), ("designer", 1), ("doctor", 1)]
    assert math.isnan(role.ei_me)
    assert role.ei_among == pytest.approx((3 - 1) / 4)  # 1–4 nurse–nurse I; 1–2, 1–3, 2–3 E

    region = by["region"]  # Arnhem 1, Nijmegen 3
    assert (region.known, region.unknown, region.categories) == (4, 2, 2)
    assert region.blau == pytest.approx(1 - (1 + 9) / 16)
    assert region.iqv == pytest.approx(0.375 / 0.5)
    assert region.ei_me == pytest.approx((1 - 3) / 4)  # me Nijmegen
    # 1–2 E, 1–3 I, 2–3 E, 3–5 I
    assert region.ei_among == 0.0

    organisation = by["organisation"]  # only contact 1, at my organisation
    assert (organisation.known, organisation.unknown, organisation.categories) == (1, 5, 1)
    assert (organisation.blau, organisation.iqv, organisation.shannon) == (0.0, 0.0, 0.0)
    assert organisation.ei_me == -1.0
    assert math.isnan(organisation.ei_among)  # no link between two known contacts


def test_context_counts_every_membership():
    (context,) = diversity(_snapshot(), ["context"])
    # memberships: work 3 (1, 2, 6), club 2 (2, 3), family 1 (5) — 6 memberships, 5 contacts
    assert (context.known, context.unknown, context.categories) == (5, 1, 3)
    assert context.top == [("work", 3), ("club", 2), ("family", 1)]
    assert context.blau == pytest.approx(1 - (9 + 4 + 1) / 36)
    assert context.iqv == pytest.approx((22 / 36) / (2 / 3))
    assert context.shannon == pytest.approx(
        -(0.5 * math.log(0.5) + (1 / 3) * math.log(1 / 3) + (1 / 6) * math.log(1 / 6))
    )
    assert math.isnan(context.ei_me)  # I have no context
    # sharing at least one context: 1–2 (work) I, 2–3 (club) I, 2–6 (work) I; 1–3 E, 3–5 E;
    # 1–4 left out (4 has no context)
    assert context.ei_among == pytest.approx((2 - 3) / 5)


def test_mask_restricts_contacts_and_links():
    snapshot = _snapshot()
    mask = np.array([False, True, True, True, True, False])  # contacts 2, 3, 4, 5
    by = _by_attribute(diversity(snapshot, ["sector", "context"], mask=mask))
    sector = by["sector"]  # health 1, design 1, tech 1; contact 4 unknown
    assert (sector.known, sector.unknown, sector.categories) == (3, 1, 3)
    assert sector.blau == pytest.approx(2 / 3)
    assert sector.iqv == pytest.approx(1.0)
    assert sector.shannon == pytest.approx(math.log(3))
    assert sector.ei_me == pytest.approx((2 - 1) / 3)
    assert sector.ei_among == 1.0  # only 2–3 and 3–5 remain, both across
    context = by["context"]  # work 1, club 2, family 1
    assert (context.known, context.unknown) == (3, 1)
    assert context.top == [("club", 2), ("family", 1), ("work", 1)]
    assert context.ei_among == pytest.approx((1 - 1) / 2)  # 2–3 I (club), 3–5 E


def test_empty_mask_gives_nan_everywhere():
    snapshot = _snapshot()
    (sector,) = diversity(snapshot, ["sector"], mask=np.zeros(snapshot.size, dtype=bool))
    assert (sector.known, sector.unknown, sector.categories, sector.top) == (0, 0, 0, [])
    for value in (sector.blau, sector.iqv, sector.shannon, sector.ei_me, sector.ei_among):
        assert math.isnan(value)


def test_my_value_shared_by_nobody_makes_every_tie_external():
    (sector,) = diversity(_snapshot(M.Me(name="me", sector="law")), ["sector"])
    assert sector.ei_me == 1.0
    (sector,) = diversity(_snapshot(M.Me(name="me", sector="")), ["sector"])
    assert math.isnan(sector.ei_me)


def test_bad_arguments_are_refused():
    snapshot = _snapshot()
    with pytest.raises(ValueError):
        diversity(snapshot, ["shoe size"])
    with pytest.raises(ValueError):
        diversity(snapshot, mask=np.ones(snapshot.size - 1, dtype=bool))
    with pytest.raises(ValueError):
        diversity(snapshot, mask=np.ones(snapshot.size, dtype=int))


def test_network_without_contacts():
    snapshot = build_snapshot(M.Me(name="me", sector="health"), [])
    for result in diversity(snapshot):
        assert (result.known, result.unknown, result.categories) == (0, 0, 0)
        assert math.isnan(result.blau) and math.isnan(result.ei_among)


# --- diversity() against a plain-Python reference on random networks -------------------------

SECTORS = ("a", "b", "c", None)
CONTEXTS = ("club", "family", "work")


@st.composite
def _networks(draw):
    n = draw(st.integers(1, 8))
    sectors = draw(st.lists(st.sampled_from(SECTORS), min_size=n, max_size=n))
    contexts = draw(
        st.lists(st.sets(st.sampled_from(CONTEXTS)), min_size=n, max_size=n).map(
            lambda sets: [tuple(sorted(s)) for s in sets]
        )
    )
    pairs = [(i, j) for i in range(1, n + 1) for j in range(i + 1, n + 1)]
    linked = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    mask = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    me = draw(st.sampled_from(SECTORS))
    return sectors, contexts, linked, mask, me


def _reference(values, linked, mask, mine):
    """E-I by loops: ``values`` per contact is a set of categories (empty = unknown)."""
    chosen = [i for i in range(len(values)) if mask[i] and values[i]]
    counts: dict[str, int] = {}
    for i in chosen:
        for v in values[i]:
            counts[v] = counts.get(v, 0) + 1
    ei_me = math.nan
    if mine is not None:
        internal = sum(1 for i in chosen if mine in values[i])
        ei_me = ei_index(internal, len(chosen) - internal)
    internal = external = 0
    for a, b in linked:
        if a - 1 in chosen and b - 1 in chosen:
            if values[a - 1] & values[b - 1]:
                internal += 1
            else:
                external += 1
    return len(chosen), counts, ei_me, ei_index(internal, external)


@settings(max_examples=150, deadline=None)
@given(_networks())
def test_matches_a_plain_python_reference(network):
    sectors, contexts, linked, mask, me = network
    contacts = [M.Contact(id=i + 1, name=f"C{i + 1}", sector=s) for i, s in enumerate(sectors)]
    ties = [M.Tie(i + 1, contexts=c) for i, c in enumerate(contexts)]
    links = [M.ContactLink(a, b, "manual") for a, b in linked]
    snapshot = build_snapshot(M.Me(name="me", sector=me), contacts, ties, links)
    sector, context = diversity(snapshot, ["sector", "context"], mask=np.array(mask))
    for result, values, mine in (
        (sector, [{s} if s else set() for s in sectors], me),
        (context, [set(c) for c in contexts], None),
    ):
        known, counts, ei_me, ei_among = _reference(values, linked, mask, mine)
        assert result.known == known
        assert result.unknown == sum(mask) - known
        assert result.categories == len(counts)
        assert sorted(result.top) == sorted(counts.items())
        expected_blau = blau(np.array(list(counts.values())))
        assert result.blau == pytest.approx(expected_blau, nan_ok=True)
        assert result.ei_me == pytest.approx(ei_me, nan_ok=True)
        assert result.ei_among == pytest.approx(ei_among, nan_ok=True)
