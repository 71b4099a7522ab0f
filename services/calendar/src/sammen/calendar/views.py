"""Events as the API and the pages show them (one place, so both say the same)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sammen.auth import current_staff
from sammen.calendar import links
from sammen.calendar.agenda import get_event
from sammen.calendar.errors import NotFound
from sammen.calendar.models import Event
from sammen.calendar.recurrence import Occurrence
from sammen.config import Settings


def visible_event(session: Session, event_id: str) -> Event:
    """The event, or NotFound: an internal event is there only for signed-in staff."""
    event = get_event(session, event_id)
    if not event.public and current_staff() is None:
        raise NotFound
    return event


def event_view(
    settings: Settings,
    event: Event,
    occurrence: Occurrence | None = None,
    counts: dict[str, int] | None = None,
) -> dict[str, Any]:
    registration = None
    if event.registration_capacity is not None:
        counts = counts or {}
        registration = {
            "capacity": event.registration_capacity,
            "deadline": event.registration_deadline,
            "confirmed": counts.get("confirmed", 0),
            "waitlisted": counts.get("waitlisted", 0),
        }
    url = links.event_url(settings, event.id)
    return {
        "id": event.id,
        "title": event.title,
        "description": event.description,
        "starts_at": occurrence.starts_at if occurrence else event.starts_at,
        "ends_at": occurrence.ends_at if occurrence else event.ends_at,
        "recurrence_id": occurrence.recurrence_id if occurrence else None,
        "timezone": event.timezone,
        "location": event.location,
        "organizers": event.organizers,
        "kind": event.kind,
        "topics": event.topics,
        "public": event.public,
        "rrule": event.rrule,
        "exdates": [d.isoformat() for d in event.exdate_list],
        "status": event.status,
        "sequence": event.sequence,
        "registration": registration,
        "url": url,
        "ics_url": f"{url}/kalender.ics",
    }
