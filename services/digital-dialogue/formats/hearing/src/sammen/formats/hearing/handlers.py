"""What the hearing consumes: the hub's moderation decisions, access and erasure requests, and
ended staff sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import Queue
from sammen.bus import Event
from sammen.formats.hearing import service


def on_contribution_moderated(session: Session, event: Event) -> None:
    service.apply_moderation(session, event)


def on_person_erasure_requested(session: Session, event: Event) -> None:
    service.erase_person(session, event)


def on_person_access_requested(session: Session, event: Event) -> None:
    service.report_person(session, event)


QUEUES = [
    Queue("hearing.moderation", {"dialogue.contribution_moderated": on_contribution_moderated}),
    Queue("hearing.erasure", {"person.erasure_requested": on_person_erasure_requested}),
    Queue("hearing.access", {"person.access_requested": on_person_access_requested}),
    staff_sessions.queue("hearing"),
]
