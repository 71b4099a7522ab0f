"""What the hearing consumes: the hub's moderation decisions, access and erasure requests, and
ended staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import Queue
from sammen.contracts import AccessRequested, ContributionModerated, ErasureRequested
from sammen.formats.hearing import service


def on_contribution_moderated(session: Session, event: ContributionModerated) -> None:
    service.apply_moderation(session, event)


def on_person_erasure_requested(session: Session, event: ErasureRequested) -> None:
    service.erase_person(session, event)


def on_person_access_requested(session: Session, event: AccessRequested) -> None:
    service.report_person(session, event)


QUEUES = [
    Queue("hearing.moderation", {ContributionModerated.TYPE: on_contribution_moderated}),
    Queue("hearing.erasure", {ErasureRequested.TYPE: on_person_erasure_requested}),
    Queue("hearing.access", {AccessRequested.TYPE: on_person_access_requested}),
    staff_sessions.queue("hearing"),
]
