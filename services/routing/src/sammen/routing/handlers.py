"""What routing consumes: new ideas (queue `routing.ideas`) and idea-board offers of help
(queue `routing.dialogue`), every service's privacy reports (queue `routing.privacy-reports`) and
audit records of staff opening personal data (queue `routing.audit`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen.bus.consumer import Subscription
from sammen.config import Settings
from sammen.contracts import DataOpened, DataReported, IdeaJoined, IdeaSubmitted, subscribe
from sammen.routing.service import (
    create_case_from_idea,
    record_audit_event,
    record_dialogue,
    record_privacy_report,
)
from sammen.routing.settings import first_response_days


def subscriptions(settings: Settings) -> list[Subscription]:
    days = first_response_days(settings)

    def idea_submitted(session: Session, event: IdeaSubmitted) -> None:
        create_case_from_idea(session, event, days, event.envelope.time)

    return [
        subscribe("routing.ideas", idea_submitted, IdeaSubmitted),
        subscribe("routing.dialogue", record_dialogue, IdeaJoined),
        subscribe("routing.privacy-reports", record_privacy_report, DataReported),
        subscribe("routing.audit", record_audit_event, DataOpened),
    ]
