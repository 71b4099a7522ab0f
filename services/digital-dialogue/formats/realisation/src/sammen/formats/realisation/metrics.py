"""The realisation's business metrics: updates, questions and their deadlines (never a person)."""

from prometheus_client import Counter, Gauge

updates_published = Counter(
    "sammen_realisation_updates_total", "Updates published on recommendations"
)
questions_asked = Counter("sammen_realisation_questions_total", "Questions asked to owners")
question_breaches = Counter(
    "sammen_realisation_question_breaches_total",
    "Questions whose answer passed its 5-working-day deadline",
)
questions_open = Gauge(
    "sammen_realisation_questions_open",
    "Unanswered questions by deadline state",
    ["state"],
    multiprocess_mode="livemax",
)
