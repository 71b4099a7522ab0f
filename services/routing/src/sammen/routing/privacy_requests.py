"""Citizens' privacy requests in routing: erasure and access (GDPR art. 17 and 15), and every
service's reports on them."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from sammen import privacy
from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.contracts import AccessRequested, DataReported, ErasureRequested
from sammen.db.results import changed_rows
from sammen.routing.audit import audit
from sammen.routing.domain import CLOSED
from sammen.routing.event_data import SERVICE
from sammen.routing.history import staff_entry
from sammen.routing.models import Case, PrivacyReport
from sammen.vocabulary import N_


@dataclass(frozen=True)
class PrivacyResult:
    request_id: str
    tracking_codes: list[str]
    data: list[dict[str, Any]] | None


def _cases_of(session: Session, email: str | None, tracking_code: str | None) -> list[Case]:
    query = select(Case).order_by(Case.submitted_at)
    if email:
        query = query.where(func.lower(Case.initiator_email) == email.strip().lower())
    else:
        query = query.where(Case.tracking_code == (tracking_code or "").strip().upper())
    return list(session.scalars(query))


def _request_fields(request_id: str, email: str | None, cases: list[Case]) -> dict[str, Any]:
    """What both requests say: whom they are about."""
    return {
        "request_id": request_id,
        "email": email,
        "tracking_codes": [c.tracking_code for c in cases],
        "idea_ids": [c.idea_id for c in cases],
    }


def _export(case: Case) -> dict[str, Any]:
    return {
        "tracking_code": case.tracking_code,
        "title": case.title,
        "description": case.description,
        "status": case.status,
        "submitted_at": case.submitted_at.isoformat(),
        "initiator": {
            "name": case.initiator_name,
            "email": case.initiator_email,
            "phone": case.initiator_phone,
            "organisation": case.initiator_organisation,
            "age_group": case.initiator_age_group,
        },
        "messages": [
            {"at": e.at.isoformat(), "text": e.text} for e in case.entries if e.kind == "message"
        ],
        "replies": [
            {"at": e.at.isoformat(), "text": e.text}
            for e in case.entries
            if e.kind == "initiator_replied"
        ],
    }


def _erase_contact(case: Case, now: datetime, by: StaffIdentity | None) -> None:
    case.initiator_name = case.initiator_email = case.initiator_phone = None
    case.initiator_organisation = None
    case.erased_at = now
    case.entries.append(staff_entry(now, "erased", by))


def anonymise_closed(session: Session, now: datetime, retention_days: int) -> int:
    """Erase the initiator's contact from cases closed longer than the retention period."""
    expired = session.scalars(
        select(Case).where(
            Case.status.in_(CLOSED),
            Case.erased_at.is_(None),
            Case.updated_at < now - timedelta(days=retention_days),
        )
    )
    count = 0
    for case in expired:
        _erase_contact(case, now, None)
        count += 1
    return count


def request_for_person(
    session: Session,
    kind: privacy.ReportKind,
    email: str | None,
    tracking_code: str | None,
    by: StaffIdentity,
    now: datetime,
) -> PrivacyResult:
    """An erasure (GDPR art. 17) or access (art. 15) request about the person `email` or
    `tracking_code` names: routing does its part at once and asks every other service for theirs."""
    cases = _cases_of(session, email, tracking_code)
    about = _request_fields(str(uuid.uuid4()), email, cases)
    if kind == "erasure":
        return _erase(session, about, cases, by, now)
    return _export_all(session, about, cases, by, now)


def _erase(
    session: Session, about: dict[str, Any], cases: list[Case], by: StaffIdentity, now: datetime
) -> PrivacyResult:
    """Erase routing's copy of the initiator's contact and ask every other service to do so."""
    for case in cases:
        _erase_contact(case, now, by)
    request = ErasureRequested(**about, requested_by=by.id)
    emit(session, request.to_event(SERVICE, now))
    exports = _drop_exports(session, [request.email or "", *request.tracking_codes])
    summary = {"cases": len(cases), "exports": exports}
    _report_own(session, request.request_id, "erasure", summary, now, kept=CASES_KEPT)
    return PrivacyResult(request.request_id, request.tracking_codes, None)


