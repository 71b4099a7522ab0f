"""Access and erasure requests (GDPR art. 15 and 17) for the members', followers' and askers' data."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sammen.contracts import AccessRequested, ErasureRequested
from sammen.formats.realisation.models import Follower, Member, Question
from sammen.pilot_formats import personal_data
from sammen.pilot_formats.personal_data import Holding

SERVICE = "realisation"


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def _member(m: Member) -> dict[str, Any]:
    return {
        "committee_id": m.committee_id,
        "name": m.name,
        "email": m.email,
        "role": m.role,
        "language": m.language,
        "unsubscribed_at": _when(m.unsubscribed_at),
    }


def _follower(f: Follower) -> dict[str, Any]:
    return {
        "recommendation_id": f.recommendation_id,
        "email": f.email,
        "language": f.language,
        "confirmed_at": _when(f.confirmed_at),
        "unsubscribed_at": _when(f.unsubscribed_at),
    }


def _question(q: Question) -> dict[str, Any]:
    return {
        "recommendation_id": q.recommendation_id,
        "name": q.asker_name,
        "email": q.asker_email,
        "text": q.text,
        "asked_at": q.asked_at.isoformat(),
        "answer": q.answer,
    }


# What the format keeps about a person: memberships, follows and questions.
HOLDINGS = [
    Holding("members", Member.email, _member),
    Holding("followers", Follower.email, _follower),
    Holding("questions", Question.asker_email, _question),
]


def erase_person(session: Session, event: ErasureRequested) -> None:
    """`person.erasure_requested`: the person's memberships, follows and questions go."""
    personal_data.erase_person(session, SERVICE, event, HOLDINGS)


def report_person(session: Session, event: AccessRequested) -> None:
    """`person.access_requested`: what the format holds from an e-mail address."""
    personal_data.report_person(session, SERVICE, event, HOLDINGS)
