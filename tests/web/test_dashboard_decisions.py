"""The dashboard opens with the decisions the report opens with (issue 19), and its counts
equal the lines under them."""

from __future__ import annotations

import re
from pathlib import Path

from .test_app import client_for

SECTION = re.compile(r'<div data-section="(\w+)">\s*<h3>(.*?)</h3>(.*?)</div>', re.S)
COUNT = re.compile(r"\((\d+)(?: (?:of|van) (\d+) (?:shown|getoond))?\)$")


def _main(html: str) -> str:
    return html[html.index("<h1>") :]


def test_the_dashboard_opens_with_the_decisions(demo_copy: Path):
    main = _main(client_for(demo_copy).get("/?lang=en").text)
    after_title = main[main.index("</h1>") :]
    first = re.search(r"<(section|h2)\b[^>]*>", after_title)
    assert 'data-testid="decisions"' in first.group(0)
    assert after_title.index("Your decisions this week") < after_title.index("Goal fit")
    sections = {key: (title, body) for key, title, body in SECTION.findall(main)}
    assert list(sections)[:1] == ["plan"]
    assert {"plan", "focus", "let_go", "skip", "ignore"} <= set(sections)
    for key, (title, body) in sections.items():
        count = COUNT.search(title)
        lines = body.count("<li>")
        if count is None:  # a section with nothing to list says so instead
            assert lines == 0 and "<p>" in body, key
        else:
            assert lines == int(count.group(1)), (key, title, lines)
    assert re.search(r"Let go \(10 of \d+ shown\)", sections["let_go"][0])
    let_go = sections["let_go"][1]
    assert re.search(r'Let go: <a href="/contacts/\d+">[^<]+</a> — relevance 0\.\d\d', let_go)
    assert "(rule: low relevance × cost)" in let_go
    # the plan keeps its Done buttons
    plan = main.split('<ul class="plan">')[1].split("</ul>")[0]
    assert plan.count('action="/plan/done"') == plan.count("<li>") > 0


def test_the_dashboard_decisions_in_dutch(demo_copy: Path):
    main = _main(client_for(demo_copy).get("/?lang=nl").text)
    assert '<h2 id="decisions-heading">Je beslissingen deze week</h2>' in main
    assert re.search(r"<h3>Loslaten \(10 van \d+ getoond\)</h3>", main)
    assert "(regel: " in main and "(rule: " not in main
