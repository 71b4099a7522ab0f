"""What routing consumes: new ideas (queue `routing.ideas`), idea-board offers of help
(queue `routing.dialogue`), the initiator's replies (queue `routing.initiator-replies`), every
service's privacy reports (queue `routing.privacy-reports`) and audit records of staff opening
personal data (queue `routing.audit`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen.bus import Event
from sammen.bus.consumer import Subscription
from sammen.config import Settings
from sammen.routing.audit import record_audit_event
from sammen.routing.cases import create_case_from_idea
from sammen.routing.history import record_dialogue, record_initiator_reply
from sammen.routing.privacy_requests import record_privacy_report
from sammen.routing.settings import first_response_days


def subscriptions(settings: Settings) -> list[Subscription]:
    days = first_response_days(settings)

    def idea_submitted(session: Session, event: Event) -> None:
        create_case_from_idea(session, event.data, days, event.time)

    return [
        Subscription("routing.ideas", ("idea.submitted",), idea_submitted),
        Subscription("routing.dialogue", ("dialogue.idea_joined",), record_dialogue),
        Subscription(
            "routing.initiator-replies", ("idea.initiator_replied",), record_initiator_reply
        ),
        Subscription("routing.privacy-reports", ("person.data_reported",), record_privacy_report),
        Subscription("routing.audit", ("audit.data_opened",), record_audit_event),
    ]
