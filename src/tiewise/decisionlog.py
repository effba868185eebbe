"""Decisions that stick — the write side of accepting or dismissing advice, deciding invitations,
listing decisions and undoing them (``tiewise decisions``, ``tiewise invitations decide`` and the
web's buttons). Which decisions still stand is read in ``advice/decisions.py``.

- Accepting *let go* sets the tie's status to ``let_go``; undoing it (or setting the status back
  with ``contact edit --status``) restores the status it had.
- Accepting *focus*, *reactivate* or *maintain* fixes that level in the portfolio and puts the
  person into the plan; dismissing hides the item for a while (``advice/decisions.py``).
- Accepting an invitation marks it accepted and makes the sender a contact (the contact it names,
  the contact with its profile URL, or a new one); ignoring marks it ignored; *later* leaves it
  pending and off the list for four weeks. Undoing puts it back to pending, and removes a contact
  the acceptance created as long as nothing else has been recorded about them.

A new decision on the same contact (or invitation) replaces the one before; every decision is
kept, undone ones with the moment they were undone. Each function is one transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from tiewise import model
from tiewise.advice.decisions import ADVICE_ACTIONS
from tiewise.errors import InputError, NotFoundError, not_one_of
from tiewise.store import Store
from tiewise.store import repository as repo

ADVICE_VERDICTS = (model.Verdict.ACCEPT, model.Verdict.DISMISS)
INVITATION_VERDICTS = (model.Verdict.ACCEPT, model.Verdict.IGNORE, model.Verdict.LATER)


def parse_verdict(raw: str, allowed: tuple[model.Verdict, ...], field: str) -> model.Verdict:
    value = raw.strip().casefold()
    for verdict in allowed:
        if verdict.value == value:
            return verdict
    raise not_one_of(field, [v.value for v in allowed], raw)


def decide_advice(
    store: Store,
    contact_id: int,
    action: str,
    verdict: model.Verdict,
    figures: dict[str, float | str],
    when: datetime,
) -> model.Decision:
    """Accept or dismiss advice ``action`` on a contact, with the ``figures`` it showed."""
    if action not in ADVICE_ACTIONS:
        raise not_one_of("action", ADVICE_ACTIONS, action)
    if verdict not in ADVICE_VERDICTS:
        raise InputError(
            f"verdict: expected accept or dismiss, found {verdict.value!r}",
            key="error.verdict_advice",
            values={"found": verdict.value},
        )
    with store.begin() as connection:
        return record_advice_decision(connection, contact_id, action, verdict, figures, when)


def record_advice_decision(
    connection: Any,
    contact_id: int,
    action: str,
    verdict: model.Verdict,
    figures: dict[str, float | str],
    when: datetime,
) -> model.Decision:
    """``decide_advice`` inside a transaction the caller holds (the demo uses it too)."""
    repo.load_contact(connection, contact_id)  # NotFoundError when unknown
    _replace_standing(connection, when, contact_id=contact_id)
    restore: dict[str, object] | None = None
    if action == "let_go" and verdict == model.Verdict.ACCEPT:
        tie = repo.load_tie(connection, contact_id)
        restore = {"status": tie.status.value}
        repo.save_ties(connection, [replace(tie, status=model.TieStatus.LET_GO)])
    decision = model.Decision(
        model.DecisionKind.ADVICE,
        verdict,
        when,
        contact_id=contact_id,
        action=action,
        figures=figures,
        restore=restore,
    )
    return replace(decision, id=repo.add_decision(connection, decision))


def decide_invitation(
    store: Store, invitation: model.Invitation, verdict: model.Verdict, when: datetime
) -> tuple[model.Decision, int | None]:
    """Accept, ignore or put off an inbound invitation; returns the decision and, for an
    accepted one, the contact the sender now is. An invitation I decided before is decided
    anew: the standing decision is undone first (and kept, undone). One whose status came from
    an import (accepted or ignored on LinkedIn) is refused."""
    if verdict not in INVITATION_VERDICTS:
        raise InputError(
            f"verdict: expected accept, ignore or later, found {verdict.value!r}",
            key="error.verdict_invitation",
            values={"found": verdict.value},
        )
    with store.begin() as connection:
        if invitation.status != model.InvitationStatus.PENDING:
            decisions = repo.load_decisions(connection, include_undone=True)
            standing = [
                d for d in decisions if d.invitation_id == invitation.id and d.undone_at is None
            ]
            if not standing:
                raise InputError(
                    f"the invitation from {invitation.name} is already "
                    f"{invitation.status.value} (so the import says); nothing to decide",
                    key="error.invitation_decided",
                    values={"name": invitation.name, "status": invitation.status.value},
                )
            _undo(connection, standing[-1], decisions, when)
            invitation = next(i for i in repo.load_invitations(connection) if i.id == invitation.id)
        return record_invitation_decision(connection, invitation, verdict, when)


def record_invitation_decision(
    connection: Any, invitation: model.Invitation, verdict: model.Verdict, when: datetime
) -> tuple[model.Decision, int | None]:
    """``decide_invitation`` inside a transaction the caller holds (the demo uses it too)."""
    _replace_standing(connection, when, invitation_id=invitation.id)
    contact_id, created = invitation.contact_id, None
    restore: dict[str, object] = {"status": invitation.status.value}
    if verdict == model.Verdict.ACCEPT:
        if contact_id is None and invitation.profile_url:
            contact_id = repo.contact_with_identifier(
                connection, model.IdentifierKind.PROFILE_URL, invitation.profile_url
            )
        if contact_id is None:
            contact_id = created = _new_contact(connection, invitation, when)
        restore |= {"contact_id": invitation.contact_id, "created_contact": created}
        repo.set_invitation(
            connection,
            int(invitation.id),
            model.InvitationStatus.ACCEPTED,
            contact_id,  # type: ignore[arg-type]
        )
    elif verdict == model.Verdict.IGNORE:
        repo.set_invitation(
            connection,
            int(invitation.id),
            model.InvitationStatus.IGNORED,
            contact_id,  # type: ignore[arg-type]
        )
    decision = model.Decision(
        model.DecisionKind.INVITATION,
        verdict,
        when,
        contact_id=contact_id if verdict == model.Verdict.ACCEPT else None,
        invitation_id=invitation.id,
        restore=restore,
    )
    decision = replace(decision, id=repo.add_decision(connection, decision))
    return decision, contact_id if verdict == model.Verdict.ACCEPT else None


def _new_contact(connection: Any, invitation: model.Invitation, when: datetime) -> int:
    identifiers = (
        (model.Identifier(model.IdentifierKind.PROFILE_URL, invitation.profile_url),)
        if invitation.profile_url
        else ()
    )
    origin = repo.add_origin(connection, "manual", when)
    (contact_id,) = repo.add_contacts(
        connection, [model.Contact(name=invitation.name, identifiers=identifiers)], origin
    )
    repo.save_ties(
        connection,
        [
            model.Tie(
                contact_id=contact_id,
                met_how=f"{invitation.channel} invitation",
                met_on=invitation.sent_at.date(),  # known since the invitation, not before
            )
        ],
    )
    return contact_id


def _replace_standing(
    connection: Any, when: datetime, contact_id: int | None = None, invitation_id: int | None = None
) -> None:
    """A new decision on the same subject replaces the standing one (which is kept, undone)."""
    earlier = [
        d.id
        for d in repo.load_decisions(connection)
        if (
            contact_id is not None
            and d.kind == model.DecisionKind.ADVICE
            and d.contact_id == contact_id
        )
        or (invitation_id is not None and d.invitation_id == invitation_id)
    ]
    repo.mark_undone(connection, [int(i) for i in earlier if i is not None], when)


def undo_decision(store: Store, decision_id: int, when: datetime) -> dict[str, Any]:
    """Undo a standing decision: put back what it changed (see the module docstring). Returns
    what was done: ``restored`` (a status), ``removed_contact`` or ``kept_contact``."""
    with store.begin() as connection:
        found = {d.id: d for d in repo.load_decisions(connection, include_undone=True)}
        decision = found.get(decision_id)
        if decision is None:
            raise NotFoundError(
                f"no decision {decision_id}; see: tiewise decisions",
                key="error.no_decision",
                values={"id": decision_id},
            )
        if decision.undone_at is not None:
            raise InputError(
                f"decision {decision_id} was undone on {decision.undone_at:%Y-%m-%d}",
                key="error.decision_undone",
                values={"id": decision_id, "date": f"{decision.undone_at:%Y-%m-%d}"},
            )
        return _undo(connection, decision, list(found.values()), when)


def _undo(
    connection: Any, decision: model.Decision, decisions: list[model.Decision], when: datetime
) -> dict[str, Any]:
    """Put back what ``decision`` changed and mark it undone (``decisions``: all of them)."""
    decision_id = int(decision.id)  # type: ignore[arg-type]
    done: dict[str, Any] = {"decision_id": decision_id}
    restore = decision.restore or {}
    if decision.kind == model.DecisionKind.ADVICE and "status" in restore:
        tie = repo.load_tie(connection, int(decision.contact_id))  # type: ignore[arg-type]
        if tie.status == model.TieStatus.LET_GO:
            status = model.TieStatus(str(restore["status"]))
            repo.save_ties(connection, [replace(tie, status=status)])
            done["restored"] = status.value
    elif decision.kind == model.DecisionKind.INVITATION and "status" in restore:
        created = restore.get("created_contact")
        keep_contact = restore.get("contact_id")
        repo.set_invitation(
            connection,
            int(decision.invitation_id),  # type: ignore[arg-type]
            model.InvitationStatus(str(restore["status"])),
            int(keep_contact) if keep_contact is not None else None,  # type: ignore[call-overload]
        )
        done["restored"] = str(restore["status"])
        if created is not None:
            contact_id = int(created)  # type: ignore[call-overload]
            decided = [d for d in decisions if d.contact_id == contact_id]
            if repo.facts_about(connection, contact_id) == 0 and decided == [decision]:
                # the decision is kept (undone); deleting its contact must not take it along
                repo.detach_decision(connection, decision_id)
                repo.delete_contact(connection, contact_id)
                done["removed_contact"] = contact_id
            else:
                done["kept_contact"] = contact_id
    repo.mark_undone(connection, [decision_id], when)
    return done


def set_status(store: Store, contact_id: int, status: model.TieStatus, when: datetime) -> None:
    """Set a tie's status by hand (the contact page)."""
    with store.begin() as connection:
        tie = repo.load_tie(connection, contact_id)
        repo.save_ties(connection, [replace(tie, status=status)])
        status_changed(connection, contact_id, status, when)


