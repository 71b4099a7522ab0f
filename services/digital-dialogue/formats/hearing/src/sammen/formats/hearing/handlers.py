"""What the hearing consumes: the hub's moderation decisions, access and erasure requests, and
ended staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sammen import privacy, staff_sessions
from sammen.formats.hearing import service
from sammen.pilot_formats.queues import moderation_queue

QUEUES = [
    moderation_queue("hearing", service.apply_moderation),
    *privacy.queues("hearing", service.erase_person, service.report_person),
    staff_sessions.queue("hearing"),
]
