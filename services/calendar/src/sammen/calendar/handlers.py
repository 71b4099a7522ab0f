"""What calendar consumes: privacy requests about registrants (names and e-mails), the
organizers each council secretary writes for, from the municipality's login, and ended staff
sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import Queue
from sammen.bus import Event
from sammen.calendar import service
from sammen.config import Settings


def on_person_erasure_requested(session: Session, event: Event, settings: Settings) -> None:
    service.erase_person(settings, session, event)


def on_person_access_requested(session: Session, event: Event) -> None:
    service.report_person(session, event)


def on_secretary_organizers_assigned(session: Session, event: Event) -> None:
    service.assign_secretary_organizers(session, event)


QUEUES = [
    Queue("calendar.erasure", {"person.erasure_requested": on_person_erasure_requested}),
    Queue("calendar.access", {"person.access_requested": on_person_access_requested}),
    Queue(
        "calendar.secretaries",
        {"staff.secretary_organizers_assigned": on_secretary_organizers_assigned},
    ),
    staff_sessions.queue("calendar"),
]
