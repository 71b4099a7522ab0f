"""The mail contracts: a mail any service words for notify to deliver, and notify's outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sammen.contracts.base import OMITTED, PERSONAL, Contract, Shape


@dataclass(frozen=True, kw_only=True)
class Recipient(Shape):
    email: str
    name: str | None = None


@dataclass(frozen=True, kw_only=True)
class NotificationRequested(Contract):
    """Notify checks the values (a safe mail, an address it can carry) and parks what is not."""

    TYPE = "notification.requested"
    SUBJECT = None  # the requester's own id of the message

    reference: str  # unique per message: the same reference twice is one mail
    to: Recipient = field(metadata=PERSONAL)
    language: str
    subject: str
    text: str
    html: str | None = field(default=None, metadata=OMITTED)
    category: str
    # With it the mail is non-essential (and carries RFC 8058 List-Unsubscribe).
    unsubscribe_url: str | None = field(default=None, metadata=OMITTED)


@dataclass(frozen=True, kw_only=True)
class NotificationSent(Contract):
    TYPE = "notification.sent"
    SUBJECT = "notification_id"

    notification_id: str
    template: str
    reference: str  # the event that caused it, or a requested message's reference
    status: str


@dataclass(frozen=True, kw_only=True)
class NotificationFailed(NotificationSent):
    TYPE = "notification.failed"
