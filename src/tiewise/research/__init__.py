"""Research: ego-level measures for many egos, models of performance, survey instruments."""
