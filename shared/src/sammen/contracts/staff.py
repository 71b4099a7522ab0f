"""The staff contracts: what routing's login tells the services that accept staff tokens."""

from __future__ import annotations

from dataclasses import dataclass

from sammen.contracts.base import Contract


@dataclass(frozen=True, kw_only=True)
class SecretaryOrganizersAssigned(Contract):
    TYPE = "staff.secretary_organizers_assigned"
    SUBJECT = "staff_id"

    staff_id: int
    email: str  # work address
    organizers: list[str]  # the whole set of calendar organizer slugs
    assigned_at: str


@dataclass(frozen=True, kw_only=True)
class SessionsEnded(Contract):
    TYPE = "staff.sessions_ended"
    SUBJECT = "staff_id"

    staff_id: int
    ended_at: str  # to the microsecond