def status_changed(
    connection: Any, contact_id: int, status: model.TieStatus, when: datetime
) -> None:
    """After a tie's status was set by hand (``contact edit --status``, the contact page):
    setting it to anything but ``let_go`` undoes the accepted *let go* advice that set it."""
    if status == model.TieStatus.LET_GO:
        return
    repo.mark_undone(
        connection,
        [
            int(d.id)  # type: ignore[arg-type]
            for d in repo.load_decisions(connection)
            if d.kind == model.DecisionKind.ADVICE
            and d.contact_id == contact_id
            and d.action == "let_go"
            and d.verdict == model.Verdict.ACCEPT
        ],
        when,
    )


def find_invitation(connection: Any, person: str) -> model.Invitation:
    """The inbound invitation a user means: its id, the sender's exact name (any case) or a
    unique part of it — among the pending ones, else among those decided before. None or
    several → NotFoundError naming the candidates."""
    inbound = [
        i for i in repo.load_invitations(connection) if i.direction == model.Direction.INBOUND
    ]
    pending = [i for i in inbound if i.status == model.InvitationStatus.PENDING]
    matches = _matching(pending, person)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        decided = _matching([i for i in inbound if i not in pending], person)
        if len(decided) == 1:  # decided before: decided anew (decide_invitation says how)
            return decided[0]
        raise NotFoundError(
            f"no pending invitation from {person!r}; see: tiewise invitations",
            key="error.no_invitation",
            values={"name": person},
        )
    listed = "; ".join(f"{i.id} {i.name} ({i.sent_at:%Y-%m-%d})" for i in matches[:10])
    raise NotFoundError(
        f"{len(matches)} pending invitations match {person!r}: {listed} — give the id",
        key="error.several_invitations",
        values={"count": len(matches), "name": person, "listed": listed},
    )


