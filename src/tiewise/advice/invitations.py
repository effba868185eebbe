"""Invitation triage: accept, look closer or ignore each pending incoming connection invitation.

The seed article (000, "Effectief netwerken is vaker thuisblijven") asks of every online
invitation: *whom do you accept?* — quality over quantity; what counts is whether two people can
mean something for each other in the short to medium term. Selectivity is the default: an
invitation is accepted on evidence, not because it arrived.

Triaged: invitations in ``snapshot.invitations`` that are ``INBOUND`` and ``PENDING`` (from
LinkedIn's Invitations.csv or entered by hand). Accepted, ignored and outgoing ones are not.

**The sender.** ``invitation.contact_id`` when set (the import links it when the same export
describes the person; a merged id resolves to the survivor). Otherwise the invitation's profile
URL, in the normal form of ``tiewise.identifiers``, is looked up among the contacts' ``profile_url``
identifiers (stored in that normal form) — this finds someone added after the invitation was
imported, e.g. from a later Connections.csv, the phone or by hand. Names are never matched (too
many people share one). A sender found neither way is *unknown*: nothing is known of their
sector, role or region (no goal relevance) nor of their place in my network (novelty unknown).

**Score.** The weighted sum of four named components, each 0–1; the weights sum to 1, so the
score is 0–1 and ``components`` (weight × value) add up to it:

- ``relevance`` (.35) — Lin (2001): a tie is worth what it gives access to for a goal. The
  highest ``GoalRelevance.values[g, i]`` over my goals (see ``analysis/fit.py``: the segment of the
  goal's targets × the class weight × bridging for instrumental goals, strength × closure ×
  similarity for expressive ones). Goal priority does not weigh in: serving any goal is enough
  to be worth a look. 0 for an unknown sender and without goals.
- ``connection`` (.30) — how we are connected, pieces of evidence combined as independent
  chances, ``1 − Π(1 − part)``:
  ``met`` ``1 − exp(−m)``, m = past interactions of kind meeting or event with them, plus events
  where I met them (encounters ``met``), plus half of each event I attended with them on the
  attendee list (encounters ``expected``); ``mutual`` ``1 − exp(−k / 3)``, k = their links to my
  other contacts (Coleman 1988: closure gives trust); ``organisation`` 1 when they work at my
  organisation; ``tie`` the tie strength already there (``analysis/strength.py``). 0 for an
  unknown sender (LinkedIn's export lists no mutual connections).
- ``novelty`` (.15) — Granovetter (1973) and Burt (1992): new information comes through ties
  into other circles; more of the same circle is redundant. The mean of the known parts of
  ``bridging`` (share of their links to my contacts that leave their cluster; 1 for a structural
  bridge and for someone none of my contacts knows — ``TieRoles.bridging``) and ``sector``
  ``1 − s`` with s the share of my other contacts with a known sector who are in theirs (1: a
  sector new to my network). Unknown sender: 0.5, neither new nor more of the same.
- ``message`` (.20) — 1 for a personal message, 0 for none. LinkedIn's prefilled texts ("I'd
  like to add you to my professional network on LinkedIn.", "Ik wil je graag toevoegen aan mijn
  professionele netwerk op LinkedIn." …) count as none, also with a greeting and a signature
  around them (at most ``MAX_OTHER_WORDS`` words that are neither a greeting, a sign-off nor a
  word of the sender's or my name). A message that sells (``PITCH_PHRASES``) counts as none too.

**Decision: the first rule that applies** (``RULES``; the advice names it in ``rule``):

1. ``close_tie`` → *accept*. The sender is already a close tie: rated 4 or 5 of 5, or, unrated,
   of class strong (``portfolio.close_ties``; a rating decides where there is one — Marsden &
   Campbell 1984). Strong ties serve expressive goals — support, fun, a sounding board — and are
   kept (Granovetter 1973; Lin 2001; seed 004), so the invitation only confirms what exists,
   whatever the score — which can stay under .50 for them, as it weighs relevance to the named
   goals and novelty, neither of which a close tie needs (issue 16: met 58 times, *look closer*).
2. ``sales_pitch`` → *ignore*. The message sells something (``PITCH_PHRASES``, English and Dutch)
   and nothing connects us (connection 0: no meeting, no shared contact, organisation or tie).
   A stranger selling something serves no goal — seed 000: accept whom you can mean something
   *for each other* with, not whoever asks.
3. ``stranger`` — an unknown sender: the score decides, which leaves only the message:
   .075 without a personal one (*ignore*: nothing to go on), .275 with one (*look closer*: a
   stranger who took the trouble to write is worth reading before deciding).
4. ``score`` — a known sender: ``accept`` from ``ACCEPT_AT`` (.50), ``look_closer`` from
   ``LOOK_CLOSER_AT`` (.25), ``ignore`` below. Someone met in person who serves a goal and writes
   a personal note scores about .8.

**Reasons.** ``summary`` is one line of at most 20 words that names the rule with the figures
that drove it (the largest component for the score rule); ``reasons`` are the figures on demand
(relevance, connection, novelty, message, and the score against the thresholds) — the CLI's
``--why`` and ``--json``, the web's details element.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from tiewise.advice.decisions import invitations_put_off
from tiewise.advice.portfolio import close_ties
from tiewise.advice.reasons import Reason, Term
from tiewise.analysis.fit import goal_term, saturating
from tiewise.analysis.profile import Profile
from tiewise.i18n import text
from tiewise.identifiers import normalise_profile_url, person_profile
from tiewise.model import (
    AttendanceStatus,
    Direction,
    EncounterKind,
    Goal,
    IdentifierKind,
    InteractionKind,
    Invitation,
    InvitationStatus,
)
from tiewise.snapshot import Snapshot

WEIGHTS = {"relevance": 0.35, "connection": 0.30, "novelty": 0.15, "message": 0.20}
ACCEPT_AT = 0.50
LOOK_CLOSER_AT = 0.25
DECISIONS = ("accept", "look_closer", "ignore")
RULES = ("close_tie", "sales_pitch", "stranger", "score")
RULE_DECISIONS = {"close_tie": "accept", "sales_pitch": "ignore"}  # else the score decides
UNKNOWN_NOVELTY = 0.5
MEETING_SCALE = 1.0
MUTUAL_SCALE = 3.0
ATTENDEE_LIST_WEIGHT = 0.5
# met in person; a meeting at an event is counted once, from the encounter (``_encounters``),
# not again from the interaction the encounter also is
MEETING_KINDS = (
    InteractionKind.MEETING.value,
    InteractionKind.COFFEE.value,
    InteractionKind.MEAL.value,
)
NOVEL_AT = 0.5  # bridging at or above this reaches other circles; below, more of the same

#: LinkedIn's prefilled invitation texts (English and Dutch, current and older wording).
STANDARD_MESSAGES = (
    "I'd like to add you to my professional network on LinkedIn.",
    "I would like to add you to my professional network on LinkedIn.",
    "I'd like to add you to my professional network.",
    "I'd like to add you to my LinkedIn network.",
    "I'd like to join your LinkedIn network.",
    "I'd like to connect with you on LinkedIn.",
    "Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.",
    "Ik wil u graag toevoegen aan mijn professionele netwerk op LinkedIn.",
    "Ik wil je graag toevoegen aan mijn LinkedIn-netwerk.",
    "Ik wil graag deel uitmaken van uw LinkedIn-netwerk.",
    "Ik wil graag deel uitmaken van je LinkedIn-netwerk.",
)
#: Words around a prefilled text that do not make it personal: greetings and sign-offs.
COURTESY_WORDS = frozenset(
    """hi hello hey dear greetings thanks thank you regards kind best cheers br
    hallo hoi beste dag goedemorgen goedemiddag groet groeten vriendelijke mvg gr bedankt""".split()
)
MAX_OTHER_WORDS = 3  # e.g. the recipient's name in a greeting when my name is not known

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
#: Phrases of a sales pitch (English and Dutch): a message that sells is not a personal one —
#: seed 000 asks whether two people can mean something *for each other*.
PITCH_PHRASES = (
    "our services",
    "my services",
    "lead generation",
    "generate leads",
    "more leads",
    "grow your business",
    "boost your",
    "book a call",
    "schedule a call",
    "quick call",
    "free demo",
    "free consultation",
    "special offer",
    "discount",
    "tell you about our",
    "tell you more about our",
    "onze diensten",
    "mijn diensten",
    "leadgeneratie",
    "meer leads",
    "meer klanten",
    "vrijblijvend",
    "kennismakingsgesprek",
    "gratis demo",
    "gratis adviesgesprek",
    "speciale aanbieding",
    "korting",
    "laat mij je vertellen over",
    "uw omzet",
    "je omzet",
)


def _words(message: str) -> list[str]:
    folded = message.casefold().replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(folded)


_STANDARD_WORDS = sorted({tuple(_words(m)) for m in STANDARD_MESSAGES}, key=len, reverse=True)


def message_kind(message: str | None, names: Iterable[str] = ()) -> str:
    """``personal``, ``standard`` (one of LinkedIn's prefilled texts, with at most a greeting, a
    sign-off and names around it), ``pitch`` (it sells: ``PITCH_PHRASES``) or ``none`` (empty).
    ``names``: the sender's and my name, whose words may appear in a greeting or a
    signature."""
    words = _words(message or "")
    if not words:
        return "none"
    folded = " ".join(words)
    if any(" ".join(_words(phrase)) in folded for phrase in PITCH_PHRASES):
        return "pitch"
    allowed = COURTESY_WORDS | {w for name in names for w in _words(name)}
    for standard in _STANDARD_WORDS:
        size = len(standard)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == standard:
                rest = words[:start] + words[start + size :]
                if sum(w not in allowed for w in rest) <= MAX_OTHER_WORDS:
                    return "standard"
    return "personal"


def decision_for(score: float) -> str:
    if score >= ACCEPT_AT:
        return "accept"
    if score >= LOOK_CLOSER_AT:
        return "look_closer"
    return "ignore"


@dataclass(frozen=True)
class InvitationAdvice:
    """What to do with one pending incoming invitation. ``contact``: the sender's position in
    the snapshot's arrays, ``None`` for an unknown sender. ``components``: the points (weight ×
    value) of each component; they add up to ``score``."""

    invitation: Invitation
    contact: int | None
    decision: str
    score: float
    reasons: tuple[Reason, ...]
    components: dict[str, float]
    sender: str = ""  # the invitation's name, else the contact's
    contact_id: int | None = None  # the sender's contact id (the survivor of a merge)
    message: str = "none"  # personal | standard | pitch | none
    goal: Goal | None = None  # the goal the sender serves best, if any
    rule: str = "score"  # the rule that decided (``RULES``)
    summary: Reason | None = None  # one line naming the rule with its figures

    @property
    def line(self) -> Reason:
        """The one-line reason (the summary; the score reason when there is none)."""
        return self.summary or self.reasons[-1]

    @property
    def values(self) -> dict[str, float]:
        """The 0–1 value of each component (points divided by the weight)."""
        return {name: points / WEIGHTS[name] for name, points in self.components.items()}

    def texts(self, language: str) -> list[str]:
        """The reasons in plain words, in ``language``."""
        return [reason.render(language) for reason in self.reasons]


def pending_inbound(invitations: Iterable[Invitation]) -> list[Invitation]:
    return [
        i
        for i in invitations
        if i.direction == Direction.INBOUND and i.status == InvitationStatus.PENDING
    ]


def _profile_index(snapshot: Snapshot) -> dict[str, int]:
    """Normalised profile URL → contact position (identifiers are stored normalised)."""
    index: dict[str, int] = {}
    for position, contact in enumerate(snapshot.contacts):
        for item in contact.identifiers:
            if item.kind == IdentifierKind.PROFILE_URL:
                index.setdefault(item.value, position)
    return index


def _url_forms(url: str) -> list[str]:
    forms = [normalise_profile_url(url)]
    profile = person_profile(url)
    if profile is not None:
        forms.append(profile.value)
    return [form for form in forms if form]


def _resolve(snapshot: Snapshot, invitations: Sequence[Invitation]) -> list[int | None]:
    """Position of each invitation's sender: by contact id, else by profile URL, else None."""
    positions: list[int | None] = []
    by_url: dict[str, int] | None = None
    for invitation in invitations:
        position = None
        if invitation.contact_id is not None:
            try:
                position = snapshot.index_of(invitation.contact_id)
            except KeyError:
                position = None
        if position is None and invitation.profile_url:
            if by_url is None:
                by_url = _profile_index(snapshot)
            found = (by_url.get(form) for form in _url_forms(invitation.profile_url))
            position = next((p for p in found if p is not None), None)
        positions.append(position)
    return positions


