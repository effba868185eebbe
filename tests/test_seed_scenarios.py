"""The seed articles' scenarios, end to end through the command line (issue 16, point 7).

One hand-built network whose right answers are obvious, entered the way a user enters it —
``tiewise me``, ``contact add``/``contact edit`` (closeness, sector, contexts), ``tiewise log``
for coffees and meetings, and a calendar (``import ics``) for the two recurring meetings whose
attendees thereby become linked — and then asked for advice with ``advise``, ``plan``,
``analyze`` and ``contacts`` (``--json``, ``--today 2026-11-01``):

- a **close circle of four** (Anna, Bram, Carla, Daan): rated 5 of 5, friends and family since
  2010, same sector and region as me, a monthly dinner of 2.5 hours with all four for a year —
  they all know each other (six links);
- **five weak ties into five different sectors** (healthcare, finance, education, logistics,
  energy), rated 2 of 5, two coffees each this year, logged one by one: no links among them or
  to anyone else — each a world of its own;
- **six dormant ties** rated 1 of 5, one meeting each on 2025-06-02 and nothing since;
- a **three-person committee** (Quinten, Roos, Sander), rated 1 of 5, that met weekly for six
  months (26 meetings of 90 minutes: 39 hours) — the three know each other.

The articles (``/work/shared/seeds``): seed 004 — set goals first; instrumental goals (clients)
need weaker ties with a diverse set of people who do not know each other, expressive goals (fun,
a sounding board) strong ties with like-minded people in interconnected groups; seed 000 —
investing in a few relationships that serve your goals yields more than many, and choosing
means letting go of what costs time. METHOD.md adds the sources (Granovetter 1973, Burt 1992,
Coleman 1988, Lin 2001, Levin, Walter & Murnighan 2011) and the rules the advice must obey.
"""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.clock import FrozenClock
from tiewise.cli import app

TODAY = "2026-11-01"
ME = "eva@studiowit.nl"
FRIENDS = ["Anna Smit", "Bram Kok", "Carla Mulder", "Daan Visser"]
BRIDGES = {
    "Hanna Bos": "healthcare",
    "Fleur Jansen": "finance",
    "Gijs de Boer": "education",
    "Iris Peters": "logistics",
    "Joris Dekker": "energy",
}
DORMANT = {
    "Kees Bakker": "retail",
    "Lotte Vos": "government",
    "Mark Hendriks": "media",
    "Nina Smits": "legal",
    "Otto Meijer": "construction",
    "Pien de Groot": "agriculture",
}
COMMITTEE = ["Quinten Brouwer", "Roos van Dijk", "Sander Bosman"]
CLOCKED = ("activity", "advice", "contacts", "decisions", "importing")
EXPRESSIVE_OFFER = ("fun (Fun)", "sociability (Sociability)", "sounding_board (A sounding board")

runner = CliRunner()


