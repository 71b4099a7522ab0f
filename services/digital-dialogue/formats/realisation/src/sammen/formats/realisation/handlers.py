"""What the realisation consumes: the calendar's meetings, access and erasure requests, and ended
staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import Queue
from sammen.contracts import (
    AccessRequested,
    ErasureRequested,
    EventCancelled,
    EventChanged,
    EventPublished,
)
from sammen.formats.realisation import meetings, personal_data


def on_calendar_event_published(session: Session, event: EventPublished) -> None:
    meetings.record_meeting(session, event)


def on_calendar_event_changed(session: Session, event: EventChanged) -> None:
    meetings.record_meeting(session, event)


def on_calendar_event_cancelled(session: Session, event: EventCancelled) -> None:
    meetings.forget_meeting(session, event)


def on_person_erasure_requested(session: Session, event: ErasureRequested) -> None:
    personal_data.erase_person(session, event)


def on_person_access_requested(session: Session, event: AccessRequested) -> None:
    personal_data.report_person(session, event)


QUEUES = [
    Queue(
        "realisation.meetings",
        {
            EventPublished.TYPE: on_calendar_event_published,
            EventChanged.TYPE: on_calendar_event_changed,
            EventCancelled.TYPE: on_calendar_event_cancelled,
        },
    ),
    Queue("realisation.erasure", {ErasureRequested.TYPE: on_person_erasure_requested}),
    Queue("realisation.access", {AccessRequested.TYPE: on_person_access_requested}),
    staff_sessions.queue("realisation"),
]
