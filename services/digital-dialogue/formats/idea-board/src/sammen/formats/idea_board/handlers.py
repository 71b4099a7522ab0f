"""What the idea board consumes: routing's published cases and their changes, moderation, privacy."""

from __future__ import annotations

from sammen.contracts import (
    AccessRequested,
    CaseAssigned,
    CasePublished,
    CaseStatusChanged,
    ContributionModerated,
    ErasureRequested,
    subscribe,
)
from sammen.formats.idea_board.service import (
    apply_case_change,
    apply_moderation,
    apply_published,
    erase_person,
    report_person,
)

SUBSCRIPTIONS = [
    subscribe("idea_board.published", apply_published, CasePublished),
    subscribe("idea_board.case-status", apply_case_change, CaseStatusChanged, CaseAssigned),
    subscribe("idea_board.moderation", apply_moderation, ContributionModerated),
    subscribe("idea_board.erasure", erase_person, ErasureRequested),
    subscribe("idea_board.access", report_person, AccessRequested),
]
