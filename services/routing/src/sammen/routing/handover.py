"""Hand-over: who takes the case over, and what the new owner is told."""

from __future__ import annotations

from datetime import datetime

from sammen.contracts import CaseHandedOver, CaseInitiator, HistoryEntry
from sammen.routing.domain import Responsible
from sammen.routing.event_data import case_named, event_agent, event_responsible, rfc3339
from sammen.routing.models import Case


def current_responsible(case: Case) -> Responsible | None:
    if case.responsible_unit is None:
        return None
    return Responsible(case.responsible_unit, case.responsible_name, case.responsible_email)


def set_responsible(case: Case, owner: Responsible) -> None:
    case.responsible_unit = owner.unit
    case.responsible_name = owner.name
    case.responsible_email = owner.email


def responsible_label(owner: Responsible) -> str:
    """The owner as the history names them: unit, and the person where one is named."""
    return f"{owner.unit}, {owner.name}" if owner.name else owner.unit


def _initiator_for_owner(case: Case) -> CaseInitiator | None:
    """The initiator's contact goes to the new owner only where the initiator agreed to contact."""
    if not case.consent_contact or not case.has_personal_data:
        return None
    return CaseInitiator(
        name=case.initiator_name,
        email=case.initiator_email,
        phone=case.initiator_phone,
        organisation=case.initiator_organisation,
    )


def handover(
    case: Case,
    owner: Responsible,
    previous: Responsible | None,
    message: str | None,
    now: datetime,
) -> CaseHandedOver:
    """What the new owner takes over: the idea, the initiator where consent allows, the history."""
    return CaseHandedOver(
        **case_named(case),
        description=case.description,
        theme=case.theme,
        channel=case.channel,
        submitted_at=rfc3339(case.submitted_at),
        handed_over_at=rfc3339(now),
        message=message,
        responsible=event_responsible(owner),
        previous_responsible=event_responsible(previous) if previous else None,
        agent=event_agent(case.assignee) if case.assignee else None,
        initiator=_initiator_for_owner(case),
        history=[
            HistoryEntry(
                at=rfc3339(entry.at),
                kind=entry.kind,
                from_=entry.from_status,
                to=entry.to_status,
                text=entry.text,
                author_name=entry.author_name,
            )
            for entry in case.entries
        ],
    )
