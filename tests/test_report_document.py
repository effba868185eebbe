"""``tiewise report --output``: the strategy report as Markdown, HTML and PDF."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import DEMO_TODAY
from tests.test_cli import run
from tiewise.analysis.profile import analyze
from tiewise.report.blocks import Bullets, Charts, Heading, Paragraph, TableBlock
from tiewise.report.document import DocumentConsole, to_markdown
from tiewise.report.pdf import column_widths, fitted
from tiewise.report.text import render_report
from tiewise.snapshot import load_snapshot
from tiewise.store import Store

TODAY = ["--today", DEMO_TODAY.isoformat()]


@pytest.fixture(scope="module")
def blocks(demo_db: Path) -> list:
    with Store.open(demo_db) as store:
        profile = analyze(load_snapshot(store), DEMO_TODAY)
    document = DocumentConsole()
    render_report(profile, "en", document, document.place_charts)  # type: ignore[arg-type]
    return document.blocks


def test_the_report_becomes_headings_tables_lists_and_a_place_for_charts(blocks: list):
    assert blocks[0] == Heading("tiewise — network report for Eva de Wit", 1)
    tables = {b.title: b for b in blocks if isinstance(b, TableBlock)}
    by_context = tables["Contacts by context and tie class"]
    assert by_context.headers[0] == "Context" and by_context.right[1:] == [True] * 5
    total = by_context.rows[-1]
    assert total[0] == "all contacts" and int(total[-1]) == sum(map(int, total[1:-1]))
    assert sum(isinstance(b, Charts) for b in blocks) == 1
    charts_at = next(k for k, b in enumerate(blocks) if isinstance(b, Charts))
    upcoming_at = next(
        k for k, b in enumerate(blocks) if getattr(b, "title", "").startswith("Upcoming events")
    )
    assert charts_at == upcoming_at + 1  # the charts follow the events part
    assert any(isinstance(b, Bullets) and len(b.items) > 1 for b in blocks)
    assert not any("[bold]" in str(b) for b in blocks)  # markup is gone


def test_markdown_escapes_pipes_and_html_and_aligns_numbers():
    table = TableBlock("T", ["Name", "n"], [False, True], [["a | b", "3"], ["<b>x</b>", "4"]])
    blocks = [Heading("R", 1), Paragraph('<img src="http://x/y.png"> & co'), table, Charts()]
    markdown = to_markdown(blocks, [("Yield", "my report-charts/event-yield.svg")])
    assert "| Name | n |\n|---|---:|\n| a \\| b | 3 |\n| &lt;b&gt;x&lt;/b&gt; | 4 |" in markdown
    assert '&lt;img src="http://x/y.png"&gt; &amp; co' in markdown and "<img" not in markdown
    assert "![Yield](my%20report-charts/event-yield.svg)" in markdown


def test_markdown_report_with_its_charts_beside_it(demo_copy: Path, tmp_path: Path):
    path = tmp_path / "out" / "report.md"
    run(demo_copy, "report", *TODAY, "--output", str(path))
    markdown = path.read_text(encoding="utf-8")
    assert markdown.startswith("# tiewise — network report for Eva de Wit\n")
    assert "## Contacts by context and tie class\n\n| Context | strong |" in markdown
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", markdown)
    assert images == ["report-charts/event-yield.svg", "report-charts/event-hours.svg"]
    assert all((path.parent / image).is_file() for image in images)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href")]


def test_html_report_is_one_page_with_inline_charts_and_nothing_fetched(
    demo_copy: Path, tmp_path: Path, blocks: list
):
    path = tmp_path / "report.html"
    run(demo_copy, "report", *TODAY, "-o", str(path), lang="nl")
    page = path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert page.startswith('<!doctype html>\n<html lang="nl">')
    assert parser.tags.count("table") == sum(isinstance(b, TableBlock) for b in blocks)
    assert parser.tags.count("svg") == 2 and parser.tags.count("figcaption") == 2
    assert parser.links == [] and "<script" not in page
    assert "<h1>tiewise — netwerkrapport voor Eva de Wit</h1>" in page


def test_pdf_report_holds_the_text_and_is_the_same_bytes_twice(demo_copy: Path, tmp_path: Path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    run(demo_copy, "report", *TODAY, "-o", str(first))
    run(demo_copy, "report", *TODAY, "-o", str(second))
    assert first.read_bytes()[:5] == b"%PDF-"
    assert first.read_bytes() == second.read_bytes()
    reader = PdfReader(first)
    assert reader.metadata.title == "tiewise — network report for Eva de Wit"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Contacts by context and tie class" in text
    assert "Zakenontbijt Gelderland" in text and "€" in text
    images = sum(len(page.images) for page in reader.pages)
    assert images == 2  # both event charts


def test_pdf_columns_fit_the_line_and_their_longest_word():
    table = TableBlock(
        "T",
        ["Name", "h/month", "Why"],
        [False, True, False],
        [["Mara Hulst (Ziekenhuis Rijnstate)", "1.50", "serves Finding clients " * 6]],
    )
    widths = column_widths(table, 500.0)
    assert sum(widths) == pytest.approx(500.0)
    assert widths[1] > 30  # "h/month" in bold at 7.5 pt, plus padding, is not broken


def test_an_unknown_report_format_or_an_unwritable_path_is_refused(demo_copy: Path, tmp_path: Path):
    output = run(demo_copy, "report", "-o", str(tmp_path / "r.docx"), code=2)
    assert "expected a file ending in .md, .html or .pdf" in output
    assert not (tmp_path / "r.docx").exists()
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir.pdf").mkdir()
    for path in (tmp_path / "afile" / "r.pdf", tmp_path / "adir.pdf"):
        output = run(demo_copy, "report", "-o", str(path), code=2)
        assert "--output: expected a file that can be written" in output


def test_a_chart_taller_than_the_page_is_scaled_to_fit_it():
    assert fitted(960, 2400, 490, 700) == pytest.approx((280, 700))  # 40 series: tall
    assert fitted(960, 380, 490, 700) == pytest.approx((490, 490 * 380 / 960))
    assert fitted(300, 200, 490, 700) == (300, 200)  # never enlarged


def test_names_with_brackets_print_as_they_are_in_every_form(demo_copy: Path, tmp_path: Path):
    with Store.open(demo_copy) as store, store.begin() as connection:
        connection.exec_driver_sql("UPDATE contact SET name = 'Bad [/] [bold]x' WHERE id = 1")
        connection.exec_driver_sql("UPDATE me SET name = 'Eva [/] [bold]de Wit'")
    assert "Bad [/] [bold]x" in run(demo_copy, "contact", "show", "1")
    terminal = run(demo_copy, "report", *TODAY)
    assert "tiewise — network report for Eva [/] [bold]de Wit" in terminal
    run(demo_copy, "report", *TODAY, "-o", str(tmp_path / "r.md"))
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert markdown.startswith("# tiewise — network report for Eva [/] [bold]de Wit\n")
