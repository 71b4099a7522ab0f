"""What the theme discussion consumes: the hub's moderation decisions, access and erasure
requests, and ended staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sammen import staff_sessions
from sammen.bus.consumer import Subscription
from sammen.formats.theme_discussion.service import apply_moderation, erase_person, report_person

SUBSCRIPTIONS = [
    Subscription(
        "theme_discussion.moderation", ("dialogue.contribution_moderated",), apply_moderation
    ),
    Subscription("theme_discussion.erasure", ("person.erasure_requested",), erase_person),
    Subscription("theme_discussion.access", ("person.access_requested",), report_person),
    staff_sessions.subscription("theme_discussion"),
]
