"""Goal–network fit: how well my network serves each of my goals, and which ties serve which goal.

Lin (2001; *Connections* 22(1), 1999): *expressive* goals (keep what one has) are served by strong
ties to similar people who know each other — the strength of strong ties, and closure (Coleman
1988); *instrumental* goals (gain what one lacks) by weak ties that reach other circles — the
strength of weak ties (Granovetter 1973), structural holes and low constraint (Burt 1992), the
strength of location. Bridging and strength are kept as separate numbers (Neal 2024, *Network
Science*: what matters is whether a tie bridges, not whether it is weak). *Mixed* goals get both
halves at half weight. A goal's *segment* is the contacts matching its targets (same attribute:
any value; different attributes: all must hold; values compared case-insensitively); a goal
without targets has every contact in its segment.

Per goal a score 0–100 is the weighted mean of named components, each 0–1 (unknown ones drop out
and the weights are renormalised); saturating counts use ``1 − exp(−k / K)``:

instrumental — ``segment_ties`` (.35): active weak and medium ties in the segment, K = 8;
``cluster_span`` (.25): worlds those ties lie in, K = 3, divided by the same for all my
worlds (covering every world scores 1) — a world is a cluster, or a contact outside every
cluster with those it is linked to, or alone (``structure.worlds``; Burt 1992); unknown when no
links among my contacts are known at all; ``low_constraint`` (.20): ``1 − C``
with Burt's constraint of my ego network restricted to the segment's active ties;
``bridging_ties`` (.20): segment ties that link into other clusters or are the only bridge to
one, or — when any links among my contacts are known — that none of my other contacts knows
(a world of its own: Burt 1992), K = 2; for the visibility goals also ``being_known`` (.25,
see ``known.py``).

expressive — ``strong_ties`` (.40): strong ties in the segment, K = 5 (Dunbar's support clique);
``closure`` (.35): density of links among those strong ties within the circles (clusters) they
form (``closure_within_circles``); ``similarity`` (.25): how many of
sector, region and organisation they share with me.

The gap is the component that loses the most points, ``weight × (1 − value)``.

Per contact and goal, *relevance* (0–1) says how much that tie serves the goal — the input of the
portfolio, invitations and introductions:

- instrumental: ``segment × class weight × (f + (1 − f) · bridging)`` with ``f`` =
  :data:`CLOSED_FLOOR` 0.2 — seed 004: the people who serve instrumental goals do not know each
  other, so a contact whose links all stay inside its circle keeps a fifth; class weight medium 1.0,
  dormant 0.9 (reactivated ties give novel knowledge: Levin, Walter & Murnighan 2011), weak 0.8
  (0.4 when nothing but the connection is known: no interaction, rating, context or link),
  strong 0.6;
- expressive: ``segment × strength × (0.5 + 0.5 · closure) × (0.75 + 0.25 · similarity)``,
  halved for a dormant tie;
- mixed: the mean of both.

``bridging`` of a contact is the share of its links to my other contacts that leave its cluster
(1 for a contact none of my contacts knows: entirely non-redundant, Burt 1992; 1 for a structural
bridge); ``closure`` the share of its links that go to my strong ties; ``similarity`` the share of
sector, region and organisation it shares with me among those known for both (NaN when none is;
taken as 0.5 in relevance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from tiewise.advice.reasons import Term
from tiewise.analysis.known import BeingKnown
from tiewise.analysis.strength import TieStrength
from tiewise.analysis.structure import EgoStructure, ego_burt, worlds
from tiewise.goals import goal_class, goal_label
from tiewise.i18n import number, plural, text
from tiewise.model import Goal, GoalClass, TargetAttribute
from tiewise.snapshot import Snapshot

SEGMENT_SCALE = 8.0
CLUSTER_SCALE = 3.0
BRIDGE_SCALE = 2.0
STRONG_SCALE = 5.0
INSTRUMENTAL_WEIGHTS = {
    "segment_ties": 0.35,
    "cluster_span": 0.25,
    "low_constraint": 0.20,
    "bridging_ties": 0.20,
}
BEING_KNOWN_WEIGHT = 0.25
EXPRESSIVE_WEIGHTS = {"strong_ties": 0.40, "closure": 0.35, "similarity": 0.25}
GAP_THRESHOLD = 0.02  # a component losing under 2 points is no gap
VISIBILITY_GOALS = frozenset({"visibility", "being_seen"})
CLASS_WEIGHT = {"medium": 1.0, "dormant": 0.9, "weak": 0.8, "strong": 0.6}
UNEVIDENCED_WEAK_WEIGHT = 0.4
CLOSED_FLOOR = 0.2  # instrumental relevance kept by a contact whose links all stay in its circle
SIMILARITY_ATTRIBUTES = ("sector", "region", "organisation")
_ATTRIBUTE_FIELD = {
    TargetAttribute.SECTOR: "sector",
    TargetAttribute.ROLE: "role",
    TargetAttribute.REGION: "region",
    TargetAttribute.ORGANISATION: "organisation",
}


def goal_term(goal: Goal) -> Term:
    """A goal's label in both languages, for reasons."""
    return Term(goal_label(goal, "en"), goal_label(goal, "nl"))


