"""The personal data of Gentofte Talks' proposers, for access and erasure requests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.calendar.models import TalkProposal


def _of(session: Session, email: str) -> list[TalkProposal]:
    if not email:
        return []
    return list(session.scalars(select(TalkProposal).where(TalkProposal.proposer_email == email)))


def erase(session: Session, email: str) -> int:
    """Name and e-mail go; the proposal and a published Talk stay, under the organisation."""
    found = _of(session, email)
    for proposal in found:
        proposal.proposer_name = proposal.proposer_email = None
    session.flush()
    return len(found)


def export(session: Session, email: str) -> list[dict[str, Any]]:
    return [
        {
            "proposal_id": p.id,
            "title": p.title,
            "name": p.proposer_name,
            "email": p.proposer_email,
            "organisation": p.proposer_organisation,
            "status": p.status,
            "proposed_at": p.created_at.isoformat(),
            "decline_reason": p.decline_reason,
        }
        for p in _of(session, email)
    ]