@dataclass(frozen=True)
class _Facts:
    """Per known sender (columns aligned with ``positions``) everything the score needs."""

    positions: np.ndarray
    best: np.ndarray  # best relevance over goals
    best_goal: np.ndarray  # row of that goal
    meetings: np.ndarray  # past interactions of kind meeting/event
    last_met: list[datetime | None]
    met_at_events: np.ndarray
    on_attendee_list: np.ndarray
    degree: np.ndarray
    bridging: np.ndarray
    bridge_cluster_size: np.ndarray  # size of the cluster they are the only bridge to; 0 if none
    sector: list[str | None]
    sector_count: np.ndarray  # other contacts in their sector
    sector_known: int  # contacts with a known sector
    same_organisation: np.ndarray
    organisation_count: int
    strength: np.ndarray
    interactions: np.ndarray


def _meetings(profile: Profile, positions: np.ndarray) -> tuple[np.ndarray, list[datetime | None]]:
    snapshot = profile.snapshot
    end = np.datetime64(profile.today, "s") + np.timedelta64(1, "D")
    rows = np.flatnonzero(
        np.isin(snapshot.interaction_kinds, MEETING_KINDS) & (snapshot.interaction_times < end)
    )
    counts = np.zeros(positions.size, dtype=np.int64)
    last: list[datetime | None] = [None] * positions.size
    if rows.size == 0 or positions.size == 0:
        return counts, last
    sub = snapshot.participation[rows][:, positions].tocoo()
    counts = np.bincount(sub.col, minlength=positions.size).astype(np.int64)
    latest = np.full(positions.size, np.iinfo(np.int64).min)
    np.maximum.at(latest, sub.col, snapshot.interaction_times[rows][sub.row].astype(np.int64))
    for k in np.flatnonzero(counts):
        last[k] = np.datetime64(int(latest[k]), "s").item()
    return counts, last


