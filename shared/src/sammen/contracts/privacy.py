"""The privacy contracts: routing's requests (GDPR art. 15 and 17), every holder's report, and the
audit record of staff opening personal data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sammen.contracts.base import OMITTED, PERSONAL, Contract


@dataclass(frozen=True, kw_only=True)
class PersonRequest(Contract):
    """What both requests say: whom they are about, by address or by their ideas."""

    SUBJECT = "request_id"

    request_id: str
    email: str | None = field(metadata=PERSONAL)
    tracking_codes: list[str]
    idea_ids: list[str]


@dataclass(frozen=True, kw_only=True)
class AccessRequested(PersonRequest):
    TYPE = "person.access_requested"


@dataclass(frozen=True, kw_only=True)
class ErasureRequested(PersonRequest):
    TYPE = "person.erasure_requested"

    requested_by: int  # the staff account that asked


@dataclass(frozen=True, kw_only=True)
class DataReported(Contract):
    TYPE = "person.data_reported"
    SUBJECT = "request_id"

    request_id: str
    service: str
    kind: str  # erasure or access
    summary: dict[str, int]  # records per table
    kept: str | None = field(default=None, metadata=OMITTED)  # what was kept and why
    data: Any = field(default=None, metadata=OMITTED)  # the export (access only)


@dataclass(frozen=True, kw_only=True)
class DataOpened(Contract):
    """A staff view showed personal data: ids only, never the data shown."""

    TYPE = "audit.data_opened"
    SUBJECT = "subject"

    service: str
    staff_id: int
    action: str
    subject: str | None
    at: str
