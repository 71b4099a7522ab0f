"""The calendar's contracts: events published, changed and cancelled, and registrations."""

from __future__ import annotations

from dataclasses import dataclass, field

from sammen.contracts.base import PERSONAL, Contract, Shape
from sammen.contracts.people import Person


@dataclass(frozen=True, kw_only=True)
class Registrant(Shape):
    """Someone signed up for an event, to be told of changes (notify)."""

    registration_id: str
    name: str | None
    email: str | None
    cancel_url: str


@dataclass(frozen=True, kw_only=True)
class EventPublished(Contract):
    TYPE = "calendar.event_published"
    SUBJECT = "event_id"

    event_id: str
    title: str
    starts_at: str
    ends_at: str | None
    location: str | None
    organizers: list[str]
    kind: str
    topics: list[str]
    public: bool
    url: str


@dataclass(frozen=True, kw_only=True)
class EventChanged(EventPublished):
    TYPE = "calendar.event_changed"

    sequence: int
    changes: list[str]  # the names of the fields changed
    registrants: list[Registrant] = field(metadata=PERSONAL)


@dataclass(frozen=True, kw_only=True)
class EventCancelled(Contract):
    TYPE = "calendar.event_cancelled"
    SUBJECT = "event_id"

    event_id: str
    title: str
    starts_at: str
    url: str
    reason: str | None
    registrants: list[Registrant] = field(metadata=PERSONAL)


@dataclass(frozen=True, kw_only=True)
class RegistrationCreated(Contract):
    TYPE = "calendar.registration_created"
    SUBJECT = "registration_id"

    registration_id: str
    event_id: str
    title: str
    starts_at: str
    location: str | None
    url: str
    status: str  # confirmed or waitlisted
    cancel_url: str
    registrant: Person = field(metadata=PERSONAL)


@dataclass(frozen=True, kw_only=True)
class RegistrationPromoted(RegistrationCreated):
    """A waiting-list place became free: `status` is `confirmed`."""

    TYPE = "calendar.registration_promoted"
