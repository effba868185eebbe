"""Numbers about a network: pure functions of a Snapshot (and ``today`` where time matters)."""
