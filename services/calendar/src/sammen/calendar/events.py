"""Events' life: published, changed (SEQUENCE up, registrants told) and cancelled, each with its event."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.calendar import SERVICE
from sammen.calendar.access import may_write, writable_event
from sammen.calendar.changes import changed_fields, status_after_change
from sammen.calendar.errors import Forbidden, InvalidValue
from sammen.calendar.feed_store import store_vevent
from sammen.calendar.links import event_url
from sammen.calendar.models import Event, EventOrganizer, EventTopic
from sammen.calendar.organizers import check_known
from sammen.calendar.recurrence import normalise_rrule, parse_exdates
from sammen.calendar.registrations import active_registrants, fill_places
from sammen.calendar.times import LOCAL_TZ_NAME, check_duration, check_start_reach, utc_text
from sammen.config import Settings
from sammen.contracts import EventCancelled, EventChanged, EventPublished
from sammen.vocabulary import N_


def _snapshot(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "location": event.location,
        "organizers": sorted(event.organizers),
        "kind": event.kind,
        "topics": sorted(event.topics),
        "public": event.public,
        "rrule": event.rrule,
        "exdates": event.exdates,
        "registration": (event.registration_capacity, event.registration_deadline),
    }


def _apply(session: Session, event: Event, payload: dict[str, Any], now: datetime) -> None:
    """Set the validated fields on `event`, checking the rules that span several fields."""
    if "starts_at" in payload and payload["starts_at"] != event.starts_at:
        check_start_reach(payload["starts_at"], now)  # an old event stays editable
    for name in ("title", "description", "location", "kind", "public", "starts_at", "ends_at"):
        if name in payload:
            setattr(event, name, payload[name])
    check_duration(event.starts_at, event.ends_at)
    if "organizers" in payload:
        check_known(session, payload["organizers"])
        event.organizer_links = [
            EventOrganizer(organizer_slug=s) for s in sorted(set(payload["organizers"]))
        ]
    if "topics" in payload:
        event.topic_links = [EventTopic(topic=t) for t in sorted(set(payload["topics"]))]
    if "rrule" in payload:
        event.rrule = payload["rrule"] or None
    if event.rrule:
        event.rrule = normalise_rrule(event.rrule, event.starts_at)
    if "exdates" in payload:
        exdates = parse_exdates(payload["exdates"], event.starts_at)
        event.exdates = "\n".join(d.isoformat() for d in exdates)
    if event.exdates and not event.rrule:
        raise InvalidValue("exdates", N_("Undtagelser kræver en gentagelse (rrule)"))
    if "registration" in payload:
        registration = payload["registration"]
        event.registration_capacity = registration["capacity"] if registration else None
        event.registration_deadline = registration.get("deadline") if registration else None
    if event.registration_capacity is not None:
        if event.rrule:
            raise InvalidValue(
                "registration", N_("Tilmelding kan ikke kombineres med et gentaget arrangement")
            )
        deadline = event.registration_deadline
        if deadline is not None and deadline > event.starts_at:
            raise InvalidValue(
                "registration.deadline", N_("Tilmeldingsfristen skal ligge før arrangementet")
            )


def _published_fields(settings: Settings, event: Event) -> dict[str, Any]:
    """What `calendar.event_published` says, and `calendar.event_changed` repeats."""
    return {
        "event_id": event.id,
        "title": event.title,
        "starts_at": utc_text(event.starts_at),
        "ends_at": utc_text(event.ends_at),
        "location": event.location,
        "organizers": event.organizers,
        "kind": event.kind,
        "topics": event.topics,
        "public": event.public,
        "url": event_url(settings, event.id),
    }


def create_event(
    session: Session,
    settings: Settings,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime,
    event_id: str | None = None,
) -> Event:
    event = Event(
        id=event_id or str(uuid.uuid4()),
        timezone=LOCAL_TZ_NAME,
        status="planned",
        sequence=0,
        exdates="",
        created_at=now,
        updated_at=now,
        created_by=staff.email,
        registration_capacity=None,
        registration_deadline=None,
        rrule=None,
    )
    _apply(session, event, payload, now)
    if not may_write(session, staff, event.organizers):
        raise Forbidden
    session.add(event)
    store_vevent(session, settings, event)
    session.flush()
    emit(session, EventPublished(**_published_fields(settings, event)).to_event(SERVICE, now))
    return event


def update_event(
    session: Session,
    settings: Settings,
    event_id: str,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime,
) -> Event:
    """Apply a partial change; SEQUENCE goes up and registrants hear of it when anything changed."""
    event = writable_event(session, staff, event_id, lock=True)
    if event.status == "cancelled":
        raise InvalidValue("status", N_("Et aflyst arrangement kan ikke ændres"))
    before = _snapshot(event)
    _apply(session, event, payload, now)
    if "organizers" in payload and not may_write(session, staff, event.organizers):
        raise Forbidden  # a secretary may not hand an event over to organizers not theirs
    changes = changed_fields(before, _snapshot(event))
    if not changes:
        return event
    event.sequence += 1
    event.status = status_after_change(event.status, changes)
    event.updated_at = now
    store_vevent(session, settings, event)
    fill_places(session, settings, event, now)
    changed = EventChanged(
        **_published_fields(settings, event),
        sequence=event.sequence,
        changes=changes,
        registrants=active_registrants(session, settings, event),
    )
    emit(session, changed.to_event(SERVICE, now))
    return event


def cancel_event(
    session: Session,
    settings: Settings,
    event_id: str,
    reason: str,
    staff: StaffIdentity,
    now: datetime,
) -> Event:
    event = writable_event(session, staff, event_id, lock=True)
    if event.status == "cancelled":
        return event  # cancelling twice is the same as once
    event.status = "cancelled"
    event.cancel_reason = reason or None
    event.sequence += 1
    event.updated_at = now
    store_vevent(session, settings, event)
    cancelled = EventCancelled(
        event_id=event.id,
        title=event.title,
        starts_at=utc_text(event.starts_at),
        url=event_url(settings, event.id),
        reason=reason or None,
        registrants=active_registrants(session, settings, event),
    )
    emit(session, cancelled.to_event(SERVICE, now))
    return event
