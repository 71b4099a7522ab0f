"""The calendar's contracts: events published, changed, cancelled and closed, registrations,
joint meetings and Gentofte Talks proposals."""

from __future__ import annotations

from dataclasses import field

from sammen.contracts.base import PERSONAL, Contract, Shape
from sammen.contracts.people import Person


class Registrant(Shape):
    """Someone signed up for an event, to be told of changes (notify)."""

    registration_id: str
    name: str | None
    email: str | None
    cancel_url: str


class EventPublished(Contract, event_type="calendar.event_published", subject="event_id"):
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


class EventChanged(EventPublished, event_type="calendar.event_changed"):
    sequence: int
    changes: list[str]  # the names of the fields changed
    registrants: list[Registrant] = field(metadata=PERSONAL)


class EventCancelled(Contract, event_type="calendar.event_cancelled", subject="event_id"):
    event_id: str
    title: str
    starts_at: str
    url: str
    reason: str | None
    registrants: list[Registrant] = field(metadata=PERSONAL)


class RegistrationCreated(
    Contract, event_type="calendar.registration_created", subject="registration_id"
):
    registration_id: str
    event_id: str
    title: str
    starts_at: str
    location: str | None
    url: str
    status: str  # confirmed or waitlisted
    cancel_url: str
    registrant: Person = field(metadata=PERSONAL)


class RegistrationPromoted(RegistrationCreated, event_type="calendar.registration_promoted"):
    """A waiting-list place became free: `status` is `confirmed`."""


class FollowUp(Shape):
    """What a closed meeting takes further."""

    kind: str  # topic, recommendation, task_committee, other
    text: str
    url: str | None


class Attendee(Shape):
    """Someone who had a seat at a closed meeting, to be told what came of it."""

    registration_id: str
    name: str | None
    email: str | None


class EventClosed(Contract, event_type="calendar.event_closed", subject="event_id"):
    """A held meeting closed (again at each correction); the calendar mails the attendees."""

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


class MovedRegistrant(Shape):
    """A registration moved from a meeting to the joint meeting that replaces it."""

    registration_id: str
    from_event_id: str
    name: str | None
    email: str | None
    status: str  # confirmed or waitlisted
    cancel_url: str


class JointMeetingCreated(
    Contract, event_type="calendar.joint_meeting_created", subject="event_id"
):
    event_id: str  # the joint event
    title: str
    starts_at: str
    organizers: list[str]  # the union of the joined meetings'
    url: str
    joined_event_ids: list[str]
    registrants: list[MovedRegistrant] = field(metadata=PERSONAL)


class Proposer(Person):
    """Who proposed a Gentofte Talk; name and e-mail are erased on request."""

    organisation: str
    type: str


class TalkProposed(Contract, event_type="calendar.talk_proposed", subject="proposal_id"):
    proposal_id: str
    title: str
    description: str
    proposer: Proposer = field(metadata=PERSONAL)
    host_event: str
    wished_start: str
    location: str
    topics: list[str]
    staff_url: str  # the coordinators' page


class TalkApproved(Contract, event_type="calendar.talk_approved", subject="proposal_id"):
    proposal_id: str
    event_id: str  # the Talk, also a `calendar.event_published`
    title: str
    starts_at: str
    url: str
    initiative: str  # the proposer's organisation, public
    proposer: Proposer = field(metadata=PERSONAL)


class TalkDeclined(Contract, event_type="calendar.talk_declined", subject="proposal_id"):
    proposal_id: str
    title: str
    reason: str  # to the proposer
    proposer: Proposer = field(metadata=PERSONAL)
