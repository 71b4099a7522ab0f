"""What calendar consumes: privacy requests about registrants (names and e-mails), the
organizers each council secretary writes for, from the municipality's login, and ended staff
sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import Queue
from sammen.calendar import service
from sammen.config import Settings
from sammen.contracts import AccessRequested, ErasureRequested, SecretaryOrganizersAssigned


def on_person_erasure_requested(
    session: Session, event: ErasureRequested, settings: Settings
) -> None:
    service.erase_person(settings, session, event)


def on_person_access_requested(session: Session, event: AccessRequested) -> None:
    service.report_person(session, event)


def on_secretary_organizers_assigned(session: Session, event: SecretaryOrganizersAssigned) -> None:
    service.assign_secretary_organizers(session, event)


QUEUES = [
    Queue("calendar.erasure", {ErasureRequested.TYPE: on_person_erasure_requested}),
    Queue("calendar.access", {AccessRequested.TYPE: on_person_access_requested}),
    Queue(
        "calendar.secretaries",
        {SecretaryOrganizersAssigned.TYPE: on_secretary_organizers_assigned},
    ),
    staff_sessions.queue("calendar"),
]
