"""What the realisation keeps about people, for access and erasure requests (GDPR art. 15 and 17):
the members', followers' and askers' records, found by their address and shown as the report
shows them."""

from __future__ import annotations

from sammen.formats.realisation.models import Follower, Member, Question
from sammen.pilot_formats.personal_data import Holding

# What the format keeps about a person: memberships, follows and questions.
HOLDINGS = [
    Holding(
        "members",
        Member.email,
        {
            "committee_id": "committee_id",
            "name": "name",
            "email": "email",
            "role": "role",
            "language": "language",
            "unsubscribed_at": "unsubscribed_at",
        },
    ),
    Holding(
        "followers",
        Follower.email,
        {
            "recommendation_id": "recommendation_id",
            "email": "email",
            "language": "language",
            "confirmed_at": "confirmed_at",
            "unsubscribed_at": "unsubscribed_at",
        },
    ),
    Holding(
        "questions",
        Question.asker_email,
        {
            "recommendation_id": "recommendation_id",
            "name": "asker_name",
            "email": "asker_email",
            "text": "text",
            "asked_at": "asked_at",
            "answer": "answer",
        },
    ),
]
