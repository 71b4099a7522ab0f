"""Intake's tables: ideas with the initiator's contact, the public history, idempotency keys."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Idea(Base):
    __tablename__ = "ideas"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tracking_code: Mapped[str] = mapped_column(String(9), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(30))
    location: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30), default="received")
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # The initiator's contact: never shown publicly, never logged, erased on request.
    initiator_name: Mapped[str | None] = mapped_column(String(120))
    initiator_email: Mapped[str | None] = mapped_column(String(254), index=True)
    initiator_phone: Mapped[str | None] = mapped_column(String(40))
    initiator_organisation: Mapped[str | None] = mapped_column(String(160))
    initiator_age_group: Mapped[str | None] = mapped_column(String(20))
    consent_contact: Mapped[bool]
    consent_publish: Mapped[bool]
    erased_at: Mapped[datetime | None]
    # The sparring agent's work contact, from case.assigned: public by design.
    agent_name: Mapped[str | None] = mapped_column(String(120))
    agent_email: Mapped[str | None] = mapped_column(String(254))
    agent_phone: Mapped[str | None] = mapped_column(String(40))
    # Who took the case over at its last hand-over, from case.status_changed: unit and name are
    # public; their e-mail is not kept here, so the status page can never show it.
    responsible_unit: Mapped[str | None] = mapped_column(String(160))
    responsible_name: Mapped[str | None] = mapped_column(String(120))
    # The initiator's private write-back link: only a hash of its token is kept, so the table
    # never holds a working link. Replies close with the case (a final status) and on erasure.
    reply_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    replies_closed_at: Mapped[datetime | None]

    history: Mapped[list[HistoryLine]] = relationship(
        order_by="HistoryLine.id", cascade="all, delete-orphan"
    )


class HistoryLine(Base):
    __tablename__ = "idea_history"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    idea_id: Mapped[str] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30))
    # The words the agent wrote to the initiator; the platform's own lines are told from `kind`
    # and `data` (JSON facts, e.g. the agent's name) in the reader's language.
    message: Mapped[str | None] = mapped_column(Text)
    data: Mapped[str | None] = mapped_column(Text)

    @property
    def facts(self) -> dict[str, str]:
        return json.loads(self.data) if self.data else {}


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("client", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    client: Mapped[str] = mapped_column(String(60))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    idea_id: Mapped[str] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
