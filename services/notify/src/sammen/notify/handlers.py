"""What notify consumes: every event someone must hear about, privacy requests, and ended staff
sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.bus import Event
from sammen.bus.consumer import Subscription
from sammen.config import Settings
from sammen.notify import requested
from sammen.notify.service import erase_person, handle_event, report_person


def subscriptions(settings: Settings) -> list[Subscription]:
    def notify(session: Session, event: Event) -> None:
        handle_event(session, settings, event)

    def erase(session: Session, event: Event) -> None:
        erase_person(session, settings, event)

    def report(session: Session, event: Event) -> None:
        report_person(session, settings, event)

    return [
        # One queue for an idea and its case, so the initiator's contact (from idea.submitted)
        # is stored before the case's first mail to them is handled: a queue keeps its order.
        Subscription(
            "notify.ideas",
            (
                "idea.submitted",
                "case.assigned",
                "case.status_changed",
                "case.handed_over",
                "case.sla_at_risk",
                "case.sla_breached",
                "case.initiator_replied",
            ),
            notify,
        ),
        # Links to a colleague: the colleague is asked in.
        Subscription("notify.case-links", ("case.linked",), notify),
        Subscription(
            "notify.calendar",
            (
                "calendar.event_changed",
                "calendar.event_cancelled",
                "calendar.registration_created",
                "calendar.registration_promoted",
            ),
            notify,
        ),
        Subscription("notify.dialogue", ("dialogue.idea_joined",), notify),
        # Mails other services word themselves; notify only delivers them.
        Subscription("notify.requests", (requested.EVENT_TYPE,), notify),
        Subscription("notify.erasure", ("person.erasure_requested",), erase),
        Subscription("notify.access", ("person.access_requested",), report),
        staff_sessions.subscription("notify"),
    ]
