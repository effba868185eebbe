"""Which of my decisions still stand — a pure function of the Snapshot and ``today``.

Advice I *accept* stands until I undo it: an accepted *focus*, *reactivate* or *maintain* fixes
that level in the portfolio (its hours come out of the budget first, and the plan lists the
person until we have been in touch), an accepted *let go* has set the tie's status.

Advice I *dismiss* is hidden — the optimiser plans without that person, the let-go list leaves
them out — until one of these holds, and then it may be advised again:

- ``DISMISS_DAYS`` (8 weeks) have passed since I dismissed it;
- the figures behind it changed materially: the tie class differs, or the tie's strength or its
  value to my goals moved by ``MATERIAL_CHANGE`` (0.1 on the 0–1 scale) or more.

An invitation I put off (*later*) stays pending and leaves the list for ``LATER_DAYS`` (4 weeks);
one I accept or ignore leaves it for good (its status changed), until I undo the decision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from tiewise.model import Decision, DecisionKind, Verdict

if TYPE_CHECKING:
    from tiewise.snapshot import Snapshot

DISMISS_DAYS = 56
LATER_DAYS = 28
MATERIAL_CHANGE = 0.1
ADVICE_ACTIONS = ("focus", "maintain", "reactivate", "let_go")


def advice_figures(tie_class: str, strength: float, value: float) -> dict[str, float | str]:
    """The figures an advice item showed, kept with a decision on it."""
    return {"class": tie_class, "strength": round(strength, 3), "value": round(value, 3)}


def still_dismissed(decision: Decision, figures: dict[str, float | str], today: date) -> bool:
    """A dismissal stands for ``DISMISS_DAYS`` unless the figures changed materially."""
    if today >= decision.decided_at.date() + timedelta(days=DISMISS_DAYS):
        return False
    then = decision.figures or {}
    if not then:  # dismissed before figures were kept: the time limit alone
        return True
    if then.get("class") != figures["class"]:
        return False
    # the figures are kept to three decimals: so is their difference, or a move of exactly 0.1
    # (0.7 − 0.6 = 0.0999… in binary floating point) would not count as material
    return all(
        round(abs(float(then.get(name, figures[name])) - float(figures[name])), 3) < MATERIAL_CHANGE
        for name in ("strength", "value")
    )


@dataclass(frozen=True)
class StandingAdvice:
    """Per contact position: the accepted decision (if any) and the dismissed actions."""

    accepted: dict[int, Decision] = field(default_factory=dict)
    dismissed: dict[int, set[str]] = field(default_factory=dict)
    lapsed: frozenset[int] = frozenset()  # ids of dismissals that no longer hide anything

    def hides(self, position: int, action: str) -> bool:
        return action in self.dismissed.get(position, set())


def standing_advice(
    snapshot: Snapshot,
    tie_class: np.ndarray,
    strength: np.ndarray,
    value: np.ndarray,
    today: date,
) -> StandingAdvice:
    """The advice decisions that stand today (see the module docstring); the latest decision on
    a contact counts."""
    accepted: dict[int, Decision] = {}
    dismissed: dict[int, set[str]] = defaultdict(set)
    lapsed: set[int] = set()
    for decision in snapshot.decisions:
        if decision.kind != DecisionKind.ADVICE or decision.contact_id is None:
            continue
        i = snapshot.position_of(decision.contact_id)
        if i is None:
            continue
        if decision.verdict == Verdict.ACCEPT:
            accepted[i] = decision
            dismissed.pop(i, None)
        elif decision.verdict == Verdict.DISMISS:
            figures = advice_figures(str(tie_class[i]), float(strength[i]), float(value[i]))
            if still_dismissed(decision, figures, today):
                dismissed[i].add(str(decision.action))
                if accepted.get(i) is not None and accepted[i].action == decision.action:
                    del accepted[i]
            elif decision.id is not None:
                lapsed.add(decision.id)
    return StandingAdvice(accepted, dict(dismissed), frozenset(lapsed))


def invitations_put_off(snapshot: Snapshot, today: date) -> set[int]:
    """Ids of the pending invitations I said *later* to less than ``LATER_DAYS`` ago."""
    return {
        int(d.invitation_id)
        for d in snapshot.decisions
        if d.kind == DecisionKind.INVITATION
        and d.verdict == Verdict.LATER
        and d.invitation_id is not None
        and today < d.decided_at.date() + timedelta(days=LATER_DAYS)
    }


def since_decision(decision: Decision, last_contact: np.datetime64) -> bool:
    """Whether we have been in touch since ``decision`` was taken (contact earlier the same
    day was before it: accepting advice right after a coffee still puts the person in the
    plan)."""
    return not np.isnat(last_contact) and last_contact >= np.datetime64(decision.decided_at, "s")
