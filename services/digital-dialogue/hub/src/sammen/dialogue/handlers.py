"""What the hub consumes: format heartbeats and withdrawals, reported contributions, privacy
requests about their writers, and ended staff sessions (its moderation pages and API accept staff
tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import privacy, staff_sessions
from sammen.bootstrap import Queue
from sammen.contracts import ContributionReported, FormatAnnounced, FormatWithdrawn
from sammen.dialogue import service
from sammen.dialogue.service import FORMATS_QUEUE, MODERATION_QUEUE
from sammen.dialogue.settings import default_ttl


def on_format_announced(session: Session, event: FormatAnnounced, default_ttl: float) -> None:
    service.record_announcement(session, event, default_ttl)


def on_format_withdrawn(session: Session, event: FormatWithdrawn) -> None:
    service.record_withdrawal(session, event)


def on_contribution_reported(session: Session, event: ContributionReported) -> None:
    service.record_report(session, event)


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
    *privacy.queues("dialogue", service.erase_person, service.report_person),
    staff_sessions.queue("dialogue"),
]