def _encounters(
    profile: Profile, positions: np.ndarray, last: list[datetime | None]
) -> tuple[np.ndarray, np.ndarray]:
    """Events where I met each sender, and events I attended with them on the attendee list;
    ``last`` is moved forward to the latest event met at."""
    snapshot = profile.snapshot
    column = {int(p): k for k, p in enumerate(positions)}
    starts = {o.id: o.starts_at for o in snapshot.occurrences}
    attended = {
        a.occurrence_id for a in snapshot.attendances if a.status == AttendanceStatus.ATTENDED
    }
    met: dict[int, set[int]] = defaultdict(set)
    listed: dict[int, set[int]] = defaultdict(set)
    for encounter in snapshot.encounters:
        try:
            k = column.get(snapshot.index_of(encounter.contact_id))
        except KeyError:
            continue
        if k is None:
            continue
        start = starts.get(encounter.occurrence_id)
        if start is not None and start.date() > profile.today:
            continue
        if encounter.kind == EncounterKind.MET:
            met[k].add(encounter.occurrence_id)
            previous = last[k]
            if start is not None and (previous is None or start > previous):
                last[k] = start
        elif encounter.occurrence_id in attended:
            listed[k].add(encounter.occurrence_id)
    met_count = np.zeros(positions.size, dtype=np.int64)
    listed_count = np.zeros(positions.size, dtype=np.int64)
    for k, occurrences in met.items():
        met_count[k] = len(occurrences)
    for k, occurrences in listed.items():
        listed_count[k] = len(occurrences - met[k])
    return met_count, listed_count


