"""What the idea board consumes: routing's published cases and their changes, moderation, privacy."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import privacy
from sammen.bootstrap import Queue
from sammen.contracts import CaseAssigned, CasePublished, CaseStatusChanged
from sammen.formats.idea_board import service
from sammen.pilot_formats.queues import moderation_queue


def on_case_published(session: Session, event: CasePublished) -> None:
    service.apply_published(session, event)


def on_case_changed(session: Session, event: CaseStatusChanged | CaseAssigned) -> None:
    """`case.status_changed`, `case.assigned`: the board shows the idea's status and agent."""
    service.apply_case_change(session, event)


QUEUES = [
    Queue("idea_board.published", {CasePublished.TYPE: on_case_published}),
    Queue(
        "idea_board.case-status",
        {CaseStatusChanged.TYPE: on_case_changed, CaseAssigned.TYPE: on_case_changed},
    ),
    moderation_queue("idea_board", service.apply_moderation),
    *privacy.queues("idea_board", service.erase_person, service.report_person),
]
