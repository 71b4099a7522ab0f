"""What calendar consumes: privacy requests about registrants (names and e-mails), the
organizers each council secretary writes for, from the municipality's login, and ended staff
sessions (its staff pages and API accept staff tokens)."""

from __future__ import annotations

import functools

from sammen import staff_sessions
from sammen.bus.consumer import Subscription
from sammen.calendar.access import assign_secretary_organizers
from sammen.calendar.privacy import erase_person, report_person
from sammen.config import Settings


def subscriptions(settings: Settings) -> list[Subscription]:
    return [
        Subscription(
            "calendar.erasure",
            ("person.erasure_requested",),
            functools.partial(erase_person, settings),
        ),
        Subscription("calendar.access", ("person.access_requested",), report_person),
        Subscription(
            "calendar.secretaries",
            ("staff.secretary_organizers_assigned",),
            assign_secretary_organizers,
        ),
        staff_sessions.subscription("calendar"),
    ]
