"""tiewise — goal-driven, selective networking.

Pipeline: ingest → store → Snapshot → analysis → advice → cli / web / report (docs/architecture.md).
"""

__version__ = "0.1.0"
