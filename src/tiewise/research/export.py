"""``tiewise export --anonymous``: my ego network in the study's long format, without anything
that names anyone.

What leaves: for me, sector and region; for each contact (merged records as one), sector,
region, role, an organisation *code* (the same code for the same organisation, not its name),
the tie class, strength (0–1) and self-rated closeness; which contacts know each other. What
does not: names, e-mail addresses, phone numbers, profile URLs, notes, stories, messages, event
names, or any other free text.

Ids are random but stable: an HMAC-SHA-256 of the contact's id (or the organisation's name) with
a random secret kept in this database (setting ``export.secret``), cut to 12 hex digits. The same
database exports the same ids every time, so a researcher can join two waves; without the
secret the ids cannot be traced back.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
from datetime import date
from pathlib import Path

import numpy as np

from tiewise.analysis.profile import analyze
from tiewise.snapshot import load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo

SECRET_SETTING = "export.secret"


def _secret(store: Store) -> bytes:
    with store.begin() as connection:
        return repo.secret(connection, SECRET_SETTING)


def _code(secret: bytes, text: str) -> str:
    return hmac.new(secret, text.encode(), hashlib.sha256).hexdigest()[:12]


def export_anonymous(store: Store, folder: Path, today: date | None = None) -> list[Path]:
    """Write ``egos.csv``, ``alters.csv`` and ``alter_ties.csv`` into ``folder``."""
    secret = _secret(store)
    profile = analyze(load_snapshot(store), today or date.today())
    snapshot, strength = profile.snapshot, profile.strength
    me = _code(secret, "me")
    alter = [_code(secret, f"contact:{int(i)}") for i in snapshot.contact_ids]
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "egos.csv", folder / "alters.csv", folder / "alter_ties.csv"]
    with paths[0].open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["ego_id", "sector", "region"])
        writer.writerow([me, snapshot.me.sector or "", snapshot.me.region or ""])
    with paths[1].open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "ego_id",
                "alter_id",
                "sector",
                "region",
                "role",
                "organisation",
                "tie_class",
                "strength",
                "closeness",
            ]
        )
        for i, contact in enumerate(snapshot.contacts):
            closeness = snapshot.closeness[i]
            writer.writerow(
                [
                    me,
                    alter[i],
                    contact.sector or "",
                    contact.region or "",
                    contact.role or "",
                    _code(secret, f"organisation:{contact.organisation.casefold()}")
                    if contact.organisation
                    else "",
                    strength.tie_class[i],
                    f"{float(strength.score[i]):.4f}",
                    "" if np.isnan(closeness) else int(closeness),
                ]
            )
    links = snapshot.links.tocoo()
    upper = links.row < links.col
    with paths[2].open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["ego_id", "source", "target"])
        for a, b in zip(links.row[upper], links.col[upper], strict=True):
            writer.writerow([me, alter[a], alter[b]])
    return paths
