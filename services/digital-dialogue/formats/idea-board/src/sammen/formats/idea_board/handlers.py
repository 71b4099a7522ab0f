"""What the idea board consumes: routing's published cases and their changes, moderation, privacy."""

from __future__ import annotations

from sammen.bus.consumer import Subscription
from sammen.formats.idea_board.service import (
    apply_case_change,
    apply_moderation,
    apply_published,
    erase_person,
    report_person,
)

SUBSCRIPTIONS = [
    Subscription("idea_board.published", ("case.published",), apply_published),
    Subscription(
        "idea_board.case-status", ("case.status_changed", "case.assigned"), apply_case_change
    ),
    Subscription("idea_board.moderation", ("dialogue.contribution_moderated",), apply_moderation),
    Subscription("idea_board.erasure", ("person.erasure_requested",), erase_person),
    Subscription("idea_board.access", ("person.access_requested",), report_person),
]
