"""What the idea board consumes: routing's published cases and their changes, moderation, privacy."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.bus import Event
from sammen.formats.idea_board import service


def on_case_published(session: Session, event: Event) -> None:
    service.apply_published(session, event)


def on_case_changed(session: Session, event: Event) -> None:
    """`case.status_changed`, `case.assigned`: the board shows the idea's status and agent."""
    service.apply_case_change(session, event)


def on_contribution_moderated(session: Session, event: Event) -> None:
    service.apply_moderation(session, event)


def on_person_erasure_requested(session: Session, event: Event) -> None:
    service.erase_person(session, event)


def on_person_access_requested(session: Session, event: Event) -> None:
    service.report_person(session, event)


QUEUES = [
    Queue("idea_board.published", {"case.published": on_case_published}),
    Queue(
        "idea_board.case-status",
        {"case.status_changed": on_case_changed, "case.assigned": on_case_changed},
    ),
    Queue("idea_board.moderation", {"dialogue.contribution_moderated": on_contribution_moderated}),
    Queue("idea_board.erasure", {"person.erasure_requested": on_person_erasure_requested}),
    Queue("idea_board.access", {"person.access_requested": on_person_access_requested}),
]
