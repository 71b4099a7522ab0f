"""Calendar's tables: organizers, secretaries, events (with a rendered VEVENT), registrations,
proposed agenda items."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import columns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class Organizer(Base):
    __tablename__ = "organizers"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))


class SecretaryOrganizer(Base):
    """Which organizers a council secretary writes for (staff email → organizer)."""

    __tablename__ = "secretary_organizers"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    organizer_slug: Mapped[str] = columns.keyed_by("organizers.slug")


class EventOrganizer(Base):
    __tablename__ = "event_organizers"

    event_id: Mapped[str] = columns.keyed_by("events.id")
    organizer_slug: Mapped[str] = mapped_column(ForeignKey("organizers.slug"), primary_key=True)


class EventTopic(Base):
    __tablename__ = "event_topics"

    event_id: Mapped[str] = columns.keyed_by("events.id")
    topic: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_public_updated", "public", "updated_at"),)

    id: Mapped[columns.UuidKey]
    title: Mapped[columns.Title]
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(40))
    location: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(30))
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    rrule: Mapped[str | None] = mapped_column(String(300))
    # Copenhagen wall-clock times, ISO, one per line (few per event; never queried).
    exdates: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    cancel_reason: Mapped[columns.Prose | None]
    registration_capacity: Mapped[int | None] = mapped_column(Integer)
    registration_deadline: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    created_by: Mapped[columns.Email]
    # The event's VEVENT as the feeds serve it, rendered at each change so a feed of thousands
    # of events is a join of stored text; `ical_base_url` says which public address it links to.
    ical: Mapped[str] = mapped_column(Text, default="")
    ical_base_url: Mapped[str] = mapped_column(String(200), default="")

    organizer_links: Mapped[list[EventOrganizer]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=EventOrganizer.organizer_slug
    )
    topic_links: Mapped[list[EventTopic]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=EventTopic.topic
    )

    @property
    def organizers(self) -> list[str]:
        return [link.organizer_slug for link in self.organizer_links]

    @property
    def topics(self) -> list[str]:
        return [link.topic for link in self.topic_links]

    @property
    def exdate_list(self) -> list[datetime]:
        return [datetime.fromisoformat(line) for line in self.exdates.splitlines() if line]


class Registration(Base):
    __tablename__ = "registrations"

    id: Mapped[columns.UuidKey]
    event_id: Mapped[str] = columns.owned_by("events.id")
    # The registrant: never logged, never in a URL, erased on request.
    name: Mapped[columns.PersonName | None]
    email: Mapped[columns.PersonEmail | None]
    status: Mapped[str] = mapped_column(String(20))  # confirmed, waitlisted, cancelled, erased
    created_at: Mapped[datetime]
    # Waiting-list order, fixed at sign-up under the event's lock.
    position: Mapped[int] = mapped_column(Integer)
    cancelled_at: Mapped[datetime | None]


class ProposedAgendaItem(Base):
    """A case a sparring agent linked to a council (routing's `case.linked`), for the council's
    secretaries to put on an agenda. Ids, the case's title and the agent's work contact: no
    initiator data."""

    __tablename__ = "proposed_agenda_items"
    __table_args__ = (UniqueConstraint("case_id", "organizer_slug"),)

    id: Mapped[columns.UuidKey]
    organizer_slug: Mapped[str] = columns.owned_by("organizers.slug")
    case_id: Mapped[str] = mapped_column(String(36))
    tracking_code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    case_url: Mapped[str] = mapped_column(String(500))
    proposed_by_name: Mapped[str] = mapped_column(String(160))
    proposed_by_email: Mapped[columns.Email | None]
    linked_at: Mapped[datetime]


class EventClosing(Base):
    """What came of a meeting that was held: "Det hørte vi", who came, what is taken further."""

    __tablename__ = "event_closings"

    event_id: Mapped[str] = columns.keyed_by("events.id")
    summary: Mapped[columns.Prose]
    attendees: Mapped[int | None] = mapped_column(Integer)
    organisations: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of names
    follow_up: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{kind, text, url}]
    closed_at: Mapped[datetime]
    closed_by: Mapped[columns.Email]


class JointMeetingSource(Base):
    """A meeting cancelled because it is held as part of a joint meeting."""

    __tablename__ = "joint_meeting_sources"

    event_id: Mapped[str] = columns.keyed_by("events.id")
    joint_event_id: Mapped[str] = columns.owned_by("events.id")
    joined_at: Mapped[datetime]
    joined_by: Mapped[columns.Email]


class TalkProposal(Base):
    """A Gentofte Talk proposed by the public, waiting for a coordinator's answer."""

    __tablename__ = "talk_proposals"

    id: Mapped[columns.UuidKey]
    title: Mapped[columns.Title]
    description: Mapped[columns.Prose]
    # The proposer: never logged, erased on request (the organisation's name stays, as the
    # published Talk shows it).
    proposer_name: Mapped[columns.PersonName | None]
    proposer_email: Mapped[columns.PersonEmail | None]
    proposer_organisation: Mapped[str] = mapped_column(String(200))
    proposer_type: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(String(5))  # the proposer's mails' language
    host_event: Mapped[str] = mapped_column(String(300), default="")
    wished_start: Mapped[datetime]
    location: Mapped[str] = mapped_column(String(300), default="")
    topics: Mapped[str] = mapped_column(Text, default="")  # one slug per line
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[columns.Email | None]
    decline_reason: Mapped[columns.Prose | None]
    event_id: Mapped[str | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )

    @property
    def topic_list(self) -> list[str]:
        return [line for line in self.topics.splitlines() if line]
