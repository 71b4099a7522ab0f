"""What calendar consumes: privacy requests about registrants (names and e-mails), the
organizers each council secretary writes for, from the municipality's login, and ended staff
sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

import functools

from sammen import staff_sessions
from sammen.bus.consumer import Subscription
from sammen.calendar.service import assign_secretary_organizers, erase_person, report_person
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    ErasureRequested,
    SecretaryOrganizersAssigned,
    subscribe,
)


def subscriptions(settings: Settings) -> list[Subscription]:
    return [
        subscribe("calendar.erasure", functools.partial(erase_person, settings), ErasureRequested),
        subscribe("calendar.access", report_person, AccessRequested),
        subscribe("calendar.secretaries", assign_secretary_organizers, SecretaryOrganizersAssigned),
        staff_sessions.subscription("calendar"),
    ]
