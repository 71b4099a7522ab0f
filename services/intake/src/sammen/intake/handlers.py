"""What intake consumes: the case's events for the public status page, and privacy requests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.contracts import (
    AccessRequested,
    CaseAssigned,
    CasePublished,
    CaseStatusChanged,
    ErasureRequested,
)
from sammen.intake import service


def on_case_event(
    session: Session, event: CaseAssigned | CaseStatusChanged | CasePublished
) -> None:
    """`case.assigned`, `case.status_changed`, `case.published`: the status page follows the case."""
    service.apply_case_event(session, event)


def on_person_erasure_requested(session: Session, event: ErasureRequested) -> None:
    service.erase_person(session, event)


def on_person_access_requested(session: Session, event: AccessRequested) -> None:
    service.report_person(session, event)


QUEUES = [
    Queue(
        "intake.case-status",
        {
            CaseAssigned.TYPE: on_case_event,
            CaseStatusChanged.TYPE: on_case_event,
            CasePublished.TYPE: on_case_event,
        },
    ),
    Queue("intake.erasure", {ErasureRequested.TYPE: on_person_erasure_requested}),
    Queue("intake.access", {AccessRequested.TYPE: on_person_access_requested}),
]
