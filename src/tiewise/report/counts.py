"""The one rule for a count in a heading: it equals the rows listed under it, or it says how many
of how many are shown.

"Let go (25)" above ten rows told the reader there were 25 and showed ten, with no word that
15 were left out. Every heading that announces a count goes through :func:`counted`, in the
report, the terminal lists and the dashboard alike.
"""

from __future__ import annotations

from tiewise.i18n import text


def counted(title: str, shown: int, total: int, language: str) -> str:
    """``title`` with its count: "Focus (5)" when all ``total`` rows are shown, else "Let go (10
    of 25 shown)" ("10 van 25 getoond" in Dutch). Showing more rows than there are is a bug in
    the caller, so it is refused rather than printed."""
    if shown > total or shown < 0:
        raise ValueError(f"{title!r}: {shown} rows shown of {total}")
    if shown == total:
        return text("count.all", language, title=title, count=total)
    return text("count.shown", language, title=title, shown=shown, total=total)
