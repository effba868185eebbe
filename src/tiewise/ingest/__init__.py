"""Capture: parsers for real export formats, and the writer that resolves identities."""
