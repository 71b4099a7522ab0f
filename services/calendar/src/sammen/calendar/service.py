"""Calendar's use cases, each run in one unit of work: a change and its events commit together."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sammen import privacy
from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.calendar import domain, ical
from sammen.calendar.domain import InvalidValue, Occurrence
from sammen.calendar.metrics import recurrence_instances
from sammen.calendar.models import (
    Event,
    EventOrganizer,
    EventTopic,
    Organizer,
    Registration,
    SecretaryOrganizer,
)
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    ErasureRequested,
    EventCancelled,
    EventChanged,
    EventPublished,
    Person,
    PersonRequest,
    Registrant,
    RegistrationCreated,
    RegistrationPromoted,
    SecretaryOrganizersAssigned,
)
from sammen.vocabulary import N_

SERVICE = "calendar"
log = logging.getLogger(__name__)
WRITERS = ("council_secretary", "coordinator")  # and admin, who may do everything
_CANCEL_SALT = "calendar-registration-cancel"


class NotFound(Exception):
    """No such event (or not one this person may see)."""


class Forbidden(Exception):
    """This staff member may not write for these organizers."""


# --- organizers and secretaries ---------------------------------------------------------------


def seed_organizers(session: Session, committees: str) -> None:
    """The councils, the committees of CALENDAR_COMMITTEES and the dialogue formats (idempotent)."""
    existing = set(session.scalars(select(Organizer.slug)))
    for slug, name, kind in domain.seeded_organizers(committees):
        if slug not in existing:
            session.add(Organizer(slug=slug, name=name, kind=kind))


def organizers(session: Session) -> list[Organizer]:
    return list(session.scalars(select(Organizer).order_by(Organizer.kind, Organizer.name)))


def organizer_names(session: Session) -> dict[str, str]:
    return {slug: name for slug, name in session.execute(select(Organizer.slug, Organizer.name))}


def secretary_organizers(session: Session, email: str) -> set[str]:
    return set(
        session.scalars(
            select(SecretaryOrganizer.organizer_slug).where(
                SecretaryOrganizer.email == email.strip().lower()
            )
        )
    )


def all_secretaries(session: Session) -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = {}
    rows = session.execute(
        select(SecretaryOrganizer.email, SecretaryOrganizer.organizer_slug).order_by(
            SecretaryOrganizer.email, SecretaryOrganizer.organizer_slug
        )
    )
    for email, slug in rows:
        mapping.setdefault(email, []).append(slug)
    return mapping


def set_secretary(session: Session, email: str, slugs: list[str]) -> list[str]:
    """Replace the organizers a council secretary writes for."""
    email = email.strip().lower()
    known = set(organizer_names(session))
    for index, slug in enumerate(slugs):
        if slug not in known:
            raise InvalidValue(f"organizers.{index}", N_("Ukendt arrangør: %(slug)s"), slug=slug)
    for link in session.scalars(
        select(SecretaryOrganizer).where(SecretaryOrganizer.email == email)
    ):
        session.delete(link)
    session.flush()
    for slug in sorted(set(slugs)):
        session.add(SecretaryOrganizer(email=email, organizer_slug=slug))
    return sorted(set(slugs))


def assign_secretary_organizers(session: Session, event: SecretaryOrganizersAssigned) -> None:
    """`staff.secretary_organizers_assigned`: the municipality's login names the organizers a
    council secretary writes for (their groups there), replacing what was set before. An organizer
    the calendar does not know is left out and named in the log, for the operator's mapping."""
    known = set(organizer_names(session))
    wanted = [str(slug) for slug in event.organizers]
    if unknown := sorted(set(wanted) - known):
        log.warning("secretary organizers not in the calendar: %s", ", ".join(unknown))
    set_secretary(session, str(event.email), [slug for slug in wanted if slug in known])


def writable_organizers(session: Session, staff: StaffIdentity) -> set[str] | None:
    """The organizers this staff member writes for; None means all (coordinators and admins)."""
    if staff.has_any(("coordinator",)):
        return None
    if "council_secretary" in staff.roles:
        return secretary_organizers(session, staff.email)
    return set()


