"""What the idea board consumes: routing's published cases and their changes, moderation, privacy."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.contracts import (
    AccessRequested,
    CaseAssigned,
    CasePublished,
    CaseStatusChanged,
    ContributionModerated,
    ErasureRequested,
)
from sammen.formats.idea_board import service


def on_case_published(session: Session, event: CasePublished) -> None:
    service.apply_published(session, event)


def on_case_changed(session: Session, event: CaseStatusChanged | CaseAssigned) -> None:
    """`case.status_changed`, `case.assigned`: the board shows the idea's status and agent."""
    service.apply_case_change(session, event)


def on_contribution_moderated(session: Session, event: ContributionModerated) -> None:
    service.apply_moderation(session, event)


def on_person_erasure_requested(session: Session, event: ErasureRequested) -> None:
    service.erase_person(session, event)


def on_person_access_requested(session: Session, event: AccessRequested) -> None:
    service.report_person(session, event)


QUEUES = [
    Queue("idea_board.published", {CasePublished.TYPE: on_case_published}),
    Queue(
        "idea_board.case-status",
        {CaseStatusChanged.TYPE: on_case_changed, CaseAssigned.TYPE: on_case_changed},
    ),
    Queue("idea_board.moderation", {ContributionModerated.TYPE: on_contribution_moderated}),
    Queue("idea_board.erasure", {ErasureRequested.TYPE: on_person_erasure_requested}),
    Queue("idea_board.access", {AccessRequested.TYPE: on_person_access_requested}),
]
