"""The report opens with the decisions, every count equals the rows it announces, and each
measure of the analysis says what it means with the reader's own value (issue 19)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY
from tests.test_cli import run
from tiewise.advice.events import events_report, upcoming_advice
from tiewise.advice.invitations import triage_invitations
from tiewise.advice.plan import weekly_plan
from tiewise.advice.portfolio import build_portfolio
from tiewise.analysis.profile import analyze
from tiewise.analysis.structure import EgoBurt
from tiewise.i18n import number
from tiewise.report import meaning
from tiewise.report.counts import counted
from tiewise.report.decisions import SHOWN, decision_sections
from tiewise.snapshot import load_snapshot
from tiewise.store import Store

TODAY = ["--today", DEMO_TODAY.isoformat()]
COUNTED = re.compile(
    r"^#{2,3} (?P<title>.+) \((?P<shown>\d+)(?: (?:of|van) (?P<total>\d+) (?:shown|getoond))?\)$"
)


@pytest.fixture(scope="module")
def profile(demo_db: Path):
    with Store.open(demo_db) as store:
        return analyze(load_snapshot(store), DEMO_TODAY)


def _report(db: Path, folder: Path, suffix: str, lang: str = "en") -> str:
    path = folder / f"report{suffix}"
    run(db, "report", *TODAY, "-o", str(path), lang=lang)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def markdown(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _report(demo_db, tmp_path_factory.mktemp("md"), ".md")


@pytest.fixture(scope="module")
def dutch(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _report(demo_db, tmp_path_factory.mktemp("nl"), ".md", lang="nl")


def counted_sections(markdown: str) -> list[tuple[str, int, int | None, int]]:
    """Every heading that announces a count: (title, shown, total or None, rows under it) —
    the rows are the list items, or the table rows, up to the next heading."""
    lines = markdown.splitlines()
    found = []
    for k, line in enumerate(lines):
        match = COUNTED.match(line)
        if not match:
            continue
        rows = 0
        table_rows = 0
        for following in lines[k + 1 :]:
            if following.startswith("#"):
                break
            rows += following.startswith("- ")
            table_rows += following.startswith("|")
        rows += max(0, table_rows - 2)  # the header and the alignment line
        total = int(match["total"]) if match["total"] else None
        found.append((match["title"], int(match["shown"]), total, rows))
    return found


def _sections(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("## ")]


def test_the_markdown_report_opens_with_the_decisions(markdown: str):
    assert _sections(markdown)[0] == "## Your decisions this week"
    first = markdown.split("## Your decisions this week")[1].split("\n## ")[0]
    subsections = re.findall(r"^### (.+)$", first, re.M)
    assert subsections[0].startswith("This week, 26 Oct 2026 to 1 Nov 2026: get in touch")
    for title in ("Focus: invest", "Let go", "Events to skip", "Invitations to ignore"):
        assert any(s.startswith(title) for s in subsections), title
    # each line: what to do, who, the figure and the rule's name
    let_go = re.search(
        r"^- Let go: (.+) — relevance ([\d.]+) .*\(rule: low relevance × ", first, re.M
    )
    assert let_go is not None
    assert re.search(r"^- Skip on \d\d? Nov 2026, \d\d:\d\d: .+ — .*€\d+ .*\(rule: ", first, re.M)
    assert re.search(r"^- Ignore: .+ — score 0\.\d\d of 1 \(rule: ", first, re.M)
    # the analysis follows under plain headings, after the decisions
    for heading in (
        "## Do your contacts know each other? (Burt's structural holes)",
        "## How many ties you keep up (Dunbar)",
        "## How varied your contacts are",
    ):
        assert heading in _sections(markdown)


def test_every_count_equals_the_rows_it_announces(markdown: str, dutch: str):
    for document in (markdown, dutch):
        sections = counted_sections(document)
        assert len(sections) >= 10  # the decisions, the lists and tables after them
        for title, shown, total, rows in sections:
            assert rows == shown, (title, shown, rows)
            assert total is None or total > shown, (title, shown, total)
    shown_of = {title: (shown, total) for title, shown, total, _ in counted_sections(markdown)}
    assert shown_of["Let go"][0] == SHOWN and shown_of["Let go"][1] > SHOWN


def test_the_counts_are_the_counts_of_the_full_lists(demo_db: Path, markdown: str):
    """The four findings: pending invitations as many as ``invitations`` lists, let go as many
    as ``advise --limit 0``, the ties due as many as the plan holds, introductions once."""
    sections = {title: (shown, total) for title, shown, total, _ in counted_sections(markdown)}
    invitations = json.loads(run(demo_db, "invitations", "--json", *TODAY))
    announced = sections["Invitations to accept or read first"][0]
    announced += sections["Invitations to ignore"][0]
    assert announced == len(invitations) == 12
    let_go = json.loads(run(demo_db, "advise", "--limit", "0", "--json", *TODAY))["let_go"]
    assert sections["Let go"] == (SHOWN, len(let_go))
    limited = json.loads(run(demo_db, "advise", "--json", *TODAY))
    assert limited["let_go_total"] == len(let_go)
    assert markdown.count("Introductions to make") == 1
    terminal = run(demo_db, "report", *TODAY)
    assert terminal.count("Introductions to make") == 1
    assert "Pending invitations" not in markdown


def test_the_plan_says_how_many_of_how_many_ties_are_due(demo_db: Path):
    plan = json.loads(run(demo_db, "plan", "--json", *TODAY))
    due = plan["due_total"]
    assert due >= 3
    everyone = run(demo_db, "plan", *TODAY)
    assert f"Ties due this week ({due})" in everyone and f"of {due}" not in everyone
    two = run(demo_db, "plan", "--limit", "2", *TODAY)
    assert f"Ties due this week (2 of {due} shown)" in two
    dutch = run(demo_db, "plan", "--limit", "2", *TODAY, lang="nl")
    assert f"(2 van {due} getoond)" in dutch


def test_the_html_report_opens_with_the_decisions(demo_db: Path, tmp_path: Path):
    page = _report(demo_db, tmp_path, ".html")
    assert re.findall(r"<h2>(.*?)</h2>", page)[0] == "Your decisions this week"
    body = page.split("<body>")[1]
    assert body.index("<h2>Your decisions this week</h2>") < body.index("<table")


def test_the_decisions_in_dutch(dutch: str):
    assert _sections(dutch)[0] == "## Je beslissingen deze week"
    first = dutch.split("## Je beslissingen deze week")[1].split("\n## ")[0]
    assert re.search(r"^### Loslaten \(10 van \d+ getoond\)$", first, re.M)
    assert re.search(r"^- Laat los: .+ — relevantie 0,\d\d voor je doelen .*\(regel: ", first, re.M)
    assert re.search(r"^- Negeer: .+ — score 0,\d\d van 1 \(regel: ", first, re.M)
    assert "### Mensen om aan elkaar voor te stellen" in first
    assert " uw " not in f" {first} " and "(rule:" not in first
    assert not re.search(r"(?<![\d.,])1 (dagen|bezoeken|contacten)\b", dutch)


def test_the_measures_say_what_they_mean_with_my_own_values(profile, markdown: str):
    burt, n = profile.structure.burt, profile.snapshot.size
    efficiency, constraint, hierarchy = meaning.brokerage(profile, "en")
    assert efficiency.startswith("Your contacts hardly know each other: you broker between")
    assert f"efficiency {number(burt.efficiency, 2, 'en')}" in efficiency
    assert f"{number(burt.effective_size, 1, 'en')} of your {n} contacts" in efficiency
    assert f"Constraint {number(burt.constraint, 3, 'en')}" in constraint
    assert f"with your {n} contacts it would be {number(1 / n, 3, 'en')}" in constraint
    assert f"Hierarchy {number(burt.hierarchy, 3, 'en')}" in hierarchy
    strong_medium = profile.structure.by_class["strong"] + profile.structure.by_class["medium"]
    (layers, beyond) = meaning.dunbar(profile, "en")
    assert f"Your {strong_medium} strong and medium ties" in layers
    assert f"That is {strong_medium - 150} more than the about 150" in beyond
    sector = next(d for d in profile.diversity if d.attribute == "sector")
    (sector_sentence,) = [s for s in meaning.diversity(profile, "en") if s.startswith("Sector")]
    assert f"differ in {round(100 * sector.blau)} of 100 cases" in sector_sentence
    assert f"{round(50 * (1 + sector.ei_me))}% are in another sector than you" in sector_sentence
    for sentence in (efficiency, constraint, layers, sector_sentence):
        assert sentence.replace("&", "&amp;") in markdown
    dutch = meaning.brokerage(profile, "nl")[1]
    assert f"Beperking {number(burt.constraint, 3, 'nl')}" in dutch and "je" in dutch.split()


def test_a_close_knit_network_reads_as_one(profile):
    """The words follow the figure (reading aids at efficiency 0.8 and 0.5)."""
    close = replace(profile, structure=replace(profile.structure, burt=EgoBurt(4.0, 0.4, 0.3, 0.1)))
    (sentence, constraint, _) = meaning.brokerage(close, "en")
    assert sentence.startswith("Many of your contacts know each other")
    assert "efficiency 0.40" in sentence and "Constraint 0.300" in constraint
    mixed = replace(profile, structure=replace(profile.structure, burt=EgoBurt(9.0, 0.6, 0.2, 0.1)))
    assert meaning.brokerage(mixed, "en")[0].startswith("Your network mixes close-knit circles")


def test_the_decisions_are_built_once_for_the_report_and_the_dashboard(profile):
    events = events_report(profile)
    portfolio = build_portfolio(profile, limit=25)
    plan = weekly_plan(profile, portfolio, [], [])
    upcoming = upcoming_advice(profile, events)
    sections = decision_sections(
        profile, portfolio, plan, events, upcoming, triage_invitations(profile), "en"
    )
    by_key = {s.key: s for s in sections}
    assert [s.key for s in sections][:1] == ["plan"]
    assert "introductions" not in by_key  # only when the caller passes them (all of them)
    let_go = by_key["let_go"]
    assert let_go.title == f"Let go ({SHOWN} of {portfolio.let_go_total} shown)"
    assert portfolio.let_go_total >= len(portfolio.let_go) > SHOWN
    assert all(line.rule and line.figure and line.who for line in let_go.lines)


def test_a_count_is_all_or_shown_of_total_and_never_more_than_there_are():
    assert counted("Focus", 5, 5, "en") == "Focus (5)"
    assert counted("Let go", 10, 25, "en") == "Let go (10 of 25 shown)"
    assert counted("Loslaten", 10, 25, "nl") == "Loslaten (10 van 25 getoond)"
    with pytest.raises(ValueError):
        counted("Let go", 11, 10, "en")
