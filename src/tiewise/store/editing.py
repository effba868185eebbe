"""Writing what a person edits by hand: removing identifiers from a contact, changing an event
series, and keeping a removed goal's outcomes so that the goal can be restored.

Like ``repository.py`` (whose growth this module spares) every function takes an open
``Connection`` and leaves the transaction to the caller; the write-side modules
(``tiewise.contactbook``, ``tiewise.serieslog``, ``tiewise.goallog``) call them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, and_, delete, or_, select, update

from tiewise import model
from tiewise.errors import NotFoundError
from tiewise.ingest.events_csv import occurrence_key
from tiewise.store import schema as s


def remove_identifiers(
    connection: Connection, contact_ids: Sequence[int], identifiers: Iterable[model.Identifier]
) -> int:
    """Remove these identifiers from the contact records ``contact_ids`` (a person and the
    records merged into them); returns how many rows went."""
    table = s.contact_identifier
    wanted = {(i.kind.value, i.value) for i in identifiers}
    if not wanted or not contact_ids:
        return 0
    result = connection.execute(
        delete(table).where(
            table.c.contact_id.in_(list(contact_ids)),
            or_(*(and_(table.c.kind == kind, table.c.value == value) for kind, value in wanted)),
        )
    )
    return result.rowcount


def update_series(connection: Connection, series: model.EventSeries) -> model.EventSeries:
    """Write the name, organiser, category and location of an existing series. A new name is
    also written on its occurrences, and the keys of the occurrences entered by hand or from a
    CSV of events (``event:<name>:<start>``) follow it, so that entering the same date again
    under the new name changes nothing. Returns the series as it was before."""
    table = s.event_series
    row = connection.execute(select(table).where(table.c.id == series.id)).first()
    if row is None:
        raise NotFoundError(
            f"no event series {series.id}", key="error.no_series_id", values={"id": str(series.id)}
        )
    connection.execute(
        update(table)
        .where(table.c.id == series.id)
        .values(
            name=series.name,
            organiser=series.organiser,
            category=series.category,
            location=series.location,
        )
    )
    if row.name != series.name:
        occurrences = s.event_occurrence
        for occurrence_id, starts_at, key in connection.execute(
            select(occurrences.c.id, occurrences.c.starts_at, occurrences.c.external_key).where(
                occurrences.c.series_id == series.id
            )
        ):
            values: dict[str, object] = {"name": series.name}
            if key == occurrence_key(row.name, starts_at):
                values["external_key"] = occurrence_key(series.name, starts_at)
            connection.execute(
                update(occurrences).where(occurrences.c.id == occurrence_id).values(values)
            )
    return model.EventSeries(
        name=row.name,
        organiser=row.organiser,
        category=row.category,
        location=row.location,
        id=row.id,
        evidence=row.evidence,
        review=model.SeriesReview(row.review) if row.review else None,
    )


def outcomes_serving(connection: Connection, goal_id: int) -> list[int]:
    """The ids of the outcomes recorded as serving goal ``goal_id``."""
    table = s.outcome
    query = select(table.c.id).where(table.c.goal_id == goal_id).order_by(table.c.id)
    return list(connection.scalars(query))


def serve_goal_again(connection: Connection, outcome_ids: Sequence[int], goal_id: int) -> int:
    """Link these outcomes to goal ``goal_id`` again — those still without a goal (an outcome
    given another goal since stays with it); returns how many."""
    if not outcome_ids:
        return 0
    table = s.outcome
    result = connection.execute(
        update(table)
        .where(table.c.id.in_(list(outcome_ids)), table.c.goal_id.is_(None))
        .values(goal_id=goal_id)
    )
    return result.rowcount
