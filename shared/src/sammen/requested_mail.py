"""A mail a service words itself and notify delivers: the data of `notification.requested`.

A service or pilot format writes the mail in the recipient's language and gives it a reference
that names what it answers, so the same mail asked for twice is sent once (docs/events.md).
"""

from __future__ import annotations

from flask_babel import get_locale

from sammen.contracts import NotificationRequested, Recipient
from sammen.web import LANGUAGES


def page_language() -> str:
    """The language of the page or API call a request comes through ("da" or "en")."""
    locale = get_locale()
    language = locale.language if locale else None
    return language if language in LANGUAGES else "da"


def one_line(text: str) -> str:
    """Subjects and names become mail headers: a line break there would be refused by notify."""
    return " ".join(text.split())


def mail_request(
    reference: str,
    to: tuple[str, str],
    language: str,
    category: str,
    subject: str,
    text: str,
    unsubscribe_url: str | None = None,
) -> NotificationRequested:
    """The event; with `unsubscribe_url` the mail is non-essential and carries RFC 8058's
    one-click unsubscribe to it."""
    name, email = to
    return NotificationRequested(
        reference=reference,
        to=Recipient(name=one_line(name), email=email),
        language=language,
        subject=one_line(subject),
        text=text,
        category=category,
        unsubscribe_url=unsubscribe_url or None,
    )
