"""The theme discussion's tables: discussions with their questions, and the answers to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import columns
from sammen.pilot_formats.moderation import ModeratedColumns
from sammen.pilot_formats.tables import ConsultationColumns, PartColumns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class Discussion(ConsultationColumns, Base):
    """A theme discussion; its `summary` is the committee's conclusions overall, `closed_at` when
    dialogue.discussion_closed was sent."""

    __tablename__ = "discussions"

    committee: Mapped[str] = mapped_column(String(160))
    intro: Mapped[columns.Prose]
    # The committee's meeting in the calendar, where people sign up to come.
    event_id: Mapped[str | None] = mapped_column(String(36))
    closes_at: Mapped[datetime] = mapped_column(index=True)
    concluded_at: Mapped[datetime | None]

    questions: Mapped[list[Question]] = columns.parts("Question.position")


class Question(PartColumns, Base):
    __tablename__ = "questions"

    discussion_id: Mapped[str] = columns.owned_by("discussions.id")
    text: Mapped[str] = mapped_column(String(500))
    conclusion: Mapped[columns.Prose | None]  # what the committee concluded on it


class Contribution(ModeratedColumns, Base):
    __tablename__ = "contributions"

    id: Mapped[columns.UuidKey]
    discussion_id: Mapped[str] = columns.owned_by("discussions.id")
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    # The contributor's contact: for staff, the export and the mails; never in events or logs.
    contributor_name: Mapped[columns.PersonName]
    contributor_email: Mapped[columns.PersonEmail]
    # The language the contributor wrote in ("da" or "en"): the mails to them are in it.
    language: Mapped[columns.Language]
    text: Mapped[columns.Prose]

    question: Mapped[Question] = relationship()
