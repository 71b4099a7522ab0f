"""Calendar's business metrics (never anything about a person)."""

from prometheus_client import Counter

registrations = Counter(
    "sammen_calendar_registrations_total",
    "Sign-ups for events, by the place they got",
    ["status"],
)
feed_renders = Counter(
    "sammen_calendar_feed_requests_total",
    "iCalendar feed requests, by how they were answered",
    ["answer"],  # not_modified, cached, rendered
)
recurrence_instances = Counter(
    "sammen_calendar_recurrence_instances_total",
    "Starts computed while expanding recurring events (what the agenda, event pages, the API"
    " and the suggestions cost)",
)
