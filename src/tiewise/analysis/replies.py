"""Who answers whom in mail: did they answer me, did I answer them.

A message answers another when its ``In-Reply-To`` (or the last of its ``References``) names
it — the thread as mail programs keep it (RFC 5322 §3.6.4). Counted per contact from the
messages that are interactions (``store.sources.thread_rows``), each message once however
many sources read it:

- **they answered**: a message from them that answers a message I sent them;
- **I answered**: a message I sent them that answers a message from them.

Together with the directions the tie model reads already (``analysis/strength.py``:
reciprocity ``1 − |in − out| / (in + out)``), this is Granovetter's (1973) *reciprocal
services* seen in mail: a tie in which messages go both ways and get answered. Gilbert &
Karahalios (2009) found such traces of reciprocity among the predictors of tie strength.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Replies:
    """Per contact: messages I sent them, messages they sent me, and how many of each were
    answers to the other's."""

    sent: int = 0
    received: int = 0
    they_answered: int = 0
    i_answered: int = 0


def replies(
    messages: Iterable[tuple[str, str | None, str, tuple[int, ...]]],
) -> dict[int, Replies]:
    """Per contact id, the :class:`Replies` of ``messages``: each ``(digest, parent digest,
    direction, participants)`` with direction ``outbound`` (I sent it to the participants) or
    ``inbound`` (the participant sent it to me)."""
    rows = list(messages)
    by_digest = {digest: (direction, set(people)) for digest, _, direction, people in rows}
    counts: dict[int, list[int]] = {}
    for _digest, parent, direction, people in rows:
        for person in people:
            tally = counts.setdefault(person, [0, 0, 0, 0])
            tally[0 if direction == "outbound" else 1] += 1
        answered = by_digest.get(parent) if parent else None
        if answered is None or answered[0] == direction:
            continue
        # an answer across: to whom of the people of the message it answers
        for person in set(people) & answered[1]:
            counts[person][3 if direction == "outbound" else 2] += 1
    return {person: Replies(*tally) for person, tally in counts.items()}
