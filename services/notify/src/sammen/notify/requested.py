"""The generic message contract, `notification.requested`: a service words a mail, notify delivers it.

The requester writes subject and text in the recipient's language; notify checks that the request
can become a safe mail (nothing that could add a header, an address a mail can carry) and then
treats it as any message of its own: delivery status, retries, rate limit, digest and erasure.
These rules are pure: the service layer stores what `parse_request` returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sammen.notify.domain import LANGUAGES, Recipient

TEMPLATE = "requested"  # the stored template name of every requested message
TEMPLATE_VERSION = 1  # the contract's version

# Line breaks and other control characters in a header would start a header of their own.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]\\]+@[^@\s<>(),;:\"\[\]\\]+\.[^@\s<>(),;:\"\[\]\\]+$")
_CATEGORY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,59}$")
_URL = re.compile(r"^https?://[^\s<>\"]+$")
SUBJECT_LENGTH = 300
NAME_LENGTH = 120
EMAIL_LENGTH = 254
REFERENCE_LENGTH = 80
URL_LENGTH = 500


class InvalidRequest(ValueError):
    """A request notify cannot turn into a mail; names the field (the consumer parks the event)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


@dataclass(frozen=True)
class RequestedMessage:
    reference: str
    recipient: Recipient
    subject: str
    text: str
    html: str | None
    category: str
    unsubscribe_url: str | None

    @property
    def essential(self) -> bool:
        """Without an unsubscribe address the mail is one the person must get (a receipt)."""
        return self.unsubscribe_url is None


def _text(data: dict[str, Any], field: str, max_length: int | None = None, within: str = "") -> str:
    value = data.get(field)
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequest(within + field, "required text")
    if max_length is not None and len(value) > max_length:
        raise InvalidRequest(within + field, f"at most {max_length} characters")
    return value


def _header_text(data: dict[str, Any], field: str, max_length: int, within: str = "") -> str:
    value = _text(data, field, max_length, within)
    if _CONTROL.search(value):
        raise InvalidRequest(within + field, "no line breaks or control characters")
    return value.strip()


def _recipient(data: dict[str, Any], language: str) -> Recipient:
    person = data.get("to")
    if not isinstance(person, dict):
        raise InvalidRequest("to", "required: {name, email}")
    email = _header_text(person, "email", EMAIL_LENGTH, "to.")
    if not _ADDRESS.match(email):
        raise InvalidRequest("to.email", "an e-mail address")
    name = _header_text(person, "name", NAME_LENGTH, "to.") if person.get("name") else None
    return Recipient(email=email, name=name, kind="citizen", language=language)


def _unsubscribe_url(data: dict[str, Any]) -> str | None:
    if data.get("unsubscribe_url") in (None, ""):
        return None
    url = _header_text(data, "unsubscribe_url", URL_LENGTH)
    if not _URL.match(url):
        raise InvalidRequest("unsubscribe_url", "an http(s) address")
    return url


def parse_request(data: dict[str, Any]) -> RequestedMessage:
    """The message a `notification.requested` event asks for, or `InvalidRequest`."""
    language = data.get("language")
    if language not in LANGUAGES:
        raise InvalidRequest("language", "one of " + ", ".join(LANGUAGES))
    category = _header_text(data, "category", 60)
    if not _CATEGORY.match(category):
        raise InvalidRequest("category", "lower-case words separated by '.', '_' or '-'")
    html = data.get("html")
    if html is not None and not isinstance(html, str):
        raise InvalidRequest("html", "text or absent")
    return RequestedMessage(
        reference=_header_text(data, "reference", REFERENCE_LENGTH),
        recipient=_recipient(data, str(language)),
        subject=_header_text(data, "subject", SUBJECT_LENGTH),
        text=_text(data, "text"),
        html=html or None,
        category=category,
        unsubscribe_url=_unsubscribe_url(data),
    )
