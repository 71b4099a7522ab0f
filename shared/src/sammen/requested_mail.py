"""A mail a service words itself and notify delivers: the data of `notification.requested`.

A service or pilot format writes the mail in the recipient's language and gives it a reference
that names what it answers, so the same mail asked for twice is sent once (docs/events.md).
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale

from sammen.web import LANGUAGES

EVENT_TYPE = "notification.requested"


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
) -> dict[str, Any]:
    """The event data; with `unsubscribe_url` the mail is non-essential and carries RFC 8058's
    one-click unsubscribe to it."""
    name, email = to
    data: dict[str, Any] = {
        "reference": reference,
        "to": {"name": one_line(name), "email": email},
        "language": language,
        "subject": one_line(subject),
        "text": text,
        "category": category,
    }
    if unsubscribe_url:
        data["unsubscribe_url"] = unsubscribe_url
    return data
