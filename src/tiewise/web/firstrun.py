"""The first run: what a new user has to do before tiewise has anything to say, and what each
page lacks until then.

Three steps, shown on the dashboard until all are done: **who are you** (your name and what
imports recognise you by: ``tiewise me``), **import your exports** (or add contacts by hand),
**name a goal**. Pages that need data say what is missing and link to the step
(``templates/missing.html``) instead of showing zeros and empty tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiewise.model import InvitationStatus
from tiewise.snapshot import Snapshot


@dataclass(frozen=True)
class FirstRun:
    """How far the data goes: whether I said who I am, and how many contacts, goals, event
    series and invitations there are."""

    me: bool
    contacts: int
    goals: int
    series: int
    invitations: int
    pending_invitations: int

    @property
    def steps(self) -> list[tuple[str, bool]]:
        """The three steps in order, each with whether it is done."""
        return [("me", self.me), ("import", self.contacts > 0), ("goal", self.goals > 0)]

    @property
    def done(self) -> bool:
        return all(done for _, done in self.steps)


def first_run(snapshot: Snapshot) -> FirstRun:
    me = snapshot.me
    return FirstRun(
        me=bool(me.name.strip() or me.identifiers),
        contacts=snapshot.size,
        goals=len(snapshot.goals),
        series=len(snapshot.series),
        invitations=len(snapshot.invitations),
        pending_invitations=sum(
            1 for i in snapshot.invitations if i.status == InvitationStatus.PENDING
        ),
    )
