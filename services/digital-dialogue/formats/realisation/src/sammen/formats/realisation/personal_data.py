"""What the realisation keeps about people, for access and erasure requests (GDPR art. 15 and 17):
the members', followers' and askers' records, found by their address and shown as the report
shows them."""

from __future__ import annotations

from typing import Any

from sammen.formats.realisation.models import Follower, Member, Question
from sammen.pilot_formats.personal_data import Holding


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
