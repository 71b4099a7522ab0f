"""A case's lifecycle: moving it between statuses with a word to the initiator, and publishing it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.contracts import AgentContact, CasePublished, CaseStatusChanged
from sammen.routing import metrics
from sammen.routing.domain import TransitionRefused, check_transition, responsible_for
from sammen.routing.errors import Conflict, Refused
from sammen.routing.event_data import (
    SERVICE,
    agent_contact,
    at_or_now,
    case_named,
    event_agent,
    event_responsible,
    rfc3339,
)
from sammen.routing.handover import (
    current_responsible,
    handover,
    responsible_label,
    set_responsible,
)
from sammen.routing.history import staff_entry
from sammen.routing.models import Case

MIN_SUMMARY = 20


def transition(
    session: Session,
    case: Case,
    to: str,
    message: str | None,
    note: str | None,
    by: StaffIdentity,
    now: datetime | None = None,
    responsible: Mapping[str, Any] | None = None,
) -> None:
    """Move the case (or, with `to` = its status, just write to the initiator) and tell intake.

    A move to `handed_over` names the new owner in `responsible`; a handed-over case given a new
    `responsible` with `to` = `handed_over` is handed over again.
    """
    now = at_or_now(now)
    message = (message or "").strip() or None
    note = (note or "").strip() or None
    moving = to != case.status
    if moving:
        check_transition(case.status, to, message)
    elif message is None:
        raise TransitionRefused("message", "Write a message to the initiator.")
    new_owner = responsible_for(to, responsible) if moving or responsible else None
    previous = case.status
    case.status = to
    case.updated_at = now
    if moving:
        case.entries.append(
            staff_entry(now, "status_changed", by, from_status=previous, to_status=to)
        )
    previous_owner = current_responsible(case)
    if new_owner is not None:
        set_responsible(case, new_owner)
        case.entries.append(staff_entry(now, "handed_over", by, text=responsible_label(new_owner)))
    if message:
        case.entries.append(staff_entry(now, "message", by, text=message))
        if case.first_response_at is None:
            case.first_response_at = now
            elapsed = (now - case.submitted_at).total_seconds()
            metrics.after_commit(
                session, lambda: metrics.first_response_seconds.observe(max(elapsed, 0))
            )
    if note:
        case.entries.append(staff_entry(now, "note", by, text=note))
    changed = CaseStatusChanged(
        **case_named(case),
        from_=previous,
        to=to,
        message=message,
        changed_at=rfc3339(now),
        agent=event_agent(case.assignee) if case.assignee else None,
        responsible=event_responsible(new_owner) if new_owner else None,
    )
    emit(session, changed.to_event(SERVICE, now))
    if new_owner is not None:
        handed_over = handover(case, new_owner, previous_owner, message, now)
        emit(session, handed_over.to_event(SERVICE, now))


def publish(
    session: Session,
    case: Case,
    summary: str,
    by: StaffIdentity,
    now: datetime | None = None,
) -> None:
    """Publish the screened summary — only with the initiator's consent, and only once."""
    if not case.consent_publish:
        raise Conflict("consent", "The initiator has not consented to publication.")
    if case.published_at is not None:
        raise Conflict("case", "The case is already published.")
    summary = (summary or "").strip()
    if len(summary) < MIN_SUMMARY:
        raise Refused(
            "summary", f"Write the screened public text (at least {MIN_SUMMARY} characters)."
        )
    now = at_or_now(now)
    case.published_at = now
    case.entries.append(staff_entry(now, "published", by, text=summary))
    agent = agent_contact(case.assignee) or {"name": by.name, "email": by.email, "phone": None}
    published = CasePublished(
        **case_named(case),
        summary=summary,
        theme=case.theme,
        status=case.status,
        agent=AgentContact(name=agent["name"], email=agent["email"], phone=agent["phone"]),
        published_at=rfc3339(now),
    )
    emit(session, published.to_event(SERVICE, now))
