"""The blocks a report is made of, whatever it is written as: headings, paragraphs, lists,
tables and the place of the event charts. ``document.py`` collects them from what the report
prints and writes them as Markdown or HTML; ``pdf.py`` typesets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    text: str
    level: int


@dataclass
class Paragraph:
    text: str


@dataclass
class Bullets:
    items: list[str] = field(default_factory=list)


@dataclass
class Charts:
    """Where the event charts go (after the events part of the report)."""


@dataclass
class TableBlock:
    title: str
    headers: list[str]
    right: list[bool]  # right-aligned (numbers)
    rows: list[list[str]]


Block = Heading | Paragraph | Bullets | TableBlock | Charts
