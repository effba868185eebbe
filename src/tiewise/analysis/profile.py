"""The Profile: every number about my network in one value — what ``tiewise analyze`` prints and
what advice builds on. Pure: a Snapshot and ``today`` in, numbers out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from tiewise.analysis.diversity import AttributeDiversity, diversity
from tiewise.analysis.fit import GoalFit, GoalRelevance, fit_to_json, goal_fit, goal_relevance
from tiewise.analysis.known import BeingKnown, being_known
from tiewise.analysis.strength import TieStrength, tie_strength
from tiewise.analysis.structure import EgoStructure, ego_structure
from tiewise.snapshot import Snapshot


@dataclass(frozen=True)
class Profile:
    today: date
    snapshot: Snapshot
    strength: TieStrength
    structure: EgoStructure
    diversity: list[AttributeDiversity]
    known: BeingKnown
    relevance: GoalRelevance
    fit: list[GoalFit]

    def to_json(self, language: str = "en") -> dict[str, Any]:
        """The contract of ``tiewise analyze --json`` (documented in docs/analysis.md)."""
        s, snap = self.structure, self.snapshot
        ids = snap.contact_ids
        return {
            "as_of": self.today.isoformat(),
            "size": s.size,
            "by_class": s.by_class,
            "links": s.links,
            "density": _number(s.density),
            "components": s.components,
            "largest_component": s.largest_component,
            "isolates": s.isolates,
            "clusters": [
                {
                    "index": c.index,
                    "size": int(c.members.size),
                    "label": c.label,
                    "dominant": {
                        k: {"value": v, "share": round(share, 4)}
                        for k, (v, share) in c.dominant.items()
                    },
                    "density": _number(c.density),
                    "strong": c.strong,
                    "weak_or_medium": c.weak_or_medium,
                    "contact_ids": [int(ids[i]) for i in c.members],
                }
                for c in s.clusters
            ],
            "unclustered": s.unclustered,
            "bridges": [
                {
                    "contact_id": int(ids[b.contact]),
                    "name": snap.contacts[b.contact].name,
                    "cluster": b.cluster,
                    "cluster_label": s.clusters[b.cluster].label,
                    "side": b.side,
                }
                for b in s.bridges
            ],
            "burt": {
                "model": "ego network, unweighted (me tied to every contact)",
                "effective_size": _number(s.burt.effective_size),
                "efficiency": _number(s.burt.efficiency),
                "constraint": _number(s.burt.constraint),
                "hierarchy": _number(s.burt.hierarchy),
            },
            "dunbar": [
                {
                    "capacity": layer.capacity,
                    "filled": layer.filled,
                    "mean_strength": _number(layer.mean_strength),
                }
                for layer in s.dunbar
            ],
            "diversity": [
                {
                    "attribute": d.attribute,
                    "known": d.known,
                    "unknown": d.unknown,
                    "categories": d.categories,
                    "blau": _number(d.blau),
                    "iqv": _number(d.iqv),
                    "shannon": _number(d.shannon),
                    "top": [{"value": v, "count": n} for v, n in d.top],
                    "ei_me": _number(d.ei_me),
                    "ei_among": _number(d.ei_among),
                }
                for d in self.diversity
            ],
            "being_known": self.known.to_json(),
            "fit": fit_to_json(self.fit, language),
        }


def _number(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), 6)


def analyze(snapshot: Snapshot, today: date, seed: int = 0) -> Profile:
    """Tie strength, structure, diversity, being known and goal fit of ``snapshot`` as of
    ``today``."""
    strength = tie_strength(snapshot, today)
    structure = ego_structure(snapshot, strength, seed)
    known = being_known(snapshot, today)
    relevance = goal_relevance(snapshot, strength, structure)
    return Profile(
        today=today,
        snapshot=snapshot,
        strength=strength,
        structure=structure,
        diversity=diversity(snapshot),
        known=known,
        relevance=relevance,
        fit=goal_fit(snapshot, strength, structure, known, relevance),
    )
