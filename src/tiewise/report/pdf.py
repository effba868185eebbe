"""The strategy report as PDF (A4), typeset with ReportLab from the blocks of
``report/blocks.py``.

Text is set in DejaVu Sans, the font that ships with matplotlib, so that €, →, ≥ and Dutch
diacritics print and no font is fetched or needed from the system. Tables repeat their header
on each page; a column is at least as wide as its longest word and shares the rest of the line
in proportion to the length of its texts; numbers are right-aligned. The event charts are
embedded as PNG, scaled down to fit the page (a network with many event series has a tall
yield chart). The file is *invariant*: the same report gives the same bytes (no creation
date, a fixed document id).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tiewise.report.blocks import Block, Bullets, Charts, Heading, Paragraph, TableBlock

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
CELL_SIZE = 7.5
CELL_PADDING = 8.0  # left and right padding of a table cell, in points
CAPTION = 30.0  # room kept above a chart for its caption, in points


def _register_fonts() -> None:
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD)


def fitted(
    width: float, height: float, room_width: float, room_height: float
) -> tuple[float, float]:
    """The size of a ``width`` × ``height`` image scaled down (never up) to fit the room."""
    scale = min(1.0, room_width / width, room_height / height)
    return width * scale, height * scale


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=CELL_SIZE, leading=9.5, spaceAfter=0)
    header = ParagraphStyle("header", parent=cell, fontName=BOLD)
    heading = {"parent": body, "fontName": BOLD, "keepWithNext": 1}
    return {
        "body": body,
        "cell": cell,
        "number": ParagraphStyle("number", parent=cell, alignment=2),
        "header": header,
        "header_number": ParagraphStyle("header_number", parent=header, alignment=2),
        1: ParagraphStyle("h1", **heading, fontSize=16, leading=20, spaceAfter=8),
        2: ParagraphStyle("h2", **heading, fontSize=12, leading=15, spaceBefore=10),
        3: ParagraphStyle("h3", **heading, fontSize=10, leading=13, spaceBefore=6),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def column_widths(block: TableBlock, available: float) -> list[float]:
    """Each column at least as wide as its longest word (headers in bold); the rest of the
    line in proportion to the longest text of each column (counted up to 40 characters)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    columns = range(len(block.headers))
    least = [
        CELL_PADDING
        + max(
            [stringWidth(w, BOLD, CELL_SIZE) for w in block.headers[k].split()]
            + [stringWidth(w, FONT, CELL_SIZE) for row in block.rows for w in row[k].split()]
            + [0.0]
        )
        for k in columns
    ]
    lengths = [
        min(40, max([len(block.headers[k])] + [len(row[k]) for row in block.rows])) for k in columns
    ]
    spare = max(0.0, available - sum(least))
    total = sum(lengths) or 1
    widths = [least[k] + spare * lengths[k] / total for k in columns]
    scale = min(1.0, available / sum(widths))  # words too long for the line: shrink all
    return [w * scale for w in widths]


def _table(block: TableBlock, width: float, styles: dict[str, Any]) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import TableStyle
    from reportlab.platypus.tables import LongTable

    def cells(texts: list[str], plain: str, right: str) -> list[Any]:
        return [
            Para(_escape(text), styles[right if is_right else plain])
            for text, is_right in zip(texts, block.right, strict=True)
        ]

    rows = [cells(block.headers, "header", "header_number")]
    rows += [cells(row, "cell", "number") for row in block.rows]
    table = LongTable(rows, colWidths=column_widths(block, width), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#1d2430")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#d9dee7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    title = [Para(_escape(block.title), styles[2])] if block.title else []
    return [*title, table]


def write_pdf(
    blocks: list[Block],
    events: object,
    path: Path,
    language: str,
    captions: dict[str, str],
) -> Path:
    """Typeset ``blocks``, with the event charts of ``events`` where the report places them,
    into ``path``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, KeepTogether, ListFlowable, SimpleDocTemplate, Spacer
    from reportlab.platypus import Paragraph as Para

    from tiewise.report.charts import write_charts

    _register_fonts()
    styles = _styles()
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=next((b.text for b in blocks if isinstance(b, Heading)), "tiewise"),
        author="tiewise",
        lang=language,
        invariant=True,
    )
    width = document.width
    story: list[Any] = []
    with tempfile.TemporaryDirectory() as folder:
        for block in blocks:
            if isinstance(block, Heading):
                story.append(Para(_escape(block.text), styles[block.level]))
            elif isinstance(block, Paragraph):
                story.append(Para(_escape(block.text), styles["body"]))
            elif isinstance(block, Bullets):
                items = [Para(_escape(item), styles["body"]) for item in block.items]
                story.append(
                    ListFlowable(items, bulletType="bullet", bulletFontName=FONT, leftIndent=10)
                )
            elif isinstance(block, Charts):
                for png in write_charts(events, Path(folder), language, formats=("png",)):  # type: ignore[arg-type]
                    image = Image(str(png))
                    image.drawWidth, image.drawHeight = fitted(
                        image.imageWidth, image.imageHeight, width, document.height - CAPTION
                    )
                    caption = Para(_escape(captions[png.stem]), styles[3])
                    story += [KeepTogether([caption, image]), Spacer(1, 6)]
            else:
                story += [*_table(block, width, styles), Spacer(1, 4)]
        document.build(story)
    return path
