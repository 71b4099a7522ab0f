"""The platform's audit log of staff opening personal data, kept by routing (`GET /api/v1/audit`).

Every staff view that shows people's names or addresses calls `record_opened` in the transaction
that reads them: the record is an `audit.data_opened` event in the service's outbox, so the view and
its record commit together and a broker outage delays the record but never loses it. The event
carries ids only — who opened what — never the personal data itself.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.contracts import DataOpened

# The widths of routing's audit_log columns: a longer value could never be stored there, so it is
# refused here, where the calling view's own tests see it, not parked later in routing.
MAX_SERVICE = 40
MAX_ACTION = 40
MAX_SUBJECT = 120


def record_opened(
    session: Session,
    service: str,
    staff: StaffIdentity,
    action: str,
    subject: str | None,
    now: datetime | None = None,
) -> None:
    """Record that `staff` opened personal data in `service` (`action`, on the aggregate `subject`)."""
    if not 0 < len(service) <= MAX_SERVICE or not 0 < len(action) <= MAX_ACTION:
        raise ValueError("service and action are 1–40 characters")
    if subject is not None and not 0 < len(subject) <= MAX_SUBJECT:
        raise ValueError("subject is 1–120 characters")
    at = now or datetime.now(UTC)
    if at.tzinfo is None:
        raise ValueError("the time of an audit record must be aware")
    opened = DataOpened(
        service=service,
        staff_id=staff.id,
        action=action,
        subject=subject,
        at=at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    )
    emit(session, opened.to_event(service, at))
