"""The strategy report as a document — Markdown, HTML or PDF — from the same code that prints it
on the terminal.

The report modules print to a Rich ``Console`` (with markup off: names may hold brackets):
strings, ``Text`` and ``Table`` objects. :class:`DocumentConsole` stands in for that console
and keeps what is printed as blocks:

- the first line is the title; a ``Text`` that is bold and underlined as a whole, a section
  heading (level 2, as a table's title); one that is bold, a heading within a section;
- lines that start with ``•`` are list items; other lines paragraphs;
- a ``Table`` keeps its title, column headers, alignment and cells;
- the event charts go where the report places them (after the events): as SVG files beside a
  Markdown file, inline SVG in HTML, PNG in PDF.

:func:`to_markdown` and :func:`to_html` write those blocks (``report/blocks.py``);
``report/pdf.py`` typesets them.
The HTML is one self-contained page (no scripts, no web fonts, nothing fetched) that prints
well.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from rich.table import Table
from rich.text import Text

from tiewise.report.blocks import Block, Bullets, Charts, Heading, Paragraph, TableBlock

BULLET = "• "


def _plain(renderable: object) -> str:
    return renderable.plain if isinstance(renderable, Text) else str(renderable)


class DocumentConsole:
    """Takes ``print`` calls as a Rich console would, and keeps them as :data:`Block` s."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def print(self, *objects: object, **_options: object) -> None:
        for item in objects:
            if isinstance(item, Table):
                self._table(item)
            else:
                self._line(item)

    def place_charts(self, _events: object = None) -> None:
        """The ``after_events`` of ``render_report``: the charts go here."""
        self.blocks.append(Charts())

    def _line(self, item: object) -> None:
        plain = _plain(item).strip()
        if not plain:
            return
        if not self.blocks:
            self.blocks.append(Heading(plain, 1))
        elif isinstance(item, Text) and str(item.style) == "bold underline":
            self.blocks.append(Heading(plain, 2))
        elif isinstance(item, Text) and str(item.style) == "bold":
            self.blocks.append(Heading(plain, 3))
        elif plain.startswith(BULLET.strip()):
            entry = plain.removeprefix(BULLET.strip()).strip()
            if isinstance(self.blocks[-1], Bullets):
                self.blocks[-1].items.append(entry)
            else:
                self.blocks.append(Bullets([entry]))
        else:
            self.blocks.append(Paragraph(plain))

    def _table(self, table: Table) -> None:
        columns = table.columns
        rows = [list(cells) for cells in zip(*(column.cells for column in columns), strict=True)]
        self.blocks.append(
            TableBlock(
                title=_plain(table.title or ""),
                headers=[_plain(column.header) for column in columns],
                right=[column.justify == "right" for column in columns],
                rows=[[_plain(cell) for cell in row] for row in rows],
            )
        )


def _md(text: str) -> str:
    """Text safe in Markdown: ``&``, ``<`` and ``>`` as entities, so that a name such as
    ``<img src=…>`` from an imported file is shown, never run or fetched by a viewer."""
    return html.escape(text, quote=False)


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: list[Block], charts: list[tuple[str, str]] = ()) -> str:  # type: ignore[assignment]
    """Markdown (GitHub flavour); ``charts`` are (caption, relative path of the image)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + _md(block.text), ""]
        elif isinstance(block, Paragraph):
            lines += [_md(block.text), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_md(item)}" for item in block.items] + [""]
        elif isinstance(block, Charts):
            for caption, path in charts:
                lines += [f"![{_md(caption)}]({quote(path)})", ""]
        else:
            if block.title:
                lines += [f"## {_md(block.title)}", ""]
            lines.append("| " + " | ".join(_cell(h) for h in block.headers) + " |")
            lines.append("|" + "|".join("---:" if r else "---" for r in block.right) + "|")
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            lines.append("")
    return "\n".join(lines)


_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1d2430; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #d9dee7; padding: 3px 8px; text-align: left;
         vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table { overflow-x: auto; }
figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               tr, figure { break-inside: avoid; } }
"""


def to_html(blocks: list[Block], language: str, charts: list[tuple[str, str]] = ()) -> str:  # type: ignore[assignment]
    """One self-contained HTML page; ``charts`` are (caption, SVG text)."""
    e = html.escape
    title = next((b.text for b in blocks if isinstance(b, Heading)), "tiewise")
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{e(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{e(block.text)}</p>")
        elif isinstance(block, Bullets):
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Charts):
            for caption, svg in charts:
                start = svg.find("<svg")
                body.append(
                    f'<figure role="img" aria-label="{e(caption)}">{svg[start:]}'
                    f"<figcaption>{e(caption)}</figcaption></figure>"
                )
        else:
            if block.title:
                body.append(f"<h2>{e(block.title)}</h2>")
            align = [' class="num"' if r else "" for r in block.right]
            head = "".join(
                f'<th scope="col"{a}>{e(h)}</th>' for h, a in zip(block.headers, align, strict=True)
            )
            rows = "".join(
                "<tr>"
                + "".join(f"<td{a}>{e(c)}</td>" for c, a in zip(row, align, strict=True))
                + "</tr>"
                for row in block.rows
            )
            body.append(
                f'<div class="table"><table><thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table></div>"
            )
    return (
        f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{_STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def chart_captions(language: str) -> dict[str, str]:
    """The caption of each event chart by its file stem."""
    from tiewise.i18n import text

    return {
        "event-yield": text("chart.caption_yield", language),
        "event-hours": text("chart.caption_hours", language),
    }


def write_document(blocks: list[Block], events: object, path: Path, language: str) -> Path:
    """Write the report to ``path`` as Markdown (``.md``), HTML (``.html``) or PDF (``.pdf``),
    with the event charts of ``events`` (an ``EventsReport``)."""
    from tiewise.report.charts import chart_svgs, write_charts

    captions = chart_captions(language)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".md":
        folder = path.with_name(f"{path.stem}-charts")
        written = write_charts(events, folder, language, formats=("svg",))  # type: ignore[arg-type]
        charts = [(captions[p.stem], f"{folder.name}/{p.name}") for p in written]
        path.write_text(to_markdown(blocks, charts), encoding="utf-8")
    elif suffix in (".html", ".htm"):
        svgs = chart_svgs(events, language)  # type: ignore[arg-type]
        charts = [(captions[stem], svg) for stem, svg in svgs.items()]
        path.write_text(to_html(blocks, language, charts), encoding="utf-8")
    else:  # .pdf; the caller checked the suffix
        from tiewise.report.pdf import write_pdf

        write_pdf(blocks, events, path, language, captions)
    return path
