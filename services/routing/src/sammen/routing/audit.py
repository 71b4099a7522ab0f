"""The audit log: routing's own entries, and every other service's `audit.data_opened`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.contracts import DataOpened
from sammen.routing.event_data import SERVICE, parse_time
from sammen.routing.models import AuditEntry


def audit(
    session: Session, by: StaffIdentity, action: str, case_id: str | None, now: datetime
) -> None:
    session.add(AuditEntry(at=now, service=SERVICE, staff_id=by.id, action=action, case_id=case_id))


def record_audit_event(session: Session, event: DataOpened) -> None:
    """`audit.data_opened`: a staff view in another service showed personal data. The entry keeps
    the time of the view, not of its arrival (a broker outage may have delayed it)."""
    session.add(
        AuditEntry(
            at=parse_time(event.at, event.envelope.time),
            service=str(event.service),
            staff_id=int(event.staff_id),
            action=str(event.action),
            subject=event.subject or event.envelope.subject,
        )
    )


@dataclass(frozen=True)
class AuditFilter:
    """What `GET /api/v1/audit` asks for; `since` ≤ at < `until`."""

    staff_id: int | None = None
    service: str | None = None
    case_id: str | None = None
    subject: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 100


def audit_log(session: Session, flt: AuditFilter) -> list[AuditEntry]:
    """Entries matching every filter given, newest first."""
    query = select(AuditEntry)
    if flt.staff_id is not None:
        query = query.where(AuditEntry.staff_id == flt.staff_id)
    if flt.service:
        query = query.where(AuditEntry.service == flt.service)
    if flt.case_id:
        query = query.where(AuditEntry.case_id == flt.case_id)
    if flt.subject:
        query = query.where(AuditEntry.subject == flt.subject)
    if flt.since is not None:
        query = query.where(AuditEntry.at >= flt.since)
    if flt.until is not None:
        query = query.where(AuditEntry.at < flt.until)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(flt.limit)
    return list(session.scalars(query))
