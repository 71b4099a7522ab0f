"""What the realisation consumes: the calendar's meetings, access and erasure requests, and ended
staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sammen import staff_sessions
from sammen.bus.consumer import Subscription
from sammen.formats.realisation.meetings import record_meeting
from sammen.formats.realisation.personal_data import erase_person, report_person

CALENDAR_EVENTS = (
    "calendar.event_published",
    "calendar.event_changed",
    "calendar.event_cancelled",
)

SUBSCRIPTIONS = [
    Subscription("realisation.meetings", CALENDAR_EVENTS, record_meeting),
    Subscription("realisation.erasure", ("person.erasure_requested",), erase_person),
    Subscription("realisation.access", ("person.access_requested",), report_person),
    staff_sessions.subscription("realisation"),
]
