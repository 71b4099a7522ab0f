"""What the realisation consumes: the calendar's meetings, access and erasure requests, and ended
staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import Queue
from sammen.contracts import EventCancelled, EventChanged, EventPublished
from sammen.formats.realisation import meetings, personal_data
from sammen.pilot_formats.personal_data import privacy_queues


def on_calendar_event_published(session: Session, event: EventPublished) -> None:
    meetings.record_meeting(session, event)


def on_calendar_event_changed(session: Session, event: EventChanged) -> None:
    meetings.record_meeting(session, event)


def on_calendar_event_cancelled(session: Session, event: EventCancelled) -> None:
    meetings.forget_meeting(session, event)


QUEUES = [
    Queue(
        "realisation.meetings",
        {
            EventPublished.TYPE: on_calendar_event_published,
            EventChanged.TYPE: on_calendar_event_changed,
            EventCancelled.TYPE: on_calendar_event_cancelled,
        },
    ),
    *privacy_queues("realisation", personal_data.HOLDINGS),
    staff_sessions.queue("realisation"),
]
