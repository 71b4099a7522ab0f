"""The theme discussion's tables: discussions with their questions, and the answers to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Discussion(Base):
    __tablename__ = "discussions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    committee: Mapped[str] = mapped_column(String(160))
    intro: Mapped[str] = mapped_column(Text)
    # The committee's meeting in the calendar, where people sign up to come.
    event_id: Mapped[str | None] = mapped_column(String(36))
    closes_at: Mapped[datetime] = mapped_column(index=True)
    created_at: Mapped[datetime]
    created_by: Mapped[int]
    closed_at: Mapped[datetime | None]  # when dialogue.discussion_closed was sent
    summary: Mapped[str | None] = mapped_column(Text)  # the committee's conclusions, overall
    concluded_at: Mapped[datetime | None]

    questions: Mapped[list[Question]] = relationship(
        order_by="Question.position", cascade="all, delete-orphan"
    )


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    discussion_id: Mapped[str] = mapped_column(
        ForeignKey("discussions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(500))
    conclusion: Mapped[str | None] = mapped_column(Text)  # what the committee concluded on it


class Contribution(Base):
    __tablename__ = "contributions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    discussion_id: Mapped[str] = mapped_column(
        ForeignKey("discussions.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    # The contributor's contact: for staff, the export and the mails; never in events or logs.
    contributor_name: Mapped[str] = mapped_column(String(120))
    contributor_email: Mapped[str] = mapped_column(String(254), index=True)
    # The language the contributor wrote in ("da" or "en"): the mails to them are in it.
    language: Mapped[str] = mapped_column(String(5))
    text: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime]
    moderation: Mapped[str] = mapped_column(String(20))
    moderation_reason: Mapped[str | None] = mapped_column(Text)

    question: Mapped[Question] = relationship()
