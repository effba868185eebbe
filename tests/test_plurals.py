"""Counts say their noun in the right form ("1 person met", "every day", "1 dag geleden"): a
message whose number is followed by its noun is a plural one (``msgid_plural``), chosen by
``plural`` in code, ``p`` in a template and ``COUNTED_BY`` for an advice's reason."""

from __future__ import annotations

import ast
import re

import pytest

from tests.test_catalogues import SOURCE, entries
from tiewise.advice.reasons import COUNTED_BY, SAID_WITH_UNIT, Reason
from tiewise.i18n import plural

#: Placeholders that hold a count of something.
COUNTS = (
    "count|n|days|visits|people|contacts|times|outcomes|meetings|interactions|invitations|hours|"
    "years|links|messages|groups|clusters|kinds|endorsements|recommendations|met|received|sent|"
    "added|changed|skipped|merged|shown|total|isolates|layers|circles|ties|mutual|dormant|"
    "unclustered|left_out|weeks|months|events|suggestions|goals|chars|expected|fun|saved|"
    "attended|missed|strong|medium|weak|inbound|given|empty|new|ids"
)
#: A count followed by a word: its noun ("{count} contacts"), unless the word joins it to
#: something else ("{count} of your contacts", "{count} more").
COUNTED_NOUN = re.compile(
    r"\{(" + COUNTS + r")(?::[^}]*)?\}\s+(?!(?:of|van|in|en|and|or|op|on|more|each|into)\b)"
    r"[^\W\d_]{2,}",
    re.I,
)

#: Plain messages with a count before a word, each with why it needs no plural form.
ALLOWED = {
    "study.instruments.unverified": "the number of items of a fixed instrument, always many",
    "portfolio.never": "said only with 0 interactions",
    "portfolio.no_reciprocity": "no code says it",
    "invitation.no_relevance": "'{goals} named' has no noun to agree",
    "invitation.no_goals": "said only with 0 goals",
    "invitation.no_connection": "said only with 0 meetings and 0 mutual contacts",
    "invitation.isolated": "said only with 0 links",
    "invitation.sector_new": "said only with 0 other contacts",
    "ledger.even": "'{given} each way' / '{given} keer' read right for any number",
    "merge.done": "{merged} is a name",
    "unmerge.done": "{ids} is a list of ids",
    "count.shown": "'({shown} of {total} shown)' has no noun to agree",
    "reminder.anniversary": "said for 2 years or more; reminder.anniversary_one says one year",
    "decisions.skip": "a fixed window of 31 days",
    "decisions.no_skip": "a fixed window of 31 days",
    "decisions.action.focus": "'uur' is the same for one and more hours",
    "decisions.action.reactivate": "'uur' is the same for one and more hours",
    "decisions.figure.let_go_costly": "'uur' is the same for one and more hours",
    "meaning.classes": "four counts in one list ({strong} strong, … {dormant} dormant ties)",
    "meaning.efficiency_high": "{contacts} is said with its noun (plural unit.contacts)",
    "meaning.efficiency_mid": "{contacts} is said with its noun (plural unit.contacts)",
    "meaning.efficiency_low": "{contacts} is said with its noun (plural unit.contacts)",
    "meaning.constraint": "{contacts} is said with its noun (plural unit.contacts)",
    "sources.sync.correspondence": "'{sent} sent, {received} received' has no noun to agree",
    "error.several_contacts": "said for 2 or more ('several')",
    "error.several_invitations": "said for 2 or more ('several')",
    "error.several_series": "said for 2 or more ('several')",
    "error.several_occurrences": "said for 2 or more ('several')",
    "error.too_many_dates": "a fixed limit of many dates",
}


def test_a_count_followed_by_its_noun_is_a_plural_message():
    english, dutch = entries("tiewise", "en"), entries("tiewise", "nl")
    found = set()
    for said in (english, dutch):
        for key, forms in said.items():
            if len(forms) == 1 and COUNTED_NOUN.search(forms[0]):
                found.add(key)
    unexplained = sorted(found - set(ALLOWED))
    assert not unexplained, "plain messages with a counted noun: " + ", ".join(unexplained)
    assert not set(ALLOWED) - set(english), "an allowed message is gone: drop it from ALLOWED"


