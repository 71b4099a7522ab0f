"""The privacy contracts: routing's requests (GDPR art. 15 and 17), every holder's report, and the
audit record of staff opening personal data."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from sammen.contracts.base import OMITTED, PERSONAL, Contract


class PersonRequest(Contract, subject="request_id"):
    """What both requests say: whom they are about, by address or by their ideas."""

    request_id: str
    email: str | None = field(metadata=PERSONAL)
    tracking_codes: list[str]
    idea_ids: list[str]


class AccessRequested(PersonRequest, event_type="person.access_requested"):
    pass


class ErasureRequested(PersonRequest, event_type="person.erasure_requested"):
    requested_by: int  # the staff account that asked


class DataReported(Contract, event_type="person.data_reported", subject="request_id"):
    request_id: str
    service: str
    kind: str  # erasure or access
    summary: dict[str, int]  # records per table
    kept: str | None = field(default=None, metadata=OMITTED)  # what was kept and why
    data: Any = field(default=None, metadata=OMITTED)  # the export (access only)


class DataOpened(Contract, event_type="audit.data_opened", subject="subject"):
    """A staff view showed personal data: ids only, never the data shown."""

    service: str
    staff_id: int
    action: str
    subject: str | None
    at: str
