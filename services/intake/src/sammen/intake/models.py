"""Intake's tables: ideas with the initiator's contact, the public history, idempotency keys."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sammen.db import columns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class Idea(columns.InitiatorContact, columns.AgentContact, Base):
    __tablename__ = "ideas"

    id: Mapped[columns.UuidKey]
    tracking_code: Mapped[str] = mapped_column(String(9), unique=True)
    title: Mapped[columns.Title]
    description: Mapped[columns.Prose]
    theme: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(30))
    location: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30), default="received")
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    consent_contact: Mapped[bool]
    consent_publish: Mapped[bool]
    erased_at: Mapped[datetime | None]
    # Who took the case over at its last hand-over, from case.status_changed: unit and name are
    # public; their e-mail is not kept here, so the status page can never show it.
    responsible_unit: Mapped[str | None] = mapped_column(String(160))
    responsible_name: Mapped[columns.PersonName | None]
    # The initiator's private write-back link: only a hash of its token is kept, so the table
    # never holds a working link. Replies close with the case (a final status) and on erasure.
    reply_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    replies_closed_at: Mapped[datetime | None]

    history: Mapped[list[HistoryLine]] = columns.parts("HistoryLine.id")


class HistoryLine(columns.TimelineEntry, Base):
    """A line of the idea's public history, from the case's timeline."""

    __tablename__ = "idea_history"

    idea_id: Mapped[str] = columns.owned_by("ideas.id")
    status: Mapped[str] = mapped_column(String(30))
    # The words the agent wrote to the initiator; the platform's own lines are told from `kind`
    # and `data` (JSON facts, e.g. the agent's name) in the reader's language.
    message: Mapped[columns.Prose | None]
    data: Mapped[columns.Prose | None]

    @property
    def facts(self) -> dict[str, str]:
        return json.loads(self.data) if self.data else {}


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("client", "key"),)

    id: Mapped[columns.SerialKey]
    client: Mapped[str] = mapped_column(String(60))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    idea_id: Mapped[str] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
