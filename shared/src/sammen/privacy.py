"""Answers to routing's privacy requests (GDPR art. 15 and 17), alike in every service.

Routing publishes `person.access_requested` or `person.erasure_requested`; each service that holds
personal data answers with one `person.data_reported` in the same transaction as its work, so
staff see one report per request (see docs/events.md).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from sammen.bus import Event, emit
from sammen.contracts import DataReported, PersonRequest
from sammen.db import checkpoint_after_commit

ReportKind = Literal["access", "erasure"]
# Every service that holds personal data: each answers every request, and routing awaits a report
# from each. A service that starts keeping personal data joins here (the privacy tests check it).
HOLDERS = ("routing", "intake", "notify", "calendar", "dialogue", "idea_board", "hearing")


def person_key(secret_key: str, email: str) -> str:
    """A keyed hash of an e-mail address: lets a service group a person's records, or find them
    for a request, without holding the address itself."""
    address = email.strip().lower().encode()
    return hmac.new(secret_key.encode(), address, hashlib.sha256).hexdigest()


def requested_email(request: PersonRequest) -> str:
    """The request's e-mail address as services store it for matching ("" when none was given)."""
    return (request.email or "").strip().lower()


def requested_tracking_codes(request: PersonRequest) -> set[str]:
    return set(request.tracking_codes)


def report(
    session: Session,
    service: str,
    request_id: str,
    kind: ReportKind,
    summary: dict[str, int],
    *,
    data: Any = None,
    kept: str | None = None,
    now: datetime | None = None,
) -> Event:
    """Emit `service`'s answer: counts per kind of record, the export (access), what was kept.

    An erasure's answer also empties the database's log once the erasure commits, so the erased
    data leave the disk, not only the tables.
    """
    reported = DataReported(
        request_id=request_id,
        service=service,
        kind=kind,
        summary=summary,
        kept=kept,
        data=data if kind == "access" else None,
    )
    answer = reported.to_event(service, now)
    emit(session, answer)
    if kind == "erasure":
        checkpoint_after_commit(session)
    return answer


def answer(
    session: Session,
    service: str,
    request: PersonRequest,
    kind: ReportKind,
    summary: dict[str, int],
    *,
    data: Any = None,
    kept: str | None = None,
) -> None:
    """`report` in answer to a request event from routing."""
    report(session, service, request.request_id, kind, summary, data=data, kept=kept)
