"""What a message is, seen from me: correspondence I sent or received, and with whom — or no
correspondence between people, and why. Pure: headers, my addresses and the time in; a
:class:`Judgement` out.

Rules, in order (the first that holds decides; its reason is counted):

1. what the headers say (``headers.automatic_reason``): spam, a draft, deleted, automatic,
   a mailing list, a newsletter, bulk mail;
2. no sender that is an e-mail address → ``no_sender``;
3. a sender nobody writes from (``noreply@``, ``mailer-daemon@``, ``bounces+…@``) →
   ``no_reply``;
4. no time: the ``Date`` is missing, malformed, before 1980 or more than two days after the
   sync, and the reader knows no delivery time either → ``no_date``. A delivery time the reader
   knows (an mbox ``From_`` line, a Maildir unique name) stands in for a bad ``Date``;
5. from one of my addresses (``tiewise me --email``): **sent** (``outbound``), with every
   recipient in ``To``, ``Cc`` and ``Bcc`` who is neither me nor a no-reply address — none
   left → ``to_yourself``;
6. otherwise **received** (``inbound``), from its sender; the other recipients are not my
   correspondents in it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from tiewise.model import Direction
from tiewise.sources.headers import Address, MailHeaders, is_no_reply

#: The earliest plausible date of a message; earlier ones are clocks never set (the epoch).
EARLIEST = datetime(1980, 1, 1)
#: How far after the sync a message may be dated (clocks and zones drift a little).
LATEST_AHEAD = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a message is: ``reason`` it was left out, or correspondence with ``direction``,
    ``correspondents`` (me never among them) at ``occurred_at`` (naive UTC)."""

    reason: str | None = None
    direction: Direction | None = None
    correspondents: tuple[Address, ...] = ()
    occurred_at: datetime | None = None


def plausible(moment: datetime | None, now: datetime) -> datetime | None:
    """``moment`` when it can be the time of a message sent before ``now``, else ``None``."""
    if moment is None or moment < EARLIEST or moment > now + LATEST_AHEAD:
        return None
    return moment


def judge(headers: MailHeaders, mine: Collection[str], now: datetime) -> Judgement:
    """Judge one message by the rules of the module docstring; ``mine`` are my addresses in
    normal form."""
    if headers.reason is not None:
        return Judgement(headers.reason)
    sender = headers.sender
    if sender is None:
        return Judgement("no_sender")
    if is_no_reply(sender.email):
        return Judgement("no_reply")
    when = plausible(headers.sent_at, now) or plausible(headers.received_at, now)
    if when is None:
        return Judgement("no_date")
    if sender.email in mine:
        others = tuple(
            r for r in headers.recipients if r.email not in mine and not is_no_reply(r.email)
        )
        if not others:
            return Judgement("to_yourself")
        return Judgement(None, Direction.OUTBOUND, others, when)
    return Judgement(None, Direction.INBOUND, (sender,), when)
