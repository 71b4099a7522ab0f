"""The theme discussion's use cases, each one unit of work: a change and the events it causes
commit together."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sammen import contracts
from sammen.auth import StaffIdentity
from sammen.config import Settings
from sammen.errors import Conflict, Refused
from sammen.formats.theme_discussion import domain, mails
from sammen.formats.theme_discussion.models import Contribution, Discussion, Question
from sammen.pilot_formats.consultation import (
    Answers,
    Consultation,
    UnknownPart,
    part_named,
    parts_answered,
)
from sammen.pilot_formats.moderation import take_decision
from sammen.pilot_formats.personal_data import Holding

SERVICE = "theme_discussion"


class ClosesInThePast(Refused):
    """A new discussion whose closing time has already passed would take no answers."""

    field, message = "closes_at", "The closing time has already passed."


class DiscussionClosed(Refused):
    """An answer after the closing time."""

    field = "closes_at"

    def __init__(self, closes_at: datetime) -> None:
        super().__init__(f"The discussion closed for answers at {closes_at.isoformat()}.")


class NotYetClosed(Conflict):
    """The conclusions wait until answers can no longer come in."""

    field, message = "closes_at", "the conclusions follow the closing time."


class UnknownQuestion(UnknownPart):
    """The question named is not one of this discussion's (an answer's `question_id`, or one of
    the conclusions' `per_question`)."""

    field, message = "question_id", "Not a question of this discussion."
    conclusions_field = "per_question"


def _contributor(contribution: Contribution) -> domain.Contributor:
    return domain.Contributor(
        contribution.id,
        contribution.contributor_name,
        contribution.contributor_email,
        contribution.language,
    )


DISCUSSIONS = Consultation(SERVICE, Discussion.closes_at, "droeftelser")
CONTRIBUTIONS = Answers(
    SERVICE,
    Contribution.discussion_id,
    "contributions",
    _contributor,
    "Nyt svar til en temadrøftelse: godkend det (vis) eller skjul det",
)
discussion_url, discussions = DISCUSSIONS.url, DISCUSSIONS.listed


def sign_up_url(settings: Settings, discussion: Discussion) -> str | None:
    """Where people sign up for the committee's meeting, when the discussion names one."""
    if not discussion.event_id:
        return None
    return domain.sign_up_url(settings.base_url("calendar"), discussion.event_id)


def create_discussion(
    session: Session,
    settings: Settings,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime,
) -> Discussion:
    if not domain.accepts_contributions(payload["closes_at"], now):
        raise ClosesInThePast
    questions = [Question(position=n, text=text) for n, text in enumerate(payload["questions"], 1)]
    discussion = Discussion(
        id=str(uuid.uuid4()),
        title=payload["title"],
        committee=payload["committee"],
        intro=payload["intro"],
        event_id=payload.get("event_id"),
        closes_at=payload["closes_at"],
        created_at=now,
        created_by=staff.id,
        questions=questions,
    )

    def opened(discussion: Discussion) -> contracts.DiscussionOpened:
        return contracts.DiscussionOpened(
            discussion_id=discussion.id,
            title=discussion.title,
            committee=discussion.committee,
            event_id=discussion.event_id,
            closes_at=discussion.closes_at.isoformat(),
            questions=[contracts.DiscussionQuestion(id=q.id, text=q.text) for q in questions],
            url=discussion_url(settings, discussion.id),
        )

    DISCUSSIONS.opened(session, discussion, opened, now)
    return discussion


