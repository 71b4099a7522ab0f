"""What calendar consumes: privacy requests about registrants (names and e-mails), the
organizers each council secretary writes for, from the municipality's login, cases linked to a
council (proposed agenda items), and ended staff sessions (its staff pages and API accept staff
tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import privacy, staff_sessions
from sammen.bootstrap import Queue
from sammen.calendar import access, agenda_proposals
from sammen.calendar import privacy as registrants
from sammen.config import Settings
from sammen.contracts import CaseLinked, SecretaryOrganizersAssigned


def on_secretary_organizers_assigned(session: Session, event: SecretaryOrganizersAssigned) -> None:
    access.assign_secretary_organizers(session, event)


def on_case_linked(session: Session, event: CaseLinked, settings: Settings) -> None:
    agenda_proposals.propose_agenda_item(session, event, settings)


QUEUES = [
    *privacy.queues("calendar", registrants.erase_person, registrants.report_person),
    Queue(
        "calendar.secretaries",
        {SecretaryOrganizersAssigned.TYPE: on_secretary_organizers_assigned},
    ),
    Queue("calendar.case-links", {CaseLinked.TYPE: on_case_linked}),
    staff_sessions.queue("calendar"),
]
