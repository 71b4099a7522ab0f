"""What the hub consumes: format heartbeats and withdrawals, reported contributions, privacy
requests about their writers, and ended staff sessions (its moderation pages and API accept staff
tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bootstrap import Queue
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    ContributionReported,
    ErasureRequested,
    FormatAnnounced,
    FormatWithdrawn,
)
from sammen.dialogue import service
from sammen.dialogue.service import ACCESS_QUEUE, ERASURE_QUEUE, FORMATS_QUEUE, MODERATION_QUEUE
from sammen.dialogue.settings import default_ttl


def on_format_announced(session: Session, event: FormatAnnounced, default_ttl: float) -> None:
    service.record_announcement(session, event, default_ttl)


def on_format_withdrawn(session: Session, event: FormatWithdrawn) -> None:
    service.record_withdrawal(session, event)


def on_contribution_reported(session: Session, event: ContributionReported) -> None:
    service.record_report(session, event)


def on_person_erasure_requested(
    session: Session, event: ErasureRequested, settings: Settings
) -> None:
    service.erase_person(session, event, settings)


def on_person_access_requested(
    session: Session, event: AccessRequested, settings: Settings
) -> None:
    service.report_person(session, event, settings)


DEPENDENCIES = {"default_ttl": default_ttl}

QUEUES = [
    Queue(
        FORMATS_QUEUE,
        {
            FormatAnnounced.TYPE: on_format_announced,
            FormatWithdrawn.TYPE: on_format_withdrawn,
        },
    ),
    Queue(MODERATION_QUEUE, {ContributionReported.TYPE: on_contribution_reported}),
    staff_sessions.queue("dialogue"),
    Queue(ERASURE_QUEUE, {ErasureRequested.TYPE: on_person_erasure_requested}),
    Queue(ACCESS_QUEUE, {AccessRequested.TYPE: on_person_access_requested}),
]