def submit_contribution(
    session: Session,
    settings: Settings,
    discussion: Discussion,
    payload: dict[str, Any],
    now: datetime,
) -> Contribution:
    """Store an answer to one question; it waits for the hub's moderators before it shows."""
    if not domain.accepts_contributions(discussion.closes_at, now):
        raise DiscussionClosed(discussion.closes_at)
    question = part_named(discussion.questions, payload["question_id"], UnknownQuestion)
    contribution = Contribution(
        id=str(uuid.uuid4()),
        discussion_id=discussion.id,
        question_id=question.id,
        contributor_name=payload["name"],
        contributor_email=payload["email"],
        language=payload.get("language") or "da",
        text=payload["text"],
        submitted_at=now,
        moderation=domain.PENDING,
    )
    url = discussion_url(settings, discussion.id)
    CONTRIBUTIONS.taken(
        session,
        settings,
        contribution,
        text=contribution.text,
        receipt=lambda contributor: mails.receipt(discussion, question, contributor, url),
        submitted=contracts.DiscussionContributionSubmitted(
            discussion_id=discussion.id, contribution_id=contribution.id, question_id=question.id
        ),
        # Every answer waits for the hub's moderators, who see it with its question on the public
        # page (there is no staff page for them here).
        moderated_at=f"{url}#spoergsmaal-{question.id}",
        now=now,
    )
    return contribution


def contributions(
    session: Session, discussion_id: str, published_only: bool = False
) -> list[Contribution]:
    return CONTRIBUTIONS.to(session, discussion_id, published_only)


def exported(session: Session, discussion: Discussion, staff: StaffIdentity, now: datetime) -> str:
    """The export for the meeting papers, as `staff` take it (on the audit log)."""
    rows = [
        domain.ExportRow(
            contribution_id=c.id,
            submitted_at=c.submitted_at,
            question_position=c.question.position,
            question=c.question.text,
            name=c.contributor_name,
            email=c.contributor_email,
            text=c.text,
            moderation=c.moderation,
        )
        for c in contributions(session, discussion.id)
    ]
    CONTRIBUTIONS.record_export(session, discussion.id, staff, now)
    return domain.export_csv(rows)


def publish_conclusions(
    session: Session,
    settings: Settings,
    discussion: Discussion,
    summary: str,
    per_question: list[dict[str, Any]],
    now: datetime,
) -> None:
    """Publish (or correct) the committee's conclusions; the first publication tells every
    contributor once. Questions not named keep what they had."""
    if not domain.may_conclude(discussion.closes_at, now):
        raise NotYetClosed
    questions = discussion.questions
    for question, conclusion in parts_answered(
        questions, per_question, "question_id", UnknownQuestion
    ):
        question.conclusion = conclusion["text"]
    discussion.summary = summary
    if discussion.concluded_at is None:
        discussion.concluded_at = now
        _conclude(session, settings, discussion, now)


def _conclude(session: Session, settings: Settings, discussion: Discussion, now: datetime) -> None:
    """`dialogue.discussion_concluded`, and one mail to each contributor with a link."""
    url = discussion_url(settings, discussion.id)

    def concluded(told: list[domain.Contributor]) -> contracts.DiscussionConcluded:
        return contracts.DiscussionConcluded(
            discussion_id=discussion.id,
            title=discussion.title,
            committee=discussion.committee,
            event_id=discussion.event_id,
            url=url,
            contributors=len(told),
            concluded_at=now.isoformat(),
        )

    CONTRIBUTIONS.tell_concluded(
        session, discussion.id, concluded, lambda c: mails.concluded(discussion, c, url), now
    )


def close_due(session: Session, settings: Settings, now: datetime) -> int:
    """Send `dialogue.discussion_closed` once for every discussion past its closing time."""

    def closed(discussion: Discussion) -> contracts.DiscussionClosed:
        return contracts.DiscussionClosed(
            discussion_id=discussion.id,
            title=discussion.title,
            contributions=CONTRIBUTIONS.count(session, discussion.id),
            url=discussion_url(settings, discussion.id),
        )

    return DISCUSSIONS.close_due(session, now, closed)


def apply_moderation(session: Session, event: contracts.ContributionModerated) -> None:
    """`dialogue.contribution_moderated` from the hub, for one of our answers."""
    take_decision(session, event, SERVICE, Contribution)


# What the theme discussion keeps about a person: their answers.
HOLDINGS = [
    Holding(
        "discussion_answers",
        Contribution.contributor_email,
        {
            "discussion_id": "discussion_id",
            "question": "question.text",
            "name": "contributor_name",
            "email": "contributor_email",
            "language": "language",
            "text": "text",
            "submitted_at": "submitted_at",
            "moderation": "moderation",
        },
    )
]