def _report_own(
    session: Session,
    request_id: str,
    kind: privacy.ReportKind,
    summary: dict[str, int],
    now: datetime,
    *,
    data: Any = None,
    kept: str | None = None,
) -> None:
    """Routing's own answer to its request, collected at once: the request is known from its
    first moment."""
    own = privacy.report(session, SERVICE, request_id, kind, summary, data=data, kept=kept, now=now)
    record_privacy_report(session, DataReported.from_event(own))


def _drop_exports(session: Session, person: list[str]) -> int:
    """Earlier access exports of the person lose their data: an export kept here would outlive
    the erasure it was made before. A request is about one person, so every export of a request
    that names them (e-mail or tracking code) goes, also one that names neither (the hub's)."""
    needles = [needle.strip().lower() for needle in person if needle.strip()]
    if not needles:
        return 0
    mentions = [func.lower(PrivacyReport.data).contains(n, autoescape=True) for n in needles]
    their_requests = select(PrivacyReport.request_id).where(
        PrivacyReport.data.is_not(None), or_(*mentions)
    )
    dropped = session.execute(
        update(PrivacyReport)
        .where(PrivacyReport.data.is_not(None), PrivacyReport.request_id.in_(their_requests))
        .values(data=None)
    )
    return changed_rows(dropped)


def drop_old_exports(session: Session, now: datetime) -> int:
    """Access exports are answers to one request: kept long enough to be handed over, no longer."""
    dropped = session.execute(
        update(PrivacyReport)
        .where(PrivacyReport.data.is_not(None), PrivacyReport.received_at < now - KEEP_EXPORTS)
        .values(data=None)
    )
    return changed_rows(dropped)


def _export_all(
    session: Session, about: dict[str, Any], cases: list[Case], by: StaffIdentity, now: datetime
) -> PrivacyResult:
    """Export routing's data about the person and ask every other service for theirs."""
    request = AccessRequested(**about)
    emit(session, request.to_event(SERVICE, now))
    exported = [_export(case) for case in cases]
    _report_own(session, request.request_id, "access", {"cases": len(cases)}, now, data=exported)
    for case in cases:
        audit(session, by, "privacy_access", case.id, now)
    return PrivacyResult(request.request_id, request.tracking_codes, exported)


# Why erasure keeps the case itself: it is a case of the municipality (journaliseringspligt,
# offentlighedsloven § 15, and the archiving rules), so its contact data go and its content stays.
CASES_KEPT = N_(
    "Sagen (idéens tekst, kommunens svar og forløbet) bevares uden navn og kontaktoplysninger, "
    "fordi kommunen har journaliseringspligt for sine sager."
)
# GDPR art. 12: an access request is answered within a month; the export is not kept longer.
KEEP_EXPORTS = timedelta(days=31)


def record_privacy_report(session: Session, event: DataReported) -> None:
    """Collect every service's answer to a request, so staff see one report (and one export)."""
    exists = session.scalar(
        select(PrivacyReport.id).where(
            PrivacyReport.request_id == event.request_id,
            PrivacyReport.service == event.service,
        )
    )
    if exists is not None:
        return
    session.add(
        PrivacyReport(
            request_id=event.request_id,
            service=event.service,
            kind=event.kind,
            summary=json.dumps({"summary": event.summary, "kept": event.kept}, ensure_ascii=False),
            data=json.dumps(event.data, ensure_ascii=False) if event.data is not None else None,
            received_at=event.envelope.time,
        )
    )


def privacy_reports(session: Session, request_id: str) -> list[dict[str, Any]]:
    reports = session.scalars(
        select(PrivacyReport)
        .where(PrivacyReport.request_id == request_id)
        .order_by(PrivacyReport.service)
    )
    answers = []
    for report in reports:
        summary = json.loads(report.summary)
        answers.append(
            {
                "service": report.service,
                "kind": report.kind,
                "summary": summary["summary"],
                "kept": summary["kept"],
                "data": json.loads(report.data) if report.data else None,
                "received_at": report.received_at,
            }
        )
    return answers


def opened_reports(
    session: Session, request_id: str, staff: StaffIdentity, now: datetime
) -> list[dict[str, Any]]:
    """The request's reports as a staff member opens them, the opening recorded in the audit log
    (none when there is no such request: routing's own report is stored with it)."""
    reports = privacy_reports(session, request_id)
    if reports:
        audit(session, staff, "privacy_report", None, now)
    return reports
