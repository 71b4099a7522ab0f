"""Making one joint meeting of several (one unit of work): the joint event with every
organizer, the others cancelled with a reason pointing to it, registrations moved over within
its capacity, and one mail to each registrant."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.calendar import SERVICE, links, mails
from sammen.calendar.access import writable_organizers
from sammen.calendar.agenda import get_event
from sammen.calendar.errors import Forbidden, InvalidValue, NotFound
from sammen.calendar.events import cancel_event, create_event
from sammen.calendar.joint_rules import Meeting, Signup, check_joinable, place_signups, plan_joint
from sammen.calendar.models import Event, JointMeetingSource, Registration
from sammen.calendar.organizers import organizer_names
from sammen.calendar.times import utc_text
from sammen.config import Settings
from sammen.contracts import JointMeetingCreated, MovedRegistrant
from sammen.vocabulary import N_

MAIL_CATEGORY = "calendar.joint_meeting"


def _meeting(event: Event) -> Meeting:
    return Meeting(
        event_id=event.id,
        title=event.title,
        organizers=tuple(event.organizers),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        location=event.location,
        kind=event.kind,
        topics=tuple(event.topics),
        public=event.public,
        status=event.status,
        recurring=bool(event.rrule),
        capacity=event.registration_capacity,
    )


def may_join(session: Session, staff: StaffIdentity, events: list[Event]) -> bool:
    """Staff who write for every organizer involved (coordinators and admins always)."""
    allowed = writable_organizers(session, staff)
    return allowed is None or all(set(e.organizers) <= allowed for e in events)


def joint_of(session: Session, event_id: str) -> str | None:
    """The joint meeting a cancelled meeting is now held as part of."""
    source = session.get(JointMeetingSource, event_id)
    return source.joint_event_id if source else None


def make_joint_meeting(
    session: Session,
    settings: Settings,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime,
) -> dict[str, Any]:
    events = []
    for index, event_id in enumerate(payload["event_ids"]):
        try:
            events.append(get_event(session, event_id, lock=True))
        except NotFound:
            raise InvalidValue(
                f"event_ids.{index}", N_("Ukendt møde: %(id)s"), id=event_id
            ) from None
    if not may_join(session, staff, events):
        raise Forbidden
    meetings = [_meeting(e) for e in events]
    check_joinable(meetings, now)
    plan = plan_joint(
        meetings,
        organizer_names(session),
        title=payload.get("title"),
        starts_at=payload.get("starts_at"),
        ends_at=payload.get("ends_at"),
        location=payload.get("location"),
        capacity=payload.get("capacity"),
    )
    joint = create_event(
        session,
        settings,
        {
            "title": plan.title,
            "description": plan.description,
            "starts_at": plan.starts_at,
            "ends_at": plan.ends_at,
            "location": plan.location,
            "kind": plan.kind,
            "organizers": list(plan.organizers),
            "topics": list(plan.topics),
            "public": plan.public,
            "registration": {"capacity": plan.capacity, "deadline": None}
            if plan.capacity is not None
            else None,
        },
        staff,
        now,
    )
    joint_url = links.event_url(settings, joint.id)
    titles = {e.id: e.title for e in events}
    moved = _move_registrations(session, events, joint, plan.capacity, now)
    for event in events:
        session.add(
            JointMeetingSource(
                event_id=event.id, joint_event_id=joint.id, joined_at=now, joined_by=staff.email
            )
        )
        # Its registrations have moved: the cancellation tells nobody, the joint meeting's mail
        # below tells each registrant once.
        reason = f"Holdes som fællesmøde: {joint.title} – {joint_url}"
        cancel_event(session, settings, event.id, reason, staff, now)
    registrants: list[dict[str, Any]] = []
    for registration, source_id in moved:
        cancel_url = links.cancel_url(settings, registration.id)
        person = {"name": registration.name, "email": registration.email}
        registrants.append(
            person
            | {
                "registration_id": registration.id,
                "from_event_id": source_id,
                "status": registration.status,
                "cancel_url": cancel_url,
            }
        )
        mails.to_registrant(
            session,
            MAIL_CATEGORY,
            registration.id,
            person,
            mails.joined(
                titles[source_id],
                joint.title,
                joint.starts_at,
                joint.location,
                joint_url,
                registration.status,
                cancel_url,
                person,
            ),
            now,
        )
    created = JointMeetingCreated(
        event_id=joint.id,
        title=joint.title,
        starts_at=utc_text(joint.starts_at),
        organizers=joint.organizers,
        url=joint_url,
        joined_event_ids=[e.id for e in events],
        registrants=[MovedRegistrant(**person) for person in registrants],
    )
    emit(session, created.to_event(SERVICE, now))
    return {
        "id": joint.id,
        "url": joint_url,
        "cancelled": [e.id for e in events],
        "confirmed": sum(r["status"] == "confirmed" for r in registrants),
        "waitlisted": sum(r["status"] == "waitlisted" for r in registrants),
    }


def _move_registrations(
    session: Session, events: list[Event], joint: Event, capacity: int | None, now: datetime
) -> list[tuple[Registration, str]]:
    """Each active registration moves to the joint meeting (keeping its id and cancel link) with
    its new place; a second one of the same person is cancelled."""
    active = list(
        session.scalars(
            select(Registration).where(
                Registration.event_id.in_([e.id for e in events]),
                Registration.status.in_(("confirmed", "waitlisted")),
            )
        )
    )
    by_id = {r.id: r for r in active}
    signups = [Signup(r.id, r.email or "", r.status, r.position, r.created_at) for r in active]
    moved = []
    for position, placement in enumerate(place_signups(signups, capacity), start=1):
        registration = by_id[placement.signup.registration_id]
        source_id = registration.event_id
        if placement.status == "duplicate":
            registration.status = "cancelled"
            registration.cancelled_at = now
            continue
        registration.event_id = joint.id
        registration.status = placement.status
        registration.position = position
        moved.append((registration, source_id))
    session.flush()
    return moved