def test_every_reason_with_a_plural_message_is_counted_and_every_counted_one_is_plural():
    english = entries("tiewise", "en")
    assert all(len(english[key]) == 2 for key in COUNTED_BY), "COUNTED_BY names a plain message"
    wrong = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Reason"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                key = node.args[0].value
                if len(english.get(key, ())) == 2 and key not in COUNTED_BY:
                    wrong.append(f"{path.relative_to(SOURCE)}:{node.lineno} {key}")
    assert not wrong, "\n".join(wrong)


def test_the_templates_say_plural_messages_with_p_and_plain_ones_with_t():
    english = entries("tiewise", "en")
    wrong = []
    for path in (SOURCE / "web" / "templates").rglob("*.html"):
        for kind, key in re.findall(r"\b([tp])\(\"([a-z_.]+)\"", path.read_text("utf-8")):
            forms = english.get(key)
            if forms is not None and (len(forms) == 2) != (kind == "p"):
                wrong.append(f"{path.name}: {kind}({key!r})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("key", "count", "values", "english", "dutch"),
    [
        (
            "events.logged",
            1,
            {"series": "X", "day": "d", "status": "s", "first": 1, "met": 1},
            "1 person met",
            "1 persoon gesproken",
        ),
        (
            "events.logged",
            2,
            {"series": "X", "day": "d", "status": "s", "first": 1, "met": 2},
            "2 people met",
            "2 mensen gesproken",
        ),
        ("bulk.plan", 1, {"changed": 1}, "1 contact matches", "1 contact past"),
        ("bulk.plan", 3, {"changed": 1}, "3 contacts match", "3 contacten passen"),
        ("contact.cadence", 1, {"days": 1}, "keep in touch every day", "elke dag contact"),
        ("contact.cadence", 7, {"days": 7}, "every 7 days", "om de 7 dagen"),
        ("rate.done", 1, {}, "1 tie rated", "1 band beoordeeld"),
        ("report.size", 1, {}, "1 contact (", "1 contact ("),
        ("show.interactions", 1, {"last": "x"}, "1 interaction,", "1 contactmoment,"),
        ("start.import_done", 1, {}, "1 contact.", "1 contact."),
    ],
)
def test_a_count_of_one_takes_the_singular(key, count, values, english, dutch):
    assert english in plural(key, count, "en", **values)
    assert dutch in plural(key, count, "nl", **values)


@pytest.mark.parametrize(
    ("reason", "english", "dutch"),
    [
        (
            Reason("ledger.last_given", {"date": "2026-11-02", "days": 1}),
            "(1 day ago)",
            "(1 dag geleden)",
        ),
        (Reason("plan.reactivate", {"days": 1}), "silent for 1 day:", "1 dag stil"),
        (
            Reason("plan.due", {"days": 1, "cadence": 1}),
            "1 day ago; cadence: every day",
            "1 dag geleden; ritme: elke dag",
        ),
        (
            Reason("plan.due", {"days": 40, "cadence": 30}),
            "40 days ago; cadence: every 30 days",
            "40 dagen geleden; ritme: elke 30 dagen",
        ),
        (
            Reason("events.few_visits", {"visits": 1, "threshold": 50, "high": 90}),
            "only 1 visit:",
            "pas 1 bezoek:",
        ),
        (Reason("events.uncredited", {"count": 1}), "1 outcome recorded", "1 opbrengst"),
        (
            Reason("events.cell.no_outcome", {"visits": 1}),
            "1 visit, no outcome yet",
            "1 bezoek, nog geen opbrengst",
        ),
        (
            Reason("events.yield_none", {"visits": 1, "hours": 2.5, "high": 80}),
            "1 visit (2.5 hours)",
            "1 bezoek (2,5 uur)",
        ),
        (Reason("events.fun", {"enjoyment": 4.2, "fun": 1}), "fun 1 time)", "1 keer plezier"),
        (
            Reason("invitation.rule.stranger", {"mutual": 1}),
            "(1 shared contact known)",
            "(1 gedeeld contact bekend)",
        ),
        (Reason("portfolio.dormant", {"days": 400}), "dormant for 400 days", "400 dagen"),
    ],
)
def test_reasons_say_their_counts_in_the_right_form(reason, english, dutch):
    assert english in reason.render("en")
    assert dutch in reason.render("nl")
    assert reason.to_json("en")["figures"] == reason.figures  # JSON keeps the numbers


def test_the_units_said_in_words_are_plural_messages():
    english = entries("tiewise", "en")
    units = {unit for said in SAID_WITH_UNIT.values() for unit in said.values()}
    assert units and all(len(english[unit]) == 2 for unit in units)
