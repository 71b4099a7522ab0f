"""The digital dialogue's contracts: the formats' heartbeats, moderation, the idea board's offers
of help and the hearings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sammen.contracts.base import PERSONAL, Contract
from sammen.contracts.people import Person


@dataclass(frozen=True, kw_only=True)
class FormatAnnounced(Contract):
    TYPE = "dialogue.format_announced"
    SUBJECT = "slug"

    slug: str
    name: str
    description: str
    url: str
    version: str
    ttl_seconds: float
    staff_url: str | None
    started_at: str


@dataclass(frozen=True, kw_only=True)
class FormatWithdrawn(Contract):
    TYPE = "dialogue.format_withdrawn"
    SUBJECT = "slug"

    slug: str


@dataclass(frozen=True, kw_only=True)
class IdeaJoined(Contract):
    TYPE = "dialogue.idea_joined"
    SUBJECT = "join_id"

    join_id: str
    case_id: str
    idea_id: str
    tracking_code: str
    title: str
    idea_url: str
    offer: str  # help, resource, contact
    message: str
    helper: Person = field(metadata=PERSONAL)
    agent: Person | None  # the case's agent (work contact), when the board knows them


@dataclass(frozen=True, kw_only=True)
class ContributionReported(Contract):
    TYPE = "dialogue.contribution_reported"
    SUBJECT = "contribution_id"

    format: str
    contribution_id: str
    # The first characters of what someone wrote.
    excerpt: str = field(metadata=PERSONAL)
    reason: str
    url: str
    # The writer as a keyed hash of their address, never the address.
    author_key: str = field(metadata=PERSONAL)


@dataclass(frozen=True, kw_only=True)
class ContributionModerated(Contract):
    TYPE = "dialogue.contribution_moderated"
    SUBJECT = "contribution_id"

    format: str
    contribution_id: str
    action: str  # hide, restore
    reason: str | None
    moderator: int  # the staff id


@dataclass(frozen=True, kw_only=True)
class HearingOpened(Contract):
    TYPE = "dialogue.hearing_opened"
    SUBJECT = "hearing_id"

    hearing_id: str
    title: str
    opens_at: str
    deadline: str
    url: str


@dataclass(frozen=True, kw_only=True)
class HearingResponseSubmitted(Contract):
    TYPE = "dialogue.hearing_response_submitted"
    SUBJECT = "response_id"

    hearing_id: str
    response_id: str
    section: int | None
    public: bool


@dataclass(frozen=True, kw_only=True)
class HearingClosed(Contract):
    TYPE = "dialogue.hearing_closed"
    SUBJECT = "hearing_id"

    hearing_id: str
    title: str
    responses: int
    url: str


@dataclass(frozen=True, kw_only=True)
class HearingConcluded(Contract):
    """Sent once, at the høringsnotat's first publication."""

    TYPE = "dialogue.hearing_concluded"
    SUBJECT = "hearing_id"

    hearing_id: str
    title: str
    url: str  # the hearing page; the høringsnotat is at #hoeringsnotat
    respondents: list[Person] = field(metadata=PERSONAL)  # one per address
