"""Tie strength on hand-built networks where the right class is beyond doubt."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from tiewise import model as M
from tiewise.analysis.strength import tie_strength
from tiewise.snapshot import build_snapshot

TODAY = date(2026, 11, 1)


def _at(days_ago: float) -> datetime:
    return datetime.combine(TODAY, datetime.min.time()) - timedelta(days=days_ago)


def _meeting(days_ago: float, who: int, direction=M.Direction.MUTUAL) -> M.Interaction:
    return M.Interaction(_at(days_ago), M.InteractionKind.MEETING, "calendar", direction, (who,))


def _message(days_ago: float, who: int, direction: M.Direction) -> M.Interaction:
    return M.Interaction(_at(days_ago), M.InteractionKind.EMAIL, "mail", direction, (who,))


def _snapshot(ties, interactions=(), exchanges=()):
    contacts = [M.Contact(id=t.contact_id, name=f"C{t.contact_id}") for t in ties]
    return build_snapshot(M.Me(name="me"), contacts, ties, (), interactions, exchanges=exchanges)


def test_obvious_cases_get_the_obvious_class():
    ties = [
        M.Tie(1, closeness=5),  # rated very close, no data
        M.Tie(2, contexts=("work", "club"), met_on=TODAY - timedelta(days=3650)),  # weekly
        M.Tie(3),  # one meeting two years ago
        M.Tie(4),  # never any contact
        M.Tie(5, closeness=5),  # very close, silent for two years
        M.Tie(6, closeness=1),  # rated distant but in touch
    ]
    weekly = [
        _meeting(7 * k + 1, 2, M.Direction.INBOUND if k % 2 else M.Direction.OUTBOUND)
        for k in range(52)
    ]
    interactions = [*weekly, _meeting(730, 3), _meeting(700, 5)]
    interactions += [_meeting(30 * k + 2, 6) for k in range(12)]
    strength = tie_strength(_snapshot(ties, interactions), TODAY)
    assert list(strength.tie_class) == ["strong", "strong", "dormant", "weak", "strong", "weak"]
    assert strength.score[1] > 0.8
    # self-rating outweighs inference: a monthly contact rated 1 stays weak
    assert strength.score[5] < 0.35


def test_contributions_add_up_to_the_score_and_follow_the_formula():
    ties = [M.Tie(1, met_on=TODAY - timedelta(days=round(5 * 365.25)), contexts=("work",))]
    strength = tie_strength(_snapshot(ties, [_message(0, 1, M.Direction.INBOUND)]), TODAY)
    frequency = 1 - math.exp(-math.exp(-1 / 90) / 3)
    recency = math.exp(-1 / 180)
    duration = 1 - math.exp(-(round(5 * 365.25) + 1) / 365.25 / 5)
    reciprocity = 0.0  # one inbound message, no outbound
    multiplexity = 0.0  # one context recorded: a known single-stranded tie
    expected = (
        0.35 * frequency
        + 0.25 * recency
        + 0.15 * duration
        + 0.15 * reciprocity
        + 0.10 * multiplexity
    ) / 1.0
    assert strength.score[0] == pytest.approx(expected, abs=1e-12)
    total = sum(float(values[0]) for values in strength.contributions.values())
    assert total == pytest.approx(float(strength.score[0]), abs=1e-12)
    explained = {row["input"]: row for row in strength.explain(0)}
    assert explained["closeness"]["value"] is None
    assert explained["frequency"]["value"] == pytest.approx(frequency, abs=1e-4)


def test_unknown_inputs_drop_out_and_the_rest_is_renormalised():
    # no met_on and no interactions: duration and reciprocity unknown
    strength = tie_strength(_snapshot([M.Tie(1, contexts=("a", "b", "c"))]), TODAY)
    assert np.isnan(strength.inputs["duration"][0])
    assert np.isnan(strength.inputs["reciprocity"][0])
    # multiplexity 1 × .10 over known weights .35 + .25 + .10
    assert strength.score[0] == pytest.approx(0.10 / 0.70)


def test_exchanges_count_toward_reciprocity():
    on = TODAY - timedelta(days=10)
    exchanges = [
        M.Exchange(1, M.ExchangeDirection.GIVEN, M.ExchangeKind.HELP, on),
        M.Exchange(1, M.ExchangeDirection.RECEIVED, M.ExchangeKind.ADVICE, on),
        M.Exchange(2, M.ExchangeDirection.GIVEN, M.ExchangeKind.HELP, on),
    ]
    strength = tie_strength(_snapshot([M.Tie(1), M.Tie(2)], exchanges=exchanges), TODAY)
    assert list(strength.inputs["reciprocity"]) == [1.0, 0.0]


def test_margin_is_small_near_a_boundary():
    strength = tie_strength(_snapshot([M.Tie(1, closeness=3), M.Tie(2, closeness=5)]), TODAY)
    # closeness 3 → 0.35 exactly on the medium boundary; 5 → 0.70, 0.10 above strong
    assert strength.margin[0] == pytest.approx(0.0)
    assert strength.margin[1] == pytest.approx(0.10)


def test_a_meeting_i_organised_is_contact_in_both_directions():
    """Granovetter (1973) counts *reciprocal* services and time spent together; a meeting both
    attend is time spent by both, so it is contact in both directions whoever sent the invitation
    (issue 16: meetings I organised made reciprocity 0 for every calendar tie).

    Tie 1: six meetings I organised (direction outbound) → in = out = 6 → 1 − 0/12 = 1.
    Tie 2: six e-mails I sent, none answered → in 0, out 6 → 1 − 6/6 = 0.
    Tie 3: three calls they made, three e-mails I sent → in 3 + 0, out 3 + 3 → 1 − 3/9 = 2/3.
    """
    out, inbound = M.Direction.OUTBOUND, M.Direction.INBOUND
    interactions = [_meeting(10 * k + 1, 1, out) for k in range(6)]
    interactions += [_message(10 * k + 1, 2, out) for k in range(6)]
    interactions += [
        M.Interaction(_at(10 * k + 1), M.InteractionKind.CALL, "phone", inbound, (3,))
        for k in range(3)
    ]
    interactions += [_message(10 * k + 2, 3, out) for k in range(3)]
    strength = tie_strength(_snapshot([M.Tie(1), M.Tie(2), M.Tie(3)], interactions), TODAY)
    assert strength.inputs["reciprocity"].tolist() == pytest.approx([1.0, 0.0, 2 / 3])


def test_calendar_meetings_i_organised_give_reciprocity_one_end_to_end(store):
    """The same through the iCalendar importer: an .ics with two meetings *I* organised (the
    importer records them as outbound) gives a tie whose reciprocity is 1, not 0."""
    from tiewise.identifiers import identifier
    from tiewise.ingest.ics import parse_ics
    from tiewise.ingest.writer import import_parsed
    from tiewise.snapshot import load_snapshot
    from tiewise.store import repository as repo

    mine = "eva@studiowit.nl"
    me = M.Me(name="Eva de Wit", identifiers=(identifier(M.IdentifierKind.EMAIL, mine),))
    with store.begin() as connection:
        repo.save_me(connection, me)
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:m{k}\r\nDTSTART:202610{k + 10}T090000Z\r\nDURATION:PT1H\r\n"
        f"SUMMARY:Overleg\r\nORGANIZER:mailto:{mine}\r\nATTENDEE:mailto:{mine}\r\n"
        "ATTENDEE;CN=Anouk de Vries:mailto:anouk@radboudumc.nl\r\nEND:VEVENT\r\n"
        for k in range(2)
    )
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{events}END:VCALENDAR\r\n"
    now = datetime(2026, 11, 1, 12)
    parsed = parse_ics(text.encode(), "mine.ics", me, now)
    assert {i.direction for i in parsed.interactions} == {M.Direction.OUTBOUND}
    import_parsed(store, parsed, "d1", now)
    strength = tie_strength(load_snapshot(store), TODAY)
    assert strength.inputs["reciprocity"].tolist() == [1.0]


def test_no_contexts_recorded_is_unknown_multiplexity_not_zero():
    """Multiplexity counts the contexts a tie spans (Marsden & Campbell 2012 treat it as a
    correlate, not a part, of strength). With no context recorded it is *unknown*: the input is
    NaN and drops out, and the weights renormalise over the known ones.

    Both ties: one inbound and one outbound e-mail today, so frequency f = 1 − exp(−2·e^(−1/90)/3),
    recency r = e^(−1/180), reciprocity 1; duration is known from the first e-mail (1 day:
    d = 1 − exp(−(1/365.25)/5)). Tie 1 (no contexts): (.35f + .25r + .15d + .15)/.90.
    Tie 2 (one context, a known 0): (.35f + .25r + .15d + .15 + .10·0)/1.00 — lower.
    """
    interactions = [
        _message(0, who, direction)
        for who in (1, 2)
        for direction in (M.Direction.INBOUND, M.Direction.OUTBOUND)
    ]
    ties = [M.Tie(1), M.Tie(2, contexts=("work",))]
    strength = tie_strength(_snapshot(ties, interactions), TODAY)
    f = 1 - math.exp(-2 * math.exp(-1 / 90) / 3)
    r = math.exp(-1 / 180)
    d = 1 - math.exp(-(1 / 365.25) / 5)
    known = 0.35 * f + 0.25 * r + 0.15 * d + 0.15 * 1.0
    assert np.isnan(strength.inputs["multiplexity"][0])
    assert strength.inputs["multiplexity"][1] == 0.0
    assert strength.score[0] == pytest.approx(known / 0.90, abs=1e-12)
    assert strength.score[1] == pytest.approx(known / 1.00, abs=1e-12)
    assert strength.contributions["multiplexity"][0] == 0.0
    assert sum(float(c[0]) for c in strength.contributions.values()) == pytest.approx(
        float(strength.score[0]), abs=1e-12
    )
    assert {row["input"]: row["value"] for row in strength.explain(0)}["multiplexity"] is None


def test_planned_meetings_are_not_contact_yet():
    """Only contact up to today counts (recency ``exp(−days/180)`` is at most 1; dormancy means no
    contact in the last 365 days). A tie last seen two years ago with a meeting planned next week
    stays dormant, with recency exp(−731/180), not above 1; duration starts at the past meeting."""
    interactions = [_meeting(730, 1), _meeting(-7, 1)]
    strength = tie_strength(_snapshot([M.Tie(1)], interactions), TODAY)
    assert strength.tie_class[0] == "dormant"
    assert strength.inputs["recency"][0] == pytest.approx(math.exp(-731 / 180))
    assert strength.inputs["duration"][0] == pytest.approx(1 - math.exp(-731 / 365.25 / 5))


def test_docs_state_the_weights_in_the_order_and_values_of_the_code():
    """docs/method.md and ``strength.WEIGHTS`` must agree (issue 16): same inputs, same order,
    same values; and both name Marsden & Campbell 1984 and 2012."""
    import re
    from pathlib import Path

    from tiewise.analysis import strength as module

    method = (Path(__file__).parents[2] / "docs" / "method.md").read_text(encoding="utf-8")
    section = method.split("## Tie strength", 1)[1].split("\n## ", 1)[0]
    stated = re.findall(r"(frequency|recency|duration|reciprocity|multiplexity) \.(\d+)", section)
    assert [(name, float("0." + value)) for name, value in stated] == list(module.WEIGHTS.items())
    for text in (" ".join(section.split()), " ".join((module.__doc__ or "").split())):
        assert "Marsden & Campbell (1984" in text
        assert "Marsden & Campbell (2012" in text


def test_contact_that_only_went_one_way_is_not_a_strong_tie():
    """Granovetter (1973): strength is time *and* reciprocal services. Six e-mails I sent in the
    last two months that nobody answered score above the strong boundary on frequency, recency
    and duration alone (reciprocity 0 weighs .15), yet no one would call that a strong tie: it
    is medium at most. The same six e-mails answered by six of theirs are strong; and a rating
    of 5 of mine decides over the rule (the rating is the best indicator: Marsden & Campbell
    1984)."""
    out, inbound = M.Direction.OUTBOUND, M.Direction.INBOUND
    interactions = [_message(10 * k + 1, 1, out) for k in range(6)]
    interactions += [_message(10 * k + 1, 2, out) for k in range(6)]
    interactions += [_message(10 * k + 2, 2, inbound) for k in range(6)]
    interactions += [_message(10 * k + 1, 3, out) for k in range(6)]
    ties = [M.Tie(1, met_on=date(2020, 1, 1)), M.Tie(2, met_on=date(2020, 1, 1))]
    ties.append(M.Tie(3, closeness=5, met_on=date(2020, 1, 1)))
    strength = tie_strength(_snapshot(ties, interactions), TODAY)
    assert strength.inputs["reciprocity"][0] == 0.0
    assert strength.score[0] >= 0.6  # above the boundary by its score …
    assert strength.tie_class.tolist() == ["medium", "strong", "strong"]  # … but not strong
