"""Notify's tables: initiators' contacts, outgoing messages with their delivery status, preferences.

Addresses are personal data: a message keeps its address only until it is final and the retention
period has passed, and grouping (uniqueness, rate limit, digest, preferences) uses `recipient_key`,
a keyed hash of the address, never the address itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sammen.db import columns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class Contact(Base):
    """The initiator of an idea, from `idea.submitted`, for the mails that follow the case."""

    __tablename__ = "contacts"

    idea_id: Mapped[columns.UuidKey]
    tracking_code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[columns.PersonName | None]
    email: Mapped[columns.Email]
    recipient_key: Mapped[str] = mapped_column(String(64), index=True)
    # The language the initiator wrote to us in ("da" or "en"): every mail to them is in it.
    language: Mapped[str] = mapped_column(String(5), default="da", server_default="da")
    # The initiator's private write-back link (a secret): every mail to them carries it.
    reply_url: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime]


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        # Exactly one message per (event, recipient, template), however often the event arrives.
        UniqueConstraint("event_id", "recipient_key", "template", name="uq_message_once"),
        Index("ix_messages_due", "status", "next_attempt_at"),
        Index("ix_messages_recipient_sent", "recipient_key", "sent_at"),
    )

    id: Mapped[columns.UuidKey]
    event_id: Mapped[str] = mapped_column(String(80), index=True)  # the reference
    event_type: Mapped[str] = mapped_column(String(60))
    event_time: Mapped[datetime]
    tracking_code: Mapped[str | None] = mapped_column(String(20), index=True)
    template: Mapped[str] = mapped_column(String(60), index=True)
    template_version: Mapped[int]
    essential: Mapped[bool]
    recipient_kind: Mapped[str] = mapped_column(String(10))
    recipient_key: Mapped[str] = mapped_column(String(64))
    recipient: Mapped[columns.Email | None]
    recipient_name: Mapped[columns.PersonName | None]
    preference_id: Mapped[str | None] = mapped_column(String(36))
    subject: Mapped[str | None] = mapped_column(String(300))
    body_text: Mapped[columns.Prose | None]
    body_html: Mapped[columns.Prose | None]
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    failure_reason: Mapped[str | None] = mapped_column(String(300))
    digest_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # A requested message (`notification.requested`): the requester's kind of mail, and the
    # unsubscribe address of the list it belongs to (the requester's, in List-Unsubscribe).
    category: Mapped[str | None] = mapped_column(String(60))
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    status_changed_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    bodies_deleted_at: Mapped[datetime | None]


class CaseAgent(Base):
    """Who a case is assigned to now, from `case.assigned`: the agent who may read its mails."""

    __tablename__ = "case_agents"

    tracking_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    agent_id: Mapped[int] = mapped_column(index=True)
    assigned_at: Mapped[datetime]


class Preference(Base):
    """A recipient's choices; its random id is what an unsubscribe link carries (not an address)."""

    __tablename__ = "preferences"

    id: Mapped[columns.UuidKey]
    recipient_key: Mapped[str] = mapped_column(String(64), unique=True)
    unsubscribed_at: Mapped[datetime | None]
    digest: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime]
