"""Advice: numbers from ``analysis/`` turned into actions, each carrying the reasons (with the
figures) that drove it. Pure functions of a Profile (a Snapshot analysed as of a date)."""
