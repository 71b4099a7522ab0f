"""What notify consumes: every event someone must hear about, mails other services word
themselves, privacy requests, and ended staff sessions (its staff pages and API accept staff
tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import privacy, staff_sessions
from sammen.bootstrap import EventHandler, Queue
from sammen.config import Settings
from sammen.contracts import (
    CaseAssigned,
    CaseHandedOver,
    CaseInitiatorReplied,
    CaseLinked,
    CaseSlaAtRisk,
    CaseSlaBreached,
    CaseStatusChanged,
    Contract,
    EventCancelled,
    EventChanged,
    IdeaJoined,
    IdeaSubmitted,
    NotificationRequested,
    RegistrationCreated,
    RegistrationPromoted,
)
from sammen.notify import service
from sammen.notify.settings import notify_config


def on_event_to_mail(session: Session, event: Contract, settings: Settings) -> None:
    """An idea's, a case's, the calendar's or the idea board's event: the mails it causes."""
    service.handle_event(session, event, settings)


def on_notification_requested(
    session: Session, event: NotificationRequested, settings: Settings
) -> None:
    """A mail another service worded itself; notify only delivers it."""
    service.create_requested_message(session, settings, event)


def _mails(*contracts: type[Contract]) -> dict[str, EventHandler]:
    return {contract.TYPE: on_event_to_mail for contract in contracts}


DEPENDENCIES = {"config": notify_config}

QUEUES = [
    # One queue for an idea and its case, so the initiator's contact (from idea.submitted)
    # is stored before the case's first mail to them is handled: a queue keeps its order.
    Queue(
        "notify.ideas",
        _mails(
            IdeaSubmitted,
            CaseAssigned,
            CaseStatusChanged,
            CaseHandedOver,
            CaseSlaAtRisk,
            CaseSlaBreached,
            CaseInitiatorReplied,
        ),
    ),
    # Links to a colleague: the colleague is asked in.
    Queue("notify.case-links", _mails(CaseLinked)),
    Queue(
        "notify.calendar",
        _mails(EventChanged, EventCancelled, RegistrationCreated, RegistrationPromoted),
    ),
    Queue("notify.dialogue", _mails(IdeaJoined)),
    Queue("notify.requests", {NotificationRequested.TYPE: on_notification_requested}),
    *privacy.queues("notify", service.erase_person, service.report_person),
    staff_sessions.queue("notify"),
]
