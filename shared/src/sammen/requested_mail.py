"""A mail a service words itself, as a `notification.requested` for notify (docs/events.md)."""

from __future__ import annotations

from flask_babel import get_locale

from sammen.contracts import NotificationRequested, Recipient
from sammen.web import LANGUAGES


def page_language() -> str:
    """The language of the page or API call a submission comes through ("da" or "en")."""
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
) -> NotificationRequested:
    """The `notification.requested` for the recipient `to` (name, e-mail); an essential mail."""
    name, email = to
    return NotificationRequested(
        reference=reference,
        to=Recipient(name=one_line(name), email=email),
        language=language,
        subject=one_line(subject),
        text=text,
        category=category,
    )
