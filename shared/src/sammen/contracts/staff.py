"""The staff contracts: what routing's login tells the services that accept staff tokens."""

from __future__ import annotations

from sammen.contracts.base import Contract


class SecretaryOrganizersAssigned(
    Contract, event_type="staff.secretary_organizers_assigned", subject="staff_id"
):
    staff_id: int
    email: str  # work address
    organizers: list[str]  # the whole set of calendar organizer slugs
    assigned_at: str


class SessionsEnded(Contract, event_type="staff.sessions_ended", subject="staff_id"):
    staff_id: int
    ended_at: str  # to the microsecond
