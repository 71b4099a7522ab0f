"""Intake's business metric: ideas in, by channel and theme (never anything about the person)."""

from prometheus_client import Counter

ideas_submitted = Counter(
    "sammen_ideas_submitted_total", "Ideas accepted by intake", ["channel", "theme"]
)
