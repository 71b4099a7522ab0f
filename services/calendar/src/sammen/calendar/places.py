"""Who gets a place: confirmed while places are left, then the waiting list; refused when closed."""

from __future__ import annotations

from datetime import datetime

from sammen.calendar.errors import RegistrationRefused
from sammen.vocabulary import N_


def registration_status(
    *,
    capacity: int | None,
    deadline: datetime | None,
    confirmed: int,
    status: str,
    starts_at: datetime,
    now: datetime,
) -> str:
    """`confirmed` while places are left, then `waitlisted`; refused when closed."""
    if capacity is None:
        raise RegistrationRefused(N_("Der er ingen tilmelding til dette arrangement."))
    if status == "cancelled":
        raise RegistrationRefused(N_("Arrangementet er aflyst."))
    if now >= (deadline or starts_at):
        raise RegistrationRefused(N_("Tilmeldingsfristen er overskredet."))
    return "confirmed" if confirmed < capacity else "waitlisted"
