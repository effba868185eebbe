"""The user's word on event series found in calendars: list them with the evidence that made an
import take them for networking events, and confirm or reject them (CLI ``tiewise events
series | confirm | reject`` and the events page share these functions).

A calendar import takes an entry for a networking event only on evidence (``ingest/ics.py``,
*Networking events*); the user has the last word. A **rejected** series stops being an event:
its occurrences leave the Snapshot, so event advice no longer counts or proposes them (the
meetings behind them stay meetings), and a re-import skips them. The rows stay, so confirming a
rejected series brings it back. A **confirmed** series is an event whatever the evidence: a
re-import also takes entries with its name that the evidence alone would leave out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from tiewise import model
from tiewise.errors import NotFoundError
from tiewise.i18n import plural, text
from tiewise.store import Store
from tiewise.store import repository as repo


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One series as the review lists it."""

    series: model.EventSeries
    occurrences: int

    @property
    def evidence(self) -> tuple[str, ...]:
        """The evidence codes (``title:borrel``, ``location``, ``guests:4``, ``category:X``,
        ``confirmed``); empty for a series entered by hand or imported before they were kept."""
        raw = self.series.evidence or ""
        return tuple(part.strip() for part in raw.split(";") if part.strip())

    def as_json(self) -> dict[str, object]:
        return {
            "series_id": self.series.id,
            "name": self.series.name,
            "organiser": self.series.organiser,
            "occurrences": self.occurrences,
            "evidence": list(self.evidence),
            "review": self.series.review.value if self.series.review else None,
        }


def series_rows(connection: Connection) -> list[SeriesRow]:
    """Every series (rejected ones too), by name."""
    counts = repo.occurrence_counts(connection)
    rows = [SeriesRow(x, counts.get(x.id or 0, 0)) for x in repo.load_series(connection)]
    return sorted(rows, key=lambda r: (r.series.name.casefold(), r.series.id or 0))


def find_series(connection: Connection, reference: str) -> model.EventSeries:
    """A series by its id or its exact name (case does not matter)."""
    wanted = reference.strip()
    known = repo.load_series(connection)
    found = [x for x in known if wanted.isdigit() and x.id == int(wanted)]
    found = found or [x for x in known if x.name.casefold() == wanted.casefold()]
    if len(found) != 1:
        raise NotFoundError(
            f"series: expected the id or name of an event series (tiewise events series), "
            f"found {reference!r}",
            field="series",
            key="series.not_found",
            values={"found": reference},
        )
    return found[0]


def review(store: Store, reference: str, verdict: model.SeriesReview) -> model.EventSeries:
    """Confirm or reject a series (one transaction); the series as it now stands."""
    with store.begin() as connection:
        series = find_series(connection, reference)
        repo.review_series(connection, series.id, verdict)  # type: ignore[arg-type]
    return model.EventSeries(
        name=series.name,
        organiser=series.organiser,
        category=series.category,
        location=series.location,
        id=series.id,
        evidence=series.evidence,
        review=verdict,
    )


def describe_evidence(codes: tuple[str, ...], language: str) -> str:
    """The evidence in words: "title names it (borrel); a place; 4 guests from outside your
    organisation"."""
    if not codes:
        return text("series.evidence.none", language)
    parts = []
    for code in codes:
        kind, _sep, value = code.partition(":")
        if kind == "title":
            parts.append(text("series.evidence.title", language, word=value))
        elif kind == "location":
            parts.append(text("series.evidence.location", language))
        elif kind == "guests":
            parts.append(plural("series.evidence.guests", value, language))
        elif kind == "category":
            parts.append(text("series.evidence.category", language, category=value))
        elif kind == "confirmed":
            parts.append(text("series.evidence.confirmed", language))
        else:
            parts.append(code)
    return "; ".join(parts)


def describe_review(series: model.EventSeries, language: str) -> str:
    return text(f"series.review.{series.review.value if series.review else 'none'}", language)


def review_message(series: model.EventSeries, language: str) -> str:
    """What to say after a review."""
    key = "series.confirmed" if series.review == model.SeriesReview.CONFIRMED else "series.rejected"
    return text(key, language, name=series.name)
