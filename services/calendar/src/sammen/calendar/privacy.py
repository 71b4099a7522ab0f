"""Registrants' personal data on request: erasure (GDPR art. 17) and access (art. 15)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.calendar import SERVICE, proposers
from sammen.calendar.agenda import get_event
from sammen.calendar.models import Event, Registration
from sammen.calendar.registrations import ACTIVE, fill_places
from sammen.config import Settings
from sammen.contracts import AccessRequested, ErasureRequested, PersonRequest
from sammen.privacy import report, requested_email


def erase_person(session: Session, event: ErasureRequested, settings: Settings) -> None:
    """`person.erasure_requested`: a place held is given on, then name and e-mail are removed
    (a Talk proposer's too)."""
    found = _registrations_of(session, event)
    for registration in found:
        calendar_event = get_event(session, registration.event_id, lock=True)
        was_active = registration.status in ACTIVE
        registration.name = registration.email = None
        registration.status = "erased"
        registration.cancelled_at = registration.cancelled_at or event.envelope.time
        session.flush()
        if was_active and calendar_event.starts_at > event.envelope.time:
            fill_places(session, settings, calendar_event, event.envelope.time)
    erased = proposers.erase(session, requested_email(event))
    summary = {"registrations": len(found), "talk_proposals": erased}
    report(session, SERVICE, event.request_id, "erasure", summary)


def report_person(session: Session, event: AccessRequested) -> None:
    """`person.access_requested` (GDPR art. 15): the person's registrations, with their events,
    and their Gentofte Talks proposals."""
    found = _registrations_of(session, event)
    events = {
        e.id: e
        for e in session.scalars(select(Event).where(Event.id.in_({r.event_id for r in found})))
    }
    registrations = [
        {
            "event_id": r.event_id,
            "event": events[r.event_id].title,
            "starts_at": events[r.event_id].starts_at.isoformat(),
            "name": r.name,
            "email": r.email,
            "status": r.status,
            "registered_at": r.created_at.isoformat(),
            "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
        }
        for r in found
    ]
    talk_proposals = proposers.export(session, requested_email(event))
    data = {"registrations": registrations, "talk_proposals": talk_proposals}
    summary = {"registrations": len(found), "talk_proposals": len(talk_proposals)}
    report(session, SERVICE, event.request_id, "access", summary, data=data)


def _registrations_of(session: Session, request: PersonRequest) -> list[Registration]:
    email = requested_email(request)
    if not email:
        return []
    return list(session.scalars(select(Registration).where(Registration.email == email)))
