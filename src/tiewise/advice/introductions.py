"""Introductions I could make, and the give/receive ledger of my ties.

**Introductions: the user as broker.** Two of my contacts who do not know each other sit on
either side of a structural hole; by introducing them where one needs what the other offers, I
add value and gain from it (Burt 1992, *Structural Holes*; Burt 2001: brokerage creates value,
closure helps to realise it). "Bringing people into contact" is one of the helpful acts of the
seed column (004). Candidates are pairs ``(needs, offers)`` where

- ``needs`` recorded a need Topic and ``offers`` recorded a matching offer Topic, or has a role
  or sector that contains the need as words (a need "accountant" is served by the role
  "Senior accountant" or the sector "accountant");
- the two do not know each other: no link in ``snapshot.links``, and no introduction between
  them recorded as an Exchange (``counterpart_id``) in either direction;
- neither tie has status ``let_go`` (a tie I chose to let go is not one to spend effort on), and
  the two are different contacts.

Matching: texts are case-folded and split on white space and punctuation (``, ; : / | & ( )
[ ] . ! ?`` and quotes), then compared with rapidfuzz's ``fuzz.ratio`` (normalised Indel
similarity, 0–100). 100 is an exact match; a **near match** needs at least ``NEAR_MATCH`` = 88
("accountants"/"accountant" 95, "cook"/"cooks" 89 match; "printing"/"painting" 87.5 and
"photography"/"accountant" do not). An offer Topic is compared as a whole; a role or sector by
each run of as many consecutive words as the need has (so it must *contain* the need). Needs
equal after this normalisation are one topic (named by its first spelling); per topic, the best
match of each contact counts.

Score of an introduction, 0–1: the weighted sum of five components, each 0–1:

=============  ======  ===========================================================================
component      weight  value
=============  ======  ===========================================================================
match          .35     similarity / 100; × ``ATTRIBUTE_MATCH`` = 0.8 when the match is a role or
                       sector instead of a recorded offer (a job title says what someone does, not
                       that they offer it to others)
credibility    .25     the *weaker* of my two tie strengths (``TieStrength.score``): an
                       introduction spends my credibility with both, and the weaker tie limits it
                       (Granovetter 1973 on tie strength)
brokerage      .20     1 when the two are in different clusters of my network, 0 in the same
                       cluster, ``UNKNOWN_CIRCLE`` = 0.5 when either is in no reported cluster
                       (Burt 1992: brokerage across structural holes)
give_back      .10     ``1 − exp(−owed / 2)`` with ``owed`` the larger of the two balances
                       received − given (in Exchange records): the introduction returns a favour
                       to someone I owe (Gouldner 1960, norm of reciprocity; Granovetter 1973,
                       "reciprocal services" as part of tie strength)
goal           .10     the larger of the two contacts' relevance to any of my goals
                       (``GoalRelevance``, ``analysis/fit.py``): helping them invests in a tie that
                       serves what I want from my network (Lin 2001)
=============  ======  ===========================================================================

Caps (so the work grows with the number of topics, not with the square of the contacts): per
need text at most ``MAX_NEEDERS`` = 200 contacts who need it and ``MAX_OFFERERS`` = 50 who can
serve it are paired, each side chosen by the part of the score it determines alone (my tie
strength, what I owe, goal relevance; plus the match for offerers); so at most 10,000 pairs per
need text. Each unordered pair appears at most once per need text (the best-scoring direction
and source), and each contact's need gets at most ``OFFERS_PER_NEED`` = 3 suggestions (the best
one is usually enough; two more are alternatives). Ties are broken by position, so the result is
repeatable. Matching is done once per distinct text (rapidfuzz ``cdist``) and pairing with NumPy,
without a loop over contacts: 0.1 s for 30,000 contacts and 3,000 topics (the test asserts
< 0.3 s). Scores and components are rounded to 4 decimals.

Every introduction carries reasons (``introduction.*`` in ``i18n``), each with figures: the match,
the weaker tie, the circles, and when they apply what I owe and the goal served. The goal figure
holds the English goal label; ``introductions_to_json`` names the goal in the chosen language.

**Give/receive ledger.** Per tie with any Exchange: how often I gave and received (by kind),
``balance = given − received`` and the last time I gave. Reciprocal services keep a tie alive
(Granovetter 1973; Gouldner 1960), so the ledger lists the ties where I have given least
first: lowest balance, then the longest since I last gave (never first), then most received.
Let-go ties are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from tiewise.advice.reasons import Reason
from tiewise.analysis.fit import goal_term
from tiewise.analysis.profile import Profile
from tiewise.model import ExchangeDirection, ExchangeKind, TieStatus, TopicKind
from tiewise.snapshot import Snapshot

NEAR_MATCH = 88.0
ATTRIBUTE_MATCH = 0.8
WEIGHTS = {"match": 0.35, "credibility": 0.25, "brokerage": 0.20, "give_back": 0.10, "goal": 0.10}
UNKNOWN_CIRCLE = 0.5
OWED_SCALE = 2.0
MAX_NEEDERS = 200
MAX_OFFERERS = 50
OFFERS_PER_NEED = 3
MATCHED_ATTRIBUTES = ("role", "sector")

_SEPARATORS = re.compile(r"[\s,;:/|&()\[\].!?\"'“”‘’]+")
_CDIST_CELLS = 4_000_000  # at most this many similarities in memory at once (16 MB)


@dataclass(frozen=True)
class Introduction:
    """Introduce ``needs`` to ``offers`` (contact positions) about ``topic`` (the need as
    recorded). ``components`` are the 0–1 values the score weighs (see the module docstring)."""

    needs: int
    offers: int
    topic: str
    score: float
    reasons: tuple[Reason, ...]
    components: dict[str, float]


@dataclass(frozen=True)
class LedgerRow:
    """What I gave to and received from the contact at ``position``: counts, ``balance = given −
    received``, the last day I gave, and per exchange kind ``(given, received)``."""

    position: int
    given: int
    received: int
    balance: int
    last_given: date | None
    reasons: tuple[Reason, ...]
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)


def normalise(text: str) -> str:
    """Case-folded words separated by single spaces (punctuation and quotes dropped)."""
    return " ".join(part for part in _SEPARATORS.split(text.casefold()) if part)


# --- the ledger ----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Tally:
    given: np.ndarray
    received: np.ndarray
    last_given: dict[int, date]
    by_kind: dict[int, dict[str, list[int]]]
    introduced: np.ndarray  # sorted pair keys lo·n + hi of contacts already introduced


def _position(snapshot: Snapshot, contact_id: int | None) -> int | None:
    if contact_id is None:
        return None
    try:
        return snapshot.index_of(contact_id)
    except KeyError:
        return None


def _tally(snapshot: Snapshot) -> _Tally:
    n = snapshot.size
    given = np.zeros(n, dtype=np.int64)
    received = np.zeros(n, dtype=np.int64)
    last_given: dict[int, date] = {}
    by_kind: dict[int, dict[str, list[int]]] = {}
    introduced: list[int] = []
    for exchange in snapshot.exchanges:
        position = _position(snapshot, exchange.contact_id)
        if position is None:
            continue
        kinds = by_kind.setdefault(position, {})
        counts = kinds.setdefault(exchange.kind.value, [0, 0])
        if exchange.direction == ExchangeDirection.GIVEN:
            given[position] += 1
            counts[0] += 1
            if position not in last_given or exchange.occurred_on > last_given[position]:
                last_given[position] = exchange.occurred_on
        else:
            received[position] += 1
            counts[1] += 1
        other = _position(snapshot, exchange.counterpart_id)
        if exchange.kind == ExchangeKind.INTRODUCTION and other is not None and other != position:
            introduced.append(min(position, other) * n + max(position, other))
    return _Tally(given, received, last_given, by_kind, np.unique(np.array(introduced, np.int64)))


def _let_go(snapshot: Snapshot) -> np.ndarray:
    return np.fromiter(
        (t.status == TieStatus.LET_GO for t in snapshot.ties), dtype=bool, count=snapshot.size
    )


def give_receive_ledger(profile: Profile) -> list[LedgerRow]:
    """Every tie (not let go) with at least one Exchange, the most under-given first (see the
    module docstring for the order)."""
    snapshot = profile.snapshot
    tally = _tally(snapshot)
    let_go = _let_go(snapshot)
    rows = []
    for position, kinds in tally.by_kind.items():
        if let_go[position]:
            continue
        given, received = int(tally.given[position]), int(tally.received[position])
        last = tally.last_given.get(position)
        name = snapshot.contacts[position].name
        balance = given - received
        if balance < 0:
            reasons = [Reason("ledger.owe", {"name": name, "given": given, "received": received})]
        elif balance > 0:
            reasons = [Reason("ledger.ahead", {"name": name, "given": given, "received": received})]
        else:
            reasons = [Reason("ledger.even", {"name": name, "given": given})]
        if last is not None:
            days = (profile.today - last).days
            reasons.append(Reason("ledger.last_given", {"date": last.isoformat(), "days": days}))
        rows.append(
            LedgerRow(
                position=position,
                given=given,
                received=received,
                balance=balance,
                last_given=last,
                reasons=tuple(reasons),
                by_kind={kind: (g, r) for kind, (g, r) in sorted(kinds.items())},
            )
        )
    rows.sort(
        key=lambda r: (
            r.balance,
            r.last_given is not None,
            r.last_given or date.min,
            -r.received,
            r.position,
        )
    )
    return rows


# --- matching needs with offers, roles and sectors ------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Sources:
    """What can serve a need: recorded offers and role or sector values, each with the contact
    positions behind it (``members[ptr[k]:ptr[k + 1]]``)."""

    kind: list[str]  # "offer", "role" or "sector"
    text: list[str]  # as recorded
    ptr: np.ndarray
    members: np.ndarray


def _sources(snapshot: Snapshot) -> _Sources:
    kind: list[str] = []
    text: list[str] = []
    groups: list[np.ndarray] = []
    offers: dict[str, list[int]] = {}
    shown: dict[str, str] = {}
    for topic in snapshot.topics:
        if topic.kind != TopicKind.OFFER:
            continue
        position = _position(snapshot, topic.contact_id)
        key = normalise(topic.topic)
        if position is None or not key:
            continue
        offers.setdefault(key, []).append(position)
        shown.setdefault(key, topic.topic.strip())
    for key, positions in offers.items():
        kind.append("offer")
        text.append(shown[key])
        groups.append(np.array(sorted(set(positions)), dtype=np.int64))
    for attribute in MATCHED_ATTRIBUTES:
        codes, names = snapshot.attribute(attribute)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
        for code, name in enumerate(names):
            kind.append(attribute)
            text.append(name)
            groups.append(order[bounds[code] : bounds[code + 1]])
    sizes = np.array([g.size for g in groups], dtype=np.int64)
    ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    members = np.concatenate(groups) if groups else np.zeros(0, dtype=np.int64)
    return _Sources(kind, text, ptr, members.astype(np.int64))


def _windows(words: list[str], size: int) -> set[str]:
    return {" ".join(words[k : k + size]) for k in range(len(words) - size + 1)}


def _similar(queries: list[str], table: dict[str, list[int]]) -> list[tuple[int, list[int], float]]:
    """(query index, source indices, similarity) for every text of ``table`` at least
    ``NEAR_MATCH`` similar to a query; computed in blocks to bound memory."""
    if not queries or not table:
        return []
    texts = list(table)
    step = max(1, _CDIST_CELLS // len(texts))
    hits = []
    for begin in range(0, len(queries), step):
        scores = process.cdist(
            queries[begin : begin + step],
            texts,
            scorer=fuzz.ratio,
            score_cutoff=NEAR_MATCH,
            dtype=np.float32,
        )
        for q, t in zip(*np.nonzero(scores), strict=True):
            hits.append((begin + int(q), table[texts[t]], float(scores[q, t])))
    return hits


def _match(needs: list[str], sources: _Sources) -> tuple[np.ndarray, ...]:
    """(need index, source index, similarity 0–100) of every match at or above ``NEAR_MATCH``,
    the best per need and source: offers compared whole, roles and sectors by runs of as many
    words as the need has."""
    offers: dict[str, list[int]] = {}
    windows: dict[int, dict[str, list[int]]] = {}
    sizes = {len(need.split(" ")) for need in needs}
    for index, (kind, shown) in enumerate(zip(sources.kind, sources.text, strict=True)):
        words = normalise(shown).split(" ")
        if kind == "offer":
            offers.setdefault(" ".join(words), []).append(index)
            continue
        for size in sizes:
            for window in _windows(words, size):
                windows.setdefault(size, {}).setdefault(window, []).append(index)
    hits = _similar(needs, offers)
    for size, table in windows.items():
        asked = [k for k, need in enumerate(needs) if len(need.split(" ")) == size]
        hits += [
            (asked[q], owners, sim) for q, owners, sim in _similar([needs[k] for k in asked], table)
        ]
    if not hits:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    counts = [len(owners) for _, owners, _ in hits]
    need = np.repeat(np.array([q for q, _, _ in hits], dtype=np.int64), counts)
    source = np.array([o for _, owners, _ in hits for o in owners], dtype=np.int64)
    similarity = np.repeat(np.array([sim for _, _, sim in hits]), counts)
    order = np.lexsort((-similarity, source, need))
    need, source, similarity = need[order], source[order], similarity[order]
    first = np.ones(need.size, dtype=bool)
    first[1:] = (need[1:] != need[:-1]) | (source[1:] != source[:-1])
    return need[first], source[first], similarity[first]


def _rank_in_group(groups: np.ndarray) -> np.ndarray:
    """Rank of each row within its run of equal ``groups`` values (rows sorted by group)."""
    if groups.size == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.ones(groups.size, dtype=bool)
    starts[1:] = groups[1:] != groups[:-1]
    start_index = np.maximum.accumulate(np.where(starts, np.arange(groups.size), 0))
    return np.arange(groups.size) - start_index


# --- suggestions ----------------------------------------------------------------------------------


def suggest_introductions(profile: Profile, limit: int | None = 20) -> list[Introduction]:
    """Introductions between contacts who do not know each other where one needs what the other
    offers, best first (formula, weights and caps in the module docstring). Pure."""
    snapshot = profile.snapshot
    n = snapshot.size
    if n < 2 or not snapshot.topics:
        return []
    let_go = _let_go(snapshot)
    tally = _tally(snapshot)
    owed = np.maximum(tally.received - tally.given, 0)
    give_back = 1.0 - np.exp(-owed / OWED_SCALE)
    strength = np.nan_to_num(np.asarray(profile.strength.score, dtype=np.float64))
    relevance = profile.relevance.values
    goal_value = relevance.max(axis=0) if relevance.shape[0] else np.zeros(n)
    goal_index = relevance.argmax(axis=0) if relevance.shape[0] else np.zeros(n, dtype=np.int64)
    own = WEIGHTS["credibility"] * strength + WEIGHTS["give_back"] * give_back
    own = own + WEIGHTS["goal"] * goal_value

    # needs: (need text, contact), one per pair; the first spelling names the text
    need_texts: dict[str, int] = {}
    shown: list[str] = []
    need_rows: list[tuple[int, int]] = []
    for topic in snapshot.topics:
        if topic.kind != TopicKind.NEED:
            continue
        position = _position(snapshot, topic.contact_id)
        key = normalise(topic.topic)
        if position is None or not key or let_go[position]:
            continue
        if key not in need_texts:
            need_texts[key] = len(shown)
            shown.append(topic.topic.strip())
        need_rows.append((need_texts[key], position))
    if not need_rows:
        return []
    needers = np.unique(np.array(need_rows, dtype=np.int64), axis=0)
    order = np.lexsort((needers[:, 1], -own[needers[:, 1]], needers[:, 0]))
    needers = needers[order]
    needers = needers[_rank_in_group(needers[:, 0]) < MAX_NEEDERS]
    nd_topic, nd_pos = needers[:, 0], needers[:, 1]

    # offerers: (need text, contact, match) expanded from the matching sources
    sources = _sources(snapshot)
    m_need, m_source, m_similarity = _match(list(need_texts), sources)
    factor = np.array([1.0 if k == "offer" else ATTRIBUTE_MATCH for k in sources.kind])
    counts = sources.ptr[m_source + 1] - sources.ptr[m_source]
    row = np.repeat(np.arange(m_need.size), counts)
    offset = np.arange(row.size) - np.repeat(np.cumsum(counts) - counts, counts)
    of_pos = sources.members[sources.ptr[m_source][row] + offset]
    of_topic, of_source = m_need[row], m_source[row]
    of_similarity = m_similarity[row] / 100.0
    of_match = of_similarity * factor[of_source]
    keep = ~let_go[of_pos]
    of_pos, of_topic, of_source = of_pos[keep], of_topic[keep], of_source[keep]
    of_similarity, of_match = of_similarity[keep], of_match[keep]
    # the best source per (need text, contact), then the strongest offerers per need text
    order = np.lexsort((of_source, -of_match, of_pos, of_topic))
    of_pos, of_topic, of_source = of_pos[order], of_topic[order], of_source[order]
    of_similarity, of_match = of_similarity[order], of_match[order]
    first = np.ones(of_pos.size, dtype=bool)
    first[1:] = (of_topic[1:] != of_topic[:-1]) | (of_pos[1:] != of_pos[:-1])
    of_pos, of_topic, of_source = of_pos[first], of_topic[first], of_source[first]
    of_similarity, of_match = of_similarity[first], of_match[first]
    potential = WEIGHTS["match"] * of_match + own[of_pos]
    order = np.lexsort((of_pos, -potential, of_topic))
    of_pos, of_topic, of_source = of_pos[order], of_topic[order], of_source[order]
    of_similarity, of_match = of_similarity[order], of_match[order]
    keep = _rank_in_group(of_topic) < MAX_OFFERERS
    of_pos, of_topic, of_source = of_pos[keep], of_topic[keep], of_source[keep]
    of_similarity, of_match = of_similarity[keep], of_match[keep]

    # every needer of a text with every offerer of it, without a Python loop
    texts = len(shown)
    a = np.bincount(nd_topic, minlength=texts)
    b = np.bincount(of_topic, minlength=texts)
    a_start = np.cumsum(a) - a
    b_start = np.cumsum(b) - b
    pairs = a * b
    group = np.repeat(np.arange(texts), pairs)
    local = np.arange(group.size) - np.repeat(np.cumsum(pairs) - pairs, pairs)
    ni = a_start[group] + local // np.maximum(b[group], 1)
    oi = b_start[group] + local % np.maximum(b[group], 1)
    i, j, topic = nd_pos[ni], of_pos[oi], group
    match, similarity, source = of_match[oi], of_similarity[oi], of_source[oi]

    lo, hi = np.minimum(i, j), np.maximum(i, j)
    pair_key = lo * n + hi
    links = snapshot.links
    link_rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(links.indptr))
    linked = link_rows * n + links.indices.astype(np.int64)
    linked = linked[links.data > 0]
    keep = (i != j) & ~np.isin(pair_key, linked) & ~np.isin(pair_key, tally.introduced)
    i, j, topic, match = i[keep], j[keep], topic[keep], match[keep]
    similarity, source, pair_key = similarity[keep], source[keep], pair_key[keep]

    membership = profile.structure.membership
    ci, cj = membership[i], membership[j]
    components = {
        "match": match,
        "credibility": np.minimum(strength[i], strength[j]),
        "brokerage": np.where((ci >= 0) & (cj >= 0), (ci != cj).astype(np.float64), UNKNOWN_CIRCLE),
        "give_back": np.maximum(give_back[i], give_back[j]),
        "goal": np.maximum(goal_value[i], goal_value[j]),
    }
    score = sum(WEIGHTS[name] * values for name, values in components.items())

    # one suggestion per unordered pair and need text, then at most OFFERS_PER_NEED per need
    order = np.lexsort((j, i, -score, topic, pair_key))
    first = np.ones(order.size, dtype=bool)
    first[1:] = (pair_key[order][1:] != pair_key[order][:-1]) | (
        topic[order][1:] != topic[order][:-1]
    )
    chosen = order[first]
    chosen = chosen[np.lexsort((j[chosen], -score[chosen], topic[chosen], i[chosen]))]
    need_key = i[chosen] * texts + topic[chosen]
    chosen = chosen[_rank_in_group(need_key) < OFFERS_PER_NEED]
    chosen = chosen[np.lexsort((topic[chosen], j[chosen], i[chosen], -score[chosen]))]
    if limit is not None:
        chosen = chosen[:limit]

    result = []
    for row in chosen.tolist():
        values = {name: round(float(v[row]), 4) for name, v in components.items()}
        needs, offers = int(i[row]), int(j[row])
        result.append(
            Introduction(
                needs=needs,
                offers=offers,
                topic=shown[int(topic[row])],
                score=round(float(score[row]), 4),
                reasons=_reasons(
                    profile,
                    needs,
                    offers,
                    topic=shown[int(topic[row])],
                    source=(sources.kind[int(source[row])], sources.text[int(source[row])]),
                    similarity=float(similarity[row]),
                    values=values,
                    owed=owed,
                    tally=tally,
                    goal_index=goal_index,
                    goal_value=goal_value,
                ),
                components=values,
            )
        )
    return result


def _reasons(
    profile: Profile,
    needs: int,
    offers: int,
    *,
    topic: str,
    source: tuple[str, str],
    similarity: float,
    values: dict[str, float],
    owed: np.ndarray,
    tally: _Tally,
    goal_index: np.ndarray,
    goal_value: np.ndarray,
) -> tuple[Reason, ...]:
    snapshot = profile.snapshot
    name = {p: snapshot.contacts[p].name for p in (needs, offers)}
    kind, offered = source
    reasons = [
        Reason(
            f"introduction.{kind}",
            {
                "needs": name[needs],
                "offers": name[offers],
                "topic": topic,
                "offered": offered,
                "similarity": round(similarity, 4),
            },
        )
    ]
    strength = profile.strength.score
    weaker = needs if strength[needs] <= strength[offers] else offers
    reasons.append(
        Reason(
            "introduction.credibility",
            {"weaker": name[weaker], "strength": round(float(strength[weaker]), 4)},
        )
    )
    structure = profile.structure
    ci, cj = int(structure.membership[needs]), int(structure.membership[offers])
    if ci >= 0 and cj >= 0 and ci != cj:
        reasons.append(
            Reason(
                "introduction.brokerage",
                {
                    "cluster_needs": ci,
                    "circle_needs": structure.clusters[ci].label,
                    "cluster_offers": cj,
                    "circle_offers": structure.clusters[cj].label,
                },
            )
        )
    elif ci >= 0 and ci == cj:
        reasons.append(
            Reason(
                "introduction.same_circle",
                {"cluster": ci, "circle": structure.clusters[ci].label},
            )
        )
    else:
        outside = needs if ci < 0 else offers
        reasons.append(
            Reason(
                "introduction.no_circle",
                {"name": name[outside], "brokerage": values["brokerage"]},
            )
        )
    debtor = needs if owed[needs] >= owed[offers] else offers
    if owed[debtor] > 0:
        reasons.append(
            Reason(
                "introduction.give_back",
                {
                    "name": name[debtor],
                    "received": int(tally.received[debtor]),
                    "given": int(tally.given[debtor]),
                },
            )
        )
    served = needs if goal_value[needs] >= goal_value[offers] else offers
    if goal_value[served] > 0:
        goal = profile.relevance.goals[int(goal_index[served])]
        reasons.append(
            Reason(
                "introduction.goal",
                {
                    "name": name[served],
                    "goal": goal_term(goal),
                    "relevance": round(float(goal_value[served]), 4),
                },
            )
        )
    return tuple(reasons)


# --- JSON -----------------------------------------------------------------------------------------


def introductions_to_json(
    introductions: list[Introduction],
    ledger: list[LedgerRow],
    profile: Profile,
    language: str = "en",
) -> dict[str, Any]:
    """Introductions and the ledger as JSON: contacts by id and name, reasons rendered in
    ``language`` with their figures."""
    snapshot = profile.snapshot

    def person(position: int) -> dict[str, Any]:
        return {
            "contact_id": int(snapshot.contact_ids[position]),
            "name": snapshot.contacts[position].name,
        }

    return {
        "introductions": [
            {
                "needs": person(item.needs),
                "offers": person(item.offers),
                "topic": item.topic,
                "score": item.score,
                "components": dict(item.components),
                "reasons": [r.to_json(language) for r in item.reasons],
            }
            for item in introductions
        ],
        "ledger": [
            {
                **person(row.position),
                "given": row.given,
                "received": row.received,
                "balance": row.balance,
                "last_given": None if row.last_given is None else row.last_given.isoformat(),
                "by_kind": {
                    kind: {"given": g, "received": r} for kind, (g, r) in row.by_kind.items()
                },
                "reasons": [r.to_json(language) for r in row.reasons],
            }
            for row in ledger
        ],
    }
