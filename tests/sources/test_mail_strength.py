"""Mail feeds the tie model as every other contact does: a hand-built mailbox whose order of
tie strength follows from the model in docs/method.md."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.mailgen import ME, Mail, write_mbox
from tiewise.analysis.strength import WEIGHTS, tie_strength
from tiewise.snapshot import load_snapshot
from tiewise.sources import registry
from tiewise.sources.sync import sync
from tiewise.store import Store

from .conftest import be_eva

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 12, 0)


def _date(moment: datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


def _mailbox() -> list[Mail]:
    """Anna answers each of Eva's eight messages within the hour; Bram gets the same sixteen
    messages at the same moments, all from Eva, and answers none; Carla and Eva wrote each
    other twice, 200 to 320 days ago."""
    mails = []
    for week in range(8):
        sent = NOW - timedelta(days=3 + 11 * week)
        answer = sent + timedelta(hours=1)
        mine = f"<a{week}@studiowit.nl>"
        mails += [
            Mail(f"Eva <{ME}>", ["Anna <anna@x.nl>"], None, sent, _date(sent), mine),
            Mail(
                "Anna <anna@x.nl>",
                [ME],
                None,
                answer,
                _date(answer),
                f"<r{week}@x.nl>",
                in_reply_to=mine,
                references=[mine],
            ),
            Mail(f"Eva <{ME}>", ["Bram <bram@x.nl>"], None, sent, _date(sent), f"<b{week}@s>"),
            Mail(f"Eva <{ME}>", ["Bram <bram@x.nl>"], None, answer, _date(answer), f"<c{week}@s>"),
        ]
    for days, who in ((320, "eva"), (319, "carla"), (201, "eva"), (200, "carla")):
        moment = NOW - timedelta(days=days)
        sender, to = (f"Eva <{ME}>", "Carla <carla@x.nl>") if who == "eva" else ("carla@x.nl", ME)
        mails.append(Mail(sender, [to], None, moment, _date(moment), f"<k{days}@x>"))
    return mails


def test_reciprocity_and_frequency_order_the_ties(store: Store, tmp_path: Path):
    """Expected from docs/method.md, "Tie strength": the inferred score is the weighted mean of
    the known inputs — frequency .35, recency .25, duration .15, reciprocity .15 (multiplexity
    is unknown here: no contexts recorded, so it drops out and the weights are renormalised
    over 0.90).

    - **Anna > Bram by exactly the reciprocity weight.** They have the same sixteen messages at
      the same moments, so the same frequency, recency and duration; Anna's answers make her
      reciprocity ``1 − |8 − 8| / 16 = 1``, Bram's is ``1 − |0 − 16| / 16 = 0``. The scores
      differ by ``0.15 / 0.90``: Granovetter's (1973) reciprocal services, and reciprocity
      among the predictors Gilbert & Karahalios (2009) found.
    - **Bram is a medium tie at most**, though his score passes the strong threshold 0.6:
      "frequent e-mails nobody answers make a medium tie at most" (the one-way rule).
    - **Bram > Carla**: four messages 200–320 days ago give Carla low frequency
      (``Σ exp(−age/90)`` ≈ 0.27) and recency (``exp(−200/180)`` ≈ 0.33), against Bram's near 1;
      her perfect reciprocity and longer acquaintance (0.15 each) cannot make that up."""
    be_eva(store)
    path = write_mbox(tmp_path / "eva.mbox", _mailbox())
    registry.add(store, "mbox", path, "eva", NOW)
    summary = sync(store, "eva", NOW)
    assert (summary.interactions, summary.contacts, summary.suggestions) == (36, 3, 0)
    snapshot = load_snapshot(store)
    strength = tie_strength(snapshot, TODAY)
    by_name = {c.name: i for i, c in enumerate(snapshot.contacts)}
    anna, bram, carla = (by_name[n] for n in ("Anna", "Bram", "Carla"))
    score = strength.score
    assert score[anna] > score[bram] > score[carla]
    known = WEIGHTS["frequency"] + WEIGHTS["recency"] + WEIGHTS["duration"] + WEIGHTS["reciprocity"]
    assert score[anna] - score[bram] == pytest.approx(WEIGHTS["reciprocity"] / known)
    for name in ("frequency", "recency", "duration"):
        assert strength.inputs[name][anna] == pytest.approx(strength.inputs[name][bram])
    assert (strength.inputs["reciprocity"][anna], strength.inputs["reciprocity"][bram]) == (1, 0)
    assert score[bram] >= 0.6
    assert (strength.tie_class[anna], strength.tie_class[bram]) == ("strong", "medium")