def segment_of(snapshot: Snapshot, goal: Goal) -> np.ndarray:
    """Contacts matching all of a goal's target attributes (any of the values per attribute)."""
    mask = np.ones(snapshot.size, dtype=bool)
    wanted: dict[str, set[str]] = {}
    for target in goal.targets:
        wanted.setdefault(_ATTRIBUTE_FIELD[target.attribute], set()).add(target.value)
    for attribute, values in wanted.items():
        mask &= snapshot.has_value(attribute, values)
    return mask


@dataclass(frozen=True, eq=False)
class TieRoles:
    """Per contact: ``bridging``, ``closure`` and ``similarity`` (see the module docstring), the
    number of links to my other contacts, and whether anything beyond the connection is known."""

    bridging: np.ndarray
    closure: np.ndarray
    similarity: np.ndarray
    degree: np.ndarray
    evidenced: np.ndarray


def tie_roles(snapshot: Snapshot, strength: TieStrength, structure: EgoStructure) -> TieRoles:
    pattern = (snapshot.links > 0).astype(np.float64).tocsr()
    degree = np.asarray(pattern.sum(axis=1)).ravel()
    membership = structure.membership
    coo = pattern.tocoo()
    same = (membership[coo.row] == membership[coo.col]) & (membership[coo.row] >= 0)
    inside = np.bincount(coo.row[same], minlength=snapshot.size).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        bridging = np.where(degree > 0, 1.0 - inside / np.maximum(degree, 1.0), 1.0)
        strong = (strength.tie_class == "strong").astype(np.float64)
        closure = np.where(degree > 0, (pattern @ strong) / np.maximum(degree, 1.0), 0.0)
    for bridge in structure.bridges:
        bridging[bridge.contact] = 1.0
    same_count = np.zeros(snapshot.size)
    known_count = np.zeros(snapshot.size)
    for attribute in SIMILARITY_ATTRIBUTES:
        mine = getattr(snapshot.me, attribute)
        if not mine:
            continue
        known_count += snapshot.attribute(attribute)[0] >= 0
        same_count += snapshot.has_value(attribute, [mine])
    similarity = np.where(known_count > 0, same_count / np.maximum(known_count, 1.0), np.nan)
    evidenced = (
        (snapshot.interaction_counts > 0)
        | ~np.isnan(snapshot.closeness)
        | (np.asarray(snapshot.contexts.sum(axis=1)).ravel() > 0)
        | (degree > 0)
    )
    for array in (bridging, closure, similarity, degree, evidenced):
        array.setflags(write=False)
    return TieRoles(bridging, closure, similarity, degree, evidenced)


