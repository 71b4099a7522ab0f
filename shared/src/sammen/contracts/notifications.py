"""The mail contracts: a mail any service words for notify to deliver, and notify's outcomes."""

from __future__ import annotations

from dataclasses import field

from sammen.contracts.base import OMITTED, PERSONAL, Contract, Shape


class Recipient(Shape):
    email: str
    name: str | None = None


class NotificationRequested(Contract, event_type="notification.requested"):
    """Notify checks the values (a safe mail, an address it can carry) and parks what is not. The
    envelope's subject is the requester's own id of the message."""

    reference: str  # unique per message: the same reference twice is one mail
    to: Recipient = field(metadata=PERSONAL)
    language: str
    subject: str
    text: str
    html: str | None = field(default=None, metadata=OMITTED)
    category: str
    # With it the mail is non-essential (and carries RFC 8058 List-Unsubscribe).
    unsubscribe_url: str | None = field(default=None, metadata=OMITTED)


class NotificationSent(Contract, event_type="notification.sent", subject="notification_id"):
    notification_id: str
    template: str
    reference: str  # the event that caused it, or a requested message's reference
    status: str


class NotificationFailed(NotificationSent, event_type="notification.failed"):
    pass
