"""Sign-ups for an event: places and the waiting list, the registrant's cancel link, who is coming."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen.bus import emit
from sammen.calendar import SERVICE
from sammen.calendar.agenda import get_event
from sammen.calendar.errors import NotFound
from sammen.calendar.links import cancel_url, event_url, registration_id_of
from sammen.calendar.models import Event, Registration
from sammen.calendar.places import registration_status
from sammen.calendar.times import utc_text
from sammen.config import Settings
from sammen.contracts import Person, Registrant, RegistrationCreated, RegistrationPromoted

ACTIVE = ("confirmed", "waitlisted")


def registration_counts(session: Session, event_id: str) -> dict[str, int]:
    """Status → how many registrations of the event have it."""
    rows = session.execute(
        select(Registration.status, func.count())
        .where(Registration.event_id == event_id)
        .group_by(Registration.status)
    )
    return {status: count for status, count in rows}


def registration_for_token(session: Session, settings: Settings, token: str) -> Registration:
    """The registration a cancel link is for; NotFound for a forged token or an erased person."""
    registration = session.get(Registration, registration_id_of(settings, token))
    if registration is None or registration.status == "erased":
        raise NotFound
    return registration


def active_registrants(session: Session, settings: Settings, event: Event) -> list[Registrant]:
    """Who holds a place or waits for one, as events carry them to notify (personal data)."""
    active = session.scalars(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.status.in_(ACTIVE))
        .order_by(Registration.position)
    )
    return [
        Registrant(
            registration_id=r.id, name=r.name, email=r.email, cancel_url=cancel_url(settings, r.id)
        )
        for r in active
    ]


def _registration_fields(
    settings: Settings, event: Event, registration: Registration
) -> dict[str, Any]:
    """What `calendar.registration_created` and `…_promoted` say."""
    return {
        "registration_id": registration.id,
        "event_id": event.id,
        "title": event.title,
        "starts_at": utc_text(event.starts_at),
        "location": event.location,
        "url": event_url(settings, event.id),
        "status": registration.status,
        "cancel_url": cancel_url(settings, registration.id),
        "registrant": Person(name=registration.name, email=registration.email),
    }


def register(
    session: Session,
    settings: Settings,
    event_id: str,
    name: str,
    email: str,
    now: datetime,
) -> Registration:
    """Sign up: confirmed while places are left, else on the waiting list — never overbooked."""
    event = get_event(session, event_id, lock=True)
    if not event.public:
        raise NotFound
    counts = registration_counts(session, event.id)
    status = registration_status(
        capacity=event.registration_capacity,
        deadline=event.registration_deadline,
        confirmed=counts.get("confirmed", 0),
        status=event.status,
        starts_at=event.starts_at,
        now=now,
    )
    position = session.scalar(
        select(func.coalesce(func.max(Registration.position), 0)).where(
            Registration.event_id == event.id
        )
    )
    registration = Registration(
        id=str(uuid.uuid4()),
        event_id=event.id,
        name=name,
        email=email.strip().lower(),
        status=status,
        created_at=now,
        position=int(position or 0) + 1,
    )
    session.add(registration)
    session.flush()
    created = RegistrationCreated(**_registration_fields(settings, event, registration))
    emit(session, created.to_event(SERVICE, now))
    return registration


def fill_places(session: Session, settings: Settings, event: Event, now: datetime) -> None:
    """Move people up from the waiting list while places are free (the caller holds the lock)."""
    if event.registration_capacity is None or event.status == "cancelled":
        return
    free = event.registration_capacity - registration_counts(session, event.id).get("confirmed", 0)
    if free <= 0:
        return
    waiting = session.scalars(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.status == "waitlisted")
        .order_by(Registration.position)
        .limit(free)
    )
    for registration in waiting:
        registration.status = "confirmed"
        promoted = RegistrationPromoted(**_registration_fields(settings, event, registration))
        emit(session, promoted.to_event(SERVICE, now))
    session.flush()


def cancel_registration(
    session: Session, settings: Settings, token: str, now: datetime
) -> Registration:
    """The registrant's cancel link: the place goes to the first on the waiting list."""
    registration = registration_for_token(session, settings, token)
    event = get_event(session, registration.event_id, lock=True)
    session.refresh(registration)  # as it is now that we hold the event's lock
    if registration.status in ACTIVE:
        registration.status = "cancelled"
        registration.cancelled_at = now
        session.flush()
        fill_places(session, settings, event, now)
    return registration


def event_registrations(session: Session, event_id: str) -> list[Registration]:
    """The event's registrations, in sign-up order, without the erased."""
    return list(
        session.scalars(
            select(Registration)
            .where(Registration.event_id == event_id, Registration.status != "erased")
            .order_by(Registration.position)
        )
    )