@dataclass(frozen=True, eq=False)
class GoalRelevance:
    """``values[g, i]``: how much the tie with contact ``i`` serves goal ``goals[g]`` (0–1)."""

    goals: tuple[Goal, ...]
    classes: tuple[GoalClass, ...]
    segments: np.ndarray  # goals × contacts, bool
    values: np.ndarray  # goals × contacts, 0–1
    roles: TieRoles


def _instrumental_relevance(strength: TieStrength, roles: TieRoles) -> np.ndarray:
    classes = strength.tie_class
    weight = np.zeros(classes.size)
    for name, value in CLASS_WEIGHT.items():
        weight[classes == name] = value
    weight[(classes == "weak") & ~roles.evidenced] = UNEVIDENCED_WEAK_WEIGHT
    return weight * (CLOSED_FLOOR + (1.0 - CLOSED_FLOOR) * roles.bridging)


def _expressive_relevance(strength: TieStrength, roles: TieRoles) -> np.ndarray:
    similarity = np.nan_to_num(roles.similarity, nan=0.5)
    value = strength.score * (0.5 + 0.5 * roles.closure) * (0.75 + 0.25 * similarity)
    return np.where(strength.tie_class == "dormant", 0.5 * value, value)


def goal_relevance(
    snapshot: Snapshot, strength: TieStrength, structure: EgoStructure
) -> GoalRelevance:
    roles = tie_roles(snapshot, strength, structure)
    goals = tuple(snapshot.goals)
    classes = tuple(goal_class(g) for g in goals)
    instrumental = _instrumental_relevance(strength, roles)
    expressive = _expressive_relevance(strength, roles)
    segments = np.zeros((len(goals), snapshot.size), dtype=bool)
    values = np.zeros((len(goals), snapshot.size))
    for row, (goal, klass) in enumerate(zip(goals, classes, strict=True)):
        segments[row] = segment_of(snapshot, goal)
        base = {
            GoalClass.INSTRUMENTAL: instrumental,
            GoalClass.EXPRESSIVE: expressive,
            GoalClass.MIXED: (instrumental + expressive) / 2.0,
        }[klass]
        values[row] = np.where(segments[row], base, 0.0)
    segments.setflags(write=False)
    values.setflags(write=False)
    return GoalRelevance(goals, classes, segments, values, roles)


@dataclass(frozen=True)
class Component:
    name: str
    value: float | None  # 0–1; None when it cannot be known
    weight: float
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def lost(self) -> float:
        """Points (of the weight) this component misses."""
        return 0.0 if self.value is None else self.weight * (1.0 - self.value)


@dataclass(frozen=True, eq=False)
class GoalFit:
    goal: Goal
    goal_class: GoalClass
    score: float  # 0–100
    components: tuple[Component, ...]
    gap: str | None  # the component losing most points; None when nothing is missing
    segment_size: int

    def component(self, name: str) -> Component | None:
        return next((c for c in self.components if c.name == name), None)


def saturating(count: float, scale: float) -> float:
    """``1 − exp(−count / scale)``: 0 for none, 63 % at ``scale``, approaching 1."""
    return 1.0 - math.exp(-count / scale)