def _facts(profile: Profile, positions: np.ndarray) -> _Facts:
    snapshot, relevance = profile.snapshot, profile.relevance
    values = relevance.values[:, positions]
    if values.shape[0]:
        best_goal, best = values.argmax(axis=0), values.max(axis=0)
    else:
        best_goal = np.zeros(positions.size, dtype=np.int64)
        best = np.zeros(positions.size)
    meetings, last = _meetings(profile, positions)
    met_at_events, on_list = _encounters(profile, positions, last)

    cluster_sizes = {c.index: int(c.members.size) for c in profile.structure.clusters}
    bridge_size = np.zeros(snapshot.size, dtype=np.int64)
    for bridge in profile.structure.bridges:
        size = cluster_sizes.get(bridge.cluster, 0)
        bridge_size[bridge.contact] = max(bridge_size[bridge.contact], size)

    codes, names = snapshot.attribute("sector")
    counts = np.append(np.bincount(codes[codes >= 0], minlength=len(names)), 1)
    mine = codes[positions]
    sector_count = counts[mine] - 1  # code −1 (unknown) reads the trailing 1: 0 others

    my_org = snapshot.me.organisation
    colleagues = snapshot.has_value("organisation", [my_org] if my_org else [])
    return _Facts(
        positions=positions,
        best=best,
        best_goal=best_goal,
        meetings=meetings,
        last_met=last,
        met_at_events=met_at_events,
        on_attendee_list=on_list,
        degree=relevance.roles.degree[positions].astype(np.int64),
        bridging=relevance.roles.bridging[positions],
        bridge_cluster_size=bridge_size[positions],
        sector=[names[c] if c >= 0 else None for c in mine],
        sector_count=np.asarray(sector_count, dtype=np.int64),
        sector_known=int(np.sum(codes >= 0)),
        same_organisation=colleagues[positions],
        organisation_count=int(colleagues.sum()),
        strength=profile.strength.score[positions],
        interactions=snapshot.interaction_counts[positions],
    )