def _matching(invitations: list[model.Invitation], person: str) -> list[model.Invitation]:
    """The invitations ``person`` names: by id, else by the exact name, else by part of it."""
    if person.strip().isdigit():
        by_id = [i for i in invitations if i.id == int(person)]
        if by_id:
            return by_id
    wanted = person.strip().casefold()
    return [i for i in invitations if i.name.casefold() == wanted] or [
        i for i in invitations if wanted in i.name.casefold()
    ]


def decision_rows(
    store: Store, include_undone: bool = False, lapsed: frozenset[int] = frozenset()
) -> list[dict[str, Any]]:
    """Every decision (newest first) with the names it is about, for listing; ``lapsed``: the
    dismissals that no longer hide anything (``advice/portfolio.lapsed_dismissals``)."""
    with store.connect() as connection:
        decisions = repo.load_decisions(connection, include_undone)
        names = repo.contact_names(connection, [d.contact_id for d in decisions if d.contact_id])
        invitations = {i.id: i for i in repo.load_invitations(connection)}
    rows = []
    for d in reversed(decisions):
        invitation = invitations.get(d.invitation_id) if d.invitation_id else None
        rows.append(
            {
                "id": d.id,
                "kind": d.kind.value,
                "about": invitation.name if invitation else names.get(d.contact_id, "?"),
                "contact_id": d.contact_id,
                "invitation_id": d.invitation_id,
                "action": d.action,
                "verdict": d.verdict.value,
                "decided_at": d.decided_at.isoformat(timespec="minutes"),
                "figures": d.figures,
                "undone_at": d.undone_at.isoformat(timespec="minutes") if d.undone_at else None,
                "lapsed": d.id in lapsed,
            }
        )
    return rows