def _instrumental_components(
    snapshot: Snapshot,
    strength: TieStrength,
    structure: EgoStructure,
    roles: TieRoles,
    segment: np.ndarray,
    share: float,
) -> list[Component]:
    classes = strength.tie_class
    weak_or_medium = segment & ((classes == "weak") | (classes == "medium"))
    active = segment & (classes != "dormant")
    count = int(weak_or_medium.sum())
    known_links = snapshot.links.nnz > 0
    groups = worlds(snapshot.links, structure)
    reached, everywhere = np.unique(groups[weak_or_medium]).size, np.unique(groups).size
    # non-redundant ties: a tie whose links mostly leave its cluster, or — when I know who knows
    # whom at all — one that none of my other contacts knows: a world of its own (Burt 1992)
    isolated = (roles.degree == 0) & known_links
    bridging = int(np.sum(active & (((roles.degree > 0) & (roles.bridging >= 0.5)) | isolated)))
    members = np.flatnonzero(active)
    constraint = ego_burt(snapshot.links[members][:, members]).constraint if members.size else None
    w = INSTRUMENTAL_WEIGHTS
    return [
        Component(
            "segment_ties",
            saturating(count, SEGMENT_SCALE),
            share * w["segment_ties"],
            {
                "weak_or_medium": count,
                "strong": int(np.sum(segment & (classes == "strong"))),
                "dormant": int(np.sum(segment & (classes == "dormant"))),
            },
        ),
        Component(
            "cluster_span",
            saturating(reached, CLUSTER_SCALE) / saturating(max(everywhere, 1), CLUSTER_SCALE)
            if known_links
            else None,
            share * w["cluster_span"],
            {"clusters": reached if known_links else None, "clusters_in_network": everywhere},
        ),
        Component(
            "low_constraint",
            None if constraint is None else 1.0 - constraint,
            share * w["low_constraint"],
            {"constraint": None if constraint is None else round(constraint, 4)},
        ),
        Component(
            "bridging_ties",
            saturating(bridging, BRIDGE_SCALE),
            share * w["bridging_ties"],
            {"bridging_ties": bridging},
        ),
    ]


def closure_within_circles(
    links: sparse.csr_array, members: np.ndarray, membership: np.ndarray
) -> float | None:
    """Density of links among ``members`` counted within each cluster (Coleman's closure of
    the circles they form): ``Σ_c L_c / Σ_c k_c(k_c − 1)/2`` over clusters ``c`` with ``k_c``
    members and ``L_c`` links among them; contacts outside a reported cluster form one group
    each. ``None`` when no circle has two members. Several close-knit circles (family, a club)
    score high; one set of people who do not know each other scores low."""
    groups = membership[members]
    loose = groups < 0
    groups = np.where(loose, -1 - np.arange(members.size), groups)
    sizes = np.unique(groups, return_counts=True)[1]
    possible = float(np.sum(sizes * (sizes - 1) / 2))
    if possible == 0:
        return None
    inner = sparse.triu(links[members][:, members], k=1).tocoo()
    within = int(np.sum(groups[inner.row] == groups[inner.col]))
    return within / possible


def _expressive_components(
    snapshot: Snapshot,
    strength: TieStrength,
    structure: EgoStructure,
    roles: TieRoles,
    segment: np.ndarray,
    share: float,
) -> list[Component]:
    strong = np.flatnonzero(segment & (strength.tie_class == "strong"))
    closure = closure_within_circles(snapshot.links, strong, structure.membership)
    known = roles.similarity[strong][~np.isnan(roles.similarity[strong])]
    similarity = float(known.mean()) if known.size else None
    w = EXPRESSIVE_WEIGHTS
    return [
        Component(
            "strong_ties",
            saturating(strong.size, STRONG_SCALE),
            share * w["strong_ties"],
            {"strong": int(strong.size)},
        ),
        Component(
            "closure",
            0.0 if closure is None else closure,
            share * w["closure"],
            {"density_within_circles": None if closure is None else round(closure, 4)},
        ),
        Component(
            "similarity",
            similarity,
            share * w["similarity"],
            {"similarity": None if similarity is None else round(similarity, 4)},
        ),
    ]