def may_write(session: Session, staff: StaffIdentity, organizer_slugs: list[str]) -> bool:
    """A secretary writes for an event when it is one of their organizers' (a joint meeting is
    shared by every organizer's secretary)."""
    allowed = writable_organizers(session, staff)
    return allowed is None or bool(allowed & set(organizer_slugs))


# --- events -----------------------------------------------------------------------------------


def event_url(settings: Settings, event_id: str) -> str:
    return f"{settings.base_url(SERVICE)}/arrangementer/{event_id}"


def get_event(session: Session, event_id: str, *, lock: bool = False) -> Event:
    query = select(Event).where(Event.id == event_id)
    if lock:
        # PostgreSQL: sign-ups and cancellations of one event queue here. SQLite already holds
        # the database's write lock since BEGIN IMMEDIATE.
        query = query.with_for_update()
    event = session.scalar(query)
    if event is None:
        raise NotFound
    return event


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
        domain.check_start_reach(payload["starts_at"], now)  # an old event stays editable
    for name in ("title", "description", "location", "kind", "public", "starts_at", "ends_at"):
        if name in payload:
            setattr(event, name, payload[name])
    domain.check_duration(event.starts_at, event.ends_at)
    if "organizers" in payload:
        known = set(organizer_names(session))
        for index, slug in enumerate(payload["organizers"]):
            if slug not in known:
                raise InvalidValue(
                    f"organizers.{index}", N_("Ukendt arrangør: %(slug)s"), slug=slug
                )
        event.organizer_links = [
            EventOrganizer(organizer_slug=s) for s in sorted(set(payload["organizers"]))
        ]
    if "topics" in payload:
        event.topic_links = [EventTopic(topic=t) for t in sorted(set(payload["topics"]))]
    if "rrule" in payload:
        event.rrule = payload["rrule"] or None
    if event.rrule:
        event.rrule = domain.normalise_rrule(event.rrule, event.starts_at)
    if "exdates" in payload:
        exdates = domain.parse_exdates(payload["exdates"], event.starts_at)
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


def _render(session: Session, settings: Settings, event: Event) -> None:
    names = organizer_names(session)
    view = ical.EventView(
        id=event.id,
        title=event.title,
        description=event.description,
        location=event.location,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        rrule=event.rrule,
        exdates=event.exdate_list,
        status=event.status,
        sequence=event.sequence,
        topics=event.topics,
        organizer_names=[names.get(slug, slug) for slug in event.organizers],
        created_at=event.created_at,
        updated_at=event.updated_at,
        url=event_url(settings, event.id),
    )
    event.ical = ical.render_vevent(view)
    event.ical_base_url = settings.base_url(SERVICE)


