"""What calendar consumes: privacy requests about registrants (names and e-mails), the
organizers each council secretary writes for, from the municipality's login, cases linked to a
council (proposed agenda items), and ended staff sessions (its staff pages and API accept staff
tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import Queue
from sammen.calendar import access, agenda_proposals, privacy
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    CaseLinked,
    ErasureRequested,
    SecretaryOrganizersAssigned,
)


def on_person_erasure_requested(
    session: Session, event: ErasureRequested, settings: Settings
) -> None:
    privacy.erase_person(session, event, settings)


def on_person_access_requested(session: Session, event: AccessRequested) -> None:
    privacy.report_person(session, event)


def on_secretary_organizers_assigned(session: Session, event: SecretaryOrganizersAssigned) -> None:
    access.assign_secretary_organizers(session, event)


def on_case_linked(session: Session, event: CaseLinked, settings: Settings) -> None:
    agenda_proposals.propose_agenda_item(session, event, settings)


QUEUES = [
    Queue("calendar.erasure", {ErasureRequested.TYPE: on_person_erasure_requested}),
    Queue("calendar.access", {AccessRequested.TYPE: on_person_access_requested}),
    Queue(
        "calendar.secretaries",
        {SecretaryOrganizersAssigned.TYPE: on_secretary_organizers_assigned},
    ),
    Queue("calendar.case-links", {CaseLinked.TYPE: on_case_linked}),
    staff_sessions.queue("calendar"),
]
