"""Advice: actions derived from the analysis, each carrying the figures that drove it."""
