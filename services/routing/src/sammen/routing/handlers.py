"""What routing consumes: new ideas (queue `routing.ideas`) and idea-board offers of help
(queue `routing.dialogue`), every service's privacy reports (queue `routing.privacy-reports`) and
audit records of staff opening personal data (queue `routing.audit`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.contracts import DataOpened, DataReported, IdeaJoined, IdeaSubmitted
from sammen.routing import service
from sammen.routing.settings import first_response_days


def on_idea_submitted(session: Session, event: IdeaSubmitted, first_response_days: int) -> None:
    service.create_case_from_idea(session, event, first_response_days, event.envelope.time)


def on_idea_joined(session: Session, event: IdeaJoined) -> None:
    service.record_dialogue(session, event)


def on_person_data_reported(session: Session, event: DataReported) -> None:
    service.record_privacy_report(session, event)


def on_audit_data_opened(session: Session, event: DataOpened) -> None:
    service.record_audit_event(session, event)


DEPENDENCIES = {"first_response_days": first_response_days}

QUEUES = [
    Queue("routing.ideas", {IdeaSubmitted.TYPE: on_idea_submitted}),
    Queue("routing.dialogue", {IdeaJoined.TYPE: on_idea_joined}),
    Queue("routing.privacy-reports", {DataReported.TYPE: on_person_data_reported}),
    Queue("routing.audit", {DataOpened.TYPE: on_audit_data_opened}),
]