def run(db: Path, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", str(db), "--lang", "en", *args])
    assert result.exit_code == code, (args, result.output, result.exception)
    return result.output


def mail(name: str) -> str:
    return name.lower().replace(" ", ".") + "@example.nl"


def _event(uid: str, summary: str, start: str, minutes: int, rule: str, people: list[str]) -> str:
    hours, rest = divmod(minutes, 60)
    guests = [f"ATTENDEE;CN={p};PARTSTAT=ACCEPTED:mailto:{mail(p)}" for p in people]
    return "\r\n".join(
        [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"SUMMARY:{summary}",
            f"DTSTART:{start}",
            f"DURATION:PT{hours}H{rest}M",
            f"RRULE:{rule}",
            f"ORGANIZER;CN=Eva de Wit:mailto:{ME}",
            f"ATTENDEE;CN=Eva de Wit;PARTSTAT=ACCEPTED:mailto:{ME}",
            *guests,
            "END:VEVENT",
        ]
    )


def _calendar(path: Path) -> Path:
    """The committee (weekly from 2026-05-05, 26 times, 90 minutes) and the friends' dinner
    (monthly from 2025-11-15, 12 times, 2.5 hours), each with all its members present: the
    importer links every pair of people who met (docs/capture.md)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//tiewise tests//seed scenarios//EN",
        _event(
            "committee@seed", "Committee", "20260505T170000Z", 90, "FREQ=WEEKLY;COUNT=26", COMMITTEE
        ),
        _event("dinner@seed", "Dinner", "20251115T170000Z", 150, "FREQ=MONTHLY;COUNT=12", FRIENDS),
        "END:VCALENDAR",
    ]
    path.write_text("\r\n".join(lines) + "\r\n")
    return path


def _add(db: Path, name: str, sector: str, closeness: int, met_on: str, *contexts: str) -> None:
    """``contact add`` with an e-mail address (so the calendar finds the same person)."""
    options = [f"--context={context}" for context in contexts]
    run(
        db,
        "contact",
        "add",
        name,
        f"--email={mail(name)}",
        f"--sector={sector}",
        f"--closeness={closeness}",
        f"--met-on={met_on}",
        *options,
    )


def _build(db: Path) -> None:
    run(db, "me", "--name", "Eva de Wit", f"--email={ME}", "--sector=design", "--region=Nijmegen")
    for name in FRIENDS:
        _add(db, name, "design", 5, "2010-06-01", "friends", "family")
        run(db, "contact", "edit", name, "--region", "Nijmegen")
    for name, sector in BRIDGES.items():
        _add(db, name, sector, 3, "2026-03-01", "work")
        run(db, "contact", "edit", name, "--closeness", "2")  # rated again: 2 of 5
        for day in ("2026-04-20", "2026-09-14"):
            run(db, "log", name, "--kind", "coffee", "--on", day, "--minutes", "60")
    for name, sector in DORMANT.items():
        _add(db, name, sector, 1, "2019-01-01", "work")
        run(db, "log", name, "--kind", "meeting", "--on", "2025-06-02", "--minutes", "60")
    for name in COMMITTEE:
        _add(db, name, "nonprofit", 1, "2026-05-05", "committee")
    calendar = _calendar(db.parent / "calendar.ics")
    run(db, "import", "ics", str(calendar))  # what it added: see the first test


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The network above, built once through the CLI with the clock frozen (tests/clock.py);
    each test works on a copy. Erasure keys go to a folder of the test run, as conftest.py
    does per test (this fixture runs before the per-test one)."""
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TIEWISE_KEY_DIR", str(tmp_path_factory.mktemp("seed-keys")))
        mp.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        for module in CLOCKED:
            mp.setattr(f"tiewise.cli.{module}.datetime", FrozenClock)
        try:
            _build(db)
        finally:
            gc.unfreeze()
    return db


@pytest.fixture
def db(seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for module in CLOCKED:
        monkeypatch.setattr(f"tiewise.cli.{module}.datetime", FrozenClock)
    target = tmp_path / "seed.db"
    shutil.copy(seed_db, target)
    return target


def advise(db: Path, *args: str) -> dict:
    return json.loads(run(db, "advise", "--json", "--today", TODAY, *args))


def names(items: list[dict]) -> list[str]:
    return [item["name"] for item in items]


def figures(item: dict, code: str) -> dict:
    [reason] = [r for r in item["reasons"] if r["code"] == code]
    return reason["figures"]


def relevance(item: dict) -> float:
    return figures(item, "portfolio.serves")["relevance"]


def test_the_hand_built_network_is_what_the_scenarios_say(db: Path):
    """Before any advice: the ties are what they were built to be. Closeness 5 makes the four
    friends strong (Marsden & Campbell 1984: closeness is the best indicator); the bridges are
    weak, the six silent ties dormant (no contact for over a year), and the committee — 26
    meetings, but rated 1 — weak: frequency does not make a tie close. Two circles (the friends,
    the committee) and eleven contacts nobody else knows."""
    rows = {r["name"]: r for r in json.loads(run(db, "contacts", "--json", "--today", TODAY))}
    assert {rows[n]["tie_class"] for n in FRIENDS} == {"strong"}
    assert {rows[n]["tie_class"] for n in BRIDGES} == {"weak"}
    assert {rows[n]["tie_class"] for n in DORMANT} == {"dormant"}
    assert {rows[n]["tie_class"] for n in COMMITTEE} == {"weak"}
    assert {rows[n]["interaction_count"] for n in COMMITTEE} == {26}
    analysis = json.loads(run(db, "analyze", "--json", "--today", TODAY))
    assert analysis["size"] == 18 and analysis["links"] == 9
    assert sorted(c["size"] for c in analysis["clusters"]) == [3, 4]
    assert analysis["isolates"] == len(BRIDGES) + len(DORMANT)


def test_clients_without_target_focus_goes_to_the_five_non_redundant_bridges(db: Path):
    """Instrumental goal *clients*, no target. Seed 004: instrumental goals are served by weaker
    ties with a diverse set of people who do not know each other; Granovetter (1973): new
    information comes through bridging ties; Burt (1992): a contact none of my other contacts
    knows is a world of its own, the least redundant tie I have, while members of one closed
    group share one world's information. So the five weak ties in five sectors come first:
    each in focus (1 hour a month, weak), each worth more to the goal than any committee member
    (who knows the other two: half the value), and ranked ahead of them. When the hours are
    scarce — a budget of exactly their five hours — all of it goes to the five bridges, none to
    the committee. Levin, Walter & Murnighan (2011) make dormant ties worth reactivating, but
    METHOD.md: not in preference to active ties without a reason shown — so a silent tie is
    reactivated only with the hours the active ties that serve the goal leave over (never when
    the hours are scarce), each with how long it has been silent. The committee, one closed
    group, keeps a fifth of a weak tie's value (0.16) and serves the goal too little to get any
    hours. The goal fit counts the five bridges as bridging (not "0 bridging … look for
    brokers"), and the weekly plan asks me to contact them."""
    run(db, "goals", "add", "clients", "--priority", "5")
    portfolio = advise(db)
    focus = portfolio["focus"]
    assert set(names(focus[:5])) == set(BRIDGES)
    assert all(item["hours_per_month"] == 1.0 and relevance(item) == 0.8 for item in focus[:5])
    assert all(figures(item, "portfolio.tie")["klass"] == "weak" for item in focus[:5])
    invested = names([*focus, *portfolio["maintain"], *portfolio["reactivate"]])
    assert not set(COMMITTEE) & set(invested)
    assert set(names(portfolio["reactivate"])) <= set(DORMANT)
    assert all(figures(i, "portfolio.dormant")["days"] > 365 for i in portfolio["reactivate"])
    assert not set(DORMANT) & set(names([*focus, *portfolio["maintain"]]))

    scarce = advise(db, "--budget", "5")
    assert sorted(names(scarce["focus"])) == sorted(BRIDGES)
    assert scarce["hours_used"] == 5.0
    assert scarce["maintain"] == [] and scarce["reactivate"] == []

    [fit] = portfolio["goals"]
    bridging = next(c for c in fit["components"] if c["name"] == "bridging_ties")
    assert bridging["figures"]["bridging_ties"] == 5
    assert "5 bridging" in fit["summary"] and "0 bridging" not in fit["summary"]

    plan = json.loads(run(db, "plan", "--json", "--today", TODAY))
    due = {c["name"]: c["action"] for c in plan["contacts"]}
    assert all(due.get(name) == "focus" for name in BRIDGES)  # last coffee 48 days ago
    reactivated = set(names(portfolio["reactivate"]))
    assert {name for name in DORMANT if name in due} == reactivated  # only those with hours
    assert all(due[name] == "reactivate" for name in reactivated)


def test_clients_without_target_never_lets_the_close_circle_go(db: Path):
    """Seed 004: strong ties in an interconnected group serve expressive goals — attention for
    who you are, support, helpfulness — and "having fun with people is a fine goal too"; they
    serve those whether or not such a goal is named (METHOD.md: close ties serve expressive
    goals even when none is named). A clients goal is no reason to let them go: none of the four
    rated 5 of 5 appears under let go, however much the monthly dinners cost, and the advice
    counts them as close ties kept."""
    run(db, "goals", "add", "clients", "--priority", "5")
    portfolio = advise(db, "--limit", "0")
    assert not set(FRIENDS) & set(names(portfolio["let_go"]))
    assert portfolio["close_kept"] == 4 and portfolio["protected"] >= 4
    said = run(db, "advise", "--today", TODAY)
    assert "4 close ties (rated 4–5 or strong) are never advised to be let go" in said


def test_clients_without_target_the_costly_committee_gets_no_hours_and_is_let_go(db: Path):
    """Seed 000: choosing means letting go, and effective networking is staying home more often
    — letting go of what costs time and yields little. The committee costs 39 hours in 26
    meetings in six months; I rate each member 1 of 5; the three know each other, so for a
    clients goal they are one closed, redundant group (Burt 1992) that the articles would not
    have me invest in (seed 004: the people who serve instrumental goals do not know each
    other). Expected: no committee member in focus or maintain, and the committee named under
    let go with what it costs (39 hours, 26 meetings) and its closeness (1)."""
    run(db, "goals", "add", "clients", "--priority", "5")
    portfolio = advise(db, "--limit", "0")
    invested = names([*portfolio["focus"], *portfolio["maintain"]])
    assert not set(COMMITTEE) & set(invested)
    let_go = {item["name"]: item for item in portfolio["let_go"]}
    assert set(COMMITTEE) <= set(let_go)
    for name in COMMITTEE:
        assert figures(let_go[name], "portfolio.costs") == {"hours": 39.0, "meetings": 26}
        assert figures(let_go[name], "portfolio.closeness") == {"closeness": 1}


def test_clients_without_target_says_the_close_circle_serves_none_and_offers_expressive_goals(
    db: Path,
):
    """Seed 004: instrumental goals need weaker ties to people who do not know each other;
    strong ties to like-minded people who all know each other are what expressive goals need
    (Lin 2001: the strength of strong ties is for expressive action; Granovetter 1973: a closed
    circle of strong ties brings no new information). With only a clients goal, the close circle
    of four serves none of the named goals; the advice keeps them and says so, offering the
    expressive goals (seed 004: having fun with people is a fine goal too)."""
    run(db, "goals", "add", "clients", "--priority", "5")
    portfolio = advise(db)
    assert portfolio["close_unserved"] == 4 and not portfolio["expressive_named"]
    said = " ".join(run(db, "advise", "--today", TODAY).split())
    assert "4 close ties serve none of your named goals" in said
    assert all(goal in said for goal in EXPRESSIVE_OFFER)


def test_clients_in_the_bridges_sectors_lets_the_committee_go_and_keeps_the_friends(db: Path):
    """The same advice where the committee and the friends indeed serve no named goal: clients
    in the five sectors of the weak ties (healthcare, finance, education, logistics, energy).
    Seed 004 and Burt (1992): the five bridges get the focus, 1 hour each. Seed 000: the
    committee costs time — 39 hours in 26 meetings — and serves nothing I named, so each member
    is named under let go with that cost and the closeness 1 I gave. METHOD.md: the close
    circle is never let go for not serving an instrumental goal, although the dinners cost 30
    hours in 12 meetings and their value to the goal is 0; the advice says that these 4 close
    ties serve none of the named goals and offers the expressive goals."""
    run(
        db,
        "goals",
        "add",
        "clients",
        "--priority",
        "5",
        *(f"--target=sector={sector}" for sector in BRIDGES.values()),
    )
    portfolio = advise(db, "--limit", "0")
    assert sorted(names(portfolio["focus"])) == sorted(BRIDGES)
    assert portfolio["reactivate"] == [] and portfolio["hours_used"] == 5.0
    let_go = {item["name"]: item for item in portfolio["let_go"]}
    assert set(let_go) == set(COMMITTEE)
    for name in COMMITTEE:
        item = let_go[name]
        assert figures(item, "portfolio.low_value") == {"value": 0.0, "needed": 0.49}
        assert figures(item, "portfolio.costs") == {"hours": 39.0, "meetings": 26}
        assert figures(item, "portfolio.closeness") == {"closeness": 1}
        assert "costs you 39 hours in 26 meetings a year" in " ".join(
            r["text"] for r in item["reasons"]
        )
    assert portfolio["close_kept"] == 4 and portfolio["close_unserved"] == 4
    assert not portfolio["expressive_named"]
    for name in FRIENDS:  # as costly as the committee, and worth 0 to this goal: still kept
        dinners = json.loads(run(db, "interactions", name, "--json"))
        assert len(dinners) == 12 and sum(d["minutes"] for d in dinners) / 60 == 30.0
    said = " ".join(run(db, "advise", "--today", TODAY).split())
    assert "4 close ties serve none of your named goals" in said
    assert all(goal in said for goal in EXPRESSIVE_OFFER)


def test_without_a_goal_no_one_is_let_go_and_a_goal_is_asked_for(db: Path):
    """Seed 004: "set goals first, then build the network that fits them" — networking is a
    means to goals you name. Without a goal there is no basis for letting anyone go
    (METHOD.md), not even the committee that costs 39 hours: the let-go list is empty in the
    JSON, the terminal advice and the weekly plan, and the advice asks to name a goal first,
    listing the whole catalogue of the column's thirteen goals."""
    portfolio = advise(db, "--limit", "0")
    assert portfolio["let_go"] == [] and portfolio["needs_goal"]
    said = " ".join(run(db, "advise", "--today", TODAY).split())
    assert "Name a goal first with tiewise goals add KEY" in said
    for goal in (
        "clients (Finding clients)",
        "new_job (Finding a new job)",
        "staff (Finding new staff)",
        "fun (Fun)",
        "sociability (Sociability)",
        "sounding_board (A sounding board for ideas)",
        "keeping_up (Keeping up with your field)",
    ):
        assert goal in said
    assert "Let go" not in said and not any(name in said for name in COMMITTEE)
    plan = json.loads(run(db, "plan", "--json", "--today", TODAY))
    assert {c["action"] for c in plan["contacts"]} <= {"focus", "maintain", "reactivate"}


@pytest.mark.parametrize("goal", ["fun", "sounding_board"])
def test_an_expressive_goal_puts_the_close_circle_in_focus(db: Path, goal: str):
    """Expressive goal only (*fun*, or *a sounding board for ideas*). Seed 004: expressive goals
    are served by strong ties with like-minded people in interconnected groups, grown over a
    shared history; Coleman (1988): closure builds trust; Lin (2001): the strength of strong
    ties. So the close circle of four — rated 5, similar to me, all knowing each other — gets
    the focus, 2 hours a month each (the whole budget of 8), not the five weak bridges, whose
    value to the goal is a small fraction of theirs; the fit sees 4 strong ties with closure
    1.00. Seed 000: the committee costs 39 hours in 26 meetings and serves neither fun nor a
    sounding board (I rate them 1 of 5), so it is named under let go with that cost."""
    run(db, "goals", "add", goal, "--priority", "5")
    portfolio = advise(db, "--limit", "0")
    focus = portfolio["focus"]
    assert sorted(names(focus)) == sorted(FRIENDS)
    assert all(item["hours_per_month"] == 2.0 and relevance(item) >= 0.9 for item in focus)
    assert portfolio["hours_used"] == 8.0 and portfolio["reactivate"] == []
    assert not set(BRIDGES) & set(names([*focus, *portfolio["maintain"]]))
    assert set(names(portfolio["let_go"])) == set(COMMITTEE)
    for item in portfolio["let_go"]:
        assert figures(item, "portfolio.costs") == {"hours": 39.0, "meetings": 26}
        assert figures(item, "portfolio.closeness") == {"closeness": 1}
    assert portfolio["expressive_named"] and portfolio["close_unserved"] == 0
    [fit] = portfolio["goals"]
    components = {c["name"]: c for c in fit["components"]}
    assert components["strong_ties"]["figures"]["strong"] == 4
    assert components["closure"]["figures"]["density_within_circles"] == 1.0
    plan = json.loads(run(db, "plan", "--json", "--today", TODAY))
    due = {c["name"]: c["action"] for c in plan["contacts"]}
    assert not set(BRIDGES) & set(due)
