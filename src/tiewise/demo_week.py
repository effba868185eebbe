"""The demo's lived-in weeks: what Eva de Wit logged, and what she decided, before ``today``.

``demo.py`` writes the network as imports would bring it. This module then adds what a user of
tiewise does week after week, through the write functions the command line and the web app use
(``contactlog.record_contact``, ``decisionlog.record_advice_decision`` and
``record_invitation_decision``), inside the demo's one transaction. The people are not fixed
names: they are chosen by running the analysis on the demo's own data, so that every decision is
one the advice gives:

1. The network just written is read back (``snapshot.read_snapshot``) and analysed as of today.
2. Invitations (``advice/invitations.py``), among those older than two days: the two best with
   advice *accept* are accepted, and so is the best *look closer* from a stranger with a personal
   message, who becomes a new contact and gets a reply that evening; the two oldest *ignore*
   ones are ignored and one more *look closer* is put off until later. The others stay pending.
3. Advice (``advice/portfolio.py``, the default budget of 8 hours), with the figures of
   ``portfolio.advice_figures_of``: the first *let go* is accepted 20 days ago (its status
   becomes ``let_go``), the *invest* item of least value dismissed 10 days ago, and an *invest*
   item the plan would not list, with no contact since, accepted two days ago — the plan lists
   that person now. (Accepting a *reactivate* item as well would fix a dormant tie at the price
   of a medium one once in touch, and the budget would leave nothing to *maintain*.)
4. Nine activities over the last five weeks (``ACTIVITIES``) with people of one circle she is in
   touch with (drawn from her strongest ties there; the client meeting with people of one
   organisation), four of them with two or three people at once.
5. The network is analysed again, and the first person the weekly plan lists because their
   cadence ran out (else the first to reactivate) gets a coffee this week: the plan shows a
   logged contact resetting the cadence.

Every moment derives from ``today`` (the demo's "now" is 09:00 that day); the choices drawn at
random come from a stream of their own (seed, 15), so the network drawn before is unchanged.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
from sqlalchemy import Connection

from tiewise import model
from tiewise.advice.invitations import triage_invitations
from tiewise.advice.plan import weekly_plan
from tiewise.advice.portfolio import Portfolio, advice_figures_of, build_portfolio
from tiewise.analysis.profile import Profile, analyze
from tiewise.contactlog import record_contact
from tiewise.decisionlog import record_advice_decision, record_invitation_decision
from tiewise.snapshot import read_snapshot

Kind = model.InteractionKind
Verdict = model.Verdict
Activity = tuple[datetime, Kind, list[int], int | None, str | None]

# days ago, hour, kind, circle, people, minutes, note
ACTIVITIES: tuple[tuple[int, int, Kind, str, int, int | None, str | None], ...] = (
    (33, 14, Kind.MEETING, "clients", 3, 90, "Kick-off nieuwe huisstijl"),
    (29, 10, Kind.COFFEE, "entrepreneurs_club", 1, 45, None),
    (26, 19, Kind.MEAL, "family_friends", 3, 150, "Verjaardagsetentje"),
    (22, 11, Kind.CALL, "suppliers", 1, 20, "Offerte voor het jaarverslag van een klant"),
    (19, 16, Kind.VIDEO, "former_colleagues", 2, 45, "Catching up; ideas for a joint pitch"),
    (15, 21, Kind.MESSAGE, "university", 1, None, "Gastcollege volgend semester?"),
    (9, 14, Kind.MEETING, "municipality", 2, 60, "Campagne wijkvernieuwing: eerste schetsen"),
    (8, 10, Kind.COFFEE, "tennis_club", 1, 30, None),
    (4, 20, Kind.CALL, "family_friends", 1, 25, None),
)
SAME_ORG = frozenset({"clients"})  # a meeting at one client's: people of one organisation


def write_week(
    connection: Connection, seed: int, today: date, circles: dict[str, list[int]]
) -> dict[str, int]:
    """Add the logged activities and decisions (see the module docstring) to the demo network
    in ``connection``; ``circles`` maps each cluster's key to its contact ids. Returns counts."""
    now = datetime.combine(today, time(9, 0))
    rng = np.random.default_rng([seed, 15])
    profile = analyze(read_snapshot(connection), today)
    activities, decisions = _decide_invitations(connection, profile, now)
    chosen = _decide_advice(connection, profile, build_portfolio(profile, limit=None), now)
    decisions += len(chosen)
    reserved = set(chosen.values())
    for days, hour, kind, circle, size, minutes, note in ACTIVITIES:
        people = _pick(profile, circles.get(circle, []), reserved, size, circle in SAME_ORG, rng)
        if people:
            activities.append((_moment(now, days, hour), kind, people, minutes, note))
            reserved.update(people)
    for activity in sorted(activities, key=lambda a: a[0]):
        _log(connection, activity, now)

    # this week: the first person whose cadence ran out in the plan as it stands now
    profile = analyze(read_snapshot(connection), today)
    plan = weekly_plan(profile, build_portfolio(profile), [])
    due = [c.position for c in plan.contacts if c.reasons[0].key == "plan.due"] or [
        c.position for c in plan.contacts if c.action == "reactivate"
    ]
    if due:
        days = min(2, today.weekday())
        person = int(profile.snapshot.contact_ids[due[0]])
        note = "Koffie; plannen voor volgend jaar doorgenomen"
        coffee = (_moment(now, days, 8 if days == 0 else 10), Kind.COFFEE, [person], 45, note)
        activities.append(coffee)
        _log(connection, coffee, now)
    return {"logged": len(activities), "decisions": decisions}


