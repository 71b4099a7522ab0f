"""The hub's tables: formats heard from, and reported contributions with their reports and decisions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sammen.db import columns
from sammen.dialogue import domain


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class Format(Base):
    """The latest announcement of a format; whether it is live is decided when read (TTL)."""

    __tablename__ = "formats"

    slug: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500))
    staff_url: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[str] = mapped_column(String(40), default="")
    ttl_seconds: Mapped[float]
    started_at: Mapped[datetime | None]
    last_seen: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]

    @property
    def expires_at(self) -> datetime:
        """When it drops out of the portal unless it announces itself again."""
        return domain.expires_at(self.last_seen, self.ttl_seconds)


class Contribution(Base):
    """A contribution in some format that someone reported; one row however often it is reported."""

    __tablename__ = "contributions"
    __table_args__ = (UniqueConstraint("format", "contribution_id"),)

    id: Mapped[columns.SerialKey]
    format: Mapped[str] = mapped_column(String(60), index=True)
    contribution_id: Mapped[str] = mapped_column(String(60))
    excerpt: Mapped[str] = mapped_column(Text, default="")
    # The writer as a keyed hash of their address (sammen.privacy.person_key), never the address:
    # how an erasure or access request finds their contributions here.
    author_key: Mapped[str | None] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), index=True)
    first_reported_at: Mapped[datetime]
    last_reported_at: Mapped[datetime]

    reports: Mapped[list[Report]] = columns.parts("Report.id")
    decisions: Mapped[list[Decision]] = columns.parts("Decision.id")


class ContributionPart:
    """A row that belongs to one reported contribution, and goes with it: a report, a decision."""

    contribution_pk: Mapped[int] = columns.owned_by("contributions.id")


class Report(ContributionPart, Base):
    __tablename__ = "reports"

    id: Mapped[columns.SerialKey]
    reason: Mapped[str] = mapped_column(Text, default="")
    reported_at: Mapped[datetime]


class Decision(ContributionPart, Base):
    __tablename__ = "decisions"

    id: Mapped[columns.SerialKey]
    action: Mapped[str] = mapped_column(String(20))
    reason: Mapped[columns.Prose]
    moderator_id: Mapped[int]
    moderator_name: Mapped[columns.PersonName]
    decided_at: Mapped[datetime]
