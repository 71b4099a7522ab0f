"""What the hearing consumes: the hub's moderation decisions, access and erasure requests, and
ended staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sammen import staff_sessions
from sammen.contracts import (
    AccessRequested,
    ContributionModerated,
    ErasureRequested,
    subscribe,
)
from sammen.formats.hearing.service import apply_moderation, erase_person, report_person

SUBSCRIPTIONS = [
    subscribe("hearing.moderation", apply_moderation, ContributionModerated),
    subscribe("hearing.erasure", erase_person, ErasureRequested),
    subscribe("hearing.access", report_person, AccessRequested),
    staff_sessions.subscription("hearing"),
]
