"""What the API and the pages show of a recommendation and a question: nothing of a person but the
owner's unit and name."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sammen.config import Settings
from sammen.formats.realisation import domain, service
from sammen.formats.realisation.models import Committee, Question, Recommendation


def committee_view(settings: Settings, committee: Committee) -> dict[str, Any]:
    return {
        "id": committee.id,
        "name": committee.name,
        "kind": committee.kind,
        "description": committee.description,
        "organizer": committee.organizer,
        "url": f"{settings.base_url(service.SERVICE)}/udvalg/{committee.id}",
    }


def recommendation_view(
    settings: Settings, recommendation: Recommendation, answered: list[Question]
) -> dict[str, Any]:
    return {
        "id": recommendation.id,
        "committee": committee_view(settings, recommendation.committee),
        "title": recommendation.title,
        "summary": recommendation.summary,
        "decided_by": recommendation.decided_by,
        "decided_on": recommendation.decided_on,
        "responsible": {
            "unit": recommendation.responsible_unit,
            "name": recommendation.responsible_name,
        },
        "status": recommendation.status,
        "dropped_reason": recommendation.dropped_reason,
        "progress": recommendation.progress,
        "how_to_contribute": recommendation.how_to_contribute,
        "milestones": list(recommendation.milestones),
        "links": list(recommendation.links),
        "updates": list(recommendation.updates),
        "questions": answered,
        "url": service.recommendation_url(settings, recommendation.id),
    }


def staff_question_view(question: Question, now: datetime) -> dict[str, Any]:
    """The owner answers through the format, so staff never need the asker's name or address."""
    return {
        "id": question.id,
        "recommendation_id": question.recommendation_id,
        "recommendation_title": question.recommendation.title,
        "responsible_name": question.recommendation.responsible_name,
        "text": question.text,
        "asked_at": question.asked_at,
        "due_at": question.due_at,
        "deadline": domain.question_state(service.deadline_of(question), now, question.answered_at),
        "answer": question.answer,
        "answered_at": question.answered_at,
    }
