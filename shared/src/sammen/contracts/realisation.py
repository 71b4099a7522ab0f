"""The realisation format's contracts: published updates and the questions to a recommendation's
owner — never a person: the format mails its members, followers and askers itself."""

from __future__ import annotations

from sammen.contracts.base import Contract


class UpdatePublished(Contract, event_type="realisation.update_published", subject="update_id"):
    update_id: str
    recommendation_id: str
    committee_id: str
    title: str  # the recommendation's
    status: str  # planned, in_progress, done, paused, dropped
    progress: int  # 0–100
    milestone_done: str | None  # the milestone's title
    media_url: str | None  # a podcast or film
    url: str  # the recommendation's page
    published_at: str


class QuestionAsked(Contract, event_type="realisation.question_asked", subject="question_id"):
    question_id: str
    recommendation_id: str
    title: str
    asked_at: str
    due_at: str  # the end of the 5th Danish working day, UTC
    url: str


class QuestionAnswered(Contract, event_type="realisation.question_answered", subject="question_id"):
    question_id: str
    recommendation_id: str
    answered_at: str
    on_time: bool  # answered before `due_at`
    url: str  # the answer on the page
