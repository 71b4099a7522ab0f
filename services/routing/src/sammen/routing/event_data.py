"""What routing's use cases share in the data they emit: the source name, times, the agent's contact."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sammen import contracts
from sammen.routing.domain import Responsible
from sammen.routing.models import Case, StaffAccount

SERVICE = "routing"


def at_or_now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def rfc3339(moment: datetime) -> str:
    """Event times are RFC 3339 in UTC (docs/events.md)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def case_named(case: Case) -> dict[str, Any]:
    """How every event about a case names it: the case, its idea, the tracking code, the title."""
    named = {"case_id": case.id, "idea_id": case.idea_id}
    return named | {"tracking_code": case.tracking_code, "title": case.title}


def agent_contact(account: StaffAccount | None) -> dict[str, Any] | None:
    if account is None:
        return None
    return {"id": account.id, "name": account.name, "email": account.email, "phone": account.phone}


def event_agent(account: StaffAccount) -> contracts.Agent:
    """The agent as the case's events name them (work contact)."""
    return contracts.Agent(
        id=account.id, name=account.name, email=account.email, phone=account.phone
    )


def event_responsible(owner: Responsible) -> contracts.Responsible:
    return contracts.Responsible(unit=owner.unit, name=owner.name, email=owner.email)


def parse_time(value: str | None, fallback: datetime) -> datetime:
    if not value:
        return fallback
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