def _r(value: float) -> float:
    """A figure as shown in reasons and JSON: four decimals."""
    return round(float(value), 4)


def _known_sender(profile: Profile, facts: _Facts, k: int) -> tuple[dict[str, float], list[Reason]]:
    """Values of relevance, connection and novelty for a known sender, with their reasons."""
    snapshot, goals = profile.snapshot, profile.relevance.goals
    reasons: list[Reason] = []

    relevance = float(facts.best[k])
    if not goals:
        reasons.append(Reason("invitation.no_goals", {"goals": 0}))
    elif relevance > 0:
        goal = goals[int(facts.best_goal[k])]
        reasons.append(
            Reason(
                "invitation.relevance",
                {
                    "goal": goal_term(goal),
                    "goal_key": goal.key,
                    "goal_id": goal.id,
                    "relevance": _r(relevance),
                },
            )
        )
    else:
        reasons.append(
            Reason("invitation.no_relevance", {"goals": len(goals), "relevance": _r(relevance)})
        )

    meetings = int(facts.meetings[k]) + int(facts.met_at_events[k])
    listed = int(facts.on_attendee_list[k])
    degree = int(facts.degree[k])
    colleague = bool(facts.same_organisation[k])
    parts = {
        "met": saturating(meetings + ATTENDEE_LIST_WEIGHT * listed, MEETING_SCALE),
        "mutual": saturating(degree, MUTUAL_SCALE),
        "organisation": 1.0 if colleague else 0.0,
        "tie": float(np.clip(facts.strength[k], 0.0, 1.0)),
    }
    connection = 1.0 - math.prod(1.0 - part for part in parts.values())
    if meetings:
        last = facts.last_met[k]
        reasons.append(
            Reason(
                "invitation.met",
                {"count": meetings, "last": last.date().isoformat() if last else "—"},
            )
        )
    if listed:
        reasons.append(Reason("invitation.same_event", {"count": listed}))
    if degree:
        reasons.append(Reason("invitation.mutual", {"count": degree}))
    if colleague:
        organisation = snapshot.contacts[int(facts.positions[k])].organisation
        reasons.append(
            Reason(
                "invitation.same_organisation",
                {"organisation": organisation, "count": facts.organisation_count},
            )
        )
    if not (meetings or listed or degree or colleague):
        reasons.append(Reason("invitation.no_connection", {"meetings": 0, "mutual": 0}))
    reasons.append(
        Reason(
            "invitation.tie",
            {"strength": _r(parts["tie"]), "interactions": int(facts.interactions[k])},
        )
    )

    bridging = float(facts.bridging[k])
    novelty_parts = [bridging]
    if facts.bridge_cluster_size[k]:
        reasons.append(Reason("invitation.bridge", {"size": int(facts.bridge_cluster_size[k])}))
    elif degree == 0:
        reasons.append(Reason("invitation.isolated", {"links": 0}))
    elif bridging >= NOVEL_AT:
        reasons.append(Reason("invitation.circle", {"outside": _r(bridging), "links": degree}))
    else:
        reasons.append(
            Reason("invitation.same_circle", {"inside": _r(1.0 - bridging), "links": degree})
        )
    sector = facts.sector[k]
    others_known = facts.sector_known - 1
    if sector is not None and others_known > 0:
        count = int(facts.sector_count[k])
        share = count / others_known
        novelty_parts.append(1.0 - share)
        if count == 0:
            reasons.append(Reason("invitation.sector_new", {"sector": sector, "count": 0}))
        else:
            reasons.append(
                Reason(
                    "invitation.sector_share",
                    {"sector": sector, "count": count, "share": _r(share)},
                )
            )
    novelty = sum(novelty_parts) / len(novelty_parts)
    return {"relevance": relevance, "connection": connection, "novelty": novelty}, reasons