def _utc(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _published_fields(settings: Settings, event: Event) -> dict[str, Any]:
    """What `calendar.event_published` says, and `calendar.event_changed` repeats."""
    return {
        "event_id": event.id,
        "title": event.title,
        "starts_at": _utc(event.starts_at),
        "ends_at": _utc(event.ends_at),
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
    now: datetime | None = None,
    event_id: str | None = None,
) -> Event:
    now = now or datetime.now(UTC)
    event = Event(
        id=event_id or str(uuid.uuid4()),
        timezone=domain.LOCAL_TZ_NAME,
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
    _render(session, settings, event)
    session.flush()
    emit(session, EventPublished(**_published_fields(settings, event)).to_event(SERVICE, now))
    return event


def update_event(
    session: Session,
    settings: Settings,
    event_id: str,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime | None = None,
) -> Event:
    """Apply a partial change; SEQUENCE goes up and registrants hear of it when anything changed."""
    now = now or datetime.now(UTC)
    event = get_event(session, event_id, lock=True)
    if not may_write(session, staff, event.organizers):
        raise Forbidden
    if event.status == "cancelled":
        raise InvalidValue("status", N_("Et aflyst arrangement kan ikke ændres"))
    before = _snapshot(event)
    _apply(session, event, payload, now)
    if "organizers" in payload and not may_write(session, staff, event.organizers):
        raise Forbidden  # a secretary may not hand an event over to organizers not theirs
    changes = domain.changed_fields(before, _snapshot(event))
    if not changes:
        return event
    event.sequence += 1
    event.status = domain.status_after_change(event.status, changes)
    event.updated_at = now
    _render(session, settings, event)
    _fill_places(session, settings, event, now)
    changed = EventChanged(
        **_published_fields(settings, event),
        sequence=event.sequence,
        changes=changes,
        registrants=_registrants(session, settings, event),
    )
    emit(session, changed.to_event(SERVICE, now))
    return event


def cancel_event(
    session: Session,
    settings: Settings,
    event_id: str,
    reason: str,
    staff: StaffIdentity,
    now: datetime | None = None,
) -> Event:
    now = now or datetime.now(UTC)
    event = get_event(session, event_id, lock=True)
    if not may_write(session, staff, event.organizers):
        raise Forbidden
    if event.status == "cancelled":
        return event  # cancelling twice is the same as once
    event.status = "cancelled"
    event.cancel_reason = reason or None
    event.sequence += 1
    event.updated_at = now
    _render(session, settings, event)
    cancelled = EventCancelled(
        event_id=event.id,
        title=event.title,
        starts_at=_utc(event.starts_at),
        url=event_url(settings, event.id),
        reason=reason or None,
        registrants=_registrants(session, settings, event),
    )
    emit(session, cancelled.to_event(SERVICE, now))
    return event


@dataclass(frozen=True)
class Filters:
    organizer: str | None = None
    topic: str | None = None
    kind: str | None = None
    include_internal: bool = False
    event_id: str | None = None


def _filtered(query: Select[Any], filters: Filters) -> Select[Any]:
    if not filters.include_internal:
        query = query.where(Event.public.is_(True))
    if filters.organizer:
        query = query.where(
            Event.id.in_(
                select(EventOrganizer.event_id).where(
                    EventOrganizer.organizer_slug == filters.organizer
                )
            )
        )
    if filters.topic:
        query = query.where(
            Event.id.in_(select(EventTopic.event_id).where(EventTopic.topic == filters.topic))
        )
    if filters.kind:
        query = query.where(Event.kind == filters.kind)
    if filters.event_id:
        query = query.where(Event.id == filters.event_id)
    return query


def occurrences_between(
    session: Session,
    window_from: datetime,
    window_to: datetime,
    filters: Filters,
    per_event: int | None = None,
) -> list[tuple[Event, Occurrence]]:
    """Every instance in the window (or each event's first `per_event`), recurring events
    expanded, in time order."""
    query = _filtered(select(Event), filters).where(
        Event.starts_at < window_to,
        (Event.rrule.is_not(None)) | (Event.ends_at > window_from),
    )
    tally = domain.ExpansionTally()
    found = [
        (event, occurrence)
        for event in session.scalars(query)
        for occurrence in islice(
            domain.occurrences(
                event.starts_at,
                event.ends_at,
                event.rrule,
                event.exdate_list,
                window_from,
                window_to,
                tally,
            ),
            per_event,
        )
    ]
    recurrence_instances.inc(tally.computed)
    return sorted(found, key=lambda pair: (pair[1].starts_at, pair[0].title))


def registration_counts(session: Session, event_id: str) -> dict[str, int]:
    rows = session.execute(
        select(Registration.status, func.count())
        .where(Registration.event_id == event_id)
        .group_by(Registration.status)
    )
    return {status: count for status, count in rows}


# --- feeds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedState:
    count: int
    last_modified: datetime | None


def feed_state(session: Session, filters: Filters) -> FeedState:
    """One aggregate query: enough to answer 304 and to key the rendered feed."""
    count, newest = session.execute(
        _filtered(select(func.count(Event.id), func.max(Event.updated_at)), filters)
    ).one()
    return FeedState(int(count), newest)


def feed_vevents(session: Session, settings: Settings, filters: Filters) -> list[str]:
    """The stored VEVENTs; those rendered for another public address are rendered again."""
    base = settings.base_url(SERVICE)
    stale = session.scalars(_filtered(select(Event), filters).where(Event.ical_base_url != base))
    for event in stale:
        _render(session, settings, event)
    query = _filtered(select(Event.ical), filters).order_by(Event.starts_at, Event.id)
    return list(session.scalars(query))


# --- registrations ----------------------------------------------------------------------------


def _serializer(settings: Settings) -> URLSafeSerializer:
    return URLSafeSerializer(settings.secret_key, salt=_CANCEL_SALT)


def cancel_token(settings: Settings, registration_id: str) -> str:
    return _serializer(settings).dumps(registration_id)


def registration_for_token(session: Session, settings: Settings, token: str) -> Registration:
    try:
        registration_id = _serializer(settings).loads(token)
    except BadSignature:
        raise NotFound from None
    registration = session.get(Registration, registration_id)
    if registration is None or registration.status == "erased":
        raise NotFound
    return registration


def cancel_url(settings: Settings, registration_id: str) -> str:
    return f"{settings.base_url(SERVICE)}/tilmeldinger/{cancel_token(settings, registration_id)}"


def _registrants(session: Session, settings: Settings, event: Event) -> list[Registrant]:
    active = session.scalars(
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status.in_(("confirmed", "waitlisted")),
        )
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
        "starts_at": _utc(event.starts_at),
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
    now: datetime | None = None,
) -> Registration:
    """Sign up: confirmed while places are left, else on the waiting list — never overbooked."""
    now = now or datetime.now(UTC)
    event = get_event(session, event_id, lock=True)
    if not event.public:
        raise NotFound
    counts = registration_counts(session, event.id)
    status = domain.registration_status(
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


def _fill_places(session: Session, settings: Settings, event: Event, now: datetime) -> None:
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
    session: Session, settings: Settings, token: str, now: datetime | None = None
) -> Registration:
    """The registrant's cancel link: the place goes to the first on the waiting list."""
    now = now or datetime.now(UTC)
    registration = registration_for_token(session, settings, token)
    event = get_event(session, registration.event_id, lock=True)
    session.refresh(registration)  # as it is now that we hold the event's lock
    if registration.status in ("confirmed", "waitlisted"):
        registration.status = "cancelled"
        registration.cancelled_at = now
        session.flush()
        _fill_places(session, settings, event, now)
    return registration


def registrations(session: Session, event_id: str) -> list[Registration]:
    return list(
        session.scalars(
            select(Registration)
            .where(Registration.event_id == event_id, Registration.status != "erased")
            .order_by(Registration.position)
        )
    )


def erase_person(settings: Settings, session: Session, event: ErasureRequested) -> None:
    """`person.erasure_requested`: a place held is given on, then name and e-mail are removed."""
    found = _registrations_of(session, event)
    for registration in found:
        calendar_event = get_event(session, registration.event_id, lock=True)
        was_active = registration.status in ("confirmed", "waitlisted")
        registration.name = registration.email = None
        registration.status = "erased"
        registration.cancelled_at = registration.cancelled_at or event.envelope.time
        session.flush()
        if was_active and calendar_event.starts_at > event.envelope.time:
            _fill_places(session, settings, calendar_event, event.envelope.time)
    privacy.answer(session, SERVICE, event, "erasure", {"registrations": len(found)})


def report_person(session: Session, event: AccessRequested) -> None:
    """`person.access_requested` (GDPR art. 15): the person's registrations, with their events."""
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
    data = {"registrations": registrations}
    privacy.answer(session, SERVICE, event, "access", {"registrations": len(found)}, data=data)


def _registrations_of(session: Session, request: PersonRequest) -> list[Registration]:
    email = privacy.requested_email(request)
    if not email:
        return []
    return list(session.scalars(select(Registration).where(Registration.email == email)))


# --- joint meetings ---------------------------------------------------------------------------

SUGGESTION_HORIZON = timedelta(weeks=26)  # half a year: how far ahead councils plan


def joint_suggestions(
    session: Session, within_weeks: int, now: datetime, organizers: set[str] | None = None
) -> list[domain.JointSuggestion]:
    """Suggestions among planned meetings; only those touching `organizers`, when given."""
    meetings = [
        domain.PlannedMeeting(
            event.id,
            event.title,
            frozenset(event.organizers),
            frozenset(event.topics),
            occurrence.starts_at,
            occurrence.ends_at,
        )
        for event, occurrence in occurrences_between(
            session, now, now + SUGGESTION_HORIZON, Filters(include_internal=True)
        )
        if event.status != "cancelled"
    ]
    found = domain.joint_meeting_suggestions(meetings, timedelta(weeks=within_weeks))
    if organizers is None:
        return found
    return [s for s in found if s.involves(organizers)]
