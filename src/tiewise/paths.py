"""Where tiewise keeps its files by default — without importing the database layer, so that
commands that only print help start fast."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir


def default_database() -> Path:
    """The default database file in the user's data directory (platformdirs)."""
    return Path(user_data_dir("tiewise", appauthor=False)) / "tiewise.db"
