"""The calendar's contracts: events published, changed, cancelled and closed, registrations,
joint meetings and Gentofte Talks proposals."""

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


@dataclass(frozen=True, kw_only=True)
class FollowUp(Shape):
    """What a closed meeting takes further."""

    kind: str  # topic, recommendation, task_committee, other
    text: str
    url: str | None


@dataclass(frozen=True, kw_only=True)
class Attendee(Shape):
    """Someone who had a seat at a closed meeting, to be told what came of it."""

    registration_id: str
    name: str | None
    email: str | None


@dataclass(frozen=True, kw_only=True)
class EventClosed(Contract):
    """A held meeting closed (again at each correction); the calendar mails the attendees."""

    TYPE = "calendar.event_closed"
    SUBJECT = "event_id"

    event_id: str
    title: str
    starts_at: str
    organizers: list[str]
    url: str
    summary: str  # "Det hørte vi", public
    attendees: int | None
    organisations: list[str]
    follow_up: list[FollowUp]
    registrants: list[Attendee] = field(metadata=PERSONAL)


@dataclass(frozen=True, kw_only=True)
class MovedRegistrant(Shape):
    """A registration moved from a meeting to the joint meeting that replaces it."""

    registration_id: str
    from_event_id: str
    name: str | None
    email: str | None
    status: str  # confirmed or waitlisted
    cancel_url: str


@dataclass(frozen=True, kw_only=True)
class JointMeetingCreated(Contract):
    TYPE = "calendar.joint_meeting_created"
    SUBJECT = "event_id"

    event_id: str  # the joint event
    title: str
    starts_at: str
    organizers: list[str]  # the union of the joined meetings'
    url: str
    joined_event_ids: list[str]
    registrants: list[MovedRegistrant] = field(metadata=PERSONAL)


@dataclass(frozen=True, kw_only=True)
class Proposer(Shape):
    """Who proposed a Gentofte Talk; name and e-mail are erased on request."""

    name: str | None
    email: str | None
    organisation: str
    type: str


@dataclass(frozen=True, kw_only=True)
class TalkProposed(Contract):
    TYPE = "calendar.talk_proposed"
    SUBJECT = "proposal_id"

    proposal_id: str
    title: str
    description: str
    proposer: Proposer = field(metadata=PERSONAL)
    host_event: str
    wished_start: str
    location: str
    topics: list[str]
    staff_url: str  # the coordinators' page


@dataclass(frozen=True, kw_only=True)
class TalkApproved(Contract):
    TYPE = "calendar.talk_approved"
    SUBJECT = "proposal_id"

    proposal_id: str
    event_id: str  # the Talk, also a `calendar.event_published`
    title: str
    starts_at: str
    url: str
    initiative: str  # the proposer's organisation, public
    proposer: Proposer = field(metadata=PERSONAL)


@dataclass(frozen=True, kw_only=True)
class TalkDeclined(Contract):
    TYPE = "calendar.talk_declined"
    SUBJECT = "proposal_id"

    proposal_id: str
    title: str
    reason: str  # to the proposer
    proposer: Proposer = field(metadata=PERSONAL)
