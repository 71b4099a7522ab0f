"""What notify consumes: every event someone must hear about, mails other services word
themselves, privacy requests, and ended staff sessions (its staff pages and API accept staff
tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import EventHandler, Queue
from sammen.bus import Event
from sammen.config import Settings
from sammen.notify import requested, service
from sammen.notify.settings import notify_config


def on_event_to_mail(session: Session, event: Event, settings: Settings) -> None:
    """An idea's, a case's, the calendar's or the idea board's event: the mails it causes."""
    service.handle_event(session, event, settings)


def on_notification_requested(session: Session, event: Event, settings: Settings) -> None:
    """A mail another service worded itself; notify only delivers it."""
    service.create_requested_message(session, settings, event)


def on_person_erasure_requested(session: Session, event: Event, settings: Settings) -> None:
    service.erase_person(session, event, settings)


def on_person_access_requested(session: Session, event: Event, settings: Settings) -> None:
    service.report_person(session, event, settings)


def _mails(*event_types: str) -> dict[str, EventHandler]:
    return dict.fromkeys(event_types, on_event_to_mail)


DEPENDENCIES = {"config": notify_config}

QUEUES = [
    # One queue for an idea and its case, so the initiator's contact (from idea.submitted)
    # is stored before the case's first mail to them is handled: a queue keeps its order.
    Queue(
        "notify.ideas",
        _mails(
            "idea.submitted",
            "case.assigned",
            "case.status_changed",
            "case.handed_over",
            "case.sla_at_risk",
            "case.sla_breached",
        ),
    ),
    Queue(
        "notify.calendar",
        _mails(
            "calendar.event_changed",
            "calendar.event_cancelled",
            "calendar.registration_created",
            "calendar.registration_promoted",
        ),
    ),
    Queue("notify.dialogue", _mails("dialogue.idea_joined")),
    Queue("notify.requests", {requested.EVENT_TYPE: on_notification_requested}),
    Queue("notify.erasure", {"person.erasure_requested": on_person_erasure_requested}),
    Queue("notify.access", {"person.access_requested": on_person_access_requested}),
    staff_sessions.queue("notify"),
]
