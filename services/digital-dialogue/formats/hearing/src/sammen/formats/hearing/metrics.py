"""The hearing's business metric: answers in (never anything about the person)."""

from prometheus_client import Counter

responses_submitted = Counter(
    "sammen_hearing_responses_total", "Answers to hearings accepted", ["scope"]
)