def _unknown_sender(snapshot: Snapshot) -> tuple[dict[str, float], list[Reason]]:
    reasons = [
        Reason("invitation.stranger", {"contacts": snapshot.size}),
        Reason("invitation.unknown_relevance", {"relevance": 0.0}),
        Reason("invitation.unknown_novelty", {"novelty": UNKNOWN_NOVELTY}),
    ]
    return {"relevance": 0.0, "connection": 0.0, "novelty": UNKNOWN_NOVELTY}, reasons


def _message_reason(kind: str, message: str | None) -> Reason:
    if kind == "personal":
        return Reason("invitation.message", {"chars": len((message or "").strip())})
    key = {
        "standard": "invitation.boilerplate",
        "pitch": "invitation.pitch",
    }.get(kind, "invitation.no_message")
    return Reason(key, {"weight": WEIGHTS["message"]})


@dataclass(frozen=True)
class _Sender:
    """What the rules need to know of one sender besides the score's components."""

    known: bool
    close: bool = False  # a close tie (``portfolio.close_ties``)
    meetings: int = 0  # met in person: meetings plus events met at
    mutual: int = 0  # links to my other contacts
    strength: float = 0.0
    closeness: float | None = None  # self-rated 1–5, None when not rated


def _sender(profile: Profile, facts: _Facts, k: int, close: np.ndarray) -> _Sender:
    position = int(facts.positions[k])
    rating = float(profile.snapshot.closeness[position])
    return _Sender(
        known=True,
        close=bool(close[position]),
        meetings=int(facts.meetings[k]) + int(facts.met_at_events[k]),
        mutual=int(facts.degree[k]),
        strength=_r(float(np.clip(facts.strength[k], 0.0, 1.0))),
        closeness=None if math.isnan(rating) else rating,
    )


def _rule_for(sender: _Sender, message: str, connection: float) -> str:
    """The first rule of ``RULES`` that applies (module docstring: rules and sources)."""
    if sender.close:
        return "close_tie"
    if message == "pitch" and connection == 0.0:
        return "sales_pitch"
    return "score" if sender.known else "stranger"


def _summary(
    rule: str, sender: _Sender, values: dict[str, float], components: dict[str, float]
) -> Reason:
    """One line (≤ 20 words) naming the rule with the figures that drove it."""
    score = _r(sum(components.values()))
    if rule == "close_tie":
        figures = {"strength": sender.strength, "meetings": sender.meetings}
        if sender.closeness is None:
            return Reason("invitation.rule.close_tie", figures)
        return Reason("invitation.rule.close_rated", {**figures, "closeness": sender.closeness})
    if rule == "sales_pitch":
        figures = {"meetings": sender.meetings, "mutual": sender.mutual}
        return Reason("invitation.rule.sales_pitch", figures)
    if rule == "stranger":
        key = "invitation.rule.stranger_note" if values["message"] else "invitation.rule.stranger"
        return Reason(key, {"mutual": 0, "score": score})
    part = max(components, key=lambda name: components[name])
    term = Term(text(f"invitation.part.{part}", "en"), text(f"invitation.part.{part}", "nl"))
    return Reason(
        "invitation.rule.score",
        {
            "score": score,
            "part": term,
            "part_key": part,
            "points": _r(components[part]),
            "weight": WEIGHTS[part],
        },
    )


