"""Answers to routing's privacy requests (GDPR art. 15 and 17), alike in every service.

Routing publishes `person.access_requested` or `person.erasure_requested`; each service that holds
personal data answers with one `person.data_reported` in the same transaction as its work, so
staff see one report per request (see docs/events.md).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from sammen.bootstrap import EventHandler, Queue
from sammen.bus import Event, emit
from sammen.contracts import AccessRequested, DataReported, ErasureRequested, PersonRequest
from sammen.db import checkpoint_after_commit

ReportKind = Literal["access", "erasure"]
# Every service that holds personal data: each answers every request, and routing awaits a report
# from each. A service that starts keeping personal data joins here (the privacy tests check it).
HOLDERS = (
    "routing",
    "intake",
    "notify",
    "calendar",
    "dialogue",
    "idea_board",
    "hearing",
    "theme_discussion",
    "realisation",
)


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


def queues(service: str, erase_person: EventHandler, report_person: EventHandler) -> list[Queue]:
    """`<service>.erasure` and `<service>.access`: routing's requests for a person's data, each
    handed to the service's use case (which may name further dependencies, such as `settings`)."""
    return [
        Queue(
            f"{service}.erasure",
            {ErasureRequested.TYPE: _handler("on_person_erasure_requested", erase_person)},
        ),
        Queue(
            f"{service}.access",
            {AccessRequested.TYPE: _handler("on_person_access_requested", report_person)},
        ),
    ]


def _handler(name: str, use_case: EventHandler) -> EventHandler:
    """A handler named for its event that calls `use_case`; it shows the use case's signature,
    so the consumer passes it the dependencies the use case names."""

    @functools.wraps(use_case)
    def handler(*args: object, **dependencies: object) -> None:
        use_case(*args, **dependencies)

    handler.__name__ = handler.__qualname__ = name
    return handler
