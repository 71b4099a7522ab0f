"""The theme discussion's contracts: a committee's questions opened, answered, closed and
concluded; none carries a contributor (each one's mail goes through `notification.requested`)."""

from __future__ import annotations

from dataclasses import dataclass

from sammen.contracts.base import Contract, Shape


@dataclass(frozen=True, kw_only=True)
class DiscussionQuestion(Shape):
    id: int
    text: str


@dataclass(frozen=True, kw_only=True)
class DiscussionOpened(Contract):
    TYPE = "dialogue.discussion_opened"
    SUBJECT = "discussion_id"

    discussion_id: str
    title: str
    committee: str  # the committee that asks, as written
    event_id: str | None  # the committee's meeting in the calendar
    closes_at: str
    questions: list[DiscussionQuestion]
    url: str


@dataclass(frozen=True, kw_only=True)
class DiscussionContributionSubmitted(Contract):
    TYPE = "dialogue.discussion_contribution_submitted"
    SUBJECT = "contribution_id"

    discussion_id: str
    contribution_id: str
    question_id: int


@dataclass(frozen=True, kw_only=True)
class DiscussionClosed(Contract):
    TYPE = "dialogue.discussion_closed"
    SUBJECT = "discussion_id"

    discussion_id: str
    title: str
    contributions: int  # how many answers came in
    url: str


@dataclass(frozen=True, kw_only=True)
class DiscussionConcluded(Contract):
    """Sent once, at the conclusions' first publication."""

    TYPE = "dialogue.discussion_concluded"
    SUBJECT = "discussion_id"

    discussion_id: str
    title: str
    committee: str
    event_id: str | None
    url: str  # the discussion page; the conclusions are at #konklusioner
    contributors: int  # how many people are told: one per address
    concluded_at: str