def _advise(
    profile: Profile,
    facts: _Facts,
    invitation: Invitation,
    position: int | None,
    k: int | None,
    close: np.ndarray,
) -> InvitationAdvice:
    """The advice on one invitation; ``k`` is the sender's column in ``facts``."""
    snapshot, goals = profile.snapshot, profile.relevance.goals
    if position is None or k is None:
        values, reasons = _unknown_sender(snapshot)
        sender, contact_id, goal, who = invitation.name, None, None, _Sender(known=False)
    else:
        values, reasons = _known_sender(profile, facts, k)
        sender = invitation.name or snapshot.contacts[position].name
        contact_id = int(snapshot.contact_ids[position])
        goal = goals[int(facts.best_goal[k])] if goals and facts.best[k] > 0 else None
        who = _sender(profile, facts, k, close)
    kind = message_kind(invitation.message, (invitation.name, sender, snapshot.me.name))
    values["message"] = 1.0 if kind == "personal" else 0.0
    reasons.append(_message_reason(kind, invitation.message))
    components = {name: WEIGHTS[name] * values[name] for name in WEIGHTS}
    score = sum(components.values())
    rule = _rule_for(who, kind, values["connection"])
    reasons.append(
        Reason(
            "invitation.score",
            {"score": _r(score), "accept": ACCEPT_AT, "look_closer": LOOK_CLOSER_AT},
        )
    )
    return InvitationAdvice(
        invitation=invitation,
        contact=position,
        decision=RULE_DECISIONS.get(rule) or decision_for(score),
        score=score,
        reasons=tuple(reasons),
        components=components,
        sender=sender,
        contact_id=contact_id,
        message=kind,
        goal=goal,
        rule=rule,
        summary=_summary(rule, who, values, components),
    )


def triage_invitations(profile: Profile) -> list[InvitationAdvice]:
    """Advice on every pending incoming invitation — accept first, then look closer, then
    ignore; within each the best score, then the most recent — except those I put off until
    later less than four weeks ago (``advice/decisions.py``). Pure: the Profile in, the advice
    out (see the module docstring for the score and the rules)."""
    snapshot = profile.snapshot
    put_off = invitations_put_off(snapshot, profile.today)
    invitations = [i for i in pending_inbound(snapshot.invitations) if i.id not in put_off]
    positions = _resolve(snapshot, invitations)
    known = np.array(sorted({p for p in positions if p is not None}), dtype=np.int64)
    facts = _facts(profile, known)
    column = {int(p): k for k, p in enumerate(known)}
    close = close_ties(profile)
    advice = [
        _advise(profile, facts, invitation, position, column.get(position), close)
        for invitation, position in zip(invitations, positions, strict=True)
    ]
    advice.sort(key=lambda a: a.invitation.sent_at, reverse=True)
    advice.sort(key=lambda a: a.score, reverse=True)
    advice.sort(key=lambda a: DECISIONS.index(a.decision))
    return advice


def invitations_to_json(advice: Sequence[InvitationAdvice], language: str) -> list[dict[str, Any]]:
    """The contract of ``tiewise invitations --json``: one object per pending invitation."""
    return [
        {
            "invitation_id": a.invitation.id,
            "contact_id": a.contact_id,
            "from": a.sender,
            "profile_url": a.invitation.profile_url,
            "channel": a.invitation.channel,
            "sent_at": a.invitation.sent_at.isoformat(),
            "message": a.invitation.message,
            "message_kind": a.message,
            "decision": a.decision,
            "decision_text": text(f"invitation.decision.{a.decision}", language),
            "rule": a.rule,
            "summary": a.line.to_json(language),
            "score": round(a.score, 4),
            "components": {name: round(points, 4) for name, points in a.components.items()},
            "goal": None if a.goal is None else a.goal.key,
            "reasons": [reason.to_json(language) for reason in a.reasons],
        }
        for a in advice
    ]
