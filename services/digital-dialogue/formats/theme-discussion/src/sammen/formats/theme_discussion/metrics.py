"""The theme discussion's business metric: answers in (never anything about the person)."""

from prometheus_client import Counter

contributions_submitted = Counter(
    "sammen_theme_discussion_contributions_total", "Answers to theme discussions accepted"
)
