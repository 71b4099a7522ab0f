"""Access and erasure requests (GDPR art. 15 and 17) for the members', followers' and askers' data."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sammen import privacy
from sammen.contracts import AccessRequested, ErasureRequested
from sammen.db.results import changed_rows
from sammen.formats.realisation.models import Follower, Member, Question

SERVICE = "realisation"


def erase_person(session: Session, event: ErasureRequested) -> None:
    """`person.erasure_requested`: the person's memberships, follows and questions go."""
    email = privacy.requested_email(event)
    summary = {"members": 0, "followers": 0, "questions": 0}
    if email:
        for key, model, column in (
            ("members", Member, Member.email),
            ("followers", Follower, Follower.email),
            ("questions", Question, Question.asker_email),
        ):
            result = session.execute(delete(model).where(func.lower(column) == email))
            summary[key] = changed_rows(result)
    privacy.answer(session, SERVICE, event, "erasure", summary)


def report_person(session: Session, event: AccessRequested) -> None:
    """`person.access_requested`: what the format holds from an e-mail address."""
    email = privacy.requested_email(event)
    members: list[Member] = []
    followers: list[Follower] = []
    asked: list[Question] = []
    if email:
        members = list(session.scalars(select(Member).where(func.lower(Member.email) == email)))
        followers = list(
            session.scalars(select(Follower).where(func.lower(Follower.email) == email))
        )
        asked = list(
            session.scalars(select(Question).where(func.lower(Question.asker_email) == email))
        )
    data = {
        "members": [
            {
                "committee_id": m.committee_id,
                "name": m.name,
                "email": m.email,
                "role": m.role,
                "language": m.language,
                "unsubscribed_at": m.unsubscribed_at.isoformat() if m.unsubscribed_at else None,
            }
            for m in members
        ],
        "followers": [
            {
                "recommendation_id": f.recommendation_id,
                "email": f.email,
                "language": f.language,
                "confirmed_at": f.confirmed_at.isoformat() if f.confirmed_at else None,
                "unsubscribed_at": f.unsubscribed_at.isoformat() if f.unsubscribed_at else None,
            }
            for f in followers
        ],
        "questions": [
            {
                "recommendation_id": q.recommendation_id,
                "name": q.asker_name,
                "email": q.asker_email,
                "text": q.text,
                "asked_at": q.asked_at.isoformat(),
                "answer": q.answer,
            }
            for q in asked
        ],
    }
    summary = {"members": len(members), "followers": len(followers), "questions": len(asked)}
    privacy.answer(session, SERVICE, event, "access", summary, data=data)
