"""The theme discussion's contracts: a committee's questions opened, answered, closed and
concluded; none carries a contributor (each one's mail goes through `notification.requested`)."""

from __future__ import annotations

from sammen.contracts.base import Contract, Shape


class DiscussionQuestion(Shape):
    id: int
    text: str


class DiscussionOpened(Contract, event_type="dialogue.discussion_opened", subject="discussion_id"):
    discussion_id: str
    title: str
    committee: str  # the committee that asks, as written
    event_id: str | None  # the committee's meeting in the calendar
    closes_at: str
    questions: list[DiscussionQuestion]
    url: str


class DiscussionContributionSubmitted(
    Contract, event_type="dialogue.discussion_contribution_submitted", subject="contribution_id"
):
    discussion_id: str
    contribution_id: str
    question_id: int


class DiscussionClosed(Contract, event_type="dialogue.discussion_closed", subject="discussion_id"):
    discussion_id: str
    title: str
    contributions: int  # how many answers came in
    url: str


class DiscussionConcluded(
    Contract, event_type="dialogue.discussion_concluded", subject="discussion_id"
):
    """Sent once, at the conclusions' first publication."""

    discussion_id: str
    title: str
    committee: str
    event_id: str | None
    url: str  # the discussion page; the conclusions are at #konklusioner
    contributors: int  # how many people are told: one per address
    concluded_at: str
