"""What routing consumes: new ideas (queue `routing.ideas`), idea-board offers of help
(queue `routing.dialogue`), the initiator's replies (queue `routing.initiator-replies`), every
service's privacy reports (queue `routing.privacy-reports`) and audit records of staff opening
personal data (queue `routing.audit`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.contracts import (
    DataOpened,
    DataReported,
    IdeaInitiatorReplied,
    IdeaJoined,
    IdeaSubmitted,
)
from sammen.routing.audit import record_audit_event
from sammen.routing.cases import create_case_from_idea
from sammen.routing.history import record_dialogue, record_initiator_reply
from sammen.routing.privacy_requests import record_privacy_report
from sammen.routing.settings import first_response_days


def on_idea_submitted(session: Session, event: IdeaSubmitted, first_response_days: int) -> None:
    create_case_from_idea(session, event, first_response_days, event.envelope.time)


def on_idea_joined(session: Session, event: IdeaJoined) -> None:
    record_dialogue(session, event)


def on_idea_initiator_replied(session: Session, event: IdeaInitiatorReplied) -> None:
    record_initiator_reply(session, event)


def on_person_data_reported(session: Session, event: DataReported) -> None:
    record_privacy_report(session, event)


def on_audit_data_opened(session: Session, event: DataOpened) -> None:
    record_audit_event(session, event)


DEPENDENCIES = {"first_response_days": first_response_days}

QUEUES = [
    Queue("routing.ideas", {IdeaSubmitted.TYPE: on_idea_submitted}),
    Queue("routing.dialogue", {IdeaJoined.TYPE: on_idea_joined}),
    Queue("routing.initiator-replies", {IdeaInitiatorReplied.TYPE: on_idea_initiator_replied}),
    Queue("routing.privacy-reports", {DataReported.TYPE: on_person_data_reported}),
    Queue("routing.audit", {DataOpened.TYPE: on_audit_data_opened}),
]
