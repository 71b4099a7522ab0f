"""What calendar consumes: privacy requests about registrants (names and e-mails), the
organizers each council secretary writes for, from the municipality's login, cases linked to a
council (proposed agenda items), and ended staff sessions (its staff pages and API accept staff
tokens)."""

from __future__ import annotations

import functools

from sammen import staff_sessions
from sammen.bus.consumer import Subscription
from sammen.calendar.access import assign_secretary_organizers
from sammen.calendar.agenda_proposals import on_case_linked
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
        Subscription(
            "calendar.case-links", ("case.linked",), functools.partial(on_case_linked, settings)
        ),
        staff_sessions.subscription("calendar"),
    ]
