"""What intake consumes: routing's case events (the public status), and privacy requests."""

from __future__ import annotations

from sammen.bus.consumer import Subscription
from sammen.intake.service import apply_case_event, erase_person, report_person

SUBSCRIPTIONS = [
    Subscription(
        "intake.case-status",
        ("case.assigned", "case.status_changed", "case.published"),
        apply_case_event,
    ),
    Subscription("intake.erasure", ("person.erasure_requested",), erase_person),
    Subscription("intake.access", ("person.access_requested",), report_person),
]
