"""The idea board's tables: published ideas, offers to join them, and comments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Idea(Base):
    """A case an agent published with the initiator's consent: public text only."""

    __tablename__ = "ideas"

    case_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    # Every published case has both (the migrated columns allow null, unused).
    idea_id: Mapped[str] = mapped_column(String(60), index=True, nullable=True)
    tracking_code: Mapped[str] = mapped_column(String(20), index=True, nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(30))
    status_at: Mapped[datetime]
    # The sparring agent's work contact: public by design.
    agent_name: Mapped[str | None] = mapped_column(String(120))
    agent_email: Mapped[str | None] = mapped_column(String(254))
    agent_phone: Mapped[str | None] = mapped_column(String(40))
    published_at: Mapped[datetime] = mapped_column(index=True)
    last_activity_at: Mapped[datetime] = mapped_column(index=True)

    comments: Mapped[list[Comment]] = relationship(
        order_by="Comment.created_at", cascade="all, delete-orphan"
    )


class Join(Base):
    """Someone offering help, a resource or a contact; never shown publicly."""

    __tablename__ = "joins"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("ideas.case_id", ondelete="CASCADE"), index=True
    )
    offer: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    helper_name: Mapped[str] = mapped_column(String(120))
    helper_email: Mapped[str] = mapped_column(String(254), index=True)
    created_at: Mapped[datetime]


class Comment(Base):
    """A question or comment under an idea: the name is shown, the e-mail never."""

    __tablename__ = "comments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("ideas.case_id", ondelete="CASCADE"), index=True
    )
    author_name: Mapped[str] = mapped_column(String(120))
    author_email: Mapped[str] = mapped_column(String(254), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str | None] = mapped_column(Text)
