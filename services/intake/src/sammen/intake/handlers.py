"""What intake consumes: routing's case events (the public status), and privacy requests."""

from __future__ import annotations

from sammen.contracts import (
    AccessRequested,
    CaseAssigned,
    CasePublished,
    CaseStatusChanged,
    ErasureRequested,
    subscribe,
)
from sammen.intake.service import apply_case_event, erase_person, report_person

SUBSCRIPTIONS = [
    subscribe(
        "intake.case-status", apply_case_event, CaseAssigned, CaseStatusChanged, CasePublished
    ),
    subscribe("intake.erasure", erase_person, ErasureRequested),
    subscribe("intake.access", report_person, AccessRequested),
]