def _moment(now: datetime, days: int, hour: int) -> datetime:
    return datetime.combine(now.date() - timedelta(days=days), time(hour, 0))


def _log(connection: Connection, activity: Activity, now: datetime) -> None:
    moment, kind, people, minutes, note = activity
    record_contact(
        connection,
        people,
        kind,
        moment,
        minutes=minutes,
        note=note,
        recorded_at=min(moment + timedelta(hours=2), now),
    )


def _pick(
    profile: Profile,
    circle: list[int],
    reserved: set[int],
    size: int,
    same_org: bool,
    rng: np.random.Generator,
) -> list[int]:
    """``size`` people of ``circle`` (not ``reserved``, not dormant), drawn at random from the
    eight strongest ties there; with ``same_org`` all of the organisation with most of them."""
    snapshot, score = profile.snapshot, profile.strength.score
    positions = [
        p
        for p in (snapshot.position_of(i) for i in circle if i not in reserved)
        if p is not None and profile.strength.tie_class[p] != "dormant"
    ]
    if same_org:
        by_org: dict[str, list[int]] = {}
        for p in positions:
            by_org.setdefault(snapshot.contacts[p].organisation or "", []).append(p)
        by_org.pop("", None)
        if by_org:
            positions = max(sorted(by_org.items()), key=lambda item: len(item[1]))[1]
    top = sorted(positions, key=lambda p: (-score[p], p))[:8]
    if not top:
        return []
    drawn = rng.choice(len(top), size=min(size, len(top)), replace=False)
    return [int(snapshot.contact_ids[top[int(k)]]) for k in sorted(drawn)]


def _decide_invitations(
    connection: Connection, profile: Profile, now: datetime
) -> tuple[list[Activity], int]:
    """Accept, ignore and put off pending invitations as their advice says (module docstring).
    Returns the message Eva wrote to each new contact she accepted, and the decisions taken."""
    advice = [a for a in triage_invitations(profile) if a.invitation.sent_at <= now - timedelta(2)]
    accept = [a for a in advice if a.decision == "accept"][:2]
    accept += [
        a
        for a in advice
        if a.decision == "look_closer" and a.contact is None and a.message == "personal"
    ][:1]
    ignore = sorted(
        (a for a in advice if a.decision == "ignore"), key=lambda a: a.invitation.sent_at
    )[:2]
    taken = {a.invitation.id for a in (*accept, *ignore)}
    later = [
        a
        for a in advice
        if a.decision == "look_closer"
        and a.invitation.id not in taken
        and a.invitation.sent_at <= now - timedelta(4)  # put off three days ago
    ]
    replies: list[Activity] = []
    for group, verdict in ((accept, Verdict.ACCEPT), (ignore, Verdict.IGNORE)):
        for a in group:
            evening = datetime.combine(a.invitation.sent_at.date() + timedelta(1), time(20, 0))
            when = min(evening, now - timedelta(1))
            decision, contact_id = record_invitation_decision(
                connection, a.invitation, verdict, when
            )
            if contact_id is not None and (decision.restore or {}).get("created_contact"):
                note = "Dank voor je uitnodiging! Koffie binnenkort?"
                replies.append(
                    (when + timedelta(minutes=15), Kind.MESSAGE, [contact_id], None, note)
                )
    for a in later[:1]:
        record_invitation_decision(connection, a.invitation, Verdict.LATER, now - timedelta(3))
    return replies, len(accept) + len(ignore) + len(later[:1])


def _decide_advice(
    connection: Connection, profile: Profile, portfolio: Portfolio, now: datetime
) -> dict[str, int]:
    """Accept a let-go, dismiss an invest item and accept another (module docstring); returns
    the contact decided on per kind of decision."""
    snapshot = profile.snapshot
    chosen: dict[str, int] = {}

    def decide(name: str, position: int, action: str, verdict: Verdict, days: int) -> None:
        contact_id = int(snapshot.contact_ids[position])
        figures = advice_figures_of(profile, position)
        when = now - timedelta(days)
        record_advice_decision(connection, contact_id, action, verdict, figures, when)
        chosen[name] = contact_id

    if portfolio.let_go:
        decide("let_go", portfolio.let_go[0].position, "let_go", Verdict.ACCEPT, 20)
    focus = list(portfolio.focus)
    if len(focus) >= 2:
        decide("dismissed", focus.pop().position, "focus", Verdict.DISMISS, 10)
    due = {c.position for c in weekly_plan(profile, portfolio, [], limit=snapshot.size).contacts}
    accepted_on = np.datetime64(now.date() - timedelta(2), "s")
    quiet = [  # not in touch since the day of accepting
        item.position
        for item in focus
        if np.isnat(snapshot.last_interaction[item.position])
        or snapshot.last_interaction[item.position] < accepted_on
    ]
    quiet.sort(key=lambda p: p in due)  # one the plan would not list otherwise, if there is one
    if quiet:
        decide("accepted", quiet[0], "focus", Verdict.ACCEPT, 2)
    return chosen
