"""Being known: "not how many people you know, but that you are known" (seed 004).

Counted as of ``today`` over the last ``window_days`` (365): interactions others started
(inbound) against those I started (outbound), the contacts behind each, and connection
invitations received and sent. Endorsements and recommendations received count over all time —
they are a standing reputation (LinkedIn keeps them), not an activity.

``score`` (0–1), used by the visibility goals (*being visible and findable*, *being seen and
associated with others*), is the mean of the parts that are known:

- initiative share ``inbound / (inbound + outbound)`` — how often others come to me;
- recognition ``1 − exp(−(invitations received + endorsements + recommendations) / 10)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from tiewise.model import Direction, ExchangeDirection, ExchangeKind
from tiewise.snapshot import Snapshot

WINDOW_DAYS = 365
RECOGNITION_SCALE = 10.0


@dataclass(frozen=True, eq=False)
class BeingKnown:
    window_days: int
    inbound: int
    outbound: int
    mutual: int
    inbound_share: float | None
    contacts_initiating: int
    contacts_reached: int
    invitations_received: int
    invitations_sent: int
    endorsements_received: int
    recommendations_received: int
    score: float
    inbound_by_contact: np.ndarray  # interactions each contact started, in the window
    outbound_by_contact: np.ndarray  # interactions I started with each contact, in the window

    def to_json(self) -> dict[str, object]:
        return {
            "window_days": self.window_days,
            "inbound": self.inbound,
            "outbound": self.outbound,
            "mutual": self.mutual,
            "inbound_share": None if self.inbound_share is None else round(self.inbound_share, 4),
            "contacts_initiating": self.contacts_initiating,
            "contacts_reached": self.contacts_reached,
            "invitations_received": self.invitations_received,
            "invitations_sent": self.invitations_sent,
            "endorsements_received": self.endorsements_received,
            "recommendations_received": self.recommendations_received,
            "score": round(self.score, 4),
        }


def being_known(snapshot: Snapshot, today: date, window_days: int = WINDOW_DAYS) -> BeingKnown:
    """Inbound against outbound, as of ``today`` (see the module docstring)."""
    end = np.datetime64(today, "s") + np.timedelta64(1, "D")
    start = end - np.timedelta64(window_days, "D")
    times = snapshot.interaction_times
    in_window = (times >= start) & (times < end)
    directions = snapshot.interaction_directions
    inbound_rows = in_window & (directions == Direction.INBOUND.value)
    outbound_rows = in_window & (directions == Direction.OUTBOUND.value)
    by_contact = snapshot.participation.T.tocsr()
    inbound_by_contact = (by_contact @ inbound_rows.astype(np.int64)).astype(np.int64)
    outbound_by_contact = (by_contact @ outbound_rows.astype(np.int64)).astype(np.int64)
    inbound, outbound = int(inbound_rows.sum()), int(outbound_rows.sum())
    mutual = int((in_window & (directions == Direction.MUTUAL.value)).sum())
    share = inbound / (inbound + outbound) if inbound + outbound else None

    since = datetime.combine(today, datetime.min.time()) - timedelta(days=window_days - 1)
    recent = [i for i in snapshot.invitations if i.sent_at >= since]
    received = sum(i.direction == Direction.INBOUND for i in recent)
    sent = sum(i.direction == Direction.OUTBOUND for i in recent)
    reputation = [e for e in snapshot.exchanges if e.direction == ExchangeDirection.RECEIVED]
    endorsements = sum(e.kind == ExchangeKind.ENDORSEMENT for e in reputation)
    recommendations = sum(e.kind == ExchangeKind.RECOMMENDATION for e in reputation)
    recognition = 1.0 - math.exp(-(received + endorsements + recommendations) / RECOGNITION_SCALE)
    parts = [recognition] if share is None else [share, recognition]
    for array in (inbound_by_contact, outbound_by_contact):
        array.setflags(write=False)
    return BeingKnown(
        window_days=window_days,
        inbound=inbound,
        outbound=outbound,
        mutual=mutual,
        inbound_share=share,
        contacts_initiating=int(np.count_nonzero(inbound_by_contact)),
        contacts_reached=int(np.count_nonzero(outbound_by_contact)),
        invitations_received=received,
        invitations_sent=sent,
        endorsements_received=endorsements,
        recommendations_received=recommendations,
        score=sum(parts) / len(parts),
        inbound_by_contact=inbound_by_contact,
        outbound_by_contact=outbound_by_contact,
    )
