"""What notify consumes: every event someone must hear about, privacy requests, and ended staff
sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bus.consumer import Subscription
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    CaseAssigned,
    CaseHandedOver,
    CaseSlaAtRisk,
    CaseSlaBreached,
    CaseStatusChanged,
    Contract,
    ErasureRequested,
    EventCancelled,
    EventChanged,
    IdeaJoined,
    IdeaSubmitted,
    NotificationRequested,
    RegistrationCreated,
    RegistrationPromoted,
    subscribe,
)
from sammen.notify.service import erase_person, handle_event, report_person


def subscriptions(settings: Settings) -> list[Subscription]:
    def notify(session: Session, event: Contract) -> None:
        handle_event(session, settings, event)

    def erase(session: Session, event: ErasureRequested) -> None:
        erase_person(session, settings, event)

    def report(session: Session, event: AccessRequested) -> None:
        report_person(session, settings, event)

    return [
        # One queue for an idea and its case, so the initiator's contact (from idea.submitted)
        # is stored before the case's first mail to them is handled: a queue keeps its order.
        subscribe(
            "notify.ideas",
            notify,
            IdeaSubmitted,
            CaseAssigned,
            CaseStatusChanged,
            CaseHandedOver,
            CaseSlaAtRisk,
            CaseSlaBreached,
        ),
        subscribe(
            "notify.calendar",
            notify,
            EventChanged,
            EventCancelled,
            RegistrationCreated,
            RegistrationPromoted,
        ),
        subscribe("notify.dialogue", notify, IdeaJoined),
        # Mails other services word themselves; notify only delivers them.
        subscribe("notify.requests", notify, NotificationRequested),
        subscribe("notify.erasure", erase, ErasureRequested),
        subscribe("notify.access", report, AccessRequested),
        staff_sessions.subscription("notify"),
    ]
