"""The realisation's tables: committees and members, recommendations with milestones and updates,
followers, questions to the owner, and the committees' meetings from the calendar."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import columns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class UpdateRecipient:
    """Someone every update of a recommendation is mailed to (a committee's member, a follower):
    their address, the mails' language, and the token of their one-click opt-out."""

    email: Mapped[columns.PersonEmail]
    language: Mapped[columns.Language]
    unsubscribe_token: Mapped[str] = mapped_column(String(64), unique=True)
    unsubscribed_at: Mapped[datetime | None]


class RecommendationPart:
    """A row that belongs to one recommendation: a milestone, link, update, follower or question."""

    recommendation_id: Mapped[str] = mapped_column(ForeignKey("recommendations.id"), index=True)


class Committee(Base):
    __tablename__ = "committees"

    id: Mapped[columns.UuidKey]
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[columns.Prose | None]
    # The calendar organizer whose meetings (yearly meeting, temamøder) show on its pages.
    organizer: Mapped[str | None] = mapped_column(String(80), index=True)
    created_at: Mapped[datetime]

    members: Mapped[list[Member]] = relationship(order_by="Member.name")


class Member(UpdateRecipient, Base):
    """A member is told of every update without signing up."""

    __tablename__ = "members"

    id: Mapped[columns.UuidKey]
    committee_id: Mapped[str] = mapped_column(ForeignKey("committees.id"), index=True)
    name: Mapped[columns.PersonName]
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]


class Recommendation(Base):
    __tablename__ = "recommendations"

    id: Mapped[columns.UuidKey]
    committee_id: Mapped[str] = mapped_column(ForeignKey("committees.id"), index=True)
    title: Mapped[columns.Title]
    summary: Mapped[columns.Prose]
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_on: Mapped[date]
    # The named owner: unit and name are public, the address is the owner's work contact.
    responsible_unit: Mapped[str] = mapped_column(String(200))
    responsible_name: Mapped[columns.PersonName]
    responsible_email: Mapped[columns.Email]
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[int]
    dropped_reason: Mapped[columns.Prose | None]
    how_to_contribute: Mapped[columns.Prose | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    committee: Mapped[Committee] = relationship()
    milestones: Mapped[list[Milestone]] = columns.parts("Milestone.position")
    links: Mapped[list[Link]] = columns.parts("Link.id")
    updates: Mapped[list[Update]] = columns.parts("Update.published_at.desc()")


class Milestone(RecommendationPart, Base):
    __tablename__ = "milestones"

    id: Mapped[columns.SerialKey]
    position: Mapped[int]
    title: Mapped[columns.Title]
    due_on: Mapped[date | None]
    done_at: Mapped[datetime | None]


class Link(RecommendationPart, Base):
    """An idea whose case is realised, a hearing or a theme discussion behind the recommendation."""

    __tablename__ = "links"

    id: Mapped[columns.SerialKey]
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500))


class Update(RecommendationPart, Base):
    __tablename__ = "updates"

    id: Mapped[columns.UuidKey]
    text: Mapped[columns.Prose]
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[int]
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"))
    media_kind: Mapped[str | None] = mapped_column(String(10))
    media_url: Mapped[str | None] = mapped_column(String(500))
    media_title: Mapped[columns.Title | None]
    transcript: Mapped[columns.Prose | None]
    published_at: Mapped[datetime]
    published_by: Mapped[int]

    milestone: Mapped[Milestone | None] = relationship()


class Follower(UpdateRecipient, RecommendationPart, Base):
    """Following starts at `confirmed_at` (double opt-in) and ends at `unsubscribed_at`."""

    __tablename__ = "followers"

    id: Mapped[columns.UuidKey]
    confirm_token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]


class Question(RecommendationPart, Base):
    """A citizen's question to the owner; shown with its answer, never with the asker's name."""

    __tablename__ = "questions"

    id: Mapped[columns.UuidKey]
    asker_name: Mapped[columns.PersonName]
    asker_email: Mapped[columns.PersonEmail]
    language: Mapped[columns.Language]
    text: Mapped[columns.Prose]
    asked_at: Mapped[datetime]
    due_at: Mapped[datetime] = mapped_column(index=True)
    at_risk_from: Mapped[datetime]
    at_risk_noted_at: Mapped[datetime | None]
    breached_noted_at: Mapped[datetime | None]
    answer: Mapped[columns.Prose | None]
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[int | None]

    recommendation: Mapped[Recommendation] = relationship()


class Meeting(Base):
    """A public calendar meeting of a committee's organizer, kept from the calendar's events."""

    __tablename__ = "meetings"

    event_id: Mapped[columns.UuidKey]
    organizer: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[columns.Title]
    starts_at: Mapped[datetime] = mapped_column(index=True)
    location: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500))