def goal_fit(
    snapshot: Snapshot,
    strength: TieStrength,
    structure: EgoStructure,
    known: BeingKnown,
    relevance: GoalRelevance,
) -> list[GoalFit]:
    """The fit of my network with each of my goals, in the order of ``snapshot.goals``."""
    fits = []
    for goal, klass, segment in zip(
        relevance.goals, relevance.classes, relevance.segments, strict=True
    ):
        components: list[Component] = []
        half = 0.5 if klass == GoalClass.MIXED else 1.0
        if klass != GoalClass.EXPRESSIVE:
            components += _instrumental_components(
                snapshot, strength, structure, relevance.roles, segment, half
            )
            if goal.key in VISIBILITY_GOALS:
                components.append(
                    Component(
                        "being_known",
                        known.score,
                        half * BEING_KNOWN_WEIGHT,
                        {
                            "inbound_share": None
                            if known.inbound_share is None
                            else round(known.inbound_share, 4),
                            "invitations_received": known.invitations_received,
                            "endorsements_received": known.endorsements_received,
                        },
                    )
                )
        if klass != GoalClass.INSTRUMENTAL:
            components += _expressive_components(
                snapshot, strength, structure, relevance.roles, segment, half
            )
        scored = [c for c in components if c.value is not None]
        total = sum(c.weight for c in scored)
        score = 100.0 * sum(c.weight * c.value for c in scored) / total if total else 0.0  # type: ignore[operator]
        worst = max(scored, key=lambda c: c.lost, default=None)
        fits.append(
            GoalFit(
                goal=goal,
                goal_class=klass,
                score=round(score, 1),
                components=tuple(components),
                gap=worst.name if worst is not None and worst.lost >= GAP_THRESHOLD else None,
                segment_size=int(segment.sum()),
            )
        )
    return fits


def segment_text(goal: Goal, language: str) -> str:
    if not goal.targets:
        return text("fit.everyone", language)
    return ", ".join(t.value for t in goal.targets)


def summary(fit: GoalFit, language: str) -> str:
    """The fit in plain words with its figures, e.g. "For finding clients in healthcare: 2 weak
    or medium ties, in 1 of 9 clusters, 0 bridging; constraint 0.50." """
    parts = []
    label, segment = goal_label(fit.goal, language), segment_text(fit.goal, language)
    c = {component.name: component for component in fit.components}
    if "segment_ties" in c:
        parts.append(
            plural(
                "fit.instrumental",
                c["segment_ties"].figures["weak_or_medium"],
                language,
                ties=c["segment_ties"].figures["weak_or_medium"],
                clusters=_count(c["cluster_span"].figures["clusters"]),
                all_clusters=c["cluster_span"].figures["clusters_in_network"],
                bridging=c["bridging_ties"].figures["bridging_ties"],
                constraint=_figure(c["low_constraint"].figures["constraint"], language),
            )
        )
    if "being_known" in c:
        parts.append(
            plural(
                "fit.being_known",
                c["being_known"].figures["invitations_received"],
                language,
                share=_figure(c["being_known"].figures["inbound_share"], language, percent=True),
                invitations=c["being_known"].figures["invitations_received"],
            )
        )
    if "strong_ties" in c:
        parts.append(
            plural(
                "fit.expressive",
                c["strong_ties"].figures["strong"],
                language,
                strong=c["strong_ties"].figures["strong"],
                density=_figure(c["closure"].figures["density_within_circles"], language),
                similarity=_figure(c["similarity"].figures["similarity"], language, percent=True),
            )
        )
    return text("fit.summary", language, goal=label, segment=segment, parts="; ".join(parts))


def gap_advice(fit: GoalFit, language: str) -> str:
    """What to do about the gap, in plain words."""
    if fit.gap is None:
        return text("gap.none", language)
    return text(f"gap.{fit.gap}", language, segment=segment_text(fit.goal, language))


def _figure(value: float | None, language: str, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.0%}" if percent else number(value, 2, language)


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def fit_to_json(fits: list[GoalFit], language: str) -> list[dict[str, Any]]:
    return [
        {
            "goal_id": f.goal.id,
            "goal": f.goal.key,
            "label": goal_label(f.goal, language),
            "class": f.goal_class.value,
            "priority": f.goal.priority,
            "targets": [{"attribute": t.attribute.value, "value": t.value} for t in f.goal.targets],
            "segment_size": f.segment_size,
            "score": f.score,
            "components": [
                {
                    "name": c.name,
                    "value": None if c.value is None else round(c.value, 4),
                    "weight": round(c.weight, 4),
                    "figures": c.figures,
                }
                for c in f.components
            ],
            "gap": f.gap,
            "summary": summary(f, language),
            "advice": gap_advice(f, language),
        }
        for f in fits
    ]
