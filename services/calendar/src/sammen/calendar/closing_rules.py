"""When a meeting may be closed with what came of it ("Det hørte vi"): pure rules."""

from __future__ import annotations

from datetime import datetime

from sammen.calendar.refusals import Refused
from sammen.calendar.times import to_local
from sammen.vocabulary import N_

# What a meeting can lead to; each follow-up names one of these.
FOLLOW_UP_KINDS: dict[str, str] = {
    "topic": N_("Emne der arbejdes videre med"),
    "recommendation": N_("Anbefaling"),
    "task_committee": N_("Kommende opgaveudvalg"),
    "other": N_("Andet"),
}


def check_can_close(*, status: str, rrule: str | None, ends_at: datetime, now: datetime) -> None:
    """A single meeting that took place, once it has ended (a correction may close it again)."""
    if status == "cancelled":
        raise Refused(N_("Et aflyst møde kan ikke afsluttes."))
    if rrule:
        # A series has no one meeting to report on: the one date is made an event of its own.
        raise Refused(N_("Et gentaget arrangement kan ikke afsluttes. Afslut det enkelte møde."))
    if now < ends_at:
        raise Refused(
            N_("Mødet er ikke slut endnu. Det kan afsluttes fra %(date)s kl. %(time)s."),
            date=f"{to_local(ends_at):%d.%m.%Y}",
            time=f"{to_local(ends_at):%H.%M}",
        )


def told_of_closing(statuses: dict[str, str]) -> list[str]:
    """The registrations whose people came, as far as the calendar knows: those with a place.

    `statuses` maps registration id → status; those on the waiting list had no seat."""
    return [registration for registration, status in statuses.items() if status == "confirmed"]
