"""The calendar's public addresses: an event's page, an organizer's feed, a registrant's cancel link.

The cancel link carries the registration's id signed with the secret key, so it cannot be guessed.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer

from sammen.calendar import SERVICE
from sammen.calendar.errors import NotFound
from sammen.config import Settings

_CANCEL_SALT = "calendar-registration-cancel"


def event_url(settings: Settings, event_id: str) -> str:
    """The event's public page."""
    return f"{settings.base_url(SERVICE)}/arrangementer/{event_id}"


def organizer_feed_url(settings: Settings, slug: str) -> str:
    """The organizer's iCalendar feed."""
    return f"{settings.base_url(SERVICE)}/organizers/{slug}/calendar.ics"


def _serializer(settings: Settings) -> URLSafeSerializer:
    return URLSafeSerializer(settings.secret_key, salt=_CANCEL_SALT)


def cancel_token(settings: Settings, registration_id: str) -> str:
    """The secret part of a registrant's cancel link."""
    return _serializer(settings).dumps(registration_id)


def registration_id_of(settings: Settings, token: str) -> str:
    """The registration a cancel token was made for; NotFound when it was not made here."""
    try:
        return str(_serializer(settings).loads(token))
    except BadSignature:
        raise NotFound from None


def cancel_url(settings: Settings, registration_id: str) -> str:
    """The registrant's own page, where they cancel."""
    return f"{settings.base_url(SERVICE)}/tilmeldinger/{cancel_token(settings, registration_id)}"
