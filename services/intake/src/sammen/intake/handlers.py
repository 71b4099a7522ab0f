"""What intake consumes: routing's case events (the public status), and privacy requests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.bus import Event
from sammen.intake import service


def on_case_event(session: Session, event: Event) -> None:
    """`case.assigned`, `case.status_changed`, `case.published`: the status page follows the case."""
    service.apply_case_event(session, event)


def on_person_erasure_requested(session: Session, event: Event) -> None:
    service.erase_person(session, event)


def on_person_access_requested(session: Session, event: Event) -> None:
    service.report_person(session, event)


QUEUES = [
    Queue(
        "intake.case-status",
        {
            "case.assigned": on_case_event,
            "case.status_changed": on_case_event,
            "case.published": on_case_event,
        },
    ),
    Queue("intake.erasure", {"person.erasure_requested": on_person_erasure_requested}),
    Queue("intake.access", {"person.access_requested": on_person_access_requested}),
]
