"""Closing a meeting that was held: "Det hørte vi", who came, what is taken further; the
registrants who had a place are told (one unit of work)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.calendar import SERVICE, links, mails
from sammen.calendar.access import writable_event
from sammen.calendar.closing_rules import check_can_close, told_of_closing
from sammen.calendar.models import EventClosing, Registration
from sammen.calendar.times import utc_text
from sammen.config import Settings
from sammen.contracts import Attendee, EventClosed, FollowUp

MAIL_CATEGORY = "calendar.event_closed"


def closing_of(session: Session, event_id: str) -> dict[str, Any] | None:
    """The meeting's closing as the API and the event page show it (None: not closed)."""
    closing = session.get(EventClosing, event_id)
    return None if closing is None else _shown(closing)


def _shown(closing: EventClosing) -> dict[str, Any]:
    return {
        "event_id": closing.event_id,
        "summary": closing.summary,
        "attendees": closing.attendees,
        "organisations": json.loads(closing.organisations),
        "follow_up": json.loads(closing.follow_up),
        "closed_at": closing.closed_at,
    }


def _follow_up_lines(follow_up: list[dict[str, Any]]) -> list[str]:
    return [
        f"- {item['text']}" + (f" ({item['url']})" if item.get("url") else "") for item in follow_up
    ]


def close_event(
    session: Session,
    settings: Settings,
    event_id: str,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime,
) -> dict[str, Any]:
    """Record what came of the meeting and tell its registrants; closing again corrects it
    (the mails' references are per registration, so nobody is told twice)."""
    event = writable_event(session, staff, event_id, lock=True)
    check_can_close(status=event.status, rrule=event.rrule, ends_at=event.ends_at, now=now)
    follow_up = [
        {"kind": item["kind"], "text": item["text"], "url": item.get("url")}
        for item in payload["follow_up"]
    ]
    closing = session.get(EventClosing, event.id) or EventClosing(event_id=event.id)
    closing.summary = payload["summary"]
    closing.attendees = payload["attendees"]
    closing.organisations = json.dumps(payload["organisations"], ensure_ascii=False)
    closing.follow_up = json.dumps(follow_up, ensure_ascii=False)
    closing.closed_at = now
    closing.closed_by = staff.email
    session.add(closing)
    session.flush()
    registrations = list(
        session.scalars(select(Registration).where(Registration.event_id == event.id))
    )
    came = set(told_of_closing({r.id: r.status for r in registrations}))
    registrants: list[dict[str, Any]] = [
        {"registration_id": r.id, "name": r.name, "email": r.email}
        for r in registrations
        if r.id in came
    ]
    url = links.event_url(settings, event.id)
    closed = EventClosed(
        event_id=event.id,
        title=event.title,
        starts_at=utc_text(event.starts_at),
        organizers=event.organizers,
        url=url,
        summary=closing.summary,
        attendees=closing.attendees,
        organisations=payload["organisations"],
        follow_up=[FollowUp(**item) for item in follow_up],
        registrants=[Attendee(**person) for person in registrants],
    )
    emit(session, closed.to_event(SERVICE, now))
    lines = _follow_up_lines(follow_up)
    for person in registrants:
        mails.to_registrant(
            session,
            MAIL_CATEGORY,
            person["registration_id"],
            person,
            mails.closed(event.title, url, closing.summary, lines, person),
            now,
        )
    return _shown(closing) | {"told": len(registrants)}
