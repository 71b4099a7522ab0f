"""What intake consumes: the case's events for the public status page, and privacy requests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import privacy
from sammen.bootstrap import Queue
from sammen.contracts import CaseAssigned, CasePublished, CaseStatusChanged
from sammen.intake import service


def on_case_event(
    session: Session, event: CaseAssigned | CaseStatusChanged | CasePublished
) -> None:
    """`case.assigned`, `case.status_changed`, `case.published`: the status page follows the case."""
    service.apply_case_event(session, event)


QUEUES = [
    Queue(
        "intake.case-status",
        {
            CaseAssigned.TYPE: on_case_event,
            CaseStatusChanged.TYPE: on_case_event,
            CasePublished.TYPE: on_case_event,
        },
    ),
    *privacy.queues("intake", service.erase_person, service.report_person),
]
