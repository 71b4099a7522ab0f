"""What the theme discussion consumes: the hub's moderation decisions, access and erasure
requests, and ended staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sammen import staff_sessions
from sammen.formats.theme_discussion import service
from sammen.pilot_formats.personal_data import privacy_queues
from sammen.pilot_formats.queues import moderation_queue

QUEUES = [
    moderation_queue("theme_discussion", service.apply_moderation),
    *privacy_queues("theme_discussion", service.HOLDINGS),
    staff_sessions.queue("theme_discussion"),
]
