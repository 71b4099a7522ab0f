"""The idea board's tables: published ideas, offers to join them, and comments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sammen.db import columns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class Idea(columns.AgentContact, Base):
    """A case an agent published with the initiator's consent: public text only."""

    __tablename__ = "ideas"

    case_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    # Every published case has both (the migrated columns allow null, unused).
    idea_id: Mapped[str] = mapped_column(String(60), index=True, nullable=True)
    tracking_code: Mapped[str] = mapped_column(String(20), index=True, nullable=True)
    title: Mapped[columns.Title]
    summary: Mapped[columns.Prose]
    theme: Mapped[str] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(30))
    status_at: Mapped[datetime]
    published_at: Mapped[datetime] = mapped_column(index=True)
    last_activity_at: Mapped[datetime] = mapped_column(index=True)

    comments: Mapped[list[Comment]] = columns.parts("Comment.created_at")


class Join(Base):
    """Someone offering help, a resource or a contact; never shown publicly."""

    __tablename__ = "joins"

    id: Mapped[columns.UuidKey]
    case_id: Mapped[str] = columns.owned_by("ideas.case_id")
    offer: Mapped[str] = mapped_column(String(20))
    message: Mapped[columns.Prose]
    helper_name: Mapped[columns.PersonName]
    helper_email: Mapped[columns.PersonEmail]
    created_at: Mapped[datetime]


class Comment(Base):
    """A question or comment under an idea: the name is shown, the e-mail never."""

    __tablename__ = "comments"

    id: Mapped[columns.UuidKey]
    case_id: Mapped[str] = columns.owned_by("ideas.case_id")
    author_name: Mapped[columns.PersonName]
    author_email: Mapped[columns.PersonEmail]
    body: Mapped[columns.Prose]
    created_at: Mapped[datetime]
    hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[columns.Prose | None]
